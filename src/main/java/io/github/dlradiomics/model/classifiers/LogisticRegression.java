package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.model.Classifier;
import io.github.dlradiomics.stats.NormalDistribution;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binary logistic regression by Newton's method (IRLS) with step halving, iterated until the deviance
 * changes by less than 1e-10 relative ({@code |D - D_old| / (|D| + 0.1)}, R's {@code glm} criterion at a
 * tighter tolerance).
 * <ul>
 * <li>{@code "lr"}: unpenalised maximum likelihood, the model of R's
 * {@code glm(y ~ ., family = binomial)}; {@link #summary()} gives the coefficient table of
 * {@code summary(glm)}: estimates, standard errors (square roots of the diagonal of the inverse Fisher
 * information at the estimate), Wald z and two-sided normal p values. When no finite estimate exists
 * the fit is refused instead of returning huge coefficients, as R's "fitted probabilities numerically 0 or
 * 1 occurred" would: perfect separation by one feature is found directly (a {@link SeparationException}
 * naming it), separation by a combination of features by the Newton direction that still moves the
 * linear predictor after the deviance has flattened; constant and collinear features are refused too.</li>
 * <li>{@code "lr-l2"}: ridge, scikit-learn's {@code LogisticRegression(C=C)} objective
 * {@code -loglik + ||b||² / (2C)} with the intercept unpenalised (parameter {@code C}, default 1).</li>
 * </ul>
 * Internally the features are centred and scaled by their (population) standard deviation and the
 * estimates transformed back, which changes nothing but the conditioning; the ridge penalty stays on the
 * coefficients of the features as given. Deterministic (the seed is carried only for {@code params()}).
 *
 * <pre>LogisticRegression lr = LogisticRegression.create("lr", Map.of(), 42); lr.fit(x, y); double[] se = lr.summary().standardError();</pre>
 */
public final class LogisticRegression implements Classifier {
    /** Registry name of the unpenalised model. */
    public static final String NAME = "lr";
    /** Registry name of the ridge (L2) model. */
    public static final String NAME_RIDGE = "lr-l2";

    private static final double TOLERANCE = 1e-10;
    private static final int DEFAULT_MAX_ITER = 100;
    /** Newton step (in linear-predictor units) that, after convergence of the deviance, means divergence. */
    private static final double DRIFT = 1e-3;
    /** A feature whose part not explained by the ones before it is below this (squared, relative): collinear. */
    private static final double COLLINEAR = 1e-12;

    private final boolean ridge;
    private final double c;
    private final int maxIter;
    private final long seed;

    private double intercept = Double.NaN;
    private double[] coef;
    private Summary summary;

    /**
     * The coefficient table of an unpenalised fit, intercept first (index 0), then the features in
     * column order; as R's {@code summary(glm)}: Estimate, Std. Error, z value, Pr(&gt;|z|).
     *
     * @param deviance residual deviance -2 loglik
     * @param nullDeviance deviance of the intercept-only model
     * @param iterations Newton iterations used
     */
    public record Summary(double[] estimate, double[] standardError, double[] z, double[] p, double deviance,
            double nullDeviance, int iterations) {
        /** AIC = deviance + 2 (number of coefficients). */
        public double aic() {
            return deviance + 2 * estimate.length;
        }
    }

    /** Refusal of a fit whose maximum-likelihood coefficients are infinite. */
    public static final class SeparationException extends UserInputException {
        private static final long serialVersionUID = 1L;
        private final int feature;

        SeparationException(String message, int feature) {
            super(message);
            this.feature = feature;
        }

        /** 0-based column of the separating feature, or -1 when a combination of features separates. */
        public int feature() {
            return feature;
        }
    }

    private LogisticRegression(boolean ridge, double c, int maxIter, long seed) {
        this.ridge = ridge;
        this.c = c;
        this.maxIter = maxIter;
        this.seed = seed;
    }

    /**
     * "lr" (parameters: max_iter) or "lr-l2" (parameters: C, max_iter); a {@code seed} in params replaces
     * {@code seed}.
     */
    public static LogisticRegression create(String name, Map<String, ?> params, long seed) {
        boolean r = switch (name) {
            case NAME -> false;
            case NAME_RIDGE -> true;
            default -> throw new IllegalArgumentException("not a logistic regression: " + name);
        };
        Params.checkKeys(name, params, r ? List.of("C", "max_iter", Params.SEED) : List.of("max_iter", Params.SEED));
        double c = r ? Params.positive(name, params, "C", 1.0) : Double.NaN;
        return new LogisticRegression(r, c, Params.positiveInt(name, params, "max_iter", DEFAULT_MAX_ITER),
                Params.seed(name, params, seed));
    }

