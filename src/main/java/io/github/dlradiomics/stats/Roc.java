package io.github.dlradiomics.stats;

import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A ROC curve with pROC's (1.18) definitions: controls are label 0, cases label 1; direction "auto" is
 * {@code <} when median(controls) <= median(cases) (pROC decides by medians, not by AUC); thresholds are
 * -Inf, the midpoints of the sorted distinct values, +Inf; for {@code <} a case is called positive when
 * score >= threshold ({@code >}: score <= threshold). AUC is the Mann-Whitney statistic (ties count 1/2);
 * its variance is DeLong's (placement values, n-1 denominators), the CI normal and clamped to [0, 1] as
 * pROC's ci.auc; the Youden cut-off maximises se + sp (pROC's "youden" column). DeLong's tests comparing two
 * curves are in {@link DeLongTest}.
 *
 * <pre>Roc r = Roc.of(score, y01, "auto"); double[] ci = r.ciDeLong(0.95); Roc.Coords best = r.youden();</pre>
 */
public final class Roc {
    private final double[] cases;
    private final double[] controls;
    private final char direction;
    private final double auc;
    private final double[] v10;
    private final double[] v01;

    private Roc(double[] cases, double[] controls, char direction) {
        this.cases = cases;
        this.controls = controls;
        this.direction = direction;
        double sign = direction == '<' ? 1 : -1;
        int m = cases.length;
        int n = controls.length;
        // placements (pROC delong.cpp): V10 per case, V01 per control, on sign-adjusted values
        double[] xs = new double[m];
        double[] ys = new double[n];
        for (int i = 0; i < m; i++) {
            xs[i] = sign * cases[i];
        }
        for (int j = 0; j < n; j++) {
            ys[j] = sign * controls[j];
        }
        double[] sx = xs.clone();
        double[] sy = ys.clone();
        Arrays.sort(sx);
        Arrays.sort(sy);
        v10 = new double[m];
        v01 = new double[n];
        for (int i = 0; i < m; i++) {
            v10[i] = (countBelow(sy, xs[i]) + 0.5 * countEqual(sy, xs[i])) / n;
        }
        for (int j = 0; j < n; j++) {
            v01[j] = 1 - (countBelow(sx, ys[j]) + 0.5 * countEqual(sx, ys[j])) / m;
        }
        double s = 0;
        for (double v : v10) {
            s += v;
        }
        auc = s / m;
    }

