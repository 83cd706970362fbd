package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.model.Classifier;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * k-nearest neighbours by Euclidean distance, as scikit-learn's {@code KNeighborsClassifier(n_neighbors=k,
 * weights=...)}: P(y = 1) is the fraction of the k nearest training cases that are positive
 * ({@code "uniform"}, default) or their share of the total weight 1/distance ({@code "distance"}; when a
 * training case coincides with the query, the coinciding cases alone vote with weight 1 each, as
 * scikit-learn does). Equidistant neighbours are ordered by training row, the earlier row first, so the
 * k-th place is decided deterministically (scikit-learn's order among exact ties depends on its search
 * tree). Squared distances are summed directly, not as ‖a‖² - 2a·b + ‖b‖². The model is the training
 * matrix itself; parameters {@code k} (default 5, at most the number of training cases) and
 * {@code weights}.
 *
 * <pre>Knn knn = Knn.create(Map.of("k", 7, "weights", "distance"), 42); knn.fit(x, y); double[] p = knn.predictProba(z);</pre>
 */
public final class Knn implements Classifier {
    /** Registry name. */
    public static final String NAME = "knn";

    private final int k;
    private final boolean distanceWeights;
    private final long seed;

    private double[][] x;
    private int[] y;

    private Knn(int k, boolean distanceWeights, long seed) {
        this.k = k;
        this.distanceWeights = distanceWeights;
        this.seed = seed;
    }

    /** Parameters k, weights (uniform|distance), seed (carried for params() only). */
    public static Knn create(Map<String, ?> params, long seed) {
        Params.checkKeys(NAME, params, List.of("k", "weights", Params.SEED));
        return new Knn(Params.positiveInt(NAME, params, "k", 5),
                Params.choice(NAME, params, "weights", "uniform", "uniform", "distance").equals("distance"),
                Params.seed(NAME, params, seed));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", k);
        m.put("weights", distanceWeights ? "distance" : "uniform");
        m.put(Params.SEED, seed);
        return m;
    }

    @Override
    public void fit(double[][] xTrain, int[] yTrain) {
        TrainingData.check(NAME, xTrain, yTrain);
        if (k > xTrain.length) {
            throw new UserInputException("knn: k = " + k + " exceeds the number of training cases (" + xTrain.length + ")");
        }
        double[][] copy = new double[xTrain.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = xTrain[i].clone();
        }
        this.x = copy;
        this.y = yTrain.clone();
    }

    @Override
    public double[] predictProba(double[][] query) {
        if (x == null) {
            throw new IllegalStateException("knn: not fitted");
        }
        TrainingData.checkPredict(NAME, query, x[0].length);
        double[] out = new double[query.length];
        int n = x.length;
        double[] d2 = new double[n];
        int[] idx = new int[k];
        for (int q = 0; q < query.length; q++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < query[q].length; j++) {
                    double d = query[q][j] - x[i][j];
                    s += d * d;
                }
                d2[i] = s;
            }
            nearest(d2, idx);
            out[q] = vote(d2, idx);
        }
        return out;
    }

    /** The k smallest distances (ties: lower row first), by insertion into a sorted list of k. */
    private void nearest(double[] d2, int[] idx) {
        int filled = 0;
        for (int i = 0; i < d2.length; i++) {
            if (filled == k && !(d2[i] < d2[idx[k - 1]])) {
                continue; // equal to the k-th: the earlier row keeps its place
            }
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && d2[i] < d2[idx[pos - 1]]) {
                idx[pos] = idx[pos - 1];
                pos--;
            }
            idx[pos] = i;
        }
    }

    private double vote(double[] d2, int[] idx) {
        if (!distanceWeights) {
            int pos = 0;
            for (int i : idx) {
                pos += y[i];
            }
            return (double) pos / k;
        }
        boolean exact = false;
        for (int i : idx) {
            exact |= d2[i] == 0;
        }
        double wPos = 0;
        double wAll = 0;
        for (int i : idx) {
            double w = exact ? (d2[i] == 0 ? 1 : 0) : 1 / Math.sqrt(d2[i]);
            wAll += w;
            wPos += w * y[i];
        }
        return wPos / wAll;
    }

    @Override
    public Map<String, Object> toJson(Path dir) {
        if (x == null) {
            throw new IllegalStateException("knn: not fitted");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("params", params());
        m.put("y", y.clone());
        m.put("x", JsonState.rows(x));
        return m;
    }

    /** The model written by {@link #toJson}. */
    public static Knn fromJson(Map<String, Object> json) {
        JsonState.name(json, NAME);
        Knn knn = create(JsonState.params(json), 0);
        double[][] xs = JsonState.matrix(json, "x");
        int[] ys = JsonState.labels(json, "y");
        if (xs.length != ys.length || xs.length < knn.k) {
            throw new UserInputException("saved model knn: x and y do not match k = " + knn.k);
        }
        knn.x = xs;
        knn.y = ys;
        return knn;
    }
}
