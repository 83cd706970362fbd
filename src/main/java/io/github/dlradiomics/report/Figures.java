package io.github.dlradiomics.report;

import io.github.dlradiomics.stats.Calibration;
import io.github.dlradiomics.stats.DecisionCurve;
import io.github.dlradiomics.stats.Roc;
import io.github.dlradiomics.util.Csv;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The figures of a modelling paper as {@link Plot}s: ROC curves with bootstrap bands, calibration, decision
 * curves, the LASSO path and its CV curve, coefficient bars and a confusion matrix.
 *
 * <pre>Plot roc = Figures.roc("Test set", List.of(new Figures.Model("rf", prob, y)), 2000, 42);</pre>
 */
public final class Figures {
    private Figures() {
    }

    /** One model's probabilities of the positive class and the labels (1 = positive). */
    public record Model(String name, double[] prob, int[] y) {
    }

    /**
     * The models of a {@code model train} predictions.csv (ID, Set, label=positive, p_model...) per set, "train"
     * then "test", models in column order.
     */
    public static Map<String, List<Model>> readPredictions(Path predictions)
            throws IOException {
        List<String> head = Csv.header(predictions);
        List<Map<String, String>> pred = Csv.read(predictions);
        String labelCol = head.size() > 2 ? head.get(2) : "label";
        Map<String, List<Model>> sets = new LinkedHashMap<>();
        for (String set : List.of("train", "test")) {
            List<Map<String, String>> rows = pred.stream().filter(r -> set.equals(r.get("Set"))).toList();
            int[] y = new int[rows.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = (int) Csv.number(rows.get(i).get(labelCol));
            }
            List<Model> ms = new ArrayList<>();
            for (String h : head) {
                if (h.startsWith("p_")) {
                    double[] p = new double[rows.size()];
                    for (int i = 0; i < p.length; i++) {
                        p[i] = Csv.number(rows.get(i).get(h));
                    }
                    ms.add(new Model(h.substring(2), p, y));
                }
            }
            sets.put(set, ms);
        }
        return sets;
    }

    /** True when the models' labels hold both classes (a ROC curve can be drawn). */
    public static boolean hasBothClasses(List<Model> ms) {
        if (ms == null || ms.isEmpty()) {
            return false;
        }
        int pos = 0;
        for (int v : ms.get(0).y()) {
            pos += v;
        }
        return pos > 0 && pos < ms.get(0).y().length;
    }

    /** The fixed specificities of the ROC bands: 0, 0.01, ..., 1. */
    private static final int GRID = 101;

    /**
     * ROC curves (x: 1 - specificity, y: sensitivity; higher probability = positive, as {@code model train}).
     * The legend gives each AUC with DeLong's 95% CI (as comparison.csv). With {@code replicates > 0} each
     * curve gets a pointwise 95% band of sensitivity at specificities 0, 0.01, ..., 1: cases and controls are
     * resampled separately with replacement (stratified bootstrap, {@code SplittableRandom(seed)} per model),
     * the sensitivity of each replicate's curve is read at each specificity (linear between the curve's
     * points, the highest sensitivity where the curve is vertical), and the band spans its 2.5% and 97.5%
     * quantiles (type 7), as pROC's ci.se.
     */
    public static Plot roc(String title, List<Model> models, int replicates, long seed) {
        Plot p = new Plot(title, "1 \u2212 Specificity (false-positive rate)", "Sensitivity (true-positive rate)")
                .xRange(0, 1).yRange(0, 1).size(620, 600).legend(Plot.Legend.BOTTOM_RIGHT);
        p.line(new double[] {0, 1}, new double[] {0, 1}, new Color(0x999999), 1f, Plot.Dash.DASHED, false, null);
        for (int k = 0; k < models.size(); k++) {
            Model m = models.get(k);
            Color c = Plot.color(k);
            double[][] curve = curve(m.prob, m.y);
            if (replicates > 0) {
                double[][] band = band(m.prob, m.y, replicates, seed);
                p.band(band[0], band[1], band[2], Plot.alpha(c, 0.13), null);
            }
            Roc roc = Roc.of(m.prob, m.y, "<");
            double[] ci = roc.ciDeLong(0.95);
            p.line(curve[0], curve[1], c, 2f, Plot.Dash.SOLID, false, String.format(Locale.ROOT,
                    "%s  AUC %.3f (%.3f\u2013%.3f)", m.name, roc.auc(), ci[0], ci[1]));
        }
        if (replicates > 0) {
            p.subtitle("AUC (DeLong 95% CI); bands: bootstrap 95% CI of sensitivity (" + replicates
                    + " stratified replicates, seed " + seed + ")");
        }
        return p;
    }

