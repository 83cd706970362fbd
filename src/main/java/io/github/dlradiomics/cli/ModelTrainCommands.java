package io.github.dlradiomics.cli;

import io.github.dlradiomics.model.Classifier;
import io.github.dlradiomics.model.Classifiers;
import io.github.dlradiomics.model.FeatureTable;
import io.github.dlradiomics.model.LassoLogistic;
import io.github.dlradiomics.model.Pipeline;
import io.github.dlradiomics.model.Step;
import io.github.dlradiomics.model.Trainer;
import io.github.dlradiomics.model.classifiers.LogisticRegression;
import io.github.dlradiomics.model.steps.LassoSelect;
import io.github.dlradiomics.model.steps.PcaStep;
import io.github.dlradiomics.model.steps.ZScore;
import io.github.dlradiomics.stats.Roc;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./dlrad model train|evaluate|predict}: pipelines of selection + classifier, fitted on training cases only. */
public final class ModelTrainCommands {
    private ModelTrainCommands() {
    }

    /**
     * {@code model train} with these arguments (as on the command line), progress and cancelling through
     * {@code listener} (the Fiji command "Classifier / Nomogram..."): the same files, the same numbers.
     * Bad arguments and bad input throw {@link UserInputException}; returns the exit code (2 when some
     * classifiers could not be fitted; {@code err} lists them).
     */
    public static int train(List<String> args, ProgressListener listener, PrintWriter out, PrintWriter err)
            throws IOException {
        Train t = new Train();
        t.listener = listener;
        picocli.CommandLine cl = new picocli.CommandLine(t);
        cl.setOut(out);
        cl.setErr(err);
        try {
            cl.parseArgs(args.toArray(new String[0]));
            return t.call();
        } catch (picocli.CommandLine.ParameterException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feature tables joined on an ID column. */
    static final class Tables {
        @Option(names = "--table", required = true, paramLabel = "CSV",
                description = "feature table(s): radiomics, deep, clinical; repeat to join them on --id")
        List<Path> tables = new ArrayList<>();

        @Option(names = "--id", paramLabel = "COL",
                description = "case ID column (default: ID; a single table without one is numbered by row)")
        String id;

        String idName() {
            return id == null ? "ID" : id;
        }

        @Option(names = "--exclude", split = ",", paramLabel = "NAME",
                description = "columns that are not features (a trailing * makes a prefix: Image*)")
        List<String> exclude = new ArrayList<>();

        @Option(names = "--categorical", split = ",", paramLabel = "NAME", description = "text columns to one-hot encode")
        List<String> categorical = new ArrayList<>();

        @Option(names = "--allow-missing", description = "keep missing values as NaN (then an impute step must fill them)")
        boolean allowMissing;

        FeatureTable read(String label, String positive) throws IOException {
            FeatureTable.Options o = new FeatureTable.Options();
            if (id != null) {
                o.id(id);
            }
            if (label != null) {
                o.label(label, positive);
            }
            for (String e : exclude) {
                if (e.endsWith("*")) {
                    o.excludePrefix(e.substring(0, e.length() - 1));
                } else {
                    o.exclude(e);
                }
            }
            o.categorical(categorical.toArray(new String[0]));
            o.allowMissing(allowMissing);
            return FeatureTable.read(tables, o);
        }
    }

    /** Metrics of probabilities against labels at a fixed cut-off. */
    static Map<String, Object> metrics(double[] prob, int[] y, double threshold, int bootstrap, long seed) {
        Roc roc = Roc.of(prob, y, "<");
        double[] ci = roc.ciDeLong(0.95);
        Roc.Coords c = Roc.at(prob, y, threshold);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", y.length);
        m.put("auc", roc.auc());
        m.put("ci", ci);
        if (bootstrap > 0) {
            double[] b = roc.ciBootstrap(bootstrap, seed, 0.95);
            m.put("ci_bootstrap", new double[] {b[0], b[2]});
        }
        m.put("threshold", threshold);
        m.put("accuracy", c.accuracy());
        m.put("sensitivity", c.sensitivity());
        m.put("specificity", c.specificity());
        m.put("ppv", c.ppv());
        m.put("npv", c.npv());
        m.put("f1", 2 * c.tp() / (2 * c.tp() + c.fp() + c.fn()));
        double brier = 0;
        for (int i = 0; i < y.length; i++) {
            brier += (prob[i] - y[i]) * (prob[i] - y[i]);
        }
        m.put("brier", brier / y.length);
        return m;
    }

    /** "Rad-score = b0 + b1 x name1 + ..." for logistic models, else null. */
    static String formula(Classifier c, List<String> names) {
        double b0;
        double[] b;
        if (c instanceof LogisticRegression lr) {
            b0 = lr.intercept();
            b = lr.coefficients();
        } else if (c instanceof LassoLogistic l1) {
            b0 = l1.intercept();
            b = l1.coefficients();
        } else {
            return null;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "score = %.6g", b0));
        for (int j = 0; j < b.length; j++) {
            if (b[j] != 0) {
                sb.append(String.format(Locale.ROOT, " %s %.6g x %s", b[j] < 0 ? "-" : "+", Math.abs(b[j]), names.get(j)));
            }
        }
        return sb.append("  (log-odds of the positive class; features after the pipeline's steps)").toString();
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Stratified train/test split, selection steps fitted on the training cases, each classifier "
                    + "tuned by grid search under stratified K-fold CV (AUC), refitted, and evaluated on both sets.",
                "Writes DIR/pipeline-<classifier>.json (+ booster files), comparison.csv, predictions.csv, cv_predictions.csv "
                    + "(the training cases' out-of-fold probabilities) and run.json. "
                    + "Steps and classifiers: docs/modelling.md."})
    static final class Train implements Callable<Integer> {
        @Mixin
        Tables tables;

