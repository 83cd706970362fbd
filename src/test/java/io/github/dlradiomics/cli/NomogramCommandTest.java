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
