package io.github.dlradiomics.radiomics.filters.ibsi2;

/**
 * Filters defined in the Fourier domain: the Simoncelli isotropic wavelet (non-separable) and the Riesz
 * transform, applied by FFT over the filtered axes of the whole (possibly padded) grid.
 *
 * <pre>double[] s = FourierFilters.apply(data, dims, new int[] {0, 1, 2}, 2, null, Boundary.PERIODIC);</pre>
 */
final class FourierFilters {
    private FourierFilters() {
    }

    /**
     * The Simoncelli band-pass at decomposition {@code level} (0 = no Simoncelli, Riesz alone) multiplied by
     * the Riesz transform of {@code rieszOrder} (null = none), applied to {@code x}. With a non-periodic
     * boundary the grid is first padded through {@code b} (see {@link Grid#fftPadding}: to a power of two,
     * at least n/8 per side).
     */
    static double[] apply(double[] x, int[] dims, int[] axes, int level, int[] rieszOrder, Boundary b) {
        int[] pad = new int[3];
        int[] padHi = new int[3];
        if (b != Boundary.PERIODIC) {
            int[][] p = Grid.fftPadding(dims, axes, new int[3]);
            pad = p[0];
            padHi = p[1];
        }
        int[] pd = new int[3];
        double[] re = Grid.pad(x, dims, pad, padHi, b, pd);
        double[] im = new double[re.length];
        Fft.transformAxes(re, im, pd, axes, false);
        double[] h = level > 0 ? simoncelli(pd, axes, level) : null;
        for (int i = 0; i < re.length; i++) {
            double w = h == null ? 1 : h[i];
            re[i] *= w;
            im[i] *= w;
        }
        if (rieszOrder != null) {
            riesz(re, im, pd, axes, rieszOrder);
        }
        Fft.transformAxes(re, im, pd, axes, true);
        return Grid.crop(re, pd, pad, dims);
    }

    /**
     * Simoncelli transfer function {@code cos(pi/2 log2(2 r / f))} for {@code f/4 <= r <= f},
     * {@code f = 2^(1 - level)}, on the grid of the IBSI-2 reference implementation: per axis the
     * normalised coordinate {@code (i - (n-1)/2) / ((n-1)/2)} of the centred spectrum, moved to FFT order
     * (numpy's ifftshift). This reproduces the IBSI consensus maps 8.a.1-3 (the exact DFT frequency grid
     * deviates from them by up to 8% of the range at level 3).
     */
    static double[] simoncelli(int[] dims, int[] axes, int level) {
        double f = Math.pow(2, 1 - level);
        double[][] coord = new double[3][];
        for (int a = 0; a < 3; a++) {
            coord[a] = new double[dims[a]];
        }
        for (int a : axes) {
            int n = dims[a];
            double c = (n - 1) / 2.0;
            for (int m = 0; m < n; m++) {
                int i = (m + n / 2) % n;
                coord[a][m] = c == 0 ? 0 : (i - c) / c;
            }
        }
        double[] h = new double[dims[0] * dims[1] * dims[2]];
        int o = 0;
        for (int z = 0; z < dims[2]; z++) {
            for (int y = 0; y < dims[1]; y++) {
                for (int xx = 0; xx < dims[0]; xx++, o++) {
                    double r = Math.sqrt(coord[0][xx] * coord[0][xx] + coord[1][y] * coord[1][y]
                            + coord[2][z] * coord[2][z]);
                    if (r >= f / 4 && r <= f) {
                        h[o] = Math.cos(Math.PI / 2 * Math.log(2 * r / f) / Math.log(2));
                    }
                }
            }
        }
        return h;
    }

    /**
     * Multiplies a spectrum by the Riesz transform of order (l1, l2, l3) over {@code axes} (IBSI 2):
     * {@code sqrt(L! / prod l_d!) (-i)^L prod w_d^l_d / |w|^L}, L = sum l_d, zero at w = 0, with w the DFT
     * frequencies.
     */
    static void riesz(double[] re, double[] im, int[] dims, int[] axes, int[] order) {
        int total = 0;
        double norm = 1;
        for (int k = 0; k < axes.length; k++) {
            total += order[k];
            norm /= factorial(order[k]);
        }
        norm = Math.sqrt(norm * factorial(total));
        // (-i)^L
        double[][] unit = {{1, 0}, {0, -1}, {-1, 0}, {0, 1}};
        double ur = unit[total % 4][0];
        double ui = unit[total % 4][1];
        double[][] freq = new double[3][];
        int[] ord = new int[3];
        for (int a = 0; a < 3; a++) {
            freq[a] = new double[dims[a]];
        }
        for (int k = 0; k < axes.length; k++) {
            int a = axes[k];
            ord[a] = order[k];
            int n = dims[a];
            for (int m = 0; m < n; m++) {
                freq[a][m] = (m < (n + 1) / 2 ? m : m - n) / (double) n;
            }
        }
        int o = 0;
        for (int z = 0; z < dims[2]; z++) {
            for (int y = 0; y < dims[1]; y++) {
                for (int x = 0; x < dims[0]; x++, o++) {
                    double w0 = freq[0][x];
                    double w1 = freq[1][y];
                    double w2 = freq[2][z];
                    double r = Math.sqrt(w0 * w0 + w1 * w1 + w2 * w2);
                    if (r == 0) {
                        re[o] = 0;
                        im[o] = 0;
                        continue;
                    }
                    double num = Math.pow(w0, ord[0]) * Math.pow(w1, ord[1]) * Math.pow(w2, ord[2]);
                    double g = norm * num / Math.pow(r, total);
                    double gr = g * ur;
                    double gi = g * ui;
                    double a = re[o];
                    double bb = im[o];
                    re[o] = a * gr - bb * gi;
                    im[o] = a * gi + bb * gr;
                }
            }
        }
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }
}
