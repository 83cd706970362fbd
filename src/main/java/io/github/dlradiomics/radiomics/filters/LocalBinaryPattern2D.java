package io.github.dlradiomics.radiomics.filters;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import java.util.List;

/**
 * PyRadiomics' LBP2D image type ({@code imageoperations.getLBP2DImage}): scikit-image's
 * {@code skimage.feature.local_binary_pattern(slice, P, R, method)} on every slice perpendicular to the numpy axis
 * {@code force2Ddimension} (0 = z: slices are [y][x]; 1 = y: [z][x]; 2 = x: [y][z]), the codes written back into an
 * array of the image's own pixel type (as PyRadiomics assigns them into the image's numpy array).
 *
 * <p>Reproduces scikit-image's Cython loop: sample points at row {@code -R sin(2 pi p / P)} and column
 * {@code R cos(2 pi p / P)} rounded to 5 decimals, R passed as a C float, bilinear interpolation with zeros outside
 * the slice and scikit-image's exact arithmetic, threshold {@code sample - centre >= 0}. Methods: 'default', 'ror',
 * 'uniform' (number of ones when at most 2 transitions are counted along p = 0..P-1, without the wrap-around
 * pair, else P + 1), 'nri_uniform' and 'var' (scikit-image &gt;= 0.19: the population variance of the samples, NaN
 * when 0).
 *
 * <pre>Volume lbp = LocalBinaryPattern2D.apply(ct, 1.0, 8, "uniform", 0);</pre>
 */
public final class LocalBinaryPattern2D {
    /** scikit-image's method names. */
    public static final List<String> METHODS = List.of("default", "ror", "uniform", "nri_uniform", "var");

    private LocalBinaryPattern2D() {
    }

