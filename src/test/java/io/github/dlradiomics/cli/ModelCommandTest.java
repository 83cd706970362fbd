package io.github.dlradiomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ./dlrad model lasso on the glmnet reference data. */
class ModelCommandTest {
    @Test
    @SuppressWarnings("unchecked")
    void lassoJsonOnWdbc() throws Exception {
        Path wdbc = TestData.shared("reference/stats/breast_cancer_wdbc.csv");
        CliTest.Run r = CliTest.run("model", "lasso", "--table", wdbc.toString(), "--label", "target", "--positive", "1",
                "--zscore", "population", "--folds", "5", "--fold-assignment", "sequential", "--seed", "7", "--lambda", "0.05",
                "--thresh", "1e-12", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> m = Json.parseObject(r.out());
        for (String k : List.of("lambda_min", "lambda_1se", "lambda", "coefficients", "path", "cv", "seed", "folds")) {
            assertTrue(m.containsKey(k), k);
        }
        assertEquals(0.05, m.get("lambda"));
        assertEquals(7.0, m.get("seed"));
        assertEquals(5.0, m.get("folds"));
        Map<String, Object> coef = (Map<String, Object>) m.get("coefficients");
        assertEquals(31, coef.size(), "intercept + all 30 features, zeros included");
        // glmnet's printed 6 decimals ([B1], lambda = 0.05)
        Map<String, Double> b1 = Map.of("(Intercept)", 0.715327, "mean_concave_points", -0.289105, "worst_radius", -1.284775,
                "worst_texture", -0.322376, "worst_concave_points", -1.103385);
        for (var e : coef.entrySet()) {
            assertEquals(b1.getOrDefault(e.getKey(), 0.0), (Double) e.getValue(), 5.1e-7, e.getKey());
        }
        assertEquals(0.0, coef.get("mean_radius"));
        List<Map<String, Object>> path = (List<Map<String, Object>>) m.get("path");
        List<Map<String, String>> ref = Csv.read(TestData.shared("reference/stats/glmnet_path_z.csv"));
        assertEquals(ref.size(), path.size());
        for (int i = 0; i < ref.size(); i++) {
            assertEquals(Double.parseDouble(ref.get(i).get("df")), path.get(i).get("df"));
            assertEquals(Double.parseDouble(ref.get(i).get("dev.ratio")), (Double) path.get(i).get("dev_ratio"), 1e-6);
        }
        Map<String, Object> cv = (Map<String, Object>) m.get("cv");
        assertEquals(100, ((List<?>) cv.get("lambda")).size());
        assertEquals(100, ((List<?>) cv.get("cvm")).size());
        assertEquals(100, ((List<?>) cv.get("cvsd")).size());
        assertTrue((Double) m.get("lambda_1se") >= (Double) m.get("lambda_min"));
    }

    @Test
    void lassoTextAndErrors() throws Exception {
        Path wdbc = TestData.shared("reference/stats/breast_cancer_wdbc.csv");
        CliTest.Run r = CliTest.run("model", "lasso", "--table", wdbc.toString(), "--label", "target", "--positive", "1",
                "--zscore", "none", "--folds", "5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("lambda.min = ") && r.out().contains("lambda.1se = "), r.out());
        assertTrue(r.out().contains("Rad-score = "), r.out());
        CliTest.Run bad = CliTest.run("model", "lasso", "--table", wdbc.toString(), "--label", "target", "--positive", "benign");
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("'benign'") && bad.err().contains("target"), bad.err());
        assertFalse(bad.err().contains("at io.github"));
        CliTest.Run z = CliTest.run("model", "lasso", "--table", wdbc.toString(), "--label", "target", "--positive", "1",
                "--zscore", "robust");
        assertEquals(2, z.code());
    }
}
