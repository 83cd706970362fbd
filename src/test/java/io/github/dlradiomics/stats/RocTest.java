package io.github.dlradiomics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.util.Csv;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** pROC on aSAH (outcome Poor vs Good): ../shared/reference/stats/EXPECTED-public.txt, to 1e-9. */
class RocTest {
    static final double TOL = 1e-9;

    record Data(double[] wfns, double[] ndka, double[] s100b, int[] y) {
    }

    static Data asah() throws Exception {
        List<Map<String, String>> rows = Csv.read(TestData.shared("reference/stats/aSAH.csv"));
        int n = rows.size();
        Data d = new Data(new double[n], new double[n], new double[n], new int[n]);
        for (int i = 0; i < n; i++) {
            d.wfns()[i] = Double.parseDouble(rows.get(i).get("wfns"));
            d.ndka()[i] = Double.parseDouble(rows.get(i).get("ndka"));
            d.s100b()[i] = Double.parseDouble(rows.get(i).get("s100b"));
            d.y()[i] = rows.get(i).get("outcome").equals("Poor") ? 1 : 0;
        }
        return d;
    }

    @Test
    void aucVarianceAndCi() throws Exception {
        Data d = asah();
        Roc w = Roc.of(d.wfns(), d.y(), "auto");
        Roc n = Roc.of(d.ndka(), d.y(), "auto");
        Roc s = Roc.of(d.s100b(), d.y(), "auto");
        assertEquals('<', w.direction());
        assertEquals(0.823678861788618, w.auc(), TOL);
        assertEquals(0.611957994579946, n.auc(), TOL);
        assertEquals(0.731368563685637, s.auc(), TOL);
        assertEquals(0.00146991470882363, w.varDeLong(), TOL);
        assertEquals(0.0031908105493913, n.varDeLong(), TOL);
        assertEquals(0.00266868245717244, s.varDeLong(), TOL);
        assertEquals(-0.000532967856762438, Roc.covDeLong(w, n), TOL);
        assertEquals(-0.000756164938056579, Roc.covDeLong(n, s), TOL);
        assertEquals(0.00119615567376754, Roc.covDeLong(s, w), TOL);
        assertArray(new double[] {0.501244999271703, 0.722670989888189}, n.ciDeLong(0.95));
        assertArray(new double[] {0.748534887819453, 0.898822835757783}, w.ciDeLong(0.95));
        assertArray(new double[] {0.630118211761623, 0.832618915609651}, s.ciDeLong(0.95));
    }

    @Test
    void deLongTests() throws Exception {
        Data d = asah();
        Roc w = Roc.of(d.wfns(), d.y(), "auto");
        Roc n = Roc.of(d.ndka(), d.y(), "auto");
        Roc s = Roc.of(d.s100b(), d.y(), "auto");
        DeLongTest.Paired ws = DeLongTest.paired(w, s, "two.sided", 0.95);
        assertEquals(2.20898359144091, ws.z(), TOL);
        assertEquals(0.0271757822291882, ws.p(), TOL);
        assertArray(new double[] {0.0104061769564846, 0.174214419249478}, ws.ci());
        DeLongTest.Paired wn = DeLongTest.paired(w, n, "two.sided", 0.95);
        assertEquals(2.79777591868904, wn.z(), TOL);
        assertEquals(0.00514557970691098, wn.p(), TOL);
        assertArray(new double[] {0.0634011709339876, 0.3600405634833566}, wn.ci());
        DeLongTest.Paired ns = DeLongTest.paired(n, s, "two.sided", 0.95);
        assertEquals(-1.39077002573558, ns.z(), TOL);
        assertEquals(0.164295175223054, ns.p(), TOL);
        assertArray(new double[] {-0.2876917446341914, 0.0488706064228094}, ns.ci());
        DeLongTest.Paired same = DeLongTest.paired(w, w, "two.sided", 0.95);
        assertEquals(0, same.z(), 0);
        assertEquals(1, same.p(), 0);
        assertEquals(0.0135878911145941, DeLongTest.paired(w, s, "greater", 0.95).p(), TOL);
        assertEquals(0.986412108885406, DeLongTest.paired(w, s, "less", 0.95).p(), TOL);
        DeLongTest.Unpaired u1 = DeLongTest.unpaired(w, s, "two.sided");
        assertEquals(1.43490640926908, u1.d(), TOL);
        assertEquals(0.152825378808796, u1.p(), TOL);
        DeLongTest.Unpaired u2 = DeLongTest.unpaired(w, n, "two.sided");
        assertEquals(3.10125096778969, u2.d(), TOL);
        assertEquals(0.00220950791756457, u2.p(), TOL);
        DeLongTest.Unpaired u3 = DeLongTest.unpaired(n, s, "two.sided");
        assertEquals(-1.55995743389685, u3.d(), TOL);
        assertEquals(0.120192832430845, u3.p(), TOL);
        assertEquals(0.076412689404398, DeLongTest.unpaired(w, s, "greater").p(), TOL);
    }

