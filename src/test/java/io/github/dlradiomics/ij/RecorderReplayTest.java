package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.frame.Recorder;
import ij.plugin.frame.RoiManager;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue acceptance "the string the Recorder writes replays to the same result" (under Xvfb): every
 * DLRadiomics command with a dialog is run from its menu command with the Recorder open, its real dialog
 * filled in and OK clicked; the recorded lines, verbatim, then run in one {@code ./dlrad macro} child JVM,
 * and the results are compared: files written (volumes voxel for voxel, text byte for byte), tables
 * saved as CSV, images, and the ROI Manager's names.
 */
class RecorderReplayTest {
    @TempDir
    Path tmp;
    Path in;
    Path out;
    Recorder recorder;
    /** The replay macro: recorded lines, plus the selections and saves that mirror this session. */
    final StringBuilder replay = new StringBuilder();
    final List<String> recorded = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        DlradProcess.assumeDisplay();
        FijiLauncher.start(false);
        MacroRunner.closeAllImages();
        in = Files.createDirectories(tmp.resolve("in"));
        out = Files.createDirectories(tmp.resolve("out"));
        Files.createDirectories(tmp.resolve("replay"));
        Volume img = new Volume(24, 20, 6, PixelType.INT16).setSpacing(0.8, 0.8, 2).setOrigin(-10, 5, 30);
        Random rnd = new Random(3);
        Volume mask = new Volume(24, 20, 6, PixelType.UINT8).copyGeometryFrom(img);
        Volume mask2 = new Volume(24, 20, 6, PixelType.UINT8).copyGeometryFrom(img);
        for (int z = 0; z < 6; z++) {
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 24; x++) {
                    boolean one = x >= 4 && x < 12 && y >= 4 && y < 12 && z >= 1 && z < 5;
                    boolean two = x >= 14 && x < 20 && y >= 10 && y < 17 && (z == 0 || z == 4);
                    img.set(x, y, z, 40 + rnd.nextInt(60) + (one ? 80 : 0) + (two ? 40 : 0));
                    mask.set(x, y, z, one ? 1 : two ? 2 : 0);
                    boolean one2 = x >= 5 && x < 12 && y >= 4 && y < 13 && z >= 1 && z < 5;
                    mask2.set(x, y, z, one2 ? 1 : two ? 2 : 0);
                }
            }
        }
        Volumes.write(img, in.resolve("img.nrrd"));
        Volumes.write(mask, in.resolve("mask.nrrd"));
        Volumes.write(mask2, in.resolve("mask2.nrrd"));
        Files.createDirectories(in.resolve("batch/images"));
        Files.createDirectories(in.resolve("batch/masks"));
        Volumes.write(img, in.resolve("batch/images/c1.nrrd"));
        Volumes.write(mask, in.resolve("batch/masks/c1.nrrd"));
        recorder = new Recorder(false);
    }

    @AfterEach
    void stop() {
        if (recorder != null) {
            recorder.close();
        }
        GuiTestSupport.closeAll("Largest ROI Slice", "Radiomics", "Reader Agreement");
    }

    @Test
    void everyRecordedCommandReplaysToTheSameResult() throws Exception {
        record("Open Volume...", "Open Volume", gd -> text(gd, 0, in.resolve("img.nrrd")));
        assertNotNull(WindowManager.getImage("img.nrrd"), IJ.getLog());
        record("Teaching Cohort...", "Teaching Cohort", gd -> {
            text(gd, 0, out.resolve("cohort"));
            number(gd, 0, 1);
            number(gd, 1, 7);
            choose(gd, 0, "CT");
            number(gd, 2, 0.5);
        });
        select("img.nrrd");
        record("Save Volume...", "Save Volume", gd -> text(gd, 0, out.resolve("saved.nii.gz")));
        select("img.nrrd");
        record("Import Mask...", "Import Mask", gd -> text(gd, 0, in.resolve("mask.nrrd")));
        assertNotNull(WindowManager.getImage("mask.nrrd"), IJ.getLog());
        select("mask.nrrd");
        record("Export Mask...", "Export Mask", gd -> text(gd, 0, out.resolve("exported.nrrd")));
        record("Label Mask to ROIs", "Label Mask to ROIs", gd -> {
            choose(gd, 0, "mask.nrrd");
            choose(gd, 1, "Z");
        });
        List<String> afterLabelRois = roiNames();
        replay.append("print(\"ROIS1=\" + roiNames());\n");
        select("img.nrrd");
        record("Interpolate ROIs", "Interpolate ROIs", gd -> {
            choose(gd, 0, "img.nrrd");
            choose(gd, 1, "Z");
            text(gd, 0, "");
        });
        List<String> afterInterpolate = roiNames();
        replay.append("print(\"ROIS2=\" + roiNames());\n");
        assertEquals(List.of("1-0002", "1-0003", "1-0004", "1-0005", "2-0001", "2-0005"), afterLabelRois);
        assertEquals(9, afterInterpolate.size(), afterInterpolate.toString());
        select("img.nrrd");
        record("ROIs to Label Mask", "ROIs to Label Mask", gd -> {
            choose(gd, 0, "img.nrrd");
            choose(gd, 1, "Z");
        });
        assertNotNull(WindowManager.getImage("img-labels"), IJ.getLog());
        select("img.nrrd");
        record("Largest ROI Slice", "Largest ROI Slice", gd -> {
            choose(gd, 0, "ROIs");
            choose(gd, 1, "img.nrrd");
            choose(gd, 2, "Z");
            number(gd, 0, 0);
        });
        table("Largest ROI Slice", "largest.csv");
        select("img.nrrd");
        record("Radiomics Features...", "Radiomics Features", gd -> {
            choose(gd, 0, RadiomicsFeaturesCommand.ROI_MANAGER);
            number(gd, 0, 20);
            List<String> on = List.of("firstorder", "shape", "glcm", "original");
            for (Object o : gd.getCheckboxes()) {
                Checkbox cb = (Checkbox) o;
                cb.setState(on.contains(cb.getLabel().split(" ")[0].toLowerCase(Locale.ROOT)));
            }
        });
        table("Radiomics", "radiomics.csv");
        record("Reader Agreement...", "Reader Agreement", gd -> {
            choose(gd, 0, "masks");
            text(gd, 0, in.resolve("mask.nrrd"));
            text(gd, 1, in.resolve("mask2.nrrd"));
            text(gd, 2, "c1");
        });
        table("Reader Agreement", "agreement.csv");
        record("Batch Radiomics...", "Batch Radiomics", gd -> {
            text(gd, 0, in.resolve("batch"));
            text(gd, 1, out.resolve("batch.csv"));
            text(gd, 2, "");
            number(gd, 0, 1);
        });

        // Images this session made, saved by the replay at its end (saveAs renames an image).
        for (String t : new String[] {"img.nrrd", "mask.nrrd", "img-labels"}) {
            replay.append("selectImage(\"").append(t).append("\");\nsaveAs(\"Tiff\", \"")
                    .append(tmp.resolve("replay").resolve(t + ".tif")).append("\");\n");
        }
        replay.append("print(\"REPLAY DONE\");\n");
        recorder.close();
        recorder = null;
        System.out.println("recorded:\n" + String.join("\n", recorded));

        Path expectedOut = tmp.resolve("expected-out");
        Files.move(out, expectedOut);
        Files.createDirectories(out);
        Path macro = tmp.resolve("replay.ijm");
        Files.writeString(macro, """
                function roiNames() {
                    s = "";
                    for (i = 0; i < roiManager("count"); i++) {
                        roiManager("select", i);
                        s = s + Roi.getName + ",";
                    }
                    return s;
                }
                """ + replay);
        DlradProcess.Result r = DlradProcess.run(300, "macro", macro.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("REPLAY DONE"), r.out());

        assertTrue(r.out().contains("ROIS1=" + String.join(",", afterLabelRois) + ","), r.out());
        assertTrue(r.out().contains("ROIS2=" + String.join(",", afterInterpolate) + ","), r.out());
        for (String t : new String[] {"largest.csv", "radiomics.csv", "agreement.csv"}) {
            assertEquals(Files.readString(tmp.resolve("expected").resolve(t)), Files.readString(tmp.resolve("replay").resolve(t)), t);
        }
        for (String t : new String[] {"img.nrrd", "mask.nrrd", "img-labels"}) {
            ImagePlus expected = WindowManager.getImage(t);
            ImagePlus replayed = IJ.openImage(tmp.resolve("replay").resolve(t + ".tif").toString());
            assertNotNull(replayed, t);
            assertEquals(expected.getStackSize(), replayed.getStackSize(), t);
            for (int s = 1; s <= expected.getStackSize(); s++) {
                assertArrayEquals(expected.getStack().getProcessor(s).getFloatArray(),
                        replayed.getStack().getProcessor(s).getFloatArray(), t + " slice " + s);
            }
            assertEquals(expected.getCalibration().pixelWidth, replayed.getCalibration().pixelWidth, 1e-9, t);
            assertEquals(expected.getCalibration().pixelDepth, replayed.getCalibration().pixelDepth, 1e-9, t);
        }
        List<Path> expectedFiles = files(expectedOut);
        assertEquals(expectedFiles, files(out));
        assertTrue(expectedFiles.size() >= 4, expectedFiles.toString());
        for (Path f : expectedFiles) {
            Path a = expectedOut.resolve(f);
            Path b = out.resolve(f);
            String n = f.toString();
            if (n.endsWith(".nii.gz") || n.endsWith(".nii") || n.endsWith(".nrrd")) {
                Volume va = Volumes.read(a);
                Volume vb = Volumes.read(b);
                assertArrayEquals(va.data(), vb.data(), 0, n);
                assertTrue(va.sameGeometry(vb, 0), n);
            } else {
                assertEquals(Files.readString(a), Files.readString(b), n);
            }
        }
    }

    /** Runs {@code command} from its menu with the Recorder open, fills its dialog, clicks OK, and keeps the recorded line. */
    private void record(String command, String name, Consumer<GenericDialog> fill) throws Exception {
        int before = recordedLines(command).size();
        IJ.doCommand(command);
        GenericDialog gd = GuiTestSupport.waitForDialog("DLRadiomics " + name);
        EventQueue.invokeAndWait(() -> {
            fill.accept(gd);
            gd.actionPerformed(new ActionEvent(gd.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK"));
        });
        String line = null;
        for (int i = 0; i < 1200 && line == null; i++) {
            List<String> lines = recordedLines(command);
            if (lines.size() > before) {
                line = lines.get(lines.size() - 1);
            } else {
                String blocked = MacroRunner.modalDialogText();
                if (blocked != null) {
                    throw new AssertionError(command + ": a dialog is open: " + blocked);
                }
                Thread.sleep(100);
            }
        }
        assertNotNull(line, command + ": nothing recorded after 120 s: " + recorder.getText() + "\nLog: " + IJ.getLog());
        String log = IJ.getLog();
        assertTrue(log == null || !log.contains("DLRadiomics " + name + ":"), log);
        recorded.add(line);
        replay.append(line).append('\n');
    }

    private List<String> recordedLines(String command) {
        return recorder.getText().lines().filter(l -> l.startsWith("run(\"" + command + "\"")).toList();
    }

    /** Makes {@code title} the current image, here and in the replay. */
    private void select(String title) throws Exception {
        IJ.selectWindow(title);
        for (int i = 0; i < 100 && WindowManager.getCurrentImage() != WindowManager.getImage(title); i++) {
            Thread.sleep(50);
        }
        assertEquals(title, WindowManager.getCurrentImage().getTitle());
        replay.append("selectImage(\"").append(title).append("\");\n");
    }

    /** Saves table {@code title} here (expected) and in the replay, as CSV. */
    private void table(String title, String file) throws Exception {
        ResultsTable rt = ResultsTable.getResultsTable(title);
        assertNotNull(rt, title + "; Log: " + IJ.getLog());
        assertTrue(rt.size() > 0, title);
        Path e = Files.createDirectories(tmp.resolve("expected")).resolve(file);
        rt.saveAs(e.toString());
        replay.append("selectWindow(\"").append(title).append("\");\nsaveAs(\"Results\", \"")
                .append(tmp.resolve("replay").resolve(file)).append("\");\n");
    }

    private static List<String> roiNames() {
        RoiManager rm = RoiManager.getInstance();
        List<String> names = new ArrayList<>();
        for (int i = 0; rm != null && i < rm.getCount(); i++) {
            names.add(rm.getName(i));
        }
        return names;
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    private static void text(GenericDialog gd, int i, Object value) {
        ((TextField) gd.getStringFields().get(i)).setText(value.toString());
    }

    private static void number(GenericDialog gd, int i, double value) {
        ((TextField) gd.getNumericFields().get(i)).setText(value == Math.rint(value) ? String.valueOf((long) value)
                : String.valueOf(value));
    }

    private static void choose(GenericDialog gd, int i, String item) {
        Choice c = (Choice) gd.getChoices().get(i);
        c.select(item);
        assertEquals(item, c.getSelectedItem());
    }
}