    @Override
    public String name() {
        return ridge ? NAME_RIDGE : NAME;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (ridge) {
            m.put("C", c);
        }
        m.put("max_iter", maxIter);
        m.put(Params.SEED, seed);
        return m;
    }

    @Override
    public void fit(double[][] x, int[] y) {
        String name = name();
        int p = TrainingData.check(name, x, y);
        int n = x.length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        boolean[] constant = new boolean[p];
        Arrays.fill(constant, true);
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
                constant[j] &= row[j] == x[0][j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }
        for (int j = 0; j < p; j++) {
            sd[j] = Math.sqrt(sd[j] / n);
            if (constant[j]) {
                if (!ridge) {
                    throw new UserInputException(String.format(Locale.ROOT, "%s: feature %d of %d is constant in the "
                            + "training data (%d cases), so its coefficient cannot be estimated; remove it or use lr-l2",
                            name, j + 1, p, n));
                }
                sd[j] = 1;
            }
        }
        if (!ridge) {
            checkSingleFeatureSeparation(x, y);
        }
        int q = p + 1;
        double[][] z = new double[n][q];
        for (int i = 0; i < n; i++) {
            z[i][0] = 1;
            for (int j = 0; j < p; j++) {
                z[i][j + 1] = constant[j] ? 0 : (x[i][j] - mean[j]) / sd[j];
            }
        }
        if (!ridge) {
            int k = Cholesky.firstDeficient(crossProduct(z, null), COLLINEAR);
            if (k >= 1) {
                throw new UserInputException(String.format(Locale.ROOT, "%s: feature %d of %d is collinear with the "
                        + "features before it (a linear combination of them), so its coefficient cannot be estimated; "
                        + "remove it or use lr-l2", name, k, p));
            }
        }
        double[] pen = new double[q];
        if (ridge) {
            for (int j = 0; j < p; j++) {
                pen[j + 1] = 1 / (c * sd[j] * sd[j]);
            }
        }
        double ybar = Arrays.stream(y).average().orElseThrow();
        double[] b = new double[q];
        b[0] = Math.log(ybar / (1 - ybar));
        double dev = objective(z, y, b, pen);
        boolean converged = false;
        int iter = 0;
        while (iter < maxIter && !converged) {
            iter++;
            double[] d = newtonDirection(z, y, b, pen);
            if (d == null) {
                throw notConverged("the Newton system became singular", iter);
            }
            double step = 1;
            double[] next = null;
            double devNext = Double.NaN;
            for (int halving = 0; halving < 60; halving++) {
                double[] cand = new double[q];
                for (int j = 0; j < q; j++) {
                    cand[j] = b[j] + step * d[j];
                }
                double dc = objective(z, y, cand, pen);
                if (Double.isFinite(dc) && (dc <= dev || Math.abs(dc - dev) / (Math.abs(dc) + 0.1) < TOLERANCE)) {
                    next = cand;
                    devNext = dc;
                    break;
                }
                step /= 2;
            }
            if (next == null) {
                throw notConverged("step halving found no decrease of the deviance", iter);
            }
            converged = Math.abs(devNext - dev) / (Math.abs(devNext) + 0.1) < TOLERANCE;
            b = next;
            dev = devNext;
        }
        if (!converged) {
            throw notConverged("the deviance was still changing", iter);
        }
        if (!ridge) {
            checkDrift(z, y, b);
        }
        // back to the features as given: b_j = c_j / sd_j, intercept c_0 - sum c_j mean_j / sd_j
        double[] raw = new double[p];
        double b0 = b[0];
        for (int j = 0; j < p; j++) {
            raw[j] = b[j + 1] / sd[j];
            b0 -= raw[j] * mean[j];
        }
        this.coef = raw;
        this.intercept = b0;
        this.summary = ridge ? null : summarise(z, y, b, mean, sd, iter, ybar);
    }

