package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.model.Pipeline;
import io.github.dlradiomics.model.classifiers.LogisticRegression;
import io.github.dlradiomics.nomogram.Nomogram;
import io.github.dlradiomics.nomogram.NomogramModel;
import io.github.dlradiomics.radiomics.FeatureExtractor;
import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.util.Json;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apply Nomogram... under Xvfb: typed values, a signature from the image and ROIs, macro replay and bad input. */
class ApplyNomogramCommandTest {
    static final String CMD = "Apply Nomogram...";

    @TempDir
    Path tmp;
    Path nomogramFile;

    @BeforeEach
    void open() throws Exception {
        DlradProcess.assumeDisplay();
        FijiLauncher.start(false);
        MacroRunner.closeAllImages();
        GuiTestSupport.closeTables(ApplyNomogramCommand.TABLE);
        Path csv = TestData.shared("reference/stats/aSAH_glm_fitted.csv");
        NomogramModel.Result r = NomogramModel.fit(csv, "ID", "outcome", "1", List.of("age", "female", "wfns", "s100b"),
                List.of(), null);
        nomogramFile = tmp.resolve("nomogram.json");
        Files.writeString(nomogramFile, Json.write(r.toJson()));
    }

    @AfterEach
    void close() {
        GuiTestSupport.closeAll(ApplyNomogramCommand.TABLE);
    }

    private Nomogram nomogram() throws Exception {
        return Nomogram.fromJson(Json.parseObject(Files.readString(nomogramFile)));
    }

    @Test
    void typedValuesGiveTheNomogramsRiskAndAWindow() throws Exception {
        String options = "nomogram=[" + nomogramFile + "] signature_pipeline=[] signature_variable=[] parameter_file=[]"
                + " age=42 female=1 wfns=2 s100b=0.13";
        IJ.run(CMD, options);
        ResultsTable rt = ResultsTable.getResultsTable(ApplyNomogramCommand.TABLE);
        assertNotNull(rt, IJ.getLog());
        double expected = nomogram().score(Map.of("age", "42", "female", "1", "wfns", "2", "s100b", "0.13")).risk();
        assertEquals(expected, rt.getValue("Risk", rt.size() - 1), 1e-12);
        assertEquals(42, rt.getValue("age", 0), 0);
        assertTrue(rt.getValue("wfns points", 0) > 0);
        ImagePlus fig = WindowManager.getImage(ApplyNomogramCommand.WINDOW);
        assertNotNull(fig, "the nomogram window");
        assertTrue(fig.getWidth() >= 800 && fig.getHeight() >= 300);

        // the same line through ./dlrad macro in another JVM gives the same risk
        Path m = tmp.resolve("apply.ijm");
        Files.writeString(m, "run(\"" + CMD + "\", \"" + options.replace("\\", "\\\\") + "\");\n"
                + "print(\"risk=\" + d2s(Table.get(\"Risk\", 0, \"" + ApplyNomogramCommand.TABLE + "\"), 12));\n");
        DlradProcess.Result r = DlradProcess.run(90, "macro", m.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        java.util.regex.Matcher mr = java.util.regex.Pattern.compile("risk=([0-9.]+)").matcher(r.out());
        assertTrue(mr.find(), r.out());
        assertEquals(expected, Double.parseDouble(mr.group(1)), 1e-9, r.out());
    }

    /**
     * The signature variable from a pipeline on the current image's ROI: the command's value equals the logit
     * of the pipeline's probability on the features FeatureExtractor computes for the same mask.
     */
    @Test
    void signatureFromTheImageAndRoiManager() throws Exception {
        // a nomogram of age + sig, where sig is a pipeline's logit on two radiomics features
        List<String> feats = List.of("original_firstorder_Mean", "original_shape_VoxelVolume");
        Random rnd = new Random(3);
        double[][] x = new double[80][2];
        int[] y = new int[80];
        StringBuilder csv = new StringBuilder("ID,age,sig,y\n");
        for (int i = 0; i < 80; i++) {
            x[i][0] = 100 + 40 * rnd.nextGaussian();
            x[i][1] = 300 + 100 * rnd.nextGaussian();
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-(x[i][0] - 100) / 30)) ? 1 : 0;
            csv.append(i).append(',').append(40 + rnd.nextInt(40)).append(',').append(rnd.nextGaussian() + y[i])
                    .append(',').append(y[i]).append('\n');
        }
        Path pipelineFile = Pipeline.fit(List.of(), LogisticRegression.create("lr-l2", Map.of(), 1), x, y, feats,
                Map.of("label", "y")).save(tmp, "pipeline-lr-l2.json");
        Files.writeString(tmp.resolve("t.csv"), csv.toString());
        NomogramModel.Result nr = NomogramModel.fit(tmp.resolve("t.csv"), "ID", "y", "1", List.of("age", "sig"), List.of(),
                null);
        Path nom = tmp.resolve("sig-nomogram.json");
        Files.writeString(nom, Json.write(nr.toJson()));