    /** The empirical ROC points {fpr[], tpr[]} from (0, 0) to (1, 1), thresholds from high to low (ties jump). */
    public static double[][] curve(double[] score, int[] y) {
        int n = score.length;
        Integer[] order = new Integer[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            pos += y[i];
        }
        int neg = n - pos;
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[] {0, 0});
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < n;) {
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) {
                if (y[order[j]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            pts.add(new double[] {(double) fp / neg, (double) tp / pos});
            i = j;
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    /** Sensitivity at false-positive rate f: linear between points, the top of a vertical segment. */
    static double sensitivityAt(double[] fpr, double[] tpr, double f) {
        int lo = 0;
        int hi = fpr.length;
        while (lo < hi) { // first index with fpr >= f - 1e-12
            int mid = (lo + hi) >>> 1;
            if (fpr[mid] < f - 1e-12) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == fpr.length) {
            return 1;
        }
        if (Math.abs(fpr[lo] - f) <= 1e-12) {
            while (lo + 1 < fpr.length && Math.abs(fpr[lo + 1] - f) <= 1e-12) {
                lo++; // tpr does not decrease along the curve: the last equal point is the highest
            }
            return tpr[lo];
        }
        if (lo == 0) {
            return tpr[0];
        }
        double t = (f - fpr[lo - 1]) / (fpr[lo] - fpr[lo - 1]);
        return tpr[lo - 1] + t * (tpr[lo] - tpr[lo - 1]);
    }

    /** {fpr grid, lower, upper} of the bootstrap band (see {@link #roc}). */
    static double[][] band(double[] prob, int[] y, int replicates, long seed) {
        List<Double> cs = new ArrayList<>();
        List<Double> ct = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            (y[i] == 1 ? cs : ct).add(prob[i]);
        }
        int m = cs.size();
        int n = ct.size();
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] se = new double[GRID][replicates];
        double[] score = new double[m + n];
        int[] lab = new int[m + n];
        Arrays.fill(lab, 0, m, 1);
        double[] fgrid = new double[GRID];
        for (int g = 0; g < GRID; g++) {
            fgrid[g] = g / (GRID - 1.0);
        }
        for (int r = 0; r < replicates; r++) {
            for (int i = 0; i < m; i++) {
                score[i] = cs.get(rng.nextInt(m));
            }
            for (int i = 0; i < n; i++) {
                score[m + i] = ct.get(rng.nextInt(n));
            }
            double[][] c = curve(score, lab);
            for (int g = 0; g < GRID; g++) {
                se[g][r] = sensitivityAt(c[0], c[1], fgrid[g]);
            }
        }
        double[] lo = new double[GRID];
        double[] hi = new double[GRID];
        for (int g = 0; g < GRID; g++) {
            Arrays.sort(se[g]);
            lo[g] = quantile(se[g], 0.025);
            hi[g] = quantile(se[g], 0.975);
        }
        return new double[][] {fgrid, lo, hi};
    }

    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int i = (int) Math.floor(h);
        return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }

    /**
     * Calibration: per model R's lowess(p, y, iter = 0) (rms::val.prob's curve, via {@link Calibration}) and the
     * observed rate in {@code bins} equal-size groups of sorted p (points at the mean p), the ideal diagonal
     * dashed. The legend gives the Brier score.
     */
    public static Plot calibration(String title, List<Model> models, int bins) {
        Plot p = new Plot(title, "Predicted probability", "Observed proportion").xRange(0, 1).yRange(0, 1)
                .size(620, 600).legend(Plot.Legend.TOP_LEFT)
                .subtitle("Lines: lowess smoother; points: " + bins + " equal-size groups of predicted probability");
        p.line(new double[] {0, 1}, new double[] {0, 1}, new Color(0x777777), 1.5f, Plot.Dash.DASHED, false, "Ideal");
        for (int k = 0; k < models.size(); k++) {
            Model m = models.get(k);
            Color c = Plot.color(k);
            double[][] s = lowess(m.prob, m.y);
            double brier = 0;
            for (int i = 0; i < m.y.length; i++) {
                brier += (m.prob[i] - m.y[i]) * (m.prob[i] - m.y[i]);
            }
            p.line(s[0], s[1], c, 2f, Plot.Dash.SOLID, false,
                    String.format(Locale.ROOT, "%s  (Brier %.3f)", m.name, brier / m.y.length));
            double[][] b = binned(m.prob, m.y, bins);
            p.points(b[0], b[1], c, 3.5f, null);
        }
        return p;
    }

    /**
     * {sorted p, smoothed y}: R's lowess(p, y, iter = 0) as rms::val.prob draws it (f = 2/3, delta = 1% of the
     * range). Unlike {@link Calibration#of} it needs no recalibration fit, so separated predictions still plot.
     */
    public static double[][] lowess(double[] prob, int[] y) {
        int n = prob.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> prob[i]));
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = prob[order[i]];
            ys[i] = y[order[i]];
        }
        return new double[][] {xs, Calibration.lowess(xs, ys, 2.0 / 3, 0, 0.01 * (xs[n - 1] - xs[0]))};
    }

    /** {mean p, observed rate} of equal-size groups of sorted p. */
    public static double[][] binned(double[] prob, int[] y, int bins) {
        int n = prob.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> prob[i]));
        int g = Math.max(1, Math.min(bins, n));
        double[][] out = new double[2][g];
        for (int b = 0; b < g; b++) {
            int lo = (int) ((long) b * n / g);
            int hi = (int) ((long) (b + 1) * n / g);
            double sp = 0;
            double sy = 0;
            for (int i = lo; i < hi; i++) {
                sp += prob[order[i]];
                sy += y[order[i]];
            }
            out[0][b] = sp / Math.max(1, hi - lo);
            out[1][b] = sy / Math.max(1, hi - lo);
        }
        return out;
    }

    /**
     * Decision curves (dcurves::dca via {@link DecisionCurve}) at thresholds 0.01 to 0.99: net benefit of each
     * model, treat all (grey) and treat none (black). As dcurves' plots, the y axis is cut below at -0.05
     * (treat all falls steeply), and above at the largest net benefit plus 10%.
     */
    public static Plot decisionCurve(String title, List<Model> models) {
        double[] th = DecisionCurve.thresholds("0.01:0.99:0.01");
        Plot p = new Plot(title, "Threshold probability", "Net benefit").legend(Plot.Legend.RIGHT_OUTSIDE).size(720, 560);
        double max = 0;
        DecisionCurve.Result first = null;
        List<DecisionCurve.Result> rs = new ArrayList<>();
        for (Model m : models) {
            DecisionCurve.Result r = DecisionCurve.of(m.prob, m.y, th);
            rs.add(r);
            first = first == null ? r : first;
            for (double v : r.netBenefit()) {
                max = Math.max(max, v);
            }
            for (double v : r.treatAll()) {
                max = Math.max(max, v);
            }
        }
        p.xRange(0, 1).yRange(-0.05, Math.max(0.05, max * 1.1));
        if (first != null) {
            p.line(th, first.treatAll(), new Color(0x888888), 2f, Plot.Dash.SOLID, false, "Treat all");
            p.line(th, first.treatNone(), Color.BLACK, 2f, Plot.Dash.SOLID, false, "Treat none");
        }
        for (int k = 0; k < models.size(); k++) {
            p.line(th, rs.get(k).netBenefit(), Plot.color(k), 2f, Plot.Dash.SOLID, false, models.get(k).name);
        }
        return p;
    }

    /**
     * The LASSO coefficient path: each feature's coefficient against log(lambda) ({@code beta[lambda][feature]},
     * as {@code Lasso.Path}), dashed verticals at lambda.min and lambda.1se. The legend lists the features
     * nonzero at lambda.1se (at most 12, by |coefficient| at the smallest lambda).
     */
    public static Plot lassoPath(double[] lambda, double[][] beta, List<String> names, double lambdaMin,
            double lambda1se) {
        return lassoPath(lambda, beta, names, lambdaMin, lambda1se, lambda1se, "Coefficient");
    }

    /**
     * The LASSO coefficient path as {@link #lassoPath(double[], double[][], List, double, double)}, the legend
     * listing the features nonzero at {@code chosen} (the lambda the selection used; at most 12, by |coefficient|
     * at the smallest lambda; the others grey) and the y axis labelled {@code yLabel} (say the coefficients' scale).
     */
    public static Plot lassoPath(double[] lambda, double[][] beta, List<String> names, double lambdaMin,
            double lambda1se, double chosen, String yLabel) {
        Plot p = new Plot("LASSO coefficient path", "log(\u03bb)", yLabel).legend(Plot.Legend.RIGHT_OUTSIDE)
                .size(1000, 560);
        double[] x = new double[lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            x[i] = Math.log(lambda[i]);
        }
        int last = lambda.length - 1;
        int atChosen = nearest(lambda, chosen);
        Integer[] order = new Integer[names.size()];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(beta[last][b]), Math.abs(beta[last][a])));
        int kept = 0;
        for (int j = 0; j < names.size(); j++) {
            kept += beta[atChosen][j] != 0 ? 1 : 0;
        }
        // grey lines first, so that the kept features are drawn on top of them
        for (int pass = 0; pass < 2; pass++) {
            int shown = 0;
            for (int r = 0; r < order.length; r++) {
                int j = order[r];
                boolean label = beta[atChosen][j] != 0 && shown < 12;
                shown += label ? 1 : 0;
                if (label != (pass == 1)) {
                    continue;
                }
                double[] y = new double[lambda.length];
                for (int i = 0; i < lambda.length; i++) {
                    y[i] = beta[i][j];
                }
                p.line(x, y, label ? Plot.color(shown - 1) : new Color(0xAAAAAA), label ? 2f : 1.2f, Plot.Dash.SOLID,
                        false, label ? names.get(j) : null);
            }
        }
        p.line(new double[] {x[0], x[last]}, new double[] {0, 0}, new Color(0x555555), 1f, Plot.Dash.SOLID, false, null);
        lambdaLines(p, lambdaMin, lambda1se, Color.BLACK, new Color(0x555555));
        String which = chosen == lambda1se ? "\u03bb.1se" : chosen == lambdaMin ? "\u03bb.min"
                : String.format(Locale.ROOT, "\u03bb = %.4g", chosen);
        p.subtitle(String.format(Locale.ROOT, "%d feature%s nonzero at %s (coloured%s); grey: %s", kept,
                kept == 1 ? "" : "s", which, kept > 12 ? ", 12 largest named" : "",
                "features that enter only at smaller \u03bb"));
        return p;
    }

    /** cv.glmnet's plot: mean binomial deviance ±1 SE per log(lambda), dashed verticals at lambda.min and .1se. */
    public static Plot lassoCv(double[] lambda, double[] cvm, double[] cvsd, double lambdaMin, double lambda1se) {
        return lassoCv(lambda, cvm, cvsd, lambdaMin, lambda1se, null);
    }

    /**
     * cv.glmnet's plot as {@link #lassoCv(double[], double[], double[], double, double)}; with {@code df} (the
     * number of nonzero coefficients per lambda) those numbers are written along the top, as glmnet does.
     */
    public static Plot lassoCv(double[] lambda, double[] cvm, double[] cvsd, double lambdaMin, double lambda1se,
            int[] df) {
        Plot p = new Plot("LASSO cross-validation", "log(\u03bb)", "Binomial deviance (mean \u00b1 1 SE)")
                .legend(Plot.Legend.RIGHT_OUTSIDE).size(760, 520);
        int n = lambda.length;
        double[] x = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double ylo = Double.POSITIVE_INFINITY;
        double yhi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x[i] = Math.log(lambda[i]);
            lo[i] = cvm[i] - cvsd[i];
            hi[i] = cvm[i] + cvsd[i];
            if (Double.isFinite(lo[i]) && Double.isFinite(hi[i])) {
                ylo = Math.min(ylo, lo[i]);
                yhi = Math.max(yhi, hi[i]);
            }
        }
        if (ylo <= yhi) {
            double span = Math.max(yhi - ylo, 1e-9);
            double step = Plot.niceStep(span * 1.25);
            double top = yhi + (df != null ? 0.14 : 0.04) * span;
            p.yRange(Math.floor((ylo - 0.04 * span) / step) * step, df != null ? top : Math.ceil(top / step) * step);
            if (df != null) {
                int every = Math.max(1, (int) Math.ceil(n / 12.0));
                for (int i = 0; i < n; i += every) {
                    p.text(x[i], yhi + 0.08 * span, Integer.toString(df[i]), 11f, false, new Color(0x333333));
                }
                p.subtitle("Numbers along the top: features with a nonzero coefficient at that \u03bb");
            }
        }
        p.errorBars(x, lo, hi, new Color(0x999999));
        p.points(x, cvm, new Color(0xD55E00), 3f, "Mean deviance");
        p.legendSwatch("\u00b1 1 SE (error bars)", new Color(0x999999));
        lambdaLines(p, lambdaMin, lambda1se, new Color(0x0072B2), new Color(0x009E73));
        return p;
    }

    /** Verticals at lambda.min (dashed) and lambda.1se (dotted), in the legend with their values. */
    private static void lambdaLines(Plot p, double lambdaMin, double lambda1se, Color cMin, Color c1se) {
        p.vline(Math.log(lambdaMin), cMin, Plot.Dash.DASHED, String.format(Locale.ROOT, "\u03bb.min = %.4g "
                + "(log %.2f)", lambdaMin, Math.log(lambdaMin)));
        p.vline(Math.log(lambda1se), c1se, Plot.Dash.DOTTED, String.format(Locale.ROOT, "\u03bb.1se = %.4g "
                + "(log %.2f)", lambda1se, Math.log(lambda1se)));
    }

    private static int nearest(double[] v, double t) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i] - t) < Math.abs(v[best] - t)) {
                best = i;
            }
        }
        return best;
    }

    /** Horizontal bars of coefficients or importances, largest |value| on top; negative bars in a second colour. */
    public static Plot bars(String title, List<String> names, double[] values, String valueLabel) {
        int n = names.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(values[a]), Math.abs(values[b])));
        Plot p = new Plot(title, valueLabel, "").size(680, Math.max(260, 110 + 26 * n)).legend(Plot.Legend.NONE);
        double[] at = new double[n];
        String[] lab = new String[n];
        double lo = 0;
        double hi = 0;
        boolean neg = false;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            double v = values[i];
            neg |= v < 0;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            Color c = v < 0 ? new Color(0xD55E00) : new Color(0x0072B2);
            p.rect(Math.min(0, v), r + 0.15, Math.max(0, v), r + 0.85, c, null);
            at[r] = r + 0.5;
            lab[r] = names.get(i);
        }
        double pad = (hi - lo) * 0.05 + 1e-12;
        p.yTicks(at, lab).yRange(0, n).xRange(lo - (lo < 0 ? pad : 0), hi + (hi > 0 ? pad : 0));
        p.line(new double[] {0, 0}, new double[] {0, n}, new Color(0x333333), 1f, Plot.Dash.SOLID, false, null);
        if (neg) {
            p.legendSwatch("positive", new Color(0x0072B2)).legendSwatch("negative", new Color(0xD55E00))
                    .legend(Plot.Legend.BOTTOM_RIGHT);
        }
        return p;
    }

    /** The 2x2 confusion matrix of calling p >= threshold positive: counts and row percentages. */
    public static Plot confusion(String title, double[] prob, int[] y, double threshold) {
        int[][] m = new int[2][2]; // [actual][predicted], 1 = positive
        for (int i = 0; i < y.length; i++) {
            m[y[i]][prob[i] >= threshold ? 1 : 0]++;
        }
        Plot p = new Plot(title, "Predicted", "Actual").size(460, 440).grid(false).legend(Plot.Legend.NONE)
                .xRange(0, 2).yRange(0, 2)
                .subtitle(String.format(Locale.ROOT, "positive when p \u2265 %.3g", threshold))
                .xTicks(new double[] {0.5, 1.5}, new String[] {"Negative", "Positive"})
                .yTicks(new double[] {0.5, 1.5}, new String[] {"Positive", "Negative"});
        for (int a = 0; a < 2; a++) {
            int rowSum = m[a][0] + m[a][1];
            for (int q = 0; q < 2; q++) {
                double share = rowSum == 0 ? 0 : (double) m[a][q] / rowSum;
                boolean correct = a == q;
                Color base = correct ? new Color(0x0072B2) : new Color(0xD55E00);
                double yb = a == 1 ? 0 : 1; // actual positive at the bottom row
                p.rect(q, yb, q + 1, yb + 1, Plot.alpha(base, 0.12 + 0.6 * share), Color.WHITE);
                String name = correct ? (a == 1 ? "TP" : "TN") : (a == 1 ? "FN" : "FP");
                Color tc = share > 0.55 ? Color.WHITE : Color.BLACK;
                p.text(q + 0.5, yb + 0.62, String.valueOf(m[a][q]), 26f, true, tc);
                p.text(q + 0.5, yb + 0.34, String.format(Locale.ROOT, "%s  %.1f%%", name, 100 * share), 13f, false, tc);
            }
        }
        return p;
    }
}
