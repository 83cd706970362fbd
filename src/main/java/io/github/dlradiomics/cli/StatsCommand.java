package io.github.dlradiomics.cli;

import io.github.dlradiomics.stats.Icc;
import io.github.dlradiomics.stats.IccFilter;
import io.github.dlradiomics.stats.RatingsTable;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./dlrad stats SUBCOMMAND}: statistics on tables. Each statistic is one nested subcommand class
 * listed in {@code subcommands}; add new ones there.
 *
 * <pre>./dlrad stats icc --table ratings.csv --raters J1,J2,J3,J4 --json</pre>
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Statistics on CSV tables: ROC/AUC with DeLong CIs and tests, decision curves, calibration, "
                + "Hosmer-Lemeshow, reliability (ICC) and feature filtering.",
        subcommands = {CurveCommands.RocCommand.class, CurveCommands.DeLongCommand.class, CurveCommands.DcaCommand.class,
            CurveCommands.CalibrationCommand.class, CurveCommands.HosmerCommand.class, StatsCommand.IccCommand.class,
            StatsCommand.IccFilterCommand.class, CommandLine.HelpCommand.class})
public final class StatsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ./dlrad stats icc --table CSV --raters A,B[,...] [--alpha 0.05] [--json]}. */
    @Command(name = "icc", mixinStandardHelpOptions = true,
            description = {"Intraclass correlations ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k (Shrout & Fleiss 1979) with F tests",
                "and confidence intervals, computed as R's psych::ICC does. Rows = subjects, the --raters columns = raters;",
                "no missing values."})
    static final class IccCommand implements Callable<Integer> {
        @Option(names = "--table", required = true, paramLabel = "CSV", description = "CSV file, one row per subject")
        Path table;

        @Option(names = "--raters", required = true, split = ",", paramLabel = "A,B",
                description = "the columns holding each rater's values (at least 2)")
        List<String> raters;

        @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "A",
                description = "1 - confidence level of the intervals (default: ${DEFAULT-VALUE})")
        double alpha;

        @Option(names = "--json", description = "print JSON: {\"ICC1\": {\"value\", \"ci\": [lo, hi], \"F\", \"p\"}, ...}")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            double[][] x = RatingsTable.read(table, raters);
            Icc.Result r = Icc.compute(x, alpha);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(r.toMap()));
                return 0;
            }
            out.printf(Locale.ROOT, "Intraclass correlations (psych::ICC; %d subjects, %d raters: %s)%n", r.subjects(),
                    r.raters(), String.join(", ", raters));
            out.printf(Locale.ROOT, "%-24s %-6s %8s %8s %4s %6s %10s %8s %8s%n", "", "type", "ICC", "F", "df1", "df2", "p",
                    "lower", "upper");
            for (Icc.Estimate e : r.estimates()) {
                out.printf(Locale.ROOT, "%-24s %-6s %8.4f %8.3f %4s %6s %10.4g %8.4f %8.4f%n", e.type().description(),
                        e.type().name(), e.value(), e.f(), Json.plain(e.df1()), Json.plain(e.df2()), e.p(), e.lower(), e.upper());
            }
            out.printf(Locale.ROOT, "Confidence level: %s%%. Mean squares: subjects %.6g, within %.6g, raters %.6g, residual %.6g%n",
                    Json.plain(100 * (1 - alpha)), r.msb(), r.msw(), r.msj(), r.mse());
            return 0;
        }
    }

    /** {@code ./dlrad stats icc-filter --reader A.csv --reader B.csv --id ID [--type ICC2] [--threshold 0.75] [--out CSV] [--json]}. */
    @Command(name = "icc-filter", mixinStandardHelpOptions = true,
            description = {"Feature reproducibility filter: per feature of two or more readers' feature tables (rows matched",
                "by --id), ICC(2,1) and ICC(3,1) with confidence intervals; keeps features whose --type ICC is >= --threshold."})
    static final class IccFilterCommand implements Callable<Integer> {
        @Option(names = "--reader", required = true, paramLabel = "CSV", description = "a reader's feature table (repeat: at least 2)")
        List<Path> readers = new ArrayList<>();

        @Option(names = "--id", defaultValue = "ID", paramLabel = "COLUMN", description = "case ID column (default: ${DEFAULT-VALUE})")
        String id;

        @Option(names = "--type", defaultValue = "ICC2", paramLabel = "ICC",
                description = "the ICC that decides: ICC2 = ICC(2,1) or ICC3 = ICC(3,1), ... (default: ${DEFAULT-VALUE})")
        String type;

        @Option(names = "--threshold", defaultValue = "0.75", paramLabel = "T", description = "keep when ICC >= T (default: ${DEFAULT-VALUE})")
        double threshold;

        @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "A",
                description = "1 - confidence level of the intervals (default: ${DEFAULT-VALUE})")
        double alpha;

        @Option(names = "--out", paramLabel = "CSV", description = "write the per-feature table here")
        Path out;

        @Option(names = "--json", description = "print JSON instead of text")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<IccFilter.Table> tables = new ArrayList<>();
            for (Path p : readers) {
                tables.add(new IccFilter.Table(p.getFileName().toString(), Csv.read(p)));
            }
            IccFilter.Result r = IccFilter.compute(tables, id, Icc.Type.parse(type), threshold, alpha);
            if (out != null) {
                r.writeCsv(out);
            }
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", r.type().name());
                m.put("threshold", r.threshold());
                m.put("cases", r.matchedIds().size());
                m.put("unmatched_ids", r.unmatchedIds());
                m.put("skipped_columns", r.skippedColumns());
                m.put("kept", r.keptFeatures());
                m.put("features", r.rows().size());
                o.println(Json.write(m));
            } else {
                o.printf(Locale.ROOT, "%d of %d features kept (%s >= %s) over %d cases%n", r.keptFeatures().size(),
                        r.rows().size(), r.type().name(), Json.plain(r.threshold()), r.matchedIds().size());
                if (!r.unmatchedIds().isEmpty()) {
                    o.println("Cases not in every table (left out): " + String.join(", ", r.unmatchedIds()));
                }
                if (!r.skippedColumns().isEmpty()) {
                    o.println("Columns skipped (not numeric, or not in every table): " + r.skippedColumns().size());
                }
                r.keptFeatures().forEach(o::println);
            }
            return 0;
        }
    }
}
