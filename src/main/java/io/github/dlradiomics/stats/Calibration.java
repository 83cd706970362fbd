package io.github.dlradiomics.stats;

import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calibration statistics as rms::val.prob: Brier score mean((p - y)²); "Intercept" and "Slope", the two
 * coefficients of the logistic recalibration glm(y ~ logit(p)) (rows with p = 0 or 1 left out of that fit,
 * as val.prob does); Eavg and Emax, the mean and maximum of |p - lowess(p, y, iter = 0)| at the observed p
 * (R's lowess with f = 2/3, delta = 0.01 * range(p), ported from R's clowess). Plus the points of a
 * calibration plot: quantile groups (mean predicted vs observed) and the lowess curve.
 *
 * <pre>Calibration.Result c = Calibration.of(prob, y); c.brier(); c.slope();</pre>
 */
public final class Calibration {
    private Calibration() {
    }

    /**
     * The statistics.
     *
     * @param curveX sorted predicted probabilities (lowess x)
     * @param curveY the lowess-smoothed observed rate at each curveX
     */
    public record Result(int n, double brier, double intercept, double slope, double emax, double eavg,
            double[] curveX, double[] curveY) {
    }

    /**
     * One point of a grouped calibration plot.
     *
     * @param n cases in the group
     * @param predicted mean predicted probability
     * @param observed observed event rate
     * @param lower lower bound of the group's probabilities (exclusive except for the first group)
     * @param upper upper bound (inclusive)
     */
    public record Group(int n, double predicted, double observed, double lower, double upper) {
    }

