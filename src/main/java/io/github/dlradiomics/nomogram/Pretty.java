package io.github.dlradiomics.nomogram;

/**
 * R's {@code pretty(x, n)} (base R, {@code pretty.default} over the C routine {@code R_pretty} with its default
 * arguments {@code min.n = n %/% 3}, {@code shrink.sml = 0.75}, {@code high.u.bias = 1.5},
 * {@code u5.bias = .5 + 1.5 * high.u.bias}, {@code eps.correct = 0}, {@code bounds = TRUE}): about {@code n + 1}
 * equally spaced round values (steps of 1, 2 or 5 times a power of 10) covering {@code [lo, hi]}. rms's
 * nomogram places every continuous axis, the linear predictor and the risk ticks with it, so the nomogram's
 * tick values are R's.
 */
public final class Pretty {
    private static final double ROUNDING_EPS = 1e-10;
    private static final double H = 1.5;
    private static final double H5 = 0.5 + 1.5 * H;
    private static final double F_MIN = Math.pow(2, -20);
    private static final double SHRINK_SML = 0.75;

    private Pretty() {
    }

    /** {@code pretty(c(lo, hi), n)}. */
    public static double[] pretty(double lo, double hi, int n) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("pretty: range must be finite: " + lo + ", " + hi);
        }
        if (lo > hi) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        if (n < 0) {
            throw new IllegalArgumentException("pretty: n < 0");
        }
        int minN = n / 3;
        int ndiv = n;
        double dx = hi - lo;
        double cell;
        boolean small;
        if (dx == 0 && hi == 0) {
            cell = 1;
            small = true;
        } else {
            cell = Math.max(Math.abs(lo), Math.abs(hi));
            double u = 1 + ((H5 >= 1.5 * H + 0.5) ? 1 / (1 + H) : 1.5 / (1 + H5));
            u *= Math.max(1, ndiv) * Math.ulp(1.0);
            small = dx < cell * u * 3;
        }
        if (small) {
            if (cell > 10) {
                cell = 9 + cell / 10;
            }
            cell *= SHRINK_SML;
            if (minN > 1) {
                cell /= minN;
            }
        } else {
            cell = dx;
            if (ndiv > 1) {
                cell /= ndiv;
            }
        }
        double subsmall = F_MIN * Double.MIN_NORMAL;
        if (subsmall == 0) {
            subsmall = Double.MIN_NORMAL;
        }
        if (cell < subsmall) {
            cell = subsmall;
        } else if (cell > Double.MAX_VALUE / 1.25) {
            cell = Double.MAX_VALUE / 1.25;
        }
        double base = Math.pow(10.0, Math.floor(Math.log10(cell)));
        double unit = base;
        double ns = 2 * base;
        if (ns - cell < H * (cell - unit)) {
            unit = ns;
            ns = 5 * base;
            if (ns - cell < H5 * (cell - unit)) {
                unit = ns;
                ns = 10 * base;
                if (ns - cell < H * (cell - unit)) {
                    unit = ns;
                }
            }
        }
        ns = Math.floor(lo / unit + ROUNDING_EPS);
        double nu = Math.ceil(hi / unit - ROUNDING_EPS);
        while (ns * unit > lo + ROUNDING_EPS * unit) {
            ns--;
        }
        while (nu * unit < hi - ROUNDING_EPS * unit) {
            nu++;
        }
        int k = (int) (0.5 + nu - ns);
        if (k < minN) {
            k = minN - k;
            if (lo == 0 && ns == 0 && hi != 0) {
                nu += k;
            } else if (hi == 0 && nu == 0 && lo != 0) {
                ns -= k;
            } else if (ns >= 0) {
                nu += k / 2;
                ns -= k / 2 + k % 2;
            } else {
                ns -= k / 2;
                nu += k / 2 + k % 2;
            }
            ndiv = minN;
        } else {
            ndiv = k;
        }
        // bounds = TRUE: the returned range covers the original one
        double l = lo;
        double u = hi;
        if (ns * unit < l) {
            l = ns * unit;
        }
        if (nu * unit > u) {
            u = nu * unit;
        }
        double[] s = seq(l, u, ndiv + 1);
        if (ndiv > 0) {
            double delta = (Math.max(l, u) - Math.min(l, u)) / ndiv;
            for (int i = 0; i < s.length; i++) {
                if (Math.abs(s[i]) < 1e-14 * delta) {
                    s[i] = 0;
                }
            }
        }
        return s;
    }

    /** R's {@code seq.int(from, to, length.out = n)}: the ends exact, the rest from the nearer end. */
    public static double[] seq(double from, double to, int n) {
        double[] s = new double[n];
        if (n > 0) {
            s[0] = from;
        }
        if (n > 1) {
            s[n - 1] = to;
        }
        if (n > 2) {
            double by = (to - from) / (n - 1);
            for (int i = 1; i < n - 1; i++) {
                s[i] = i < n / 2 ? from + i * by : to - (n - 1 - i) * by;
            }
        }
        return s;
    }
}