    private static int countBelow(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int countEqual(double[] sorted, double v) {
        int below = countBelow(sorted, v);
        int k = below;
        while (k < sorted.length && sorted[k] == v) {
            k++;
        }
        return k - below;
    }

    /**
     * The curve of {@code score} against {@code y} (1 = case, 0 = control); {@code direction} "auto", "<" or ">".
     * Needs at least one case and one control and finite scores.
     */
    public static Roc of(double[] score, int[] y, String direction) {
        if (score.length != y.length) {
            throw new IllegalArgumentException("score and labels differ in length");
        }
        int m = 0;
        for (int v : y) {
            m += v == 1 ? 1 : 0;
        }
        int n = y.length - m;
        if (m == 0 || n == 0) {
            throw new UserInputException("ROC: needs cases and controls (got " + m + " cases, " + n + " controls)");
        }
        double[] cs = new double[m];
        double[] ct = new double[n];
        int a = 0;
        int b = 0;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(score[i])) {
                throw new UserInputException("ROC: score of row " + (i + 1) + " is not a finite number");
            }
            if (y[i] == 1) {
                cs[a++] = score[i];
            } else {
                ct[b++] = score[i];
            }
        }
        char dir = switch (direction) {
            case "<" -> '<';
            case ">" -> '>';
            case "auto" -> median(ct) <= median(cs) ? '<' : '>';
            default -> throw new UserInputException("direction must be auto, < or > (got '" + direction + "')");
        };
        return new Roc(cs, ct, dir);
    }

    /** The AUC with direction {@code <} (higher score = case): fast, for cross-validation scoring. */
    public static double auc(double[] score, int[] y) {
        return of(score, y, "<").auc();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The area under the curve. */
    public double auc() {
        return auc;
    }

    /** '<' or '>'. */
    public char direction() {
        return direction;
    }

    /** Number of cases (label 1). */
    public int cases() {
        return cases.length;
    }

    /** Number of controls (label 0). */
    public int controls() {
        return controls.length;
    }

    /** DeLong's variance of the AUC: var(V10)/m + var(V01)/n with n-1 denominators. */
    public double varDeLong() {
        return variance(v10) / v10.length + variance(v01) / v01.length;
    }

    /** DeLong's covariance of the AUCs of two curves on the same cases and controls (same order). */
    public static double covDeLong(Roc a, Roc b) {
        checkPaired(a, b);
        return covariance(a.v10, b.v10) / a.v10.length + covariance(a.v01, b.v01) / a.v01.length;
    }

    static void checkPaired(Roc a, Roc b) {
        if (a.cases.length != b.cases.length || a.controls.length != b.controls.length) {
            throw new UserInputException("paired DeLong test: the two curves must be on the same cases and controls");
        }
    }

    private static double variance(double[] v) {
        return covariance(v, v);
    }

    private static double covariance(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - ma) * (b[i] - mb);
        }
        return s / (a.length - 1);
    }

    /** pROC's ci.auc (method delong): AUC -/+ z * sqrt(var), clamped to [0, 1]. NaN when m or n <= 1. */
    public double[] ciDeLong(double level) {
        if (cases.length <= 1 || controls.length <= 1) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double z = NormalDistribution.quantile(1 - (1 - level) / 2);
        double sd = Math.sqrt(varDeLong());
        return new double[] {Math.max(0, auc - z * sd), Math.min(1, auc + z * sd)};
    }

    /**
     * Stratified bootstrap CI of the AUC (pROC's ci.auc method "bootstrap", boot.stratified): {@code replicates}
     * times, resample cases and controls separately with replacement (direction kept), AUC of each; the CI
     * is R's type-7 quantiles. Our generator is {@link SplittableRandom}({@code seed}), so the numbers are
     * reproducible here but not those of R's sample().
     *
     * @return {lower, median, upper}
     */
    public double[] ciBootstrap(int replicates, long seed, double level) {
        if (replicates < 10) {
            throw new UserInputException("bootstrap replicates must be >= 10 (got " + replicates + ")");
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] aucs = new double[replicates];
        int m = cases.length;
        int n = controls.length;
        double[] cs = new double[m];
        double[] ct = new double[n];
        for (int b = 0; b < replicates; b++) {
            for (int i = 0; i < m; i++) {
                cs[i] = cases[r.nextInt(m)];
            }
            for (int j = 0; j < n; j++) {
                ct[j] = controls[r.nextInt(n)];
            }
            aucs[b] = mannWhitney(cs, ct, direction);
        }
        Arrays.sort(aucs);
        double lo = (1 - level) / 2;
        return new double[] {quantile7(aucs, lo), quantile7(aucs, 0.5), quantile7(aucs, 1 - lo)};
    }

    /** Stratified bootstrap CI of an AUC from scores and labels (direction '<'). */
    public static double[] bootstrapCi(double[] score, int[] y, int replicates, long seed, double level) {
        return of(score, y, "<").ciBootstrap(replicates, seed, level);
    }

    /** Mann-Whitney AUC by sorting (O((m+n) log(m+n))). */
    static double mannWhitney(double[] cases, double[] controls, char direction) {
        double[] sy = controls.clone();
        Arrays.sort(sy);
        double s = 0;
        for (double x : cases) {
            if (direction == '<') {
                s += countBelow(sy, x) + 0.5 * countEqual(sy, x);
            } else {
                s += sy.length - countBelow(sy, x) - countEqual(sy, x) + 0.5 * countEqual(sy, x);
            }
        }
        return s / ((double) cases.length * sy.length);
    }

    /** R's quantile type 7 of sorted values. */
    static double quantile7(double[] sorted, double p) {
        double index = (sorted.length - 1) * p;
        int lo = (int) Math.floor(index);
        int hi = (int) Math.ceil(index);
        double q = sorted[lo];
        if (index > lo && sorted[hi] != q) {
            double h = index - lo;
            q = (1 - h) * q + h * sorted[hi];
        }
        return q;
    }

    /** One row of pROC's coords table. */
    public record Coords(double threshold, double specificity, double sensitivity, double accuracy, double ppv,
            double npv, double tp, double tn, double fp, double fn, double youden) {
    }

    /** pROC's thresholds and the metrics at each, in pROC's order (increasing specificity). */
    public List<Coords> coords() {
        double[] all = new double[cases.length + controls.length];
        System.arraycopy(cases, 0, all, 0, cases.length);
        System.arraycopy(controls, 0, all, cases.length, controls.length);
        double[] u = Arrays.stream(all).sorted().distinct().toArray();
        double[] t = new double[u.length + 1];
        t[0] = Double.NEGATIVE_INFINITY;
        t[u.length] = Double.POSITIVE_INFINITY;
        for (int i = 1; i < u.length; i++) {
            double mid = (u[i - 1] + u[i]) / 2;
            if (Math.abs(mid) > 1e100) {
                mid = u[i - 1] / 2 + u[i] / 2;
            }
            if (mid == u[i - 1] || mid == u[i]) { // adjacent doubles: pROC takes the upper ('<') or lower ('>') value
                mid = direction == '<' ? u[i] : u[i - 1];
            }
            t[i] = mid;
        }
        List<Coords> out = new ArrayList<>();
        double m = cases.length;
        double n = controls.length;
        for (double th : t) {
            int tp = 0;
            int tn = 0;
            for (double c : cases) {
                tp += (direction == '<' ? c >= th : c <= th) ? 1 : 0;
            }
            for (double c : controls) {
                tn += (direction == '<' ? c < th : c > th) ? 1 : 0;
            }
            double se = tp / m;
            double sp = tn / n;
            double tpd = se * m;
            double fnd = m - tpd;
            double tnd = sp * n;
            double fpd = n - tnd;
            out.add(new Coords(th, sp, se, (tpd + tnd) / (m + n), tpd / (tpd + fpd), tnd / (tnd + fnd), tpd, tnd, fpd,
                    fnd, se + 1.0 * sp));
        }
        if (direction == '>') {
            java.util.Collections.reverse(out);
        }
        return out;
    }

    /** The Youden-optimal rows (max se + sp, exact ties all returned, in pROC's order). */
    public List<Coords> youdenAll() {
        List<Coords> all = coords();
        double best = Double.NEGATIVE_INFINITY;
        for (Coords c : all) {
            best = Math.max(best, c.youden());
        }
        List<Coords> out = new ArrayList<>();
        for (Coords c : all) {
            if (c.youden() == best) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first Youden-optimal row (pROC returns all ties: see {@link #youdenAll()}). */
    public Coords youden() {
        return youdenAll().get(0);
    }

    /** Metrics of calling score >= threshold positive (direction '<'), for a fixed cut-off (e.g. from training). */
    public static Coords at(double[] score, int[] y, double threshold) {
        double tp = 0;
        double fp = 0;
        double tn = 0;
        double fn = 0;
        for (int i = 0; i < y.length; i++) {
            boolean pos = score[i] >= threshold;
            if (y[i] == 1) {
                tp += pos ? 1 : 0;
                fn += pos ? 0 : 1;
            } else {
                fp += pos ? 1 : 0;
                tn += pos ? 0 : 1;
            }
        }
        double se = tp / (tp + fn);
        double sp = tn / (tn + fp);
        return new Coords(threshold, sp, se, (tp + tn) / y.length, tp / (tp + fp), tn / (tn + fn), tp, tn, fp, fn, se + sp);
    }

    /** Placement values of the cases (V10, pROC's X), in the order of the cases. */
    double[] placementsOfCases() {
        return v10;
    }

    /** Placement values of the controls (V01, pROC's Y), in the order of the controls. */
    double[] placementsOfControls() {
        return v01;
    }
}
