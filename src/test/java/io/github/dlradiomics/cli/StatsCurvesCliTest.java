package io.github.dlradiomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract for ./dlrad stats roc|delong|dca|hosmer|calibration|icc --json. */
class StatsCurvesCliTest {
    @TempDir
    Path tmp;

    static Map<String, Object> json(String... args) {
        CliTest.Run r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        return Json.parseObject(r.out());
    }

    static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void contract() {
        String asah = TestData.shared("reference/stats/aSAH.csv").toString();
        Map<String, Object> roc = json("stats", "roc", "--table", asah, "--label", "outcome", "--positive", "Poor",
                "--score", "ndka", "--json");
        assertEquals(0.611957994579946, d(roc.get("auc")), 1e-9);
        assertEquals(0.0031908105493913, d(roc.get("auc_var")), 1e-9);
        List<Object> ci = (List<Object>) roc.get("ci");
        assertEquals(0.501244999271703, d(ci.get(0)), 1e-9);
        assertEquals(0.722670989888189, d(ci.get(1)), 1e-9);
        Map<String, Object> y = (Map<String, Object>) roc.get("youden");
        assertEquals(11.08, d(y.get("threshold")), 1e-9);
        assertEquals(0.707317073170732, d(y.get("sensitivity")), 1e-9);
        assertEquals(0.513888888888889, d(y.get("specificity")), 1e-9);
        assertEquals(0.584070796460177, d(y.get("accuracy")), 1e-9);
        Map<String, Object> dl = json("stats", "delong", "--table", asah, "--label", "outcome", "--positive", "Poor",
                "--score", "wfns", "--score2", "ndka", "--json");
        assertEquals(2.79777591868904, d(dl.get("z")), 1e-9);
        assertEquals(0.00514557970691098, d(dl.get("p")), 1e-9);
        Map<String, Object> un = json("stats", "delong", "--table", asah, "--label", "outcome", "--positive", "Poor",
                "--score", "ndka", "--score2", "s100b", "--unpaired", "--json");
        assertEquals(-1.55995743389685, d(un.get("d")), 1e-9);
        assertEquals(0.120192832430845, d(un.get("p")), 1e-9);
        String dc = TestData.shared("reference/stats/dcurves_df_binary.csv").toString();
        Map<String, Object> dca = json("stats", "dca", "--table", dc, "--label", "cancer", "--positive", "1", "--score",
                "cancerpredmarker", "--thresholds", "0:0.99:0.01", "--json");
        assertEquals(0.0640000, d(((List<Object>) dca.get("net_benefit")).get(25)), 1e-7);
        assertEquals(-0.1466667, d(((List<Object>) dca.get("treat_all")).get(25)), 1e-7);
        String fitted = TestData.shared("reference/stats/aSAH_glm_fitted.csv").toString();
        Map<String, Object> hl = json("stats", "hosmer", "--table", fitted, "--label", "outcome", "--positive", "1",
                "--prob", "fitted", "--groups", "10", "--json");
        assertEquals(8, d(hl.get("df")), 0);
        assertTrue(d(hl.get("p")) > 0 && d(hl.get("p")) < 1);
        Map<String, Object> cal = json("stats", "calibration", "--table", fitted, "--label", "outcome", "--positive", "1",
                "--prob", "fitted", "--json");
        assertEquals(1, d(cal.get("slope")), 1e-8);
        for (String k : List.of("brier", "intercept", "emax", "eavg")) {
            assertTrue(cal.containsKey(k), k);
        }
        String icc = TestData.shared("reference/stats/icc_shrout_fleiss_1979.csv").toString();
        Map<String, Object> m = json("stats", "icc", "--table", icc, "--raters", "J1,J2,J3,J4", "--json");
        for (String k : List.of("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k")) {
            Map<String, Object> e = (Map<String, Object>) m.get(k);
            assertTrue(e.containsKey("value") && e.containsKey("ci"), k + ": " + e);
        }
        assertEquals(0.71, d(((Map<String, Object>) m.get("ICC3")).get("value")), 0.005);
    }

