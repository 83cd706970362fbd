package io.github.dlradiomics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.model.steps.LassoSelect;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a model-train folder: table values, no external resources, figures, banner, determinism. */
class ReportTest {
    @TempDir
    Path tmp;

    /** A small run folder in the format of ./dlrad model train --out. */
    static Path fakeRun(Path dir, boolean syntheticColumn) throws Exception {
        Files.createDirectories(dir);
        SplittableRandom r = new SplittableRandom(9);
        StringBuilder pred = new StringBuilder("ID,Set,Outcome=malignant,p_lr-l2,p_rf\n");
        int n = 90;
        for (int i = 0; i < n; i++) {
            int y = i % 3 == 0 ? 1 : 0;
            double a = 1 / (1 + Math.exp(-((y == 1 ? 1.2 : -1.2) + r.nextGaussian())));
            double b = Math.min(1, Math.max(0, (y == 1 ? 0.6 : 0.35) + 0.25 * r.nextGaussian()));
            pred.append(String.format(Locale.ROOT, "C%03d,%s,%d,%s,%s%n", i, i < 60 ? "train" : "test", y, a, b));
        }
        Files.writeString(dir.resolve("predictions.csv"), pred);
        Files.writeString(dir.resolve("comparison.csv"), """
                Model,Params,CV AUC,Train AUC,Train AUC 95% CI,Test AUC,Test AUC 95% CI (DeLong),Test AUC 95% CI (bootstrap),Threshold (train Youden),Test ACCURACY,Test SENSITIVITY,Test SPECIFICITY,Test PPV,Test NPV,Test F1
                lr-l2,{C=1.0},0.9123456,0.95,0.901-0.999,0.8876543,0.771-1.000,0.760-0.990,0.41,0.8333333,0.8,0.85,0.7272727,0.8947368,0.7619048
                rf,"{max_depth=5, trees=200}",0.8712,0.99,0.980-1.000,0.8123456,0.650-0.975,0.640-0.960,0.5,0.7666667,0.7,0.8,0.6363636,0.8421053,0.6666667
                """);
        Files.writeString(dir.resolve("run.json"), """
                {"dlradiomics": "0.1.0-test", "tables": ["%s"], "label": "Outcome", "positive": "malignant",
                 "seed": 42, "test_fraction": 0.3, "folds": 5, "selection": "variance,zscore,lasso:1se",
                 "cases": {"train": 60, "test": 30, "positive_train": 20, "positive_test": 10}, "features_in": 12,
                 "steps": ["variance (threshold 0.0): kept 12 of 12 features", "lasso (rule 1se, folds 5, seed 42): kept 3 of 12 features; lambda.1se = 0.0213"],
                 "selected_features": ["f1", "f2", "f3"],
                 "models": {
                   "lr-l2": {"params": {"C": 1}, "cv_auc": 0.9123456, "cv_auc_sd": 0.03, "grid": [{"C": 0.1, "cv_auc": 0.9}, {"C": 1, "cv_auc": 0.9123456}],
                     "test": {"threshold": 0.41}, "formula": "score = -0.5 + 1.2 x f1 - 0.3 x f2 + 0.05 x f3  (log-odds of the positive class; features after the pipeline's steps)"},
                   "rf": {"params": {"max_depth": 5}, "cv_auc": 0.8712, "cv_auc_sd": 0.05, "grid": [{"max_depth": "none", "cv_auc": 0.86}, {"max_depth": 5, "cv_auc": 0.8712}],
                     "test": {"threshold": 0.5}}},
                 "failed": {}}
                """.formatted(dir.resolve("features.csv").toString().replace("\\", "/")));
        Files.writeString(dir.resolve("features.csv"), syntheticColumn ? "ID,f1,synthetic\nC000,1,true\n" : "ID,f1\nC000,1\n");
        return dir;
    }

    @Test
    void reportHasTheTableTheMethodsAndNoExternalResources() throws Exception {
        Path run = fakeRun(tmp.resolve("run"), false);
        Report.Result res = Report.write(run, run.resolve("report.html"), new Report.Options(false, 200));
        String html = Files.readString(res.html());
        for (Map<String, String> row : Csv.read(run.resolve("comparison.csv"))) {
            for (Map.Entry<String, String> e : row.entrySet()) {
                assertTrue(html.contains(Report.esc(Report.fmt(e.getValue()))), e.getKey() + " " + e.getValue());
            }
        }
        assertTrue(html.contains("0.888") && html.contains("0.771-1.000") && html.contains("0.762"), "rounded values");
        assertTrue(html.contains("seed 42") && html.contains("lambda.1se = 0.0213") && html.contains("C = 0.1: 0.900"));
        assertTrue(html.contains("<td class=\"n\">60</td>") && html.contains("<td class=\"n\">10</td>"), "cohort");
        Matcher src = Pattern.compile("(src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (src.find()) {
            assertFalse(src.group(2).contains("http"), "external resource: " + src.group(2).substring(0, 40));
            assertTrue(src.group(2).startsWith("data:image/png;base64,"));
            images++;
        }
        assertEquals(6, images, "ROC train, ROC test, calibration, DCA, confusion, coefficients");
        assertFalse(html.contains("<link") || html.contains("<script"));
        assertFalse(html.contains("SYNTHETIC DATA"));
        for (String f : List.of("roc_train", "roc_test", "calibration_test", "dca_test", "confusion_lr-l2",
                "coefficients_lr-l2")) {
            assertTrue(Files.size(run.resolve("figures/" + f + ".png")) > 1000, f);
            FiguresTest.parse(Files.readString(run.resolve("figures/" + f + ".svg")));
        }
    }

