package io.github.dlradiomics.model.classifiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnTest {
    @TempDir
    Path dir;

    /** P(y = 1) from all training rows sorted by (distance, row), written here independently. */
    private static double bruteForce(double[][] x, int[] y, double[] q, int k, boolean distance) {
        List<double[]> d = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int j = 0; j < q.length; j++) {
                s += (q[j] - x[i][j]) * (q[j] - x[i][j]);
            }
            d.add(new double[] {Math.sqrt(s), i});
        }
        d.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
        List<double[]> top = d.subList(0, k);
        boolean exact = top.stream().anyMatch(a -> a[0] == 0);
        double pos = 0;
        double all = 0;
        for (double[] a : top) {
            double w = !distance ? 1 : exact ? (a[0] == 0 ? 1 : 0) : 1 / a[0];
            all += w;
            pos += w * y[(int) a[1]];
        }
        return pos / all;
    }

    @Test
    void agreesWithBruteForce() {
        ClassifierTesting.Data train = ClassifierTesting.synthetic(120, 4, 1.0, 41);
        ClassifierTesting.Data test = ClassifierTesting.synthetic(60, 4, 1.0, 42);
        for (int k : new int[] {1, 3, 5, 8}) {
            for (String w : List.of("uniform", "distance")) {
                Knn knn = Knn.create(Map.of("k", k, "weights", w), 0);
                knn.fit(train.x(), train.y());
                double[] p = knn.predictProba(test.x());
                for (int i = 0; i < p.length; i++) {
                    assertEquals(bruteForce(train.x(), train.y(), test.x()[i], k, w.equals("distance")), p[i], 1e-15,
                            "k " + k + " " + w + " case " + i);
                }
            }
        }
    }

    @Test
    void tiesGoToTheEarlierTrainingRowAndExactMatchesVoteAlone() {
        // query 0 is at distance 1 from rows 0 (y=0), 1 (y=1), 2 (y=1) and 2 from row 3
        double[][] x = {{1, 0}, {-1, 0}, {0, 1}, {2, 0}};
        int[] y = {0, 1, 1, 0};
        Knn k1 = Knn.create(Map.of("k", 1), 0);
        k1.fit(x, y);
        assertEquals(0, k1.predictProba(new double[][] {{0, 0}})[0], 0.0); // row 0
        Knn k2 = Knn.create(Map.of("k", 2), 0);
        k2.fit(x, new int[] {0, 0, 1, 1});
        assertEquals(0, k2.predictProba(new double[][] {{0, 0}})[0], 0.0); // rows 0 and 1, not 2
        Knn d = Knn.create(Map.of("k", 3, "weights", "distance"), 0);
        d.fit(x, y);
        // a query on row 3 itself: only the coinciding case votes
        assertEquals(0, d.predictProba(new double[][] {{2, 0}})[0], 0.0);
        // from (1, 1): rows 0 and 2 at distance 1, row 3 at sqrt(2), row 1 at sqrt(5); only row 2 is positive
        double[] p = d.predictProba(new double[][] {{1, 1}});
        assertEquals(1 / (1 + 1 + 1 / Math.sqrt(2)), p[0], 1e-15);
    }

    @Test
    void learnsIsDeterministicAndRoundTrips() throws IOException {
        ClassifierTesting.Data train = ClassifierTesting.synthetic(200, 5, 1.0, 43);
        ClassifierTesting.Data test = ClassifierTesting.synthetic(300, 5, 1.0, 44);
        Knn a = Knn.create(Map.of(), 1);
        a.fit(train.x(), train.y());
        Knn b = Knn.create(Map.of(), 1);
        b.fit(train.x(), train.y());
        assertArrayEquals(a.predictProba(test.x()), b.predictProba(test.x()), 0.0);
        assertTrue(ClassifierTesting.auc(a.predictProba(test.x()), test.y()) > 0.9);
        ClassifierTesting.assertRoundTrip(a, test.x(), dir);
        assertEquals(Map.of("k", 5, "weights", "uniform", "seed", 1L), a.params());
    }

    @Test
    void kLargerThanTheTrainingSetIsRefused() {
        Knn k = Knn.create(Map.of("k", 9), 0);
        UserInputException e = assertThrows(UserInputException.class,
                () -> k.fit(new double[][] {{0}, {1}, {2}}, new int[] {0, 1, 1}));
        assertTrue(e.getMessage().contains("k = 9 exceeds the number of training cases (3)"), e.getMessage());
        assertTrue(assertThrows(UserInputException.class, () -> Knn.create(Map.of("weights", "gaussian"), 0))
                .getMessage().contains("weights must be one of uniform, distance"));
        assertTrue(assertThrows(UserInputException.class, () -> Knn.create(Map.of("k", 2.5), 0))
                .getMessage().contains("k must be an integer >= 1"));
    }
}
