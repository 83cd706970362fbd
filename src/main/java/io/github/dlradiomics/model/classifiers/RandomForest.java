package io.github.dlradiomics.model.classifiers;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Random forest ("rf") with scikit-learn's {@code RandomForestClassifier} semantics: each tree is a CART
 * tree ({@link DecisionTree}'s splitter) grown on a bootstrap sample (n draws with replacement, used as case
 * weights) and trying max_features candidate features per split; P(y = 1) is the mean of the trees' leaf
 * fractions. Parameters: {@code n_estimators} 200 (scikit-learn: 100), {@code max_depth} null,
 * {@code min_samples_split} 2, {@code min_samples_leaf} 1, {@code max_features} "sqrt", {@code bootstrap}
 * true, {@code n_jobs} 1 (threads; -1 = all cores; results are identical for every value), {@code seed}.
 *
 * <pre>RandomForest rf = RandomForest.create(Map.of("n_estimators", 300, "n_jobs", 2), 42); rf.fit(x, y); double[] imp = rf.featureImportances();</pre>
 */
public final class RandomForest extends TreeEnsemble {
    /** The registry name. */
    public static final String NAME = "rf";

    private RandomForest(Map<String, Object> params, long seed) {
        super(NAME, TreeGrower.Splitter.BEST, params, seed, true);
    }

    /**
     * An unfitted forest; unknown or invalid parameters throw a UserInputException naming them. A "seed"
     * entry in {@code params} wins over {@code seed}.
     */
    public static RandomForest create(Map<String, Object> params, long seed) {
        return new RandomForest(params, seed);
    }

    /** The default grid: max_depth unlimited or 5, with 200 trees. */
    public static List<Map<String, Object>> defaultGrid() {
        return TreeParams.grid("max_depth", Arrays.asList(null, 5), "n_estimators", List.of(200));
    }

    /** Rebuilds a fitted forest from {@link #toJson}'s form ({@code dir} is not used). */
    public static RandomForest fromJson(Map<String, Object> json, Path dir) {
        RandomForest f = create(StateJson.params(json, NAME), 0);
        f.readState(json);
        return f;
    }
}
