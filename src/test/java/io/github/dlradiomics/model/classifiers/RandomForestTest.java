package io.github.dlradiomics.model.classifiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomForestTest {
    static int[] rankByImportance(double[] imp) {
        return IntStream.range(0, imp.length).boxed().sorted(Comparator.comparingDouble(j -> -imp[j]))
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    void identicalForEveryThreadCountAndSeedDecides(@TempDir Path dir) {
        TreeTesting.Data d = TreeTesting.synthetic(250, 12, 21);
        TreeTesting.Data test = TreeTesting.synthetic(100, 12, 22);
        RandomForest one = RandomForest.create(Map.of("n_estimators", 60, "n_jobs", 1), 5);
        RandomForest three = RandomForest.create(Map.of("n_estimators", 60, "n_jobs", 3), 5);
        RandomForest again = RandomForest.create(Map.of("n_estimators", 60, "n_jobs", 2), 5);
        RandomForest other = RandomForest.create(Map.of("n_estimators", 60, "n_jobs", 1), 6);
        one.fit(d.x(), d.y());
        three.fit(d.x(), d.y());
        again.fit(d.x(), d.y());
        other.fit(d.x(), d.y());
        assertArrayEquals(one.predictProba(test.x()), three.predictProba(test.x()));
        assertArrayEquals(one.predictProba(test.x()), again.predictProba(test.x()));
        assertArrayEquals(one.featureImportances(), three.featureImportances());
        assertEquals(Json.write(one.toJson(dir).get("trees")), Json.write(three.toJson(dir).get("trees")));
        assertFalse(Arrays.equals(one.predictProba(test.x()), other.predictProba(test.x())));
    }

    @Test
    void withoutBootstrapAndWithAllFeaturesEveryTreeIsTheCartTree() {
        RandomForest f = RandomForest.create(Map.of("n_estimators", 5, "bootstrap", false, "max_features", "all",
                "max_depth", 1), 3);
        f.fit(DecisionTreeTest.X, DecisionTreeTest.Y);
        for (TreeModel t : f.trees()) {
            assertEquals(0, t.feature[0]);
            assertEquals(5.5, t.threshold[0]);
            assertEquals(0.2, t.value[t.left[0]], 1e-15);
        }
        assertArrayEquals(new double[] {0.2, 1.0}, f.predictProba(new double[][] {{2, 0}, {7, 0}}), 1e-15);
    }

    @Test
    void bootstrapTreesSeeDifferentCases() {
        RandomForest f = RandomForest.create(Map.of("n_estimators", 20, "max_depth", 1), 3);
        f.fit(DecisionTreeTest.X, DecisionTreeTest.Y);
        // The root value is the class-1 share of the tree's bootstrap sample: not always 5/9.
        assertTrue(f.trees().stream().anyMatch(t -> Math.abs(t.value[0] - 5.0 / 9) > 1e-9));
        for (TreeModel t : f.trees()) {
            // Bootstrap counts are integers out of 9 draws.
            assertEquals(Math.rint(9 * t.value[0]), 9 * t.value[0], 1e-9);
        }
    }

    @Test
    void crossValidatedAucOnSyntheticAndBreastCancerData() throws IOException {
        double synth = TreeTesting.cvAuc(() -> RandomForest.create(Map.of(), 1),
                TreeTesting.synthetic(300, 10, 7), 5, 1);
        assertTrue(synth > 0.95, "synthetic AUC " + synth);
        double wdbc = TreeTesting.cvAuc(() -> RandomForest.create(Map.of("n_jobs", 2), 1), TreeTesting.wdbc(),
                5, 1);
        System.out.println("rf cv AUC synthetic " + synth + ", wdbc " + wdbc);
        assertTrue(wdbc > 0.95, "wdbc AUC " + wdbc);
    }

    @Test
    void noSignalGivesChanceAuc() {
        double auc = TreeTesting.cvAuc(() -> RandomForest.create(Map.of("n_estimators", 100), 1),
                TreeTesting.noise(200, 10, 4), 5, 1);
        assertTrue(Math.abs(auc - 0.5) < 0.12, "AUC " + auc);
    }

    @Test
    void importancesFindTheInformativeFeatures() {
        TreeTesting.Data d = TreeTesting.synthetic(300, 10, 7);
        RandomForest f = RandomForest.create(Map.of(), 2);
        f.fit(d.x(), d.y());
        double[] imp = f.featureImportances();
        assertEquals(1.0, Arrays.stream(imp).sum(), 1e-12);
        int[] rank = rankByImportance(imp);
        int[] top3 = Arrays.copyOf(rank, 3);
        Arrays.sort(top3);
        assertArrayEquals(new int[] {0, 1, 2}, top3, "importances " + Arrays.toString(imp));
    }

    @Test
    void wideTableTwoThousandFeatures() {
        // The size of a deep-feature table: 234 cases x 2000 features, only feature 7 carries the label.
        TreeTesting.Data d = TreeTesting.noise(234, 2000, 9);
        int[] y = new int[234];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.x()[i][7] > 0.2 ? 1 : 0;
        }
        RandomForest f = RandomForest.create(Map.of("n_estimators", 100, "n_jobs", 2), 1);
        f.fit(d.x(), y);
        assertEquals(7, rankByImportance(f.featureImportances())[0]);
        assertTrue(TreeTesting.auc(f.predictProba(d.x()), y) > 0.99);
    }

    @Test
    void jsonRoundTripGivesIdenticalPredictions(@TempDir Path dir) throws IOException {
        TreeTesting.Data d = TreeTesting.synthetic(200, 8, 3);
        RandomForest f = RandomForest.create(Map.of("n_estimators", 40, "min_samples_leaf", 2), 8);
        f.fit(d.x(), d.y());
        Map<String, Object> json = f.toJson(dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> tree0 = (Map<String, Object>) ((List<?>) json.get("trees")).get(0);
        assertEquals(List.of("feature", "threshold", "left", "right", "value"), List.copyOf(tree0.keySet()));
        RandomForest back = (RandomForest) TreeTesting.roundTrip(f, dir, RandomForest::fromJson);
        TreeTesting.Data test = TreeTesting.synthetic(100, 8, 4);
        assertArrayEquals(f.predictProba(test.x()), back.predictProba(test.x()));
        assertArrayEquals(f.featureImportances(), back.featureImportances());
        assertEquals(f.params(), back.params());
        assertThrows(UserInputException.class, () -> ExtraTrees.fromJson(Json.parseObject(Json.write(json)), dir));
    }

    @Test
    void parametersAreCheckedAndTheGridIsValid() {
        UserInputException e = assertThrows(UserInputException.class, () -> RandomForest.create(Map.of("trees", 300), 1));
        assertTrue(e.getMessage().contains("'trees'"), e.getMessage());
        assertThrows(UserInputException.class, () -> RandomForest.create(Map.of("n_jobs", 0), 1));
        assertThrows(UserInputException.class, () -> RandomForest.create(Map.of("n_estimators", 2.5), 1));
        Map<String, Object> fromJsonNumbers = new HashMap<>();
        fromJsonNumbers.put("n_estimators", 50.0);
        fromJsonNumbers.put("max_depth", null);
        fromJsonNumbers.put("seed", 17.0);
        RandomForest f = RandomForest.create(fromJsonNumbers, 1);
        assertEquals(50, f.params().get("n_estimators"));
        assertEquals(17L, f.params().get("seed"));
        assertEquals("sqrt", f.params().get("max_features"));
        assertEquals(true, f.params().get("bootstrap"));
        List<Map<String, Object>> grid = RandomForest.defaultGrid();
        assertEquals(2, grid.size());
        for (Map<String, Object> g : grid) {
            assertEquals(200, RandomForest.create(g, 1).params().get("n_estimators"));
        }
    }
}
