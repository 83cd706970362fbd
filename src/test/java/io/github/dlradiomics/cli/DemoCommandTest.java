package io.github.dlradiomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./dlrad demo end to end on a small synthetic cohort, offline. */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void demoRunsEndToEndAndReportsTheBestTestAuc() throws Exception {
        Path out = tmp.resolve("demo");
        CliTest.Run r = CliTest.run("demo", "--out", out.toString(), "--cases", "40", "--seed", "5", "--offline");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("SYNTHETIC"), r.out());
        assertTrue(r.out().contains("Best model on the test cases: "), r.out());
        assertTrue(r.out().contains("$ ./dlrad model train"), "the demo shows the commands it runs");
        List<Map<String, String>> cmp = Csv.read(out.resolve("models/comparison.csv"));
        assertEquals(8, cmp.size());
        for (Map<String, String> row : cmp) {
            double auc = Double.parseDouble(row.get("Test AUC"));
            assertTrue(auc >= 0 && auc <= 1, row.toString());
        }
        assertTrue(Files.exists(out.resolve("models/run.json")));
        String html = Files.readString(out.resolve("models/report.html"));
        assertTrue(html.contains("SYNTHETIC"), "the report says the data are synthetic");
        for (String tree : List.of("rf", "et", "xgboost", "lightgbm")) {
            assertTrue(html.contains("Feature importance of " + tree + " ("), tree);
            assertTrue(Files.exists(out.resolve("models/figures/importance_" + tree + ".svg")), tree);
        }
        // the nomogram of Age, Sex and the signature, in its folder and in the report
        if (r.out().contains("Nomogram: skipped")) {
            // a small synthetic cohort can make the in-sample signature separate the classes: said, not hidden
            assertTrue(r.err().contains("dlrad: nomogram: no finite logistic model") && r.err().contains("separat"), r.err());
        } else {
            Map<String, Object> nom = io.github.dlradiomics.util.Json.parseObject(
                    Files.readString(out.resolve("models/nomogram/nomogram.json")));
            assertEquals(3, ((List<?>) nom.get("variables")).size());
            assertTrue(Files.size(out.resolve("models/nomogram/nomogram.png")) > 10_000);
            assertTrue(html.contains("<h2>Nomogram</h2>"), "the report shows the nomogram");
        }
        // with ../shared present the SqueezeNet model is found and the deep features are part of the run
        if (Files.isDirectory(Path.of(System.getProperty("dlrad.shared", "../shared")).resolve("models"))) {
            assertTrue(Files.exists(out.resolve("deep.csv")), r.out());
        } else {
            assertTrue(r.out().contains("Deep features were skipped"), r.out());
            assertTrue(html.contains("Deep features were skipped"), "the report says so");
        }
    }
}