    @Test
    void youdenCutOffs() throws Exception {
        Data d = asah();
        Roc.Coords s = Roc.of(d.s100b(), d.y(), "auto").youden();
        assertEquals(0.205, s.threshold(), 1e-12);
        assertEquals(0.805555555555556, s.specificity(), TOL);
        assertEquals(0.634146341463415, s.sensitivity(), TOL);
        assertEquals(0.743362831858407, s.accuracy(), TOL);
        assertEquals(0.65, s.ppv(), TOL);
        assertEquals(0.794520547945205, s.npv(), TOL);
        assertEquals(26, s.tp(), 0);
        assertEquals(58, s.tn(), 0);
        Roc.Coords w = Roc.of(d.wfns(), d.y(), "auto").youden();
        assertEquals(3.5, w.threshold(), 1e-12);
        assertEquals(0.684210526315789, w.ppv(), TOL);
        assertEquals(0.8, w.npv(), TOL);
        Roc.Coords n = Roc.of(d.ndka(), d.y(), "auto").youden();
        assertEquals(11.08, n.threshold(), 1e-9);
        assertEquals(0.453125, n.ppv(), TOL);
        assertEquals(0.755102040816326, n.npv(), TOL);
        assertEquals(1, Roc.of(d.s100b(), d.y(), "auto").youdenAll().size());
    }

    @Test
    void fullCoordsTablesEqualPROCs() throws Exception {
        Data d = asah();
        for (String marker : new String[] {"wfns", "ndka", "s100b"}) {
            double[] v = marker.equals("wfns") ? d.wfns() : marker.equals("ndka") ? d.ndka() : d.s100b();
            List<Roc.Coords> ours = Roc.of(v, d.y(), "auto").coords();
            Path ref = TestData.shared("reference/stats/pROC_coords_" + marker + ".csv");
            List<Map<String, String>> rows = Csv.read(ref);
            assertEquals(rows.size(), ours.size(), marker);
            for (int i = 0; i < rows.size(); i++) {
                Map<String, String> r = rows.get(i);
                Roc.Coords c = ours.get(i);
                double th = Double.parseDouble(r.get("threshold").replace("Inf", "Infinity"));
                if (Double.isInfinite(th)) {
                    assertEquals(th, c.threshold(), marker + " row " + i);
                } else {
                    assertEquals(th, c.threshold(), 1e-12 * Math.max(1, Math.abs(th)), marker + " row " + i);
                }
                assertEquals(Double.parseDouble(r.get("specificity")), c.specificity(), TOL);
                assertEquals(Double.parseDouble(r.get("sensitivity")), c.sensitivity(), TOL);
                assertEquals(Double.parseDouble(r.get("youden")), c.youden(), TOL);
                assertEquals(Double.parseDouble(r.get("accuracy")), c.accuracy(), TOL, marker + " row " + i);
                for (String k : new String[] {"tp", "tn", "fp", "fn"}) {
                    double ours1 = switch (k) {
                        case "tp" -> c.tp();
                        case "tn" -> c.tn();
                        case "fp" -> c.fp();
                        default -> c.fn();
                    };
                    assertEquals(Double.parseDouble(r.get(k)), ours1, 1e-9, marker + " row " + i + " " + k);
                }
                assertNaOrEqual(r.get("ppv"), c.ppv(), marker + " row " + i + " ppv");
                assertNaOrEqual(r.get("npv"), c.npv(), marker + " row " + i + " npv");
            }
        }
    }

