package io.github.dlradiomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./dlrad model train|predict|evaluate: saved pipelines reproduce the training run's predictions; seeds make runs repeatable. */
class ModelTrainCliTest {
    @TempDir
    Path tmp;

    @Test
    void savedPipelinesReproduceTheRunAndRunsRepeat() throws Exception {
        String wdbc = TestData.shared("reference/stats/breast_cancer_wdbc.csv").toString();
        String[] args = {"model", "train", "--table", wdbc, "--label", "target", "--positive", "0", "--classifiers",
            "lr,rf,xgboost,lightgbm,svm-rbf", "--select", "variance,zscore,corr:0.9,lasso:1se", "--seed", "3",
            "--bootstrap", "200", "--out", tmp.resolve("a").toString()};
        CliTest.Run r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        args[args.length - 1] = tmp.resolve("b").toString();
        assertEquals(0, CliTest.run(args).code());
        assertEquals(Files.readString(tmp.resolve("a/comparison.csv")), Files.readString(tmp.resolve("b/comparison.csv")),
                "same seed, same run");
        Map<String, Object> run = Json.parseObject(Files.readString(tmp.resolve("a/run.json")));
        assertEquals(3.0, ((Number) run.get("seed")).doubleValue());
        // the lasso step's path and CV curve, for the report; the pipelines load without them
        @SuppressWarnings("unchecked")
        io.github.dlradiomics.model.steps.LassoSelect.Trace lasso = io.github.dlradiomics.model.steps.LassoSelect.Trace
                .fromJson((Map<String, Object>) run.get("lasso"));
        assertEquals(((List<?>) run.get("selected_features")).size(), lasso.kept());
        assertTrue(lasso.lambda1se() >= lasso.lambdaMin() && lasso.lambda().length > 5);
        assertEquals("z-scored features, per training SD", ((Map<?, ?>) run.get("lasso")).get("coefficient_scale"));
        List<Map<String, String>> pred = Csv.read(tmp.resolve("a/predictions.csv"));
        assertEquals(569, pred.size());
        // cv_predictions.csv: the training cases' out-of-fold probabilities; per fold (the stratified folds of the
        // training labels, seeded as the run) their AUCs average to the CV AUC of comparison.csv
        List<Map<String, String>> cvPred = Csv.read(tmp.resolve("a/cv_predictions.csv"));
        List<Map<String, String>> trainRows = pred.stream().filter(p -> p.get("Set").equals("train")).toList();
        assertEquals(trainRows.stream().map(p -> p.get("ID")).toList(), cvPred.stream().map(p -> p.get("ID")).toList());
        int[] yTrain = cvPred.stream().mapToInt(p -> Integer.parseInt(p.get("target=0"))).toArray();
        int[] foldOf = io.github.dlradiomics.model.Splits.stratifiedFolds(yTrain, 5, 3);
        for (Map<String, String> cmp : Csv.read(tmp.resolve("a/comparison.csv"))) {
            String model = cmp.get("Model");
            double sum = 0;
            for (int f = 1; f <= 5; f++) {
                List<Double> p = new java.util.ArrayList<>();
                List<Integer> yy = new java.util.ArrayList<>();
                for (int i = 0; i < yTrain.length; i++) {
                    if (foldOf[i] == f) {
                        p.add(Double.parseDouble(cvPred.get(i).get("p_" + model)));
                        yy.add(yTrain[i]);
                    }
                }
                sum += io.github.dlradiomics.stats.Roc.auc(p.stream().mapToDouble(Double::doubleValue).toArray(),
                        yy.stream().mapToInt(Integer::intValue).toArray());
            }
            assertEquals(Double.parseDouble(cmp.get("CV AUC")), sum / 5, 1e-12, model);
        }
        for (String model : List.of("lr", "xgboost", "lightgbm", "svm-rbf", "rf")) {
            Path out = tmp.resolve("p-" + model + ".csv");
            CliTest.Run p = CliTest.run("model", "predict", "--pipeline", tmp.resolve("a/pipeline-" + model + ".json").toString(),
                    "--table", wdbc, "--out", out.toString());
            assertEquals(0, p.code(), p.err());
            Map<String, Double> again = new HashMap<>();
            for (Map<String, String> row : Csv.read(out)) {
                again.put(row.get("ID"), Double.parseDouble(row.get("p_" + model)));
            }
            for (Map<String, String> row : pred) {
                assertEquals(Double.parseDouble(row.get("p_" + model)), again.get(row.get("ID")), 1e-12,
                        model + " case " + row.get("ID"));
            }
        }
        // evaluate on the test rows only gives the comparison table's test AUC
        StringBuilder test = new StringBuilder();
        List<String> header = Csv.header(Path.of(wdbc));
        test.append(String.join(",", header)).append('\n');
        List<Map<String, String>> all = Csv.read(Path.of(wdbc));
        java.util.Set<String> testIds = new java.util.HashSet<>();
        for (Map<String, String> row : pred) {
            if (row.get("Set").equals("test")) {
                testIds.add(row.get("ID"));
            }
        }
        for (int i = 0; i < all.size(); i++) {
            if (testIds.contains(Integer.toString(i + 1))) {
                test.append(String.join(",", header.stream().map(all.get(i)::get).toList())).append('\n');
            }
        }
        Path testCsv = tmp.resolve("test.csv");
        Files.writeString(testCsv, test.toString());
        Map<String, Object> ev = Json.parseObject(CliTest.run("model", "evaluate", "--pipeline",
                tmp.resolve("a/pipeline-lr.json").toString(), "--table", testCsv.toString(), "--label", "target",
                "--positive", "0", "--json").out());
        Map<String, String> lr = Csv.read(tmp.resolve("a/comparison.csv")).get(0);
        assertEquals("lr", lr.get("Model"));
        assertEquals(Double.parseDouble(lr.get("Test AUC")), ((Number) ev.get("auc")).doubleValue(), 1e-12);
        assertEquals(Double.parseDouble(lr.get("Test SENSITIVITY")), ((Number) ev.get("sensitivity")).doubleValue(), 1e-12);
        assertTrue(((Number) ev.get("auc")).doubleValue() > 0.95);
    }

