package io.github.dlradiomics.cli;

import io.github.dlradiomics.deep.Pca;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
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

/** {@code ./dlrad pca fit|apply}: PCA of deep features, fitted on training cases only and applied unchanged to others. */
@Command(name = "pca", mixinStandardHelpOptions = true,
        description = "PCA of a feature table (e.g. the 2048 deep features): fit on the training cases, save as JSON, "
                + "apply the same centring, scaling and components to test and new cases.",
        subcommands = {PcaCommand.Fit.class, PcaCommand.Apply.class})
final class PcaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The feature columns: those starting with {@code prefix}. */
    static List<String> columns(Path table, List<String> header, String prefix) {
        List<String> cols = new ArrayList<>();
        for (String h : header) {
            if (h.startsWith(prefix)) {
                cols.add(h);
            }
        }
        if (cols.isEmpty()) {
            throw new UserInputException(table + ": no column starts with '" + prefix + "' (--prefix)");
        }
        return cols;
    }

    static double[][] matrix(Path table, List<Map<String, String>> rows, List<String> cols) {
        double[][] x = new double[rows.size()][cols.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                String v = rows.get(i).get(cols.get(j));
                try {
                    x[i][j] = Double.parseDouble(v.trim());
                } catch (NumberFormatException | NullPointerException e) {
                    throw new UserInputException(table + ": row " + (i + 2) + ", column '" + cols.get(j)
                            + "': not a number ('" + v + "')");
                }
            }
        }
        return x;
    }

    /** Writes the table with the feature columns replaced by the components (other columns kept). */
    static void writeTransformed(Writer w, List<String> header, List<Map<String, String>> rows, List<String> cols,
            List<String> pcNames, double[][] z) throws IOException {
        List<String> keep = new ArrayList<>();
        for (String h : header) {
            if (!cols.contains(h)) {
                keep.add(h);
            }
        }
        List<Object> head = new ArrayList<>(keep);
        head.addAll(pcNames);
        Csv.writeLine(w, head);
        for (int i = 0; i < rows.size(); i++) {
            List<Object> line = new ArrayList<>();
            for (String k : keep) {
                line.add(rows.get(i).get(k));
            }
            for (double v : z[i]) {
                line.add(v);
            }
            Csv.writeLine(w, line);
        }
    }

    static void write(Path out, PrintWriter stdout, Writes body) throws IOException {
        if (out == null) {
            StringWriter sw = new StringWriter();
            body.write(sw);
            stdout.print(sw);
            stdout.flush();
            return;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(out)) {
            body.write(w);
        }
    }

    interface Writes {
        void write(Writer w) throws IOException;
    }

    @Command(name = "fit", mixinStandardHelpOptions = true, description = "Fit PCA on a (training) table.")
    static final class Fit implements Callable<Integer> {
        @Option(names = "--table", required = true, paramLabel = "CSV", description = "training cases, one row each")
        Path table;

        @Option(names = "--prefix", defaultValue = "DL_", paramLabel = "TEXT",
                description = "feature columns: those starting with this (default: ${DEFAULT-VALUE})")
        String prefix;

        @Option(names = "--components", defaultValue = "0.95", paramLabel = "K|F",
                description = "a count (e.g. 100) or a fraction of variance to keep (e.g. 0.95; default: ${DEFAULT-VALUE})")
        String components;

        @Option(names = "--scale", description = "divide by the training SD too (default: centre only, like scikit-learn)")
        boolean scale;

        @Option(names = "--out", required = true, paramLabel = "pca.json", description = "the fitted PCA")
        Path out;

        @Option(names = "--transformed", paramLabel = "CSV", description = "also write the training table's components")
        Path transformed;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Map<String, String>> rows = Csv.read(table);
            List<String> header = Csv.header(table);
            List<String> cols = columns(table, header, prefix);
            Pca pca = Pca.fit(cols, matrix(table, rows, cols), Pca.Components.parse(components), scale);
            pca.write(out);
            PrintWriter err = spec.commandLine().getErr();
            double kept = 0;
            for (double r : pca.explainedVarianceRatio()) {
                kept += r;
            }
            err.printf(Locale.ROOT, "PCA of %d features on %d cases: %d components, %.1f%% of the variance; wrote %s%n",
                    cols.size(), rows.size(), pca.componentCount(), 100 * kept, out);
            if (transformed != null) {
                double[][] z = pca.transform(cols, matrix(table, rows, cols));
                write(transformed, spec.commandLine().getOut(), w -> writeTransformed(w, header, rows, cols,
                        prefixed(pca), z));
            }
            return 0;
        }
    }

    static List<String> prefixed(Pca pca) {
        List<String> names = new ArrayList<>();
        String stem = pca.featureNames().get(0);
        int us = stem.indexOf('_');
        String p = us > 0 ? stem.substring(0, us + 1) : "";
        for (String n : pca.columnNames()) {
            names.add(p + n);
        }
        return names;
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Apply a fitted PCA (training mean, SD and components, unchanged) to a table.")
    static final class Apply implements Callable<Integer> {
        @Option(names = "--pca", required = true, paramLabel = "pca.json", description = "from ./dlrad pca fit")
        Path pcaFile;

        @Option(names = "--table", required = true, paramLabel = "CSV", description = "cases to transform")
        Path table;

        @Option(names = "--out", paramLabel = "CSV", description = "output (default: standard output)")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Pca pca = Pca.read(pcaFile);
            List<Map<String, String>> rows = Csv.read(table);
            List<String> header = Csv.header(table);
            List<String> cols = new ArrayList<>();
            for (String h : header) {
                if (pca.featureNames().contains(h)) {
                    cols.add(h);
                }
            }
            double[][] z = pca.transform(cols, matrix(table, rows, cols));
            write(out, spec.commandLine().getOut(), w -> writeTransformed(w, header, rows, cols, prefixed(pca), z));
            if (out != null) {
                spec.commandLine().getErr().println("Wrote " + rows.size() + " rows x " + pca.componentCount()
                        + " components to " + out);
            }
            return 0;
        }
    }
}
