package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.util.UserInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted binary decision tree as parallel node arrays (scikit-learn's {@code tree_} layout): node 0 is
 * the root; an internal node sends a row to {@code left} when {@code x[feature] <= threshold}, else to
 * {@code right}; a leaf has feature -1 and children -1. {@code value} is the (weighted) fraction of class 1
 * among the training cases that reached the node, i.e. P(y = 1) at a leaf.
 */
final class TreeModel {
    final int[] feature;
    final double[] threshold;
    final int[] left;
    final int[] right;
    final double[] value;

    TreeModel(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.value = value;
    }

    int nodeCount() {
        return feature.length;
    }

    /** The leaf a row falls into. */
    int leaf(double[] row) {
        int node = 0;
        while (feature[node] >= 0) {
            node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
        }
        return node;
    }

    /** P(y = 1) for one row. */
    double probability(double[] row) {
        return value[leaf(row)];
    }

    /** The compact JSON form: five parallel arrays. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feature", feature);
        m.put("threshold", threshold);
        m.put("left", left);
        m.put("right", right);
        m.put("value", value);
        return m;
    }

    /** Reads {@link #toJson()}'s form, checking that it is a tree over {@code nFeatures} features. */
    static TreeModel fromJson(Map<String, Object> json, String name, int nFeatures) {
        TreeModel t = new TreeModel(StateJson.ints(json, name, "feature"), StateJson.doubles(json, name, "threshold"),
                StateJson.ints(json, name, "left"), StateJson.ints(json, name, "right"),
                StateJson.doubles(json, name, "value"));
        int n = t.feature.length;
        if (n == 0 || t.threshold.length != n || t.left.length != n || t.right.length != n || t.value.length != n) {
            throw new UserInputException(name + " model JSON: a tree's node arrays are empty or of different lengths");
        }
        for (int i = 0; i < n; i++) {
            // Children always come after their parent (depth-first order), so no cycles.
            boolean ok = t.feature[i] < 0 ? t.feature[i] == -1
                    : t.feature[i] < nFeatures && t.left[i] > i && t.left[i] < n && t.right[i] > i && t.right[i] < n;
            if (!ok) {
                throw new UserInputException(name + " model JSON: tree node " + i + " is malformed");
            }
        }
        return t;
    }
}
