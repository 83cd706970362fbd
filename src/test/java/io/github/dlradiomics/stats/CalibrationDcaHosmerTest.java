package io.github.dlradiomics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decision curves (dcurves), calibration (rms::val.prob) and Hosmer-Lemeshow (ResourceSelection). */
class CalibrationDcaHosmerTest {
    static double[] col(List<Map<String, String>> rows, String c) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(c))).toArray();
    }

    static int[] ints(List<Map<String, String>> rows, String c) {
        return rows.stream().mapToInt(r -> (int) Double.parseDouble(r.get(c))).toArray();
    }

    @Test
    void decisionCurveMatchesDcurvesTestValues() throws Exception {
        List<Map<String, String>> rows = Csv.read(TestData.shared("reference/stats/dcurves_df_binary.csv"));
        int[] y = ints(rows, "cancer");
        double[] t = DecisionCurve.thresholds("0:0.99:0.01");
        assertEquals(100, t.length);
        assertEquals(0.07000000000000001, t[7], 0, "i * 0.01 as R's seq");
        DecisionCurve.Result r = DecisionCurve.of(col(rows, "cancerpredmarker"), y, t);
        // dcurves' own tests: threshold 0.25, treat all -0.1466667, cancerpredmarker 0.0640000
        assertEquals(-0.1466667, r.treatAll()[25], 1e-7);
        assertEquals(0.0640000, r.netBenefit()[25], 1e-7);
        assertEquals(0, r.treatNone()[25], 0);
        // famhistory (0/1) at threshold 0: all 0.140, famhistory 0.032 (the epsilon shift of exact 0s)
        DecisionCurve.Result f = DecisionCurve.of(col(rows, "famhistory"), y, t);
        assertEquals(0.140, f.treatAll()[0], 1e-12);
        assertEquals(0.032, f.netBenefit()[0], 1e-12);
        assertThrows(UserInputException.class, () -> DecisionCurve.of(new double[] {1.2}, new int[] {1}, t));
        assertThrows(UserInputException.class, () -> DecisionCurve.thresholds("0:1:0.01"));
    }

    @Test
    void calibrationOfAnInSampleGlmHasInterceptZeroSlopeOne() throws Exception {
        List<Map<String, String>> rows = Csv.read(TestData.shared("reference/stats/aSAH_glm_fitted.csv"));
        double[] p = col(rows, "fitted");
        int[] y = ints(rows, "outcome");
        Calibration.Result c = Calibration.of(p, y);
        // the glm's score equations make the recalibration of its own fitted values exactly (0, 1)
        assertEquals(0, c.intercept(), 1e-8);
        assertEquals(1, c.slope(), 1e-8);
        double brier = 0;
        for (int i = 0; i < p.length; i++) {
            brier += (p[i] - y[i]) * (p[i] - y[i]);
        }
        assertEquals(brier / p.length, c.brier(), 1e-15);
        assertEquals(0.149813646750142, c.brier(), 1e-12);
        // values from a line-by-line Python port of R's clowess (not produced by R): cross-check only
        assertEquals(0.0466680717, c.eavg(), 1e-8);
        assertEquals(0.1303988098, c.emax(), 1e-8);
    }

    @Test
    void recalibrationAgainstAnIndependentFit() {
        // p deliberately miscalibrated: true logit = 0.5 + 2 * logit(p)
        java.util.Random r = new java.util.Random(5);
        int n = 400;
        double[] p = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.05 + 0.9 * r.nextDouble();
            double l = Math.log(p[i] / (1 - p[i]));
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(0.5 + 2 * l))) ? 1 : 0;
        }
        Calibration.Result c = Calibration.of(p, y);
        // independent: maximise the log-likelihood by a coarse-to-fine grid search
        double bestA = 0;
        double bestB = 1;
        double step = 0.5;
        for (int round = 0; round < 40; round++) {
            double ba = bestA;
            double bb = bestB;
            double best = Double.NEGATIVE_INFINITY;
            for (int da = -4; da <= 4; da++) {
                for (int db = -4; db <= 4; db++) {
                    double a = ba + da * step;
                    double b = bb + db * step;
                    double ll = 0;
                    for (int i = 0; i < n; i++) {
                        double eta = a + b * Math.log(p[i] / (1 - p[i]));
                        ll += y[i] * eta - Math.log1p(Math.exp(eta));
                    }
                    if (ll > best) {
                        best = ll;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            step /= 2;
        }
        assertEquals(bestA, c.intercept(), 1e-6);
        assertEquals(bestB, c.slope(), 1e-6);
        assertTrue(c.slope() > 1.3, "miscalibration detected: slope " + c.slope());
    }

    @Test
    void lowessOfALineIsTheLine() {
        double[] x = new double[30];
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            x[i] = i * 0.1;
            y[i] = 2 - 3 * x[i];
        }
        double[] f = Calibration.lowess(x, y, 2.0 / 3, 0, 0.01 * 2.9);
        for (int i = 0; i < 30; i++) {
            assertEquals(y[i], f[i], 1e-12);
        }
    }

    @Test
    void lowessOnATinyHandExample() {
        // x = 1..6, f = 2/3 -> ns = 4 neighbours. At x = 1 the window is {1, 2, 3, 4}, h = 3: tricube weights
        // 1, (26/27)³, (19/27)³ and 0 (r = 3 > 0.999 h); the local weighted least-squares line at x = 1:
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {0, 1, 0, 1, 1, 0};
        double[] w = {1, Math.pow(26.0 / 27, 3), Math.pow(19.0 / 27, 3)};
        double sw = w[0] + w[1] + w[2];
        double xb = (w[0] * 1 + w[1] * 2 + w[2] * 3) / sw;
        double yb = (w[1] * 1) / sw;
        double sxy = (w[0] * (1 - xb) * (0 - yb) + w[1] * (2 - xb) * (1 - yb) + w[2] * (3 - xb) * (0 - yb)) / sw;
        double sxx = (w[0] * (1 - xb) * (1 - xb) + w[1] * (2 - xb) * (2 - xb) + w[2] * (3 - xb) * (3 - xb)) / sw;
        double atOne = yb + sxy / sxx * (1 - xb);
        double[] f = Calibration.lowess(x, y, 2.0 / 3, 0, 0);
        assertEquals(atOne, f[0], 1e-14);
        // the rest from a line-by-line Python port of R's clowess
        double[] port = {0.23954454463713362, 0.4273789649415693, 0.5726210350584308, 0.7136894824707847,
            0.7136894824707847, 0.11977227231856685};
        for (int i = 0; i < 6; i++) {
            assertEquals(port[i], f[i], 1e-14, "x = " + x[i]);
        }
        // ties share a fit; with delta = 0.2 the point at 0.2 is not fitted but interpolated linearly
        // between the fits at 0.1 and 0.25: 0.48489404067718717 * (1 - 2/3) + 0 * 2/3
        double[] x2 = {0.1, 0.1, 0.2, 0.25, 0.4, 0.5, 0.55, 0.9};
        double[] y2 = {0, 1, 0, 0, 1, 0, 1, 1};
        double[] g = Calibration.lowess(x2, y2, 2.0 / 3, 0, 0.01 * 0.8);
        double[] portG = {0.48489404067718717, 0.48489404067718717, 0.10760501063941796, 0, 0.6046411118158755,
            0.6326091114393682, 0.6190273390540493, 1.0057753851013598};
        for (int i = 0; i < 8; i++) {
            assertEquals(portG[i], g[i], 1e-14, "x2 = " + x2[i]);
        }
        double[] h = Calibration.lowess(x2, y2, 2.0 / 3, 0, 0.2);
        assertEquals(g[0], h[0], 0);
        assertEquals(0.48489404067718717 / 3, h[2], 1e-14);
        assertEquals(0.614231929974658, h[5], 1e-14);
    }

    @Test
    void calibrationGroupsAndEdgeRows() {
        double[] p = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
        int[] y = {0, 0, 1, 0, 1, 0, 1, 1, 1, 1};
        List<Calibration.Group> gs = Calibration.groups(p, y, 5);
        assertEquals(5, gs.size());
        int total = 0;
        for (Calibration.Group g : gs) {
            assertEquals(2, g.n());
            total += g.n();
        }
        assertEquals(10, total);
        assertEquals(0.15, gs.get(0).predicted(), 1e-15);
        assertEquals(0, gs.get(0).observed(), 0);
        assertEquals(0.925, gs.get(4).predicted(), 1e-15);
        assertEquals(1, gs.get(4).observed(), 0);
        // p = 0 and p = 1 rows (infinite logits) are left out of the recalibration fit only, as val.prob
        double[] p2 = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};
        int[] y2 = {0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1};
        Calibration.Result c = Calibration.of(p2, y2);
        Calibration.Result inner = Calibration.of(java.util.Arrays.copyOfRange(p2, 1, 10),
                java.util.Arrays.copyOfRange(y2, 1, 10));
        assertEquals(inner.intercept(), c.intercept(), 1e-10);
        assertEquals(inner.slope(), c.slope(), 1e-10);
        double brier = 0;
        for (int i = 0; i < p2.length; i++) {
            brier += (p2[i] - y2[i]) * (p2[i] - y2[i]);
        }
        assertEquals(brier / 11, c.brier(), 1e-15);
        assertEquals(11, c.n());
        assertThrows(UserInputException.class, () -> Calibration.of(new double[] {0.2, -0.1, 0.5}, new int[] {0, 1, 1}));
    }

    @Test
    void decisionCurveEqualsADirectCount() throws Exception {
        List<Map<String, String>> rows = Csv.read(TestData.shared("reference/stats/dcurves_df_binary.csv"));
        int[] y = ints(rows, "cancer");
        double[] risk = col(rows, "cancerpredmarker");
        double[] t = DecisionCurve.thresholds("0:0.5:0.05");
        assertEquals(11, t.length);
        assertEquals(0.15000000000000002, t[3], 0, "3 * 0.05 as R's seq");
        DecisionCurve.Result r = DecisionCurve.of(risk, y, t);
        int n = y.length;
        int events = 0;
        for (int v : y) {
            events += v;
        }
        for (int k = 0; k < t.length; k++) {
            int tp = 0;
            int fp = 0;
            for (int i = 0; i < n; i++) {
                if (risk[i] >= t[k]) {
                    tp += y[i];
                    fp += 1 - y[i];
                }
            }
            double w = t[k] / (1 - t[k]);
            assertEquals((double) tp / n - (double) fp / n * w, r.netBenefit()[k], 1e-15, "threshold " + t[k]);
            assertEquals((double) events / n - (1 - (double) events / n) * w, r.treatAll()[k], 1e-15);
        }
    }

    @Test
    void hosmerLemeshow() throws Exception {
        List<Map<String, String>> rows = Csv.read(TestData.shared("reference/stats/hoslem_docexample_seed123.csv"));
        HosmerLemeshow.Result r = HosmerLemeshow.test(ints(rows, "y"), col(rows, "fitted"), 10);
        // from a Python port of hoslem.test (not produced by R): cross-check
        assertEquals(4.5227187290, r.chisq(), 1e-8);
        assertEquals(8, r.df());
        assertEquals(0.807156, r.p(), 1e-6);
        assertEquals(10, r.bins());
        for (int s : r.size()) {
            assertEquals(50, s);
        }
        List<Map<String, String>> a = Csv.read(TestData.shared("reference/stats/aSAH_glm_fitted.csv"));
        HosmerLemeshow.Result ra = HosmerLemeshow.test(ints(a, "outcome"), col(a, "fitted"), 10);
        assertEquals(9.556873458, ra.chisq(), 1e-8);
        assertEquals(0.297514, ra.p(), 1e-6);
        // chi-square tail against known values: pchisq(3.84145882069412, 1, lower = FALSE) = 0.05
        assertEquals(0.05, ChiSquare.upperTail(3.84145882069412, 1), 1e-12);
        assertEquals(0.05, ChiSquare.upperTail(15.5073130558655, 8), 1e-12);
    }
}