    @Test
    void bootstrapCiIsPlausible() throws Exception {
        Data d = asah();
        Roc s = Roc.of(d.s100b(), d.y(), "auto");
        double[] b = s.ciBootstrap(2000, 7, 0.95);
        double[] dl = s.ciDeLong(0.95);
        assertTrue(b[0] < s.auc() && s.auc() < b[2]);
        assertEquals(dl[1] - dl[0], b[2] - b[0], 0.03);
        assertEquals(b[0], s.ciBootstrap(2000, 7, 0.95)[0], 0, "same seed, same CI");
    }

    static void assertNaOrEqual(String expected, double actual, String what) {
        if (expected.equals("NA")) {
            assertTrue(Double.isNaN(actual), what + ": expected NA (0/0), got " + actual);
        } else {
            assertEquals(Double.parseDouble(expected), actual, TOL, what);
        }
    }

    @Test
    void youdenOfAllThreeMarkersAsPROC() throws Exception {
        Data d = asah();
        // EXPECTED-public.txt: threshold, spec, sens, acc, ppv, npv, tp, tn, fp, fn
        double[][] exp = {
            {0.205, 0.805555555555556, 0.634146341463415, 0.743362831858407, 0.65, 0.794520547945205, 26, 58, 14, 15},
            {3.5, 0.833333333333333, 0.634146341463415, 0.761061946902655, 0.684210526315789, 0.8, 26, 60, 12, 15},
            {11.08, 0.513888888888889, 0.707317073170732, 0.584070796460177, 0.453125, 0.755102040816326, 29, 37, 35, 12}};
        double[][] scores = {d.s100b(), d.wfns(), d.ndka()};
        for (int k = 0; k < 3; k++) {
            Roc roc = Roc.of(scores[k], d.y(), "auto");
            assertEquals(1, roc.youdenAll().size());
            Roc.Coords c = roc.youden();
            double[] got = {c.threshold(), c.specificity(), c.sensitivity(), c.accuracy(), c.ppv(), c.npv(), c.tp(),
                c.tn(), c.fp(), c.fn()};
            for (int j = 0; j < got.length; j++) {
                assertEquals(exp[k][j], got[j], TOL, "marker " + k + " column " + j);
            }
        }
    }

    @Test
    void youdenTiesAreAllReturnedAndTheFirstIsTheLowestThreshold() {
        // controls {1, 3}, cases {2, 4}: se + sp = 1.5 at thresholds 1.5 and 3.5
        Roc r = Roc.of(new double[] {1, 2, 3, 4}, new int[] {0, 1, 0, 1}, "<");
        List<Roc.Coords> best = r.youdenAll();
        assertEquals(2, best.size());
        assertEquals(1.5, best.get(0).threshold(), 0);
        assertEquals(3.5, best.get(1).threshold(), 0);
        assertEquals(1.5, r.youden().threshold(), 0);
        assertEquals(0.75, r.auc(), 0);
        List<Roc.Coords> all = r.coords();
        assertEquals(5, all.size());
        assertEquals(Double.NEGATIVE_INFINITY, all.get(0).threshold());
        assertEquals(Double.POSITIVE_INFINITY, all.get(4).threshold());
    }

