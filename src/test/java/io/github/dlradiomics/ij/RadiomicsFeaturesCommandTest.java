package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.cli.Main;
import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.util.Csv;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.frame.Recorder;
import ij.plugin.frame.RoiManager;
import ij.text.TextWindow;
import ij.gui.GenericDialog;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Radiomics Features in ImageJ (under Xvfb): the table equals {@code ./dlrad features} column for column,
 * the recorded macro line replays to the same table, and the ROI Manager is left as it was.
 */
class RadiomicsFeaturesCommandTest {
    static final String ALL = "firstorder shape glcm glrlm glszm gldm ngtdm original";

    @TempDir
    Path tmp;
    Path imageFile;
    Path maskFile;
    ImagePlus image;

    @BeforeEach
    void open() throws Exception {
        DlradProcess.assumeDisplay();
        imageFile = TestData.shared("reference/pyradiomics/data/breast1_image.nrrd");
        maskFile = TestData.shared("reference/pyradiomics/data/breast1_label.nrrd");
        FijiLauncher.start(false);
        MacroRunner.closeAllImages();
        closeTable();
        image = ImagePlusConverter.toImagePlus(Volumes.read(imageFile), "breast1_image.nrrd");
        image.show();
        ImagePlusConverter.toImagePlus(Volumes.read(maskFile), "breast1_label.nrrd").show();
    }

    @AfterEach
    void close() {
        if (!java.awt.GraphicsEnvironment.isHeadless()) {
            MacroRunner.closeAllImages();
            closeTable();
        }
    }

    private static void closeTable() {
        Frame f = WindowManager.getFrame(RadiomicsFeaturesCommand.TABLE);
        if (f instanceof TextWindow tw) {
            tw.close(false);
        }
    }

    private ResultsTable measure(String options) {
        closeTable();
        IJ.run(image, "Radiomics Features...", options);
        ResultsTable rt = ResultsTable.getResultsTable(RadiomicsFeaturesCommand.TABLE);
        assertNotNull(rt, "no table 'Radiomics'; Log: " + IJ.getLog());
        return rt;
    }

    private Map<String, String> cli(String... extra) throws Exception {
        Path out = Files.createTempFile(tmp, "cli", ".csv");
        List<String> args = new ArrayList<>(List.of("features", "--image", imageFile.toString(), "--mask",
                maskFile.toString(), "--out", out.toString()));
        args.addAll(Arrays.asList(extra));
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(new String[0]), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return Csv.read(out).get(0);
    }

