package io.github.dlradiomics.radiomics.filters;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * PyRadiomics' wavelet image type ({@code imageoperations.getWaveletImage} and {@code _swt3}): an undecimated
 * (stationary) wavelet decomposition with PyWavelets' semantics.
 *
 * <p>What PyRadiomics does, and this class repeats:
 * <ul>
 * <li>every odd array dimension is padded by one voxel at its end, wrapping around ({@code np.pad(.., "wrap")});</li>
 * <li>each level is one call {@code pywt.swtn(data, wavelet, level=1, start_level=0, axes)}, applied to the
 *     previous level's approximation. The filters are therefore never upsampled between levels (a PyRadiomics
 *     particularity); the first {@code start_level} levels are computed and discarded;</li>
 * <li>one level along one axis is PyWavelets' {@code swt_} at level 1: a periodic convolution
 *     {@code out[o] = sum_j f[j] * x[(o + F/2 - j) mod N]} with {@code dec_lo} (approximation) and {@code dec_hi}
 *     (detail);</li>
 * <li>axes are numpy (2, 1, 0) = x, y, z: the first letter of a name is x, the second y, the third z;
 *     with force2D the numpy axis {@code force2Ddimension} is left out;</li>
 * <li>sub-bands come in PyWavelets' dict order (LLH, LHL, LHH, HLL, HLH, HHL, HHH) per level, levels in order,
 *     the last approximation last; named {@code wavelet-XYZ} for the first kept level and
 *     {@code wavelet<k>-XYZ} for the k-th (k &gt;= 2);</li>
 * <li>outputs are cropped back to the input size.</li>
 * </ul>
 * PyWavelets computes float64 for integer input and float32 for float32 input; so does this class.
 *
 * <pre>var l = StationaryWavelet.decompose(img, WaveletFilterBank.of("coif1"), 0, 1, new int[] {0, 1, 2});</pre>
 */
public final class StationaryWavelet {
    private StationaryWavelet() {
    }

    /**
     * The decomposition of {@code image} over {@code axes} (our axis indices, 0 = x, 1 = y, 2 = z, in PyRadiomics'
     * order), levels {@code startLevel .. startLevel + level - 1}, in PyRadiomics' order and names.
     */
    public static List<DerivedImage> decompose(Volume image, WaveletFilterBank w, int startLevel, int level,
            int[] axes) {
        if (level < 1 || startLevel < 0) {
            throw new UserInputException("wavelet: 'level' must be >= 1 and 'start_level' >= 0 (got level " + level
                    + ", start_level " + startLevel + ")");
        }
        boolean single = image.pixelType() == PixelType.FLOAT32;
        int[] n = image.dims();
        int[] p = {n[0] + (n[0] % 2), n[1] + (n[1] % 2), n[2] + (n[2] % 2)};
        double[] data = padWrap(image.data(), n, p);
        if (single) {
            roundToFloat(data);
        }
        int nAxes = axes.length;
        for (int i = 0; i < startLevel; i++) {
            data = oneLevel(data, p, w, axes, single, true)[0];
        }
        List<DerivedImage> out = new ArrayList<>();
        String approxName = "L".repeat(nAxes);
        for (int lev = 1; lev <= level; lev++) {
            double[][] bands = oneLevel(data, p, w, axes, single, false);
            String prefix = lev == 1 ? "wavelet-" : "wavelet" + lev + "-";
            for (int b = 1; b < bands.length; b++) {
                out.add(new DerivedImage(prefix + bandName(b, nAxes), crop(bands[b], p, n, image, single)));
            }
            data = bands[0];
        }
        String prefix = level == 1 ? "wavelet-" : "wavelet" + level + "-";
        out.add(new DerivedImage(prefix + approxName, crop(data, p, n, image, single)));
        return out;
    }

    /** Name of sub-band index b (bit i from the left, 1 = detail, for axis i). */
    static String bandName(int b, int nAxes) {
        StringBuilder sb = new StringBuilder();
        for (int i = nAxes - 1; i >= 0; i--) {
            sb.append(((b >> i) & 1) == 1 ? 'H' : 'L');
        }
        return sb.toString();
    }

