package io.github.dlradiomics.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A binary classifier on an already prepared numeric matrix (rows = cases, columns = features; scaling
 * and selection happen before, in the pipeline). Labels are 0/1 (1 = the positive class); predictions are
 * P(y = 1). Implementations are deterministic for a given seed, which is one of their {@link #params()}.
 * State is saved as JSON (plus native files for boosters, written into a folder) — never Java serialization.
 *
 * <pre>Classifier c = Classifiers.create("rf", Map.of("n_estimators", 300), 42); c.fit(x, y); double[] p = c.predictProba(xTest);</pre>
 */
public interface Classifier {
    /** The registry name ("lr", "svm-rbf", "rf", ...). */
    String name();

    /** The hyper-parameters in force, seed included (what a grid search varies). */
    Map<String, Object> params();

    /** Fits on {@code x} (n x p) and {@code y} (n labels, 0 or 1; both classes present). */
    void fit(double[][] x, int[] y);

    /** P(y = 1) per row; only after {@link #fit}. */
    double[] predictProba(double[][] x);

    /**
     * The fitted state as JSON-ready maps/lists/numbers: {"name", "params", ...}; a booster writes its
     * native model file into {@code dir} and records the file name (relative to {@code dir}).
     */
    Map<String, Object> toJson(Path dir) throws IOException;

    /**
     * Per-feature importances of a fitted tree model, normalised to sum 1 (impurity decrease or split gain, as
     * the classifier documents), in the order of its input columns; null for a model without them.
     */
    default double[] featureImportances() {
        return null;
    }
}
