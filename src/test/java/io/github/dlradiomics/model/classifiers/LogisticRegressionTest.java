package io.github.dlradiomics.model.classifiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogisticRegressionTest {
    @TempDir
    Path dir;

    /** aSAH (pROC) recoded: outcome 1 = Poor; age, wfns, s100b, ndka; R's glm fitted probabilities. */
    private record Asah(double[][] x, int[] y, double[] fitted) {
    }

    private static Asah asah() throws IOException {
        List<Map<String, String>> rows = Csv.read(TestData.shared("reference/stats/aSAH_glm_fitted.csv"));
        String[] cols = {"age", "wfns", "s100b", "ndka"};
        double[][] x = new double[rows.size()][cols.length];
        int[] y = new int[rows.size()];
        double[] fitted = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.length; j++) {
                x[i][j] = Double.parseDouble(rows.get(i).get(cols[j]));
            }
            y[i] = Integer.parseInt(rows.get(i).get("outcome"));
            fitted[i] = Double.parseDouble(rows.get(i).get("fitted"));
        }
        return new Asah(x, y, fitted);
    }

    private static LogisticRegression lr() {
        return LogisticRegression.create("lr", Map.of(), 1);
    }

    @Test
    void fittedProbabilitiesMatchRGlm() throws IOException {
        Asah d = asah();
        assertEquals(113, d.y().length);
        LogisticRegression lr = lr();
        lr.fit(d.x(), d.y());
        double[] p = lr.predictProba(d.x());
        for (int i = 0; i < p.length; i++) {
            assertEquals(d.fitted()[i], p[i], 1e-8, "case " + (i + 1));
        }
        LogisticRegression.Summary s = lr.summary();
        assertEquals(5, s.estimate().length);
        // the score equations hold at the estimate: sum(y - p) = 0 and sum((y - p) x_j) = 0
        for (int j = -1; j < 4; j++) {
            double g = 0;
            for (int i = 0; i < p.length; i++) {
                g += (d.y()[i] - p[i]) * (j < 0 ? 1 : d.x()[i][j]);
            }
            assertEquals(0, g, 1e-8, "score " + j);
        }
        // deviance and null deviance from the fitted values, independently
        double dev = 0;
        double ybar = 41.0 / 113;
        double nullDev = 0;
        for (int i = 0; i < p.length; i++) {
            dev -= 2 * (d.y()[i] == 1 ? Math.log(d.fitted()[i]) : Math.log(1 - d.fitted()[i]));
            nullDev -= 2 * (d.y()[i] == 1 ? Math.log(ybar) : Math.log(1 - ybar));
        }
        assertEquals(dev, s.deviance(), 1e-6);
        assertEquals(nullDev, s.nullDeviance(), 1e-9);
        assertEquals(s.deviance() + 10, s.aic(), 1e-12);
    }

    @Test
    void standardErrorsMatchAFiniteDifferenceHessian() throws IOException {
        Asah d = asah();
        LogisticRegression lr = lr();
        lr.fit(d.x(), d.y());
        LogisticRegression.Summary s = lr.summary();
        double[] b = s.estimate();
        int q = b.length;
        double[] scale = new double[q];
        scale[0] = 1;
        for (int j = 1; j < q; j++) {
            double m = 0;
            double v = 0;
            for (double[] r : d.x()) {
                m += r[j - 1] / d.x().length;
            }
            for (double[] r : d.x()) {
                v += (r[j - 1] - m) * (r[j - 1] - m) / d.x().length;
            }
            scale[j] = 1 / Math.sqrt(v);
        }
        // Hessian of the log-likelihood by central differences of its gradient (written here independently)
        double[][] h = new double[q][q];
        for (int k = 0; k < q; k++) {
            double step = 1e-4 * scale[k];
            double[] up = b.clone();
            double[] down = b.clone();
            up[k] += step;
            down[k] -= step;
            double[] gu = gradient(d, up);
            double[] gd = gradient(d, down);
            for (int j = 0; j < q; j++) {
                h[j][k] = (gu[j] - gd[j]) / (2 * step);
            }
        }
        double[][] cov = invert(negate(h));
        for (int j = 0; j < q; j++) {
            double se = Math.sqrt(cov[j][j]);
            assertEquals(se, s.standardError()[j], 1e-6 * se, "SE " + j);
            assertEquals(b[j] / se, s.z()[j], 1e-5 * Math.abs(b[j] / se) + 1e-9, "z " + j);
            // two-sided normal p value, checked against the standard normal tail by direct integration
            assertEquals(2 * upperTailBySimpson(Math.abs(s.z()[j])), s.p()[j], 1e-9 * s.p()[j] + 1e-15, "p " + j);
        }
    }

    private static double[] gradient(Asah d, double[] b) {
        double[] g = new double[b.length];
        for (int i = 0; i < d.y().length; i++) {
            double eta = b[0];
            for (int j = 0; j < 4; j++) {
                eta += b[j + 1] * d.x()[i][j];
            }
            double r = d.y()[i] - 1 / (1 + Math.exp(-eta));
            g[0] += r;
            for (int j = 0; j < 4; j++) {
                g[j + 1] += r * d.x()[i][j];
            }
        }
        return g;
    }

    private static double[][] negate(double[][] a) {
        double[][] m = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                m[i][j] = -a[i][j];
            }
        }
        return m;
    }

    /** Gauss-Jordan inversion with partial pivoting. */
    static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            double d = m[c][c];
            for (int k = 0; k < 2 * n; k++) {
                m[c][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /** P(Z &gt; z) = ∫_z^{z+40} φ(t) dt by composite Simpson on 200000 intervals. */
    private static double upperTailBySimpson(double z) {
        int n = 200_000;
        double a = z;
        double b = z + 40;
        double h = (b - a) / n;
        double s = phi(a) + phi(b);
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * phi(a + i * h);
        }
        return s * h / 3;
    }

    private static double phi(double t) {
        return Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void ridgeSatisfiesItsOptimalityConditionsAndApproachesTheUnpenalisedFit() {
        ClassifierTesting.Data d = ClassifierTesting.synthetic(150, 4, 1.5, 3);
        for (double c : new double[] {0.01, 0.1, 1, 10}) {
            LogisticRegression r = LogisticRegression.create("lr-l2", Map.of("C", c), 0);
            r.fit(d.x(), d.y());
            assertNull(r.summary());
            double[] p = r.predictProba(d.x());
            double[] w = r.coefficients();
            // gradient of sum(loss) + ||w||^2 / (2C): intercept free, w_j / C = sum (y - p) x_j
            double g0 = 0;
            for (int i = 0; i < p.length; i++) {
                g0 += d.y()[i] - p[i];
            }
            assertEquals(0, g0, 1e-8);
            for (int j = 0; j < 4; j++) {
                double g = 0;
                for (int i = 0; i < p.length; i++) {
                    g += (d.y()[i] - p[i]) * d.x()[i][j];
                }
                assertEquals(w[j] / c, g, 1e-8 * Math.max(1, Math.abs(g)), "C " + c + " feature " + j);
            }
        }
        LogisticRegression free = lr();
        free.fit(d.x(), d.y());
        LogisticRegression weak = LogisticRegression.create("lr-l2", Map.of("C", 1e8), 0);
        weak.fit(d.x(), d.y());
        assertArrayEquals(free.coefficients(), weak.coefficients(), 1e-5);
        // a stronger penalty shrinks the coefficients
        LogisticRegression strong = LogisticRegression.create("lr-l2", Map.of("C", 0.01), 0);
        strong.fit(d.x(), d.y());
        assertTrue(norm(strong.coefficients()) < 0.5 * norm(free.coefficients()));
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void learnsAndIsDeterministicAndRoundTrips() throws IOException {
        ClassifierTesting.Data train = ClassifierTesting.synthetic(200, 5, 1.0, 11);
        ClassifierTesting.Data test = ClassifierTesting.synthetic(300, 5, 1.0, 12);
        for (String name : List.of("lr", "lr-l2")) {
            LogisticRegression a = LogisticRegression.create(name, Map.of(), 5);
            a.fit(train.x(), train.y());
            LogisticRegression b = LogisticRegression.create(name, Map.of(), 5);
            b.fit(train.x(), train.y());
            assertArrayEquals(a.predictProba(test.x()), b.predictProba(test.x()), 0.0);
            assertTrue(ClassifierTesting.auc(a.predictProba(test.x()), test.y()) > 0.9, name);
            ClassifierTesting.assertRoundTrip(a, test.x(), dir);
        }
        LogisticRegression a = lr();
        a.fit(train.x(), train.y());
        LogisticRegression back = (LogisticRegression) ClassifierTesting.roundTrip(a, dir);
        assertArrayEquals(a.summary().standardError(), back.summary().standardError(), 0.0);
        assertArrayEquals(a.summary().p(), back.summary().p(), 0.0);
    }

    @Test
    void separationByOneFeatureIsNamed() {
        double[][] x = {{1, 0.3}, {2, -1}, {3, 0.5}, {4, 2}, {5, -0.2}, {6, 1}};
        int[] y = {0, 0, 0, 1, 1, 1};
        LogisticRegression.SeparationException e = assertThrows(LogisticRegression.SeparationException.class,
                () -> lr().fit(x, y));
        assertTrue(e.getMessage().contains("perfect separation: feature 1 of 2"), e.getMessage());
        assertEquals(0, e.feature());
        // quasi-complete: a tie at the boundary still gives an infinite estimate
        double[][] xq = {{1, 0.3}, {2, -1}, {3, 0.5}, {3, 2}, {5, -0.2}, {6, 1}};
        assertThrows(LogisticRegression.SeparationException.class, () -> lr().fit(xq, y));
        // ridge has a finite optimum
        LogisticRegression r = LogisticRegression.create("lr-l2", Map.of(), 0);
        r.fit(x, y);
        assertTrue(r.coefficients()[0] > 0);
    }

    @Test
    void separationByACombinationIsRefused() {
        // y = 1 exactly when x0 + x1 > 0; neither feature separates alone
        ClassifierTesting.Data d = ClassifierTesting.synthetic(60, 3, 0, 7);
        int[] y = new int[60];
        for (int i = 0; i < 60; i++) {
            y[i] = d.x()[i][0] + d.x()[i][1] > 0 ? 1 : 0;
        }
        UserInputException e = assertThrows(UserInputException.class, () -> lr().fit(d.x(), y));
        assertTrue(e.getMessage().contains("perfect separation"), e.getMessage());
        assertTrue(e.getMessage().contains("combination"), e.getMessage());
    }

    @Test
    void constantAndCollinearFeaturesAreRefused() {
        ClassifierTesting.Data d = ClassifierTesting.synthetic(80, 3, 2, 9);
        double[][] constant = new double[80][];
        double[][] collinear = new double[80][];
        for (int i = 0; i < 80; i++) {
            constant[i] = new double[] {d.x()[i][0], 4.2, d.x()[i][1]};
            collinear[i] = new double[] {d.x()[i][0], d.x()[i][1], 2 * d.x()[i][0] - d.x()[i][1] + 3};
        }
        UserInputException e1 = assertThrows(UserInputException.class, () -> lr().fit(constant, d.y()));
        assertTrue(e1.getMessage().contains("feature 2 of 3 is constant"), e1.getMessage());
        UserInputException e2 = assertThrows(UserInputException.class, () -> lr().fit(collinear, d.y()));
        assertTrue(e2.getMessage().contains("feature 3 of 3 is collinear"), e2.getMessage());
        // ridge copes with both
        LogisticRegression r = LogisticRegression.create("lr-l2", Map.of("C", 1), 0);
        r.fit(constant, d.y());
        assertEquals(0, r.coefficients()[1], 0.0);
        r.fit(collinear, d.y());
    }

    @Test
    void tooFewIterationsIsReportedAsNonConvergence() throws IOException {
        Asah d = asah();
        UserInputException e = assertThrows(UserInputException.class,
                () -> LogisticRegression.create("lr", Map.of("max_iter", 2), 0).fit(d.x(), d.y()));
        assertTrue(e.getMessage().startsWith("lr: did not converge after 2 Newton iterations"), e.getMessage());
        LogisticRegression enough = LogisticRegression.create("lr", Map.of("max_iter", 10), 0);
        enough.fit(d.x(), d.y());
        assertTrue(enough.summary().iterations() <= 10);
    }

    @Test
    void badInputAndParametersAreRefusedClearly() {
        assertTrue(assertThrows(UserInputException.class, () -> LogisticRegression.create("lr", Map.of("C", 1), 0))
                .getMessage().contains("unknown parameter 'C'"));
        assertTrue(assertThrows(UserInputException.class,
                () -> LogisticRegression.create("lr-l2", Map.of("C", -1), 0)).getMessage().contains("C must be > 0"));
        assertTrue(assertThrows(UserInputException.class, () -> lr().fit(new double[][] {{1}, {2}}, new int[] {1, 1}))
                .getMessage().contains("only class 1"));
        assertTrue(assertThrows(UserInputException.class,
                () -> lr().fit(new double[][] {{1}, {Double.NaN}, {3}}, new int[] {0, 1, 0})).getMessage()
                .contains("row 2, feature 1 is NaN"));
        assertThrows(IllegalStateException.class, () -> lr().predictProba(new double[][] {{1}}));
        assertTrue(assertThrows(UserInputException.class, () -> lr().fit(new double[][] {{1}, {3}, {2}, {5}},
                new int[] {0, 2, 1, 0})).getMessage().contains("label 2"));
    }
}
