package io.github.dlradiomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./dlrad nomogram and ./dlrad nomogram score as a user runs them. */
class NomogramCommandTest {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void asahNomogramFilesAndScoring() throws Exception {
        Path csv = TestData.shared("reference/stats/aSAH_glm_fitted.csv");
        Path out = tmp.resolve("nom");
        CliTest.Run r = CliTest.run("nomogram", "--table", csv.toString(), "--label", "outcome", "--positive", "1",
                "--vars", "age,female,wfns,s100b", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Points per unit of linear predictor:"), r.out());
        for (String f : List.of("nomogram.json", "nomogram.png", "nomogram.svg", "coefficients.csv")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        Map<String, Object> j = Json.parseObject(Files.readString(out.resolve("nomogram.json")));
        assertTrue(((Number) j.get("points_per_lp_unit")).doubleValue() > 0);
        List<Object> vars = (List<Object>) j.get("variables");
        assertEquals(4, vars.size());
        Map<String, Object> wfns = (Map<String, Object>) vars.get(2);
        assertEquals("wfns", wfns.get("name"));
        assertEquals(5, ((List<Object>) wfns.get("ticks")).size());
        List<Object> risk = (List<Object>) j.get("total_points_to_risk");
        assertTrue(risk.size() >= 5);
        Map<String, Object> model = (Map<String, Object>) j.get("model");
        assertEquals("outcome ~ age + female + wfns + s100b", model.get("formula"));
        List<Map<String, String>> coef = Csv.read(out.resolve("coefficients.csv"));
        assertEquals(List.of("(Intercept)", "age", "female", "wfns", "s100b"), coef.stream().map(m -> m.get("term")).toList());

        CliTest.Run s = CliTest.run("nomogram", "score", "--nomogram", out.resolve("nomogram.json").toString(), "--values",
                "age=42,female=1,wfns=1,s100b=0.13", "--figure", tmp.resolve("p.png").toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("Linear predictor") && s.out().contains("risk"), s.out());
        assertTrue(Files.size(tmp.resolve("p.png")) > 10_000 && Files.exists(tmp.resolve("p.svg")));

        Path scored = tmp.resolve("scored.csv");
        CliTest.Run t = CliTest.run("nomogram", "score", "--nomogram", out.resolve("nomogram.json").toString(), "--table",
                csv.toString(), "--out", scored.toString());
        assertEquals(0, t.code(), t.err());
        assertEquals(113, Csv.read(scored).size());
    }

    /**
     * Two signatures from two runs on the same cases (clinical scores age + wfns, biomarkers s100b + ndka) and a
     * clinical variable: the table holds each run's training logits, the nomogram all three variables; a run
     * with other training cases is refused.
     */
    @Test
    @SuppressWarnings("unchecked")
    void severalSignaturesFromRunsOnTheSameCases() throws Exception {
        String asah = TestData.shared("reference/stats/aSAH.csv").toString();
        Path a = tmp.resolve("clin");
        Path b = tmp.resolve("bio");
        Path c = tmp.resolve("other-seed");
        for (Object[] run : new Object[][] {{a, "gos6,gender,s100b,ndka", "42"}, {b, "gos6,gender,age,wfns", "42"},
            {c, "gos6,gender,age,wfns", "7"}}) {
            CliTest.Run t = CliTest.run("model", "train", "--table", asah, "--label", "outcome", "--positive", "Poor",
                    "--exclude", (String) run[1], "--classifiers", "lr-l2", "--select", "zscore", "--bootstrap", "0",
                    "--seed", (String) run[2], "--out", run[0].toString());
            assertEquals(0, t.code(), t.err());
        }
        Path out = tmp.resolve("nom");
        CliTest.Run r = CliTest.run("nomogram", "--run", a.toString(), "--vars", "gender", "--signature",
                "Clin_score=" + a, "--signature", "Bio_score=" + b + ":lr-l2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = Json.parseObject(Files.readString(out.resolve("nomogram.json")));
        List<Object> vars = (List<Object>) j.get("variables");
        assertEquals(List.of("gender", "Clin_score", "Bio_score"), vars.stream().map(v -> ((Map<String, Object>) v).get("name")).toList());
        assertEquals("categorical", ((Map<String, Object>) vars.get(0)).get("type"));
        List<Map<String, String>> table = Csv.read(out.resolve("nomogram_input.csv"));
        Map<String, Map<String, String>> predB = new java.util.HashMap<>();
        for (Map<String, String> p : Csv.read(b.resolve("predictions.csv"))) {
            predB.put(p.get("ID"), p);
        }
        assertEquals(79, table.size(), "the training cases only");
        for (Map<String, String> row : table) {
            Map<String, String> p = predB.get(row.get("ID"));
            assertEquals("train", p.get("Set"));
            double prob = Double.parseDouble(p.get("p_lr-l2"));
            assertEquals(Math.log(prob / (1 - prob)), Double.parseDouble(row.get("Bio_score")), 1e-12);
            assertEquals(p.get("outcome=Poor").equals("1") ? "Poor" : "Good", row.get("outcome"));
        }
        // out-of-fold signatures: the logits of cv_predictions.csv
        Path outCv = tmp.resolve("nom-cv");
        CliTest.Run rc = CliTest.run("nomogram", "--run", a.toString(), "--vars", "gender", "--signature",
                "Bio_score=" + b, "--signature-source", "cv", "--out", outCv.toString());
        assertEquals(0, rc.code(), rc.err());
        Map<String, Double> cvLogit = new java.util.HashMap<>();
        for (Map<String, String> p : Csv.read(b.resolve("cv_predictions.csv"))) {
            double prob = Double.parseDouble(p.get("p_lr-l2"));
            cvLogit.put(p.get("ID"), Math.log(prob / (1 - prob)));
        }
        for (Map<String, String> row : Csv.read(outCv.resolve("nomogram_input.csv"))) {
            assertEquals(cvLogit.get(row.get("ID")), Double.parseDouble(row.get("Bio_score")), 1e-12);
        }
        CliTest.Run bad = CliTest.run("nomogram", "--run", a.toString(), "--signature", "Bio_score=" + c, "--out",
                tmp.resolve("bad").toString());
        assertEquals(Main.EXIT_BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("other training cases"), bad.err());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        Path csv = TestData.shared("reference/stats/aSAH_glm_fitted.csv");
        CliTest.Run r = CliTest.run("nomogram", "--table", csv.toString(), "--label", "outcome", "--positive", "1",
                "--vars", "age,bmi", "--out", tmp.resolve("x").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code());
        assertTrue(r.err().contains("no column 'bmi'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        r = CliTest.run("nomogram", "--table", csv.toString(), "--label", "outcome", "--positive", "2",
                "--vars", "age", "--out", tmp.resolve("x").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
    }
}