        Volume img = new Volume(40, 36, 6, PixelType.INT16).setSpacing(0.8, 0.8, 2);
        Volume mask = new Volume(40, 36, 6, PixelType.UINT8).copyGeometryFrom(img);
        for (int z = 0; z < 6; z++) {
            for (int yy = 0; yy < 36; yy++) {
                for (int xx = 0; xx < 40; xx++) {
                    boolean in = xx >= 10 && xx < 25 && yy >= 8 && yy < 26 && z >= 1 && z <= 4;
                    img.set(xx, yy, z, 80 + rnd.nextInt(60) + (in ? 2 * xx : 0));
                    mask.set(xx, yy, z, in ? 1 : 0);
                }
            }
        }
        Path imageFile = tmp.resolve("img.nrrd");
        Path maskFile = tmp.resolve("mask.nrrd");
        Volumes.write(img, imageFile);
        Volumes.write(mask, maskFile);
        IJ.runMacro("run(\"Open Volume...\", \"image=[" + imageFile + "]\");\n"
                + "run(\"Open Volume...\", \"image=[" + maskFile + "]\");\n"
                + "run(\"Label Mask to ROIs\", \"mask=mask.nrrd axis=Z\");\n"
                + "selectImage(\"img.nrrd\");\n");
        assertTrue(RoiManager.getInstance() != null && RoiManager.getInstance().getCount() == 4, IJ.getLog());
        int roisBefore = RoiManager.getInstance().getCount();

