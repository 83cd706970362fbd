package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.cli.Main;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.ProgressListener;
import ij.IJ;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.frame.Recorder;
import java.awt.Checkbox;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classifier / Nomogram...: the same files as {@code ./dlrad model train}; the recorded dialog replays
 * through {@code ./dlrad macro} to the same files and table; bad macro input is one Log line, never a dialog.
 */
class ClassifierCommandTest {
    static final String CMD = "Classifier / Nomogram...";

    @TempDir
    Path tmp;

    /** Closes the plots and the table a run leaves open. */
    @AfterEach
    void closeWindows() {
        if (java.awt.GraphicsEnvironment.isHeadless()) {
            return;
        }
        for (String t : new String[] {"ROC curves \u2014 test set", "ROC curves \u2014 training set",
            "Calibration \u2014 test set", "Decision curves \u2014 test set"}) {
            ij.ImagePlus imp = WindowManager.getImage(t);
            if (imp != null) {
                imp.changes = false;
                imp.close();
            }
        }
        if (WindowManager.getWindow(ClassifierCommand.TABLE) instanceof ij.text.TextWindow tw) {
            tw.close(false);
        }
    }

    /** 60 cases: features.csv (ID, f0..f9; f0-f2 shifted in positives), clinical.csv (ID, Age, Outcome yes/no). */
    private void tables() throws Exception {
        Random rnd = new Random(11);
        StringBuilder f = new StringBuilder("ID");
        for (int j = 0; j < 10; j++) {
            f.append(",f").append(j);
        }
        f.append('\n');
        StringBuilder c = new StringBuilder("ID,Age,Outcome\n");
        for (int i = 0; i < 60; i++) {
            boolean pos = i % 5 < 2;
            f.append(String.format(Locale.ROOT, "P%03d", i));
            for (int j = 0; j < 10; j++) {
                f.append(String.format(Locale.ROOT, ",%.6f", rnd.nextGaussian() + (pos && j < 3 ? 1.2 : 0)));
            }
            f.append('\n');
            c.append(String.format(Locale.ROOT, "P%03d,%d,%s%n", i, 50 + rnd.nextInt(30), pos ? "yes" : "no"));
        }
        Files.writeString(tmp.resolve("features.csv"), f);
        Files.writeString(tmp.resolve("clinical.csv"), c);
    }

    /** (1) The command's run writes what ./dlrad model train writes with the same options; the table holds its numbers. */
    @Test
    void sameFilesAsModelTrain() throws Exception {
        tables();
        Path a = tmp.resolve("command");
        Path b = tmp.resolve("cli");
        ClassifierCommand.Options o = new ClassifierCommand.Options(List.of(tmp.resolve("features.csv"),
                tmp.resolve("clinical.csv")), "ID", "Outcome", "yes", List.of("f9"), List.of(),
                ClassifierCommand.DEFAULT_SELECTION, 0.3, 5, 7, 2, 200, List.of("lr-l2", "knn"), a);
        ClassifierCommand.Outcome r = ClassifierCommand.train(o, ProgressListener.NONE);
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"model", "train", "--table", tmp.resolve("features.csv").toString(), "--table",
            tmp.resolve("clinical.csv").toString(), "--id", "ID", "--label", "Outcome", "--positive", "yes", "--exclude",
            "f9", "--classifiers", "lr-l2,knn", "--seed", "7", "--bootstrap", "200", "--out", b.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertEquals(files(b), files(a));
        assertEquals(List.of("comparison.csv", "cv_predictions.csv", "pipeline-knn.json", "pipeline-lr-l2.json",
                "predictions.csv", "run.json"),
                files(a).stream().map(Path::toString).toList());
        for (Path f : files(b)) {
            assertEquals(Files.readString(b.resolve(f)), Files.readString(a.resolve(f)), f.toString());
        }

        List<Map<String, String>> csv = Csv.read(b.resolve("comparison.csv"));
        ResultsTable rt = ClassifierCommand.comparisonTable(r);
        assertEquals(2, rt.size());
        for (int i = 0; i < 2; i++) {
            Map<String, String> row = csv.get(i);
            assertEquals(row.get("Model"), rt.getStringValue("Model", i));
            assertEquals(Double.parseDouble(row.get("CV AUC")), rt.getValue("CV AUC", i));
            assertEquals(Double.parseDouble(row.get("Train AUC")), rt.getValue("Train AUC", i));
            assertEquals(row.get("Train AUC 95% CI"), rt.getStringValue("Train AUC 95% CI", i));
            assertEquals(Double.parseDouble(row.get("Test AUC")), rt.getValue("Test AUC", i));
            assertEquals(row.get("Test AUC 95% CI (DeLong)"), rt.getStringValue("Test AUC 95% CI", i));
            assertEquals(Double.parseDouble(row.get("Test ACCURACY")), rt.getValue("ACC", i));
            assertEquals(Double.parseDouble(row.get("Test SENSITIVITY")), rt.getValue("SEN", i));
            assertEquals(Double.parseDouble(row.get("Test SPECIFICITY")), rt.getValue("SPE", i));
            assertEquals(Double.parseDouble(row.get("Test F1")), rt.getValue("F1", i));
        }
        // the plots' data: one curve per model plus the diagonal, from predictions.csv's probabilities
        assertEquals(List.of("lr-l2", "knn"), r.sets().get("test").stream().map(io.github.dlradiomics.report.Figures.Model::name).toList());
        assertEquals(18, r.sets().get("test").get(0).y().length);
        ij.gui.Plot roc = ClassifierCommand.roc("ROC", r.sets().get("test"));
        assertEquals(3, roc.getNumPlotObjects());
        String legend = roc.getPlotObjectLabel(1);
        assertTrue(legend.startsWith(String.format(Locale.ROOT, "lr-l2  AUC %.3f (", rt.getValue("Test AUC", 0))),
                legend);
        assertTrue(r.formulas().containsKey("lr-l2"), r.formulas().toString());
        assertTrue(r.failed().isEmpty());
    }

