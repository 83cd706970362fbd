package io.github.dlradiomics.cli;

import io.github.dlradiomics.deep.ModelDescriptor;
import io.github.dlradiomics.deep.ModelResolver;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./dlrad demo}: the whole pipeline on the SYNTHETIC teaching cohort, offline: cohort -> masks ->
 * radiomics -> 2.5D deep features (when a model is found) -> selection -> the eight classifiers ->
 * nomogram -> report. Each step is the command a user would run, executed in this process, so the demo
 * is also a worked example of the command line (the commands are printed as they run).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole pipeline on the generated SYNTHETIC teaching cohort, offline; prints each command, "
                + "the comparison table and where the results are. Deep features use the model the resolution order "
                + "finds (docs/models.md); with none, that step is skipped and the output says so."})
final class DemoCommand implements Callable<Integer> {
    static final String SKIPPED_DEEP = "Deep features were skipped: no model file was found offline (put "
            + "resnet50-v1-12.onnx in ~/.cache/dlradiomics/models or see docs/models.md); the models use radiomics and "
            + "clinical features only.";

    @Option(names = "--out", defaultValue = "dlrad-demo", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--cases", defaultValue = "100", paramLabel = "N", description = "cohort size (default: ${DEFAULT-VALUE})")
    int cases;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "the one seed of the run (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N") int threads;

    @Option(names = "--offline", description = "never try to download a model") boolean offline;

    @Spec
    CommandSpec spec;

    private PrintWriter stdout;
    private PrintWriter stderr;

    @Override
    public Integer call() throws Exception {
        stdout = spec.commandLine().getOut();
        stderr = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        Path cohort = out.resolve("cohort");
        stdout.println("DLRadiomics demo on a SYNTHETIC teaching cohort (not patient data), seed " + seed + ", in " + out);
        run("cohort", "--out", cohort.toString(), "--cases", Integer.toString(cases), "--seed", Long.toString(seed));
        Path radiomics = out.resolve("radiomics.csv");
        run("features", "--batch", cohort.resolve("cases.csv").toString(), "--jobs", Integer.toString(threads), "--out",
                radiomics.toString());
        Path deep = out.resolve("deep.csv");
        String model = findModel();
        List<String> tables = new ArrayList<>(List.of("--table", radiomics.toString()));
        String select = "variance,zscore,corr:0.9,mwu:0.05,lasso:1se";
        if (model != null) {
            run("deep", "--batch", cohort.resolve("cases.csv").toString(), "--model", model, "--neighbours", "1",
                    "--margin", "5", "--threads", Integer.toString(threads), "--out", deep.toString());
            tables.addAll(List.of("--table", deep.toString()));
            // the deep features' PCA is a pipeline step: fitted on the training cases only
            select = "variance,pca:DL_:0.95,zscore,corr:0.9,mwu:0.05,lasso:1se";
        }
        tables.addAll(List.of("--table", cohort.resolve("clinical.csv").toString()));
        Path models = out.resolve("models");
        List<String> train = new ArrayList<>(List.of("model", "train"));
        train.addAll(tables);
        train.addAll(List.of("--label", "Outcome", "--positive", "malignant", "--exclude",
                "Image,Mask,Label,synthetic,errors,IndexLevel,IndexLabel,Axis,Slice,Slices", "--categorical", "Sex",
                "--select", select, "--seed", Long.toString(seed), "--threads", Integer.toString(threads), "--out",
                models.toString()));
        int code = run(train.toArray(new String[0]));
        nomogram(models, model != null ? "DLR_score" : "Rad_score");
        Path report = models.resolve("report.html");
        List<String> reportArgs = new ArrayList<>(List.of("report", "--run", models.toString(), "--out", report.toString(),
                "--synthetic"));
        if (model == null) {
            reportArgs.addAll(List.of("--note", SKIPPED_DEEP));
        }
        run(reportArgs.toArray(new String[0]));
        Map<String, String> best = bestModel(models.resolve("comparison.csv"));
        double secs = (System.nanoTime() - t0) / 1e9;
        stdout.println();
        stdout.printf(Locale.ROOT, "Best model on the test cases: %s, test AUC %s (95%% CI %s) — SYNTHETIC data%n",
                best.get("Model"), fmt(best.get("Test AUC")), best.get("Test AUC 95% CI (DeLong)"));
        stdout.println("Report:  " + report.toAbsolutePath());
        stdout.println("Results: " + models.toAbsolutePath() + " (comparison.csv, predictions.csv, run.json, pipelines)");
        if (model == null) {
            stdout.println(SKIPPED_DEEP);
        }
        stdout.printf(Locale.ROOT, "Demo finished in %.0f s%n", secs);
        return code == 0 ? 0 : code;
    }

