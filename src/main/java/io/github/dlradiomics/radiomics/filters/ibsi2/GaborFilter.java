package io.github.dlradiomics.radiomics.filters.ibsi2;

import java.util.stream.IntStream;

/**
 * IBSI 2 Gabor filter, applied in 2D to every slice of a plane: the modulus of the image convolved with
 * {@code exp(-(u^2 + gamma^2 v^2) / (2 sigma^2)) exp(2 pi i u / lambda)}, where
 * {@code u = k1 cos(theta) + k2 sin(theta)}, {@code v = -k1 sin(theta) + k2 cos(theta)} (mm) and k1, k2
 * are the first and second in-plane axes (axial plane: x, y). The kernel is not normalised (its centre is
 * 1) and is truncated at {@code truncate * sigma * max(1, 1/gamma)}. Convolution is by FFT on a padded
 * slice, so large kernels cost little.
 *
 * <pre>double[] g = GaborFilter.apply(data, dims, spacing, planes, 10, 4, 0.5, thetas, 4, true, Boundary.ZERO);</pre>
 */
final class GaborFilter {
    private GaborFilter() {
    }

    /** The orthogonal planes, as {first in-plane axis, second in-plane axis, stacking axis}. */
    static final int[] AXIAL = {0, 1, 2};
    static final int[] CORONAL = {0, 2, 1};
    static final int[] SAGITTAL = {1, 2, 0};

