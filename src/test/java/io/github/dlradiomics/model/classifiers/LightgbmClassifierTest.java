package io.github.dlradiomics.model.classifiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LightgbmClassifierTest {
    @Test
    void sameSeedSameModelOtherSeedOtherModel() {
        TreeTesting.Data d = TreeTesting.synthetic(250, 10, 21);
        TreeTesting.Data test = TreeTesting.synthetic(100, 10, 22);
        LightgbmClassifier a = LightgbmClassifier.create(Map.of("n_estimators", 50), 5);
        LightgbmClassifier b = LightgbmClassifier.create(Map.of("n_estimators", 50), 5);
        LightgbmClassifier c = LightgbmClassifier.create(Map.of("n_estimators", 50), 6);
        a.fit(d.x(), d.y());
        b.fit(d.x(), d.y());
        c.fit(d.x(), d.y());
        double[] pa = a.predictProba(test.x());
        assertArrayEquals(pa, b.predictProba(test.x()));
        assertFalse(Arrays.equals(pa, c.predictProba(test.x())));
        for (double v : pa) {
            assertTrue(v > 0 && v < 1);
        }
        double[] imp = a.featureImportances();
        assertEquals(1.0, Arrays.stream(imp).sum(), 1e-9);
        assertTrue(List.of(0, 1, 2).contains(RandomForestTest.rankByImportance(imp)[0]));
    }

    @Test
    void crossValidatedAucOnSyntheticAndBreastCancerData() throws IOException {
        double synth = TreeTesting.cvAuc(() -> LightgbmClassifier.create(Map.of(), 1),
                TreeTesting.synthetic(300, 10, 7), 5, 1);
        assertTrue(synth > 0.95, "synthetic AUC " + synth);
        double wdbc = TreeTesting.cvAuc(() -> LightgbmClassifier.create(Map.of(), 1), TreeTesting.wdbc(), 5, 1);
        System.out.println("lightgbm cv AUC synthetic " + synth + ", wdbc " + wdbc);
        assertTrue(wdbc > 0.95, "wdbc AUC " + wdbc);
    }

    @Test
    void jsonRoundTripThroughTheNativeModelFile(@TempDir Path dir) throws IOException {
        TreeTesting.Data d = TreeTesting.synthetic(200, 8, 3);
        LightgbmClassifier x = LightgbmClassifier.create(Map.of("num_leaves", 7, "learning_rate", 0.1), 8);
        x.fit(d.x(), d.y());
        Map<String, Object> json = x.toJson(dir);
        String file = (String) json.get("model_file");
        assertTrue(file.matches("lightgbm-[0-9a-f-]{36}\\.txt"), file);
        assertTrue(Files.readString(dir.resolve(file)).startsWith("tree"));
        LightgbmClassifier back = (LightgbmClassifier) TreeTesting.roundTrip(x, dir, LightgbmClassifier::fromJson);
        TreeTesting.Data test = TreeTesting.synthetic(100, 8, 4);
        assertArrayEquals(x.predictProba(test.x()), back.predictProba(test.x()));
        assertEquals(x.params(), back.params());
        Files.delete(dir.resolve(file));
        UserInputException e = assertThrows(UserInputException.class,
                () -> LightgbmClassifier.fromJson(Json.parseObject(Json.write(json)), dir));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void parametersAreCheckedAndTheGridIsValid() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> LightgbmClassifier.create(Map.of("eta", 0.1), 1));
        assertTrue(e.getMessage().contains("'eta'"), e.getMessage());
        assertThrows(UserInputException.class, () -> LightgbmClassifier.create(Map.of("bagging_fraction", 0), 1));
        List<Map<String, Object>> grid = LightgbmClassifier.defaultGrid();
        assertEquals(4, grid.size());
        for (Map<String, Object> g : grid) {
            Map<String, Object> p = LightgbmClassifier.create(g, 1).params();
            assertEquals(g.get("num_leaves"), p.get("num_leaves"));
            assertEquals(g.get("learning_rate"), p.get("learning_rate"));
        }
    }
}