        IJ.run(WindowManager.getImage("img.nrrd"), CMD, "nomogram=[" + nom + "] signature_pipeline=[" + pipelineFile
                + "] signature_variable=sig parameter_file=[] age=55");
        ResultsTable rt = ResultsTable.getResultsTable(ApplyNomogramCommand.TABLE);
        assertNotNull(rt, IJ.getLog());
        Map<String, Object> f = new FeatureExtractor(RadiomicsParams.defaults().withLabel(1)).extract(
                Volumes.read(imageFile), Volumes.read(maskFile), false, FeatureExtractor.Naming.PYRADIOMICS);
        List<String> names = new ArrayList<>(feats);
        double[][] row = {{((Number) f.get(feats.get(0))).doubleValue(), ((Number) f.get(feats.get(1))).doubleValue()}};
        double p = Pipeline.load(pipelineFile).predict(names, row)[0];
        double sig = Math.log(p / (1 - p));
        assertEquals(sig, rt.getValue("sig", 0), 1e-9);
        double risk = nr.nomogram().score(Map.of("age", "55", "sig", Double.toString(sig))).risk();
        assertEquals(risk, rt.getValue("Risk", 0), 1e-9);
        assertEquals("img.nrrd", rt.getStringValue("Image", 0));
        assertEquals(roisBefore, RoiManager.getInstance().getCount(), "the ROI Manager is only read");
    }

    /** Both dialogs filled in with the Recorder open: the recorded line replays through ./dlrad macro to the same risk. */
    @Test
    void recordedDialogsReplayToTheSameRisk() throws Exception {
        ij.plugin.frame.Recorder recorder = new ij.plugin.frame.Recorder(false);
        String line = null;
        try {
            IJ.doCommand(CMD);
            ij.gui.GenericDialog gd = GuiTestSupport.waitForDialog("DLRadiomics Apply Nomogram");
            java.awt.EventQueue.invokeAndWait(() -> {
                String[] texts = {nomogramFile.toString(), "", "", ""};
                for (int i = 0; i < texts.length; i++) {
                    ((java.awt.TextField) gd.getStringFields().get(i)).setText(texts[i]);
                }
                gd.actionPerformed(new java.awt.event.ActionEvent(gd.getButtons()[0],
                        java.awt.event.ActionEvent.ACTION_PERFORMED, "OK"));
            });
            ij.gui.GenericDialog vd = GuiTestSupport.waitForDialog("DLRadiomics Apply Nomogram: patient");
            java.awt.EventQueue.invokeAndWait(() -> {
                String[] texts = {"67", "0", "3", "0.31"};
                for (int i = 0; i < texts.length; i++) {
                    ((java.awt.TextField) vd.getStringFields().get(i)).setText(texts[i]);
                }
                vd.actionPerformed(new java.awt.event.ActionEvent(vd.getButtons()[0],
                        java.awt.event.ActionEvent.ACTION_PERFORMED, "OK"));
            });
            for (int i = 0; i < 300 && line == null; i++) {
                List<String> lines = recorder.getText().lines().filter(l -> l.startsWith("run(\"" + CMD + "\"")).toList();
                if (!lines.isEmpty()) {
                    line = lines.get(lines.size() - 1);
                } else {
                    Thread.sleep(100);
                }
            }
        } finally {
            recorder.close();
        }
        assertNotNull(line, "nothing recorded; Log: " + IJ.getLog());
        for (String key : List.of("nomogram=" + nomogramFile, "age=67", "female=0", "wfns=3", "s100b=0.31")) {
            assertTrue(line.contains(key), key + " in " + line);
        }
        ResultsTable rt = ResultsTable.getResultsTable(ApplyNomogramCommand.TABLE);
        assertNotNull(rt, IJ.getLog());
        double risk = rt.getValue("Risk", rt.size() - 1);
        assertEquals(nomogram().score(Map.of("age", "67", "female", "0", "wfns", "3", "s100b", "0.31")).risk(), risk, 1e-12);
        Path m = tmp.resolve("replay.ijm");
        Files.writeString(m, line + "\nprint(\"risk=\" + d2s(Table.get(\"Risk\", 0, \"" + ApplyNomogramCommand.TABLE
                + "\"), 9));\n");
        DlradProcess.Result r = DlradProcess.run(90, "macro", m.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        java.util.regex.Matcher mr = java.util.regex.Pattern.compile("risk=([0-9.]+)").matcher(r.out());
        assertTrue(mr.find(), r.out());
        assertEquals(risk, Double.parseDouble(mr.group(1)), 1e-9, r.out());
    }

    @Test
    void badInputInAMacroIsOneLoggedLine() throws Exception {
        Path m = tmp.resolve("bad.ijm");
        Files.writeString(m, "run(\"" + CMD + "\", \"nomogram=[" + tmp.resolve("none.json") + "]\");\nprint(\"after\");\n");
        DlradProcess.Result r = DlradProcess.run(60, "macro", m.toString());
        assertEquals(1, r.code(), r.err() + r.out());
        assertFalse(r.out().contains("after"), r.out());
        List<String> lines = r.out().lines().filter(l -> l.startsWith("DLRadiomics Apply Nomogram: ")).toList();
        assertEquals(1, lines.size(), r.out());
        assertTrue(lines.get(0).contains("none.json") && lines.get(0).contains("not found"), lines.get(0));

        Files.writeString(m, "run(\"" + CMD + "\", \"nomogram=[" + nomogramFile + "] age=42 female=1 wfns=2\");\n"
                + "print(\"after\");\n");
        r = DlradProcess.run(60, "macro", m.toString());
        assertEquals(1, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("DLRadiomics Apply Nomogram: nomogram: no value for 's100b'"), r.out());
    }
}
