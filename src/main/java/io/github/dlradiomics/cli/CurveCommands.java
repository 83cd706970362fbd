package io.github.dlradiomics.cli;

import io.github.dlradiomics.stats.Calibration;
import io.github.dlradiomics.stats.DeLongTest;
import io.github.dlradiomics.stats.DecisionCurve;
import io.github.dlradiomics.stats.HosmerLemeshow;
import io.github.dlradiomics.stats.Roc;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./dlrad stats roc|delong|dca|calibration|hosmer}: the papers' evaluation statistics on a CSV with a
 * label column and score / probability columns, with pROC's, dcurves', rms' and ResourceSelection's definitions.
 */
final class CurveCommands {
    private CurveCommands() {
    }

    /** The label and the table, shared by every command. */
    static final class Labelled {
        @Option(names = "--table", required = true, paramLabel = "CSV", description = "one row per case")
        Path table;

        @Option(names = "--label", required = true, paramLabel = "COL", description = "the outcome column (two classes)")
        String label;

        @Option(names = "--positive", required = true, paramLabel = "VALUE",
                description = "the outcome value of the cases (the other value is the controls)")
        String positive;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        private List<Map<String, String>> rows;

        List<Map<String, String>> rows() throws IOException {
            if (rows == null) {
                rows = Csv.read(table);
                if (rows.isEmpty()) {
                    throw new UserInputException(table + ": no rows");
                }
                if (!rows.get(0).containsKey(label)) {
                    throw new UserInputException(table + ": no column '" + label + "' (--label)");
                }
            }
            return rows;
        }

        /** 1 for --positive, 0 for the other class; missing or a third class is an error naming the row. */
        int[] y() throws IOException {
            Set<String> classes = new LinkedHashSet<>();
            for (Map<String, String> r : rows()) {
                String v = r.get(label).trim();
                if (v.isEmpty() || v.equals("NA")) {
                    throw new UserInputException(table + ": column '" + label + "' has a missing value in row "
                            + (rows.indexOf(r) + 2));
                }
                classes.add(v);
            }
            if (!classes.contains(positive)) {
                throw new UserInputException(table + ": column '" + label + "' has no value '" + positive + "' (--positive);"
                        + " its values: " + classes);
            }
            if (classes.size() != 2) {
                throw new UserInputException(table + ": column '" + label + "' must have exactly two classes, found "
                        + classes.size() + ": " + classes);
            }
            int[] y = new int[rows.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = rows.get(i).get(label).trim().equals(positive) ? 1 : 0;
            }
            return y;
        }

        /** A numeric column; a missing or non-numeric value is an error naming the column and row. */
        double[] column(String name, String option) throws IOException {
            if (!rows().get(0).containsKey(name)) {
                throw new UserInputException(table + ": no column '" + name + "' (" + option + ")");
            }
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                String s = rows.get(i).get(name).trim();
                try {
                    v[i] = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    v[i] = Double.NaN;
                }
                if (!Double.isFinite(v[i])) {
                    throw new UserInputException(table + ": column '" + name + "', row " + (i + 2) + ": '" + s
                            + "' is not a number");
                }
            }
            return v;
        }