    @Test
    void sameRunSameReport() throws Exception {
        Path run = fakeRun(tmp.resolve("run"), false);
        Report.write(run, tmp.resolve("a.html"), new Report.Options(false, 100));
        Report.write(run, tmp.resolve("b.html"), new Report.Options(false, 100));
        assertEquals(Files.readString(tmp.resolve("a.html")), Files.readString(tmp.resolve("b.html")));
    }

    @Test
    void syntheticBannerFromColumnOrFlag() throws Exception {
        Path a = fakeRun(tmp.resolve("a"), true);
        assertTrue(Report.write(a, a.resolve("r.html"), new Report.Options(false, 0)).synthetic());
        assertTrue(Files.readString(a.resolve("r.html")).contains("SYNTHETIC DATA"));
        Path b = fakeRun(tmp.resolve("b"), false);
        Report.write(b, b.resolve("r.html"), new Report.Options(true, 0));
        assertTrue(Files.readString(b.resolve("r.html")).contains("SYNTHETIC DATA"));
    }

    /** fakeRun with run.json's "lasso" from a real lasso step fitted on 150 cases of 8 features. */
    static Path fakeLassoRun(Path dir) throws Exception {
        fakeRun(dir, false);
        SplittableRandom r = new SplittableRandom(5);
        int n = 150;
        double[][] x = new double[n][8];
        int[] y = new int[n];
        List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < 8; j++) {
            names.add("feature_" + j);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 8; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(1.5 * x[i][0] - x[i][1] + 0.5 * x[i][2]))) ? 1 : 0;
        }
        LassoSelect s = new LassoSelect("1se", 5, 42);
        s.fit(x, y, names);
        Map<String, Object> run = Json.parseObject(Files.readString(dir.resolve("run.json")));
        run.put("lasso", s.trace().toJson());
        Files.writeString(dir.resolve("run.json"), Json.write(run));
        return dir;
    }

    @Test
    void lassoFiguresOnlyWithALassoTrace() throws Exception {
        Path with = fakeLassoRun(tmp.resolve("with"));
        Map<String, Object> run = Json.parseObject(Files.readString(with.resolve("run.json")));
        LassoSelect.Trace t = Report.lassoOf(run);
        Report.Result res = Report.write(with, with.resolve("report.html"), new Report.Options(false, 0));
        String html = Files.readString(res.html());
        assertTrue(html.contains("LASSO coefficient path") && html.contains("LASSO cross-validation"));
        assertTrue(html.contains(Report.esc(Report.keptSentence(t))), "kept sentence");
        assertTrue(html.contains(t.kept() + " of 8 features had a nonzero coefficient at the chosen \u03bb.1se"), html);
        for (String f : List.of("lasso_path", "lasso_cv")) {
            assertTrue(Files.size(with.resolve("figures/" + f + ".png")) > 1000, f);
            String svg = Files.readString(with.resolve("figures/" + f + ".svg"));
            FiguresTest.parse(svg);
            assertTrue(svg.contains("\u03bb.min") && svg.contains("\u03bb.1se") && svg.contains("log(\u03bb)"), f);
        }
        String path = Files.readString(with.resolve("figures/lasso_path.svg"));
        assertTrue(path.contains("feature_0") && path.contains("LASSO coefficient path"));
        assertTrue(Files.readString(with.resolve("figures/lasso_cv.svg")).contains("Binomial deviance"));
        assertEquals(8, count(html, "data:image/png;base64,"), "6 figures + path + CV");
        // the same folder without "lasso": no LASSO figure, no error
        Path without = fakeRun(tmp.resolve("without"), false);
        String plain = Files.readString(Report.write(without, without.resolve("report.html"),
                new Report.Options(false, 0)).html());
        assertFalse(plain.contains("LASSO coefficient path") || plain.contains("LASSO cross-validation"));
        assertFalse(Files.exists(without.resolve("figures/lasso_path.png")));
        assertEquals(6, count(plain, "data:image/png;base64,"));
    }

    private static int count(String s, String what) {
        int k = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            k++;
        }
        return k;
    }

    @Test
    void formulaCoefficients() {
        Map<String, Double> c = Report.parseFormula("score = -0.5 + 1.2 x f1 - 0.3 x f2  (log-odds of x)");
        assertEquals(Map.of("f1", 1.2, "f2", -0.3), c);
    }
}
