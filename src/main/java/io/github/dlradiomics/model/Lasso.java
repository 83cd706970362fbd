package io.github.dlradiomics.model;

import io.github.dlradiomics.model.classifiers.TrainingData;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * L1-penalised (LASSO) logistic regression as R's glmnet 4.1-6 computes it ({@code family = "binomial"},
 * {@code alpha = 1}): for each lambda of a decreasing path it minimises
 * {@code -loglik / n + lambda * sum |b_j|} with an unpenalised intercept, by glmnet's own algorithm
 * (the Fortran/C++ routine {@code lognet2n}, ported step by step): Newton (IRLS) outer iterations with
 * exact Hessian weights, coordinate descent on a sequential-strong-rule set of features, then sweeps over
 * the active set in order of entry, the intercept updated after every sweep, and a KKT check of the
 * left-out features. A sweep has converged when the largest weighted squared change
 * {@code max(xv_k * db_k^2, sum(v) * db0^2)} is below {@code thresh * dev0} (dev0 = the null mean
 * negative log-likelihood), so {@code thresh} is glmnet's {@code thresh}.
 *
 * <ul>
 * <li>{@code standardize} (default true): each feature is centred and divided by its population SD (1/n)
 * inside the fit, and the coefficients are returned on the original scale (glmnet's default). With
 * {@code standardize = false} features are only centred (as glmnet does: that changes only the
 * intercept). Constant features never enter (coefficient 0).</li>
 * <li>Default path: {@code lambda_max = max_j |<x_j, y - mean(y)>| / n} (on the standardised features),
 * {@code nlambda = 100} values down to {@code lambda_max * lambda.min.ratio}, log-spaced by repeated
 * multiplication; {@code lambda.min.ratio = 1e-4} when n &gt;= p, else 0.01. The first lambda reported is
 * glmnet's {@code exp(2 log l2 - log l3)}. From the 5th lambda on, the path stops early once the deviance
 * ratio exceeds 0.999 or grew by less than 1e-5 since the previous lambda.</li>
 * <li>{@link #coefficients}: the coefficients at any lambda as {@code coef(fit, s, exact = TRUE)}: a lambda
 * on the path is read off; another one is inserted into the path, which is refitted (warm starts along
 * the whole sequence, no early stop).</li>
 * <li>{@link #cv}: {@code cv.glmnet(type.measure = "deviance")} with given fold ids; see {@link Cv}.</li>
 * </ul>
 *
 * <pre>Lasso.Cv cv = new Lasso().cv(x, y, Splits.stratifiedFolds(y, 10, 42));
 * Lasso.Fit f = new Lasso().coefficients(x, y, names, cv.path(), cv.lambda1se());
 * System.out.println(f.radScoreFormula());</pre>
 */
public final class Lasso {
    /** glmnet's default convergence threshold. */
    public static final double DEFAULT_THRESH = 1e-7;
    /** glmnet's default number of lambdas. */
    public static final int DEFAULT_NLAMBDA = 100;

    private static final String WHO = "lasso";
    // glmnet.control() defaults
    private static final double EPS = 1e-6;
    private static final double BIG = 9.9e35;
    private static final double SML = 1e-5;
    private static final double DEVMAX = 0.999;
    private static final double PMIN = 1e-9;
    private static final int MNLAM = 5;
    /** Relative band within which a gradient counts as equal to lambda (see {@link #atBoundary}). */
    private static final double BOUNDARY_TOL = 1e-12;
    /** cv.lognet clamps predicted probabilities to [PROB_MIN, 1 - PROB_MIN]. */
    private static final double PROB_MIN = 1e-5;

    private final boolean standardize;
    private final double thresh;
    private final int nlambda;
    private final double lambdaMinRatio;
    private final int maxit;

    /** glmnet's defaults: standardize = TRUE, thresh = 1e-7, nlambda = 100, lambda.min.ratio by n and p, maxit = 1e5. */
    public Lasso() {
        this(true, DEFAULT_THRESH, DEFAULT_NLAMBDA, Double.NaN, 100_000);
    }

    private Lasso(boolean standardize, double thresh, int nlambda, double lambdaMinRatio, int maxit) {
        this.standardize = standardize;
        this.thresh = thresh;
        this.nlambda = nlambda;
        this.lambdaMinRatio = lambdaMinRatio;
        this.maxit = maxit;
    }

    /** A copy with glmnet's {@code standardize}. */
    public Lasso standardize(boolean s) {
        return new Lasso(s, thresh, nlambda, lambdaMinRatio, maxit);
    }

    /** A copy with glmnet's {@code thresh} (&gt; 0; the reference path needs 1e-12). */
    public Lasso thresh(double t) {
        if (!(t > 0) || !Double.isFinite(t)) {
            throw new UserInputException(WHO + ": thresh must be > 0 (got " + t + ")");
        }
        return new Lasso(standardize, t, nlambda, lambdaMinRatio, maxit);
    }

    /** A copy with glmnet's {@code nlambda} (&gt;= 3). */
    public Lasso nlambda(int k) {
        if (k < 3) {
            throw new UserInputException(WHO + ": nlambda must be >= 3 (got " + k + ")");
        }
        return new Lasso(standardize, thresh, k, lambdaMinRatio, maxit);
    }

    /** A copy with glmnet's {@code lambda.min.ratio} (in (0, 1)); NaN = glmnet's choice by n and p. */
    public Lasso lambdaMinRatio(double r) {
        if (!Double.isNaN(r) && !(r > 0 && r < 1)) {
            throw new UserInputException(WHO + ": lambda.min.ratio must be in (0, 1) (got " + r + ")");
        }
        return new Lasso(standardize, thresh, nlambda, r, maxit);
    }

    /** A copy with glmnet's {@code maxit} (total coordinate-descent passes over the path). */
    public Lasso maxit(int m) {
        if (m < 1) {
            throw new UserInputException(WHO + ": maxit must be >= 1 (got " + m + ")");
        }
        return new Lasso(standardize, thresh, nlambda, lambdaMinRatio, m);
    }

    public boolean standardize() {
        return standardize;
    }

    public double thresh() {
        return thresh;
    }

    /**
     * A fitted path: per lambda (decreasing) the intercept and coefficients on the original feature scale,
     * df (number of nonzero coefficients) and the deviance ratio {@code 1 - dev / nulldev}.
     *
     * @param userLambda whether the lambdas were given (no early stop) rather than glmnet's default path
     * @param warning null, or why the path ends early: as glmnet, when the coordinate-descent passes over the
     *     whole path exceed {@code maxit}, the solutions for the larger lambdas are returned
     */
    public record Path(double[] lambda, double[] intercept, double[][] beta, int[] df, double[] devRatio,
            double nullDeviance, boolean userLambda, String warning) {
        /** Number of lambdas. */
        public int size() {
            return lambda.length;
        }

        /** The largest lambda (all coefficients zero on the default path). */
        public double lambdaMax() {
            return lambda[0];
        }

        /** Index of {@code s} among the lambdas (exact match), or -1. */
        public int indexOf(double s) {
            for (int i = 0; i < lambda.length; i++) {
                if (lambda[i] == s) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * Intercept (index 0) then coefficients at {@code s} by glmnet's {@code lambda.interp}
         * ({@code predict(..., exact = FALSE)}): linear interpolation in lambda between the two path
         * lambdas around s; s outside the path is clamped to its ends.
         */
        public double[] interpolate(double s) {
            int k = lambda.length;
            int p = beta[0].length;
            int left;
            int right;
            double frac;
            if (k == 1) {
                left = 0;
                right = 0;
                frac = 1;
            } else {
                double l0 = lambda[0];
                double lk = lambda[k - 1];
                double sfrac = (l0 - s) / (l0 - lk);
                double[] lam = new double[k];
                double[] seq = new double[k];
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < k; i++) {
                    lam[i] = (l0 - lambda[i]) / (l0 - lk);
                    seq[i] = i + 1;
                    lo = Math.min(lo, lam[i]);
                    hi = Math.max(hi, lam[i]);
                }
                sfrac = Math.max(lo, Math.min(hi, sfrac));
                double coord = approx(lam, seq, sfrac);
                left = (int) Math.floor(coord) - 1;
                right = (int) Math.ceil(coord) - 1;
                frac = left == right ? 1 : (sfrac - lam[right]) / (lam[left] - lam[right]);
            }
            double[] out = new double[p + 1];
            out[0] = intercept[left] * frac + intercept[right] * (1 - frac);
            for (int j = 0; j < p; j++) {
                out[j + 1] = beta[left][j] * frac + beta[right][j] * (1 - frac);
            }
            return out;
        }

        /** The linear predictor of each row at {@code s} (interpolated as {@link #interpolate}). */
        public double[] link(double[][] x, double s) {
            return linkOf(interpolate(s), x);
        }
    }

    /**
     * Result of {@link #cv}: the full-data path, per lambda of it the cross-validated mean binomial deviance
     * {@code cvm} and its standard error {@code cvsd}, and cv.glmnet's choices {@code lambda.min} (smallest
     * cvm, ties to the largest lambda) and {@code lambda.1se} (largest lambda with cvm &lt;= cvm + cvsd at
     * lambda.min).
     *
     * @param grouped false when there were fewer than 3 cases per fold (cv.glmnet then scores per case)
     * @param warnings the paths' warnings (full data first, then "fold k: ..."); empty when none
     */
    public record Cv(Path path, double[] cvm, double[] cvsd, double lambdaMin, double lambda1se, int[] foldId,
            int nfolds, boolean grouped, List<String> warnings) {
        /** The full-data lambdas (the CV grid). */
        public double[] lambda() {
            return path.lambda();
        }

        /** lambda.min for "min", lambda.1se for "1se". */
        public double lambda(String rule) {
            return switch (rule.toLowerCase(Locale.ROOT)) {
                case "min", "lambda.min" -> lambdaMin;
                case "1se", "lambda.1se" -> lambda1se;
                default -> throw new UserInputException(WHO + ": lambda rule must be min or 1se (got '" + rule + "')");
            };
        }
    }

    /** Coefficients at one lambda, on the original feature scale, with their names. */
    public static final class Fit {
        private final double lambda;
        private final double intercept;
        private final List<String> names;
        private final double[] beta;

        public Fit(double lambda, double intercept, List<String> names, double[] beta) {
            if (names.size() != beta.length) {
                throw new IllegalArgumentException("names and coefficients differ in length");
            }
            this.lambda = lambda;
            this.intercept = intercept;
            this.names = List.copyOf(names);
            this.beta = beta.clone();
        }

        public double lambda() {
            return lambda;
        }

        public double intercept() {
            return intercept;
        }

        /** The feature names, in column order. */
        public List<String> names() {
            return names;
        }

        /** The coefficients, in column order (zeros included). */
        public double[] beta() {
            return beta.clone();
        }

        /** Name -> coefficient for every feature (zeros included), in column order. */
        public Map<String, Double> coefficients() {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int j = 0; j < beta.length; j++) {
                m.put(names.get(j), beta[j]);
            }
            return Collections.unmodifiableMap(m);
        }

        /** The features with a nonzero coefficient, in column order. */
        public List<String> nonzero() {
            List<String> l = new ArrayList<>();
            for (int j = 0; j < beta.length; j++) {
                if (beta[j] != 0) {
                    l.add(names.get(j));
                }
            }
            return l;
        }

        /** The linear predictor (Rad-score) of each row. */
        public double[] link(double[][] x) {
            double[] c = new double[beta.length + 1];
            c[0] = intercept;
            System.arraycopy(beta, 0, c, 1, beta.length);
            return linkOf(c, x);
        }

        /** P(y = 1) of each row. */
        public double[] probability(double[][] x) {
            double[] eta = link(x);
            for (int i = 0; i < eta.length; i++) {
                eta[i] = 1 / (1 + Math.exp(-eta[i]));
            }
            return eta;
        }

        /** "Rad-score = b0 + b1 x name1 - b2 x name2 ..." over the nonzero coefficients (6 significant digits). */
        public String radScoreFormula() {
            StringBuilder sb = new StringBuilder("Rad-score = ").append(format(intercept));
            for (int j = 0; j < beta.length; j++) {
                if (beta[j] != 0) {
                    sb.append(beta[j] < 0 ? " - " : " + ").append(format(Math.abs(beta[j]))).append(" x ")
                            .append(names.get(j));
                }
            }
            return sb.toString();
        }
    }

    // ------------------------------------------------------------------------------------------ fitting

    /** glmnet's default path for x (n x p, finite) and y (0/1, at least 2 cases of each class). */
    public Path path(double[][] x, int[] y) {
        return path(x, y, null);
    }

    /** The path at the given lambdas (used in decreasing order, no early stop); null = the default path. */
    public Path path(double[][] x, int[] y, double[] lambda) {
        int p = TrainingData.check(WHO, x, y);
        int n = x.length;
        int[] count = new int[2];
        for (int v : y) {
            count[v]++;
        }
        if (count[0] < 2 || count[1] < 2) {
            throw new UserInputException(WHO + ": each class needs at least 2 cases (class 0: " + count[0] + ", class 1: "
                    + count[1] + ")");
        }
        double[] ulam = null;
        if (lambda != null) {
            if (lambda.length == 0) {
                throw new UserInputException(WHO + ": an empty lambda list");
            }
            ulam = lambda.clone();
            for (double l : ulam) {
                if (!(l >= 0) || !Double.isFinite(l)) {
                    throw new UserInputException(WHO + ": lambdas must be finite and >= 0 (got " + l + ")");
                }
            }
            Arrays.sort(ulam);
            reverse(ulam);
        }
        double flmin = Double.isNaN(lambdaMinRatio) ? (n < p ? 1e-2 : 1e-4) : lambdaMinRatio;
        return lognet(x, y, ulam, flmin);
    }

    /**
     * The coefficients at {@code s} as glmnet's {@code coef(fit, s, exact = TRUE, x, y)}: read off when s is
     * one of the path's lambdas, else the path is refitted on {@code unique(rev(sort(c(s, path$lambda))))}.
     * The refit's first lambda is glmnet's extrapolated {@code exp(2 log l2 - log l3)}, equal to lambda_max
     * up to rounding; the top feature, on the KKT boundary there, heads the active set (see
     * {@link #atBoundary}). On the wdbc reference this reproduces all printed digits of glmnet's
     * coefficients (the convex optimum itself differs from them by up to ~6e-6).
     */
    public Fit coefficients(double[][] x, int[] y, List<String> names, Path path, double s) {
        if (!(s >= 0) || !Double.isFinite(s)) {
            throw new UserInputException(WHO + ": lambda must be finite and >= 0 (got " + s + ")");
        }
        checkNames(names, x);
        int at = path.indexOf(s);
        if (at >= 0) {
            return new Fit(s, path.intercept()[at], names, path.beta()[at]);
        }
        double[] lam = Arrays.copyOf(path.lambda(), path.size() + 1);
        lam[path.size()] = s;
        Path refit = path(x, y, lam);
        int i = refit.indexOf(s);
        if (i < 0) {
            throw new UserInputException(WHO + ": the refit to lambda " + s + " stopped early: " + refit.warning());
        }
        return new Fit(s, refit.intercept()[i], names, refit.beta()[i]);
    }

    /** glmnet(x, y) on the default path, then the coefficients at {@code s} (exact = TRUE). */
    public Fit fit(double[][] x, int[] y, List<String> names, double s) {
        checkNames(names, x);
        return coefficients(x, y, names, path(x, y), s);
    }

    /**
     * cv.glmnet(x, y, family = "binomial", foldid = foldId) with type.measure "deviance" (grouped):
     * the full-data default path gives the lambdas; each fold's training rows get their own default path
     * (their own lambda_max and early stop, as cv.glmnet does), and the held-out rows are predicted at the
     * full-data lambdas by {@link Path#interpolate}. Deviance per case {@code -2 loglik} with p clamped to
     * [1e-5, 1 - 1e-5]; per fold the mean, weighted by fold size: {@code cvm = sum(N_f dev_f) / N},
     * {@code cvsd = sqrt(sum(N_f (dev_f - cvm)^2) / N / (K - 1))}. With fewer than 3 cases per fold the
     * cases are scored individually (grouped = FALSE), as cv.glmnet does.
     *
     * @param foldId fold of each row, 1..K (K &gt;= 3; every fold used)
     */
    public Cv cv(double[][] x, int[] y, int[] foldId) {
        TrainingData.check(WHO, x, y);
        int n = x.length;
        if (foldId == null || foldId.length != n) {
            throw new UserInputException(WHO + ": " + n + " cases but " + (foldId == null ? 0 : foldId.length) + " fold ids");
        }
        int k = 0;
        for (int f : foldId) {
            if (f < 1) {
                throw new UserInputException(WHO + ": fold ids must be 1, 2, ... (got " + f + ")");
            }
            k = Math.max(k, f);
        }
        if (k < 3) {
            throw new UserInputException(WHO + ": cross-validation needs at least 3 folds (got " + k + ")");
        }
        int[] size = new int[k + 1];
        for (int f : foldId) {
            size[f]++;
        }
        for (int f = 1; f <= k; f++) {
            if (size[f] == 0) {
                throw new UserInputException(WHO + ": fold " + f + " of " + k + " has no cases");
            }
        }
        Path full = path(x, y);
        List<String> warnings = new ArrayList<>();
        if (full.warning() != null) {
            warnings.add(full.warning());
        }
        double[] lambda = full.lambda();
        int nl = lambda.length;
        double[][] cvraw = new double[n][nl];
        for (int f = 1; f <= k; f++) {
            int m = n - size[f];
            double[][] xt = new double[m][];
            int[] yt = new int[m];
            int t = 0;
            for (int i = 0; i < n; i++) {
                if (foldId[i] != f) {
                    xt[t] = x[i];
                    yt[t++] = y[i];
                }
            }
            int pos = 0;
            for (int v : yt) {
                pos += v;
            }
            if (pos < 2 || m - pos < 2) {
                throw new UserInputException(WHO + ": the training part of fold " + f + " has " + (m - pos) + " cases of class 0 and "
                        + pos + " of class 1; each needs at least 2 (use stratified folds or fewer folds)");
            }
            Path fp = path(xt, yt);
            if (fp.warning() != null) {
                warnings.add("fold " + f + ": " + fp.warning());
            }
            for (int l = 0; l < nl; l++) {
                double[] c = fp.interpolate(lambda[l]);
                for (int i = 0; i < n; i++) {
                    if (foldId[i] != f) {
                        continue;
                    }
                    double eta = c[0];
                    for (int j = 0; j < x[i].length; j++) {
                        eta += x[i][j] * c[j + 1];
                    }
                    double pr = 1 / (1 + Math.exp(-eta));
                    pr = Math.min(Math.max(pr, PROB_MIN), 1 - PROB_MIN);
                    cvraw[i][l] = -2 * (y[i] == 1 ? Math.log(pr) : Math.log(1 - pr));
                }
            }
        }
        boolean grouped = (double) n / k >= 3;
        double[] cvm = new double[nl];
        double[] cvsd = new double[nl];
        for (int l = 0; l < nl; l++) {
            double[] value;
            double[] weight;
            if (grouped) {
                value = new double[k];
                weight = new double[k];
                for (int i = 0; i < n; i++) {
                    value[foldId[i] - 1] += cvraw[i][l];
                }
                for (int f = 0; f < k; f++) {
                    weight[f] = size[f + 1];
                    value[f] /= weight[f];
                }
            } else {
                value = new double[n];
                weight = new double[n];
                for (int i = 0; i < n; i++) {
                    value[i] = cvraw[i][l];
                    weight[i] = 1;
                }
            }
            double sw = 0;
            double s = 0;
            for (int g = 0; g < value.length; g++) {
                sw += weight[g];
                s += weight[g] * value[g];
            }
            cvm[l] = s / sw;
            double ss = 0;
            for (int g = 0; g < value.length; g++) {
                double d = value[g] - cvm[l];
                ss += weight[g] * d * d;
            }
            cvsd[l] = Math.sqrt(ss / sw / (value.length - 1));
        }
        double[] choice = choose(lambda, cvm, cvsd);
        return new Cv(full, cvm, cvsd, choice[0], choice[1], foldId.clone(), k, grouped, List.copyOf(warnings));
    }

    /**
     * cv.glmnet's {@code getOptcv.glmnet}: lambda.min = the largest lambda with cvm == min(cvm);
     * lambda.1se = the largest lambda with cvm &lt;= cvm[lambda.min] + cvsd[lambda.min]. Returns both.
     */
    public static double[] choose(double[] lambda, double[] cvm, double[] cvsd) {
        double cvmin = Double.POSITIVE_INFINITY;
        for (double v : cvm) {
            cvmin = Math.min(cvmin, v);
        }
        double lmin = Double.NEGATIVE_INFINITY;
        int imin = -1;
        for (int l = 0; l < lambda.length; l++) {
            if (cvm[l] <= cvmin && lambda[l] > lmin) {
                lmin = lambda[l];
                imin = l;
            }
        }
        double semin = cvm[imin] + cvsd[imin];
        double l1se = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < lambda.length; l++) {
            if (cvm[l] <= semin) {
                l1se = Math.max(l1se, lambda[l]);
            }
        }
        return new double[] {lmin, l1se};
    }

    // --------------------------------------------------------------------------- glmnet's lognet2n

    private Path lognet(double[][] xr, int[] yi, double[] ulam, double flmin) {
        int n = xr.length;
        int p = xr[0].length;
        double w = 1.0 / n;
        // lstandard1 (intercept on): centre with weights 1/n; optionally scale by the population SD
        double[][] x = new double[p][n];
        double[] xm = new double[p];
        double[] xs = new double[p];
        boolean[] ju = new boolean[p];
        for (int j = 0; j < p; j++) {
            double first = xr[0][j];
            for (int i = 0; i < n; i++) {
                x[j][i] = xr[i][j];
                ju[j] |= xr[i][j] != first;
            }
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += w * x[j][i];
            }
            xm[j] = m;
            for (int i = 0; i < n; i++) {
                x[j][i] -= m;
            }
            xs[j] = 1;
            if (standardize && ju[j]) {
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    ss += w * x[j][i] * x[j][i];
                }
                xs[j] = Math.sqrt(ss);
                for (int i = 0; i < n; i++) {
                    x[j][i] /= xs[j];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = yi[i];
        }
        double fmax = Math.log(1 / PMIN - 1);
        double fmin = -fmax;
        double vmin = (1 + PMIN) * PMIN * (1 - PMIN);
        double q0 = 0;
        for (int i = 0; i < n; i++) {
            q0 += w * y[i];
        }
        double bz = Math.log(q0 / (1 - q0));
        double vi = q0 * (1 - q0);
        double b0 = bz;
        double[] b = new double[p];
        double[] v = new double[n];
        double[] r = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = vi * w;
            r[i] = w * (y[i] - q0);
            q[i] = q0;
        }
        double xmz = vi;
        double dev1 = -(bz * q0 + Math.log(1 - q0));
        double dev0 = dev1;
        boolean user = ulam != null;
        int nlam = user ? ulam.length : nlambda;
        double alf = user ? 1 : Math.pow(Math.max(EPS, flmin), 1.0 / (nlam - 1));
        double shr = thresh * dev0;
        double[] ga = new double[p];
        for (int j = 0; j < p; j++) {
            ga[j] = ju[j] ? Math.abs(dot(r, x[j])) : 0;
        }
        boolean[] ixx = new boolean[p];
        boolean[] inAct = new boolean[p];
        int[] act = new int[p];
        int nin = 0;
        double[] xv = new double[p];
        double[] bs = new double[p];
        double[] absU = new double[1];
        double al = 0;
        int nlp = 0;
        String warning = null;
        List<Double> lams = new ArrayList<>();
        List<Double> a0s = new ArrayList<>();
        List<double[]> betas = new ArrayList<>();
        List<Integer> dfs = new ArrayList<>();
        List<Double> devs = new ArrayList<>();
        for (int ilm = 0; ilm < nlam; ilm++) {
            double al0 = al;
            if (user) {
                al = ulam[ilm];
            } else if (ilm > 1) {
                al *= alf;
            } else if (ilm == 0) {
                al = BIG;
            } else {
                al0 = 0;
                for (int j = 0; j < p; j++) {
                    if (ju[j]) {
                        al0 = Math.max(al0, ga[j]);
                    }
                }
                al = alf * al0;
            }
            double tlam = 2 * al - al0;
            for (int j = 0; j < p; j++) {
                if (ju[j] && !ixx[j] && ga[j] > tlam) {
                    ixx[j] = true;
                }
            }
            boolean stopPath = false;
            boolean maxitReached = false;
            outer:
            while (true) { // IRLS outer iteration (":again:" re-enters here after a KKT violation)
                double bs0 = b0;
                System.arraycopy(b, 0, bs, 0, p);
                for (int j = 0; j < p; j++) {
                    if (ixx[j]) {
                        double s = 0;
                        double[] xj = x[j];
                        for (int i = 0; i < n; i++) {
                            s += v[i] * xj[i] * xj[i];
                        }
                        xv[j] = s;
                    }
                }
                while (true) { // middle: full sweeps over the strong set
                    if (++nlp > maxit) {
                        maxitReached = true;
                        break outer;
                    }
                    double dlx = 0;
                    for (int k = 0; k < p; k++) {
                        if (!ixx[k]) {
                            continue;
                        }
                        double d = update(k, x[k], b, r, v, xv[k], al, absU);
                        if (d != 0) {
                            dlx = Math.max(dlx, xv[k] * d * d);
                        }
                        if (!inAct[k] && (d != 0 || atBoundary(absU[0], al))) {
                            inAct[k] = true;
                            act[nin++] = k;
                        }
                    }
                    double d = sum(r) / xmz;
                    if (d != 0) {
                        b0 += d;
                        dlx = Math.max(dlx, xmz * d * d);
                        for (int i = 0; i < n; i++) {
                            r[i] -= d * v[i];
                        }
                    }
                    if (dlx < shr) {
                        break;
                    }
                    while (true) { // inner: sweeps over the active set, in order of entry
                        if (++nlp > maxit) {
                            maxitReached = true;
                            break outer;
                        }
                        dlx = 0;
                        for (int a = 0; a < nin; a++) {
                            int k = act[a];
                            double dk = update(k, x[k], b, r, v, xv[k], al, absU);
                            if (dk == 0) {
                                continue;
                            }
                            dlx = Math.max(dlx, xv[k] * dk * dk);
                        }
                        d = sum(r) / xmz;
                        if (d != 0) {
                            b0 += d;
                            dlx = Math.max(dlx, xmz * d * d);
                            for (int i = 0; i < n; i++) {
                                r[i] -= d * v[i];
                            }
                        }
                        if (dlx < shr) {
                            break;
                        }
                    }
                }
                // IRLS re-weighting at the new estimate
                xmz = 0;
                for (int i = 0; i < n; i++) {
                    double eta = b0;
                    for (int a = 0; a < nin; a++) {
                        int k = act[a];
                        eta += b[k] * x[k][i];
                    }
                    q[i] = eta < fmin ? 0 : eta > fmax ? 1 : 1 / (1 + Math.exp(-eta));
                    v[i] = w * q[i] * (1 - q[i]);
                    xmz += v[i];
                    r[i] = w * (y[i] - q[i]);
                }
                if (xmz <= vmin) {
                    stopPath = true; // fitted probabilities all 0 or 1
                    break;
                }
                boolean moved = xmz * (b0 - bs0) * (b0 - bs0) >= shr;
                for (int a = 0; a < nin && !moved; a++) {
                    int k = act[a];
                    moved = xv[k] * (b[k] - bs[k]) * (b[k] - bs[k]) >= shr;
                }
                if (moved) {
                    continue;
                }
                boolean added = false;
                for (int j = 0; j < p; j++) {
                    if (ixx[j] || !ju[j]) {
                        continue;
                    }
                    ga[j] = Math.abs(dot(r, x[j]));
                    if (ga[j] > al || atBoundary(ga[j], al)) {
                        ixx[j] = true;
                        added = true;
                    }
                }
                if (!added) {
                    break;
                }
            }
            if (maxitReached) {
                // glmnet: jerr = -ilm, "solutions for larger lambdas returned"
                if (lams.isEmpty()) {
                    throw new UserInputException(String.format(Locale.ROOT,
                            "%s: no convergence within maxit = %d coordinate-descent passes at the first lambda (%.6g)", WHO,
                            maxit, al));
                }
                warning = String.format(Locale.ROOT, "convergence for lambda #%d (%.6g) not reached after maxit = %d passes; "
                        + "solutions for the %d larger lambdas returned", ilm + 1, al, maxit, lams.size());
                break;
            }
            double[] beta = new double[p];
            double a0 = b0;
            int df = 0;
            for (int j = 0; j < p; j++) {
                beta[j] = b[j] / xs[j];
                a0 -= beta[j] * xm[j];
                df += b[j] != 0 ? 1 : 0;
            }
            double devi = 0;
            for (int i = 0; i < n; i++) {
                double pc = Math.min(Math.max(q[i], PMIN), 1 - PMIN);
                devi -= w * (y[i] * Math.log(pc) + (1 - y[i]) * Math.log(1 - pc));
            }
            double dr = (dev1 - devi) / dev0;
            lams.add(al);
            a0s.add(a0);
            betas.add(beta);
            dfs.add(df);
            devs.add(dr);
            if (stopPath) {
                break;
            }
            if (user || ilm + 1 < Math.min(MNLAM, nlam)) {
                continue;
            }
            if (df > p + 1) { // dfmax = p + 1: never, as in glmnet's default
                break;
            }
            if (dr > DEVMAX || dr - devs.get(devs.size() - 2) < SML) {
                break;
            }
        }
        int m = lams.size();
        double[] lambda = new double[m];
        double[] a0 = new double[m];
        double[][] beta = new double[m][];
        int[] df = new int[m];
        double[] dr = new double[m];
        for (int i = 0; i < m; i++) {
            lambda[i] = lams.get(i);
            a0[i] = a0s.get(i);
            beta[i] = betas.get(i);
            df[i] = dfs.get(i);
            dr[i] = devs.get(i);
        }
        if (!user && m > 2) { // glmnet's fix.lam
            lambda[0] = Math.exp(2 * Math.log(lambda[1]) - Math.log(lambda[2]));
        }
        return new Path(lambda, a0, beta, df, dr, 2 * n * dev0, user, warning);
    }

    /**
     * One coordinate-descent update of b[k]; returns the change (residuals updated) and leaves |u| (the
     * partial-residual gradient) in {@code absU[0]}.
     */
    private static double update(int k, double[] xk, double[] b, double[] r, double[] v, double xvk, double al,
            double[] absU) {
        double bk = b[k];
        double u = dot(r, xk) + xvk * bk;
        absU[0] = Math.abs(u);
        double au = Math.abs(u) - al;
        b[k] = au <= 0 ? 0 : Math.copySign(au, u) / xvk;
        double d = b[k] - bk;
        if (d != 0) {
            for (int i = 0; i < r.length; i++) {
                r[i] -= d * v[i] * xk[i];
            }
        }
        return d;
    }

    /**
     * Whether a gradient {@code g} lies on the KKT boundary {@code |g| = lambda} within rounding. This happens
     * at the first lambda of an exact refit ({@link #coefficients}): glmnet's extrapolated first lambda equals
     * lambda_max up to the last bits, so in glmnet whether the top feature enters there (with a coefficient of
     * ~1e-17) is decided by the rounding of a sum; it then heads the active set, and the sweep order moves
     * the coefficients at thresh 1e-12 by up to 1e-5. A feature on the boundary joins the strong and active
     * sets here (coefficient 0: the soft threshold is still applied exactly), the outcome glmnet 4.1-6 gave
     * for the reference data, so the order no longer depends on the last bit.
     */
    private static boolean atBoundary(double g, double al) {
        return al > 0 && g >= al * (1 - BOUNDARY_TOL);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** R's approx(x, y, v) for increasing x (approx1 in R's C code). */
    static double approx(double[] x, double[] y, double v) {
        int i = 0;
        int j = x.length - 1;
        if (v < x[i]) {
            return y[0];
        }
        if (v > x[j]) {
            return y[j];
        }
        while (i < j - 1) {
            int ij = (i + j) / 2;
            if (v < x[ij]) {
                j = ij;
            } else {
                i = ij;
            }
        }
        if (v == x[j]) {
            return y[j];
        }
        if (v == x[i]) {
            return y[i];
        }
        return y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]));
    }

    static double[] linkOf(double[] coef, double[][] x) {
        double[] eta = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != coef.length - 1) {
                throw new UserInputException(WHO + ": row " + (i + 1) + " has " + x[i].length + " features, the model "
                        + (coef.length - 1));
            }
            double e = coef[0];
            for (int j = 0; j < x[i].length; j++) {
                e += x[i][j] * coef[j + 1];
            }
            eta[i] = e;
        }
        return eta;
    }

    private static void checkNames(List<String> names, double[][] x) {
        if (names == null || x.length > 0 && names.size() != x[0].length) {
            throw new IllegalArgumentException(WHO + ": " + (names == null ? 0 : names.size()) + " names for "
                    + (x.length > 0 ? x[0].length : 0) + " columns");
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** 6 significant digits, no trailing zeros. */
    static String format(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mant = e >= 0 ? s.substring(0, e) : s;
        String exp = e >= 0 ? s.substring(e) : "";
        if (mant.contains(".")) {
            mant = mant.replaceAll("0+$", "");
            if (mant.endsWith(".")) {
                mant = mant.substring(0, mant.length() - 1);
            }
        }
        return mant + exp;
    }
}
