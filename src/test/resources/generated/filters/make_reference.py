#!/usr/bin/env python3
"""Reference arrays for io.github.dlradiomics.radiomics.filters tests (run once by hand; never at test time).

Command (from the repository root, with a checkout of AIM-Harvard/pyradiomics at commit
8ed579383b44806651c463d5e691f3b2b57522ab, file radiomics/imageoperations.py):

    /usr/bin/python3 src/test/resources/generated/filters/make_reference.py \
        /path/to/pyradiomics/radiomics/imageoperations.py src/test/resources/generated/filters

Packages used (Debian 12 packages, installed with apt-get): python3 3.11, python3-numpy 1:1.24.2-1+deb12u1,
python3-pywt 1.1.1-3+b2, python3-skimage 0.19.3-8, python3-scipy 1.10.1-2.

The filters are PyRadiomics' own functions (getWaveletImage/_swt3, getLBP2DImage, getSquareImage,
getSquareRootImage, getLogarithmImage, getExponentialImage), executed from PyRadiomics' source with the real
PyWavelets and scikit-image. SimpleITK is not installed, so a minimal stand-in provides only the three calls
these functions make on images (GetArrayFromImage, GetImageFromArray, CopyInformation); it does no computing.
LoG and Gradient need SimpleITK's filters and are not produced here.

Output: one little-endian .npy per case, an array of shape (k, nz, ny, nx) (numpy order, i.e. x fastest), and
index.csv: case,file,dtype,input,settings,names (names separated by '|', in PyRadiomics' yield order).
"""
import sys
import types
import logging

import numpy as np

logging.disable(logging.CRITICAL)


class _Img:
    def __init__(self, arr):
        self.arr = np.asarray(arr)

    def CopyInformation(self, other):
        pass

    def GetDimension(self):
        return self.arr.ndim

    def GetSize(self):
        return tuple(reversed(self.arr.shape))


fake = types.ModuleType("SimpleITK")
fake.GetArrayFromImage = lambda img: img.arr.copy()
fake.GetImageFromArray = lambda arr: _Img(arr)
sys.modules["SimpleITK"] = fake

src_path, out_dir = sys.argv[1], sys.argv[2]
io = types.ModuleType("imageoperations")
exec(compile(open(src_path).read(), src_path, "exec"), io.__dict__)

rng = np.random.default_rng(20240611)
rows = []


def save(case, img, gen):
    names, arrays = [], []
    for im, name, _ in gen:
        names.append(name)
        arrays.append(np.asarray(im.arr))
    stack = np.stack(arrays)
    fname = case + ".npy"
    np.save(out_dir + "/" + fname, stack)
    rows.append((case, fname, str(stack.dtype), img, names))


# --- inputs (numpy order [z][y][x]); odd sizes exercise PyRadiomics' wrap padding
vol_f64 = rng.normal(100.0, 40.0, size=(5, 6, 7))            # nz=5, ny=6, nx=7
vol_i16 = rng.integers(-3, 4, size=(5, 6, 7)).astype(np.int16)  # many ties for LBP
vol_f32 = rng.normal(0.0, 10.0, size=(4, 5, 3)).astype(np.float32)
np.save(out_dir + "/input_f64.npy", vol_f64)
np.save(out_dir + "/input_i16.npy", vol_i16)
np.save(out_dir + "/input_f32.npy", vol_f32)

I64, I16, F32 = _Img(vol_f64), _Img(vol_i16), _Img(vol_f32)

save("wavelet_coif1_l2", "input_f64", io.getWaveletImage(I64, None, wavelet="coif1", level=2))
save("wavelet_haar_s1", "input_f64", io.getWaveletImage(I64, None, wavelet="haar", start_level=1, level=1))
save("wavelet_db3", "input_f64", io.getWaveletImage(I64, None, wavelet="db3"))
save("wavelet_sym4", "input_i16", io.getWaveletImage(I16, None, wavelet="sym4"))
save("wavelet_coif2_2d1", "input_f64",
     io.getWaveletImage(I64, None, wavelet="coif2", force2D=True, force2Ddimension=1))
save("wavelet_coif1_f32", "input_f32", io.getWaveletImage(F32, None, wavelet="coif1"))

for axis in (0, 1, 2):
    save("lbp2d_uniform_a%d" % axis, "input_i16",
         io.getLBP2DImage(I16, None, lbp2DRadius=1, lbp2DSamples=8, lbp2DMethod="uniform",
                          force2D=True, force2Ddimension=axis))
save("lbp2d_uniform_r2_f64", "input_f64",
     io.getLBP2DImage(I64, None, lbp2DRadius=2, lbp2DSamples=12, lbp2DMethod="uniform", force2D=True))
save("lbp2d_default_r15_f64", "input_f64",
     io.getLBP2DImage(I64, None, lbp2DRadius=1.5, lbp2DSamples=8, lbp2DMethod="default", force2D=True,
                      force2Ddimension=2))
save("lbp2d_ror_i16", "input_i16",
     io.getLBP2DImage(I16, None, lbp2DRadius=1, lbp2DSamples=8, lbp2DMethod="ror", force2D=True))
save("lbp2d_nri_i16", "input_i16",
     io.getLBP2DImage(I16, None, lbp2DRadius=1, lbp2DSamples=8, lbp2DMethod="nri_uniform", force2D=True))

save("square", "input_f64", io.getSquareImage(I64, None))
save("squareroot", "input_i16", io.getSquareRootImage(I16, None))
save("logarithm", "input_i16", io.getLogarithmImage(I16, None))
save("exponential", "input_f64", io.getExponentialImage(_Img(vol_f64 / 40.0), None))
np.save(out_dir + "/input_f64_div40.npy", vol_f64 / 40.0)
rows[-1] = rows[-1][:3] + ("input_f64_div40",) + rows[-1][4:]

with open(out_dir + "/index.csv", "w") as f:
    f.write("case,file,dtype,input,names\n")
    for case, fname, dtype, img, names in rows:
        f.write("%s,%s,%s,%s,%s\n" % (case, fname, dtype, img, "|".join(names)))
print("wrote", len(rows), "cases")