    private Summary summarise(double[][] z, int[] y, double[] b, double[] mean, double[] sd, int iter, double ybar) {
        int q = b.length;
        Cholesky ch = Cholesky.of(fisher(z, b), 0);
        if (ch == null) {
            throw separation(-1);
        }
        double[][] cov = ch.inverse();
        // covariance of the raw coefficients: T cov T', T = d(raw)/d(scaled)
        double[][] t = new double[q][q];
        t[0][0] = 1;
        for (int j = 1; j < q; j++) {
            t[j][j] = 1 / sd[j - 1];
            t[0][j] = -mean[j - 1] / sd[j - 1];
        }
        double[] est = new double[q];
        est[0] = intercept;
        System.arraycopy(coef, 0, est, 1, q - 1);
        double[] se = new double[q];
        double[] zv = new double[q];
        double[] pv = new double[q];
        for (int r = 0; r < q; r++) {
            double v = 0;
            for (int k = 0; k < q; k++) {
                if (t[r][k] == 0) {
                    continue;
                }
                for (int l = 0; l < q; l++) {
                    v += t[r][k] * cov[k][l] * t[r][l];
                }
            }
            se[r] = Math.sqrt(v);
            zv[r] = est[r] / se[r];
            pv[r] = NormalDistribution.twoSidedP(zv[r]);
        }
        double dev = -2 * logLikelihood(z, y, b);
        double nullDev = 0;
        for (int yi : y) {
            nullDev -= 2 * (yi == 1 ? Math.log(ybar) : Math.log(1 - ybar));
        }
        return new Summary(est, se, zv, pv, dev, nullDev, iter);
    }

