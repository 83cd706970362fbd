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

    /** Resamples {@code in} onto the grid (spacing, size, origin, direction). */
    public static Volume resample(Volume in, double[] spacing, int[] size, double[] origin, double[] direction,
            Interpolator interp, PixelType outType) {
        Volume out = new Volume(size[0], size[1], size[2], outType);
        out.setSpacing(spacing).setOrigin(origin).setDirection(direction);
        // continuous input index = A * outIndex + b
        double[] b = physToIndex(in, out.indexToPhysical(0, 0, 0));
        double[][] a = new double[3][];
        for (int c = 0; c < 3; c++) {
            double[] e = physToIndex(in, out.indexToPhysical(c == 0 ? 1 : 0, c == 1 ? 1 : 0, c == 2 ? 1 : 0));
            a[c] = new double[] {e[0] - b[0], e[1] - b[1], e[2] - b[2]};
        }
        double[] coeff = interp == Interpolator.BSPLINE ? bsplineCoefficients(in) : null;
        int nx = in.nx();
        int ny = in.ny();
        int nz = in.nz();
        double[] src = in.data();
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
                        case NEAREST -> src[(int) Math.floor(x + 0.5) + nx * ((int) Math.floor(y + 0.5)
                                + ny * (int) Math.floor(z + 0.5))];
                        case LINEAR -> linear(src, nx, ny, nz, x, y, z);
                        case BSPLINE -> bspline(coeff, nx, ny, nz, x, y, z, w, idx);
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

    private static double linear(double[] s, int nx, int ny, int nz, double x, double y, double z) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int z0 = (int) Math.floor(z);
        double fx = x - x0;
        double fy = y - y0;
        double fz = z - z0;
        int xa = Math.max(x0, 0);
        int xb = Math.min(x0 + 1, nx - 1);
        int ya = Math.max(y0, 0);
        int yb = Math.min(y0 + 1, ny - 1);
        int za = Math.max(z0, 0);
        int zb = Math.min(z0 + 1, nz - 1);
        xa = Math.min(xa, nx - 1);
        ya = Math.min(ya, ny - 1);
        za = Math.min(za, nz - 1);
        double c00 = s[xa + nx * (ya + ny * za)] * (1 - fx) + s[xb + nx * (ya + ny * za)] * fx;
        double c10 = s[xa + nx * (yb + ny * za)] * (1 - fx) + s[xb + nx * (yb + ny * za)] * fx;
        double c01 = s[xa + nx * (ya + ny * zb)] * (1 - fx) + s[xb + nx * (ya + ny * zb)] * fx;
        double c11 = s[xa + nx * (yb + ny * zb)] * (1 - fx) + s[xb + nx * (yb + ny * zb)] * fx;
        double c0 = c00 * (1 - fy) + c10 * fy;
        double c1 = c01 * (1 - fy) + c11 * fy;
        return c0 * (1 - fz) + c1 * fz;
    }

    // ---- cubic B-spline (Unser; ITK BSplineDecompositionImageFilter / BSplineInterpolateImageFunction)
    private static final double POLE = Math.sqrt(3.0) - 2.0;
    private static final double TOLERANCE = 1e-10;

    static double[] bsplineCoefficients(Volume in) {
        int nx = in.nx();
        int ny = in.ny();
        int nz = in.nz();
        double[] c = in.data().clone();
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

    private static double bspline(double[] c, int nx, int ny, int nz, double x, double y, double z, double[] w,
            int[] idx) {
        weights(x, nx, w, idx, 0);
        weights(y, ny, w, idx, 4);
        weights(z, nz, w, idx, 8);
        double v = 0;
        for (int k = 0; k < 4; k++) {
            double wz = w[8 + k];
            if (wz == 0) {
                continue;
            }
            int zo = nx * ny * idx[8 + k];
            for (int j = 0; j < 4; j++) {
                double wyz = wz * w[4 + j];
                int yo = zo + nx * idx[4 + j];
                double s = 0;
                for (int i = 0; i < 4; i++) {
                    s += w[i] * c[yo + idx[i]];
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
