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
        Roc.PairedTest ws = Roc.pairedDeLong(w, s, "two.sided", 0.95);
        assertEquals(2.20898359144091, ws.z(), TOL);
        assertEquals(0.0271757822291882, ws.p(), TOL);
        assertArray(new double[] {0.0104061769564846, 0.174214419249478}, ws.ci());
        Roc.PairedTest wn = Roc.pairedDeLong(w, n, "two.sided", 0.95);
        assertEquals(2.79777591868904, wn.z(), TOL);
        assertEquals(0.00514557970691098, wn.p(), TOL);
        assertArray(new double[] {0.0634011709339876, 0.3600405634833566}, wn.ci());
        Roc.PairedTest ns = Roc.pairedDeLong(n, s, "two.sided", 0.95);
        assertEquals(-1.39077002573558, ns.z(), TOL);
        assertEquals(0.164295175223054, ns.p(), TOL);
        assertArray(new double[] {-0.2876917446341914, 0.0488706064228094}, ns.ci());
        Roc.PairedTest same = Roc.pairedDeLong(w, w, "two.sided", 0.95);
        assertEquals(0, same.z(), 0);
        assertEquals(1, same.p(), 0);
        assertEquals(0.0135878911145941, Roc.pairedDeLong(w, s, "greater", 0.95).p(), TOL);
        assertEquals(0.986412108885406, Roc.pairedDeLong(w, s, "less", 0.95).p(), TOL);
        Roc.UnpairedTest u1 = Roc.unpairedDeLong(w, s, "two.sided");
        assertEquals(1.43490640926908, u1.d(), TOL);
        assertEquals(0.152825378808796, u1.p(), TOL);
        Roc.UnpairedTest u2 = Roc.unpairedDeLong(w, n, "two.sided");
        assertEquals(3.10125096778969, u2.d(), TOL);
        assertEquals(0.00220950791756457, u2.p(), TOL);
        Roc.UnpairedTest u3 = Roc.unpairedDeLong(n, s, "two.sided");
        assertEquals(-1.55995743389685, u3.d(), TOL);
        assertEquals(0.120192832430845, u3.p(), TOL);
        assertEquals(0.076412689404398, Roc.unpairedDeLong(w, s, "greater").p(), TOL);
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

    static void assertArray(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL, "element " + i);
        }
    }
}