    /**
     * The nomogram step: clinical variables (Age, Sex) plus the signature score, the logit of the ridge logistic
     * model's probability (a linear signature, as the papers' Rad-score), fitted on the training cases with their
     * out-of-fold signatures (each case scored by the CV fit that left it out: no in-sample optimism).
     */
    private void nomogram(Path models, String signature) {
        int code = run("nomogram", "--run", models.toString(), "--vars", "Age,Sex", "--signature-model", "lr-l2",
                "--signature-name", signature, "--signature-source", "cv", "--title", "Nomogram (SYNTHETIC teaching cohort): Outcome ~ Age + Sex + "
                        + signature, "--out", models.resolve("nomogram").toString());
        if (code != 0) {
            stdout.println("Nomogram: skipped (the reason is printed above).");
        }
    }

    /** An argument as a shell word (single-quoted when it holds anything but safe characters). */
    static String shellWord(String a) {
        return a.matches("[A-Za-z0-9_./:=,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'";
    }

    private static String fmt(String v) {
        return String.format(Locale.ROOT, "%.3f", Double.parseDouble(v));
    }

    private static Map<String, String> bestModel(Path comparison) throws java.io.IOException {
        Map<String, String> best = null;
        for (Map<String, String> row : Csv.read(comparison)) {
            if (best == null || Double.parseDouble(row.get("Test AUC")) > Double.parseDouble(best.get("Test AUC"))) {
                best = row;
            }
        }
        return best;
    }

    /**
     * The deep-feature model: ResNet50 (ImageNet) when the resolution order finds it (downloading it when
     * online), else SqueezeNet 1.1 from the local folders (../shared/models in this repository's CI), else none.
     */
    private String findModel() {
        Path shared = Path.of(System.getProperty("dlrad.home", ".")).resolve("../shared/models").normalize();
        if (Files.isDirectory(shared) && System.getProperty("dlrad.model.path") == null) {
            System.setProperty("dlrad.model.path", shared.toString());
        }
        for (String name : List.of("resnet50-imagenet", "squeezenet1.1-imagenet")) {
            try {
                ModelDescriptor d = ModelDescriptor.find(name);
                ModelResolver.fromEnvironment(offline).resolve(d, null, new ConsoleProgress(stderr));
                stdout.println("Deep features: model " + name);
                return name;
            } catch (UserInputException e) {
                stderr.println("(" + name + ": " + e.getMessage() + ")");
            }
        }
        stdout.println("Deep features: skipped — no model file found offline. To add one: put resnet50-v1-12.onnx in "
                + "~/.cache/dlradiomics/models (docs/models.md).");
        return null;
    }

    /** Runs one dlrad command in this process, printing it first; a failure stops the demo. */
    private int run(String... args) {
        stdout.println();
        stdout.println("$ ./dlrad " + String.join(" ", java.util.Arrays.stream(args).map(DemoCommand::shellWord).toList()));
        stdout.flush();
        int code = Main.run(args, stdout, stderr);
        if (code != 0 && code != Main.EXIT_BAD_INPUT) {
            throw new IllegalStateException("demo step failed (exit " + code + "): ./dlrad " + String.join(" ", args));
        }
        if (code == Main.EXIT_BAD_INPUT && !List.of("model", "features", "nomogram").contains(args[0])) {
            throw new UserInputException("demo step failed: ./dlrad " + String.join(" ", args));
        }
        return code;
    }
}
