package io.github.dlradiomics.model;

import io.github.dlradiomics.model.classifiers.JsonState;
import io.github.dlradiomics.model.classifiers.Params;
import io.github.dlradiomics.model.classifiers.TrainingData;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The classifier "lr-l1": LASSO logistic regression as glmnet (see {@link Lasso}; standardize = TRUE,
 * thresh 1e-7). Parameters: {@code lambda} = "1se" (default) or "min" — cv.glmnet's lambda.1se or
 * lambda.min from a cross-validation with {@code folds} (default 5) stratified folds drawn with
 * {@code seed} ({@link Splits#stratifiedFolds}) — or a number, used directly (no cross-validation;
 * coefficients as {@code coef(glmnet(x, y), s = lambda, exact = TRUE)}).
 *
 * <pre>Classifier c = Classifiers.create("lr-l1", Map.of("lambda", "min", "folds", 10), 42);</pre>
 */
public final class LassoLogistic implements Classifier {
    /** Registry name. */
    public static final String NAME = "lr-l1";

    private final String rule;
    private final double fixedLambda;
    private final int folds;
    private final long seed;

    private double intercept = Double.NaN;
    private double[] beta;
    private double lambda = Double.NaN;
    private double lambdaMin = Double.NaN;
    private double lambda1se = Double.NaN;

    private LassoLogistic(String rule, double fixedLambda, int folds, long seed) {
        this.rule = rule;
        this.fixedLambda = fixedLambda;
        this.folds = folds;
        this.seed = seed;
    }

    /** From parameters lambda ("1se" | "min" | a number &gt;= 0), folds (&gt;= 3), seed. */
    public static LassoLogistic create(Map<String, ?> params, long seed) {
        Params.checkKeys(NAME, params, List.of("lambda", "folds", Params.SEED));
        Object l = params == null ? null : params.get("lambda");
        String rule = "1se";
        double fixed = Double.NaN;
        if (l != null) {
            String s = l.toString().trim().toLowerCase(Locale.ROOT);
            if (s.equals("1se") || s.equals("lambda.1se")) {
                rule = "1se";
            } else if (s.equals("min") || s.equals("lambda.min")) {
                rule = "min";
            } else {
                try {
                    fixed = l instanceof Number n ? n.doubleValue() : Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new UserInputException(NAME + ": parameter lambda must be 1se, min or a number, got '" + l + "'");
                }
                if (!(fixed >= 0) || !Double.isFinite(fixed)) {
                    throw new UserInputException(NAME + ": parameter lambda must be >= 0, got " + l);
                }
                rule = null;
            }
        }
        int folds = Params.positiveInt(NAME, params, "folds", 5);
        if (folds < 3) {
            throw new UserInputException(NAME + ": parameter folds must be >= 3 (cv.glmnet's minimum), got " + folds);
        }
        return new LassoLogistic(rule, fixed, folds, Params.seed(NAME, params, seed));
    }

    /** The registry's default grid: lambda.1se and lambda.min. */
    public static List<Map<String, Object>> defaultGrid() {
        return List.of(Map.of("lambda", "1se"), Map.of("lambda", "min"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lambda", rule != null ? rule : (Object) fixedLambda);
        m.put("folds", folds);
        m.put(Params.SEED, seed);
        return m;
    }

    @Override
    public void fit(double[][] x, int[] y) {
        int p = TrainingData.check(NAME, x, y);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("x" + (j + 1));
        }
        Lasso lasso = new Lasso();
        Lasso.Fit f;
        if (rule == null) {
            f = lasso.fit(x, y, names, fixedLambda);
        } else {
            Lasso.Cv cv = lasso.cv(x, y, Splits.stratifiedFolds(y, folds, seed));
            lambdaMin = cv.lambdaMin();
            lambda1se = cv.lambda1se();
            f = lasso.coefficients(x, y, names, cv.path(), cv.lambda(rule));
        }
        intercept = f.intercept();
        beta = f.beta();
        lambda = f.lambda();
    }

    @Override
    public double[] predictProba(double[][] x) {
        if (beta == null) {
            throw new IllegalStateException(NAME + ": not fitted");
        }
        TrainingData.checkPredict(NAME, x, beta.length);
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double eta = intercept;
            for (int j = 0; j < beta.length; j++) {
                eta += beta[j] * x[i][j];
            }
            p[i] = 1 / (1 + Math.exp(-eta));
        }
        return p;
    }

    /** The intercept after {@link #fit}. */
    public double intercept() {
        return intercept;
    }

    /** The coefficients (original feature scale) after {@link #fit}. */
    public double[] coefficients() {
        return beta == null ? null : beta.clone();
    }

    /** The lambda used. */
    public double lambda() {
        return lambda;
    }

    @Override
    public Map<String, Object> toJson(Path dir) {
        if (beta == null) {
            throw new IllegalStateException(NAME + ": not fitted");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("params", params());
        m.put("lambda_used", lambda);
        if (!Double.isNaN(lambdaMin)) {
            m.put("lambda_min", lambdaMin);
            m.put("lambda_1se", lambda1se);
        }
        m.put("intercept", intercept);
        m.put("coefficients", beta.clone());
        return m;
    }

    /** The model written by {@link #toJson}. */
    public static LassoLogistic fromJson(Map<String, Object> json) {
        JsonState.name(json, NAME);
        LassoLogistic c = create(JsonState.params(json), 0);
        c.intercept = JsonState.number(json, "intercept");
        c.beta = JsonState.vector(json, "coefficients");
        c.lambda = JsonState.number(json, "lambda_used");
        if (json.get("lambda_min") != null) {
            c.lambdaMin = JsonState.number(json, "lambda_min");
            c.lambda1se = JsonState.number(json, "lambda_1se");
        }
        return c;
    }
}
