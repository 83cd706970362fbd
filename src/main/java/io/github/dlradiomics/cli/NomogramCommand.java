package io.github.dlradiomics.cli;

import io.github.dlradiomics.nomogram.Nomogram;
import io.github.dlradiomics.nomogram.NomogramFigure;
import io.github.dlradiomics.nomogram.NomogramInput;
import io.github.dlradiomics.nomogram.NomogramModel;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./dlrad nomogram --table CSV --label COL --positive VALUE --vars a,b,c --out DIR}: an unpenalised
 * logistic model of the chosen variables and its nomogram as rms draws it; {@code ./dlrad nomogram score}
 * scores patients with a saved nomogram.json.
 */
@Command(name = "nomogram", mixinStandardHelpOptions = true, subcommands = NomogramCommand.Score.class,
        description = {"Fits glm(label ~ vars, binomial) (unpenalised, as R glm / rms lrm) and builds its nomogram as "
                + "rms::nomogram(fit, fun = plogis) does: a 0-100 Points axis, one axis per variable scaled by "
                + "|beta| x range, Total Points, linear predictor and risk axes.",
            "Writes DIR/nomogram.json (points_per_lp_unit, per-variable value -> points ticks, total points -> risk, "
                + "the coefficient table), DIR/nomogram.png, DIR/nomogram.svg and DIR/coefficients.csv; prints the "
                + "points tables (as print.nomogram).",
            "Variables: numeric, or categorical (declared, or any value not a number; levels sorted, the first is "
                + "the reference). Signature scores (e.g. a Rad-score column from ./dlrad model predict) are numeric "
                + "variables like any other."})
final class NomogramCommand implements Callable<Integer> {
    @Option(names = "--table", paramLabel = "CSV", description = "the table (one row per patient)")
    Path table;

    @Option(names = "--label", paramLabel = "COL", description = "the outcome column")
    String label;

    @Option(names = "--positive", paramLabel = "VALUE", description = "the outcome value that is the event")
    String positive;

    @Option(names = "--vars", split = ",", paramLabel = "a,b,c", description = "the model's variables, in axis order")
    List<String> vars = new ArrayList<>();

