package io.github.dlradiomics.model.classifiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionTreeTest {
    /**
     * 9 cases, x0 = 1..9, labels 0 0 0 1 0 1 1 1 1 (4 zeros, 5 ones). Gini proxy sum_c(nL_c^2)/nL + sum_c(nR_c^2)/nR
     * on x0: after 2 cases 2 + 29/7 = 6.14, after 3: 3 + 26/6 = 7.33, after 4: 10/4 + 17/5 = 5.9, after 5:
     * 17/5 + 16/4 = 7.4 (best), after 6: 20/6 + 3 = 6.33. On x1 the label order by x1 is 0 0 1 0 1 1 1 1 0, best
     * 2 + 29/7 = 6.14. So the root splits x0 at (5 + 6) / 2 = 5.5: left (4 zeros, 1 one) P = 0.2, right pure P = 1.
     */
    static final double[][] X = {{1, 2}, {2, 9}, {3, 4}, {4, 7}, {5, 1}, {6, 8}, {7, 3}, {8, 6}, {9, 5}};
    static final int[] Y = {0, 0, 0, 1, 0, 1, 1, 1, 1};

    @Test
    void handComputedStumpSplitsAtTheBestMidpoint() {
        for (long seed = 0; seed < 10; seed++) {
            DecisionTree t = DecisionTree.create(Map.of("max_depth", 1), seed);
            t.fit(X, Y);
            TreeModel m = t.tree();
            assertEquals(3, m.nodeCount());
            assertEquals(0, m.feature[0]);
            assertEquals(5.5, m.threshold[0]);
            assertEquals(0.2, m.value[m.left[0]], 1e-15);
            assertEquals(1.0, m.value[m.right[0]]);
            assertEquals(5.0 / 9, m.value[0], 1e-15);
            assertArrayEquals(new double[] {1, 0}, t.featureImportances());
            // left is x <= threshold
            assertArrayEquals(new double[] {0.2, 0.2, 1.0}, t.predictProba(new double[][] {{5, 0}, {5.5, 0}, {5.5001, 0}}),
                    1e-15);
        }
    }

    @Test
    void unlimitedDepthFitsDistinctTrainingCasesExactly() {
        DecisionTree t = DecisionTree.create(Map.of(), 3);
        t.fit(X, Y);
        double[] p = t.predictProba(X);
        for (int i = 0; i < Y.length; i++) {
            assertEquals(Y[i], p[i]);
        }
        // Root as in the stump; the left child (x0 <= 5.5: labels 0 0 0 1 0) splits off {x0 = 4}.
        TreeModel m = t.tree();
        assertEquals(5.5, m.threshold[0]);
        assertTrue(m.nodeCount() >= 5);
    }

    @Test
    void minSamplesLeafThatNoSplitCanMeetGivesOneLeaf() {
        DecisionTree t = DecisionTree.create(Map.of("min_samples_leaf", 5), 1);
        t.fit(X, Y);
        assertEquals(1, t.nodeCount());
        assertArrayEquals(new double[] {5.0 / 9}, t.predictProba(new double[][] {{0, 0}}), 1e-15);
        assertArrayEquals(new double[] {0, 0}, t.featureImportances());
    }

    @Test
    void tiesBetweenNearlyEqualValuesAreNotSplit() {
        // 1 and 1 + 1e-8 count as equal (scikit-learn's 1e-7), so the only split is between 1+1e-8 and 2.
        double[][] x = {{1}, {1 + 1e-8}, {2}, {3}};
        int[] y = {0, 1, 1, 1};
        DecisionTree t = DecisionTree.create(Map.of("max_depth", 1), 0);
        t.fit(x, y);
        assertEquals(1.5 + 0.5e-8, t.tree().threshold[0], 1e-12);
        assertEquals(0.5, t.tree().value[t.tree().left[0]]);
    }

    @Test
    void sameSeedSamePredictionsAndCvAuc() throws IOException {
        TreeTesting.Data d = TreeTesting.synthetic(300, 10, 7);
        Map<String, Object> params = Map.of("max_depth", 5, "max_features", "sqrt");
        DecisionTree a = DecisionTree.create(params, 11);
        DecisionTree b = DecisionTree.create(params, 11);
        a.fit(d.x(), d.y());
        b.fit(d.x(), d.y());
        assertArrayEquals(a.predictProba(d.x()), b.predictProba(d.x()));
        double synth = TreeTesting.cvAuc(() -> DecisionTree.create(Map.of("max_depth", 3), 1), d, 5, 3);
        assertTrue(synth > 0.9, "synthetic AUC " + synth);
        TreeTesting.Data w = TreeTesting.wdbc();
        double wdbc = TreeTesting.cvAuc(() -> DecisionTree.create(Map.of("max_depth", 3), 1), w, 5, 3);
        System.out.println("dt cv AUC synthetic " + synth + ", wdbc " + wdbc);
        assertTrue(wdbc > 0.9, "wdbc AUC " + wdbc);
    }

    @Test
    void jsonRoundTripGivesIdenticalPredictions(@TempDir Path dir) throws IOException {
        TreeTesting.Data d = TreeTesting.synthetic(200, 6, 5);
        DecisionTree t = DecisionTree.create(Map.of("max_features", "log2"), 9);
        t.fit(d.x(), d.y());
        DecisionTree back = (DecisionTree) TreeTesting.roundTrip(t, dir, DecisionTree::fromJson);
        TreeTesting.Data test = TreeTesting.synthetic(100, 6, 6);
        assertArrayEquals(t.predictProba(test.x()), back.predictProba(test.x()));
        assertArrayEquals(t.featureImportances(), back.featureImportances());
        assertEquals(t.params(), back.params());
    }

    @Test
    void badParametersAndLabelsAreNamed() {
        UserInputException e = assertThrows(UserInputException.class, () -> DecisionTree.create(Map.of("depth", 3), 1));
        assertTrue(e.getMessage().contains("'depth'"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> DecisionTree.create(Map.of("max_features", "half"), 1));
        assertTrue(e.getMessage().contains("max_features"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> DecisionTree.create(Map.of("max_depth", 0), 1));
        assertTrue(e.getMessage().contains("max_depth"), e.getMessage());
        DecisionTree t = DecisionTree.create(Map.of(), 1);
        assertThrows(UserInputException.class, () -> t.fit(new double[][] {{1}, {2}}, new int[] {0, 2}));
        assertThrows(UserInputException.class, () -> t.fit(new double[][] {{1}, {2}}, new int[] {1, 1}));
        assertThrows(UserInputException.class, () -> t.fit(new double[][] {{1}, {Double.NaN}}, new int[] {0, 1}));
    }

    @Test
    void defaultGridEntriesAreValidParameters() {
        List<Map<String, Object>> grid = DecisionTree.defaultGrid();
        assertEquals(3, grid.size());
        Map<String, Object> unlimited = new HashMap<>();
        unlimited.put("max_depth", null);
        assertEquals(unlimited, grid.get(2));
        for (Map<String, Object> g : grid) {
            assertEquals(g.get("max_depth"), DecisionTree.create(g, 1).params().get("max_depth"));
        }
    }
}
