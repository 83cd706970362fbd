package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.cli.Main;
import io.github.dlradiomics.radiomics.BatchExtraction;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch Radiomics: folder layouts, and macros/batch_features.ijm through ./dlrad macro (under Xvfb). */
class BatchRadiomicsCommandTest {
    @TempDir
    Path tmp;

    private static Path data(String name) {
        return TestData.shared("reference/pyradiomics/data/" + name);
    }

    @Test
    void folderLayouts() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Files.createDirectories(a.resolve("images"));
        Files.createDirectories(a.resolve("masks"));
        Files.writeString(a.resolve("images/p1.nii.gz"), "");
        Files.writeString(a.resolve("masks/p1.nii.gz"), "");
        Files.writeString(a.resolve("images/p2.nrrd"), "");
        Files.writeString(a.resolve("masks/p2.nrrd"), "");
        List<BatchExtraction.Case> cases = BatchRadiomicsCommand.casesOf(a);
        assertEquals(List.of("p1", "p2"), cases.stream().map(c -> c.inputs().get("Case")).toList());
        assertEquals(a.resolve("masks/p2.nrrd"), cases.get(1).mask());

        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(b.resolve("x_image.nrrd"), "");
        Files.writeString(b.resolve("x_label.nrrd"), "");
        Files.writeString(b.resolve("y_image.nii.gz"), "");
        UserInputException e = assertThrows(UserInputException.class, () -> BatchRadiomicsCommand.casesOf(b));
        assertTrue(e.getMessage().contains("unpaired files: y (no mask)"), e.getMessage());
        Files.writeString(b.resolve("y_mask.nii.gz"), "");
        assertEquals(2, BatchRadiomicsCommand.casesOf(b).size());

        e = assertThrows(UserInputException.class, () -> BatchRadiomicsCommand.casesOf(Files.createDirectories(
                tmp.resolve("empty"))));
        assertTrue(e.getMessage().contains("no cases found"), e.getMessage());
    }

    /** The example macro: a good case equal to ./dlrad features, a bad case listed in the Log and the errors column. */
    @Test
    void exampleMacroOverAFolder() throws Exception {
        DlradProcess.assumeDisplay();
        Path study = Files.createDirectories(tmp.resolve("study with space"));
        Files.copy(data("breast1_image.nrrd"), study.resolve("good_image.nrrd"));
        Files.copy(data("breast1_label.nrrd"), study.resolve("good_mask.nrrd"));
        Files.copy(data("breast1_image.nrrd"), study.resolve("bad_image.nrrd"));
        Files.copy(data("brain1_label.nrrd"), study.resolve("bad_mask.nrrd"));
        Path macro = TestData.projectRoot().resolve("macros/batch_features.ijm");
        DlradProcess.Result r = DlradProcess.run(180, "macro", macro.toString(), study.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("Batch Radiomics: case bad: image and mask geometry differ"), r.out());
        assertTrue(r.out().contains("batch_features: 2 cases, "), r.out());
        assertTrue(r.out().contains(" 1 failed -> "), r.out());

        List<Map<String, String>> rows = Csv.read(study.resolve("features.csv"));
        assertEquals(List.of("bad", "good"), rows.stream().map(m -> m.get("Case")).toList());
        assertTrue(rows.get(0).get("errors").contains("geometry differ"));
        assertEquals("", rows.get(1).get("errors"));

        Path cli = tmp.resolve("cli.csv");
        int code = Main.run(new String[] {"features", "--image", data("breast1_image.nrrd").toString(), "--mask",
            data("breast1_label.nrrd").toString(), "--out", cli.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        Map<String, String> expected = Csv.read(cli).get(0);
        int compared = 0;
        for (var e : expected.entrySet()) {
            if (e.getKey().startsWith("original_")) {
                assertEquals(e.getValue(), rows.get(1).get(e.getKey()), e.getKey());
                compared++;
            }
        }
        assertTrue(compared > 100, "compared " + compared);
    }

    @Test
    void badInputInAMacroIsLogged() throws Exception {
        DlradProcess.assumeDisplay();
        Path m = tmp.resolve("m.ijm");
        Files.writeString(m, "run(\"Batch Radiomics...\", \"input=[" + tmp.resolve("none") + "] output=[" + tmp.resolve(
                "o.csv") + "]\");\nprint(\"after\");\n");
        DlradProcess.Result r = DlradProcess.run(60, "macro", m.toString());
        assertEquals(1, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("DLRadiomics Batch Radiomics: " + tmp.resolve("none") + ": no such folder or CSV"),
                r.out());
        Files.writeString(m, "run(\"Batch Radiomics...\", \"input=x outptu=y\");\n");
        r = DlradProcess.run(60, "macro", m.toString());
        assertEquals(1, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("DLRadiomics Batch Radiomics: unknown key 'outptu'"), r.out());
    }
}