    static List<Object> list(Map<String, Object> m, String k) {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) m.get(k);
        return l;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPublicPROCNumberThroughTheCli() throws Exception {
        String asah = TestData.shared("reference/stats/aSAH.csv").toString();
        // marker: auc, var, ci lo, ci hi, youden threshold, sens, spec, acc, ppv, npv
        Map<String, double[]> exp = Map.of(
                "wfns", new double[] {0.823678861788618, 0.00146991470882363, 0.748534887819453, 0.898822835757783, 3.5,
                    0.634146341463415, 0.833333333333333, 0.761061946902655, 0.684210526315789, 0.8},
                "ndka", new double[] {0.611957994579946, 0.0031908105493913, 0.501244999271703, 0.722670989888189, 11.08,
                    0.707317073170732, 0.513888888888889, 0.584070796460177, 0.453125, 0.755102040816326},
                "s100b", new double[] {0.731368563685637, 0.00266868245717244, 0.630118211761623, 0.832618915609651, 0.205,
                    0.634146341463415, 0.805555555555556, 0.743362831858407, 0.65, 0.794520547945205});
        for (Map.Entry<String, double[]> e : exp.entrySet()) {
            Path coords = tmp.resolve(e.getKey() + ".csv");
            Map<String, Object> r = json("stats", "roc", "--table", asah, "--label", "outcome", "--positive", "Poor",
                    "--score", e.getKey(), "--coords", coords.toString(), "--json");
            double[] x = e.getValue();
            String k = e.getKey();
            assertEquals(x[0], d(r.get("auc")), 1e-9, k);
            assertEquals(x[1], d(r.get("auc_var")), 1e-9, k);
            assertEquals(x[2], d(list(r, "ci").get(0)), 1e-9, k);
            assertEquals(x[3], d(list(r, "ci").get(1)), 1e-9, k);
            assertEquals("<", r.get("direction"));
            assertEquals(41, d(r.get("n_cases")), 0);
            assertEquals(72, d(r.get("n_controls")), 0);
            Map<String, Object> y = (Map<String, Object>) r.get("youden");
            String[] keys = {"threshold", "sensitivity", "specificity", "accuracy", "ppv", "npv"};
            for (int i = 0; i < keys.length; i++) {
                assertEquals(x[4 + i], d(y.get(keys[i])), 1e-9, k + " " + keys[i]);
            }
            // the --coords table, row by row against pROC's
            List<Map<String, String>> ours = io.github.dlradiomics.util.Csv.read(coords);
            List<Map<String, String>> ref = io.github.dlradiomics.util.Csv.read(
                    TestData.shared("reference/stats/pROC_coords_" + k + ".csv"));
            assertEquals(ref.size(), ours.size(), k);
            for (int i = 0; i < ref.size(); i++) {
                for (String c : ref.get(i).keySet()) {
                    double a = parse(ref.get(i).get(c));
                    double b = parse(ours.get(i).get(c));
                    if (Double.isNaN(a) || Double.isInfinite(a)) {
                        assertEquals(a, b, k + " row " + i + " " + c);
                    } else {
                        assertEquals(a, b, 1e-9 * Math.max(1, Math.abs(a)), k + " row " + i + " " + c);
                    }
                }
            }
        }
        // paired: first, second, z, p, ci lo, ci hi
        Object[][] pairs = {
            {"wfns", "s100b", 2.20898359144091, 0.0271757822291882, 0.0104061769564846, 0.174214419249478},
            {"wfns", "ndka", 2.79777591868904, 0.00514557970691098, 0.0634011709339876, 0.3600405634833566},
            {"ndka", "s100b", -1.39077002573558, 0.164295175223054, -0.2876917446341914, 0.0488706064228094}};
        for (Object[] p : pairs) {
            Map<String, Object> r = json("stats", "delong", "--table", asah, "--label", "outcome", "--positive", "Poor",
                    "--score", (String) p[0], "--score2", (String) p[1], "--json");
            assertEquals((double) p[2], d(r.get("z")), 1e-9);
            assertEquals((double) p[3], d(r.get("p")), 1e-9);
            assertEquals((double) p[4], d(list(r, "ci").get(0)), 1e-9);
            assertEquals((double) p[5], d(list(r, "ci").get(1)), 1e-9);
            assertTrue(r.containsKey("auc1") && r.containsKey("auc2"));
        }
        Object[][] unpaired = {{"wfns", "s100b", 1.43490640926908, 0.152825378808796},
            {"wfns", "ndka", 3.10125096778969, 0.00220950791756457},
            {"ndka", "s100b", -1.55995743389685, 0.120192832430845}};
        for (Object[] p : unpaired) {
            Map<String, Object> r = json("stats", "delong", "--table", asah, "--label", "outcome", "--positive", "Poor",
                    "--score", (String) p[0], "--score2", (String) p[1], "--unpaired", "--json");
            assertEquals((double) p[2], d(r.get("d")), 1e-9);
            assertEquals((double) p[3], d(r.get("p")), 1e-9);
            assertTrue(d(r.get("df")) > 150 && d(r.get("df")) < 230, "Welch df " + r.get("df"));
            assertFalse(r.containsKey("ci"), "pROC gives no CI for the unpaired test");
        }
        Map<String, Object> g = json("stats", "delong", "--table", asah, "--label", "outcome", "--positive", "Poor",
                "--score", "wfns", "--score2", "s100b", "--alternative", "greater", "--json");
        assertEquals(0.0135878911145941, d(g.get("p")), 1e-9);
        Map<String, Object> l = json("stats", "delong", "--table", asah, "--label", "outcome", "--positive", "Poor",
                "--score", "wfns", "--score2", "s100b", "--alternative", "less", "--json");
        assertEquals(0.986412108885406, d(l.get("p")), 1e-9);
        Map<String, Object> ug = json("stats", "delong", "--table", asah, "--label", "outcome", "--positive", "Poor",
                "--score", "wfns", "--score2", "s100b", "--unpaired", "--alternative", "greater", "--json");
        assertEquals(0.076412689404398, d(ug.get("p")), 1e-9);
    }