    @Test
    void reversedDirectionGivesTheSameCurve() throws Exception {
        Data d = asah();
        double[] neg = d.s100b().clone();
        for (int i = 0; i < neg.length; i++) {
            neg[i] = -neg[i];
        }
        Roc s = Roc.of(d.s100b(), d.y(), "auto");
        Roc r = Roc.of(neg, d.y(), "auto");
        assertEquals('>', r.direction(), "medians: controls above cases");
        assertEquals(s.auc(), r.auc(), 1e-15);
        assertEquals(s.varDeLong(), r.varDeLong(), 1e-15);
        assertEquals(-0.205, r.youden().threshold(), 1e-12);
        assertEquals(s.youden().sensitivity(), r.youden().sensitivity(), 0);
        // forcing the wrong direction gives 1 - AUC, as pROC
        assertEquals(1 - s.auc(), Roc.of(d.s100b(), d.y(), ">").auc(), 1e-15);
        assertEquals(s.auc(), Roc.auc(d.s100b(), d.y()), 0);
        double[] b1 = s.ciBootstrap(500, 3, 0.95);
        double[] b2 = r.ciBootstrap(500, 3, 0.95);
        assertArray(b1, b2);
    }

    @Test
    void placementsEqualTheDoubleLoopWithTies() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        int n = 60;
        double[] a = new double[n];
        double[] b = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
            a[i] = rnd.nextInt(6) + y[i]; // many ties
            b[i] = rnd.nextDouble() + 0.3 * y[i];
        }
        y[1] = 1;
        Roc ra = Roc.of(a, y, "<");
        Roc rb = Roc.of(b, y, "<");
        double[][] va = brute(a, y);
        double[][] vb = brute(b, y);
        assertEquals(mean(va[0]), ra.auc(), 1e-15);
        assertEquals(cov(va[0], va[0]) / va[0].length + cov(va[1], va[1]) / va[1].length, ra.varDeLong(), 1e-15);
        double c = cov(va[0], vb[0]) / va[0].length + cov(va[1], vb[1]) / va[1].length;
        assertEquals(c, Roc.covDeLong(ra, rb), 1e-15);
        DeLongTest.Paired t = DeLongTest.paired(ra, rb, "two.sided", 0.9);
        double sig = Math.sqrt(ra.varDeLong() + rb.varDeLong() - 2 * c);
        assertEquals((ra.auc() - rb.auc()) / sig, t.z(), 1e-12);
        assertEquals(ra.auc() - rb.auc() - 1.6448536269514722 * sig, t.ci()[0], 1e-12);
        DeLongTest.Paired swapped = DeLongTest.paired(rb, ra, "two.sided", 0.9);
        assertEquals(-t.z(), swapped.z(), 1e-15);
        assertEquals(t.p(), swapped.p(), 1e-15);
        org.junit.jupiter.api.Assertions.assertThrows(io.github.dlradiomics.util.UserInputException.class,
                () -> DeLongTest.paired(ra, rb, "both", 0.95));
    }

    /** O(n·m) placements: per case, per control, ties 1/2. */
    static double[][] brute(double[] s, int[] y) {
        List<Double> cs = new java.util.ArrayList<>();
        List<Double> ct = new java.util.ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            (y[i] == 1 ? cs : ct).add(s[i]);
        }
        double[] x = new double[cs.size()];
        double[] yy = new double[ct.size()];
        for (int i = 0; i < x.length; i++) {
            for (double c : ct) {
                x[i] += (cs.get(i) > c ? 1 : cs.get(i) == c ? 0.5 : 0) / ct.size();
            }
        }
        for (int j = 0; j < yy.length; j++) {
            for (double c : cs) {
                yy[j] += (c > ct.get(j) ? 1 : c == ct.get(j) ? 0.5 : 0) / cs.size();
            }
        }
        return new double[][] {x, yy};
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double cov(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - ma) * (b[i] - mb);
        }
        return s / (a.length - 1);
    }

    static void assertArray(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL, "element " + i);
        }
    }
}