    /**
     * The points of a grouped calibration plot: {@code g} groups cut at the type-7 quantiles of p (duplicate
     * cut points merged, intervals (a, b], the first closed: the binning of {@link HosmerLemeshow}; rms's plot
     * uses Hmisc::cut2, whose group edges can differ slightly), mean predicted vs observed rate. Empty groups
     * (possible between tied quantiles) are left out.
     */
    public static List<Group> groups(double[] p, int[] y, int g) {
        if (g < 1) {
            throw new UserInputException("calibration: groups must be >= 1 (got " + g + ")");
        }
        if (p.length != y.length || p.length == 0) {
            throw new IllegalArgumentException("probabilities and labels must be non-empty and of one length");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new UserInputException("calibration: probability of row " + (i + 1) + " is " + p[i]
                        + ", not in [0, 1]");
            }
        }
        double[] breaks = HosmerLemeshow.quantileBreaks(p, g);
        int nb = Math.max(1, breaks.length - 1);
        int[] size = new int[nb];
        double[] sp = new double[nb];
        double[] sy = new double[nb];
        for (int i = 0; i < p.length; i++) {
            int b = breaks.length < 2 ? 0 : HosmerLemeshow.binOf(p[i], breaks);
            size[b]++;
            sp[b] += p[i];
            sy[b] += y[i];
        }
        List<Group> out = new ArrayList<>();
        for (int b = 0; b < nb; b++) {
            if (size[b] > 0) {
                out.add(new Group(size[b], sp[b] / size[b], sy[b] / size[b], breaks[b],
                        breaks[Math.min(b + 1, breaks.length - 1)]));
            }
        }
        return out;
    }

    /** val.prob's statistics of probabilities {@code p} for outcomes {@code y} (0/1). */
    public static Result of(double[] p, int[] y) {
        int n = p.length;
        if (n < 3) {
            throw new UserInputException("calibration: needs at least 3 cases (got " + n + ")");
        }
        double brier = 0;
        for (int i = 0; i < n; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new UserInputException("calibration: probability of row " + (i + 1) + " is " + p[i]
                        + ", not in [0, 1]");
            }
            brier += (p[i] - y[i]) * (p[i] - y[i]);
        }
        brier /= n;
        double[] coef = recalibration(p, y);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b])); // stable, as R's order()
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = p[order[i]];
            ys[i] = y[order[i]];
        }
        double[] fit = lowess(xs, ys, 2.0 / 3, 0, 0.01 * (xs[n - 1] - xs[0]));
        // approx(Sm, xout = p, ties = mean): equal x share the mean of their fitted values
        double[] smooth = new double[n];
        for (int i = 0; i < n;) {
            int j = i;
            double s = fit[i];
            while (j + 1 < n && xs[j + 1] == xs[i]) {
                j++;
                s += fit[j];
            }
            double m = s / (j - i + 1);
            for (int k = i; k <= j; k++) {
                smooth[k] = m;
            }
            i = j + 1;
        }
        double emax = 0;
        double eavg = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.abs(xs[i] - smooth[i]);
            emax = Math.max(emax, e);
            eavg += e;
        }
        return new Result(n, brier, coef[0], coef[1], emax, eavg / n, xs, smooth);
    }

    /** glm(y ~ qlogis(p), binomial) by Newton-Raphson, rows with p in {0, 1} excluded: {intercept, slope}. */
    static double[] recalibration(double[] p, int[] y) {
        int n = 0;
        for (double v : p) {
            n += v > 0 && v < 1 ? 1 : 0;
        }
        double[] x = new double[n];
        int[] t = new int[n];
        int k = 0;
        boolean constant = true;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0 && p[i] < 1) {
                x[k] = Math.log(p[i] / (1 - p[i]));
                t[k++] = y[i];
                constant &= p[i] == p[0];
            }
        }
        if (constant) {
            double m = 0;
            for (int v : t) {
                m += v;
            }
            m /= n;
            return new double[] {Math.log(m / (1 - m)), 0}; // val.prob's special case: all p equal
        }
        double a = 0;
        double b = 1;
        for (int it = 0; it < 100; it++) {
            double g0 = 0;
            double g1 = 0;
            double h00 = 0;
            double h01 = 0;
            double h11 = 0;
            for (int i = 0; i < n; i++) {
                double eta = a + b * x[i];
                double mu = 1 / (1 + Math.exp(-eta));
                double w = mu * (1 - mu);
                g0 += t[i] - mu;
                g1 += (t[i] - mu) * x[i];
                h00 += w;
                h01 += w * x[i];
                h11 += w * x[i] * x[i];
            }
            double det = h00 * h11 - h01 * h01;
            if (!(det > 0)) {
                throw new UserInputException("calibration: the logistic recalibration cannot be fitted (separation)");
            }
            double da = (h11 * g0 - h01 * g1) / det;
            double db = (h00 * g1 - h01 * g0) / det;
            a += da;
            b += db;
            if (Math.abs(da) + Math.abs(db) < 1e-12 * (1 + Math.abs(a) + Math.abs(b))) {
                break;
            }
        }
        return new double[] {a, b};
    }

    /**
     * R's lowess (clowess in src/library/stats/src/lowess.c) on x sorted ascending: span f, {@code iter}
     * robustness iterations, points within {@code delta} of the last fitted one interpolated.
     */
    public static double[] lowess(double[] x, double[] y, double f, int iter, double delta) {
        int n = x.length;
        double[] ys = new double[n];
        if (n < 2) {
            ys[0] = y[0];
            return ys;
        }
        double[] rw = new double[n];
        double[] res = new double[n];
        int ns = Math.max(2, Math.min(n, (int) (f * n + 1e-7)));
        for (int it = 1; it <= iter + 1; it++) {
            int nleft = 0;
            int nright = ns - 1;
            int last = -1;
            int i = 0;
            while (true) {
                if (nright < n - 1) {
                    double d1 = x[i] - x[nleft];
                    double d2 = x[nright + 1] - x[i];
                    if (d1 > d2) {
                        nleft++;
                        nright++;
                        continue;
                    }
                }
                double[] fitted = new double[1];
                boolean ok = lowest(x, y, n, x[i], fitted, nleft, nright, res, it > 1, rw);
                ys[i] = ok ? fitted[0] : y[i];
                if (last < i - 1) {
                    double denom = x[i] - x[last];
                    for (int j = last + 1; j < i; j++) {
                        double alpha = (x[j] - x[last]) / denom;
                        ys[j] = alpha * ys[i] + (1 - alpha) * ys[last];
                    }
                }
                last = i;
                double cut = x[last] + delta;
                for (i = last + 1; i < n; i++) {
                    if (x[i] > cut) {
                        break;
                    }
                    if (x[i] == x[last]) {
                        ys[i] = ys[last];
                        last = i;
                    }
                }
                i = Math.max(last + 1, i - 1);
                if (last >= n - 1) {
                    break;
                }
            }
            for (int k = 0; k < n; k++) {
                res[k] = y[k] - ys[k];
            }
            if (it > iter) {
                break;
            }
            // robustness weights (not used with iter = 0, kept for completeness of the port)
            double[] abs = new double[n];
            for (int k = 0; k < n; k++) {
                abs[k] = Math.abs(res[k]);
            }
            double[] sorted = abs.clone();
            Arrays.sort(sorted);
            double cmad = 3 * (sorted[(n - 1) / 2] + sorted[n / 2]);
            double c9 = 0.999 * cmad;
            double c1 = 0.001 * cmad;
            for (int k = 0; k < n; k++) {
                double r = abs[k];
                rw[k] = r <= c1 ? 1 : r <= c9 ? Math.pow(1 - Math.pow(r / cmad, 2), 2) : 0;
            }
        }
        return ys;
    }

    /** R's lowest(): the local (weighted linear) fit at xs over [nleft, nright] (0-based), ties on the right included. */
    private static boolean lowest(double[] x, double[] y, int n, double xs, double[] out, int nleft, int nright,
            double[] w, boolean userw, double[] rw) {
        double range = x[n - 1] - x[0];
        double h = Math.max(xs - x[nleft], x[nright] - xs);
        double h9 = 0.999 * h;
        double h1 = 0.001 * h;
        double a = 0;
        int j = nleft;
        while (j < n) {
            w[j] = 0;
            double r = Math.abs(x[j] - xs);
            if (r <= h9) {
                if (r <= h1) {
                    w[j] = 1;
                } else {
                    double q = r / h;
                    double c = 1 - q * q * q;
                    w[j] = c * c * c;
                }
                if (userw) {
                    w[j] *= rw[j];
                }
                a += w[j];
            } else if (x[j] > xs) {
                break;
            }
            j++;
        }
        int nrt = j - 1;
        if (a <= 0) {
            return false;
        }
        for (j = nleft; j <= nrt; j++) {
            w[j] /= a;
        }
        if (h > 0) {
            a = 0;
            for (j = nleft; j <= nrt; j++) {
                a += w[j] * x[j];
            }
            double b = xs - a;
            double c = 0;
            for (j = nleft; j <= nrt; j++) {
                c += w[j] * (x[j] - a) * (x[j] - a);
            }
            if (Math.sqrt(c) > 0.001 * range) {
                b /= c;
                for (j = nleft; j <= nrt; j++) {
                    w[j] *= b * (x[j] - a) + 1;
                }
            }
        }
        double s = 0;
        for (j = nleft; j <= nrt; j++) {
            s += w[j] * y[j];
        }
        out[0] = s;
        return true;
    }
}
