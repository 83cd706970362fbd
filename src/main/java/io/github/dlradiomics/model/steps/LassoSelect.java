package io.github.dlradiomics.model.steps;

import io.github.dlradiomics.model.Lasso;
import io.github.dlradiomics.model.Splits;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Feature selection by cross-validated LASSO (step type "lasso"): on the training rows, cv.glmnet-style
 * LASSO logistic regression ({@link Lasso}: standardize = TRUE, so unscaled inputs are fine; thresh
 * 1e-7) with {@code folds} stratified folds drawn with {@code seed} ({@link Splits#stratifiedFolds}); the
 * features with a nonzero coefficient at lambda.1se (rule "1se") or lambda.min (rule "min") are kept. When
 * none is nonzero at lambda.1se, lambda.min is used instead and the summary says so; when none is nonzero
 * there either, the step fails. Missing values are refused (put an impute step first).
 *
 * <p>After {@link #fit} the step also holds its {@link #trace()}: the lambda sequence, the coefficient path
 * of the features that are ever nonzero, the CV deviance curve and both lambdas, for the report's LASSO
 * figures. The trace is not part of {@link #toJson} (saved pipelines are unchanged); {@code model train}
 * writes it into run.json as "lasso".
 *
 * <pre>Step s = new LassoSelect("1se", 10, 42); s.fit(x, y, names);</pre>
 */
public final class LassoSelect extends ColumnFilter {
    private final String rule;
    private final int folds;
    private final long seed;
    private String ruleUsed;
    private double lambda = Double.NaN;
    private double lambdaMin = Double.NaN;
    private double lambda1se = Double.NaN;
    private double intercept = Double.NaN;
    private double[] keptCoefficients = new double[0];
    private Trace trace;

    /**
     * What the cross-validated LASSO of the last {@link #fit} computed, as cv.glmnet reports it.
     *
     * @param lambda the full-data lambda sequence (decreasing; the CV grid)
     * @param features the input features whose coefficient is nonzero at some lambda of the path, in input order
     * @param path per feature of {@code features} its coefficient at each lambda, on the original scale of the
     *     step's input (glmnet's {@code coef}; with a zscore step before, that is per training SD)
     * @param cvm mean cross-validated binomial deviance per lambda ({@code type.measure = "deviance"})
     * @param cvsd its standard error per lambda
     * @param ruleUsed "1se" or "min" (the rule whose lambda was used, after a fallback)
     * @param chosen the lambda used ({@code lambdaMin} or {@code lambda1se})
     * @param kept the number of features nonzero at {@code chosen} (= the step's output)
     * @param featuresIn the number of the step's input features
     */
    public record Trace(double[] lambda, List<String> features, double[][] path, double[] cvm, double[] cvsd,
            double lambdaMin, double lambda1se, String ruleUsed, double chosen, int kept, int featuresIn, int folds) {
        /** The measure of {@link #cvm}. */
        public static final String MEASURE = "binomial deviance";

        /** {@code beta[lambda][feature]} of {@link #features} (the transpose of {@link #path}). */
        public double[][] beta() {
            double[][] b = new double[lambda.length][features.size()];
            for (int j = 0; j < features.size(); j++) {
                for (int i = 0; i < lambda.length; i++) {
                    b[i][j] = path[j][i];
                }
            }
            return b;
        }

        /** The number of nonzero coefficients at each lambda (glmnet's df). */
        public int[] df() {
            int[] d = new int[lambda.length];
            for (double[] v : path) {
                for (int i = 0; i < d.length; i++) {
                    d[i] += v[i] != 0 ? 1 : 0;
                }
            }
            return d;
        }

        /** JSON: lambda, cvm, cvsd arrays; "coefficients" {feature: [per lambda]}; the choices. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("measure", MEASURE);
            m.put("folds", folds);
            m.put("rule_used", ruleUsed);
            m.put("lambda_min", lambdaMin);
            m.put("lambda_1se", lambda1se);
            m.put("lambda_chosen", chosen);
            m.put("kept", kept);
            m.put("features_in", featuresIn);
            m.put("coefficient_scale", "original scale of the lasso step's input");
            m.put("lambda", lambda);
            m.put("cvm", cvm);
            m.put("cvsd", cvsd);
            Map<String, Object> c = new LinkedHashMap<>();
            for (int j = 0; j < features.size(); j++) {
                c.put(features.get(j), path[j]);
            }
            m.put("coefficients", c);
            return m;
        }

        /** From {@link #toJson} (numbers written as null, e.g. NaN, read back as NaN). */
        @SuppressWarnings("unchecked")
        public static Trace fromJson(Map<String, Object> m) {
            double[] lambda = doubles(m.get("lambda"));
            List<String> features = new ArrayList<>();
            List<double[]> path = new ArrayList<>();
            if (m.get("coefficients") instanceof Map<?, ?> c) {
                for (Map.Entry<?, ?> e : c.entrySet()) {
                    features.add(String.valueOf(e.getKey()));
                    path.add(doubles(e.getValue()));
                }
            }
            for (double[] v : path) {
                if (v.length != lambda.length) {
                    throw new UserInputException("lasso trace: a coefficient path has " + v.length + " values for "
                            + lambda.length + " lambdas");
                }
            }
            double[] cvm = doubles(m.get("cvm"));
            double[] cvsd = doubles(m.get("cvsd"));
            if (cvm.length != lambda.length || cvsd.length != lambda.length) {
                throw new UserInputException("lasso trace: " + lambda.length + " lambdas but " + cvm.length + " cvm and "
                        + cvsd.length + " cvsd values");
            }
            return new Trace(lambda, features, path.toArray(new double[0][]), cvm, cvsd, number(m.get("lambda_min")),
                    number(m.get("lambda_1se")), String.valueOf(m.get("rule_used")), number(m.get("lambda_chosen")),
                    (int) number(m.get("kept")), (int) number(m.get("features_in")), (int) number(m.get("folds")));
        }

        private static double[] doubles(Object o) {
            if (!(o instanceof List<?> l)) {
                return new double[0];
            }
            double[] v = new double[l.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = number(l.get(i));
            }
            return v;
        }
    }

    /** rule "1se" or "min"; folds &gt;= 3; seed for the fold assignment. */
    public LassoSelect(String rule, int folds, long seed) {
        String r = rule == null ? "1se" : rule.trim().toLowerCase(Locale.ROOT);
        if (!r.equals("1se") && !r.equals("min")) {
            throw new UserInputException("lasso: rule must be 1se or min (got '" + rule + "')");
        }
        if (folds < 3) {
            throw new UserInputException("lasso: needs at least 3 cross-validation folds (got " + folds + ")");
        }
        this.rule = r;
        this.folds = folds;
        this.seed = seed;
    }

    @Override
    public String type() {
        return "lasso";
    }

    @Override
    protected int[] choose(double[][] x, int[] y, List<String> names) {
        trace = null;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                if (Double.isNaN(x[i][j])) {
                    throw new UserInputException("lasso: feature '" + names.get(j) + "' has missing values; put an impute step "
                            + "before it");
                }
            }
        }
        Lasso lasso = new Lasso();
        Lasso.Cv cv = lasso.cv(x, y, Splits.stratifiedFolds(y, folds, seed));
        lambdaMin = cv.lambdaMin();
        lambda1se = cv.lambda1se();
        ruleUsed = rule;
        Lasso.Fit fit = lasso.coefficients(x, y, names, cv.path(), cv.lambda(rule));
        detail = "";
        if (fit.nonzero().isEmpty() && rule.equals("1se")) {
            ruleUsed = "min";
            fit = lasso.coefficients(x, y, names, cv.path(), lambdaMin);
            detail = "no feature is nonzero at lambda.1se ("
                    + fmt(lambda1se) + "), used lambda.min (" + fmt(lambdaMin) + ")";
        }
        if (fit.nonzero().isEmpty()) {
            throw new UserInputException("lasso: no feature has a nonzero coefficient at lambda.min (" + fmt(lambdaMin)
                    + ") or lambda.1se (" + fmt(lambda1se) + "); the features do not predict the label in cross-validation");
        }
        lambda = fit.lambda();
        intercept = fit.intercept();
        double[] b = fit.beta();
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < b.length; j++) {
            if (b[j] != 0) {
                keep.add(j);
            }
        }
        trace = trace(cv, names, keep.size());
        keptCoefficients = new double[keep.size()];
        for (int k = 0; k < keep.size(); k++) {
            keptCoefficients[k] = b[keep.get(k)];
        }
        String at = "lambda." + ruleUsed + " = " + fmt(lambda);
        detail = detail.isEmpty() ? at : detail + "; " + at;
        return toArray(keep);
    }

    private Trace trace(Lasso.Cv cv, List<String> names, int nKept) {
        double[][] beta = cv.path().beta();
        List<String> ever = new ArrayList<>();
        List<double[]> path = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            double[] v = new double[beta.length];
            boolean nonzero = false;
            for (int i = 0; i < beta.length; i++) {
                v[i] = beta[i][j];
                nonzero |= v[i] != 0;
            }
            if (nonzero) {
                ever.add(names.get(j));
                path.add(v);
            }
        }
        return new Trace(cv.lambda().clone(), List.copyOf(ever), path.toArray(new double[0][]), cv.cvm().clone(),
                cv.cvsd().clone(), lambdaMin, lambda1se, ruleUsed, lambda, nKept, names.size(), folds);
    }

    /** The path and CV curve of the last {@link #fit}; null for a step read from JSON (not saved there). */
    public Trace trace() {
        return trace;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("rule", rule);
        p.put("folds", folds);
        p.put("seed", seed);
        return p;
    }

    /** The rule whose lambda was used ("min" after a fallback). */
    public String ruleUsed() {
        return ruleUsed;
    }

    /** The lambda used. */
    public double lambda() {
        return lambda;
    }

    /** The kept features' coefficients (original scale), in output order. */
    public Map<String, Double> coefficients() {
        Map<String, Double> m = new LinkedHashMap<>();
        List<String> out = outputNames();
        for (int k = 0; k < out.size(); k++) {
            m.put(out.get(k), keptCoefficients[k]);
        }
        return m;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = super.toJson();
        m.put("rule_used", ruleUsed);
        m.put("lambda", lambda);
        m.put("lambda_min", lambdaMin);
        m.put("lambda_1se", lambda1se);
        m.put("intercept", intercept);
        m.put("coefficients", coefficients());
        m.put("detail", detail);
        return m;
    }

    /** From {@link #toJson}. */
    @SuppressWarnings("unchecked")
    public static LassoSelect fromJson(Map<String, Object> json) {
        Map<String, Object> p = (Map<String, Object>) json.get("params");
        if (p == null) {
            throw new UserInputException("lasso step: no params in the saved pipeline");
        }
        LassoSelect s = new LassoSelect(String.valueOf(p.get("rule")), ((Number) p.get("folds")).intValue(),
                ((Number) p.get("seed")).longValue());
        s.restore(json);
        s.ruleUsed = (String) json.get("rule_used");
        s.lambda = number(json.get("lambda"));
        s.lambdaMin = number(json.get("lambda_min"));
        s.lambda1se = number(json.get("lambda_1se"));
        s.intercept = number(json.get("intercept"));
        Map<String, Object> c = (Map<String, Object>) json.get("coefficients");
        List<String> out = s.outputNames();
        s.keptCoefficients = new double[out.size()];
        for (int k = 0; k < out.size(); k++) {
            Object v = c == null ? null : c.get(out.get(k));
            s.keptCoefficients[k] = number(v);
        }
        s.detail = json.get("detail") instanceof String d ? d : "";
        return s;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
