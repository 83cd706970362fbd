package io.github.dlradiomics.radiomics.filters.ibsi2;

import java.util.concurrent.ConcurrentHashMap;

/**
 * In-place complex discrete Fourier transform of any length: iterative radix-2 for powers of two,
 * Bluestein's chirp-z algorithm (through a power-of-two transform) otherwise. The forward transform is
 * {@code X[k] = sum_n x[n] exp(-2 pi i k n / N)}; the inverse includes the 1/N factor.
 *
 * <pre>Fft.of(64).transform(re, im, false);</pre>
 */
final class Fft {
    private static final ConcurrentHashMap<Integer, Fft> CACHE = new ConcurrentHashMap<>();

    private final int n;
    private final boolean pow2;
    private final double[] cos;
    private final double[] sin;
    private final int[] rev;
    // Bluestein
    private final Fft inner;
    private final double[] chirpRe;
    private final double[] chirpIm;
    private final double[] bRe;
    private final double[] bIm;

    static Fft of(int n) {
        Fft f = CACHE.get(n);
        if (f == null) {
            // not computeIfAbsent: a Bluestein transform creates its inner transform while being built
            f = new Fft(n);
            Fft prev = CACHE.putIfAbsent(n, f);
            if (prev != null) {
                f = prev;
            }
        }
        return f;
    }

    static boolean isPow2(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    static int nextPow2(int n) {
        int m = 1;
        while (m < n) {
            m <<= 1;
        }
        return m;
    }

    private Fft(int n) {
        this.n = n;
        this.pow2 = isPow2(n);
        if (pow2) {
            cos = new double[n / 2 + 1];
            sin = new double[n / 2 + 1];
            for (int k = 0; k <= n / 2; k++) {
                double a = -2 * Math.PI * k / n;
                cos[k] = Math.cos(a);
                sin[k] = Math.sin(a);
            }
            rev = new int[n];
            int bits = Integer.numberOfTrailingZeros(n);
            for (int i = 0; i < n; i++) {
                rev[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            }
            inner = null;
            chirpRe = chirpIm = bRe = bIm = null;
        } else {
            cos = sin = null;
            rev = null;
            int m = nextPow2(2 * n - 1);
            inner = of(m);
            chirpRe = new double[n];
            chirpIm = new double[n];
            for (int k = 0; k < n; k++) {
                // exp(-i pi k^2 / n), with k^2 reduced mod 2n for accuracy
                long k2 = ((long) k * k) % (2L * n);
                double a = -Math.PI * k2 / n;
                chirpRe[k] = Math.cos(a);
                chirpIm[k] = Math.sin(a);
            }
            bRe = new double[m];
            bIm = new double[m];
            bRe[0] = chirpRe[0];
            bIm[0] = -chirpIm[0];
            for (int k = 1; k < n; k++) {
                bRe[k] = bRe[m - k] = chirpRe[k];
                bIm[k] = bIm[m - k] = -chirpIm[k];
            }
            inner.transform(bRe, bIm, false);
        }
    }

    int length() {
        return n;
    }

    /** Transforms {@code re[0..n)}, {@code im[0..n)} in place. */
    void transform(double[] re, double[] im, boolean inverse) {
        if (inverse) {
            for (int i = 0; i < n; i++) {
                im[i] = -im[i];
            }
            forward(re, im);
            double s = 1.0 / n;
            for (int i = 0; i < n; i++) {
                re[i] *= s;
                im[i] = -im[i] * s;
            }
        } else {
            forward(re, im);
        }
    }

    private void forward(double[] re, double[] im) {
        if (pow2) {
            radix2(re, im);
        } else {
            bluestein(re, im);
        }
    }

    private void radix2(double[] re, double[] im) {
        for (int i = 0; i < n; i++) {
            int j = rev[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    private void bluestein(double[] re, double[] im) {
        int m = inner.length();
        double[] ar = new double[m];
        double[] ai = new double[m];
        for (int k = 0; k < n; k++) {
            ar[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k];
            ai[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k];
        }
        inner.transform(ar, ai, false);
        for (int k = 0; k < m; k++) {
            double r = ar[k] * bRe[k] - ai[k] * bIm[k];
            double i = ar[k] * bIm[k] + ai[k] * bRe[k];
            ar[k] = r;
            ai[k] = i;
        }
        inner.transform(ar, ai, true);
        for (int k = 0; k < n; k++) {
            re[k] = ar[k] * chirpRe[k] - ai[k] * chirpIm[k];
            im[k] = ar[k] * chirpIm[k] + ai[k] * chirpRe[k];
        }
    }

    /** Transforms a 3D x-fastest complex array along each axis listed in {@code axes}. */
    static void transformAxes(double[] re, double[] im, int[] dims, int[] axes, boolean inverse) {
        for (int axis : axes) {
            int len = dims[axis];
            if (len == 1) {
                continue;
            }
            Fft f = of(len);
            int st = Grid.stride(dims, axis);
            int lines = re.length / len;
            double[] lr = new double[len];
            double[] li = new double[len];
            for (int line = 0; line < lines; line++) {
                int base = Grid.lineBase(dims, axis, line);
                for (int k = 0; k < len; k++) {
                    lr[k] = re[base + k * st];
                    li[k] = im[base + k * st];
                }
                f.transform(lr, li, inverse);
                for (int k = 0; k < len; k++) {
                    re[base + k * st] = lr[k];
                    im[base + k * st] = li[k];
                }
            }
        }
    }
}