    /** Every column of ./dlrad features but Image and Mask (paths there, titles here), exactly; returns the count. */
    private static int assertSameAsCli(Map<String, String> cli, ResultsTable rt, int row) {
        List<String> expected = new ArrayList<>(cli.keySet());
        expected.removeAll(List.of("Image", "Mask"));
        List<String> actual = new ArrayList<>(Arrays.asList(rt.getHeadings()));
        actual.removeAll(List.of("ROI", "Image", "Mask"));
        if (!expected.equals(actual)) {
            int i = 0;
            while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) {
                i++;
            }
            throw new AssertionError("columns differ at " + i + ": CLI " + expected.subList(i, Math.min(i + 3,
                    expected.size())) + ", table " + actual.subList(i, Math.min(i + 3, actual.size())));
        }
        for (String c : expected) {
            double want = Double.parseDouble(cli.get(c));
            double got = rt.getValue(c, row);
            assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got), c + ": CLI " + want + ", table " + got);
        }
        return expected.size();
    }

    @Test
    void maskImageGivesExactlyTheCliFeatures() throws Exception {
        ResultsTable rt = measure("mask=breast1_label.nrrd labels=all naming=pyradiomics bin_width=25 bin_count=0"
                + " interpolator=sitkBSpline " + ALL);
        assertEquals(1, rt.size());
        assertEquals("breast1_image.nrrd:1", rt.getStringValue("ROI", 0));
        assertEquals("breast1_label.nrrd", rt.getStringValue("Mask", 0));
        int n = assertSameAsCli(cli(), rt, 0);
        assertTrue(n > 100, "compared " + n + " columns");

        // The dialog's settings map onto PyRadiomics' keys as a parameter file would.
        Path yaml = tmp.resolve("p.yaml");
        Files.writeString(yaml, "setting:\n  binCount: 16\n  resampledPixelSpacing: [1.0, 1.0, 1.0]\n"
                + "  interpolator: sitkLinear\n  sigma: [1.5]\nimageType:\n  Original:\n  LoG:\n"
                + "featureClass:\n  firstorder:\n  glcm:\n");
        rt = measure("mask=breast1_label.nrrd bin_width=25 bin_count=16 resampling=1 interpolator=sitkLinear"
                + " firstorder glcm original log_sigmas=1.5");
        n = assertSameAsCli(cli("--param", yaml.toString()), rt, 0);
        assertTrue(n > 40, "compared " + n + " columns");
        rt = measure("parameter_file=[" + yaml + "] mask=breast1_label.nrrd");
        assertSameAsCli(cli("--param", yaml.toString()), rt, 0);
    }

    /**
     * What a user records: the dialog filled in and OK clicked with the Recorder open (the menu path,
     * IJ.doCommand); the recorded line then runs through ./dlrad macro to the same table.
     */
    @Test
    void recordedLineReplaysThroughDlradMacro() throws Exception {
        Recorder recorder = new Recorder(false);
        String line;
        ResultsTable rt;
        try {
            IJ.selectWindow(image.getID());
            IJ.doCommand("Radiomics Features...");
            GenericDialog gd = GuiTestSupport.waitForDialog("DLRadiomics Radiomics Features");
            EventQueue.invokeAndWait(() -> {
                ((Choice) gd.getChoices().get(0)).select("breast1_label.nrrd");
                ((TextField) gd.getStringFields().get(1)).setText("1");
                ((TextField) gd.getNumericFields().get(0)).setText("32");
                List<String> on = List.of("firstorder", "shape", "glszm", "original");
                for (Object o : gd.getCheckboxes()) {
                    Checkbox cb = (Checkbox) o;
                    cb.setState(on.contains(cb.getLabel().split(" ")[0].toLowerCase(java.util.Locale.ROOT)));
                }
                gd.actionPerformed(new ActionEvent(gd.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK"));
            });
            line = waitForRecordedLine(recorder);
            rt = ResultsTable.getResultsTable(RadiomicsFeaturesCommand.TABLE);
        } finally {
            recorder.close();
        }
        System.out.println("recorded: " + line);
        assertTrue(line.contains("mask=breast1_label.nrrd") && line.contains("labels=1") && line.contains("bin_width=32")
                && line.contains(" firstorder shape glszm original") && !line.contains("glcm"), line);
        assertNotNull(rt, "no table; Log: " + IJ.getLog());
        assertEquals(1, rt.size());
        Path expected = tmp.resolve("expected.csv");
        rt.saveAs(expected.toString());

        Path replayed = tmp.resolve("replayed.csv");
        Path macro = tmp.resolve("replay.ijm");
        Files.writeString(macro, "run(\"Open Volume...\", \"image=[" + imageFile + "]\");\n"
                + "run(\"Open Volume...\", \"image=[" + maskFile + "]\");\n"
                + "selectImage(\"breast1_image.nrrd\");\n"
                + line + "\n"
                + "selectWindow(\"Radiomics\");\n"
                + "saveAs(\"Results\", \"" + replayed + "\");\n");
        DlradProcess.Result r = DlradProcess.run(120, "macro", macro.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(Files.readString(expected), Files.readString(replayed));
        List<String> header = Csv.header(replayed);
        assertTrue(header.contains("original_glszm_ZoneEntropy") && header.contains("original_shape_Sphericity")
                && !header.contains("original_glcm_Contrast"), header.toString());
    }

    private static String waitForRecordedLine(Recorder recorder) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            var found = recorder.getText().lines().filter(l -> l.startsWith("run(\"Radiomics Features...\"")).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            String blocked = MacroRunner.modalDialogText();
            if (blocked != null) {
                throw new AssertionError("a dialog is open: " + blocked);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing recorded after 60 s: " + recorder.getText());
    }

    @Test
    void roiManagerIsReadNotChanged() throws Exception {
        Volume mask = Volumes.read(maskFile);
        RoiManager rm = new RoiManager();
        try {
            for (Map.Entry<String, Roi> e : RoiMasksTest.traced(mask, 1).entrySet()) {
                rm.addRoi(e.getValue());
                rm.rename(rm.getCount() - 1, e.getKey());
            }
            for (int z : new int[] {3, 4, 5}) { // label 2: a small block away from the lesion
                Roi r = new Roi(2, 2, 5, 5);
                r.setPosition(z);
                rm.addRoi(r);
                rm.rename(rm.getCount() - 1, String.format("2-%04d", z));
            }
            rm.select(1);
            String[] names = names(rm);
            int selected = rm.getSelectedIndex();

            ResultsTable rt = measure("mask=[ROI Manager] labels=all naming=pyradiomics bin_width=25 " + ALL);

            assertEquals(RoiManager.getInstance(), rm, "the user's ROI Manager is still the one");
            assertEquals(List.of(names), List.of(names(rm)), "names and order");
            assertEquals(selected, rm.getSelectedIndex(), "selection");
            assertEquals(2, rt.size());
            assertEquals("breast1_image.nrrd:1", rt.getStringValue("ROI", 0));
            assertEquals("breast1_image.nrrd:2", rt.getStringValue("ROI", 1));
            assertEquals("ROI Manager", rt.getStringValue("Mask", 0));
            // Label 1 drawn as ROIs gives the features of the mask file.
            assertSameAsCli(cli(), rt, 0);
        } finally {
            rm.close();
        }
    }

    private static String[] names(RoiManager rm) {
        String[] n = new String[rm.getCount()];
        for (int i = 0; i < n.length; i++) {
            n[i] = rm.getName(i);
        }
        return n;
    }
}