    @Test
    void keepListAndRadScoreFormula() throws Exception {
        String wdbc = TestData.shared("reference/stats/breast_cancer_wdbc.csv").toString();
        Path keep = tmp.resolve("keep.txt");
        Files.writeString(keep, "mean_radius\nworst_radius\nworst_texture\nnot_a_column\n");
        CliTest.Run r = CliTest.run("model", "train", "--table", wdbc, "--label", "target", "--positive", "0", "--keep",
                keep.toString(), "--select", "zscore", "--classifiers", "lr", "--out", tmp.resolve("k").toString());
        assertEquals(0, r.code(), r.err());
        Map<String, Object> run = Json.parseObject(Files.readString(tmp.resolve("k/run.json")));
        assertEquals(List.of("mean_radius", "worst_radius", "worst_texture"), run.get("selected_features"));
        @SuppressWarnings("unchecked")
        Map<String, Object> lr = (Map<String, Object>) ((Map<String, Object>) run.get("models")).get("lr");
        String f = (String) lr.get("formula");
        assertTrue(f.startsWith("score = ") && f.contains("x worst_radius"), f);
    }

    @Test
    void badInputLines() throws Exception {
        Path t = tmp.resolve("t.csv");
        Files.writeString(t, "ID,y,a,b\n1,1,0.1,2\n2,1,0.3,1\n3,0,0.2,4\n");
        CliTest.Run r = CliTest.run("model", "train", "--table", t.toString(), "--label", "y", "--positive", "1",
                "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("class") && !r.err().contains("\tat "), r.err());
        r = CliTest.run("model", "train", "--table", t.toString(), "--label", "y", "--positive", "1", "--classifiers",
                "lr,boost", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown classifier 'boost'"), r.err());
    }
}
