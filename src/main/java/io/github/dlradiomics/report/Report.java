package io.github.dlradiomics.report;

import io.github.dlradiomics.model.Pipeline;
import io.github.dlradiomics.model.steps.LassoSelect;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML report of a {@code ./dlrad model train} folder (comparison.csv, predictions.csv,
 * run.json): cohort, methods as run (every parameter and seed), the comparison table and the figures (ROC
 * train and test, calibration, decision curves and the confusion matrix of the best test model; with run.json's
 * "lasso", written by a lasso step, the LASSO coefficient path and cross-validation curve). Figures are
 * embedded as base64 PNGs and also written as PNG and SVG files to {@code figures/} next to the HTML. The
 * output depends only on the input files (no dates), so the same run gives the same bytes.
 *
 * <pre>Report.write(Path.of("run1"), Path.of("run1/report.html"), new Report.Options(false, 2000));</pre>
 */
public final class Report {
    private Report() {
    }

    /**
     * @param synthetic force the "SYNTHETIC DATA" banner (it also appears when run.json says "synthetic": true
     *     or an input table has a column "synthetic")
     * @param replicates bootstrap replicates of the ROC bands (0: no bands); seeded with the run's seed
     */
    public record Options(boolean synthetic, int replicates, List<String> notes) {
        /** No notes. */
        public Options(boolean synthetic, int replicates) {
            this(synthetic, replicates, List.of());
        }
    }

    /** What was written. */
    public record Result(Path html, List<Path> figures, boolean synthetic) {
    }

    /**
     * One figure of a run: file name (without extension), caption, the plot; wide: shown at up to its own width
     * (legends with long feature names), not the 560 px of the others.
     */
    public record Figure(String name, String caption, Plot plot, boolean wide) {
        Figure(String name, String caption, Plot plot) {
            this(name, caption, plot, false);
        }
    }

    /** Reads the run folder and writes the HTML and its figures. */
    public static Result write(Path runDir, Path html, Options o) throws IOException {
        Path runJson = runDir.resolve("run.json");
        Path comparison = runDir.resolve("comparison.csv");
        Path predictions = runDir.resolve("predictions.csv");
        for (Path f : List.of(runJson, comparison, predictions)) {
            if (!Files.isRegularFile(f)) {
                throw new UserInputException(f + ": not found (is " + runDir + " the --out folder of ./dlrad model train?)");
            }
        }
        Map<String, Object> run = Json.parseObject(Files.readString(runJson));
        List<String> compHeader = Csv.header(comparison);
        List<Map<String, String>> comp = Csv.read(comparison);
        List<String> predHeader = Csv.header(predictions);
        boolean synthetic = o.synthetic() || Boolean.TRUE.equals(run.get("synthetic"))
                || hasSyntheticColumn(run, compHeader, predHeader);
        List<Figure> figs = figures(runDir, run, comp, o.replicates());
        Path figDir = (html.toAbsolutePath().getParent()).resolve("figures");
        Files.createDirectories(figDir);
        List<Path> written = new ArrayList<>();
        StringBuilder figHtml = new StringBuilder();
        for (Figure f : figs) {
            byte[] png = f.plot().png();
            Path pp = figDir.resolve(f.name() + ".png");
            Path ps = figDir.resolve(f.name() + ".svg");
            Files.write(pp, png);
            f.plot().writeSvg(ps);
            written.add(pp);
            written.add(ps);
            figHtml.append(f.wide() ? "<figure class=\"big\"><img alt=\"" : "<figure><img alt=\"").append(esc(f.caption()))
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>").append(esc(f.caption()))
                    .append(" Files: figures/").append(esc(f.name())).append(".png, .svg</figcaption></figure>\n");
        }
        figHtml.append(nomogramSection(runDir));
        String text = page(run, compHeader, comp, figHtml.toString(), synthetic, o, runDir);
        Files.writeString(html, text);
        return new Result(html, written, synthetic);
    }

