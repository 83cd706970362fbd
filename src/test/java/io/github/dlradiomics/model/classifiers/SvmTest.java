package io.github.dlradiomics.model.classifiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvmTest {
    @TempDir
    Path dir;

    /** Nelder-Mead on (A, B), restarted until it no longer moves. */
    private static double[] minimise(ToDoubleFunction<double[]> f, double[] start) {
        double[] best = start.clone();
        for (int restart = 0; restart < 10; restart++) {
            double[][] s = {best.clone(), {best[0] + 0.5, best[1]}, {best[0], best[1] + 0.5}};
            double[] v = new double[3];
            for (int i = 0; i < 3; i++) {
                v[i] = f.applyAsDouble(s[i]);
            }
            for (int it = 0; it < 5000; it++) {
                Integer[] o = {0, 1, 2};
                final double[] vv = v;
                Arrays.sort(o, (a, b) -> Double.compare(vv[a], vv[b]));
                double[] lo = s[o[0]];
                double[] mid = s[o[1]];
                double[] hi = s[o[2]];
                double[] c = {(lo[0] + mid[0]) / 2, (lo[1] + mid[1]) / 2};
                double[] r = {2 * c[0] - hi[0], 2 * c[1] - hi[1]};
                double fr = f.applyAsDouble(r);
                if (fr < v[o[0]]) {
                    double[] e = {3 * c[0] - 2 * hi[0], 3 * c[1] - 2 * hi[1]};
                    double fe = f.applyAsDouble(e);
                    s[o[2]] = fe < fr ? e : r;
                    v[o[2]] = Math.min(fe, fr);
                } else if (fr < v[o[1]]) {
                    s[o[2]] = r;
                    v[o[2]] = fr;
                } else {
                    double[] k = {(c[0] + hi[0]) / 2, (c[1] + hi[1]) / 2};
                    double fk = f.applyAsDouble(k);
                    if (fk < v[o[2]]) {
                        s[o[2]] = k;
                        v[o[2]] = fk;
                    } else {
                        for (int i = 1; i < 3; i++) {
                            s[o[i]] = new double[] {(lo[0] + s[o[i]][0]) / 2, (lo[1] + s[o[i]][1]) / 2};
                            v[o[i]] = f.applyAsDouble(s[o[i]]);
                        }
                    }
                }
            }
            int b = v[0] <= v[1] && v[0] <= v[2] ? 0 : v[1] <= v[2] ? 1 : 2;
            if (Math.abs(s[b][0] - best[0]) + Math.abs(s[b][1] - best[1]) < 1e-13) {
                break;
            }
            best = s[b];
        }
        return best;
    }

    /** Platt's loss with the smoothed targets, written here from the definition. */
    private static double plattLoss(double[] f, int[] y, double a, double b) {
        double np = Arrays.stream(y).sum();
        double nn = y.length - np;
        double loss = 0;
        for (int i = 0; i < f.length; i++) {
            double t = y[i] == 1 ? (np + 1) / (np + 2) : 1 / (nn + 2);
            double p = 1 / (1 + Math.exp(a * f[i] + b));
            loss -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
        }
        return loss;
    }

    @Test
    void plattMatchesADirectMinimisation() {
        double[][] fs = {{-2.1, -1.3, -0.4, 0.2, -0.7, 0.9, 1.4, 0.3, 2.2, -0.1}, {-2, -1, 1, 2}};
        int[][] ys = {{0, 0, 0, 0, 1, 1, 1, 1, 1, 0}, {0, 0, 1, 1}};
        for (int k = 0; k < fs.length; k++) {
            double[] f = fs[k];
            int[] y = ys[k];
            PlattScaling s = PlattScaling.fit(f, y);
            double[] ab = minimise(v -> plattLoss(f, y, v[0], v[1]), new double[] {0, 0});
            assertEquals(ab[0], s.a(), 1e-4 * Math.max(1, Math.abs(ab[0])), "A, example " + k);
            assertEquals(ab[1], s.b(), 1e-4 * Math.max(1, Math.abs(ab[1])), "B, example " + k);
            assertTrue(s.a() < 0);
            assertEquals(plattLoss(f, y, s.a(), s.b()), PlattScaling.loss(f, y, s.a(), s.b()), 1e-12);
            for (double v : f) {
                assertEquals(1 / (1 + Math.exp(s.a() * v + s.b())), s.probability(v), 1e-15);
            }
        }
        // separable scores: the smoothed targets keep the sigmoid finite (raw targets would send A to -inf);
        // at the optimum the mean predicted probability equals the mean target
        PlattScaling sep = PlattScaling.fit(fs[1], ys[1]);
        double mean = 0;
        for (double v : fs[1]) {
            mean += sep.probability(v) / 4;
        }
        assertEquals((3.0 / 4 * 2 + 1.0 / 4 * 2) / 4, mean, 1e-5);
    }

    /**
     * aSAH (age, wfns, s100b, ndka; outcome 1 = Poor) z-scored with the population SD, the first Poor case
     * moved to the front so that libsvm's internal +1 class is outcome 1 as here.
     */
    private static ClassifierTesting.Data asahForLibsvm() throws IOException {
        List<Map<String, String>> rows = Csv.read(TestData.shared("reference/stats/aSAH_glm_fitted.csv"));
        String[] cols = {"age", "wfns", "s100b", "ndka"};
        int n = rows.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        int first = 0;
        while (!rows.get(first).get("outcome").equals("1")) {
            first++;
        }
        order.remove(first);
        order.add(0, first);
        double[][] raw = new double[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            Map<String, String> r = rows.get(order.get(i));
            for (int j = 0; j < 4; j++) {
                raw[i][j] = Double.parseDouble(r.get(cols[j]));
            }
            y[i] = Integer.parseInt(r.get("outcome"));
        }
        // z-scores computed exactly like this when the reference was made: the SMO path depends on every bit
        double[] m = new double[4];
        double[] sd = new double[4];
        for (double[] r : raw) {
            for (int j = 0; j < 4; j++) {
                m[j] += r[j] / n;
            }
        }
        for (double[] r : raw) {
            for (int j = 0; j < 4; j++) {
                sd[j] += (r[j] - m[j]) * (r[j] - m[j]) / n;
            }
        }
        double[][] z = new double[n][4];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                z[i][j] = (raw[i][j] - m[j]) / Math.sqrt(sd[j]);
            }
        }
        return new ClassifierTesting.Data(z, y);
    }

    /**
     * Reference numbers from libsvm 3.37's own svm.cpp (cjlin1/libsvm), compiled with kernel values in
     * double precision (Qfloat = double) and shrinking off, eps 1e-3, on {@link #asahForLibsvm}: ρ, the
     * number of support vectors, the first five decision values, and sigmoid_train's A and B on the
     * in-sample decision values. Same algorithm, same arithmetic: agreement to rounding. (With libsvm's
     * float kernel cache and shrinking the solution moves within the tolerance eps, by up to about 1e-4
     * here; so does a one-ulp change of the input, which can change a working-set choice.)
     */
    @Test
    void matchesLibsvm() throws IOException {
        ClassifierTesting.Data d = asahForLibsvm();
        Object[][] cases = {
            {"svm-linear", Map.<String, Object>of("C", 1.0), 0.44724441445559188, 59,
                new double[] {-0.42210890253899058, -1.8106317993139103, -1.7517933816764375, -1.7513139850962232,
                    -1.9011755471230363}, -1.334095671618003, 0.044598034061353542},
            {"svm-rbf", Map.<String, Object>of("C", 1.0, "gamma", 0.25), -0.25078355950239167, 67,
                new double[] {-0.37219574393248928, -1.2306818226519198, -1.2672823984588535, -1.2165724494869508,
                    -1.1318496179866104}, -1.6522268997470186, 0.065970856686087195},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Svm svm = Svm.create((String) c[0], (Map<String, Object>) c[1], 0);
            svm.fit(d.x(), d.y());
            assertEquals((double) c[2], -svm.intercept(), 1e-12, c[0] + " rho");
            assertEquals((int) c[3], svm.supportVectorCount(), c[0] + " nSV");
            double[] f = svm.decisionFunction(d.x());
            assertArrayEquals((double[]) c[4], Arrays.copyOf(f, 5), 1e-12, c[0] + " decision values");
            PlattScaling s = PlattScaling.fit(f, d.y());
            assertEquals((double) c[5], s.a(), 1e-10, c[0] + " A");
            assertEquals((double) c[6], s.b(), 1e-10, c[0] + " B");
        }
    }

    @Test
    void hardMarginOnATinyProblemGivesTheTextbookHyperplane() {
        double[][] x = {{0, 0}, {2, 0}, {4, 1}, {-1, 3}};
        int[] y = {0, 1, 1, 0};
        Svm svm = Svm.create("svm-linear", Map.of("C", 1e6, "tol", 1e-9), 0);
        svm.fit(x, y);
        // maximum margin between (0,0) and (2,0): w = (1, 0), b = -1
        assertArrayEquals(new double[] {1, 0}, svm.linearWeights(), 1e-7);
        assertEquals(-1, svm.intercept(), 1e-7);
        assertEquals(2, svm.supportVectorCount());
        assertArrayEquals(new double[] {-1, 1, 3, -2}, svm.decisionFunction(x), 1e-7);
    }

    @Test
    void solutionSatisfiesTheKktConditions() throws IOException {
        ClassifierTesting.Data d = ClassifierTesting.synthetic(120, 4, 2.0, 21);
        double c = 0.7;
        for (String name : List.of("svm-linear", "svm-rbf")) {
            Svm svm = Svm.create(name, Map.of("C", c, "tol", 1e-7), 3);
            svm.fit(d.x(), d.y());
            Map<String, Object> json = svm.toJson(dir);
            double[][] sv = JsonState.matrix(json, "support_vectors");
            double[] coef = JsonState.vector(json, "dual_coef");
            double sum = 0;
            for (double v : coef) {
                sum += v;
            }
            assertEquals(0, sum, 1e-9, name + ": sum of y alpha");
            double[] f = svm.decisionFunction(d.x());
            int bounded = 0;
            for (int i = 0; i < d.y().length; i++) {
                double alpha = 0;
                for (int s = 0; s < sv.length; s++) {
                    if (Arrays.equals(sv[s], d.x()[i])) {
                        alpha = Math.abs(coef[s]);
                        assertEquals(d.y()[i] == 1, coef[s] > 0, name + ": sign of the dual coefficient");
                    }
                }
                assertTrue(alpha >= 0 && alpha <= c + 1e-12);
                double margin = (d.y()[i] == 1 ? 1 : -1) * f[i];
                if (alpha == 0) {
                    assertTrue(margin >= 1 - 1e-5, name + " case " + i + ": margin " + margin);
                } else if (alpha < c) {
                    assertEquals(1, margin, 1e-5, name + " case " + i);
                } else {
                    bounded++;
                    assertTrue(margin <= 1 + 1e-5, name + " case " + i + ": margin " + margin);
                }
            }
            assertTrue(bounded > 0, "noisy labels leave some cases inside the margin");
        }
    }

    @Test
    void linearWeightsReproduceTheDecisionFunction() {
        ClassifierTesting.Data d = ClassifierTesting.synthetic(100, 5, 1.0, 4);
        Svm svm = Svm.create("svm-linear", Map.of("C", 0.1), 1);
        svm.fit(d.x(), d.y());
        double[] w = svm.linearWeights();
        double[] f = svm.decisionFunction(d.x());
        for (int i = 0; i < f.length; i++) {
            double v = svm.intercept();
            for (int j = 0; j < w.length; j++) {
                v += w[j] * d.x()[i][j];
            }
            assertEquals(v, f[i], 1e-12);
        }
        // the informative features (0, 1, 2) carry the largest weights
        assertTrue(Math.abs(w[0]) > Math.abs(w[3]) && Math.abs(w[1]) > Math.abs(w[4]));
        assertTrue(w[0] > 0 && w[1] < 0);
        Svm rbf = Svm.create("svm-rbf", Map.of(), 1);
        rbf.fit(d.x(), d.y());
        assertThrows(IllegalStateException.class, rbf::linearWeights);
    }

    @Test
    void gammaScaleAndProbabilities() {
        ClassifierTesting.Data d = ClassifierTesting.synthetic(80, 3, 1.0, 5);
        double[][] x = new double[80][];
        for (int i = 0; i < 80; i++) {
            x[i] = new double[] {d.x()[i][0] * 3 + 1, d.x()[i][1], d.x()[i][2] - 2};
        }
        double sum = 0;
        for (double[] r : x) {
            for (double v : r) {
                sum += v;
            }
        }
        double mean = sum / 240;
        double ss = 0;
        for (double[] r : x) {
            for (double v : r) {
                ss += (v - mean) * (v - mean);
            }
        }
        Svm svm = Svm.create("svm-rbf", Map.of("C", 2), 9);
        svm.fit(x, d.y());
        assertEquals(1 / (3 * ss / 240), svm.gamma(), 1e-12);
        Svm auto = Svm.create("svm-rbf", Map.of("gamma", "auto"), 9);
        auto.fit(x, d.y());
        assertEquals(1.0 / 3, auto.gamma(), 0.0);
        double[] f = svm.decisionFunction(x);
        double[] p = svm.predictProba(x);
        PlattScaling s = svm.platt();
        assertTrue(s.a() < 0);
        for (int i = 0; i < p.length; i++) {
            assertEquals(Math.min(Math.max(s.probability(f[i]), 1e-7), 1 - 1e-7), p[i], 0.0);
        }
    }

    @Test
    void learnsIsDeterministicAndRoundTrips() throws IOException {
        ClassifierTesting.Data train = ClassifierTesting.synthetic(200, 5, 1.0, 31);
        ClassifierTesting.Data test = ClassifierTesting.synthetic(300, 5, 1.0, 32);
        for (String name : List.of("svm-linear", "svm-rbf")) {
            Svm a = Svm.create(name, Map.of(), 7);
            a.fit(train.x(), train.y());
            Svm b = Svm.create(name, Map.of(), 7);
            b.fit(train.x(), train.y());
            assertArrayEquals(a.predictProba(test.x()), b.predictProba(test.x()), 0.0, name);
            assertEquals(a.platt(), b.platt());
            assertTrue(ClassifierTesting.auc(a.predictProba(test.x()), test.y()) > 0.9, name);
            ClassifierTesting.assertRoundTrip(a, test.x(), dir);
            // the seed only moves the cross-validation behind the sigmoid, never the decision function
            Svm other = Svm.create(name, Map.of(), 8);
            other.fit(train.x(), train.y());
            assertArrayEquals(a.decisionFunction(test.x()), other.decisionFunction(test.x()), 0.0);
        }
    }

    @Test
    void parametersAreChecked() {
        assertTrue(assertThrows(UserInputException.class, () -> Svm.create("svm-linear", Map.of("gamma", 1), 0))
                .getMessage().contains("unknown parameter 'gamma'"));
        assertTrue(assertThrows(UserInputException.class, () -> Svm.create("svm-rbf", Map.of("gamma", "wide"), 0))
                .getMessage().contains("gamma must be a number"));
        assertTrue(assertThrows(UserInputException.class, () -> Svm.create("svm-rbf", Map.of("C", 0), 0))
                .getMessage().contains("C must be > 0"));
        assertEquals(Map.of("C", 1.0, "gamma", "scale", "tol", 1e-3, "seed", 4L), Svm.create("svm-rbf", null, 4).params());
    }
}
