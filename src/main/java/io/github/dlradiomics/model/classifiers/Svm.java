package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.model.Classifier;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * C-support vector classification with a linear ({@code "svm-linear"}) or Gaussian RBF
 * ({@code "svm-rbf"}, K = exp(-γ‖a - b‖²)) kernel, as libsvm / scikit-learn's
 * {@code SVC(kernel=..., C=..., gamma=..., probability=True)}: the dual is solved by libsvm's SMO with
 * second-order working-set selection ({@link SmoSolver}), and probabilities come from Platt scaling
 * ({@link PlattScaling}, libsvm's {@code sigmoid_train}) fitted on decision values from an internal 5-fold
 * cross-validation, as libsvm's {@code svm_binary_svc_probability} does: a seeded random permutation
 * (Fisher-Yates with {@code java.util.Random(seed)} where libsvm calls {@code rand()}), folds
 * [i·n/5, (i+1)·n/5) of it, an SVM with the same C and γ trained on the other four folds (a fold whose
 * training part holds one class gets decision value +1 or -1), then the sigmoid fitted on all n held-out
 * values. The final SVM is trained on all cases; P(y = 1) = sigmoid(f(x)) clipped to [1e-7, 1 - 1e-7] as
 * libsvm's {@code svm_predict_probability}. The sigmoid is monotone, so with the usual A &lt; 0 the
 * probabilities rank cases as the decision function does (apart from ties made by the clipping).
 *
 * <p>Parameters: {@code C} (default 1), {@code gamma} for svm-rbf: "scale" (default, 1 / (p · Var(X)) with
 * the variance over all entries of the training matrix, 1 when it is 0), "auto" (1/p) or a number;
 * {@code tol} (stopping tolerance of SMO, default 1e-3); {@code seed} (the cross-validation permutation).
 *
 * <pre>Svm svm = Svm.create("svm-linear", Map.of("C", 0.1), 42); svm.fit(x, y); double[] w = svm.linearWeights();</pre>
 */
public final class Svm implements Classifier {
    /** Registry name with the linear kernel. */
    public static final String NAME_LINEAR = "svm-linear";
    /** Registry name with the RBF kernel. */
    public static final String NAME_RBF = "svm-rbf";

    private static final int PLATT_FOLDS = 5;
    private static final double MIN_PROB = 1e-7;

    private final boolean rbf;
    private final double c;
    private final Object gammaParam;
    private final double tol;
    private final long seed;

    private double gamma = Double.NaN;
    private double[][] supportVectors;
    private double[] dualCoef;
    private double intercept;
    private double[] weights;
    private PlattScaling platt;
    private int nFeatures;

    private Svm(boolean rbf, double c, Object gammaParam, double tol, long seed) {
        this.rbf = rbf;
        this.c = c;
        this.gammaParam = gammaParam;
        this.tol = tol;
        this.seed = seed;
    }

    /** "svm-linear" (C, tol, seed) or "svm-rbf" (C, gamma, tol, seed); a {@code seed} in params wins. */
    public static Svm create(String name, Map<String, ?> params, long seed) {
        boolean r = switch (name) {
            case NAME_LINEAR -> false;
            case NAME_RBF -> true;
            default -> throw new IllegalArgumentException("not an SVM: " + name);
        };
        Params.checkKeys(name, params, r ? List.of("C", "gamma", "tol", Params.SEED) : List.of("C", "tol", Params.SEED));
        double c = Params.positive(name, params, "C", 1.0);
        double tol = Params.positive(name, params, "tol", 1e-3);
        Object g = null;
        if (r) {
            Object o = params == null ? null : params.get("gamma");
            if (o == null || o.toString().trim().equalsIgnoreCase("scale")) {
                g = "scale";
            } else if (o.toString().trim().equalsIgnoreCase("auto")) {
                g = "auto";
            } else {
                g = Params.positive(name, params, "gamma", 1.0);
            }
        }
        return new Svm(r, c, g, tol, Params.seed(name, params, seed));
    }

    @Override
    public String name() {
        return rbf ? NAME_RBF : NAME_LINEAR;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("C", c);
        if (rbf) {
            m.put("gamma", gammaParam);
        }
        m.put("tol", tol);
        m.put(Params.SEED, seed);
        return m;
    }

    @Override
    public void fit(double[][] x, int[] y) {
        nFeatures = TrainingData.check(name(), x, y);
        gamma = rbf ? resolveGamma(x) : Double.NaN;
        SmoSolver.Kernel k = kernel();
        Fitted full = train(x, y, k);
        supportVectors = full.sv;
        dualCoef = full.coef;
        intercept = full.intercept;
        weights = rbf ? null : weights(full);
        platt = PlattScaling.fit(crossValidatedDecisions(x, y, k), y);
    }

    private record Fitted(double[][] sv, double[] coef, double intercept) {
        double decision(double[] row, SmoSolver.Kernel k) {
            double f = intercept;
            for (int s = 0; s < sv.length; s++) {
                f += coef[s] * k.value(sv[s], row);
            }
            return f;
        }
    }

    private Fitted train(double[][] x, int[] y, SmoSolver.Kernel k) {
        SmoSolver.Solution sol = SmoSolver.solve(x, y, k, c, tol);
        List<double[]> sv = new ArrayList<>();
        List<Double> coef = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (sol.alpha()[i] > 0) {
                sv.add(x[i].clone());
                coef.add((y[i] == 1 ? 1 : -1) * sol.alpha()[i]);
            }
        }
        return new Fitted(sv.toArray(new double[0][]), coef.stream().mapToDouble(Double::doubleValue).toArray(), -sol.rho());
    }

    /** Held-out decision values of libsvm's 5-fold probability cross-validation. */
    private double[] crossValidatedDecisions(double[][] x, int[] y, SmoSolver.Kernel k) {
        int l = x.length;
        int[] perm = new int[l];
        for (int i = 0; i < l; i++) {
            perm[i] = i;
        }
        Random rng = new Random(seed);
        for (int i = 0; i < l; i++) {
            int j = i + rng.nextInt(l - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] dec = new double[l];
        for (int fold = 0; fold < PLATT_FOLDS; fold++) {
            int begin = fold * l / PLATT_FOLDS;
            int end = (fold + 1) * l / PLATT_FOLDS;
            int m = l - (end - begin);
            double[][] sx = new double[m][];
            int[] sy = new int[m];
            int pos = 0;
            int kk = 0;
            for (int j = 0; j < l; j++) {
                if (j < begin || j >= end) {
                    sx[kk] = x[perm[j]];
                    sy[kk] = y[perm[j]];
                    pos += sy[kk];
                    kk++;
                }
            }
            double constant = Double.NaN;
            if (m == 0) {
                constant = 0;
            } else if (pos == m) {
                constant = 1;
            } else if (pos == 0) {
                constant = -1;
            }
            Fitted sub = Double.isNaN(constant) ? train(sx, sy, k) : null;
            for (int j = begin; j < end; j++) {
                dec[perm[j]] = sub == null ? constant : sub.decision(x[perm[j]], k);
            }
        }
        return dec;
    }

    private double resolveGamma(double[][] x) {
        int p = x[0].length;
        if (gammaParam instanceof Double g) {
            return g;
        }
        if ("auto".equals(gammaParam)) {
            return 1.0 / p;
        }
        // numpy's X.var(): population variance of all entries
        double sum = 0;
        long count = 0;
        for (double[] row : x) {
            for (double v : row) {
                sum += v;
                count++;
            }
        }
        double mean = sum / count;
        double ss = 0;
        for (double[] row : x) {
            for (double v : row) {
                ss += (v - mean) * (v - mean);
            }
        }
        double var = ss / count;
        return var != 0 ? 1.0 / (p * var) : 1.0;
    }

    private SmoSolver.Kernel kernel() {
        if (!rbf) {
            return Svm::dot;
        }
        double g = gamma;
        return (a, b) -> {
            double s = 0;
            for (int j = 0; j < a.length; j++) {
                double d = a[j] - b[j];
                s += d * d;
            }
            return Math.exp(-g * s);
        };
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private double[] weights(Fitted f) {
        double[] w = new double[nFeatures];
        for (int s = 0; s < f.sv.length; s++) {
            for (int j = 0; j < nFeatures; j++) {
                w[j] += f.coef[s] * f.sv[s][j];
            }
        }
        return w;
    }

    /** f(x) = Σ dual_coef_s K(sv_s, x) + intercept per row (positive: class 1). */
    public double[] decisionFunction(double[][] x) {
        requireFitted();
        TrainingData.checkPredict(name(), x, nFeatures);
        double[] f = new double[x.length];
        if (weights != null) {
            for (int i = 0; i < x.length; i++) {
                f[i] = dot(weights, x[i]) + intercept;
            }
            return f;
        }
        Fitted m = new Fitted(supportVectors, dualCoef, intercept);
        SmoSolver.Kernel k = kernel();
        for (int i = 0; i < x.length; i++) {
            f[i] = m.decision(x[i], k);
        }
        return f;
    }

    @Override
    public double[] predictProba(double[][] x) {
        double[] f = decisionFunction(x);
        for (int i = 0; i < f.length; i++) {
            f[i] = Math.min(Math.max(platt.probability(f[i]), MIN_PROB), 1 - MIN_PROB);
        }
        return f;
    }

    /**
     * The weight vector w of the linear SVM, f(x) = w·x + intercept (Σ dual_coef_s sv_s); what
     * recursive feature elimination ranks by w_j². Only for svm-linear.
     */
    public double[] linearWeights() {
        requireFitted();
        if (weights == null) {
            throw new IllegalStateException(name() + ": linear weights exist only for svm-linear");
        }
        return weights.clone();
    }

    /** The intercept (libsvm's -ρ). */
    public double intercept() {
        requireFitted();
        return intercept;
    }

    /** The γ in use (resolved from "scale"/"auto"); NaN for svm-linear. */
    public double gamma() {
        requireFitted();
        return gamma;
    }

    /** Number of support vectors. */
    public int supportVectorCount() {
        requireFitted();
        return supportVectors.length;
    }

    /** The Platt sigmoid. */
    public PlattScaling platt() {
        requireFitted();
        return platt;
    }

    private void requireFitted() {
        if (platt == null) {
            throw new IllegalStateException(name() + ": not fitted");
        }
    }

    @Override
    public Map<String, Object> toJson(Path dir) {
        requireFitted();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name());
        m.put("params", params());
        m.put("kernel", rbf ? "rbf" : "linear");
        if (rbf) {
            m.put("gamma_value", gamma);
        }
        m.put("n_features", nFeatures);
        m.put("intercept", intercept);
        m.put("platt_a", platt.a());
        m.put("platt_b", platt.b());
        m.put("dual_coef", dualCoef.clone());
        m.put("support_vectors", JsonState.rows(supportVectors));
        return m;
    }

    /** The model written by {@link #toJson}. */
    public static Svm fromJson(Map<String, Object> json) {
        String name = JsonState.name(json, NAME_LINEAR, NAME_RBF);
        Svm s = create(name, JsonState.params(json), 0);
        s.nFeatures = (int) JsonState.number(json, "n_features");
        s.gamma = s.rbf ? JsonState.number(json, "gamma_value") : Double.NaN;
        s.intercept = JsonState.number(json, "intercept");
        s.dualCoef = JsonState.vector(json, "dual_coef");
        s.supportVectors = JsonState.matrix(json, "support_vectors");
        if (s.supportVectors.length != s.dualCoef.length
                || (s.supportVectors.length > 0 && s.supportVectors[0].length != s.nFeatures)) {
            throw new UserInputException("saved model " + name + ": support_vectors and dual_coef do not match");
        }
        s.platt = new PlattScaling(JsonState.number(json, "platt_a"), JsonState.number(json, "platt_b"));
        s.weights = s.rbf ? null : s.weights(new Fitted(s.supportVectors, s.dualCoef, s.intercept));
        return s;
    }
}
