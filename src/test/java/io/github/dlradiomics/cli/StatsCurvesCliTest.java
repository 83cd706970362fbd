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
