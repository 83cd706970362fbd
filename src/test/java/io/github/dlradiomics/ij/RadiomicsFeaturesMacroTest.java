package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Radiomics Features from {@code ./dlrad macro}: bad input is one logged line and exit code 1, never a dialog
 * (the watchdog would give 3); a single-slice image works.
 */
class RadiomicsFeaturesMacroTest {
    static final String CMD = "run(\"Radiomics Features...\", ";

    @TempDir
    Path tmp;

    @BeforeEach
    void display() {
        DlradProcess.assumeDisplay();
    }

    private DlradProcess.Result macro(String text) throws Exception {
        Path m = Files.createTempFile(tmp, "m", ".ijm");
        Files.writeString(m, text + "\nprint(\"after\");\n");
        return DlradProcess.run(90, "macro", m.toString());
    }

    private static void assertFails(DlradProcess.Result r, String expected) {
        assertEquals(1, r.code(), "exit code (3 = a dialog blocked): " + r.err() + r.out());
        assertTrue(r.out().contains("DLRadiomics Radiomics Features: " + expected), r.out());
        assertFalse(r.out().contains("after"), "the macro stopped");
    }

    @Test
    void noImageOpen() throws Exception {
        assertFails(macro(CMD + "\"mask=[ROI Manager] firstorder original\");"), "no image is open");
    }

    @Test
    void noRois() throws Exception {
        assertFails(macro("newImage(\"a\", \"16-bit ramp\", 64, 64, 3);\n" + CMD
                + "\"mask=[ROI Manager] firstorder original\");"), "no ROIs: the ROI Manager is");
    }

    @Test
    void roiOutsideTheImage() throws Exception {
        assertFails(macro("newImage(\"big\", \"8-bit ramp\", 200, 200, 1);\nmakeRectangle(150, 150, 20, 20);\n"
                + "roiManager(\"add\");\nnewImage(\"small\", \"8-bit ramp\", 64, 64, 1);\n" + CMD
                + "\"mask=[ROI Manager] firstorder original\");"), "ROI '");
    }

    @Test
    void maskOfAnotherSize() throws Exception {
        assertFails(macro("newImage(\"msk\", \"8-bit black\", 32, 32, 3);\nnewImage(\"img\", \"16-bit ramp\", 64, 64, 3);\n"
                + CMD + "\"mask=msk firstorder original\");"), "mask image 'msk' is 32x32x3 but image 'img' is 64x64x3");
    }

    @Test
    void unknownMacroKeyAndUnknownParameterKey() throws Exception {
        assertFails(macro("newImage(\"img\", \"16-bit ramp\", 64, 64, 3);\n" + CMD
                + "\"mask=[ROI Manager] bin_widht=5 firstorder original\");"), "unknown key 'bin_widht' (valid: ");
        assertFails(macro("newImage(\"img\", \"16-bit ramp\", 64, 64, 3);\n" + CMD
                + "\"mask=nothing firstorder original\");"), "'mask=nothing' is not an open image's title");
        Path yaml = tmp.resolve("bad.yaml");
        Files.writeString(yaml, "setting:\n  binWidht: 25\n");
        DlradProcess.Result r = macro("newImage(\"img\", \"16-bit ramp\", 64, 64, 3);\nmakeRectangle(5, 5, 20, 20);\n"
                + "roiManager(\"add\");\n" + CMD + "\"parameter_file=[" + yaml + "] mask=[ROI Manager]\");");
        assertFails(r, yaml + ": ");
        assertTrue(r.out().contains("binWidht"), r.out());
    }

    /** A 2D image with a ROI: the dialog's settings switch to force2D and shape2D by themselves. */
    @Test
    void singleSliceImageWithARoi() throws Exception {
        Path csv = tmp.resolve("t.csv");
        DlradProcess.Result r = macro("newImage(\"slice\", \"16-bit ramp\", 64, 64, 1);\n"
                + "makeOval(10, 10, 30, 24);\nroiManager(\"add\");\nrun(\"Select None\");\n"
                + CMD + "\"mask=[ROI Manager] bin_width=2000 firstorder shape glcm original\");\n"
                + "Table.save(\"" + csv + "\", \"Radiomics\");\n"
                + "print(\"label=\" + Table.getString(\"ROI\", 0, \"Radiomics\"));");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("label=slice:1"), r.out());
        String header = Files.readString(csv).lines().findFirst().orElse("");
        assertTrue(header.contains("original_shape2D_PixelSurface") && header.contains("original_glcm_Contrast")
                && !header.contains("original_shape_"), header);
    }

    @Test
    void hyperstackIsRefused() throws Exception {
        assertFails(macro("newImage(\"hs\", \"8-bit ramp\", 32, 32, 2, 3, 1);\n" + CMD
                + "\"mask=[ROI Manager] firstorder original\");"), "image 'hs' is a hyperstack");
    }
}