        @Option(names = "--label", required = true, paramLabel = "COL") String label;

        @Option(names = "--positive", required = true, paramLabel = "VALUE") String positive;

        @Option(names = "--select", defaultValue = "variance,zscore,corr:0.9,mwu:0.05,lasso:1se", paramLabel = "STEPS",
                description = "selection steps in order (default: ${DEFAULT-VALUE})")
        String select;

        @Option(names = "--classifiers", defaultValue = Classifiers.DEFAULT_SET, split = ",",
                paramLabel = "NAMES", description = "(default: ${DEFAULT-VALUE}, the papers' eight with scikit-learn's L2-penalised LR; also lr (unpenalised, with standard errors), lr-l1, svm-linear, dt)")
        List<String> classifiers;

        @Option(names = "--test-fraction", defaultValue = "0.3") double testFraction;

        @Option(names = "--folds", defaultValue = "5") int folds;

        @Option(names = "--seed", defaultValue = "42") long seed;

        @Option(names = "--threads", defaultValue = "2", description = "folds fitted in parallel (same results)")
        int threads;

        @Option(names = "--bootstrap", defaultValue = "2000", description = "bootstrap replicates of the test AUC CI (0: none)")
        int bootstrap;

        @Option(names = "--keep", paramLabel = "FILE", description = "keep only these features before selection: the "
                + "CSV of ./dlrad stats icc-filter --out (rows whose 'kept' column is true) or one name per line")
        Path keep;

        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

        @Spec
        CommandSpec spec;

