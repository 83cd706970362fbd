package io.github.dlradiomics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifiersTest {
    private static final List<String> OURS = List.of("lr", "lr-l2", "svm-linear", "svm-rbf", "knn", "mlp");

    @TempDir
    Path dir;

    @Test
    void namesAndDefaultGrids() {
        assertTrue(Classifiers.names().containsAll(OURS));
        assertEquals(List.of(Map.of()), Classifiers.defaultGrid("lr"));
        assertEquals(List.of(Map.of("C", 0.01), Map.of("C", 0.1), Map.of("C", 1.0), Map.of("C", 10.0)),
                Classifiers.defaultGrid("lr-l2"));
        assertEquals(3, Classifiers.defaultGrid("svm-linear").size());
        assertEquals(List.of(Map.of("C", 0.1, "gamma", "scale"), Map.of("C", 0.1, "gamma", 0.01),
                Map.of("C", 1.0, "gamma", "scale"), Map.of("C", 1.0, "gamma", 0.01),
                Map.of("C", 10.0, "gamma", "scale"), Map.of("C", 10.0, "gamma", 0.01)), Classifiers.defaultGrid("svm-rbf"));
        assertEquals(List.of(Map.of("k", 3), Map.of("k", 5), Map.of("k", 7), Map.of("k", 9)), Classifiers.defaultGrid("knn"));
        assertEquals(4, Classifiers.defaultGrid("mlp").size());
        assertEquals(Map.of("hidden", List.of(64), "alpha", 1e-2), Classifiers.defaultGrid("mlp").get(3));
        assertThrows(UnsupportedOperationException.class, () -> Classifiers.defaultGrid("knn").get(0).put("k", 1));
        // every grid point is accepted by its classifier
        for (String name : OURS) {
            for (Map<String, Object> point : Classifiers.defaultGrid(name)) {
                Classifier c = Classifiers.create(name, point, 1);
                assertEquals(name, c.name());
                for (Map.Entry<String, Object> e : point.entrySet()) {
                    assertEquals(e.getValue(), c.params().get(e.getKey()), name + " " + e.getKey());
                }
                assertEquals(1L, c.params().get("seed"));
            }
        }
    }

    @Test
    void unknownNamesAndParametersAreRefusedWithTheAlternatives() {
        UserInputException e = assertThrows(UserInputException.class, () -> Classifiers.create("svm", Map.of(), 0));
        assertTrue(e.getMessage().contains("unknown classifier 'svm'"), e.getMessage());
        assertTrue(e.getMessage().contains("lr, lr-l2, svm-linear, svm-rbf, knn, mlp"), e.getMessage());
        UserInputException p = assertThrows(UserInputException.class,
                () -> Classifiers.create("knn", Map.of("neighbours", 3), 0));
        assertTrue(p.getMessage().contains("unknown parameter 'neighbours'"), p.getMessage());
        assertTrue(p.getMessage().contains("accepted: k, weights, seed"), p.getMessage());
        assertThrows(UserInputException.class, () -> Classifiers.fromJson(Map.of("name", "boost"), dir));
        assertThrows(UserInputException.class, () -> Classifiers.fromJson(Map.of(), dir));
        assertEquals("svm-rbf", Classifiers.create(" SVM-RBF ", null, 0).name());
    }

    @Test
    void registrationAddsAClassifier() throws IOException {
        Classifiers.register("test-constant", (params, seed) -> new Constant(), (json, d) -> new Constant(),
                List.of(Map.of()));
        assertTrue(Classifiers.names().contains("test-constant"));
        Classifier c = Classifiers.create("test-constant", Map.of(), 0);
        assertEquals(0.5, Classifiers.fromJson(c.toJson(dir), dir).predictProba(new double[][] {{1}})[0], 0.0);
    }

    /** A stand-in for a classifier registered by another part of the program. */
    private static final class Constant implements Classifier {
        @Override
        public String name() {
            return "test-constant";
        }

        @Override
        public Map<String, Object> params() {
            return Map.of();
        }

        @Override
        public void fit(double[][] x, int[] y) {
        }

        @Override
        public double[] predictProba(double[][] x) {
            double[] p = new double[x.length];
            Arrays.fill(p, 0.5);
            return p;
        }

        @Override
        public Map<String, Object> toJson(Path d) {
            return Map.of("name", name());
        }
    }

    @Test
    void everyClassifierIsDeterministicAndRoundTripsThroughTheRegistry() throws IOException {
        Random r = new Random(61);
        int n = 120;
        double[][] x = new double[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = x[i][0] - x[i][1] + r.nextGaussian() > 0 ? 1 : 0;
        }
        for (String name : OURS) {
            Classifier a = Classifiers.create(name, Map.of(), 99);
            a.fit(x, y);
            Classifier b = Classifiers.create(name, Map.of(), 99);
            b.fit(x, y);
            assertArrayEquals(a.predictProba(x), b.predictProba(x), 0.0, name);
            String text = Json.write(a.toJson(dir));
            Classifier back = Classifiers.fromJson(Json.parseObject(text), dir);
            assertEquals(name, back.name());
            assertEquals(Json.write(a.params()), Json.write(back.params()), name + " params");
            assertArrayEquals(a.predictProba(x), back.predictProba(x), 0.0, name);
            // the saved params recreate the classifier (seed included)
            @SuppressWarnings("unchecked")
            Map<String, Object> params = new LinkedHashMap<>((Map<String, Object>) Json.parseObject(text).get("params"));
            Classifier again = Classifiers.create(name, params, 0);
            again.fit(x, y);
            assertArrayEquals(a.predictProba(x), again.predictProba(x), 0.0, name + " from saved params");
        }
    }
}
