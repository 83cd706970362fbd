package io.github.dlradiomics.nomogram;

import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A nomogram of a logistic model, built as {@code rms::nomogram(fit, fun = plogis)} builds it with its defaults
 * ({@code maxscale = 100}, {@code nint = 10}) over a {@code datadist} of the training data:
 * <ul>
 * <li>Axis values of a numeric variable: its distinct values when it has at most 10 ({@code datadist}'s
 * {@code n.unique}), else {@code pretty(range(x), 10)} (the full data range, {@code type.range = "full"}). A
 * categorical variable: its levels, reference (coefficient 0) first.</li>
 * <li>Each axis value's contribution {@code beta * x} (levels: their coefficient); per variable the range
 * {@code [R1, R2]} of the contributions over its axis values. Points per unit of linear predictor
 * {@code sc = 100 / max(R2 - R1)}: the variable with the widest range spans 0-100 points; a value's points
 * are {@code (beta * x - R1) * sc}.</li>
 * <li>Total points {@code T} map to the linear predictor {@code lp = T / sc + b0 + sum(R1)}. The linear
 * predictor axis has the ticks {@code pretty(range(training lp), 10)}; the total points axis
 * {@code pretty(c(0, max(100, sc * max(lp ticks - b0 - sum(R1)))), 10)}.</li>
 * <li>Risk ticks {@code pretty(plogis(range(lp ticks)), 10)} (or given ones), placed as rms places them: the
 * linear predictor of each is read by linear interpolation of plogis over 1000 equally spaced values
 * spanning the lp ticks ({@code approx}, ticks outside dropped), then converted to points.</li>
 * </ul>
 * {@link #score} gives one patient's points per variable, total points, linear predictor and risk (exact:
 * {@code plogis(lp)}).
 */
public final class Nomogram {
    /** Points of the widest axis (rms {@code maxscale}). */
    public static final double MAX_SCALE = 100;
    /** Number of intervals asked of {@code pretty} (rms {@code nint}). */
    public static final int NINT = 10;
    /** A numeric variable with at most this many distinct values keeps them as axis values (datadist n.unique). */
    public static final int N_UNIQUE = 10;
    /** Format of {@link #toJson()}. */
    public static final String FORMAT = "dlradiomics-nomogram/1";

    /**
     * A model term. Numeric: {@code levels == null}, {@code coef = {beta}}, {@code data} the training values.
     * Categorical: {@code levels} with the reference first, {@code coef} one per level (the reference's 0).
     */
    public record Term(String name, List<String> levels, double[] coef, double[] data) {
        /** A numeric term. */
        public static Term numeric(String name, double beta, double[] data) {
            return new Term(name, null, new double[] {beta}, data.clone());
        }

        /** A categorical term (levels with the reference first; coef per level, the reference's 0). */
        public static Term categorical(String name, List<String> levels, double[] coef) {
            if (levels.size() != coef.length) {
                throw new IllegalArgumentException(name + ": " + levels.size() + " levels, " + coef.length + " coefficients");
            }
            return new Term(name, List.copyOf(levels), coef.clone(), null);
        }

        /** True for a categorical term. */
        public boolean categorical() {
            return levels != null;
        }
    }

    /**
     * One variable's axis: its values (numbers, NaN for levels), labels, contributions {@code beta * x},
     * points, and the minimum contribution R1 that points are measured from.
     */
    public record Axis(String name, boolean categorical, double beta, List<String> labels, double[] values,
            double[] xbeta, double[] points, double minXbeta) {
    }

    /** One patient's scoring: points per variable (in term order), total, linear predictor, risk. */
    public record Score(List<String> names, double[] points, double total, double lp, double risk) {
    }

    private final double intercept;
    private final List<Axis> axes;
    private final double sc;
    private final double lpAtZero;
    private final double[] totalPoints;
    private final double[] lpTicks;
    private final double[] riskTicks;
    private final double[] riskPoints;

    private Nomogram(double intercept, List<Axis> axes, double sc, double lpAtZero, double[] totalPoints, double[] lpTicks,
            double[] riskTicks, double[] riskPoints) {
        this.intercept = intercept;
        this.axes = List.copyOf(axes);
        this.sc = sc;
        this.lpAtZero = lpAtZero;
        this.totalPoints = totalPoints;
        this.lpTicks = lpTicks;
        this.riskTicks = riskTicks;
        this.riskPoints = riskPoints;
    }