    /** (2) The dialog filled in with the Recorder open; the recorded line, replayed by ./dlrad macro, gives the same files and table. */
    @Test
    void recordedDialogReplaysToTheSameResult() throws Exception {
        DlradProcess.assumeDisplay();
        FijiLauncher.start(false);
        tables();
        Path out = tmp.resolve("out");
        Recorder recorder = new Recorder(false);
        String line = null;
        try {
            IJ.doCommand(CMD);
            GenericDialog gd = GuiTestSupport.waitForDialog("DLRadiomics Classifier / Nomogram");
            EventQueue.invokeAndWait(() -> {
                ((java.awt.Choice) gd.getChoices().get(0)).select(ClassifierCommand.CSV_FILES);
                String[] texts = {tmp.resolve("features.csv").toString(), tmp.resolve("clinical.csv").toString(), "ID",
                    "Outcome", "yes", "f9", "", ClassifierCommand.DEFAULT_SELECTION, "Age", out.toString()};
                for (int i = 0; i < texts.length; i++) {
                    ((TextField) gd.getStringFields().get(i)).setText(texts[i]);
                }
                String[] numbers = {"0.25", "4", "3", "2", "100"};
                for (int i = 0; i < numbers.length; i++) {
                    ((TextField) gd.getNumericFields().get(i)).setText(numbers[i]);
                }
                for (Object o : gd.getCheckboxes()) {
                    Checkbox cb = (Checkbox) o;
                    cb.setState(List.of("lr-l2", "knn").contains(cb.getLabel()));
                }
                gd.actionPerformed(new ActionEvent(gd.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK"));
            });
            for (int i = 0; i < 1200 && line == null; i++) {
                List<String> lines = recorder.getText().lines().filter(l -> l.startsWith("run(\"" + CMD + "\"")).toList();
                if (!lines.isEmpty()) {
                    line = lines.get(lines.size() - 1);
                } else {
                    String blocked = MacroRunner.modalDialogText();
                    if (blocked != null) {
                        throw new AssertionError("a dialog is open: " + blocked);
                    }
                    Thread.sleep(100);
                }
            }
        } finally {
            recorder.close();
        }
        assertNotNull(line, "nothing recorded; Log: " + IJ.getLog());
        System.out.println("recorded: " + line);
        String log = IJ.getLog();
        assertTrue(log == null || !log.contains("DLRadiomics Classifier / Nomogram:"), log);
        for (String key : List.of("table=[(CSV files)]",
            "features=" + tmp.resolve("features.csv"), "clinical=" + tmp.resolve("clinical.csv"), "id=ID",
            "label=Outcome", "positive=yes", "exclude=f9", "selection=" + ClassifierCommand.DEFAULT_SELECTION,
            "test_fraction=0.25", "folds=4", "seed=3", "threads=2", "bootstrap=100", " lr-l2 knn ",
            "nomogram_variables=Age signature=lr-l2", "output=" + out)) {
            assertTrue(line.contains(key), key + " in " + line);
        }
        assertFalse(line.contains("svm-rbf") || line.contains(" rf ") || line.contains("xgboost"), line);
        ResultsTable rt = ResultsTable.getResultsTable(ClassifierCommand.TABLE);
        assertNotNull(rt, IJ.getLog());
        assertEquals(2, rt.size());
        Path expectedTable = tmp.resolve("expected-table.csv");
        rt.saveAs(expectedTable.toString());
        assertNotNull(WindowManager.getImage("ROC curves \u2014 test set"), "ROC plot window");
        // the nomogram of Age + the lr-l2 signature on the training cases: files and its window
        assertTrue(Files.isRegularFile(out.resolve("nomogram/nomogram.json")), IJ.getLog());
        ij.ImagePlus nom = WindowManager.getImage(ApplyNomogramCommand.WINDOW);
        assertNotNull(nom, "nomogram window");
        nom.changes = false;
        nom.close();
        assertTrue(IJ.getLog().contains("nomogram Outcome ~ Age + Signature on 45 training cases"), IJ.getLog());
        // the report's other figures as image windows: LASSO path and CV, confusion matrix, lr-l2's coefficients
        for (String t : new String[] {"LASSO coefficient path", "LASSO cross-validation", "Coefficients \u2014 lr-l2"}) {
            ij.ImagePlus imp = WindowManager.getImage(t);
            assertNotNull(imp, t);
            imp.close();
        }
        assertTrue(java.util.Arrays.stream(WindowManager.getImageTitles()).anyMatch(t -> t.startsWith("Confusion matrix")),
                String.join(", ", WindowManager.getImageTitles()));
        assertNotNull(WindowManager.getImage("Decision curves \u2014 test set"), "decision curve window");
        for (String t : new String[] {"ROC curves \u2014 test set", "ROC curves \u2014 training set",
            "Calibration \u2014 test set", "Decision curves \u2014 test set"}) {
            ij.ImagePlus imp = WindowManager.getImage(t);
            assertNotNull(imp, t);
            imp.changes = false;
            imp.close();
        }

        Path expectedOut = tmp.resolve("expected-out");
        Files.move(out, expectedOut);
        Path replayTable = tmp.resolve("replay-table.csv");
        Path macro = tmp.resolve("replay.ijm");
        Files.writeString(macro, line + "\nselectWindow(\"" + ClassifierCommand.TABLE + "\");\nsaveAs(\"Results\", \""
                + replayTable + "\");\nprint(\"REPLAY DONE\");\n");
        DlradProcess.Result r = DlradProcess.run(120, "macro", macro.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("REPLAY DONE"), r.out());
        assertEquals(files(expectedOut), files(out));
        for (Path f : files(expectedOut)) {
            if (f.toString().endsWith(".png")) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(expectedOut.resolve(f)),
                        Files.readAllBytes(out.resolve(f)), f.toString());
                continue;
            }
            String e = Files.readString(expectedOut.resolve(f));
            String g = Files.readString(out.resolve(f));
            if (f.toString().equals("run.json")) {
                // compared as JSON (number formatting aside, the same content)
                assertEquals(Json.parseObject(e), Json.parseObject(g), f.toString());
            } else {
                assertEquals(e, g, f.toString());
            }
        }
        assertEquals(Files.readString(expectedTable), Files.readString(replayTable));
    }

