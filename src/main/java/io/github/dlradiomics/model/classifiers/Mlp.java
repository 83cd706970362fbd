package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.model.Classifier;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A multilayer perceptron for binary classification, as scikit-learn's
 * {@code MLPClassifier(solver="adam")} with its defaults: ReLU hidden layers ({@code hidden}, default
 * (100,)), one logistic output unit, log-loss plus the L2 term α/2·Σ‖W‖² divided by the batch size
 * (biases not penalised), Adam (learning rate 1e-3, β1 0.9, β2 0.999, ε 1e-8, bias-corrected step
 * lr·sqrt(1 - β2^t)/(1 - β1^t)), minibatches of min(200, n) over a fresh shuffle each epoch (the last
 * batch smaller), at most {@code max_iter} = 200 epochs, and scikit-learn's stop: the epoch loss (batch
 * losses weighted by batch size) counts as "no improvement" when it exceeds the best loss so far minus
 * {@code tol} = 1e-4, and training stops once that happened more than {@code n_iter_no_change} = 10
 * epochs in a row.
 *
 * <p>Initialisation (Glorot uniform as scikit-learn's {@code _init_coef}): every layer's weights and then
 * its biases are drawn from U(-b, b) with b = sqrt(6 / (fan_in + fan_out)). scikit-learn uses the factor 2
 * instead of 6 only when the <em>hidden</em> activation is logistic; with ReLU hidden units the factor is 6
 * for every layer, the logistic output layer included, and so it is here. The random numbers come from
 * {@code java.util.Random(seed)} (initialisation first, then one Fisher-Yates shuffle per epoch), so a fit
 * is identical for a given seed, though not to scikit-learn's (NumPy's generator).
 *
 * <pre>Mlp mlp = Mlp.create(Map.of("hidden", List.of(64, 32), "alpha", 1e-2), 42); mlp.fit(x, y);</pre>
 */
public final class Mlp implements Classifier {
    /** Registry name. */
    public static final String NAME = "mlp";

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /** scikit-learn clips probabilities to [eps, 1 - eps] (double machine epsilon) in the loss. */
    private static final double CLIP = Math.ulp(1.0);

    private final List<Integer> hidden;
    private final double alpha;
    private final double learningRate;
    private final int batchSize;
    private final int maxIter;
    private final double tol;
    private final int nIterNoChange;
    private final long seed;

    /** weights[l][in][out], biases[l][out]. */
    private double[][][] weights;
    private double[][] biases;
    private double[] lossCurve;

    private Mlp(List<Integer> hidden, double alpha, double learningRate, int batchSize, int maxIter, double tol,
            int nIterNoChange, long seed) {
        this.hidden = hidden;
        this.alpha = alpha;
        this.learningRate = learningRate;
        this.batchSize = batchSize;
        this.maxIter = maxIter;
        this.tol = tol;
        this.nIterNoChange = nIterNoChange;
        this.seed = seed;
    }

    /**
     * Parameters: hidden (layer sizes: [64], [64, 32], 64 or "64,32"), alpha, learning_rate, batch_size
     * ("auto" or an integer), max_iter, tol, n_iter_no_change, seed.
     */
    public static Mlp create(Map<String, ?> params, long seed) {
        Params.checkKeys(NAME, params, List.of("hidden", "alpha", "learning_rate", "batch_size", "max_iter", "tol",
                "n_iter_no_change", Params.SEED));
        Object bs = params == null ? null : params.get("batch_size");
        int batch = bs == null || bs.toString().trim().equalsIgnoreCase("auto") ? 0
                : Params.positiveInt(NAME, params, "batch_size", 200);
        return new Mlp(Params.intList(NAME, params, "hidden", List.of(100)),
                Params.nonNegative(NAME, params, "alpha", 1e-4),
                Params.positive(NAME, params, "learning_rate", 1e-3), batch,
                Params.positiveInt(NAME, params, "max_iter", 200),
                Params.nonNegative(NAME, params, "tol", 1e-4),
                Params.positiveInt(NAME, params, "n_iter_no_change", 10),
                Params.seed(NAME, params, seed));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden", hidden);
        m.put("alpha", alpha);
        m.put("learning_rate", learningRate);
        m.put("batch_size", batchSize == 0 ? "auto" : (Object) batchSize);
        m.put("max_iter", maxIter);
        m.put("tol", tol);
        m.put("n_iter_no_change", nIterNoChange);
        m.put(Params.SEED, seed);
        return m;
    }

