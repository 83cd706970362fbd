package io.github.dlradiomics.ij;

import io.github.dlradiomics.cli.ModelTrainCommands;
import io.github.dlradiomics.model.Classifiers;
import io.github.dlradiomics.nomogram.NomogramFigure;
import io.github.dlradiomics.nomogram.NomogramModel;
import io.github.dlradiomics.report.Figures;
import io.github.dlradiomics.report.Report;
import io.github.dlradiomics.report.Figures.Model;
import io.github.dlradiomics.stats.DecisionCurve;
import io.github.dlradiomics.stats.Roc;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plugins &gt; DLRadiomics &gt; Classifier / Nomogram...: the modelling run of {@code ./dlrad model train} on
 * feature tables (CSV files or an open results table, joined on the case ID with an optional clinical
 * table): a stratified train/test split, the selection steps fitted on the training cases, each ticked
 * classifier tuned under stratified K-fold CV, refitted and evaluated on both sets. The run is the CLI's
 * own ({@link ModelTrainCommands#train}), so the output folder holds the same files as {@code ./dlrad model
 * train --out}: pipeline-&lt;classifier&gt;.json, comparison.csv, predictions.csv, run.json. Then the numbers
 * of comparison.csv go to the table "Model Comparison", and predictions.csv to ImageJ plots: ROC curves of
 * the test and training sets, calibration and decision curves of the test set (the curve points of
 * {@link Figures}). Progress shows per classifier; Esc stops between CV folds. A classifier that cannot be
 * fitted is listed in the Log; the others go on.
 *
 * <pre>ClassifierCommand.train(new ClassifierCommand.Options(...), CommandSupport.progress("x"));</pre>
 *
 * Macro: {@code run("Classifier / Nomogram...", "table=[(CSV files)] features=[/data/features.csv]
 * clinical=[/data/clinical.csv] id=ID label=fracture positive=1 exclude=[] categorical=[]
 * selection=[variance,zscore,corr:0.9,mwu:0.05,lasso:1se] test_fraction=0.30 folds=5 seed=42 threads=4
 * bootstrap=2000 lr-l2 knn output=[/data/model]");} (docs/macros.md).
 */
public class ClassifierCommand implements PlugIn {
    static final String NAME = "Classifier / Nomogram";
    /** The results table's title. */
    public static final String TABLE = "Model Comparison";
    /** The table choice that reads the CSV files of 'features'. */
    public static final String CSV_FILES = "(CSV files)";
    /** The default selection steps (the demo's without the PCA of deep features). */
    public static final String DEFAULT_SELECTION = "variance,zscore,corr:0.9,mwu:0.05,lasso:1se";
    /** The classifiers offered, as the registry names them. */
    static final List<String> CLASSIFIERS = List.of(Classifiers.DEFAULT_SET.split(","));
    /** Every macro key, in dialog order. */
    static final List<String> KEYS;

    static {
        List<String> k = new ArrayList<>(List.of("table", "features", "clinical", "id", "label", "positive", "exclude",
                "categorical", "selection", "test_fraction", "folds", "seed", "threads", "bootstrap"));
        k.addAll(CLASSIFIERS);
        k.addAll(List.of("nomogram_variables", "signature", "source", "output"));
        KEYS = List.copyOf(k);
    }

    /**
     * One run's settings, as the dialog's fields.
     *
     * @param tables feature tables (and the clinical one), joined on {@code id}
     * @param id the case ID column; empty: ID (a single table without one is numbered by row)
     * @param exclude columns that are not features (a trailing * makes a prefix)
     * @param categorical text columns to one-hot encode
     */
    public record Options(List<Path> tables, String id, String label, String positive, List<String> exclude,
            List<String> categorical, String selection, double testFraction, int folds, long seed, int threads,
            int bootstrap, List<String> classifiers, Path output) {
        /** The {@code ./dlrad model train} arguments of these settings. */
        public List<String> args() {
            List<String> a = new ArrayList<>();
            for (Path t : tables) {
                a.add("--table");
                a.add(t.toString());
            }
            if (!id.isEmpty()) {
                a.addAll(List.of("--id", id));
            }
            if (!exclude.isEmpty()) {
                a.addAll(List.of("--exclude", String.join(",", exclude)));
            }
            if (!categorical.isEmpty()) {
                a.addAll(List.of("--categorical", String.join(",", categorical)));
            }
            a.addAll(List.of("--label", label, "--positive", positive, "--select", selection, "--classifiers",
                    String.join(",", classifiers), "--test-fraction", Double.toString(testFraction), "--folds",
                    Integer.toString(folds), "--seed", Long.toString(seed), "--threads", Integer.toString(threads),
                    "--bootstrap", Integer.toString(bootstrap), "--out", output.toString()));
            return a;
        }
    }


    /**
     * A finished run, read back from its files: comparison.csv's rows, predictions per set ("train", "test"),
     * the failed classifiers and the summary line.
     */
    public record Outcome(List<Map<String, String>> comparison, Map<String, List<Model>> sets,
            Map<String, Object> failed, Map<String, String> formulas, String summary, Path dir) {
    }

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, this::dialog);
    }

    private void dialog() throws IOException {
        List<String> tables = new ArrayList<>(List.of(CSV_FILES));
        tables.addAll(resultsTables());
        if (CommandSupport.isMacro()) {
            Map<String, String> o = RadiomicsFeaturesCommand.MacroKeys.parse(Macro.getOptions());
            RadiomicsFeaturesCommand.MacroKeys.checkKnown(o, KEYS);
            RadiomicsFeaturesCommand.MacroKeys.checkChoice(o, "table", tables, "an open results table's title");
            for (String k : List.of("test_fraction", "folds", "seed", "threads", "bootstrap")) {
                RadiomicsFeaturesCommand.MacroKeys.checkNumber(o, k);
            }
        }
        int processors = Runtime.getRuntime().availableProcessors();
        GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
        String tablePref = CommandSupport.pref("clf.table", CSV_FILES);
        gd.addChoice("Table (features: CSV files, or an open results table)", tables.toArray(new String[0]),
                tables.contains(tablePref) ? tablePref : CSV_FILES);
        gd.addFileField("Features (CSV; several: a.csv;b.csv, joined on ID)", CommandSupport.pref("clf.features", ""), 34);
        gd.addFileField("Clinical (CSV with the label, joined on ID; optional)", CommandSupport.pref("clf.clinical", ""), 34);
        gd.addStringField("ID (case ID column; empty: ID, or row numbers)", CommandSupport.pref("clf.id", ""), 12);
        gd.addStringField("Label (outcome column)", CommandSupport.pref("clf.label", ""), 12);
        gd.addStringField("Positive (value of the positive class)", CommandSupport.pref("clf.positive", "1"), 12);
        gd.addStringField("Exclude (columns that are not features; Image*: prefix)",
                CommandSupport.pref("clf.exclude", ""), 24);
        gd.addStringField("Categorical (text columns to one-hot encode)", CommandSupport.pref("clf.categorical", ""), 24);
        gd.addStringField("Selection (steps in order; docs/modelling.md)",
                CommandSupport.pref("clf.selection", DEFAULT_SELECTION), 34);
        gd.addNumericField("Test_fraction (cases held out)", CommandSupport.pref("clf.testFraction", 0.3), 2);
        gd.addNumericField("Folds (cross-validation K)", CommandSupport.pref("clf.folds", 5), 0);
        gd.addNumericField("Seed (split, folds, models)", CommandSupport.pref("clf.seed", 42), 0);
        gd.addNumericField("Threads (folds in parallel; same results)",
                CommandSupport.pref("clf.threads", Math.min(5, processors)), 0);
        gd.addNumericField("Bootstrap (replicates of the test AUC CI; 0: none)", CommandSupport.pref("clf.bootstrap", 2000), 0);
        gd.setInsets(10, 20, 0);
        gd.addMessage("Classifiers (each tuned by grid search under CV; docs/modelling.md):");
        String on = CommandSupport.pref("clf.classifiers", Classifiers.DEFAULT_SET);
        boolean[] states = new boolean[CLASSIFIERS.size()];
        for (int i = 0; i < states.length; i++) {
            // in a macro a checkbox is on only when its key is given (ImageJ), whatever the default
            states[i] = List.of(on.split(",")).contains(CLASSIFIERS.get(i));
        }
        gd.addCheckboxGroup(2, 4, CLASSIFIERS.toArray(new String[0]), states);
        gd.addStringField("Nomogram_variables (clinical columns beside the signature, e.g. Age,Sex; blank: no nomogram)",
                CommandSupport.pref("clf.nomogramVars", ""), 16);
        String sigPref = CommandSupport.pref("clf.signature", "lr-l2");
        gd.addChoice("Signature (the classifier whose logit is the nomogram's signature)",
                CLASSIFIERS.toArray(new String[0]), CLASSIFIERS.contains(sigPref) ? sigPref : "lr-l2");
        gd.addChoice("Source (of the training cases' signature: fit = refitted model, cv = out-of-fold)",
                new String[] {"fit", "cv"}, CommandSupport.pref("clf.signatureSource", "fit"));
        gd.addDirectoryField("Output (folder: pipelines, comparison.csv, predictions.csv, run.json)",
                CommandSupport.pref("clf.output", ""), 34);
        gd.addHelp("https://github.com/dlradiomics/DLRadiomics/blob/main/docs/macros.md");
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        String table = gd.getNextChoice();
        String features = gd.getNextString().trim();
        String clinical = gd.getNextString().trim();
        String id = gd.getNextString().trim();
        String label = gd.getNextString().trim();
        String positive = gd.getNextString().trim();
        String exclude = gd.getNextString().trim();
        String categorical = gd.getNextString().trim();
        String selection = gd.getNextString().trim();
        double testFraction = gd.getNextNumber();
        double folds = gd.getNextNumber();
        double seed = gd.getNextNumber();
        double threads = gd.getNextNumber();
        double bootstrap = gd.getNextNumber();
        List<String> classifiers = new ArrayList<>();
        for (String c : CLASSIFIERS) {
            if (gd.getNextBoolean()) {
                classifiers.add(c);
            }
        }
        String nomogramVars = gd.getNextString().trim();
        String signature = gd.getNextChoice();
        String signatureSource = gd.getNextChoice();
        CommandSupport.setPref("clf.signatureSource", signatureSource);
        String output = gd.getNextString().trim();
        CommandSupport.setPref("clf.nomogramVars", nomogramVars);
        CommandSupport.setPref("clf.signature", signature);
        CommandSupport.setPref("clf.table", table);
        CommandSupport.setPref("clf.features", features);
        CommandSupport.setPref("clf.clinical", clinical);
        CommandSupport.setPref("clf.id", id);
        CommandSupport.setPref("clf.label", label);
        CommandSupport.setPref("clf.positive", positive);
        CommandSupport.setPref("clf.exclude", exclude);
        CommandSupport.setPref("clf.categorical", categorical);
        CommandSupport.setPref("clf.selection", selection);
        CommandSupport.setPref("clf.testFraction", testFraction);
        CommandSupport.setPref("clf.folds", folds);
        CommandSupport.setPref("clf.seed", seed);
        CommandSupport.setPref("clf.threads", threads);
        CommandSupport.setPref("clf.bootstrap", bootstrap);
        CommandSupport.setPref("clf.classifiers", String.join(",", classifiers));
        CommandSupport.setPref("clf.output", output);

        if (label.isEmpty()) {
            throw new UserInputException("no label column given (key 'label')");
        }
        if (positive.isEmpty()) {
            throw new UserInputException("no positive class value given (key 'positive')");
        }
        if (output.isEmpty()) {
            throw new UserInputException("no output folder given (key 'output')");
        }
        if (classifiers.isEmpty()) {
            throw new UserInputException("no classifier ticked (keys " + String.join(", ", CLASSIFIERS) + ")");
        }
        if (selection.isEmpty()) {
            throw new UserInputException("no selection steps given (key 'selection'; e.g. " + DEFAULT_SELECTION + ")");
        }
        Path out = Path.of(output);
        List<Path> files = new ArrayList<>();
        if (table.equals(CSV_FILES)) {
            if (features.isEmpty()) {
                throw new UserInputException("no feature CSV given (key 'features'), and no open results table chosen"
                        + " (key 'table')");
            }
            for (String f : features.split(";")) {
                if (!f.isBlank()) {
                    files.add(existing(f.trim(), "features"));
                }
            }
        } else {
            ResultsTable rt = ResultsTable.getResultsTable(table);
            if (rt == null || rt.size() == 0) {
                throw new UserInputException("'" + table + "' is not an open results table with rows (key 'table')");
            }
            Files.createDirectories(out);
            Path saved = out.resolve("table-" + table.replaceAll("[^A-Za-z0-9._-]+", "_") + ".csv");
            writeCsv(rt, saved);
            IJ.log(NAME + ": results table '" + table + "' saved as " + saved);
            files.add(saved);
        }
        if (!clinical.isEmpty()) {
            files.add(existing(clinical, "clinical"));
        }
        Options o = new Options(files, id, label, positive, list(exclude), list(categorical), selection, testFraction,
                whole(folds, 2, "folds"), (long) whole(seed, Integer.MIN_VALUE, "seed"), whole(threads, 1, "threads"),
                whole(bootstrap, 0, "bootstrap"), classifiers, out);
        if (!nomogramVars.isEmpty() && !classifiers.contains(signature)) {
            throw new UserInputException("the nomogram's signature classifier '" + signature + "' is not ticked (key 'signature')");
        }
        Outcome r = train(o, CommandSupport.progress(NAME));
        show(r);
        if (!nomogramVars.isEmpty()) {
            showNomogram(out, list(nomogramVars), signature, signatureSource.equals("cv"));
        }
    }

    /**
     * The nomogram of a run (as {@code ./dlrad nomogram --run DIR --vars ... --signature-model ...}): fitted on
     * the training cases, written to DIR/nomogram and shown in the image window "Nomogram".
     */
    static NomogramModel.Result showNomogram(Path run, List<String> vars, String signature, boolean outOfFold)
            throws IOException {
        Path dir = run.resolve("nomogram");
        Path table = dir.resolve("nomogram_input.csv");
        NomogramModel.Result nr = NomogramModel.fitRun(run, vars, signature, "Signature", outOfFold, table, List.of(), null);
        String title = "Nomogram: " + nr.formula();
        nr.write(dir, title, table);
        IJ.log(NAME + ": nomogram " + nr.formula() + " on " + nr.n() + " training cases (Signature = logit of " + signature
                + "'s " + (outOfFold ? "out-of-fold" : "refitted") + " probability): " + String.format(java.util.Locale.ROOT, "%.4g", nr.nomogram().pointsPerLpUnit())
                + " points per unit of linear predictor; wrote " + dir.resolve("nomogram.json") + ", .png, .svg");
        ApplyNomogramCommand.showWindow(new NomogramFigure(nr.nomogram(), title, nr.riskLabel(), null));
        return nr;
    }

    /**
     * Runs {@code ./dlrad model train} with {@code o} ({@link ModelTrainCommands#train}, progress and Esc through
     * {@code listener}) and reads the run back from its files. Logs the summary, the formulas of logistic
     * models and the classifiers that could not be fitted.
     */
    public static Outcome train(Options o, ProgressListener listener) throws IOException {
        IJ.log(NAME + ": ./dlrad model train " + String.join(" ", quoted(o.args())));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ModelTrainCommands.train(o.args(), listener, new PrintWriter(out, true), new PrintWriter(err, true));
        Path dir = o.output();
        List<Map<String, String>> comparison = Csv.read(dir.resolve("comparison.csv"));
        Map<String, List<Model>> sets = Figures.readPredictions(dir.resolve("predictions.csv"));
        Map<String, Object> run = Json.parseObject(Files.readString(dir.resolve("run.json")));
        Map<String, Object> failed = run.get("failed") instanceof Map<?, ?> m ? cast(m) : Map.of();
        Map<String, String> formulas = new LinkedHashMap<>();
        if (run.get("models") instanceof Map<?, ?> models) {
            for (var e : models.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> mm && mm.get("formula") != null) {
                    formulas.put(String.valueOf(e.getKey()), String.valueOf(mm.get("formula")));
                }
            }
        }
        String summary = out.toString().lines().findFirst().orElse("");
        IJ.log(NAME + ": " + summary);
        formulas.forEach((k, v) -> IJ.log(NAME + ": " + k + ": " + v));
        if (!failed.isEmpty()) {
            IJ.log(NAME + ": " + failed.size() + " of " + o.classifiers().size() + " classifiers could not be fitted (the"
                    + " others are complete):");
            failed.forEach((k, v) -> IJ.log(NAME + ":   " + k + ": " + v));
        }
        IJ.log(NAME + ": wrote " + dir.resolve("comparison.csv") + ", predictions.csv, run.json and "
                + comparison.size() + " pipeline" + (comparison.size() == 1 ? "" : "s"));
        return new Outcome(comparison, sets, failed, formulas, summary, dir);
    }

    /** The table "Model Comparison" and the plots of a run. */
    static void show(Outcome r) throws IOException {
        comparisonTable(r).show(TABLE);
        List<Plot> plots = new ArrayList<>();
        List<Model> test = r.sets().get("test");
        List<Model> train = r.sets().get("train");
        if (Figures.hasBothClasses(test)) {
            plots.add(roc("ROC curves \u2014 test set", test));
        }
        if (Figures.hasBothClasses(train)) {
            plots.add(roc("ROC curves \u2014 training set", train));
        }
        if (Figures.hasBothClasses(test) && test.get(0).y().length >= 3) {
            plots.add(calibration("Calibration \u2014 test set", test, 10));
        }
        if (Figures.hasBothClasses(test)) {
            plots.add(decisionCurve("Decision curves \u2014 test set", test));
        }
        for (Plot p : plots) {
            p.show();
        }
        IJ.showProgress(1.0);
        if (r.dir() != null) {
            showFigures(r.dir());
        }
        IJ.showStatus(NAME + ": " + r.comparison().size() + " models; " + r.summary());
    }

    /**
     * The report's other figures of the run as image windows (the same drawings as ./dlrad report): LASSO
     * coefficient path and cross-validation, the confusion matrix of the best test model, coefficients of the
     * logistic models and importances of the tree models.
     */
    static List<ImagePlus> showFigures(Path run) throws IOException {
        List<ImagePlus> shown = new ArrayList<>();
        for (Report.Figure f : Report.figures(run, 0)) {
            String n = f.name();
            if (n.startsWith("lasso_") || n.startsWith("confusion_") || n.startsWith("coefficients_")
                    || n.startsWith("importance_")) {
                ImagePlus imp = new ImagePlus(f.plot().title(), f.plot().toImage(1));
                imp.setProperty("Info", f.caption());
                imp.show();
                shown.add(imp);
            }
        }
        return shown;
    }

    /** One row per model with comparison.csv's numbers (the CIs as text, as there). */
    static ResultsTable comparisonTable(Outcome r) {
        ResultsTable rt = new ResultsTable();
        for (Map<String, String> row : r.comparison()) {
            rt.incrementCounter();
            rt.addValue("Model", row.get("Model"));
            rt.addValue("CV AUC", Csv.number(row.get("CV AUC")));
            rt.addValue("Train AUC", Csv.number(row.get("Train AUC")));
            rt.addValue("Train AUC 95% CI", row.get("Train AUC 95% CI"));
            rt.addValue("Test AUC", Csv.number(row.get("Test AUC")));
            rt.addValue("Test AUC 95% CI", row.get("Test AUC 95% CI (DeLong)"));
            rt.addValue("ACC", Csv.number(row.get("Test ACCURACY")));
            rt.addValue("SEN", Csv.number(row.get("Test SENSITIVITY")));
            rt.addValue("SPE", Csv.number(row.get("Test SPECIFICITY")));
            rt.addValue("F1", Csv.number(row.get("Test F1")));
            rt.addValue("Threshold", Csv.number(row.get("Threshold (train Youden)")));
        }
        rt.setPrecision(3);
        return rt;
    }

    /** ROC curves ({@link Figures#curve}), AUC with DeLong's 95% CI in the legend, the chance diagonal grey. */
    static Plot roc(String title, List<Model> models) {
        Plot p = new Plot(title, "1 \u2212 Specificity (false-positive rate)", "Sensitivity (true-positive rate)");
        p.setFrameSize(480, 440);
        p.setLimits(0, 1, 0, 1);
        p.setColor(new Color(0x999999));
        p.setLineWidth(1);
        p.add("line", new double[] {0, 1}, new double[] {0, 1});
        for (int k = 0; k < models.size(); k++) {
            Model m = models.get(k);
            double[][] c = Figures.curve(m.prob(), m.y());
            Roc roc = Roc.of(m.prob(), m.y(), "<");
            double[] ci = roc.ciDeLong(0.95);
            p.setColor(io.github.dlradiomics.report.Plot.color(k));
            p.setLineWidth(2);
            p.add("line", c[0], c[1]);
            p.setLabel(-1, String.format(Locale.ROOT, "%s  AUC %.3f (%.3f\u2013%.3f)", m.name(), roc.auc(), ci[0], ci[1]));
        }
        p.setLineWidth(1);
        p.setColor(Color.DARK_GRAY); // the legend's frame
        p.setLegend(null, Plot.BOTTOM_RIGHT);
        return p;
    }

    /** Calibration: lowess curves and 10 equal-size groups ({@link Figures#lowess}, {@link Figures#binned}); Brier in the legend. */
    static Plot calibration(String title, List<Model> models, int bins) {
        Plot p = new Plot(title, "Predicted probability", "Observed proportion");
        p.setFrameSize(480, 440);
        p.setLimits(0, 1, 0, 1);
        p.setColor(new Color(0x777777));
        p.setLineWidth(1);
        p.add("line", new double[] {0, 1}, new double[] {0, 1});
        p.setLabel(-1, "Ideal");
        for (int k = 0; k < models.size(); k++) {
            Model m = models.get(k);
            Color c = io.github.dlradiomics.report.Plot.color(k);
            double[][] s = Figures.lowess(m.prob(), m.y());
            double brier = 0;
            for (int i = 0; i < m.y().length; i++) {
                brier += (m.prob()[i] - m.y()[i]) * (m.prob()[i] - m.y()[i]);
            }
            p.setColor(c);
            p.setLineWidth(2);
            p.add("line", s[0], s[1]);
            p.setLabel(-1, String.format(Locale.ROOT, "%s  (Brier %.3f)", m.name(), brier / m.y().length));
            double[][] b = Figures.binned(m.prob(), m.y(), bins);
            p.setColor(c, c);
            p.setLineWidth(1);
            p.add("circle", b[0], b[1]);
        }
        p.setLineWidth(1);
        p.setColor(Color.DARK_GRAY); // the legend's frame
        p.setLegend(null, Plot.TOP_LEFT);
        return p;
    }

    /** Decision curves ({@link DecisionCurve}, thresholds 0.01 to 0.99): each model, treat all, treat none. */
    static Plot decisionCurve(String title, List<Model> models) {
        double[] th = DecisionCurve.thresholds("0.01:0.99:0.01");
        Plot p = new Plot(title, "Threshold probability", "Net benefit");
        p.setFrameSize(480, 440);
        double max = 0;
        List<DecisionCurve.Result> rs = new ArrayList<>();
        for (Model m : models) {
            DecisionCurve.Result r = DecisionCurve.of(m.prob(), m.y(), th);
            rs.add(r);
            for (double v : r.netBenefit()) {
                max = Math.max(max, v);
            }
            for (double v : r.treatAll()) {
                max = Math.max(max, v);
            }
        }
        p.setLimits(0, 1, -0.05, Math.max(0.05, max * 1.1));
        p.setLineWidth(2);
        p.setColor(new Color(0x888888));
        p.add("line", th, rs.get(0).treatAll());
        p.setLabel(-1, "Treat all");
        p.setColor(Color.BLACK);
        p.add("line", th, rs.get(0).treatNone());
        p.setLabel(-1, "Treat none");
        for (int k = 0; k < models.size(); k++) {
            p.setColor(io.github.dlradiomics.report.Plot.color(k));
            p.add("line", th, rs.get(k).netBenefit());
            p.setLabel(-1, models.get(k).name());
        }
        p.setLineWidth(1);
        p.setColor(Color.DARK_GRAY); // the legend's frame
        p.setLegend(null, Plot.TOP_RIGHT);
        return p;
    }

    /** A results table as CSV: its columns in order, numbers in full, text as text (row labels as "Label"). */
    static void writeCsv(ResultsTable rt, Path file) throws IOException {
        String[] headings = rt.getHeadings();
        List<String> cols = new ArrayList<>();
        for (String h : headings) {
            if (!h.isBlank()) {
                cols.add(h);
            }
        }
        try (Writer w = Files.newBufferedWriter(file)) {
            Csv.writeLine(w, cols);
            for (int row = 0; row < rt.size(); row++) {
                List<Object> line = new ArrayList<>();
                for (String h : cols) {
                    if (h.equals("Label") && rt.getColumnIndex("Label") == ResultsTable.COLUMN_NOT_FOUND) {
                        line.add(rt.getLabel(row));
                        continue;
                    }
                    double v = rt.getValue(h, row);
                    String s = rt.getStringValue(h, row);
                    line.add(Double.isNaN(v) && s != null && !s.equalsIgnoreCase("NaN") ? s : (Object) v);
                }
                Csv.writeLine(w, line);
            }
        }
    }

    /** Titles of the open results tables. */
    static List<String> resultsTables() {
        List<String> out = new ArrayList<>();
        String[] titles = WindowManager.getNonImageTitles();
        for (String t : titles == null ? new String[0] : titles) {
            if (!t.equals(TABLE) && ResultsTable.getResultsTable(t) != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static Path existing(String file, String key) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new UserInputException(file + ": file not found (key '" + key + "')");
        }
        return p;
    }

    private static List<String> list(String commaSeparated) {
        List<String> out = new ArrayList<>();
        for (String s : commaSeparated.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static List<String> quoted(List<String> args) {
        return args.stream().map(a -> a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static int whole(double v, int min, String key) {
        if (Double.isNaN(v) || v != Math.rint(v) || v < min || v > Integer.MAX_VALUE) {
            throw new UserInputException("'" + key + "' must be a whole number >= " + min + " (got " + v + ")");
        }
        return (int) v;
    }
}
