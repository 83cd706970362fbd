package io.github.dlradiomics.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcaTest {
    private static double[][] random(int n, int p, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();
            for (int j = 0; j < p; j++) {
                // unequal column scales and a shared factor: well separated eigenvalues
                x[i][j] = (j + 1) * r.nextGaussian() + 0.7 * (j % 3) * common + 10 * j;
            }
        }
        return x;
    }

    private static List<String> names(int p) {
        List<String> l = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            l.add("f" + j);
        }
        return l;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Covariance (n - 1) computed here, independently of Pca. */
    private static double[][] covariance(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[] m = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                m[j] += row[j] / n;
            }
        }
        double[][] c = new double[p][p];
        for (double[] row : x) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    c[a][b] += (row[a] - m[a]) * (row[b] - m[b]) / (n - 1);
                }
            }
        }
        return c;
    }

    @Test
    void matchesPowerIterationWithDeflation() {
        double[][] x = random(30, 5, 1);
        double[][] c = covariance(x);
        Pca pca = Pca.fit(names(5), x, Pca.Components.count(5), false);
        assertEquals(5, pca.componentCount());
        double[][] comp = pca.components();
        double[] ev = pca.explainedVariance();
        double trace = 0;
        for (int j = 0; j < 5; j++) {
            trace += c[j][j];
        }
        for (int k = 0; k < 5; k++) {
            double[] v = {1, 0.9, 0.8, 0.7, 0.6};
            double lambda = 0;
            for (int it = 0; it < 200000; it++) {
                double[] w = new double[5];
                for (int a = 0; a < 5; a++) {
                    w[a] = dot(c[a], v);
                }
                double norm = Math.sqrt(dot(w, w));
                double change = 0;
                for (int a = 0; a < 5; a++) {
                    w[a] /= norm;
                    change = Math.max(change, Math.abs(w[a] - v[a]));
                }
                v = w;
                if (change < 1e-15) {
                    break;
                }
            }
            double[] cv = new double[5];
            for (int a = 0; a < 5; a++) {
                cv[a] = dot(c[a], v);
            }
            lambda = dot(v, cv);
            assertEquals(lambda, ev[k], 1e-9 * lambda, "eigenvalue " + k);
            assertEquals(1, Math.abs(dot(v, comp[k])), 1e-9, "component " + k + " up to sign");
            assertEquals(lambda / trace, pca.explainedVarianceRatio()[k], 1e-9);
            for (int a = 0; a < 5; a++) {
                for (int b = 0; b < 5; b++) {
                    c[a][b] -= lambda * v[a] * v[b];
                }
            }
            // sign rule: the largest-magnitude loading is positive
            int arg = 0;
            for (int j = 1; j < 5; j++) {
                if (Math.abs(comp[k][j]) > Math.abs(comp[k][arg])) {
                    arg = j;
                }
            }
            assertTrue(comp[k][arg] > 0);
        }
        assertEquals(1, java.util.Arrays.stream(pca.explainedVarianceRatio()).sum(), 1e-12);
        assertEquals(List.of("PC1", "PC2", "PC3", "PC4", "PC5"), pca.columnNames());
    }

    @Test
    void gramPathEqualsCovariancePath() {
        double[][] x = random(10, 50, 2);
        for (boolean scale : new boolean[] {false, true}) {
            Pca g = Pca.fit(names(50), x, Pca.Components.count(100), scale, Pca.Solver.GRAM);
            Pca c = Pca.fit(names(50), x, Pca.Components.count(100), scale, Pca.Solver.COVARIANCE);
            Pca auto = Pca.fit(names(50), x, Pca.Components.count(100), scale);
            assertEquals(9, g.componentCount(), "capped at n - 1");
            assertEquals(9, c.componentCount());
            for (int k = 0; k < 9; k++) {
                assertArrayEquals(c.components()[k], g.components()[k], 1e-9, "component " + k);
                assertEquals(c.explainedVariance()[k], g.explainedVariance()[k], 1e-9 * c.explainedVariance()[0]);
                assertArrayEquals(g.components()[k], auto.components()[k], 0);
            }
            double[][] y = random(4, 50, 3);
            double[][] zg = g.transform(y);
            double[][] zc = c.transform(y);
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(zc[i], zg[i], 1e-8);
            }
        }
    }

    @Test
    void trainingScoresAreCentredWithExplainedVariance() {
        double[][] x = random(30, 5, 4);
        for (boolean scale : new boolean[] {false, true}) {
            Pca pca = Pca.fit(names(5), x, Pca.Components.count(3), scale);
            double[][] z = pca.transform(x);
            for (int k = 0; k < 3; k++) {
                double m = 0;
                for (double[] row : z) {
                    m += row[k] / z.length;
                }
                assertEquals(0, m, 1e-10);
                for (int l = 0; l < 3; l++) {
                    double s = 0;
                    for (double[] row : z) {
                        s += row[k] * row[l] / (z.length - 1);
                    }
                    assertEquals(k == l ? pca.explainedVariance()[k] : 0, s, 1e-9 * pca.explainedVariance()[0]);
                }
            }
            if (scale) {
                double trace = 5; // unit variance per column
                assertEquals(pca.explainedVariance()[0] / trace, pca.explainedVarianceRatio()[0], 1e-12);
            } else {
                assertNull(pca.scale());
            }
        }
    }

    @Test
    void allComponentsReconstructTheData() {
        double[][] x = random(30, 5, 5);
        for (boolean scale : new boolean[] {false, true}) {
            Pca pca = Pca.fit(names(5), x, Pca.Components.count(5), scale);
            double[][] back = pca.inverseTransform(pca.transform(x));
            for (int i = 0; i < x.length; i++) {
                assertArrayEquals(x[i], back[i], 1e-9);
            }
        }
        // fewer components do not reconstruct
        Pca two = Pca.fit(names(5), x, Pca.Components.count(2), false);
        double[][] back = two.inverseTransform(two.transform(x));
        double err = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 5; j++) {
                err = Math.max(err, Math.abs(back[i][j] - x[i][j]));
            }
        }
        assertTrue(err > 0.1, "two components lose information: " + err);
    }

    @Test
    void jsonRoundTripGivesIdenticalTransforms(@TempDir Path dir) throws Exception {
        double[][] x = random(12, 30, 6);
        double[][] y = random(5, 30, 7);
        for (boolean scale : new boolean[] {false, true}) {
            Pca pca = Pca.fit(names(30), x, Pca.Components.fraction(0.9), scale);
            Pca back = Pca.fromJson(Json.parseObject(Json.write(pca.toJson())));
            assertEquals(pca.featureNames(), back.featureNames());
            assertArrayEquals(pca.explainedVarianceRatio(), back.explainedVarianceRatio(), 0);
            double[][] a = pca.transform(y);
            double[][] b = back.transform(y);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0);
            }
            Path f = dir.resolve("pca" + scale + ".json");
            pca.write(f);
            double[][] c = Pca.read(f).transform(names(30), y);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], c[i], 0);
            }
            assertEquals("dlradiomics-pca/1", Json.parseObject(java.nio.file.Files.readString(f)).get("format"));
        }
        Map<String, Object> bad = new java.util.LinkedHashMap<>(Pca.fit(names(30), x, Pca.Components.count(2), false).toJson());
        bad.put("format", "something/2");
        UserInputException e = assertThrows(UserInputException.class, () -> Pca.fromJson(bad));
        assertTrue(e.getMessage().contains("something/2"), e.getMessage());
    }

    @Test
    void fractionPicksTheSmallestSufficientCount() {
        double[][] x = random(40, 8, 8);
        double[] ratio = Pca.fit(names(8), x, Pca.Components.count(8), false).explainedVarianceRatio();
        double[] cum = new double[8];
        for (int k = 0; k < 8; k++) {
            cum[k] = ratio[k] + (k > 0 ? cum[k - 1] : 0);
        }
        for (int k = 1; k <= 7; k++) {
            // just above the cumulative ratio of k - 1 components needs k; exactly that of k is met by k
            double above = (k > 1 ? cum[k - 2] : 0) + 1e-6;
            assertEquals(k, Pca.fit(names(8), x, Pca.Components.fraction(above), false).componentCount(), "fraction " + above);
            assertEquals(k, Pca.fit(names(8), x, Pca.Components.fraction(cum[k - 1]), false).componentCount());
        }
        assertEquals(8, Pca.fit(names(8), x, Pca.Components.fraction(1.0), false).componentCount());
        assertEquals(Pca.Components.count(5), Pca.Components.parse("5"));
        assertEquals(Pca.Components.fraction(0.95), Pca.Components.parse("0.95"));
        assertThrows(UserInputException.class, () -> Pca.Components.parse("1.5"));
        assertThrows(UserInputException.class, () -> Pca.Components.parse("five"));
    }

    @Test
    void featureNamesAreChecked() {
        double[][] x = random(20, 4, 9);
        Pca pca = Pca.fit(List.of("a", "b", "c", "d"), x, Pca.Components.count(2), false);
        double[][] y = random(3, 4, 10);
        double[][] ref = pca.transform(y);
        // same features in another order: reordered, same scores
        double[][] swapped = new double[3][];
        for (int i = 0; i < 3; i++) {
            swapped[i] = new double[] {y[i][3], y[i][2], y[i][1], y[i][0]};
        }
        double[][] z = pca.transform(List.of("d", "c", "b", "a"), swapped);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(ref[i], z[i], 1e-12);
        }
        UserInputException e = assertThrows(UserInputException.class,
                () -> pca.transform(List.of("a", "b", "c", "e"), y));
        assertTrue(e.getMessage().contains("'d'") && e.getMessage().contains("'e'"), e.getMessage());
        assertThrows(UserInputException.class, () -> pca.transform(List.of("a", "b", "c"), y));
    }

    @Test
    void badInputsAreRefusedByName() {
        double[][] x = random(10, 3, 11);
        UserInputException e = assertThrows(UserInputException.class,
                () -> Pca.fit(names(3), new double[][] {x[0]}, Pca.Components.count(1), false));
        assertTrue(e.getMessage().contains("at least 2 cases"), e.getMessage());
        double[][] nan = random(10, 3, 11);
        nan[4][1] = Double.NaN;
        e = assertThrows(UserInputException.class, () -> Pca.fit(names(3), nan, Pca.Components.count(1), false));
        assertTrue(e.getMessage().contains("'f1'") && e.getMessage().contains("row 5"), e.getMessage());
        double[][] constant = random(10, 3, 12);
        for (double[] row : constant) {
            row[2] = 4.5;
        }
        Pca ok = Pca.fit(names(3), constant, Pca.Components.count(3), false);
        assertEquals(2, ok.componentCount(), "rank 2: the constant column adds no component");
        for (double[] comp : ok.components()) {
            assertEquals(0, comp[2], 1e-12);
        }
        e = assertThrows(UserInputException.class, () -> Pca.fit(names(3), constant, Pca.Components.count(1), true));
        assertTrue(e.getMessage().contains("'f2'") && e.getMessage().contains("constant"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> ok.transform(new double[][] {{1, Double.NaN, 3}}));
        assertTrue(e.getMessage().contains("'f1'"), e.getMessage());
    }
}
