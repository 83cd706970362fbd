package io.github.dlradiomics.radiomics;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;

/**
 * Resamples a volume onto a new grid the way SimpleITK's ResampleImageFilter does with an identity
 * transform: each output voxel centre is mapped to a continuous input index; points outside
 * [-0.5, n - 0.5) get 0; values are interpolated by nearest neighbour (half up), linear (edge-clamped)
 * or cubic B-spline (ITK's BSplineInterpolateImageFunction, order 3, mirror boundaries, coefficients
 * by recursive filtering with tolerance 1e-10), then cast to the output type with ITK's bounds check
 * (clamp, then truncate toward zero for integer types).
 *
 * <pre>Volume r = Resampler.resample(img, spacing, size, origin, img.direction(), Interpolator.BSPLINE, img.pixelType());</pre>
 */
public final class Resampler {
    /** SimpleITK interpolators we implement. */
    public enum Interpolator {
        NEAREST, LINEAR, BSPLINE;

        /** From PyRadiomics' name ("sitkBSpline") or SimpleITK's integer code. */
        public static Interpolator of(String name) {
            return switch (name) {
                case "sitkNearestNeighbor", "1" -> NEAREST;
                case "sitkLinear", "2" -> LINEAR;
                case "sitkBSpline", "3" -> BSPLINE;
                default -> throw new io.github.dlradiomics.util.UserInputException("interpolator '" + name
                        + "' is not supported (use sitkNearestNeighbor, sitkLinear or sitkBSpline)");
            };
        }
    }

    private Resampler() {
    }

    /**
     * B-spline coefficients at a distance d from a cut line differ from the whole line's by about
     * 0.268^d of the data range; 30 voxels put that below double precision, so only the output's
     * footprint plus this margin is filtered, not the whole input.
     */
    private static final int BSPLINE_MARGIN = 30;

    /** Resamples {@code in} onto the grid (spacing, size, origin, direction). */
    public static Volume resample(Volume in, double[] spacing, int[] size, double[] origin, double[] direction,
            Interpolator interp, PixelType outType) {
        Volume out = new Volume(size[0], size[1], size[2], outType);
        out.setSpacing(spacing).setOrigin(origin).setDirection(direction);
        // continuous input index = A * outIndex + b, always in the whole input's index space (so rounding ties fall
        // exactly as in ITK); only the data read is restricted to the footprint below
        double[] b = physToIndex(in, out.indexToPhysical(0, 0, 0));
        double[][] a = new double[3][];
        for (int c = 0; c < 3; c++) {
            double[] e = physToIndex(in, out.indexToPhysical(c == 0 ? 1 : 0, c == 1 ? 1 : 0, c == 2 ? 1 : 0));
            a[c] = new double[] {e[0] - b[0], e[1] - b[1], e[2] - b[2]};
        }
        int nx = in.nx();
        int ny = in.ny();
        int nz = in.nz();
        int[] from = new int[3];
        int[] to = new int[3];
        int margin = interp == Interpolator.BSPLINE ? BSPLINE_MARGIN : 2;
        int[] dims = {nx, ny, nz};
        for (int i = 0; i < 3; i++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 8; c++) {
                double v = b[i] + a[0][i] * ((c & 1) == 0 ? 0 : size[0] - 1) + a[1][i] * ((c & 2) == 0 ? 0 : size[1] - 1)
                        + a[2][i] * ((c & 4) == 0 ? 0 : size[2] - 1);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            from[i] = (int) Math.max(0, Math.min(dims[i] - 1, Math.floor(lo) - margin));
            to[i] = (int) Math.min(dims[i] - 1, Math.max(from[i], Math.ceil(hi) + margin));
        }
        int cx = to[0] - from[0] + 1;
        int cy = to[1] - from[1] + 1;
        int cz = to[2] - from[2] + 1;
        double[] src = new double[cx * cy * cz];
        for (int z = 0; z < cz; z++) {
            for (int y = 0; y < cy; y++) {
                System.arraycopy(in.data(), in.index(from[0], from[1] + y, from[2] + z), src, cx * (y + cy * z), cx);
            }
        }
        double[] coeff = interp == Interpolator.BSPLINE ? bsplineCoefficients(src, cx, cy, cz) : null;
        double[] dst = out.data();
        double lo = outType.min();
        double hi = outType.max();
        boolean integral = !outType.isFloating();
        int o = 0;
        double[] w = new double[12];
        int[] idx = new int[12];
        for (int k = 0; k < size[2]; k++) {
            for (int j = 0; j < size[1]; j++) {
                for (int i = 0; i < size[0]; i++, o++) {
                    double x = b[0] + a[0][0] * i + a[1][0] * j + a[2][0] * k;
                    double y = b[1] + a[0][1] * i + a[1][1] * j + a[2][1] * k;
                    double z = b[2] + a[0][2] * i + a[1][2] * j + a[2][2] * k;
                    if (!(x >= -0.5 && x < nx - 0.5 && y >= -0.5 && y < ny - 0.5 && z >= -0.5 && z < nz - 0.5)) {
                        dst[o] = 0;
                        continue;
                    }
                    double v = switch (interp) {
                        case NEAREST -> src[(int) Math.floor(x + 0.5) - from[0] + cx * ((int) Math.floor(y + 0.5)
                                - from[1] + cy * ((int) Math.floor(z + 0.5) - from[2]))];
                        case LINEAR -> linear(src, dims, from, cx, cy, x, y, z);
                        case BSPLINE -> bspline(coeff, dims, from, cx, cy, x, y, z, w, idx);
                    };
                    if (v < lo) {
                        v = lo;
                    } else if (v > hi) {
                        v = hi;
                    }
                    dst[o] = integral ? (v < 0 ? Math.ceil(v) : Math.floor(v)) : (outType == PixelType.FLOAT32
                            ? (float) v : v);
                }
            }
        }
        return out;
    }