        /** A probability column (values in [0, 1]). */
        double[] probabilities(String name, String option) throws IOException {
            double[] v = column(name, option);
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0 || v[i] > 1) {
                    throw new UserInputException(table + ": column '" + name + "', row " + (i + 2) + ": " + v[i]
                            + " is not a probability in [0, 1]");
                }
            }
            return v;
        }
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    @Command(name = "roc", mixinStandardHelpOptions = true,
            description = "ROC curve and AUC as pROC: DeLong variance and 95% CI, Youden cut-off (se + sp maximal; "
                    + "threshold at midpoints, positive when score >= threshold), optional stratified bootstrap CI.")
    static final class RocCommand implements Callable<Integer> {
        @Mixin
        Labelled in;

        @Option(names = "--score", required = true, paramLabel = "COL", description = "the predictor")
        String score;

        @Option(names = "--direction", defaultValue = "auto", paramLabel = "auto|<|>",
                description = "auto (pROC: by the medians), < (higher = case) or > (default: ${DEFAULT-VALUE})")
        String direction;

        @Option(names = "--level", defaultValue = "0.95", description = "confidence level (default: ${DEFAULT-VALUE})")
        double level;

        @Option(names = "--bootstrap", paramLabel = "N", description = "also a stratified bootstrap CI with N replicates")
        Integer bootstrap;

        @Option(names = "--seed", defaultValue = "42", description = "bootstrap seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--coords", paramLabel = "CSV", description = "write pROC's full threshold table")
        Path coords;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            int[] y = in.y();
            Roc roc = Roc.of(in.column(score, "--score"), y, direction);
            double[] ci = roc.ciDeLong(level);
            Roc.Coords best = roc.youden();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("auc", roc.auc());
            m.put("auc_var", roc.varDeLong());
            m.put("ci", ci);
            m.put("level", level);
            m.put("direction", String.valueOf(roc.direction()));
            m.put("n_cases", roc.cases());
            m.put("n_controls", roc.controls());
            Map<String, Object> yd = new LinkedHashMap<>();
            yd.put("threshold", best.threshold());
            yd.put("sensitivity", best.sensitivity());
            yd.put("specificity", best.specificity());
            yd.put("accuracy", best.accuracy());
            yd.put("ppv", best.ppv());
            yd.put("npv", best.npv());
            yd.put("ties", roc.youdenAll().size());
            m.put("youden", yd);
            if (bootstrap != null) {
                double[] b = roc.ciBootstrap(bootstrap, seed, level);
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("ci", new double[] {b[0], b[2]});
                bm.put("median", b[1]);
                bm.put("replicates", bootstrap);
                bm.put("seed", seed);
                m.put("ci_bootstrap", bm);
            }
            if (coords != null) {
                try (Writer w = Files.newBufferedWriter(coords)) {
                    Csv.writeLine(w, List.of("threshold", "specificity", "sensitivity", "accuracy", "tp", "tn", "fp", "fn",
                            "ppv", "npv", "youden"));
                    for (Roc.Coords c : roc.coords()) {
                        Csv.writeLine(w, List.of(c.threshold(), c.specificity(), c.sensitivity(), c.accuracy(), c.tp(),
                                c.tn(), c.fp(), c.fn(), c.ppv(), c.npv(), c.youden()));
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (in.json) {
                out.println(Json.write(m));
                return 0;
            }
            out.printf(Locale.ROOT, "%s vs %s (%s = %s: %d cases, %d controls; direction %s)%n", score, in.label, in.label,
                    in.positive, roc.cases(), roc.controls(), roc.direction());
            out.printf(Locale.ROOT, "AUC %s (%s%% CI %s-%s, DeLong)%n", num(roc.auc()), Json.plain(100 * level), num(ci[0]),
                    num(ci[1]));
            if (bootstrap != null) {
                @SuppressWarnings("unchecked")
                double[] b = (double[]) ((Map<String, Object>) m.get("ci_bootstrap")).get("ci");
                out.printf(Locale.ROOT, "bootstrap CI %s-%s (%d stratified replicates, seed %d)%n", num(b[0]), num(b[1]),
                        bootstrap, seed);
            }
            out.printf(Locale.ROOT, "Youden cut-off %s: sensitivity %s, specificity %s, accuracy %s, PPV %s, NPV %s%n",
                    Json.plain(best.threshold()), num(best.sensitivity()), num(best.specificity()), num(best.accuracy()),
                    num(best.ppv()), num(best.npv()));
            return 0;
        }
    }

    @Command(name = "delong", mixinStandardHelpOptions = true,
            description = "DeLong's test of two AUCs as pROC's roc.test: paired (same cases; Z, p, CI of the "
                    + "difference) or --unpaired (D with a Welch-Satterthwaite t distribution).")
    static final class DeLongCommand implements Callable<Integer> {
        @Mixin
        Labelled in;

        @Option(names = "--score", required = true, paramLabel = "COL") String score;

        @Option(names = "--score2", required = true, paramLabel = "COL") String score2;

        @Option(names = "--unpaired", description = "the two scores are from different patients (pROC paired = FALSE)")
        boolean unpaired;

        @Option(names = "--alternative", defaultValue = "two.sided", paramLabel = "two.sided|greater|less")
        String alternative;

        @Option(names = "--direction", defaultValue = "auto", paramLabel = "auto|<|>") String direction;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            int[] y = in.y();
            Roc a = Roc.of(in.column(score, "--score"), y, direction);
            Roc b = Roc.of(in.column(score2, "--score2"), y, direction);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("auc1", a.auc());
            m.put("auc2", b.auc());
            String text;
            if (unpaired) {
                DeLongTest.Unpaired t = DeLongTest.unpaired(a, b, alternative);
                m.put("d", t.d());
                m.put("df", t.df());
                m.put("p", t.p());
                text = String.format(Locale.ROOT, "D = %.4f, df = %.1f, p = %.4g", t.d(), t.df(), t.p());
            } else {
                DeLongTest.Paired t = DeLongTest.paired(a, b, alternative, 0.95);
                m.put("z", t.z());
                m.put("p", t.p());
                m.put("ci", t.ci());
                text = String.format(Locale.ROOT, "Z = %.4f, p = %.4g; 95%% CI of the difference %s to %s", t.z(), t.p(),
                        num(t.ci()[0]), num(t.ci()[1]));
            }
            m.put("alternative", alternative);
            m.put("paired", !unpaired);
            PrintWriter out = spec.commandLine().getOut();
            if (in.json) {
                out.println(Json.write(m));
            } else {
                out.printf(Locale.ROOT, "DeLong's test (%s): AUC %s %s vs %s %s; %s%n", unpaired ? "unpaired" : "paired",
                        score, num(a.auc()), score2, num(b.auc()), text);
            }
            return 0;
        }
    }

    @Command(name = "dca", mixinStandardHelpOptions = true,
            description = "Decision curve (dcurves::dca): net benefit of treating when risk >= threshold, treat-all, treat-none.")
    static final class DcaCommand implements Callable<Integer> {
        @Mixin
        Labelled in;

        @Option(names = "--score", required = true, paramLabel = "COL", description = "predicted risk (probability)")
        String score;

        @Option(names = "--thresholds", defaultValue = "0:0.99:0.01", paramLabel = "LO:HI:STEP")
        String thresholds;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            DecisionCurve.Result r = DecisionCurve.of(in.probabilities(score, "--score"), in.y(),
                    DecisionCurve.thresholds(thresholds));
            PrintWriter out = spec.commandLine().getOut();
            if (in.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("threshold", r.threshold());
                m.put("net_benefit", r.netBenefit());
                m.put("treat_all", r.treatAll());
                m.put("treat_none", r.treatNone());
                out.println(Json.write(m));
                return 0;
            }
            out.println("threshold,net_benefit,treat_all,treat_none");
            for (int i = 0; i < r.threshold().length; i++) {
                out.println(Json.plain(r.threshold()[i]) + "," + r.netBenefit()[i] + "," + r.treatAll()[i] + ",0");
            }
            return 0;
        }
    }

    @Command(name = "calibration", mixinStandardHelpOptions = true,
            description = "Calibration as rms::val.prob: Brier score, logistic recalibration intercept and slope, "
                    + "Emax and Eavg of the lowess calibration curve.")
    static final class CalibrationCommand implements Callable<Integer> {
        @Mixin
        Labelled in;

        @Option(names = "--prob", required = true, paramLabel = "COL", description = "predicted probability")
        String prob;

        @Option(names = "--groups", paramLabel = "G",
                description = "also the points of a grouped calibration plot: G quantile groups, mean predicted vs observed")
        Integer groups;

        @Option(names = "--curve", description = "also the lowess calibration curve (JSON: \"curve\": {\"x\", \"y\"})")
        boolean curve;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            double[] p = in.probabilities(prob, "--prob");
            int[] y = in.y();
            Calibration.Result c = Calibration.of(p, y);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("brier", c.brier());
            m.put("intercept", c.intercept());
            m.put("slope", c.slope());
            m.put("emax", c.emax());
            m.put("eavg", c.eavg());
            m.put("n", c.n());
            List<Calibration.Group> gs = groups == null ? List.of() : Calibration.groups(p, y, groups);
            if (groups != null) {
                List<Map<String, Object>> gl = new ArrayList<>();
                for (Calibration.Group g : gs) {
                    Map<String, Object> gm = new LinkedHashMap<>();
                    gm.put("n", g.n());
                    gm.put("predicted", g.predicted());
                    gm.put("observed", g.observed());
                    gl.add(gm);
                }
                m.put("groups", gl);
            }
            if (curve) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("x", c.curveX());
                cm.put("y", c.curveY());
                m.put("curve", cm);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (in.json) {
                out.println(Json.write(m));
            } else {
                out.printf(Locale.ROOT, "n %d: Brier %s, intercept %s, slope %s, Emax %s, Eavg %s%n", c.n(), num(c.brier()),
                        num(c.intercept()), num(c.slope()), num(c.emax()), num(c.eavg()));
                for (Calibration.Group g : gs) {
                    out.printf(Locale.ROOT, "  group of %d: predicted %s, observed %s%n", g.n(), num(g.predicted()),
                            num(g.observed()));
                }
                if (curve) {
                    out.println("  lowess curve (p, smoothed observed):");
                    for (int i = 0; i < c.curveX().length; i++) {
                        out.println("  " + Json.plain(c.curveX()[i]) + "," + Json.plain(c.curveY()[i]));
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "hosmer", mixinStandardHelpOptions = true,
            description = "Hosmer-Lemeshow test as ResourceSelection::hoslem.test (g quantile groups, df = g - 2).")
    static final class HosmerCommand implements Callable<Integer> {
        @Mixin
        Labelled in;

        @Option(names = "--prob", required = true, paramLabel = "COL", description = "predicted probability")
        String prob;

        @Option(names = "--groups", defaultValue = "10", paramLabel = "G") int groups;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            HosmerLemeshow.Result r = HosmerLemeshow.test(in.y(), in.probabilities(prob, "--prob"), groups);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chisq", r.chisq());
            m.put("df", r.df());
            m.put("p", r.p());
            m.put("groups", r.bins());
            PrintWriter out = spec.commandLine().getOut();
            if (in.json) {
                out.println(Json.write(m));
            } else {
                out.printf(Locale.ROOT, "Hosmer-Lemeshow: X-squared = %.4f, df = %d, p = %.4g (%d groups)%n", r.chisq(),
                        r.df(), r.p(), r.bins());
            }
            return 0;
        }
    }

}