    /** An open results table as input: saved in the output folder with its full values, trained on as the CLI would. */
    @Test
    void openResultsTableAsInput() throws Exception {
        DlradProcess.assumeDisplay();
        FijiLauncher.start(false);
        tables();
        List<Map<String, String>> rows = Csv.read(tmp.resolve("features.csv"));
        List<Map<String, String>> clin = Csv.read(tmp.resolve("clinical.csv"));
        ResultsTable rt = new ResultsTable();
        for (int i = 0; i < rows.size(); i++) {
            rt.incrementCounter();
            rt.addValue("ID", rows.get(i).get("ID"));
            for (int j = 0; j < 10; j++) {
                rt.addValue("f" + j, Double.parseDouble(rows.get(i).get("f" + j)));
            }
            rt.addValue("Outcome", clin.get(i).get("Outcome"));
        }
        rt.show("Features in Fiji");
        Path out = tmp.resolve("out");
        try {
            IJ.run(CMD, "table=[Features in Fiji] label=Outcome positive=yes exclude=f9 "
                    + "bootstrap=0 lr-l2 output=[" + out + "]");
            Path saved = out.resolve("table-Features_in_Fiji.csv");
            assertTrue(Files.isRegularFile(saved), IJ.getLog());
            List<Map<String, String>> back = Csv.read(saved);
            assertEquals(60, back.size());
            assertEquals(rows.get(5).get("ID"), back.get(5).get("ID"));
            assertEquals(Double.parseDouble(rows.get(5).get("f3")), Double.parseDouble(back.get(5).get("f3")));
            assertEquals(clin.get(5).get("Outcome"), back.get(5).get("Outcome"));
            StringWriter err = new StringWriter();
            Path cli = tmp.resolve("cli");
            assertEquals(0, Main.run(new String[] {"model", "train", "--table", saved.toString(), "--label", "Outcome",
                "--positive", "yes", "--exclude", "f9", "--bootstrap", "0", "--classifiers", "lr-l2", "--out",
                cli.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err)), err.toString());
            assertEquals(Files.readString(cli.resolve("comparison.csv")), Files.readString(out.resolve("comparison.csv")));
            assertEquals(Files.readString(cli.resolve("predictions.csv")), Files.readString(out.resolve("predictions.csv")));
        } finally {
            if (WindowManager.getWindow("Features in Fiji") instanceof ij.text.TextWindow tw) {
                tw.close(false);
            }
        }
    }