    @Option(names = "--categorical", split = ",", paramLabel = "a,b",
            description = "variables to treat as categorical although numeric")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--id", defaultValue = "ID", paramLabel = "COL",
            description = "ID column (rows are numbered when absent; default: ${DEFAULT-VALUE})")
    String id;

    @Option(names = "--risk-at", split = ",", paramLabel = "p,...",
            description = "risk axis ticks (default: R's pretty() over the linear predictor axis, as rms)")
    double[] riskAt;

    @Option(names = "--title", paramLabel = "TEXT", description = "figure title (default: Nomogram: <formula>)")
    String title;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--run", paramLabel = "DIR", description = "instead of --table/--label/--positive: the --out folder of "
            + "./dlrad model train; the nomogram is fitted on its training cases with --vars (clinical columns of its "
            + "input tables) plus the signature of --signature-model")
    Path run;

    @Option(names = "--signature-model", defaultValue = "lr-l2", paramLabel = "NAME",
            description = "with --run: the classifier whose logit is the signature (default: ${DEFAULT-VALUE})")
    String signatureModel;

    @Option(names = "--signature-name", defaultValue = "Signature", paramLabel = "COL",
            description = "with --run: the signature variable's name (default: ${DEFAULT-VALUE})")
    String signatureName;

    @Option(names = "--signature-source", defaultValue = "fit", paramLabel = "fit|cv", description = "with --run: the "
            + "signature of the training cases from the refitted model (fit: predictions.csv, what the papers' "
            + "Rad-scores are) or from the CV fits that left each case out (cv: cv_predictions.csv, less optimistic) "
            + "(default: ${DEFAULT-VALUE})")
    String signatureSource;

    @Option(names = "--signature", paramLabel = "NAME=DIR[:MODEL]", description = "with --run, instead of "
            + "--signature-model/--signature-name, repeatable: a signature variable NAME, the logit of MODEL's "
            + "(default lr-l2) probability in the model train run DIR, e.g. Rad_score=runs/radiomics "
            + "DL_score=runs/deep:lr-l2; every run must have the same training cases")
    List<String> signatures = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        require(out, "--out");
        if (riskAt != null) {
            for (double r : riskAt) {
                if (!(r > 0 && r < 1)) {
                    throw new UserInputException("--risk-at: " + r + " is not a risk in (0, 1)");
                }
            }
        }
        NomogramModel.Result r;
        if (run == null && !signatures.isEmpty()) {
            throw new UserInputException("nomogram: --signature needs --run (the run whose training cases the nomogram uses)");
        }
        if (run != null) {
            if (table != null || label != null || positive != null) {
                throw new UserInputException("nomogram: --run replaces --table, --label and --positive; give one or the other");
            }
            table = out.resolve("nomogram_input.csv");
            if (!List.of("fit", "cv").contains(signatureSource)) {
                throw new UserInputException("--signature-source: '" + signatureSource + "' is not fit or cv");
            }
            boolean cv = signatureSource.equals("cv");
            List<NomogramInput.Source> sources = new ArrayList<>();
            for (String sg : signatures) {
                sources.add(source(sg, cv));
            }
            if (sources.isEmpty()) {
                sources.add(new NomogramInput.Source(signatureName, NomogramModel.predictions(run, cv), signatureModel));
            }
            r = NomogramModel.fitRun(run, vars, sources, table, categorical, riskAt);
            for (NomogramInput.Source src : sources) {
                spec.commandLine().getErr().println("Nomogram table: " + table + " (training cases; " + src.name()
                        + " = logit of " + src.model() + "'s probabilities in " + src.predictions() + ")");
            }
        } else {
            require(table, "--table");
            require(label, "--label");
            require(positive, "--positive");
            if (vars.isEmpty()) {
                throw new UserInputException("nomogram: --vars is required (the model's variables, e.g. --vars age,sex,Rad_score)");
            }
            if (!Files.isRegularFile(table)) {
                throw new UserInputException(table + ": no such file (--table)");
            }
            r = NomogramModel.fit(table, id, label, positive, vars, categorical, riskAt);
        }
        r.write(out, title != null ? title : "Nomogram: " + r.formula(), table);
        PrintWriter o = spec.commandLine().getOut();
        print(r, o);
        o.flush();
        spec.commandLine().getErr().println("Wrote nomogram.json, nomogram.png, nomogram.svg and coefficients.csv in " + out);
        return 0;
    }

    /** NAME=DIR[:MODEL] -> the signature source. */
    static NomogramInput.Source source(String spec, boolean cv) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new UserInputException("--signature: '" + spec + "' is not NAME=DIR[:MODEL] (e.g. Rad_score=runs/radiomics:lr-l2)");
        }
        String name = spec.substring(0, eq);
        String rest = spec.substring(eq + 1);
        String model = "lr-l2";
        int colon = rest.lastIndexOf(':');
        if (colon > 0 && !rest.substring(colon + 1).contains("/")) {
            model = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new NomogramInput.Source(name, NomogramModel.predictions(Path.of(rest), cv), model);
    }

    private static void require(Object v, String name) {
        if (v == null) {
            throw new UserInputException("nomogram: " + name + " is required");
        }
    }

    /** The tables print.nomogram prints. */
    static void print(NomogramModel.Result r, PrintWriter o) {
        Nomogram n = r.nomogram();
        o.printf(Locale.ROOT, "Model: %s (n = %d, events = %d)%n", r.formula(), r.n(), r.events());
        o.printf(Locale.ROOT, "Points per unit of linear predictor: %.6g%nLinear predictor units per point   : %.6g%n",
                n.pointsPerLpUnit(), 1 / n.pointsPerLpUnit());
        for (Nomogram.Axis a : n.axes()) {
            o.println();
            o.printf(Locale.ROOT, "%-14s %8s%n", a.name(), "Points");
            for (int i = 0; i < a.points().length; i++) {
                o.printf(Locale.ROOT, "%-14s %8.0f%n", a.labels().get(i), a.points()[i]);
            }
        }
        o.println();
        o.printf(Locale.ROOT, "%12s %10s%n", "Total Points", "Risk");
        double[] p = n.riskTickPoints();
        double[] v = n.riskTicks();
        for (int i = 0; i < p.length; i++) {
            o.printf(Locale.ROOT, "%12.0f %10s%n", p[i], Nomogram.format(v[i]));
        }
    }

    /** {@code ./dlrad nomogram score}: risk and points breakdown of patients. */
    @Command(name = "score", mixinStandardHelpOptions = true,
            description = {"Scores patients with a nomogram.json: points per variable, total points, linear predictor "
                    + "and risk (plogis of the linear predictor).",
                "One patient: --values age=52,sex=F,Rad_score=0.3. Many: --table CSV (columns named as the variables) "
                    + "--out CSV."})
    static final class Score implements Callable<Integer> {
        @Option(names = "--nomogram", required = true, paramLabel = "JSON", description = "nomogram.json")
        Path nomogram;

        @Option(names = "--values", split = ",", paramLabel = "name=value,...", description = "one patient's values")
        Map<String, String> values;

        @Option(names = "--table", paramLabel = "CSV", description = "patients to score")
        Path table;

        @Option(names = "--id", defaultValue = "ID", paramLabel = "COL", description = "ID column of --table (default: ${DEFAULT-VALUE})")
        String id;

        @Option(names = "--out", paramLabel = "CSV", description = "output table for --table (default: standard output)")
        Path out;

        @Option(names = "--figure", paramLabel = "PNG", description = "with --values: the nomogram with the patient marked "
                + "(PNG; an SVG is written beside it)")
        Path figure;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(nomogram)) {
                throw new UserInputException(nomogram + ": no such file (--nomogram)");
            }
            Map<String, Object> json = Json.parseObject(Files.readString(nomogram));
            Nomogram n = Nomogram.fromJson(json);
            if ((values == null) == (table == null)) {
                throw new UserInputException("nomogram score: give either --values or --table");
            }
            PrintWriter o = spec.commandLine().getOut();
            if (values != null) {
                Nomogram.Score s = n.score(values);
                for (int i = 0; i < s.names().size(); i++) {
                    o.printf(Locale.ROOT, "%-20s %-12s %8.2f points%n", s.names().get(i), values.get(s.names().get(i)),
                            s.points()[i]);
                }
                o.printf(Locale.ROOT, "%-20s %-12s %8.2f points%n", "Total", "", s.total());
                o.printf(Locale.ROOT, "Linear predictor %.6f, risk %.6f%n", s.lp(), s.risk());
                o.flush();
                if (figure != null) {
                    String base = figure.getFileName().toString().replaceFirst("\\.png$", "");
                    Path dir = figure.toAbsolutePath().getParent();
                    Files.createDirectories(dir);
                    new NomogramFigure(n, NomogramModel.titleOf(json), NomogramModel.riskLabelOf(json), s).write(dir, base);
                }
                return 0;
            }
            if (!Files.isRegularFile(table)) {
                throw new UserInputException(table + ": no such file (--table)");
            }
            List<Map<String, String>> rows = Csv.read(table);
            List<String> header = Csv.header(table);
            List<String> names = new ArrayList<>();
            for (Nomogram.Axis a : n.axes()) {
                names.add(a.name());
                if (!header.contains(a.name())) {
                    throw new UserInputException(table.getFileName() + ": no column '" + a.name() + "' (a variable of the nomogram)");
                }
            }
            List<String> head = new ArrayList<>();
            head.add(header.contains(id) ? id : "row");
            for (String v : names) {
                head.add(v + "_points");
            }
            head.addAll(List.of("total_points", "linear_predictor", "risk"));
            List<String> bad = new ArrayList<>();
            Writer w = out != null ? Files.newBufferedWriter(out) : o;
            try {
                Csv.writeLine(w, head);
                for (int r = 0; r < rows.size(); r++) {
                    String rid = header.contains(id) ? rows.get(r).get(id) : Integer.toString(r + 1);
                    Map<String, String> v = new LinkedHashMap<>();
                    for (String name : names) {
                        v.put(name, rows.get(r).get(name));
                    }
                    Nomogram.Score s;
                    try {
                        s = n.score(v);
                    } catch (UserInputException e) {
                        bad.add(rid + ": " + e.getMessage());
                        continue;
                    }
                    List<Object> line = new ArrayList<>();
                    line.add(rid);
                    for (double p : s.points()) {
                        line.add(p);
                    }
                    line.add(s.total());
                    line.add(s.lp());
                    line.add(s.risk());
                    Csv.writeLine(w, line);
                }
            } finally {
                if (out != null) {
                    w.close();
                } else {
                    w.flush();
                }
            }
            if (!bad.isEmpty()) {
                spec.commandLine().getErr().println(bad.size() + " row(s) not scored:");
                for (String b : bad) {
                    spec.commandLine().getErr().println("  " + b);
                }
                return 1;
            }
            return 0;
        }
    }
}