    /**
     * Builds the nomogram.
     *
     * @param intercept the model's intercept
     * @param terms the terms in model order
     * @param trainingLp the linear predictors of the training cases (for the lp axis' range)
     * @param riskAt risk tick values (in (0, 1)), or null for {@code pretty(plogis(range(lp ticks)), 10)}
     */
    public static Nomogram build(double intercept, List<Term> terms, double[] trainingLp, double[] riskAt) {
        if (terms.isEmpty()) {
            throw new UserInputException("nomogram: no variable");
        }
        List<double[]> values = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        List<double[]> xbetas = new ArrayList<>();
        double[] r1 = new double[terms.size()];
        double widest = 0;
        for (int t = 0; t < terms.size(); t++) {
            Term term = terms.get(t);
            double[] v;
            double[] xb;
            List<String> lab = new ArrayList<>();
            if (term.categorical()) {
                v = new double[term.levels().size()];
                Arrays.fill(v, Double.NaN);
                xb = term.coef().clone();
                lab.addAll(term.levels());
            } else {
                v = axisValues(term.name(), term.data());
                xb = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    xb[i] = term.coef()[0] * v[i];
                    lab.add(format(v[i]));
                }
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double d : xb) {
                if (!Double.isFinite(d)) {
                    throw new UserInputException("nomogram: variable '" + term.name() + "' gives an infinite axis value");
                }
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
            r1[t] = lo;
            widest = Math.max(widest, hi - lo);
            values.add(v);
            labels.add(lab);
            xbetas.add(xb);
        }
        if (!(widest > 0)) {
            throw new UserInputException("nomogram: every coefficient is 0; there is nothing to draw");
        }
        double sc = MAX_SCALE / widest;
        double lpAtZero = intercept;
        for (double r : r1) {
            lpAtZero += r;
        }
        List<Axis> axes = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) {
            double[] xb = xbetas.get(t);
            double[] pts = new double[xb.length];
            for (int i = 0; i < xb.length; i++) {
                pts[i] = (xb[i] - r1[t]) * sc;
            }
            Term term = terms.get(t);
            axes.add(new Axis(term.name(), term.categorical(), term.categorical() ? Double.NaN : term.coef()[0],
                    List.copyOf(labels.get(t)), values.get(t), xb, pts, r1[t]));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : trainingLp) {
            if (Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        if (!(lo <= hi)) {
            throw new UserInputException("nomogram: no finite linear predictor in the training data");
        }
        double[] lpAt = Pretty.pretty(lo, hi, NINT);
        double maxLp = Double.NEGATIVE_INFINITY;
        for (double d : lpAt) {
            maxLp = Math.max(maxLp, d);
        }
        double sumMax = terms.size() == 1 ? MAX_SCALE : Math.max(MAX_SCALE, sc * (maxLp - lpAtZero));
        double[] total = Pretty.pretty(0, sumMax, NINT);
        // risk ticks: rms's approximate inverse of plogis over the lp ticks' span
        double minLp = Arrays.stream(lpAt).min().getAsDouble();
        double[] fat = riskAt != null ? riskAt.clone() : Pretty.pretty(plogis(minLp), plogis(maxLp), NINT);
        double[] xseq = Pretty.seq(minLp, maxLp, 1000);
        double[] fu = new double[xseq.length];
        for (int i = 0; i < xseq.length; i++) {
            fu[i] = plogis(xseq[i]);
        }
        double[] w = approx(fu, xseq, fat);
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < fat.length; i++) {
            if (!Double.isNaN(w[i]) && !Double.isNaN(fat[i])) {
                kept.add(new double[] {(w[i] - lpAtZero) * sc, fat[i]});
            }
        }
        double[] riskPts = new double[kept.size()];
        double[] riskVal = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            riskPts[i] = kept.get(i)[0];
            riskVal[i] = kept.get(i)[1];
        }
        return new Nomogram(intercept, axes, sc, lpAtZero, total, lpAt, riskVal, riskPts);
    }

    /** Axis values of a numeric variable: its distinct values if at most 10, else pretty(range, 10). */
    static double[] axisValues(String name, double[] data) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (double d : data) {
            if (!Double.isNaN(d)) {
                distinct.add(d == 0 ? 0.0 : d);
            }
        }
        if (distinct.size() < 2) {
            throw new UserInputException("nomogram: variable '" + name + "' is constant in the training data");
        }
        if (distinct.size() <= N_UNIQUE) {
            return distinct.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return Pretty.pretty(distinct.first(), distinct.last(), NINT);
    }

    /**
     * R's {@code approx(x, y, xout, ties = mean)} with {@code rule = 1}: linear interpolation, NaN outside
     * {@code [min x, max x]}; equal x values are merged (mean y).
     */
    static double[] approx(double[] x, double[] y, double[] xout) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        List<double[]> pts = new ArrayList<>();
        int i = 0;
        while (i < order.length) {
            int j = i;
            double sum = 0;
            while (j < order.length && x[order[j]] == x[order[i]]) {
                sum += y[order[j]];
                j++;
            }
            pts.add(new double[] {x[order[i]], sum / (j - i)});
            i = j;
        }
        int n = pts.size();
        double[] out = new double[xout.length];
        for (int k = 0; k < xout.length; k++) {
            double v = xout[k];
            if (Double.isNaN(v) || v < pts.get(0)[0] || v > pts.get(n - 1)[0]) {
                out[k] = Double.NaN;
                continue;
            }
            int lo = 0;
            int hi = n - 1;
            while (lo < hi - 1) {
                int mid = (lo + hi) / 2;
                if (v < pts.get(mid)[0]) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            double[] a = pts.get(lo);
            double[] b = pts.get(hi);
            out[k] = v == b[0] ? b[1] : v == a[0] ? a[1] : a[1] + (b[1] - a[1]) * ((v - a[0]) / (b[0] - a[0]));
        }
        return out;
    }

    /** The logistic function. */
    public static double plogis(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /**
     * Scores one patient. Values by variable name: a number for a numeric variable (any value, also outside
     * its axis), a level for a categorical one. Every variable must be given.
     */
    public Score score(Map<String, String> values) {
        double[] pts = new double[axes.size()];
        List<String> names = new ArrayList<>();
        double total = 0;
        for (int t = 0; t < axes.size(); t++) {
            Axis a = axes.get(t);
            names.add(a.name());
            String v = values.get(a.name());
            if (v == null || v.isBlank()) {
                throw new UserInputException("nomogram: no value for '" + a.name() + "'");
            }
            v = v.trim();
            double xb;
            if (a.categorical()) {
                int k = a.labels().indexOf(v);
                if (k < 0) {
                    throw new UserInputException("nomogram: '" + v + "' is not a level of '" + a.name() + "' (levels: "
                            + String.join(", ", a.labels()) + ")");
                }
                xb = a.xbeta()[k];
            } else {
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new UserInputException("nomogram: '" + a.name() + "' must be a number, not '" + v + "'");
                }
                if (!Double.isFinite(d)) {
                    throw new UserInputException("nomogram: '" + a.name() + "' must be finite, not '" + v + "'");
                }
                xb = a.beta() * d;
            }
            pts[t] = (xb - a.minXbeta()) * sc;
            total += pts[t];
        }
        for (String k : values.keySet()) {
            if (!names.contains(k)) {
                throw new UserInputException("nomogram: '" + k + "' is not a variable of this nomogram (variables: "
                        + String.join(", ", names) + ")");
            }
        }
        double lp = total / sc + lpAtZero;
        return new Score(names, pts, total, lp, plogis(lp));
    }

    /** The intercept of the model. */
    public double intercept() {
        return intercept;
    }

    /** The variables' axes in model order. */
    public List<Axis> axes() {
        return axes;
    }

    /** Points per unit of linear predictor (rms: {@code sc}). */
    public double pointsPerLpUnit() {
        return sc;
    }

    /** The linear predictor at 0 total points ({@code b0 + sum(R1)}). */
    public double lpAtZeroPoints() {
        return lpAtZero;
    }

    /** Tick values of the Total Points axis. */
    public double[] totalPointsTicks() {
        return totalPoints.clone();
    }

    /** Tick values of the linear predictor axis. */
    public double[] lpTicks() {
        return lpTicks.clone();
    }

    /** Points of the linear predictor ticks. */
    public double[] lpTickPoints() {
        double[] p = new double[lpTicks.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (lpTicks[i] - lpAtZero) * sc;
        }
        return p;
    }

    /** Risk tick values (those inside the lp axis' span). */
    public double[] riskTicks() {
        return riskTicks.clone();
    }

    /** Total points of the risk ticks. */
    public double[] riskTickPoints() {
        return riskPoints.clone();
    }

    /** The nomogram as JSON-ready maps (the fields: docs/modelling.md, "Nomogram"). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("points_per_lp_unit", sc);
        m.put("max_points", MAX_SCALE);
        m.put("intercept", intercept);
        m.put("lp_at_zero_points", lpAtZero);
        List<Object> vars = new ArrayList<>();
        for (Axis a : axes) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", a.name());
            v.put("type", a.categorical() ? "categorical" : "numeric");
            if (a.categorical()) {
                v.put("levels", a.labels());
                v.put("coefficients", a.xbeta().clone());
            } else {
                v.put("coefficient", a.beta());
            }
            v.put("min_contribution", a.minXbeta());
            List<Object> ticks = new ArrayList<>();
            for (int i = 0; i < a.points().length; i++) {
                ticks.add(List.of(a.categorical() ? a.labels().get(i) : (Object) a.values()[i], a.points()[i]));
            }
            v.put("ticks", ticks);
            vars.add(v);
        }
        m.put("variables", vars);
        m.put("total_points_ticks", totalPoints.clone());
        List<Object> lp = new ArrayList<>();
        double[] lpPts = lpTickPoints();
        for (int i = 0; i < lpTicks.length; i++) {
            lp.add(List.of(lpPts[i], lpTicks[i]));
        }
        m.put("total_points_to_lp", lp);
        List<Object> risk = new ArrayList<>();
        for (int i = 0; i < riskTicks.length; i++) {
            risk.add(List.of(riskPoints[i], riskTicks[i]));
        }
        m.put("total_points_to_risk", risk);
        return m;
    }

    /** A nomogram written by {@link #toJson()}. */
    @SuppressWarnings("unchecked")
    public static Nomogram fromJson(Map<String, Object> m) {
        if (!FORMAT.equals(m.get("format"))) {
            throw new UserInputException("nomogram: not a " + FORMAT + " file (format: " + m.get("format") + ")");
        }
        double sc = num(m, "points_per_lp_unit");
        List<Axis> axes = new ArrayList<>();
        for (Object o : (List<Object>) m.get("variables")) {
            Map<String, Object> v = (Map<String, Object>) o;
            String name = (String) v.get("name");
            boolean cat = "categorical".equals(v.get("type"));
            List<Object> ticks = (List<Object>) v.get("ticks");
            int n = ticks.size();
            List<String> labels = new ArrayList<>();
            double[] values = new double[n];
            double[] points = new double[n];
            double[] xb = new double[n];
            double min = num(v, "min_contribution");
            double beta = cat ? Double.NaN : num(v, "coefficient");
            double[] levelCoef = cat ? toDoubles(v.get("coefficients")) : null;
            for (int i = 0; i < n; i++) {
                List<Object> t = (List<Object>) ticks.get(i);
                points[i] = ((Number) t.get(1)).doubleValue();
                if (cat) {
                    labels.add(String.valueOf(t.get(0)));
                    values[i] = Double.NaN;
                    xb[i] = levelCoef[i];
                } else {
                    values[i] = ((Number) t.get(0)).doubleValue();
                    labels.add(format(values[i]));
                    xb[i] = beta * values[i];
                }
            }
            axes.add(new Axis(name, cat, beta, labels, values, xb, points, min));
        }
        double[] lpTicks = new double[0];
        List<Object> lp = (List<Object>) m.get("total_points_to_lp");
        if (lp != null) {
            lpTicks = new double[lp.size()];
            for (int i = 0; i < lpTicks.length; i++) {
                lpTicks[i] = ((Number) ((List<Object>) lp.get(i)).get(1)).doubleValue();
            }
        }
        List<Object> risk = (List<Object>) m.get("total_points_to_risk");
        double[] rp = new double[risk.size()];
        double[] rv = new double[risk.size()];
        for (int i = 0; i < rp.length; i++) {
            rp[i] = ((Number) ((List<Object>) risk.get(i)).get(0)).doubleValue();
            rv[i] = ((Number) ((List<Object>) risk.get(i)).get(1)).doubleValue();
        }
        return new Nomogram(num(m, "intercept"), axes, sc, num(m, "lp_at_zero_points"),
                toDoubles(m.get("total_points_ticks")), lpTicks, rv, rp);
    }

    private static double num(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (!(o instanceof Number n)) {
            throw new UserInputException("nomogram: '" + key + "' missing or not a number");
        }
        return n.doubleValue();
    }

    private static double[] toDoubles(Object o) {
        if (o instanceof double[] d) {
            return d.clone();
        }
        List<?> l = (List<?>) o;
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) l.get(i)).doubleValue();
        }
        return d;
    }

    /** A short label for an axis value (up to 6 significant digits, no trailing zeros). */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
