package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.model.Classifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A CART classification tree ("dt") with scikit-learn's {@code DecisionTreeClassifier} semantics: Gini
 * impurity, the best split over the candidate features with thresholds at midpoints between consecutive
 * distinct values, left = {@code x <= threshold}, P(y = 1) = the class-1 fraction of the leaf. Parameters
 * (scikit-learn names and defaults): {@code max_depth} (null = unlimited), {@code min_samples_split} 2,
 * {@code min_samples_leaf} 1, {@code max_features} "all" (or "sqrt", "log2", a count, a fraction) and
 * {@code seed} (the order in which features are tried, which decides ties and the feature subsets).
 *
 * <pre>DecisionTree t = DecisionTree.create(Map.of("max_depth", 3), 42); t.fit(x, y); double[] p = t.predictProba(x2);</pre>
 */
public final class DecisionTree implements Classifier {
    /** The registry name. */
    public static final String NAME = "dt";
    private static final Set<String> KNOWN = Set.of("max_depth", "min_samples_split", "min_samples_leaf", "max_features",
            "seed");

    private final Integer maxDepth;
    private final int minSamplesSplit;
    private final int minSamplesLeaf;
    private final Object maxFeatures;
    private final long seed;

    private TreeModel tree;
    private int nFeatures;
    private double[] importances;

    private DecisionTree(Integer maxDepth, int minSamplesSplit, int minSamplesLeaf, Object maxFeatures, long seed) {
        this.maxDepth = maxDepth;
        this.minSamplesSplit = minSamplesSplit;
        this.minSamplesLeaf = minSamplesLeaf;
        this.maxFeatures = maxFeatures;
        this.seed = seed;
    }

    /**
     * An unfitted tree; unknown or invalid parameters throw a UserInputException naming them. A "seed" entry
     * in {@code params} wins over {@code seed} (so a saved params map rebuilds the same tree).
     */
    public static DecisionTree create(Map<String, Object> params, long seed) {
        TreeParams p = TreeParams.of(NAME, params, KNOWN);
        return new DecisionTree(p.optionalInteger("max_depth", null, 1), p.integer("min_samples_split", 2, 2),
                p.integer("min_samples_leaf", 1, 1), p.maxFeatures("max_features", "all"), p.seed(seed));
    }

    /** The default grid: max_depth 3, 5, unlimited. */
    public static List<Map<String, Object>> defaultGrid() {
        return TreeParams.grid("max_depth", Arrays.asList(3, 5, null));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> params() {
        return TreeParams.ordered("max_depth", maxDepth, "min_samples_split", minSamplesSplit, "min_samples_leaf",
                minSamplesLeaf, "max_features", maxFeatures, "seed", seed);
    }

    @Override
    public void fit(double[][] x, int[] y) {
        int p = Inputs.checkFit(NAME, x, y, true);
        TreeGrower grower = new TreeGrower(TreeGrower.columns(x, p), y.clone(), TreeGrower.Splitter.BEST,
                maxDepth == null ? Integer.MAX_VALUE : maxDepth, minSamplesSplit, minSamplesLeaf,
                TreeParams.resolveMaxFeatures(maxFeatures, p));
        double[] raw = new double[p];
        tree = grower.grow(null, new SplittableRandom(seed), raw);
        nFeatures = p;
        importances = TreeGrower.normalised(raw);
    }

    @Override
    public double[] predictProba(double[][] x) {
        Inputs.checkFitted(NAME, tree);
        Inputs.checkMatrix(NAME, x, nFeatures, false);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = tree.probability(x[i]);
        }
        return out;
    }

    /** Gini importance (mean decrease in impurity) per feature, summing to 1 (all 0 for a single leaf). */
    @Override
    public double[] featureImportances() {
        Inputs.checkFitted(NAME, tree);
        return importances.clone();
    }

    /** The number of nodes of the fitted tree. */
    public int nodeCount() {
        Inputs.checkFitted(NAME, tree);
        return tree.nodeCount();
    }

    TreeModel tree() {
        return tree;
    }

    @Override
    public Map<String, Object> toJson(Path dir) {
        Inputs.checkFitted(NAME, tree);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("params", params());
        m.put("n_features", nFeatures);
        m.put("importances", importances);
        m.put("tree", tree.toJson());
        return m;
    }

    /** Rebuilds a fitted tree from {@link #toJson}'s form ({@code dir} is not used: no native files). */
    public static DecisionTree fromJson(Map<String, Object> json, Path dir) {
        DecisionTree t = create(StateJson.params(json, NAME), 0);
        t.nFeatures = StateJson.integer(json, NAME, "n_features");
        t.tree = TreeModel.fromJson(StateJson.map(StateJson.required(json, NAME, "tree"), NAME, "'tree'"), NAME,
                t.nFeatures);
        t.importances = StateJson.importances(json, NAME, t.nFeatures);
        return t;
    }
}
