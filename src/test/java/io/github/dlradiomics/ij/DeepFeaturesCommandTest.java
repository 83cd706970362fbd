package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.cli.Main;
import io.github.dlradiomics.deep.DeepModel;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.util.Csv;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.frame.Recorder;
import ij.plugin.frame.RoiManager;
import ij.text.TextWindow;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deep Features (2.5D) in ImageJ (under Xvfb) with the real SqueezeNet weights from ../shared: the recorded
 * lines replay through {@code ./dlrad macro} to the same table, the slice is the one Largest ROI Slice
 * reports, the values are those of {@code ./dlrad deep}, the model stays loaded between runs, and a missing
 * model in a macro is one Log line, never a dialog.
 */
class DeepFeaturesCommandTest {
    static final String CMD = "Deep Features (2.5D)...";
    static final String SQUEEZENET = "models/squeezenet1.1/squeezenet1.1_imagenet_fp32.onnx";

    @TempDir
    Path tmp;
    Path imageFile;
    Path maskFile;

    @BeforeEach
    void open() throws Exception {
        DlradProcess.assumeDisplay();
        FijiLauncher.start(false);
        MacroRunner.closeAllImages();
        closeTables();
        // Label 1: a lens, widest at x = 14 (the sagittal axis is X for this identity direction) and on
        // slice z = 4; label 2: a box on slices 6..8.
        Volume img = new Volume(40, 36, 10, PixelType.INT16).setSpacing(0.8, 0.7, 2).setOrigin(-10, 5, 30);
        Volume mask = new Volume(40, 36, 10, PixelType.UINT8).copyGeometryFrom(img);
        Random rnd = new Random(5);
        for (int z = 0; z < 10; z++) {
            for (int y = 0; y < 36; y++) {
                for (int x = 0; x < 40; x++) {
                    double dx = (x - 14) / 7.0;
                    double dy = (y - 15) / 9.0;
                    double dz = (z - 4) / 3.5;
                    boolean one = dx * dx + dy * dy + dz * dz <= 1;
                    boolean two = x >= 26 && x < 36 && y >= 20 && y < 32 && z >= 6 && z <= 8;
                    img.set(x, y, z, 100 + rnd.nextInt(80) + (one ? 60 + 4 * y : 0) + (two ? 150 - 5 * x : 0));
                    mask.set(x, y, z, one ? 1 : two ? 2 : 0);
                }
            }
        }
        imageFile = tmp.resolve("img.nrrd");
        maskFile = tmp.resolve("mask.nrrd");
        Volumes.write(img, imageFile);
        Volumes.write(mask, maskFile);
    }

    @AfterEach
    void close() {
        GuiTestSupport.closeAll(DeepFeaturesCommand.TABLE, "Largest ROI Slice");
    }

    private static void closeTables() {
        GuiTestSupport.closeTables(DeepFeaturesCommand.TABLE, "Largest ROI Slice");
    }

    /** Opens the image and the mask, and the mask's outlines as ROIs; the lines that do the same in a macro. */
    private String openWithRois() {
        String macro = "run(\"Open Volume...\", \"image=[" + imageFile + "]\");\n"
                + "run(\"Open Volume...\", \"image=[" + maskFile + "]\");\n"
                + "run(\"Label Mask to ROIs\", \"mask=mask.nrrd axis=Z\");\n"
                + "selectImage(\"img.nrrd\");\n";
        IJ.runMacro(macro);
        assertNotNull(WindowManager.getImage("img.nrrd"), IJ.getLog());
        assertTrue(RoiManager.getInstance() != null && RoiManager.getInstance().getCount() > 0, IJ.getLog());
        return macro;
    }

