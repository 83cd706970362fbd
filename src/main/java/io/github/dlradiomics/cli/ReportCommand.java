package io.github.dlradiomics.cli;

import io.github.dlradiomics.report.Report;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./dlrad report --run DIR}: one self-contained HTML report of a {@code model train} folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"One self-contained HTML file (figures embedded, no external resources) from the --out folder "
                + "of ./dlrad model train: cohort, methods as run (parameters and seeds), the comparison table, ROC "
                + "curves (train, test) with bootstrap bands, calibration, decision curves, a confusion matrix, and with a "
                + "lasso selection step the LASSO coefficient path and cross-validation curve.",
            "The figures are also written as PNG and SVG to figures/ next to the report."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "the --out folder of ./dlrad model train")
    Path run;

    @Option(names = "--out", paramLabel = "HTML", description = "output file (default: DIR/report.html)")
    Path out;

    @Option(names = "--synthetic", description = "mark the report SYNTHETIC DATA (also automatic when an input table "
            + "has a column 'synthetic' or run.json says so)")
    boolean synthetic;

    @Option(names = "--bootstrap", defaultValue = "2000", paramLabel = "N",
            description = "bootstrap replicates of the ROC bands, seeded with the run's seed (0: no bands; default: ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--note", paramLabel = "TEXT", description = "a note shown under the title (repeatable), e.g. what "
            + "was not run")
    java.util.List<String> notes = new java.util.ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path html = out != null ? out : run.resolve("report.html");
        Report.Result r = Report.write(run, html, new Report.Options(synthetic, bootstrap, notes));
        spec.commandLine().getErr().println("Wrote " + r.html() + (r.synthetic() ? " (SYNTHETIC DATA)" : "") + " and "
                + r.figures().size() + " figure files in " + html.toAbsolutePath().getParent().resolve("figures"));
        return 0;
    }
}