    /**
     * Gabor response pooled over {@code thetas} (max when {@code maxPool}, else average), averaged over
     * {@code planes}. Lengths (sigma, lambda) are in mm.
     */
    static double[] apply(double[] x, int[] dims, double[] spacing, int[][] planes, double sigma, double lambda,
            double gamma, double[] thetas, double truncate, boolean maxPool, Boundary b) {
        double[] sum = new double[x.length];
        for (int[] plane : planes) {
            double[] r = applyPlane(x, dims, spacing, plane, sigma, lambda, gamma, thetas, truncate, maxPool, b);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += r[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= planes.length;
        }
        return sum;
    }

    /**
     * 2D FFT of an m0 x m1 array (m0 fastest). Forward: rows [rowFrom, rowTo) along axis 0 (the others are
     * zero), then every column. Inverse: every column, then only rows [rowFrom, rowTo) along axis 0.
     */
    private static void transform2d(double[] re, double[] im, int m0, int m1, int rowFrom, int rowTo,
            boolean inverse) {
        Fft f0 = Fft.of(m0);
        Fft f1 = Fft.of(m1);
        double[] lr = new double[Math.max(m0, m1)];
        double[] li = new double[lr.length];
        if (!inverse) {
            rows(re, im, f0, m0, rowFrom, rowTo, false, lr, li);
        }
        for (int i = 0; i < m0; i++) {
            for (int j = 0; j < m1; j++) {
                lr[j] = re[i + m0 * j];
                li[j] = im[i + m0 * j];
            }
            f1.transform(lr, li, inverse);
            for (int j = 0; j < m1; j++) {
                re[i + m0 * j] = lr[j];
                im[i + m0 * j] = li[j];
            }
        }
        if (inverse) {
            rows(re, im, f0, m0, rowFrom, rowTo, true, lr, li);
        }
    }

    private static void rows(double[] re, double[] im, Fft f0, int m0, int from, int to, boolean inverse,
            double[] lr, double[] li) {
        for (int j = from; j < to; j++) {
            System.arraycopy(re, m0 * j, lr, 0, m0);
            System.arraycopy(im, m0 * j, li, 0, m0);
            f0.transform(lr, li, inverse);
            System.arraycopy(lr, 0, re, m0 * j, m0);
            System.arraycopy(li, 0, im, m0 * j, m0);
        }
    }

    private static double[] applyPlane(double[] x, int[] dims, double[] spacing, int[] plane, double sigma,
            double lambda, double gamma, double[] thetas, double truncate, boolean maxPool, Boundary b) {
        int a0 = plane[0];
        int a1 = plane[1];
        int ac = plane[2];
        int n0 = dims[a0];
        int n1 = dims[a1];
        double reach = truncate * sigma * Math.max(1.0, 1.0 / gamma);
        int r0 = (int) Math.ceil(reach / spacing[a0]);
        int r1 = (int) Math.ceil(reach / spacing[a1]);
        int m0 = Fft.nextPow2(n0 + 2 * r0);
        int m1 = Fft.nextPow2(n1 + 2 * r1);
        // kernel spectra, one per orientation, on the m0 x m1 grid (a0 fastest)
        double[][] kre = new double[thetas.length][];
        double[][] kim = new double[thetas.length][];
        int[] planeDims = {m0, m1, 1};
        int[] both = {0, 1};
        for (int t = 0; t < thetas.length; t++) {
            double c = Math.cos(thetas[t]);
            double s = Math.sin(thetas[t]);
            double[] re = new double[m0 * m1];
            double[] im = new double[m0 * m1];
            for (int k1 = -r0; k1 <= r0; k1++) {
                double p1 = k1 * spacing[a0];
                for (int k2 = -r1; k2 <= r1; k2++) {
                    double p2 = k2 * spacing[a1];
                    double u = p1 * c + p2 * s;
                    double v = -p1 * s + p2 * c;
                    double env = Math.exp(-(u * u + gamma * gamma * v * v) / (2 * sigma * sigma));
                    double ph = 2 * Math.PI * u / lambda;
                    int idx = Math.floorMod(k1, m0) + m0 * Math.floorMod(k2, m1);
                    re[idx] = env * Math.cos(ph);
                    im[idx] = env * Math.sin(ph);
                }
            }
            Fft.transformAxes(re, im, planeDims, both, false);
            kre[t] = re;
            kim[t] = im;
        }
        int[] src0 = new int[n0 + 2 * r0];
        int[] src1 = new int[n1 + 2 * r1];
        for (int k = 0; k < src0.length; k++) {
            src0[k] = b.map(k - r0, n0);
        }
        for (int k = 0; k < src1.length; k++) {
            src1[k] = b.map(k - r1, n1);
        }
        int st0 = Grid.stride(dims, a0);
        int st1 = Grid.stride(dims, a1);
        int stc = Grid.stride(dims, ac);
        double[] out = new double[x.length];
        IntStream.range(0, dims[ac]).parallel().forEach(slice -> {
            int base = slice * stc;
            double[] pre = new double[m0 * m1];
            double[] pim = new double[m0 * m1];
            for (int j = 0; j < src1.length; j++) {
                int s1 = src1[j];
                if (s1 < 0) {
                    continue;
                }
                for (int i = 0; i < src0.length; i++) {
                    int s0 = src0[i];
                    if (s0 >= 0) {
                        pre[i + m0 * j] = x[base + s0 * st0 + s1 * st1];
                    }
                }
            }
            // rows beyond the padded slice are zero: transform only the occupied ones along axis 0
            transform2d(pre, pim, m0, m1, 0, src1.length, false);
            double[] wre = new double[m0 * m1];
            double[] wim = new double[m0 * m1];
            double[] pooled = new double[n0 * n1];
            for (int t = 0; t < thetas.length; t++) {
                double[] kr = kre[t];
                double[] ki = kim[t];
                for (int i = 0; i < wre.length; i++) {
                    wre[i] = pre[i] * kr[i] - pim[i] * ki[i];
                    wim[i] = pre[i] * ki[i] + pim[i] * kr[i];
                }
                // only the rows of the original slice are needed after the inverse transform
                transform2d(wre, wim, m0, m1, r1, r1 + n1, true);
                for (int j = 0; j < n1; j++) {
                    for (int i = 0; i < n0; i++) {
                        int idx = (i + r0) + m0 * (j + r1);
                        double mod = Math.sqrt(wre[idx] * wre[idx] + wim[idx] * wim[idx]);
                        int o = i + n0 * j;
                        if (t == 0) {
                            pooled[o] = mod;
                        } else if (maxPool) {
                            pooled[o] = Math.max(pooled[o], mod);
                        } else {
                            pooled[o] += mod;
                        }
                    }
                }
            }
            for (int j = 0; j < n1; j++) {
                for (int i = 0; i < n0; i++) {
                    double v = pooled[i + n0 * j];
                    out[base + i * st0 + j * st1] = maxPool ? v : v / thetas.length;
                }
            }
        });
        return out;
    }
}