    /** LBP of every slice perpendicular to numpy axis {@code lbpAxis}; the image's pixel type and geometry. */
    public static Volume apply(Volume image, double radius, int samples, String method, int lbpAxis) {
        String m = method == null ? "" : method.toLowerCase(java.util.Locale.ROOT);
        if (!METHODS.contains(m)) {
            throw new UserInputException("lbp2DMethod '" + method + "' is unknown (valid: " + String.join(", ", METHODS)
                    + ")");
        }
        if (samples < 1 || samples > 30) {
            throw new UserInputException("lbp2DSamples must be between 1 and 30 (got " + samples + ")");
        }
        if (lbpAxis < 0 || lbpAxis > 2) {
            throw new UserInputException("force2Ddimension must be 0, 1 or 2 (got " + lbpAxis + ")");
        }
        int[] n = image.dims();
        int[] st = {1, n[0], n[0] * n[1]};
        // our axes of the rows and columns of each slice, and the slice axis
        int rowAxis = lbpAxis == 1 ? 2 : 1;
        int colAxis = lbpAxis == 2 ? 2 : 0;
        int sliceAxis = 2 - lbpAxis;
        int rows = n[rowAxis];
        int cols = n[colAxis];
        double r32 = (float) radius;
        double[] rp = new double[samples];
        double[] cp = new double[samples];
        for (int p = 0; p < samples; p++) {
            double angle = 2 * Math.PI * p / samples;
            rp[p] = Math.rint(-r32 * Math.sin(angle) * 1e5) / 1e5;
            cp[p] = Math.rint(r32 * Math.cos(angle) * 1e5) / 1e5;
        }
        double[] in = image.data();
        double[] out = new double[in.length];
        double[] slice = new double[rows * cols];
        double[] texture = new double[samples];
        int[] signed = new int[samples];
        PixelType type = image.pixelType();
        for (int s = 0; s < n[sliceAxis]; s++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    slice[r * cols + c] = in[s * st[sliceAxis] + r * st[rowAxis] + c * st[colAxis]];
                }
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double centre = slice[r * cols + c];
                    for (int p = 0; p < samples; p++) {
                        texture[p] = bilinear(slice, rows, cols, r + rp[p], c + cp[p]);
                        signed[p] = texture[p] - centre >= 0 ? 1 : 0;
                    }
                    double lbp = code(m, texture, signed, samples);
                    out[s * st[sliceAxis] + r * st[rowAxis] + c * st[colAxis]] = castTo(type, lbp);
                }
            }
        }
        Volume v = new Volume(n[0], n[1], n[2], out, type);
        v.copyGeometryFrom(image);
        return v;
    }

    private static double code(String m, double[] texture, int[] signed, int pCount) {
        switch (m) {
            case "var" -> {
                double sum = 0;
                double sq = 0;
                for (int i = 0; i < pCount; i++) {
                    sum += texture[i];
                    sq += texture[i] * texture[i];
                }
                double var = (sq - (sum * sum) / pCount) / pCount;
                return var != 0 ? var : Double.NaN;
            }
            case "uniform", "nri_uniform" -> {
                int changes = 0;
                for (int i = 0; i < pCount - 1; i++) {
                    changes += signed[i] != signed[i + 1] ? 1 : 0;
                }
                if (m.equals("uniform")) {
                    if (changes <= 2) {
                        int ones = 0;
                        for (int i = 0; i < pCount; i++) {
                            ones += signed[i];
                        }
                        return ones;
                    }
                    return pCount + 1;
                }
                if (changes > 2) {
                    return pCount * (pCount - 1) + 2;
                }
                int ones = 0;
                int firstOne = -1;
                int firstZero = -1;
                for (int i = 0; i < pCount; i++) {
                    if (signed[i] != 0) {
                        ones++;
                        if (firstOne == -1) {
                            firstOne = i;
                        }
                    } else if (firstZero == -1) {
                        firstZero = i;
                    }
                }
                if (ones == 0) {
                    return 0;
                }
                if (ones == pCount) {
                    return pCount * (pCount - 1) + 1;
                }
                int rot = firstOne == 0 ? ones - firstZero : pCount - firstOne;
                return 1 + (ones - 1) * pCount + rot;
            }
            default -> {
                int lbp = 0;
                for (int i = 0; i < pCount; i++) {
                    lbp += signed[i] << i;
                }
                if (m.equals("ror")) {
                    int best = lbp;
                    int cur = lbp;
                    for (int i = 1; i < pCount; i++) {
                        cur = (cur >> 1) | ((cur & 1) << (pCount - 1));
                        best = Math.min(best, cur);
                    }
                    return best;
                }
                return lbp;
            }
        }
    }

    /** scikit-image's bilinear_interpolation with mode 'C' and cval 0, in its order of operations. */
    static double bilinear(double[] img, int rows, int cols, double r, double c) {
        long minr = (long) Math.floor(r);
        long minc = (long) Math.floor(c);
        long maxr = (long) Math.ceil(r);
        long maxc = (long) Math.ceil(c);
        double dr = r - minr;
        double dc = c - minc;
        double tl = pixel(img, rows, cols, minr, minc);
        double tr = pixel(img, rows, cols, minr, maxc);
        double bl = pixel(img, rows, cols, maxr, minc);
        double br = pixel(img, rows, cols, maxr, maxc);
        double top = (1 - dc) * tl + dc * tr;
        double bottom = (1 - dc) * bl + dc * br;
        return (1 - dr) * top + dr * bottom;
    }

    private static double pixel(double[] img, int rows, int cols, long r, long c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            return 0;
        }
        return img[(int) r * cols + (int) c];
    }

    /** numpy's assignment of a float64 value into an array of {@code type} (integers truncate toward zero). */
    static double castTo(PixelType type, double v) {
        if (type == PixelType.FLOAT64) {
            return v;
        }
        if (type == PixelType.FLOAT32) {
            return (float) v;
        }
        return Double.isFinite(v) ? (double) (long) v : v;
    }
}
