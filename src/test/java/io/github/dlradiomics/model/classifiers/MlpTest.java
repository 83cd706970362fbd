package io.github.dlradiomics.model.classifiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpTest {
    @TempDir
    Path dir;

    @Test
    void backpropagationMatchesFiniteDifferences() {
        ClassifierTesting.Data d = ClassifierTesting.synthetic(30, 3, 1.0, 51);
        Mlp mlp = Mlp.create(Map.of("hidden", List.of(5, 4), "alpha", 0.3), 0);
        int[] units = {3, 5, 4, 1};
        Random r = new Random(3);
        double[][][] w = new double[3][][];
        double[][] b = new double[3][];
        double[][][] gw = new double[3][][];
        double[][] gb = new double[3][];
        for (int l = 0; l < 3; l++) {
            w[l] = new double[units[l]][units[l + 1]];
            gw[l] = new double[units[l]][units[l + 1]];
            for (double[] row : w[l]) {
                for (int o = 0; o < row.length; o++) {
                    row[o] = r.nextGaussian();
                }
            }
            b[l] = new double[units[l + 1]];
            gb[l] = new double[units[l + 1]];
            for (int o = 0; o < b[l].length; o++) {
                b[l][o] = 0.3 + 0.5 * r.nextGaussian();
            }
        }
        int[] order = new int[30];
        for (int i = 0; i < 30; i++) {
            order[i] = 29 - i;
        }
        double loss = mlp.backprop(d.x(), d.y(), order, 3, 27, w, b, gw, gb);
        // the loss itself, from the definition: mean log-loss + alpha/2 ||W||^2 / batch
        assertEquals(loss, directLoss(d, order, 3, 27, w, b, 0.3), 1e-12);
        double h = 1e-6;
        double[][][] dw = new double[3][][];
        double[][] db = new double[3][];
        for (int l = 0; l < 3; l++) {
            dw[l] = new double[units[l]][units[l + 1]];
            db[l] = new double[units[l + 1]];
        }
        for (int l = 0; l < 3; l++) {
            for (int a = 0; a < units[l]; a++) {
                for (int o = 0; o < units[l + 1]; o++) {
                    double keep = w[l][a][o];
                    w[l][a][o] = keep + h;
                    double up = mlp.backprop(d.x(), d.y(), order, 3, 27, w, b, dw, db);
                    w[l][a][o] = keep - h;
                    double down = mlp.backprop(d.x(), d.y(), order, 3, 27, w, b, dw, db);
                    w[l][a][o] = keep;
                    assertEquals((up - down) / (2 * h), gw[l][a][o], 1e-6, "weight " + l + "," + a + "," + o);
                }
            }
            for (int o = 0; o < units[l + 1]; o++) {
                double keep = b[l][o];
                b[l][o] = keep + h;
                double up = mlp.backprop(d.x(), d.y(), order, 3, 27, w, b, dw, db);
                b[l][o] = keep - h;
                double down = mlp.backprop(d.x(), d.y(), order, 3, 27, w, b, dw, db);
                b[l][o] = keep;
                assertEquals((up - down) / (2 * h), gb[l][o], 1e-6, "bias " + l + "," + o);
            }
        }
    }

    private static double directLoss(ClassifierTesting.Data d, int[] order, int start, int end, double[][][] w,
            double[][] b, double alpha) {
        double loss = 0;
        for (int r = start; r < end; r++) {
            double[] a = d.x()[order[r]];
            for (int l = 0; l < w.length; l++) {
                double[] z = b[l].clone();
                for (int i = 0; i < a.length; i++) {
                    for (int o = 0; o < z.length; o++) {
                        z[o] += a[i] * w[l][i][o];
                    }
                }
                for (int o = 0; o < z.length; o++) {
                    z[o] = l < w.length - 1 ? Math.max(0, z[o]) : 1 / (1 + Math.exp(-z[o]));
                }
                a = z;
            }
            loss -= d.y()[order[r]] == 1 ? Math.log(a[0]) : Math.log(1 - a[0]);
        }
        int m = end - start;
        double sq = 0;
        for (double[][] wl : w) {
            for (double[] row : wl) {
                for (double v : row) {
                    sq += v * v;
                }
            }
        }
        return loss / m + 0.5 * alpha * sq / m;
    }

    @Test
    void lossDecreasesAndTrainingStopsAsScikitLearnDoes() {
        ClassifierTesting.Data d = ClassifierTesting.synthetic(300, 5, 1.0, 52);
        Mlp mlp = Mlp.create(Map.of("hidden", List.of(16)), 4);
        mlp.fit(d.x(), d.y());
        double[] curve = mlp.lossCurve();
        assertTrue(curve.length >= 12 && curve.length <= 200);
        assertTrue(curve[curve.length - 1] < 0.5 * curve[0], curve[0] + " -> " + curve[curve.length - 1]);
        // with a huge tol no epoch improves: the first sets the best loss, then training stops when the
        // count of epochs without improvement exceeds n_iter_no_change (scikit-learn's ">"): 1 + 4 epochs
        Mlp early = Mlp.create(Map.of("hidden", List.of(16), "tol", 10.0, "n_iter_no_change", 3), 4);
        early.fit(d.x(), d.y());
        assertEquals(5, early.lossCurve().length);
        Mlp capped = Mlp.create(Map.of("hidden", List.of(16), "max_iter", 7), 4);
        capped.fit(d.x(), d.y());
        assertArrayEquals(Arrays.copyOf(curve, 7), capped.lossCurve(), 0.0);
    }

    @Test
    void initialisationFollowsGlorotUniformWithFactorSix() throws IOException {
        ClassifierTesting.Data d = ClassifierTesting.synthetic(50, 6, 1.0, 53);
        // one epoch with a tiny learning rate leaves the weights where they started (to 1e-6)
        Mlp mlp = Mlp.create(Map.of("hidden", List.of(40, 10), "max_iter", 1, "learning_rate", 1e-12), 5);
        mlp.fit(d.x(), d.y());
        Map<String, Object> json = mlp.toJson(dir);
        List<double[][]> coefs = JsonState.matrices(json, "coefs");
        int[] units = {6, 40, 10, 1};
        for (int l = 0; l < 3; l++) {
            double bound = Math.sqrt(6.0 / (units[l] + units[l + 1]));
            double max = 0;
            for (double[] row : coefs.get(l)) {
                for (double v : row) {
                    max = Math.max(max, Math.abs(v));
                }
            }
            assertTrue(max <= bound + 1e-6, "layer " + l);
            assertTrue(max > 0.8 * bound || units[l] * units[l + 1] < 20, "layer " + l + " fills its range");
        }
    }

    @Test
    void learnsIsDeterministicAndRoundTrips() throws IOException {
        ClassifierTesting.Data train = ClassifierTesting.synthetic(200, 5, 1.0, 54);
        ClassifierTesting.Data test = ClassifierTesting.synthetic(300, 5, 1.0, 55);
        Mlp a = Mlp.create(Map.of("hidden", List.of(32)), 6);
        a.fit(train.x(), train.y());
        Mlp b = Mlp.create(Map.of("hidden", "32"), 6);
        b.fit(train.x(), train.y());
        assertArrayEquals(a.predictProba(test.x()), b.predictProba(test.x()), 0.0);
        Mlp other = Mlp.create(Map.of("hidden", List.of(32)), 7);
        other.fit(train.x(), train.y());
        assertTrue(a.predictProba(test.x())[0] != other.predictProba(test.x())[0], "the seed matters");
        assertTrue(ClassifierTesting.auc(a.predictProba(test.x()), test.y()) > 0.9);
        ClassifierTesting.assertRoundTrip(a, test.x(), dir);
        Mlp two = Mlp.create(Map.of("hidden", List.of(16, 8), "alpha", 1e-2, "batch_size", 50), 6);
        two.fit(train.x(), train.y());
        assertTrue(ClassifierTesting.auc(two.predictProba(test.x()), test.y()) > 0.9);
        ClassifierTesting.assertRoundTrip(two, test.x(), dir);
    }

    @Test
    void parametersAreChecked() {
        assertTrue(assertThrows(UserInputException.class, () -> Mlp.create(Map.of("hidden", List.of(0)), 0))
                .getMessage().contains("hidden must be an integer >= 1"));
        assertTrue(assertThrows(UserInputException.class, () -> Mlp.create(Map.of("layers", 2), 0))
                .getMessage().contains("unknown parameter 'layers'"));
        assertEquals(List.of(64, 32), Mlp.create(Map.of("hidden", "(64, 32)"), 0).params().get("hidden"));
        assertEquals("auto", Mlp.create(Map.of(), 0).params().get("batch_size"));
    }
}