    static double parse(String s) {
        // pROC writes NA / Inf, our CSVs nan / inf
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "na", "nan" -> Double.NaN;
            case "inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void bootstrapHosmerAndCalibrationThroughTheCli() {
        String asah = TestData.shared("reference/stats/aSAH.csv").toString();
        Map<String, Object> r = json("stats", "roc", "--table", asah, "--label", "outcome", "--positive", "Poor",
                "--score", "s100b", "--bootstrap", "1000", "--seed", "5", "--json");
        Map<String, Object> b = (Map<String, Object>) r.get("ci_bootstrap");
        double lo = d(list(b, "ci").get(0));
        double hi = d(list(b, "ci").get(1));
        double auc = d(r.get("auc"));
        assertTrue(lo < auc && auc < hi, lo + " " + auc + " " + hi);
        double deLongWidth = d(list(r, "ci").get(1)) - d(list(r, "ci").get(0));
        assertEquals(deLongWidth, hi - lo, 0.04, "bootstrap and DeLong CIs of similar width");
        assertEquals(1000, d(b.get("replicates")), 0);
        assertEquals(5, d(b.get("seed")), 0);
        Map<String, Object> again = json("stats", "roc", "--table", asah, "--label", "outcome", "--positive", "Poor",
                "--score", "s100b", "--bootstrap", "1000", "--seed", "5", "--json");
        assertEquals(lo, d(list((Map<String, Object>) again.get("ci_bootstrap"), "ci").get(0)), 0, "same seed");
        String hl = TestData.shared("reference/stats/hoslem_docexample_seed123.csv").toString();
        Map<String, Object> h = json("stats", "hosmer", "--table", hl, "--label", "y", "--positive", "1", "--prob",
                "fitted", "--groups", "10", "--json");
        assertEquals(4.5227187290, d(h.get("chisq")), 1e-8);
        assertEquals(8, d(h.get("df")), 0);
        assertEquals(0.807156, d(h.get("p")), 1e-6);
        String fitted = TestData.shared("reference/stats/aSAH_glm_fitted.csv").toString();
        Map<String, Object> c = json("stats", "calibration", "--table", fitted, "--label", "outcome", "--positive", "1",
                "--prob", "fitted", "--groups", "5", "--curve", "--json");
        assertEquals(0.149813646750142, d(c.get("brier")), 1e-12);
        assertEquals(0.0466680717, d(c.get("eavg")), 1e-8);
        assertEquals(0.1303988098, d(c.get("emax")), 1e-8);
        assertEquals(113, d(c.get("n")), 0);
        List<Object> groups = list(c, "groups");
        assertEquals(5, groups.size());
        Map<String, Object> curve = (Map<String, Object>) c.get("curve");
        assertEquals(113, ((List<Object>) curve.get("x")).size());
        CliTest.Run text = CliTest.run("stats", "roc", "--table", asah, "--label", "outcome", "--positive", "Poor",
                "--score", "wfns");
        assertEquals(0, text.code());
        assertTrue(text.out().contains("AUC 0.8237") && text.out().contains("Youden cut-off 3.5"), text.out());
    }

