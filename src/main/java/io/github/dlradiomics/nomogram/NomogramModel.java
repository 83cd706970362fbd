package io.github.dlradiomics.nomogram;

import io.github.dlradiomics.model.FeatureTable;
import io.github.dlradiomics.model.classifiers.LogisticRegression;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fits the unpenalised logistic model of a nomogram ({@code glm(label ~ vars, binomial)}, the model rms's
 * {@code lrm} fits) on chosen columns of a CSV table and builds its {@link Nomogram}. A variable is categorical
 * when declared so or when any of its values is not a number; its levels are sorted (numbers numerically),
 * the first is the reference, as R's {@code factor} orders them. Missing values are an error naming the
 * column (no silent complete-case analysis).
 */
public final class NomogramModel {
    private NomogramModel() {
    }

    /**
     * A fitted nomogram.
     *
     * @param design the model's columns (numeric variables by name, levels as "var=level")
     * @param lp the training cases' linear predictors
     */
    public record Result(Nomogram nomogram, LogisticRegression fit, List<String> vars, List<String> design, int n,
            int events, String label, String positive, double[] lp) {
        /** R's formula of the model. */
        public String formula() {
            return label + " ~ " + String.join(" + ", vars);
        }

        /** The label of the risk axis: "Risk of label = positive". */
        public String riskLabel() {
            return NomogramModel.riskLabel(label, positive);
        }

        /**
         * Writes {@code dir}/nomogram.json (with the table's path), nomogram.png, nomogram.svg and coefficients.csv
         * (term, estimate, std_error, z, p, odds ratio and its Wald 95% CI).
         */
        public void write(Path dir, String title, Path table) throws IOException {
            Files.createDirectories(dir);
            Map<String, Object> json = toJson();
            json.put("title", title);
            json.put("table", table.toAbsolutePath().normalize().toString());
            Files.writeString(dir.resolve("nomogram.json"), Json.write(json));
            LogisticRegression.Summary s = fit.summary();
            try (Writer w = Files.newBufferedWriter(dir.resolve("coefficients.csv"))) {
                Csv.writeLine(w, List.of("term", "estimate", "std_error", "z", "p", "odds_ratio", "or_ci_low", "or_ci_high"));
                double z975 = 1.959963984540054;
                for (int k = 0; k <= design.size(); k++) {
                    double b = s.estimate()[k];
                    double se = s.standardError()[k];
                    Csv.writeLine(w, List.of(k == 0 ? "(Intercept)" : design.get(k - 1), b, se, s.z()[k], s.p()[k],
                            Math.exp(b), Math.exp(b - z975 * se), Math.exp(b + z975 * se)));
                }
            }
            new NomogramFigure(nomogram, title, riskLabel(), null).write(dir, "nomogram");
        }

        /** nomogram.json: the nomogram's fields plus the model (formula, data size, coefficient table). */
        public Map<String, Object> toJson() {
            Map<String, Object> m = nomogram.toJson();
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("type", "logistic regression (unpenalised maximum likelihood, as R glm/rms lrm)");
            model.put("formula", formula());
            model.put("label", label);
            model.put("positive", positive);
            model.put("n", n);
            model.put("events", events);
            LogisticRegression.Summary s = fit.summary();
            List<Object> coefs = new ArrayList<>();
            for (int k = 0; k <= design.size(); k++) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("term", k == 0 ? "(Intercept)" : design.get(k - 1));
                c.put("estimate", s.estimate()[k]);
                c.put("std_error", s.standardError()[k]);
                c.put("z", s.z()[k]);
                c.put("p", s.p()[k]);
                coefs.add(c);
            }
            model.put("coefficients", coefs);
            model.put("deviance", s.deviance());
            model.put("null_deviance", s.nullDeviance());
            model.put("aic", s.aic());
            m.put("model", model);
            return m;
        }
    }

    /**
     * Reads {@code csv} and fits.
     *
     * @param idColumn the ID column (rows are numbered when the table has none)
     * @param categorical variables to treat as categorical even when numeric
     * @param riskAt risk tick values, or null for rms's default
     */
    public static Result fit(Path csv, String idColumn, String label, String positive, List<String> vars,
            List<String> categorical, double[] riskAt) throws IOException {
        if (vars.isEmpty()) {
            throw new UserInputException("nomogram: no variable given (--vars)");
        }
        List<String> header = Csv.header(csv);
        String file = csv.getFileName().toString();
        Set<String> seen = new LinkedHashSet<>();
        for (String v : vars) {
            if (!header.contains(v)) {
                throw new UserInputException(file + ": no column '" + v + "' (columns: " + preview(header) + ")");
            }
            if (v.equals(label)) {
                throw new UserInputException("nomogram: '" + v + "' is the label; it cannot also be a variable");
            }
            if (!seen.add(v)) {
                throw new UserInputException("nomogram: variable '" + v + "' given twice");
            }
        }
        for (String c : categorical) {
            if (!vars.contains(c)) {
                throw new UserInputException("nomogram: categorical '" + c + "' is not among the variables " + vars);
            }
        }
        if (!header.contains(label)) {
            throw new UserInputException(file + ": no label column '" + label + "' (columns: " + preview(header) + ")");
        }
        List<Map<String, String>> rows = Csv.read(csv);
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String v : vars) {
            boolean cat = categorical.contains(v);
            List<String> raw = new ArrayList<>();
            for (Map<String, String> r : rows) {
                String s = r.get(v).trim();
                if (FeatureTable.isMissing(s)) {
                    continue;
                }
                raw.add(s);
                if (!cat) {
                    try {
                        Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        cat = true;
                    }
                }
            }
            if (cat) {
                levels.put(v, FeatureTable.levels(raw));
            }
        }
        List<String> exclude = new ArrayList<>();
        for (String h : header) {
            if (!vars.contains(h) && !h.equals(label) && !h.equals(idColumn)) {
                exclude.add(h);
            }
        }
        FeatureTable.Options o = new FeatureTable.Options().label(label, positive)
                .categorical(levels.keySet().toArray(String[]::new)).exclude(exclude.toArray(String[]::new)).strict(true);
        if (header.contains(idColumn)) {
            o.id(idColumn);
        }
        FeatureTable t = FeatureTable.read(csv, o);
        List<String> design = new ArrayList<>();
        for (String v : vars) {
            List<String> lev = levels.get(v);
            if (lev == null) {
                design.add(v);
            } else {
                for (int k = 1; k < lev.size(); k++) {
                    design.add(v + "=" + lev.get(k));
                }
            }
        }
        t = t.select(design);
        double[][] x = t.x();
        int[] y = t.y();
        LogisticRegression lr = LogisticRegression.create(LogisticRegression.NAME, Map.of(), 0);
        try {
            lr.fit(x, y);
        } catch (LogisticRegression.SeparationException e) {
            String why = e.feature() >= 0 ? "'" + design.get(e.feature()) + "' alone separates the classes perfectly"
                    : "a combination of the variables separates the classes perfectly";
            throw new UserInputException("nomogram: no finite logistic model of " + label + " ~ " + String.join(" + ", vars)
                    + ": " + why + " in these " + y.length + " cases; use more cases or other variables");
        }
        double[] b = lr.coefficients();
        double b0 = lr.intercept();
        double[] lp = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = b0;
            for (int j = 0; j < b.length; j++) {
                s += b[j] * x[i][j];
            }
            lp[i] = s;
        }
        List<Nomogram.Term> terms = new ArrayList<>();
        int col = 0;
        for (String v : vars) {
            List<String> lev = levels.get(v);
            if (lev == null) {
                double[] data = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    data[i] = x[i][col];
                }
                terms.add(Nomogram.Term.numeric(v, b[col], data));
                col++;
            } else {
                double[] c = new double[lev.size()];
                for (int k = 1; k < lev.size(); k++) {
                    c[k] = b[col++];
                }
                terms.add(Nomogram.Term.categorical(v, lev, c));
            }
        }
        int events = 0;
        for (int v : y) {
            events += v;
        }
        Nomogram nom = Nomogram.build(b0, terms, lp, riskAt);
        return new Result(nom, lr, List.copyOf(vars), design, y.length, events, label, t.positive(), lp);
    }

    /**
     * The nomogram of a {@code ./dlrad model train} run: its training cases (predictions.csv), the clinical
     * columns of its input tables (run.json "tables", joined on its "id") and the signature of {@code model}
     * ({@link NomogramInput}): the logit of its out-of-fold probabilities ({@code outOfFold}) or of the refitted
     * model's; the table is written to {@code table}.
     */
    public static Result fitRun(Path runDir, List<String> clinical, String model, String signature, boolean outOfFold,
            Path table, List<String> categorical, double[] riskAt) throws IOException {
        return fitRun(runDir, clinical, List.of(new NomogramInput.Source(signature, predictions(runDir, outOfFold),
                model)), table, categorical, riskAt);
    }

    /**
     * A run's predictions of its training cases: cv_predictions.csv (out-of-fold) or predictions.csv (the
     * refitted models on their own training cases).
     */
    public static Path predictions(Path runDir, boolean outOfFold) {
        Path p = runDir.resolve(outOfFold ? "cv_predictions.csv" : "predictions.csv");
        if (!Files.isRegularFile(p)) {
            throw new UserInputException(runDir + ": no " + p.getFileName() + (outOfFold ? " (a run of an older version: "
                    + "train it again, or use the refitted signature)" : " (not an --out folder of ./dlrad model train)"));
        }
        return p;
    }

    /**
     * The same with several signatures (e.g. Rad, DL and DLR scores from runs on radiomics, deep and both
     * feature sets of the same cases): {@code runDir} gives the training cases, the clinical columns and the
     * label; each signature its own run's logits.
     */
    public static Result fitRun(Path runDir, List<String> clinical, List<NomogramInput.Source> signatures, Path table,
            List<String> categorical, double[] riskAt) throws IOException {
        Path rj = runDir.resolve("run.json");
        if (!Files.isRegularFile(rj)) {
            throw new UserInputException(runDir + ": no run.json (not an --out folder of ./dlrad model train)");
        }
        Map<String, Object> run = Json.parseObject(Files.readString(rj));
        List<Path> tables = new ArrayList<>();
        if (run.get("tables") instanceof List<?> l) {
            for (Object o : l) {
                tables.add(Path.of(String.valueOf(o)));
            }
        }
        String id = run.get("id") instanceof String s ? s : "ID";
        String label = NomogramInput.write(runDir.resolve("predictions.csv"), tables, id, clinical, signatures, table);
        List<String> vars = new ArrayList<>(clinical);
        signatures.forEach(src -> vars.add(src.name()));
        return fit(table, id, label, String.valueOf(run.get("positive")), vars, categorical, riskAt);
    }

    private static String riskLabel(Object label, Object positive) {
        return "Risk of " + label + " = " + positive;
    }

    /** The figure title a nomogram.json gives ("title", else "Nomogram: formula", else "Nomogram"). */
    public static String titleOf(Map<String, Object> json) {
        if (json.get("title") instanceof String t) {
            return t;
        }
        return json.get("model") instanceof Map<?, ?> m && m.get("formula") != null ? "Nomogram: " + m.get("formula")
                : "Nomogram";
    }

    /** The risk axis label a nomogram.json gives ("Risk of label = positive", else "Risk"). */
    public static String riskLabelOf(Map<String, Object> json) {
        return json.get("model") instanceof Map<?, ?> m && m.get("label") != null ? riskLabel(m.get("label"),
                m.get("positive")) : "Risk";
    }

    private static String preview(List<String> h) {
        return h.size() <= 12 ? String.join(", ", h) : String.join(", ", h.subList(0, 12)) + ", ... (" + h.size() + ")";
    }
}