    private static double[] physToIndex(Volume v, double[] p) {
        return v.physicalToIndex(p[0], p[1], p[2]);
    }

    private static double linear(double[] s, int[] n, int[] from, int cx, int cy, double x, double y, double z) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int z0 = (int) Math.floor(z);
        double fx = x - x0;
        double fy = y - y0;
        double fz = z - z0;
        // ITK clamps neighbours to the image; indices are then taken relative to the footprint
        int xa = Math.min(Math.max(x0, 0), n[0] - 1) - from[0];
        int xb = Math.min(x0 + 1, n[0] - 1) - from[0];
        int ya = Math.min(Math.max(y0, 0), n[1] - 1) - from[1];
        int yb = Math.min(y0 + 1, n[1] - 1) - from[1];
        int za = Math.min(Math.max(z0, 0), n[2] - 1) - from[2];
        int zb = Math.min(z0 + 1, n[2] - 1) - from[2];
        double c00 = s[xa + cx * (ya + cy * za)] * (1 - fx) + s[xb + cx * (ya + cy * za)] * fx;
        double c10 = s[xa + cx * (yb + cy * za)] * (1 - fx) + s[xb + cx * (yb + cy * za)] * fx;
        double c01 = s[xa + cx * (ya + cy * zb)] * (1 - fx) + s[xb + cx * (ya + cy * zb)] * fx;
        double c11 = s[xa + cx * (yb + cy * zb)] * (1 - fx) + s[xb + cx * (yb + cy * zb)] * fx;
        double c0 = c00 * (1 - fy) + c10 * fy;
        double c1 = c01 * (1 - fy) + c11 * fy;
        return c0 * (1 - fz) + c1 * fz;
    }

    // ---- cubic B-spline (Unser; ITK BSplineDecompositionImageFilter / BSplineInterpolateImageFunction)
    private static final double POLE = Math.sqrt(3.0) - 2.0;
    private static final double TOLERANCE = 1e-10;

    static double[] bsplineCoefficients(double[] data, int nx, int ny, int nz) {
        double[] c = data.clone();
        double[] line = new double[Math.max(nx, Math.max(ny, nz))];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int base = nx * (y + ny * z);
                for (int x = 0; x < nx; x++) {
                    line[x] = c[base + x];
                }
                toCoefficients(line, nx);
                for (int x = 0; x < nx; x++) {
                    c[base + x] = line[x];
                }
            }
        }
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) {
                for (int y = 0; y < ny; y++) {
                    line[y] = c[x + nx * (y + ny * z)];
                }
                toCoefficients(line, ny);
                for (int y = 0; y < ny; y++) {
                    c[x + nx * (y + ny * z)] = line[y];
                }
            }
        }
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                for (int z = 0; z < nz; z++) {
                    line[z] = c[x + nx * (y + ny * z)];
                }
                toCoefficients(line, nz);
                for (int z = 0; z < nz; z++) {
                    c[x + nx * (y + ny * z)] = line[z];
                }
            }
        }
        return c;
    }

    private static void toCoefficients(double[] s, int n) {
        if (n == 1) {
            return;
        }
        double z = POLE;
        double gain = (1.0 - z) * (1.0 - 1.0 / z);
        for (int i = 0; i < n; i++) {
            s[i] *= gain;
        }
        // initial causal coefficient (mirror boundary)
        int horizon = (int) Math.ceil(Math.log(TOLERANCE) / Math.log(Math.abs(z)));
        if (horizon < n) {
            double zn = z;
            double sum = s[0];
            for (int i = 1; i < horizon; i++) {
                sum += zn * s[i];
                zn *= z;
            }
            s[0] = sum;
        } else {
            double zn = z;
            double iz = 1.0 / z;
            double z2n = Math.pow(z, n - 1);
            double sum = s[0] + z2n * s[n - 1];
            z2n *= z2n * iz;
            for (int i = 1; i <= n - 2; i++) {
                sum += (zn + z2n) * s[i];
                zn *= z;
                z2n *= iz;
            }
            s[0] = sum / (1.0 - zn * zn);
        }
        for (int i = 1; i < n; i++) {
            s[i] += z * s[i - 1];
        }
        // initial anti-causal coefficient
        s[n - 1] = (z / (z * z - 1.0)) * (z * s[n - 2] + s[n - 1]);
        for (int i = n - 2; i >= 0; i--) {
            s[i] = z * (s[i + 1] - s[i]);
        }
    }

    private static double bspline(double[] c, int[] n, int[] from, int cx, int cy, double x, double y, double z,
            double[] w, int[] idx) {
        weights(x, n[0], w, idx, 0);
        weights(y, n[1], w, idx, 4);
        weights(z, n[2], w, idx, 8);
        double v = 0;
        for (int k = 0; k < 4; k++) {
            double wz = w[8 + k];
            if (wz == 0) {
                continue;
            }
            int zo = cx * cy * (idx[8 + k] - from[2]);
            for (int j = 0; j < 4; j++) {
                double wyz = wz * w[4 + j];
                int yo = zo + cx * (idx[4 + j] - from[1]);
                double s = 0;
                for (int i = 0; i < 4; i++) {
                    s += w[i] * c[yo + idx[i] - from[0]];
                }
                v += wyz * s;
            }
        }
        return v;
    }

    /** Cubic B-spline weights and mirrored support indices for one axis, into w[off..off+3], idx[off..]. */
    private static void weights(double x, int n, double[] w, int[] idx, int off) {
        long start = (long) Math.floor(x) - 1;
        double t = x - (start + 1);
        double w3 = t * t * t / 6.0;
        double w0 = 1.0 / 6.0 + 0.5 * t * (t - 1.0) - w3;
        double w2 = t + w0 - 2.0 * w3;
        double w1 = 1.0 - w0 - w2 - w3;
        w[off] = w0;
        w[off + 1] = w1;
        w[off + 2] = w2;
        w[off + 3] = w3;
        long n2 = 2L * n - 2;
        for (int k = 0; k < 4; k++) {
            long i = start + k;
            if (n == 1) {
                i = 0;
            } else {
                i = i < 0 ? -i - n2 * ((-i) / n2) : i - n2 * (i / n2);
                if (n <= i) {
                    i = n2 - i;
                }
            }
            idx[off + k] = (int) i;
        }
    }
}