    @Test
    void moreBadInputs() throws Exception {
        Path t = tmp.resolve("b.csv");
        Files.writeString(t, "y,s,p\n1,0.2,0.3\n0,,0.5\n1,0.5,1.2\n0,0.1,0.1\n");
        CliTest.Run r = CliTest.run("stats", "roc", "--table", t.toString(), "--label", "y", "--positive", "1",
                "--score", "s");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("column 's', row 3") && r.err().strip().lines().count() == 1, r.err());
        r = CliTest.run("stats", "roc", "--table", t.toString(), "--label", "y", "--positive", "1", "--score", "zz");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no column 'zz'"), r.err());
        r = CliTest.run("stats", "roc", "--table", t.toString(), "--label", "y", "--positive", "yes", "--score", "p");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("column 'y'") && r.err().contains("'yes'"), r.err());
        r = CliTest.run("stats", "hosmer", "--table", t.toString(), "--label", "y", "--positive", "1", "--prob", "p");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("column 'p', row 4") && r.err().contains("not a probability"), r.err());
        r = CliTest.run("stats", "roc", "--table", t.toString(), "--label", "y", "--positive", "1", "--score", "p",
                "--direction", "up");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("direction"), r.err());
        r = CliTest.run("stats", "delong", "--table", t.toString(), "--label", "y", "--positive", "1", "--score", "p",
                "--score2", "p", "--alternative", "bigger");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--alternative"), r.err());
        Files.writeString(t, "y,s\na,0.2\nb,0.4\nc,0.5\n");
        r = CliTest.run("stats", "dca", "--table", t.toString(), "--label", "y", "--positive", "a", "--score", "s");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("column 'y'") && r.err().contains("exactly two classes"), r.err());
    }

    @Test
    void badInputIsOneLine() throws Exception {
        Path t = tmp.resolve("t.csv");
        Files.writeString(t, "y,s\n1,0.2\n1,x\n0,0.3\n");
        CliTest.Run r = CliTest.run("stats", "roc", "--table", t.toString(), "--label", "y", "--positive", "1",
                "--score", "s");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("column 's', row 3") && !r.err().contains("\tat "), r.err());
        Files.writeString(t, "y,s\n1,0.2\n1,0.4\n");
        r = CliTest.run("stats", "roc", "--table", t.toString(), "--label", "y", "--positive", "1", "--score", "s");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("exactly two classes"), r.err());
        Files.writeString(t, "y,p\n1,0.2\n0,1.4\n1,0.5\n");
        r = CliTest.run("stats", "calibration", "--table", t.toString(), "--label", "y", "--positive", "1", "--prob", "p");
        assertEquals(2, r.code());
        assertFalse(r.err().isBlank());
        assertTrue(r.err().contains("not a probability"), r.err());
    }
}