    @Override
    public void fit(double[][] x, int[] y) {
        int p = TrainingData.check(NAME, x, y);
        int n = x.length;
        int[] units = new int[hidden.size() + 2];
        units[0] = p;
        for (int l = 0; l < hidden.size(); l++) {
            units[l + 1] = hidden.get(l);
        }
        units[units.length - 1] = 1;
        int layers = units.length - 1;
        Random rng = new Random(seed);
        double[][][] w = new double[layers][][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            double bound = Math.sqrt(6.0 / (units[l] + units[l + 1]));
            w[l] = new double[units[l]][units[l + 1]];
            for (double[] row : w[l]) {
                for (int o = 0; o < row.length; o++) {
                    row[o] = -bound + 2 * bound * rng.nextDouble();
                }
            }
            b[l] = new double[units[l + 1]];
            for (int o = 0; o < b[l].length; o++) {
                b[l][o] = -bound + 2 * bound * rng.nextDouble();
            }
        }
        // Adam state
        double[][][] mw = zerosLike(w);
        double[][][] vw = zerosLike(w);
        double[][] mb = zerosLike(b);
        double[][] vb = zerosLike(b);
        int t = 0;

        int batch = batchSize == 0 ? Math.min(200, n) : Math.min(batchSize, n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[][][] gw = zerosLike(w);
        double[][] gb = zerosLike(b);
        List<Double> curve = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int noImprovement = 0;
        for (int epoch = 0; epoch < maxIter; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            double accumulated = 0;
            for (int start = 0; start < n; start += batch) {
                int end = Math.min(n, start + batch);
                double batchLoss = backprop(x, y, order, start, end, w, b, gw, gb);
                accumulated += batchLoss * (end - start);
                t++;
                double rate = learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
                for (int l = 0; l < layers; l++) {
                    for (int a = 0; a < w[l].length; a++) {
                        adam(w[l][a], gw[l][a], mw[l][a], vw[l][a], rate);
                    }
                    adam(b[l], gb[l], mb[l], vb[l], rate);
                }
            }
            double loss = accumulated / n;
            if (!Double.isFinite(loss)) {
                throw new UserInputException("mlp: the training loss became " + loss
                        + " (diverged); scale the features or lower learning_rate");
            }
            curve.add(loss);
            if (loss > best - tol) {
                noImprovement++;
            } else {
                noImprovement = 0;
            }
            if (loss < best) {
                best = loss;
            }
            if (noImprovement > nIterNoChange) {
                break;
            }
        }
        this.weights = w;
        this.biases = b;
        this.lossCurve = curve.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void adam(double[] param, double[] grad, double[] m, double[] v, double rate) {
        for (int i = 0; i < param.length; i++) {
            m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
            v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
            param[i] += -rate * m[i] / (Math.sqrt(v[i]) + EPSILON);
        }
    }

    /**
     * Loss of one minibatch (rows order[start..end)) at weights w, b, including the L2 term; its gradient
     * into gw, gb (shaped like w, b). Package-private for the gradient check of the tests.
     */
    double backprop(double[][] x, int[] y, int[] order, int start, int end, double[][][] w, double[][] b,
            double[][][] gw, double[][] gb) {
        int m = end - start;
        int layers = w.length;
        double[][][] act = new double[layers + 1][][];
        act[0] = new double[m][];
        for (int r = 0; r < m; r++) {
            act[0][r] = x[order[start + r]];
        }
        for (int l = 0; l < layers; l++) {
            act[l + 1] = forwardLayer(act[l], w[l], b[l], l < layers - 1);
        }
        double loss = 0;
        double[][] delta = new double[m][1];
        for (int r = 0; r < m; r++) {
            double prob = act[layers][r][0];
            int yi = y[order[start + r]];
            double pc = Math.min(Math.max(prob, CLIP), 1 - CLIP);
            loss -= yi == 1 ? Math.log(pc) : Math.log(1 - pc);
            delta[r][0] = prob - yi;
        }
        loss /= m;
        double sq = 0;
        for (double[][] wl : w) {
            for (double[] row : wl) {
                for (double v : row) {
                    sq += v * v;
                }
            }
        }
        loss += 0.5 * alpha * sq / m;
        for (int l = layers - 1; l >= 0; l--) {
            double[][] in = act[l];
            int fanIn = w[l].length;
            int fanOut = w[l][0].length;
            for (int a = 0; a < fanIn; a++) {
                double[] g = gw[l][a];
                Arrays.fill(g, 0);
                for (int r = 0; r < m; r++) {
                    double xa = in[r][a];
                    if (xa == 0) {
                        continue;
                    }
                    double[] dr = delta[r];
                    for (int o = 0; o < fanOut; o++) {
                        g[o] += xa * dr[o];
                    }
                }
                for (int o = 0; o < fanOut; o++) {
                    g[o] = (g[o] + alpha * w[l][a][o]) / m;
                }
            }
            Arrays.fill(gb[l], 0);
            for (int r = 0; r < m; r++) {
                for (int o = 0; o < fanOut; o++) {
                    gb[l][o] += delta[r][o];
                }
            }
            for (int o = 0; o < fanOut; o++) {
                gb[l][o] /= m;
            }
            if (l > 0) {
                double[][] prev = new double[m][fanIn];
                for (int r = 0; r < m; r++) {
                    for (int a = 0; a < fanIn; a++) {
                        if (in[r][a] == 0) {
                            continue; // ReLU derivative: zero where the unit is off
                        }
                        double s = 0;
                        double[] wa = w[l][a];
                        for (int o = 0; o < fanOut; o++) {
                            s += delta[r][o] * wa[o];
                        }
                        prev[r][a] = s;
                    }
                }
                delta = prev;
            }
        }
        return loss;
    }

    /** One layer: in · W + b, then ReLU (hidden) or the logistic function (output). */
    private static double[][] forwardLayer(double[][] in, double[][] w, double[] b, boolean relu) {
        int fanIn = w.length;
        int fanOut = b.length;
        double[][] out = new double[in.length][];
        for (int r = 0; r < in.length; r++) {
            double[] z = b.clone();
            for (int a = 0; a < fanIn; a++) {
                double xa = in[r][a];
                if (xa == 0) {
                    continue;
                }
                double[] wa = w[a];
                for (int o = 0; o < fanOut; o++) {
                    z[o] += xa * wa[o];
                }
            }
            for (int o = 0; o < fanOut; o++) {
                z[o] = relu ? Math.max(0, z[o]) : LogisticRegression.sigmoid(z[o]);
            }
            out[r] = z;
        }
        return out;
    }

    @Override
    public double[] predictProba(double[][] x) {
        if (weights == null) {
            throw new IllegalStateException("mlp: not fitted");
        }
        TrainingData.checkPredict(NAME, x, weights[0].length);
        double[][] a = x;
        for (int l = 0; l < weights.length; l++) {
            a = forwardLayer(a, weights[l], biases[l], l < weights.length - 1);
        }
        double[] p = new double[x.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = a[i][0];
        }
        return p;
    }

    /** The training loss after each epoch (scikit-learn's {@code loss_curve_}). */
    public double[] lossCurve() {
        if (lossCurve == null) {
            throw new IllegalStateException("mlp: not fitted");
        }
        return lossCurve.clone();
    }

    private static double[][][] zerosLike(double[][][] a) {
        double[][][] z = new double[a.length][][];
        for (int l = 0; l < a.length; l++) {
            z[l] = new double[a[l].length][a[l][0].length];
        }
        return z;
    }

    private static double[][] zerosLike(double[][] a) {
        double[][] z = new double[a.length][];
        for (int l = 0; l < a.length; l++) {
            z[l] = new double[a[l].length];
        }
        return z;
    }

    @Override
    public Map<String, Object> toJson(Path dir) {
        if (weights == null) {
            throw new IllegalStateException("mlp: not fitted");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("params", params());
        m.put("n_iter", lossCurve.length);
        m.put("loss_curve", lossCurve.clone());
        List<Object> ws = new ArrayList<>();
        for (double[][] wl : weights) {
            ws.add(JsonState.rows(wl));
        }
        m.put("intercepts", List.of((Object[]) biases.clone()));
        m.put("coefs", ws);
        return m;
    }

    /** The model written by {@link #toJson}. */
    public static Mlp fromJson(Map<String, Object> json) {
        JsonState.name(json, NAME);
        Mlp mlp = create(JsonState.params(json), 0);
        List<double[][]> ws = JsonState.matrices(json, "coefs");
        List<double[]> bs = JsonState.vectors(json, "intercepts");
        if (ws.size() != mlp.hidden.size() + 1 || bs.size() != ws.size()) {
            throw new UserInputException("saved model mlp: " + ws.size() + " weight layers for hidden " + mlp.hidden);
        }
        for (int l = 0; l < ws.size(); l++) {
            int out = l < mlp.hidden.size() ? mlp.hidden.get(l) : 1;
            if (ws.get(l).length == 0 || ws.get(l)[0].length != out || bs.get(l).length != out
                    || (l > 0 && ws.get(l).length != ws.get(l - 1)[0].length)) {
                throw new UserInputException("saved model mlp: layer " + (l + 1) + " has inconsistent shapes");
            }
        }
        mlp.weights = ws.toArray(new double[0][][]);
        mlp.biases = bs.toArray(new double[0][]);
        mlp.lossCurve = JsonState.vector(json, "loss_curve");
        return mlp;
    }
}