    /**
     * One swtn level over the axes in order. Band index bits: the first axis is the most significant bit, as
     * PyWavelets' keys (the first character is the first axis) in its dict order. With {@code approxOnly}, only
     * band 0 is computed (the others are null).
     */
    static double[][] oneLevel(double[] data, int[] p, WaveletFilterBank w, int[] axes, boolean single,
            boolean approxOnly) {
        double[][] cur = {data};
        for (int axis : axes) {
            double[][] next = new double[cur.length * 2][];
            for (int b = 0; b < cur.length; b++) {
                if (cur[b] == null) {
                    continue;
                }
                next[2 * b] = convolveAxis(cur[b], p, axis, w.decLo(), w.floatFilter(false), single);
                if (!approxOnly) {
                    next[2 * b + 1] = convolveAxis(cur[b], p, axis, w.decHi(), w.floatFilter(true), single);
                }
            }
            cur = next;
        }
        return cur;
    }

    /** Periodic convolution along one axis: out[o] = sum_j f[j] x[(o + F/2 - j) mod N]. */
    static double[] convolveAxis(double[] in, int[] p, int axis, double[] f, float[] ff, boolean single) {
        int nLine = p[axis];
        int fl = f.length;
        int[] idx = new int[nLine * fl];
        for (int o = 0; o < nLine; o++) {
            for (int j = 0; j < fl; j++) {
                idx[o * fl + j] = Math.floorMod(o + fl / 2 - j, nLine);
            }
        }
        int stride = axis == 0 ? 1 : axis == 1 ? p[0] : p[0] * p[1];
        double[] out = new double[in.length];
        double[] line = new double[nLine];
        int outer = in.length / nLine;
        for (int l = 0; l < outer; l++) {
            // the start of line l: lines enumerated over the other two axes
            int start;
            if (axis == 0) {
                start = l * nLine;
            } else if (axis == 1) {
                start = (l % p[0]) + (l / p[0]) * p[0] * p[1];
            } else {
                start = l;
            }
            for (int i = 0, q = start; i < nLine; i++, q += stride) {
                line[i] = in[q];
            }
            for (int o = 0, q = start; o < nLine; o++, q += stride) {
                int base = o * fl;
                if (single) {
                    float s = 0;
                    for (int j = 0; j < fl; j++) {
                        s += ff[j] * (float) line[idx[base + j]];
                    }
                    out[q] = s;
                } else {
                    double s = 0;
                    for (int j = 0; j < fl; j++) {
                        s += f[j] * line[idx[base + j]];
                    }
                    out[q] = s;
                }
            }
        }
        return out;
    }

    static double[] padWrap(double[] in, int[] n, int[] p) {
        double[] out = new double[p[0] * p[1] * p[2]];
        for (int z = 0; z < p[2]; z++) {
            int sz = z % n[2];
            for (int y = 0; y < p[1]; y++) {
                int sy = y % n[1];
                int o = p[0] * (y + p[1] * z);
                int s = n[0] * (sy + n[1] * sz);
                for (int x = 0; x < p[0]; x++) {
                    out[o + x] = in[s + (x % n[0])];
                }
            }
        }
        return out;
    }

    private static Volume crop(double[] d, int[] p, int[] n, Volume like, boolean single) {
        double[] out = new double[n[0] * n[1] * n[2]];
        for (int z = 0; z < n[2]; z++) {
            for (int y = 0; y < n[1]; y++) {
                System.arraycopy(d, p[0] * (y + p[1] * z), out, n[0] * (y + n[1] * z), n[0]);
            }
        }
        Volume v = new Volume(n[0], n[1], n[2], out, single ? PixelType.FLOAT32 : PixelType.FLOAT64);
        v.copyGeometryFrom(like);
        return v;
    }

    private static void roundToFloat(double[] d) {
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) d[i];
        }
    }
}
