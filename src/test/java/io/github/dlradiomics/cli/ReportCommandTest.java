package io.github.dlradiomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./dlrad report on a real model train folder; a missing folder is bad input. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void reportOfATrainingRun() throws Exception {
        String wdbc = TestData.shared("reference/stats/breast_cancer_wdbc.csv").toString();
        Path run = tmp.resolve("run");
        CliTest.Run t = CliTest.run("model", "train", "--table", wdbc, "--label", "target", "--positive", "0",
                "--classifiers", "lr-l2,knn", "--select", "variance,zscore,corr:0.9", "--bootstrap", "0", "--out",
                run.toString());
        assertEquals(0, t.code(), t.err());
        CliTest.Run r = CliTest.run("report", "--run", run.toString(), "--bootstrap", "100", "--synthetic", "--note",
                "Deep features <not> run");
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("SYNTHETIC DATA") && html.contains("knn") && html.contains("ROC curves"));
        assertTrue(Files.isRegularFile(run.resolve("figures/roc_test.svg")));
        assertTrue(html.contains("<b>Note:</b> Deep features &lt;not&gt; run"), "the note, escaped");
        assertTrue(!html.contains("LASSO") && !Files.exists(run.resolve("figures/lasso_path.png")), "no lasso step, no LASSO figure");
        assertEquals(Main.EXIT_BAD_INPUT, CliTest.run("report", "--run", tmp.resolve("none").toString()).code());
    }
}