    /** Esc (the listener's cancel) stops the run with CancelledException, which CommandSupport.guard reports as a status. */
    @Test
    void cancelStopsTheRun() throws Exception {
        tables();
        ClassifierCommand.Options o = new ClassifierCommand.Options(List.of(tmp.resolve("features.csv"),
                tmp.resolve("clinical.csv")), "", "Outcome", "yes", List.of(), List.of(),
                ClassifierCommand.DEFAULT_SELECTION, 0.3, 5, 1, 1, 0, List.of("lr-l2", "knn"), tmp.resolve("c"));
        ProgressListener cancelled = new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(io.github.dlradiomics.util.CancelledException.class,
                () -> ClassifierCommand.train(o, cancelled));
        assertFalse(Files.exists(tmp.resolve("c").resolve("comparison.csv")));
    }

    /** (3) A missing CSV and an unknown label column in a macro: one Log line each, exit code 1, no dialog. */
    @Test
    void badMacroInputIsOneLogLine() throws Exception {
        DlradProcess.assumeDisplay();
        tables();
        Path out = tmp.resolve("out");
        String missing = tmp.resolve("missing.csv").toString();
        assertFails(macro("features=[" + missing + "] label=Outcome positive=yes lr-l2 output=[" + out + "]"),
                missing + ": file not found (key 'features')");
        assertFails(macro("features=[" + tmp.resolve("features.csv") + "] clinical=[" + tmp.resolve("clinical.csv")
                + "] label=Fracture positive=yes lr-l2 output=[" + out + "]"), "label column 'Fracture' is not in the table");
    }

    private DlradProcess.Result macro(String options) throws Exception {
        Path m = Files.createTempFile(tmp, "m", ".ijm");
        Files.writeString(m, "run(\"" + CMD + "\", \"" + options + "\");\nprint(\"after\");\n");
        return DlradProcess.run(90, "macro", m.toString());
    }

    private static void assertFails(DlradProcess.Result r, String expected) {
        assertEquals(1, r.code(), "exit code (3 = a dialog blocked): " + r.err() + r.out());
        String prefix = "DLRadiomics Classifier / Nomogram: ";
        List<String> lines = r.out().lines().filter(l -> l.startsWith(prefix)).toList();
        assertEquals(1, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith(prefix + expected), r.out());
        assertFalse(r.out().contains("after"), "the macro stopped");
    }

    private static List<Path> files(Path dir) throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).map(dir::relativize).sorted().forEach(out::add);
        }
        return out;
    }
}