    private static boolean hasSyntheticColumn(Map<String, Object> run, List<String> a, List<String> b) throws IOException {
        if (a.contains("synthetic") || b.contains("synthetic")) {
            return true;
        }
        if (run.get("tables") instanceof List<?> tables) {
            for (Object t : tables) {
                Path p = Path.of(String.valueOf(t));
                if (Files.isRegularFile(p) && Csv.header(p).stream().anyMatch(h -> h.trim().equalsIgnoreCase("synthetic"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The figures of a run, in the report's order: LASSO path and CV (with a lasso step), ROC curves (train, test;
     * bootstrap bands with {@code replicates > 0}), calibration and decision curves (test), the confusion matrix
     * of the best test model, coefficients of logistic models, importances of tree models.
     */
    public static List<Figure> figures(Path runDir, int replicates) throws IOException {
        Map<String, Object> run = Json.parseObject(Files.readString(runDir.resolve("run.json")));
        return figures(runDir, run, Csv.read(runDir.resolve("comparison.csv")), replicates);
    }

    private static List<Figure> figures(Path runDir, Map<String, Object> run, List<Map<String, String>> comp,
            int replicates) throws IOException {
        long seed = run.get("seed") instanceof Number n ? n.longValue() : 42;
        Path predictions = runDir.resolve("predictions.csv");
        Map<String, List<Figures.Model>> sets = Figures.readPredictions(predictions);
        List<Figure> figs = new ArrayList<>();
        LassoSelect.Trace lasso = lassoOf(run);
        if (lasso != null) {
            String kept = keptSentence(lasso);
            figs.add(new Figure("lasso_path", "LASSO coefficient path on the training cases (" + scaleOf(run)
                    + "); vertical lines at \u03bb.min and \u03bb.1se. " + kept, Figures.lassoPath(lasso.lambda(),
                            lasso.beta(), lasso.features(), lasso.lambdaMin(), lasso.lambda1se(), lasso.chosen(),
                            "Coefficient (" + scaleOf(run) + ")"), true));
            figs.add(new Figure("lasso_cv", "LASSO cross-validation on the training cases: mean " + LassoSelect.Trace.MEASURE
                    + " \u00b1 1 SE over " + lasso.folds() + " folds per \u03bb; vertical lines at \u03bb.min (smallest "
                    + "deviance) and \u03bb.1se (largest \u03bb within 1 SE of it). " + kept, Figures.lassoCv(
                            lasso.lambda(), lasso.cvm(), lasso.cvsd(), lasso.lambdaMin(), lasso.lambda1se(), lasso.df()),
                    true));
        }
        String best = bestTestModel(comp);
        if (Figures.hasBothClasses(sets.get("train"))) {
            figs.add(new Figure("roc_train", "ROC curves, training set (apparent performance: the models were "
                    + "fitted on these cases).", Figures.roc("ROC curves \u2014 training set", sets.get("train"),
                            replicates, seed)));
        }
        List<Figures.Model> test = sets.get("test");
        if (Figures.hasBothClasses(test)) {
            figs.add(new Figure("roc_test", "ROC curves, test set.", Figures.roc("ROC curves \u2014 test set", test,
                    replicates, seed)));
            if (test.get(0).y().length >= 3) {
                figs.add(new Figure("calibration_test", "Calibration on the test set.", Figures.calibration(
                        "Calibration \u2014 test set", test, 10)));
            }
            figs.add(new Figure("dca_test", "Decision curves on the test set (net benefit; treat all and treat "
                    + "none for reference).", Figures.decisionCurve("Decision curves \u2014 test set", test)));
            Figures.Model bm = test.stream().filter(m -> m.name().equals(best)).findFirst().orElse(null);
            Double th = threshold(run, best);
            if (bm != null && th != null) {
                figs.add(new Figure("confusion_" + best, "Confusion matrix of " + best + " (highest test AUC) on the "
                        + "test set at its training Youden cut-off.", Figures.confusion("Confusion matrix \u2014 "
                                + best + ", test set", bm.prob(), bm.y(), th)));
            }
        }
        for (Map.Entry<String, Object> e : modelsOf(run).entrySet()) {
            if (e.getValue() instanceof Map<?, ?> mm && mm.get("formula") instanceof String f) {
                Map<String, Double> coef = parseFormula(f);
                if (!coef.isEmpty()) {
                    figs.add(new Figure("coefficients_" + e.getKey(), "Coefficients of " + e.getKey() + " (log-odds "
                            + "per unit of each feature after the pipeline's steps).", Figures.bars("Coefficients \u2014 "
                                    + e.getKey(), new ArrayList<>(coef.keySet()),
                                    coef.values().stream().mapToDouble(Double::doubleValue).toArray(), "Coefficient")));
                }
            }
        }
        figs.addAll(importanceFigures(runDir, sets.get("test")));
        return figs;
    }

    /** run.json's "lasso" (the path and CV curve of the lasso step), or null for runs without one. */
    @SuppressWarnings("unchecked")
    static LassoSelect.Trace lassoOf(Map<String, Object> run) {
        if (!(run.get("lasso") instanceof Map<?, ?> m)) {
            return null;
        }
        LassoSelect.Trace t = LassoSelect.Trace.fromJson((Map<String, Object>) m);
        return t.lambda().length == 0 ? null : t;
    }

    private static String scaleOf(Map<String, Object> run) {
        return run.get("lasso") instanceof Map<?, ?> m && m.get("coefficient_scale") instanceof String s ? s
                : "original scale of the lasso step's input";
    }

    /** "7 of 45 features had a nonzero coefficient at λ.1se = 0.0213 and were kept." */
    static String keptSentence(LassoSelect.Trace t) {
        String rule = "min".equals(t.ruleUsed()) ? "\u03bb.min" : "\u03bb.1se";
        return String.format(Locale.ROOT, "%d of %d features had a nonzero coefficient at the chosen %s = %.4g and were "
                + "kept (\u03bb.min = %.4g, \u03bb.1se = %.4g).", t.kept(), t.featuresIn(), rule, t.chosen(),
                t.lambdaMin(), t.lambda1se());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> modelsOf(Map<String, Object> run) {
        return run.get("models") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Double threshold(Map<String, Object> run, String model) {
        if (model != null && modelsOf(run).get(model) instanceof Map<?, ?> mm && mm.get("test") instanceof Map<?, ?> t
                && t.get("threshold") instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }

    private static String bestTestModel(List<Map<String, String>> comp) {
        String best = null;
        double b = Double.NEGATIVE_INFINITY;
        for (Map<String, String> r : comp) {
            try {
                double v = Double.parseDouble(r.getOrDefault("Test AUC", "NaN"));
                if (v > b) {
                    b = v;
                    best = r.get("Model");
                }
            } catch (NumberFormatException e) {
                // not a number: skip the row
            }
        }
        return best;
    }

    /** "score = b0 + b1 x name1 - b2 x name2 ... (note)" -> {name: b}. */
    static Map<String, Double> parseFormula(String f) {
        Map<String, Double> out = new LinkedHashMap<>();
        String s = f.replaceAll("\\s+\\(.*$", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([+-]) (\\S+) x (\\S+)").matcher(s);
        while (m.find()) {
            try {
                double v = Double.parseDouble(m.group(2));
                out.put(m.group(3), m.group(1).equals("-") ? -v : v);
            } catch (NumberFormatException e) {
                return Map.of();
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- HTML

    static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Numbers (all of comparison.csv's are AUCs, rates or cut-offs) to 3 decimals; anything else as written. */
    static String fmt(String v) {
        if (v == null) {
            return "";
        }
        try {
            return String.format(Locale.ROOT, "%.3f", Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    static String fmtObj(Object o) {
        if (o instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf(d.longValue());
            }
            return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", d)).stripTrailingZeros().toString();
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder();
            m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" = ").append(fmtObj(v)));
            return sb.length() == 0 ? "(none)" : sb.toString();
        }
        if (o instanceof List<?> l) {
            return String.join(", ", l.stream().map(Report::fmtObj).toList());
        }
        return String.valueOf(o);
    }

    private static final String CSS = """
            body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:0 auto;max-width:1240px;padding:16px 28px;\
            color:#222;line-height:1.45}
            h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #0072B2;padding-bottom:3px;margin-top:1.6em}
            table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
            th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#eef3f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
            tr:nth-child(even) td{background:#fafafa}
            .banner{background:#b00020;color:#fff;font-weight:bold;font-size:1.3em;text-align:center;padding:12px;\
            border-radius:4px;letter-spacing:.05em}
            .muted{color:#666;font-size:.9em}
            .note{background:#fff4d6;border-left:4px solid #E69F00;padding:6px 10px}
            figure{display:inline-block;margin:10px;vertical-align:top;max-width:560px}
            figure.big{max-width:1000px}
            figure img{width:100%;border:1px solid #ddd}
            figcaption{font-size:.88em;color:#444}
            .wide{overflow-x:auto}table.cmp{font-size:.8em}.cmp th,.cmp td{padding:3px 5px}.cmp td.n{white-space:nowrap}
            code{background:#f3f3f3;padding:1px 4px;border-radius:3px}
            """;

    private static String page(Map<String, Object> run, List<String> header, List<Map<String, String>> comp,
            String figs, boolean synthetic, Options o, Path runDir) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>DLRadiomics model report")
                .append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
        String banner = "<div class=\"banner\">SYNTHETIC DATA \u2014 not patients; results illustrate the method "
                + "only</div>\n";
        if (synthetic) {
            h.append(banner);
        }
        h.append("<h1>Model comparison report</h1>\n<p class=\"muted\">").append(esc(runDir.getFileName()))
                .append(": DLRadiomics ").append(esc(run.getOrDefault("dlradiomics", "?")))
                .append(", <code>./dlrad model train</code>. Label <b>").append(esc(run.get("label")))
                .append("</b>, positive class <b>").append(esc(run.get("positive"))).append("</b>.</p>\n");
        for (String note : o.notes()) {
            h.append("<p class=\"note\"><b>Note:</b> ").append(esc(note)).append("</p>\n");
        }
        // cohort
        h.append("<h2>Cohort</h2>\n");
        if (run.get("cases") instanceof Map<?, ?> c) {
            h.append("<table><tr><th>Set</th><th>Cases</th><th>Positive</th><th>Negative</th><th>Positive (%)</th></tr>\n");
            long total = 0;
            long totalPos = 0;
            for (String s : List.of("train", "test")) {
                long n = c.get(s) instanceof Number x ? x.longValue() : 0;
                long p = c.get("positive_" + s) instanceof Number x ? x.longValue() : 0;
                total += n;
                totalPos += p;
                h.append(cohortRow(s.equals("train") ? "Training" : "Test", n, p));
            }
            h.append(cohortRow("All", total, totalPos)).append("</table>\n");
        }
        // methods
        h.append("<h2>Methods (as run)</h2>\n<table>\n");
        row(h, "Input tables", fmtObj(run.get("tables")));
        row(h, "Features in", fmtObj(run.get("features_in")));
        row(h, "Split", String.format(Locale.ROOT, "stratified train/test, test fraction %s, seed %s",
                fmtObj(run.get("test_fraction")), fmtObj(run.get("seed"))));
        row(h, "Tuning", "grid search, stratified " + fmtObj(run.get("folds")) + "-fold cross-validation (AUC) on the "
                + "training cases; refitted on all training cases");
        row(h, "Selection steps", String.valueOf(run.get("selection")));
        h.append("</table>\n");
        if (run.get("steps") instanceof List<?> steps) {
            h.append("<p>Selection steps, fitted on the training cases only, in order:</p>\n<ol>\n");
            for (Object s : steps) {
                h.append("<li>").append(esc(s)).append("</li>\n");
            }
            h.append("</ol>\n");
        }
        LassoSelect.Trace lasso = lassoOf(run);
        if (lasso != null) {
            h.append("<p><b>LASSO:</b> ").append(esc(keptSentence(lasso))).append(" Figures: LASSO coefficient path "
                    + "and LASSO cross-validation.</p>\n");
        }
        if (run.get("selected_features") instanceof List<?> sel) {
            h.append("<p><b>").append(sel.size()).append(" selected features:</b> ").append(esc(fmtObj(sel)))
                    .append("</p>\n");
        }
        h.append("<h3>Classifiers</h3>\n<table><tr><th>Model</th><th>Chosen parameters</th><th>CV AUC (SD)</th>"
                + "<th>Cut-off (train Youden)</th><th>Grid (CV AUC)</th></tr>\n");
        for (Map.Entry<String, Object> e : modelsOf(run).entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> m)) {
                continue;
            }
            StringBuilder grid = new StringBuilder();
            if (m.get("grid") instanceof List<?> g) {
                for (Object point : g) {
                    if (point instanceof Map<?, ?> pm) {
                        Map<Object, Object> params = new LinkedHashMap<>(pm);
                        Object auc = params.remove("cv_auc");
                        grid.append(esc(fmtObj(params))).append(": ").append(auc instanceof Number x
                                ? String.format(Locale.ROOT, "%.3f", x.doubleValue()) : esc(auc)).append("<br>");
                    }
                }
            }
            Double th = threshold(run, e.getKey());
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(fmtObj(m.get("params"))))
                    .append("</td><td class=\"n\">").append(num(m.get("cv_auc"))).append(" (").append(num(m.get("cv_auc_sd")))
                    .append(")</td><td class=\"n\">").append(th == null ? "" : String.format(Locale.ROOT, "%.4g", th))
                    .append("</td><td>").append(grid.length() == 0 ? "(no grid)" : grid).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Map.Entry<String, Object> e : modelsOf(run).entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m && m.get("formula") instanceof String f) {
                h.append("<p><b>").append(esc(e.getKey())).append(":</b> <code>").append(esc(f)).append("</code></p>\n");
            }
        }
        if (run.get("failed") instanceof Map<?, ?> failed && !failed.isEmpty()) {
            h.append("<p><b>Classifiers that could not be fitted:</b></p><ul>\n");
            failed.forEach((k, v) -> h.append("<li>").append(esc(k)).append(": ").append(esc(v)).append("</li>\n"));
            h.append("</ul>\n");
        }
        if (o.replicates() > 0) {
            h.append("<p class=\"muted\">ROC bands: pointwise 95% CI of sensitivity at specificities 0, 0.01, \u2026, 1 "
                    + "from ").append(o.replicates()).append(" stratified bootstrap replicates (seed ")
                    .append(esc(fmtObj(run.get("seed")))).append("). Legend CIs: DeLong.</p>\n");
        }
        // comparison
        h.append("<h2>Model comparison</h2>\n<p class=\"muted\">From comparison.csv. Accuracy, sensitivity, "
                + "specificity, PPV, NPV and F1 on the test cases at each model's training Youden cut-off; numbers "
                + "rounded to 3 decimals.</p>\n<div class=\"wide\"><table class=\"cmp\"><tr>");
        for (String c : header) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (Map<String, String> r : comp) {
            h.append("<tr>");
            for (String c : header) {
                String v = r.get(c);
                String f = fmt(v);
                h.append(f.equals(v) && !c.contains("AUC") ? "<td>" : "<td class=\"n\">").append(esc(f)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table></div>\n<h2>Figures</h2>\n").append(figs);
        if (synthetic) {
            h.append(banner);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** Bars of the 20 most important features of each tree model of the run (pipeline-<model>.json). */
    private static List<Figure> importanceFigures(Path runDir, List<Figures.Model> models) throws IOException {
        List<Figure> out = new ArrayList<>();
        if (models == null) {
            return out;
        }
        for (Figures.Model m : models) {
            Path pf = runDir.resolve("pipeline-" + m.name() + ".json");
            if (!Files.isRegularFile(pf)) {
                continue;
            }
            Pipeline p = Pipeline.load(pf);
            double[] imp = p.model().featureImportances();
            List<String> names = p.modelFeatures();
            if (imp == null || imp.length != names.size() || imp.length == 0) {
                continue;
            }
            Integer[] order = new Integer[imp.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(imp[b], imp[a]));
            int k = Math.min(20, order.length);
            List<String> top = new ArrayList<>();
            double[] v = new double[k];
            for (int i = 0; i < k; i++) {
                top.add(names.get(order[i]));
                v[i] = imp[order[i]];
            }
            out.add(new Figure("importance_" + m.name(), "Feature importance of " + m.name() + " (" + (k < imp.length
                    ? "the " + k + " largest of " + imp.length : "all " + imp.length) + " features; impurity decrease or "
                    + "split gain, normalised to sum 1).", Figures.bars("Feature importance \u2014 " + m.name(), top, v,
                            "Importance (share of the total)")));
        }
        return out;
    }

    /** The nomogram of DIR/nomogram (./dlrad nomogram --out DIR/nomogram), if there is one: figure and model. */
    @SuppressWarnings("unchecked")
    static String nomogramSection(Path runDir) throws IOException {
        Path dir = runDir.resolve("nomogram");
        Path png = dir.resolve("nomogram.png");
        Path json = dir.resolve("nomogram.json");
        if (!Files.isRegularFile(png) || !Files.isRegularFile(json)) {
            return "";
        }
        Map<String, Object> j = Json.parseObject(Files.readString(json));
        Map<String, Object> model = j.get("model") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        StringBuilder h = new StringBuilder("<h2>Nomogram</h2>\n<p>Logistic regression (unpenalised) ");
        h.append(esc(String.valueOf(model.getOrDefault("formula", "")))).append(", n = ")
                .append(count(model.get("n"))).append(" (").append(count(model.get("events"))).append(" events), drawn as rms::nomogram: ")
                .append(String.format(Locale.ROOT, "%.4g", ((Number) j.get("points_per_lp_unit")).doubleValue()))
                .append(" points per unit of linear predictor. Files: nomogram/nomogram.json, .png, .svg, "
                        + "coefficients.csv.</p>\n");
        if (model.get("coefficients") instanceof List<?> coefs) {
            h.append("<table><tr><th>Term</th><th>Estimate</th><th>Std. error</th><th>z</th><th>p</th></tr>\n");
            for (Object o : coefs) {
                Map<String, Object> c = (Map<String, Object>) o;
                h.append("<tr><td>").append(esc(String.valueOf(c.get("term")))).append("</td>");
                for (String k : List.of("estimate", "std_error", "z", "p")) {
                    String v = k.equals("p") && c.get(k) instanceof Number pv && pv.doubleValue() < 0.001 ? "&lt;0.001"
                            : num(c.get(k));
                    h.append("<td class=\"n\">").append(v).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<figure class=\"big\"><img alt=\"Nomogram\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png)))
                .append("\"><figcaption>Nomogram: read each variable's points on the Points axis, add them, and read the "
                        + "risk below the Total Points.</figcaption></figure>\n");
        return h.toString();
    }

    private static String count(Object o) {
        return o instanceof Number n ? Long.toString(n.longValue()) : "?";
    }

    private static String num(Object o) {
        return o instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "";
    }

    private static String cohortRow(String name, long n, long p) {
        return String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                + "<td class=\"n\">%d</td><td class=\"n\">%.1f</td></tr>%n", name, n, p, n - p, n == 0 ? 0 : 100.0 * p / n);
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }
}
