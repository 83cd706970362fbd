#!/usr/bin/env python3
"""Reference arrays for io.github.dlradiomics.radiomics.filters tests (run once by hand; never at test time).

Command (from the repository root, with a checkout of AIM-Harvard/pyradiomics at commit
8ed579383b44806651c463d5e691f3b2b57522ab, file radiomics/imageoperations.py, and the source tree of
mikedh/trimesh at commit a513c0e2cfa6dfbd3121a6dfd8ceb002b9ef55d8, i.e. the folder holding its `trimesh` package,
e.g. `git archive a513c0e2 trimesh | tar -x -C /tmp/trimesh-src`):

    /usr/bin/python3 src/test/resources/generated/filters/make_reference.py \
        /path/to/pyradiomics/radiomics/imageoperations.py src/test/resources/generated/filters /tmp/trimesh-src

Packages used (Debian 12 packages, installed with apt-get): python3 3.11, python3-numpy 1:1.24.2-1+deb12u1,
python3-pywt 1.1.1-3+b2, python3-skimage 0.19.3-8, python3-scipy 1.10.1-2.

The filters are PyRadiomics' own functions (getWaveletImage/_swt3, getLBP2DImage, getLBP3DImage, getSquareImage,
getSquareRootImage, getLogarithmImage, getExponentialImage), executed from PyRadiomics' source with the real
PyWavelets, scikit-image, scipy (map_coordinates, sph_harm, stats.kurtosis) and trimesh (icosphere; trimesh is not
packaged by Debian, its pure-Python source needs only numpy and is imported from the given source tree).
SimpleITK is not installed, so a minimal stand-in provides only the three calls these functions make on images
(GetArrayFromImage, GetImageFromArray (copying, as SimpleITK does), CopyInformation); it does no computing.
LoG and Gradient need SimpleITK's filters and are not produced here.

LBP3D: getLBP3DImage leaves the voxels outside the mask uninitialised (np.ndarray); they are written as 0 here.
Masks are saved as int16 (mask_*.npy, 1 = ROI). Also written for LBP3D, outside index.csv:
lbp3d_icosphere_s{S}_r{R}.npy (trimesh's icosphere(S, R).vertices) and lbp3d_f64_samples.npy (the
map_coordinates samples of case lbp3d_f64, shape (Np, Nv), ROI voxels in numpy C order).

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
fake.GetImageFromArray = lambda arr: _Img(np.array(arr))
sys.modules["SimpleITK"] = fake

src_path, out_dir = sys.argv[1], sys.argv[2]
if len(sys.argv) > 3:
    sys.path.insert(0, sys.argv[3])  # trimesh source tree
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

# --- LBP3D (own generator so that the inputs above stay as they were)
rng3 = np.random.default_rng(20250301)
mask_a = (rng3.random(size=vol_f64.shape) < 0.7).astype(np.int16)
mask_ones = np.ones(vol_i16.shape, np.int16)
mask_f32 = np.ones(vol_f32.shape, np.int16)
flat_i16 = rng3.integers(40, 60, size=(6, 7, 8)).astype(np.int16)
flat_i16[:, 3:, 3:] = 50  # a flat block: samples all equal the centre (ties; zero variance -> kurtosis NaN)
flat_f64 = flat_i16.astype(np.float64) + np.where(flat_i16 == 50, 0.0, rng3.normal(0.0, 0.3, size=flat_i16.shape))
mask_flat = np.ones(flat_i16.shape, np.int16)
for name, arr in (("mask_lbp_a", mask_a), ("mask_lbp_ones", mask_ones), ("mask_lbp_f32", mask_f32),
                  ("mask_lbp_flat", mask_flat), ("input_flat_i16", flat_i16), ("input_flat_f64", flat_f64)):
    np.save(out_dir + "/" + name + ".npy", arr)


def save_lbp3d(case, img_name, arr, mask, **kw):
    gen = io.getLBP3DImage(_Img(arr), _Img(mask), **kw)
    names, arrays = [], []
    for im, name, _ in gen:
        names.append(name)
        out = np.array(im.arr)
        out[mask != 1] = 0.0  # uninitialised memory in PyRadiomics
        arrays.append(out)
    stack = np.stack(arrays)
    np.save(out_dir + "/" + case + ".npy", stack)
    rows.append((case, case + ".npy", str(stack.dtype), img_name, names))


save_lbp3d("lbp3d_f64", "input_f64", vol_f64, mask_a)
save_lbp3d("lbp3d_i16_l3", "input_i16", vol_i16, mask_ones, lbp3DLevels=3)
save_lbp3d("lbp3d_f32_s2_r2", "input_f32", vol_f32, mask_f32, lbp3DIcosphereSubdivision=2,
           lbp3DIcosphereRadius=2.0)
save_lbp3d("lbp3d_s0_r15", "input_f64", vol_f64, mask_a, lbp3DIcosphereSubdivision=0,
           lbp3DIcosphereRadius=1.5)
# lbp3DLevels=1 is not a case: PyRadiomics' getLBP3DImage raises IndexError (Y stays 1-D without column_stack)
save_lbp3d("lbp3d_flat_i16", "input_flat_i16", flat_i16, mask_flat)
save_lbp3d("lbp3d_flat_f64_l4", "input_flat_f64", flat_f64, mask_flat, lbp3DLevels=4)

from trimesh.creation import icosphere  # noqa: E402
from scipy.ndimage import map_coordinates  # noqa: E402

for sub, rad, tag in ((0, 1.5, "s0_r1.5"), (1, 1.0, "s1_r1"), (2, 2.0, "s2_r2")):
    np.save(out_dir + "/lbp3d_icosphere_%s.npy" % tag, np.array(icosphere(sub, rad).vertices))
# the samples PyRadiomics interpolates for lbp3d_f64 (its expression, scipy's map_coordinates defaults)
ico = np.array(icosphere(1, 1).vertices)
roi = np.where(mask_a == 1)
coords = np.array(roi).T[None, :, :] + ico[:, None, :]
np.save(out_dir + "/lbp3d_f64_samples.npy", map_coordinates(vol_f64, coords.T, order=3))

with open(out_dir + "/index.csv", "w") as f:
    f.write("case,file,dtype,input,names\n")
    for case, fname, dtype, img, names in rows:
        f.write("%s,%s,%s,%s,%s\n" % (case, fname, dtype, img, "|".join(names)))
print("wrote", len(rows), "cases")