    /** A single feature that (quasi-)separates the classes makes the likelihood maximal at infinity. */
    private void checkSingleFeatureSeparation(double[][] x, int[] y) {
        int p = x[0].length;
        for (int j = 0; j < p; j++) {
            double min0 = Double.POSITIVE_INFINITY;
            double max0 = Double.NEGATIVE_INFINITY;
            double min1 = Double.POSITIVE_INFINITY;
            double max1 = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                double v = x[i][j];
                if (y[i] == 1) {
                    min1 = Math.min(min1, v);
                    max1 = Math.max(max1, v);
                } else {
                    min0 = Math.min(min0, v);
                    max0 = Math.max(max0, v);
                }
            }
            String how = null;
            if (max0 <= min1) {
                how = String.format(Locale.ROOT, "every case with y = 1 has a value >= %s and every case with y = 0 <= %s",
                        fmt(min1), fmt(max0));
            } else if (max1 <= min0) {
                how = String.format(Locale.ROOT, "every case with y = 1 has a value <= %s and every case with y = 0 >= %s",
                        fmt(max1), fmt(min0));
            }
            if (how != null) {
                throw new SeparationException(String.format(Locale.ROOT, "%s: perfect separation: feature %d of %d alone "
                        + "separates the classes (%s), so its maximum-likelihood coefficient is infinite; remove it, "
                        + "or use lr-l2", name(), j + 1, p, how), j);
            }
        }
    }

    /**
     * After the deviance has converged, one more Newton step: at a finite maximum it is negligible; under
     * separation by a combination of features the deviance flattens towards zero while the step keeps
     * moving the linear predictor (by about one unit per iteration) towards infinity.
     */
    private void checkDrift(double[][] z, int[] y, double[] b) {
        double[] d = newtonDirection(z, y, b, new double[b.length]);
        if (d == null) {
            throw separation(-1);
        }
        double drift = 0;
        for (double[] zi : z) {
            drift = Math.max(drift, Math.abs(dot(zi, d)));
        }
        if (drift > DRIFT) {
            int worst = -1;
            double big = 0;
            for (int j = 1; j < d.length; j++) {
                if (Math.abs(d[j]) > big) {
                    big = Math.abs(d[j]);
                    worst = j - 1;
                }
            }
            throw separation(worst);
        }
    }

    private SeparationException separation(int feature) {
        return new SeparationException(name() + ": perfect separation: a combination of the features separates the "
                + "classes" + (feature >= 0 ? " (the diverging direction is dominated by feature " + (feature + 1) + ")" : "")
                + ", so the maximum-likelihood coefficients are infinite; use lr-l2, fewer features or more cases",
                -1);
    }

    private UserInputException notConverged(String why, int iter) {
        return new UserInputException(name() + ": did not converge after " + iter + " Newton iterations (" + why + ")"
                + (ridge ? "; try a smaller C" : "; the classes may be separated by a combination of features: try lr-l2"));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** -2 (loglik - penalty): the deviance, penalised for ridge. */
    private static double objective(double[][] z, int[] y, double[] b, double[] pen) {
        double f = -2 * logLikelihood(z, y, b);
        for (int j = 0; j < b.length; j++) {
            f += pen[j] * b[j] * b[j];
        }
        return f;
    }

    private static double logLikelihood(double[][] z, int[] y, double[] b) {
        double ll = 0;
        for (int i = 0; i < z.length; i++) {
            double eta = dot(z[i], b);
            ll += y[i] * eta - log1pExp(eta);
        }
        return ll;
    }

    /** H⁻¹ g for the (penalised) log-likelihood, or null when H is singular. */
    private static double[] newtonDirection(double[][] z, int[] y, double[] b, double[] pen) {
        int q = b.length;
        double[] g = new double[q];
        double[] w = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double mu = sigmoid(dot(z[i], b));
            w[i] = mu * (1 - mu);
            double r = y[i] - mu;
            for (int j = 0; j < q; j++) {
                g[j] += r * z[i][j];
            }
        }
        for (int j = 0; j < q; j++) {
            g[j] -= pen[j] * b[j];
        }
        double[][] h = crossProduct(z, w);
        for (int j = 0; j < q; j++) {
            h[j][j] += pen[j];
        }
        Cholesky ch = Cholesky.of(h, 0);
        return ch == null ? null : ch.solve(g);
    }

    private static double[][] fisher(double[][] z, double[] b) {
        double[] w = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double mu = sigmoid(dot(z[i], b));
            w[i] = mu * (1 - mu);
        }
        return crossProduct(z, w);
    }

    /** Zᵀ diag(w) Z (w null: unweighted). */
    private static double[][] crossProduct(double[][] z, double[] w) {
        int q = z[0].length;
        double[][] h = new double[q][q];
        for (int i = 0; i < z.length; i++) {
            double wi = w == null ? 1 : w[i];
            double[] zi = z[i];
            for (int j = 0; j < q; j++) {
                double a = wi * zi[j];
                for (int k = 0; k <= j; k++) {
                    h[j][k] += a * zi[k];
                }
            }
        }
        for (int j = 0; j < q; j++) {
            for (int k = 0; k < j; k++) {
                h[k][j] = h[j][k];
            }
        }
        return h;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double sigmoid(double eta) {
        if (eta >= 0) {
            return 1 / (1 + Math.exp(-eta));
        }
        double e = Math.exp(eta);
        return e / (1 + e);
    }

    /** log(1 + e^eta) without overflow. */
    static double log1pExp(double eta) {
        return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    }

    @Override
    public double[] predictProba(double[][] x) {
        requireFitted();
        TrainingData.checkPredict(name(), x, coef.length);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = sigmoid(intercept + dot(x[i], coef));
        }
        return out;
    }

    /** The coefficients of the features as given (copy), without the intercept. */
    public double[] coefficients() {
        requireFitted();
        return coef.clone();
    }

    /** The intercept. */
    public double intercept() {
        requireFitted();
        return intercept;
    }

    /** The coefficient table of an unpenalised ("lr") fit; null for "lr-l2". */
    public Summary summary() {
        requireFitted();
        return summary;
    }

    private void requireFitted() {
        if (coef == null) {
            throw new IllegalStateException(name() + ": not fitted");
        }
    }

    @Override
    public Map<String, Object> toJson(Path dir) {
        requireFitted();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name());
        m.put("params", params());
        m.put("intercept", intercept);
        m.put("coefficients", coef.clone());
        if (summary != null) {
            m.put("standard_errors", summary.standardError().clone());
            m.put("z", summary.z().clone());
            m.put("p", summary.p().clone());
            m.put("deviance", summary.deviance());
            m.put("null_deviance", summary.nullDeviance());
            m.put("iterations", summary.iterations());
        }
        return m;
    }

    /** The model written by {@link #toJson}. */
    public static LogisticRegression fromJson(Map<String, Object> json) {
        String name = JsonState.name(json, NAME, NAME_RIDGE);
        LogisticRegression lr = create(name, JsonState.params(json), 0);
        lr.intercept = JsonState.number(json, "intercept");
        lr.coef = JsonState.vector(json, "coefficients");
        if (!lr.ridge && json.containsKey("standard_errors")) {
            double[] est = new double[lr.coef.length + 1];
            est[0] = lr.intercept;
            System.arraycopy(lr.coef, 0, est, 1, lr.coef.length);
            lr.summary = new Summary(est, JsonState.vector(json, "standard_errors"), JsonState.vector(json, "z"),
                    JsonState.vector(json, "p"), JsonState.number(json, "deviance"),
                    JsonState.number(json, "null_deviance"), (int) JsonState.number(json, "iterations"));
        }
        return lr;
    }
}