        /** Progress and Esc of the Fiji command; null: the console's. */
        ProgressListener listener;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            FeatureTable t = tables.read(label, positive);
            Trainer.Config cfg = new Trainer.Config(select, classifiers, testFraction, folds, seed, threads);
            Trainer trainer = new Trainer(cfg);
            if (keep != null) {
                trainer.keepOnly(readKeep(keep), keep.getFileName() + " (features kept before selection)");
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("label", label);
            meta.put("positive", positive);
            meta.put("id", tables.idName());
            Trainer.Result r = trainer.train(t.x(), t.y(), t.columns(), meta,
                    listener != null ? listener : new ConsoleProgress(err));
            Files.createDirectories(out);
            int[] y = t.y();
            int[] yTr = pick(y, r.train());
            int[] yTe = pick(y, r.test());
            List<Map<String, Object>> rows = new ArrayList<>();
            Map<String, Object> models = new LinkedHashMap<>();
            for (Trainer.ModelResult m : r.models()) {
                double th = ((Number) m.pipeline().meta().get("threshold")).doubleValue();
                Map<String, Object> train = metrics(m.trainProb(), yTr, th, 0, seed);
                Map<String, Object> test = metrics(m.testProb(), yTe, th, bootstrap, seed);
                m.pipeline().save(out, "pipeline-" + m.classifier() + ".json");
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("Model", m.classifier());
                row.put("Params", Json.plain(m.bestParams()));
                row.put("CV AUC", m.cvAuc());
                row.put("Train AUC", train.get("auc"));
                row.put("Train AUC 95% CI", ci(train.get("ci")));
                row.put("Test AUC", test.get("auc"));
                row.put("Test AUC 95% CI (DeLong)", ci(test.get("ci")));
                row.put("Test AUC 95% CI (bootstrap)", test.containsKey("ci_bootstrap") ? ci(test.get("ci_bootstrap")) : "");
                row.put("Threshold (train Youden)", th);
                for (String k : List.of("accuracy", "sensitivity", "specificity", "ppv", "npv", "f1")) {
                    row.put("Test " + k.toUpperCase(Locale.ROOT), test.get(k));
                }
                rows.add(row);
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("params", m.bestParams());
                mm.put("cv_auc", m.cvAuc());
                mm.put("cv_auc_sd", m.cvAucSd());
                mm.put("grid", m.grid());
                mm.put("train", train);
                mm.put("test", test);
                String f = formula(m.pipeline().model(), m.pipeline().modelFeatures());
                if (f != null) {
                    mm.put("formula", f);
                }
                models.put(m.classifier(), mm);
            }
            try (Writer w = Files.newBufferedWriter(out.resolve("comparison.csv"))) {
                Csv.writeLine(w, new ArrayList<>(rows.get(0).keySet()));
                for (Map<String, Object> row : rows) {
                    Csv.writeLine(w, new ArrayList<>(row.values()));
                }
            }
            writePredictions(out.resolve("predictions.csv"), r, t, y, tables.idName(), label, positive, false);
            // the training cases' out-of-fold probabilities (CV at the chosen parameters): signatures without
            // the optimism of refitted models scoring their own training cases
            writePredictions(out.resolve("cv_predictions.csv"), r, t, y, tables.idName(), label, positive, true);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("dlradiomics", Version.get());
            run.put("tables", tables.tables.stream().map(Path::toString).toList());
            run.put("id", tables.idName());
            run.put("label", label);
            run.put("positive", positive);
            run.put("seed", seed);
            run.put("test_fraction", testFraction);
            run.put("folds", folds);
            run.put("selection", select);
            Map<String, Object> cases = new LinkedHashMap<>();
            cases.put("train", r.train().length);
            cases.put("test", r.test().length);
            cases.put("positive_train", sum(yTr));
            cases.put("positive_test", sum(yTe));
            run.put("cases", cases);
            run.put("features_in", t.columns().size());
            run.put("steps", r.stepSummaries());
            run.put("selected_features", r.selected());
            Map<String, Object> lasso = lassoTrace(r.models().get(0).pipeline().steps());
            if (lasso != null) {
                run.put("lasso", lasso);
            }
            run.put("train_ids", idsOf(t, r.train()));
            run.put("test_ids", idsOf(t, r.test()));
            run.put("models", models);
            run.put("failed", r.failed());
            Files.writeString(out.resolve("run.json"), Json.write(run));
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%d training / %d test cases; %d of %d features selected (%s)%n", r.train().length,
                    r.test().length, r.selected().size(), t.columns().size(), select);
            o.println("| model | CV AUC | train AUC | test AUC (95% CI) | ACC | SEN | SPE | F1 |");
            o.println("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |");
            for (Map<String, Object> row : rows) {
                o.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f (%s) | %.3f | %.3f | %.3f | %.3f |%n", row.get("Model"),
                        row.get("CV AUC"), row.get("Train AUC"), row.get("Test AUC"), row.get("Test AUC 95% CI (DeLong)"),
                        row.get("Test ACCURACY"), row.get("Test SENSITIVITY"), row.get("Test SPECIFICITY"),
                        row.get("Test F1"));
            }
            err.println("Wrote " + out.resolve("comparison.csv") + ", predictions.csv, cv_predictions.csv, run.json and "
                    + r.models().size()
                    + " pipelines");
            if (!r.failed().isEmpty()) {
                err.println("dlrad: " + r.failed().size() + " of " + classifiers.size() + " classifiers could not be fitted"
                        + " (the others are complete):");
                r.failed().forEach((k, v) -> err.println("  " + k + ": " + v));
                return Main.EXIT_BAD_INPUT;
            }
            return 0;
        }
    }

    /**
     * The last fitted lasso step's path and CV curve ({@link LassoSelect.Trace#toJson}) for the report, with the
     * coefficients' scale named after the steps before it; null without a lasso step.
     */
    static Map<String, Object> lassoTrace(List<Step> steps) {
        Map<String, Object> out = null;
        boolean zscored = false;
        for (Step s : steps) {
            if (s instanceof ZScore) {
                zscored = true;
            } else if (s instanceof PcaStep) {
                zscored = false;
            } else if (s instanceof LassoSelect l && l.trace() != null) {
                out = l.trace().toJson();
                out.put("coefficient_scale", zscored ? "z-scored features, per training SD"
                        : "original scale of the lasso step's input");
            }
        }
        return out;
    }

    /**
     * predictions.csv (ID, Set, label=positive, p_model...: the refitted models on the training and test cases)
     * or, with {@code cv}, cv_predictions.csv (the same columns; the training cases' out-of-fold probabilities).
     */
    static void writePredictions(Path file, Trainer.Result r, FeatureTable t, int[] y, String idName, String label,
            String positive, boolean cv) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            List<Object> head = new ArrayList<>(List.of(idName, "Set", label + "=" + positive));
            for (Trainer.ModelResult m : r.models()) {
                head.add("p_" + m.classifier());
            }
            Csv.writeLine(w, head);
            for (int s = 0; s < (cv ? 1 : 2); s++) {
                int[] idx = s == 0 ? r.train() : r.test();
                for (int i = 0; i < idx.length; i++) {
                    List<Object> line = new ArrayList<>(List.of(t.ids().get(idx[i]), s == 0 ? "train" : "test", y[idx[i]]));
                    for (Trainer.ModelResult m : r.models()) {
                        line.add((cv ? m.cvProb() : s == 0 ? m.trainProb() : m.testProb())[i]);
                    }
                    Csv.writeLine(w, line);
                }
            }
        }
    }

    /** Feature names from an icc-filter CSV (column "feature", kept = true) or a plain list. */
    static List<String> readKeep(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": file not found (--keep)");
        }
        List<String> header = Csv.header(file);
        List<String> out = new ArrayList<>();
        String keptCol = header.stream().filter(h -> h.startsWith("kept")).findFirst().orElse(null);
        if (header.contains("feature") && keptCol != null) {
            for (Map<String, String> row : Csv.read(file)) {
                if (Boolean.parseBoolean(row.get(keptCol).trim())) {
                    out.add(row.get("feature"));
                }
            }
        } else {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(line.trim());
                }
            }
        }
        if (out.isEmpty()) {
            throw new UserInputException(file + ": no feature to keep (--keep)");
        }
        return out;
    }

    static String ci(Object o) {
        double[] c = (double[]) o;
        return String.format(Locale.ROOT, "%.3f-%.3f", c[0], c[1]);
    }

    static int sum(int[] v) {
        int s = 0;
        for (int x : v) {
            s += x;
        }
        return s;
    }

    static int[] pick(int[] y, int[] idx) {
        int[] o = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            o[i] = y[idx[i]];
        }
        return o;
    }

    static List<String> idsOf(FeatureTable t, int[] idx) {
        List<String> o = new ArrayList<>();
        for (int i : idx) {
            o.add(t.ids().get(i));
        }
        return o;
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "A saved pipeline on labelled cases: AUC (DeLong CI, optional bootstrap), and accuracy, "
                    + "sensitivity, specificity, PPV, NPV, F1 at the pipeline's training Youden cut-off (or --threshold).")
    static final class Evaluate implements Callable<Integer> {
        @Mixin
        Tables tables;

        @Option(names = "--pipeline", required = true, paramLabel = "JSON") Path pipeline;

        @Option(names = "--label", required = true, paramLabel = "COL") String label;

        @Option(names = "--positive", required = true, paramLabel = "VALUE") String positive;

        @Option(names = "--threshold", paramLabel = "P", description = "cut-off (default: the pipeline's)") Double threshold;

        @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "N") int bootstrap;

        @Option(names = "--seed", defaultValue = "42") long seed;

        @Option(names = "--json") boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Pipeline p = Pipeline.load(pipeline);
            FeatureTable t = tables.read(label, positive);
            double[] prob = p.predict(t.columns(), t.x());
            double th = threshold != null ? threshold : ((Number) p.meta().getOrDefault("threshold", 0.5)).doubleValue();
            Map<String, Object> m = metrics(prob, t.y(), th, bootstrap, seed);
            m.put("classifier", p.meta().get("classifier"));
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(Json.write(m));
            } else {
                o.printf(Locale.ROOT, "%s on %d cases: AUC %.3f (95%% CI %s), at %.4g: accuracy %.3f, sensitivity %.3f, "
                        + "specificity %.3f, F1 %.3f%n", p.meta().get("classifier"), t.rows(), m.get("auc"), ci(m.get("ci")),
                        th, m.get("accuracy"), m.get("sensitivity"), m.get("specificity"), m.get("f1"));
            }
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "A saved pipeline on new cases: the probability of the positive class per case.")
    static final class Predict implements Callable<Integer> {
        @Mixin
        Tables tables;

        @Option(names = "--pipeline", required = true, paramLabel = "JSON") Path pipeline;

        @Option(names = "--out", paramLabel = "CSV", description = "output (default: standard output)") Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Pipeline p = Pipeline.load(pipeline);
            String label = (String) p.meta().get("label");
            tables.exclude.add(label);
            FeatureTable t = tables.read(null, null);
            double[] prob = p.predict(t.columns(), t.x());
            double th = ((Number) p.meta().getOrDefault("threshold", 0.5)).doubleValue();
            java.io.StringWriter sw = new java.io.StringWriter();
            Csv.writeLine(sw, List.of(tables.idName(), "p_" + p.meta().get("classifier"), "predicted " + label + "=" + p.meta()
                    .get("positive")));
            for (int i = 0; i < prob.length; i++) {
                Csv.writeLine(sw, List.of(t.ids().get(i), prob[i], prob[i] >= th ? 1 : 0));
            }
            if (out == null) {
                spec.commandLine().getOut().print(sw);
            } else {
                Files.writeString(out, sw.toString());
                spec.commandLine().getErr().println("Wrote " + prob.length + " predictions to " + out);
            }
            return 0;
        }
    }

}