    @Test
    void recordedLinesReplayToTheSameTableAtTheLargestRoiSlice() throws Exception {
        Path model = TestData.shared(SQUEEZENET);
        String replay = openWithRois();
        List<String> roisBefore = roiNames();
        ImagePlus image = WindowManager.getImage("img.nrrd");
        List<String> lines = new ArrayList<>();
        Recorder recorder = new Recorder(false);
        try {
            // ROIs, all labels, sagittal (auto), one neighbour each side, mean of 3 slices
            lines.add(record(recorder, image, gd -> {
                choose(gd, 0, DeepFeaturesCommand.ROI_MANAGER);
                text(gd, 0, "all");
                choose(gd, 1, "squeezenet1.1-imagenet");
                text(gd, 1, "");
                text(gd, 2, model);
                choose(gd, 2, "features");
                choose(gd, 3, "auto");
                number(gd, 0, 1);
                choose(gd, 4, "per-slice");
                choose(gd, 5, "mean");
                number(gd, 1, 2);
                check(gd, 0, false);
                check(gd, 1, true);
                choose(gd, 6, "none");
                text(gd, 3, "");
                number(gd, 2, 2);
            }));
            // the label image, label 2 along Z, three slices as colours, class probabilities
            lines.add(record(recorder, image, gd -> {
                choose(gd, 0, "mask.nrrd");
                text(gd, 0, "2");
                choose(gd, 2, "logits");
                choose(gd, 3, "Z");
                number(gd, 0, 1);
                choose(gd, 4, "channels");
                number(gd, 1, 0);
                check(gd, 1, false);
                choose(gd, 6, "zero");
                text(gd, 3, "minmax");
                number(gd, 2, 1);
            }));
            // no mask: the whole current slice
            IJ.runMacro("selectImage(\"img.nrrd\"); setSlice(6);");
            lines.add(record(recorder, image, gd -> {
                choose(gd, 0, DeepFeaturesCommand.NONE);
                choose(gd, 2, "features"); // neighbours, mode channels and outside zero from the last run do not apply
                text(gd, 3, "");
            }));
        } finally {
            recorder.close();
        }
        System.out.println("recorded:\n" + String.join("\n", lines));
        String first = lines.get(0);
        assertTrue(first.startsWith("run(\"" + CMD + "\", \"mask=[ROI Manager] labels=all model=squeezenet1.1-imagenet "),
                first);
        assertTrue(first.contains(" model_file=[" + model + "]") || first.contains(" model_file=" + model + " "), first);
        assertTrue(first.contains(" axis=auto neighbours=1 mode=per-slice aggregate=mean margin=2 square outside=none")
                && !first.contains("offline"), first);
        assertTrue(lines.get(1).contains("mask=mask.nrrd labels=2") && !lines.get(1).contains(" square"), lines.get(1));
        assertTrue(lines.get(2).contains("mask=None"), lines.get(2));
        assertEquals(roisBefore, roiNames(), "the ROI Manager is left as it was");
        String log = IJ.getLog();
        assertTrue(log.contains("Deep Features: model squeezenet1.1-imagenet (SqueezeNet 1.1, ImageNet-1k): " + model
                + " (explicit), sha256 7bf95a128e0991e68322aa08715e1f98d193b356263dd4932e49d096191f7b23"), log);

        ResultsTable rt = ResultsTable.getResultsTable(DeepFeaturesCommand.TABLE);
        assertNotNull(rt, IJ.getLog());
        assertEquals(4, rt.size());
        assertEquals("img.nrrd:1", rt.getStringValue("ROI", 0));
        assertEquals("img.nrrd:2", rt.getStringValue("ROI", 1));
        assertEquals("img.nrrd:2", rt.getStringValue("ROI", 2));
        assertEquals("img.nrrd:whole", rt.getStringValue("ROI", 3));
        assertEquals("X", rt.getStringValue("Axis", 0));
        assertEquals("Z", rt.getStringValue("Axis", 2));
        assertEquals(6, (int) rt.getValue("Slice", 3));
        assertEquals("6", rt.getStringValue("Slices", 3));
        assertTrue(rt.getValue("DL_0512", 0) >= 0 && rt.columnExists("Top1") && rt.columnExists("p_0999"));
        Path expected = tmp.resolve("expected.csv");
        rt.saveAs(expected.toString());

        // The slice is the one Largest ROI Slice reports for the same labels and axis.
        int[] largest = largestSlices("source=ROIs image=img.nrrd axis=auto label=0", 2);
        for (int row = 0; row < 2; row++) {
            int s = (int) rt.getValue("Slice", row);
            assertEquals(largest[row], s, "label " + (row + 1));
            assertEquals((s - 1) + ";" + s + ";" + (s + 1), rt.getStringValue("Slices", row));
        }
        assertEquals(15, largest[0], "the lens is widest at x = 14 (slice 15)");
        assertEquals(largestSlices("source=image image=mask.nrrd axis=Z label=2", 1)[0], (int) rt.getValue("Slice", 2));

        Path replayed = tmp.resolve("replayed.csv");
        Path macro = tmp.resolve("replay.ijm");
        Files.writeString(macro, replay + lines.get(0) + "\n" + lines.get(1) + "\nsetSlice(6);\n" + lines.get(2)
                + "\nselectWindow(\"Deep Features\");\nsaveAs(\"Results\", \"" + replayed + "\");\n");
        DlradProcess.Result r = DlradProcess.run(120, "macro", macro.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(Files.readString(expected), Files.readString(replayed));
    }

    @Test
    void sameValuesAsTheCommandLineAndTheModelStaysLoaded() throws Exception {
        Path model = TestData.shared(SQUEEZENET);
        openWithRois();
        ImagePlus image = WindowManager.getImage("img.nrrd");
        String options = "mask=[ROI Manager] labels=1 model=squeezenet1.1-imagenet model_file=[" + model + "]"
                + " output=features axis=auto neighbours=1 mode=per-slice aggregate=max margin=1.5 square"
                + " outside=none intensity=[] threads=";
        IJ.run(image, CMD, options + "2");
        DeepModel loaded = DeepFeaturesCommand.loadedModel();
        assertNotNull(loaded, IJ.getLog());
        IJ.run(image, CMD, options + "2");
        assertSame(loaded, DeepFeaturesCommand.loadedModel(), "the same model file and threads: not loaded again");
        ResultsTable rt = ResultsTable.getResultsTable(DeepFeaturesCommand.TABLE);
        assertEquals(2, rt.size(), IJ.getLog());

        Path out = tmp.resolve("cli.csv");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"deep", "--image", imageFile.toString(), "--mask", maskFile.toString(),
            "--label", "1", "--model", "squeezenet1.1-imagenet", "--model-file", model.toString(), "--neighbours", "1",
            "--aggregate", "max", "--margin", "1.5", "--threads", "2", "--out", out.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        Map<String, String> cli = Csv.read(out).get(0);
        assertEquals(Integer.parseInt(cli.get("Slice")) + 1, (int) rt.getValue("Slice", 1));
        int compared = 0;
        for (int i = 1; i <= 512; i++) {
            String c = String.format("DL_%04d", i);
            assertEquals(Double.parseDouble(cli.get(c)), rt.getValue(c, 1), 0, c);
            assertEquals(rt.getValue(c, 0), rt.getValue(c, 1), 0, c + ": run 1 and run 2");
            compared++;
        }
        assertEquals(512, compared);

        IJ.run(image, CMD, options + "1");
        assertNotSame(loaded, DeepFeaturesCommand.loadedModel(), "other threads: loaded again");
        assertEquals(rt.getValue("DL_0007", 0), ResultsTable.getResultsTable(DeepFeaturesCommand.TABLE).getValue("DL_0007", 2),
                1e-4, "1 thread vs 2");
    }

    @Test
    void wholeColourPictureGivesTheCommandLineClasses() throws Exception {
        Path model = TestData.shared(SQUEEZENET);
        Path kitten = TestData.shared("models/squeezenet1.1/kitten_224.png");
        ImagePlus imp = IJ.openImage(kitten.toString());
        assertEquals(ImagePlus.COLOR_RGB, imp.getType());
        imp.show();
        IJ.run(imp, CMD, "mask=None labels=all model=squeezenet1.1-imagenet model_file=[" + model + "] output=logits"
                + " axis=auto neighbours=0 mode=per-slice aggregate=mean margin=0 square outside=none threads=1");
        ResultsTable rt = ResultsTable.getResultsTable(DeepFeaturesCommand.TABLE);
        assertNotNull(rt, IJ.getLog());
        assertEquals("kitten_224.png:whole", rt.getStringValue("ROI", 0));
        assertEquals(281, (int) rt.getValue("Top1", 0));
        assertEquals("tabby, tabby cat", rt.getStringValue("Top1 label", 0));
        assertEquals(0.9316, rt.getValue("Top1 p", 0), 1e-3);
        Path out = tmp.resolve("kitten.csv");
        int code = Main.run(new String[] {"deep", "--image", kitten.toString(), "--model", "squeezenet1.1-imagenet",
            "--model-file", model.toString(), "--output", "logits", "--threads", "1", "--out", out.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        Map<String, String> cli = Csv.read(out).get(0);
        for (String c : List.of("Top1 p", "p_0285", "p_0282")) {
            assertEquals(Double.parseDouble(cli.get(c)), rt.getValue(c, 0), 0, c);
        }
    }

    @Test
    void missingModelInAMacroIsOneLoggedLine() throws Exception {
        String image = "newImage(\"img\", \"16-bit ramp\", 64, 64, 3);\nmakeRectangle(10, 10, 20, 20);\n"
                + "roiManager(\"add\");\n";
        DlradProcess.Result r = macro(image + "run(\"" + CMD + "\", \"mask=[ROI Manager] labels=all"
                + " model=squeezenet1.1-imagenet model_file=[" + tmp.resolve("none.onnx") + "] output=features"
                + " axis=Z threads=1\");");
        String line = assertOneLine(r);
        assertTrue(line.contains("none.onnx does not exist") && line.contains("docs/models.md"), line);

        r = macro(image + "run(\"" + CMD + "\", \"mask=[ROI Manager] labels=all model=radimagenet-resnet50"
                + " model_file=[] offline output=features axis=Z threads=1\");");
        line = assertOneLine(r);
        assertTrue(line.contains("RadImageNet-ResNet50.onnx not found") && line.contains("Model_file (key model_file)")
                && line.contains("docs/models.md") && !line.contains("--model-file"), line);

        r = macro(image + "run(\"" + CMD + "\", \"mask=[ROI Manager] modle=squeezenet1.1-imagenet\");");
        assertTrue(assertOneLine(r).contains("unknown key 'modle' (valid: mask, labels, model"), r.out());
    }

    /** The example macro makes its own cohort and picks the slice Largest ROI Slice reports. */
    @Test
    void exampleMacro() throws Exception {
        Path model = TestData.shared(SQUEEZENET);
        DlradProcess.Result r = DlradProcess.run(120, "macro",
                TestData.projectRoot().resolve("macros/deep_features.ijm").toString(), model.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Matcher deep = Pattern.compile("SYN001 SYN001.nii.gz:\\d+: axis Z, slice (\\d+) \\(slices (\\d+);(\\d+);(\\d+)\\),"
                + " DL_0001..DL_0005 = [\\d.]+ [\\d.]+ [\\d.]+").matcher(r.out());
        assertTrue(deep.find(), r.out());
        assertTrue(r.out().contains("Largest ROI Slice: slice " + deep.group(1) + "\n"), r.out());
    }

    private DlradProcess.Result macro(String text) throws Exception {
        Path m = Files.createTempFile(tmp, "m", ".ijm");
        Files.writeString(m, text + "\nprint(\"after\");\n");
        return DlradProcess.run(90, "macro", m.toString());
    }

    /** Exit code 1 (3 would be a blocking dialog), the macro stopped, and exactly one DLRadiomics Log line: that line. */
    private static String assertOneLine(DlradProcess.Result r) {
        assertEquals(1, r.code(), "exit code (3 = a dialog blocked): " + r.err() + r.out());
        assertFalse(r.out().contains("after"), "the macro stopped: " + r.out());
        List<String> lines = r.out().lines().filter(l -> l.contains("Deep Features")).toList();
        assertEquals(1, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("DLRadiomics Deep Features: "), lines.get(0));
        return lines.get(0);
    }

    /** The Slice column of Largest ROI Slice for {@code options}, first {@code n} rows. */
    private static int[] largestSlices(String options, int n) {
        closeTable("Largest ROI Slice");
        IJ.run(WindowManager.getImage("img.nrrd"), "Largest ROI Slice", options);
        ResultsTable rt = ResultsTable.getResultsTable("Largest ROI Slice");
        assertNotNull(rt, IJ.getLog());
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = (int) rt.getValue("Slice", i);
        }
        return s;
    }

    private static void closeTable(String title) {
        if (WindowManager.getFrame(title) instanceof TextWindow tw) {
            tw.close(false);
        }
    }

    /** Runs the command from its menu on {@code image} with the Recorder open, fills the dialog, clicks OK; the recorded line. */
    private static String record(Recorder recorder, ImagePlus image, Consumer<GenericDialog> fill) throws Exception {
        IJ.selectWindow(image.getID());
        for (int i = 0; i < 100 && WindowManager.getCurrentImage() != image; i++) {
            Thread.sleep(50);
        }
        int before = recordedLines(recorder).size();
        IJ.doCommand(CMD);
        GenericDialog gd = GuiTestSupport.waitForDialog("DLRadiomics Deep Features");
        EventQueue.invokeAndWait(() -> {
            fill.accept(gd);
            gd.actionPerformed(new ActionEvent(gd.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK"));
        });
        for (int i = 0; i < 600; i++) {
            List<String> lines = recordedLines(recorder);
            if (lines.size() > before) {
                String log = IJ.getLog();
                assertTrue(log == null || !log.contains("DLRadiomics Deep Features:"), log);
                return lines.get(lines.size() - 1);
            }
            String blocked = MacroRunner.modalDialogText();
            if (blocked != null) {
                throw new AssertionError("a dialog is open: " + blocked);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing recorded after 60 s: " + recorder.getText() + "\nLog: " + IJ.getLog());
    }

    private static List<String> recordedLines(Recorder recorder) {
        return recorder.getText().lines().filter(l -> l.startsWith("run(\"" + CMD + "\"")).toList();
    }

    private static List<String> roiNames() {
        RoiManager rm = RoiManager.getInstance();
        List<String> names = new ArrayList<>();
        for (int i = 0; rm != null && i < rm.getCount(); i++) {
            names.add(rm.getName(i));
        }
        return names;
    }

    private static void text(GenericDialog gd, int i, Object value) {
        ((TextField) gd.getStringFields().get(i)).setText(value.toString());
    }

    private static void number(GenericDialog gd, int i, double value) {
        ((TextField) gd.getNumericFields().get(i)).setText(value == Math.rint(value) ? String.valueOf((long) value)
                : String.valueOf(value));
    }

    private static void check(GenericDialog gd, int i, boolean on) {
        ((Checkbox) gd.getCheckboxes().get(i)).setState(on);
    }

    private static void choose(GenericDialog gd, int i, String item) {
        Choice c = (Choice) gd.getChoices().get(i);
        c.select(item);
        assertEquals(item, c.getSelectedItem());
    }
}
