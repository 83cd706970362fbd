package io.github.dlradiomics.model.classifiers;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Extremely randomised trees ("et") with scikit-learn's {@code ExtraTreesClassifier} semantics: no bootstrap
 * by default; at each node, for each of max_features randomly chosen non-constant features one threshold is
 * drawn uniformly inside the feature's (min, max) among the node's cases, and the draw with the best Gini
 * decrease is kept. Parameters: {@code n_estimators} 200 (scikit-learn: 100), {@code max_depth} null,
 * {@code min_samples_split} 2, {@code min_samples_leaf} 1, {@code max_features} "sqrt", {@code bootstrap}
 * false, {@code n_jobs} 1 (results identical for every value), {@code seed}.
 *
 * <pre>ExtraTrees et = ExtraTrees.create(Map.of(), 42); et.fit(x, y); double[] p = et.predictProba(x2);</pre>
 */
public final class ExtraTrees extends TreeEnsemble {
    /** The registry name. */
    public static final String NAME = "et";

    private ExtraTrees(Map<String, Object> params, long seed) {
        super(NAME, TreeGrower.Splitter.RANDOM, params, seed, false);
    }

    /**
     * An unfitted ensemble; unknown or invalid parameters throw a UserInputException naming them. A "seed"
     * entry in {@code params} wins over {@code seed}.
     */
    public static ExtraTrees create(Map<String, Object> params, long seed) {
        return new ExtraTrees(params, seed);
    }

    /** The default grid: max_depth unlimited or 5, with 200 trees. */
    public static List<Map<String, Object>> defaultGrid() {
        return TreeParams.grid("max_depth", Arrays.asList(null, 5), "n_estimators", List.of(200));
    }

    /** Rebuilds a fitted ensemble from {@link #toJson}'s form ({@code dir} is not used). */
    public static ExtraTrees fromJson(Map<String, Object> json, Path dir) {
        ExtraTrees f = create(StateJson.params(json, NAME), 0);
        f.readState(json);
        return f;
    }
}
