package io.github.dlradiomics.model.classifiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtraTreesTest {
    /** Routes every training case through each tree and checks min < threshold < max of the node's cases. */
    static int checkThresholdsInsideNodeRanges(ExtraTrees et, double[][] x) {
        int checked = 0;
        for (TreeModel t : et.trees()) {
            double[] min = new double[t.nodeCount()];
            double[] max = new double[t.nodeCount()];
            int[] count = new int[t.nodeCount()];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (double[] row : x) {
                int node = 0;
                while (t.feature[node] >= 0) {
                    double v = row[t.feature[node]];
                    min[node] = Math.min(min[node], v);
                    max[node] = Math.max(max[node], v);
                    count[node]++;
                    node = v <= t.threshold[node] ? t.left[node] : t.right[node];
                }
                count[node]++;
            }
            for (int node = 0; node < t.nodeCount(); node++) {
                assertTrue(count[node] > 0, "empty node " + node);
                if (t.feature[node] >= 0) {
                    assertTrue(min[node] < t.threshold[node] && t.threshold[node] < max[node],
                            "node " + node + ": threshold " + t.threshold[node] + " not inside (" + min[node] + ", "
                                    + max[node] + ")");
                    checked++;
                }
            }
        }
        return checked;
    }

    @Test
    void thresholdsLieStrictlyInsideTheNodesFeatureRange() {
        TreeTesting.Data d = TreeTesting.synthetic(200, 6, 11);
        ExtraTrees et = ExtraTrees.create(Map.of("n_estimators", 30), 4);
        et.fit(d.x(), d.y());
        assertTrue(checkThresholdsInsideNodeRanges(et, d.x()) > 30 * 10);
        // Few distinct values (0, 1, 2) and tiny ranges: still strictly inside, both children non-empty.
        double[][] x = new double[60][2];
        int[] y = new int[60];
        for (int i = 0; i < 60; i++) {
            x[i][0] = i % 3;
            x[i][1] = 1 + (i % 2) * 1e-6;
            y[i] = (i % 3 == 2) != (i % 7 == 0) ? 1 : 0;
        }
        ExtraTrees small = ExtraTrees.create(Map.of("n_estimators", 20, "max_features", "all"), 2);
        small.fit(x, y);
        assertTrue(checkThresholdsInsideNodeRanges(small, x) > 20);
    }

    @Test
    void identicalForEveryThreadCountAndSeedDecides() {
        TreeTesting.Data d = TreeTesting.synthetic(250, 12, 21);
        TreeTesting.Data test = TreeTesting.synthetic(100, 12, 22);
        ExtraTrees one = ExtraTrees.create(Map.of("n_estimators", 60), 5);
        ExtraTrees four = ExtraTrees.create(Map.of("n_estimators", 60, "n_jobs", 4), 5);
        ExtraTrees other = ExtraTrees.create(Map.of("n_estimators", 60), 6);
        one.fit(d.x(), d.y());
        four.fit(d.x(), d.y());
        other.fit(d.x(), d.y());
        assertArrayEquals(one.predictProba(test.x()), four.predictProba(test.x()));
        assertArrayEquals(one.featureImportances(), four.featureImportances());
        assertFalse(Arrays.equals(one.predictProba(test.x()), other.predictProba(test.x())));
        assertEquals(false, one.params().get("bootstrap"));
        // Without bootstrap every tree sees all cases: every root holds the full class-1 share.
        double share = Arrays.stream(d.y()).average().orElseThrow();
        for (TreeModel t : one.trees()) {
            assertEquals(share, t.value[0], 1e-12);
        }
    }

    @Test
    void crossValidatedAucOnSyntheticAndBreastCancerData() throws IOException {
        double synth = TreeTesting.cvAuc(() -> ExtraTrees.create(Map.of(), 1),
                TreeTesting.synthetic(300, 10, 7), 5, 1);
        assertTrue(synth > 0.95, "synthetic AUC " + synth);
        double wdbc = TreeTesting.cvAuc(() -> ExtraTrees.create(Map.of(), 1), TreeTesting.wdbc(), 5, 1);
        System.out.println("et cv AUC synthetic " + synth + ", wdbc " + wdbc);
        assertTrue(wdbc > 0.95, "wdbc AUC " + wdbc);
    }

    @Test
    void importancesSumToOneAndFavourTheSignal() {
        TreeTesting.Data d = TreeTesting.synthetic(300, 10, 7);
        ExtraTrees et = ExtraTrees.create(Map.of(), 2);
        et.fit(d.x(), d.y());
        double[] imp = et.featureImportances();
        assertEquals(1.0, Arrays.stream(imp).sum(), 1e-12);
        int[] top3 = Arrays.copyOf(RandomForestTest.rankByImportance(imp), 3);
        Arrays.sort(top3);
        assertArrayEquals(new int[] {0, 1, 2}, top3, "importances " + Arrays.toString(imp));
    }

    @Test
    void jsonRoundTripGivesIdenticalPredictions(@TempDir Path dir) throws IOException {
        TreeTesting.Data d = TreeTesting.synthetic(200, 8, 3);
        ExtraTrees et = ExtraTrees.create(Map.of("n_estimators", 40, "max_depth", 6), 8);
        et.fit(d.x(), d.y());
        ExtraTrees back = (ExtraTrees) TreeTesting.roundTrip(et, dir, ExtraTrees::fromJson);
        TreeTesting.Data test = TreeTesting.synthetic(100, 8, 4);
        assertArrayEquals(et.predictProba(test.x()), back.predictProba(test.x()));
        assertArrayEquals(et.featureImportances(), back.featureImportances());
        assertEquals(et.params(), back.params());
        assertEquals(2, ExtraTrees.defaultGrid().size());
        List<Map<String, Object>> grid = ExtraTrees.defaultGrid();
        assertEquals(5, ExtraTrees.create(grid.get(1), 1).params().get("max_depth"));
    }
}
