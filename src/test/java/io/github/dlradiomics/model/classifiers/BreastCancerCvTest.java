package io.github.dlradiomics.model.classifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.model.Classifiers;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sanity check on a real, well separated problem: Wisconsin diagnostic breast cancer (569 cases, 30
 * features; z-scored on the training folds), stratified 5-fold cross-validation, mean AUC above 0.95 for
 * every classifier with its default parameters (published linear and kernel models reach about 0.99).
 */
class BreastCancerCvTest {
    @Test
    void everyClassifierSeparatesBenignFromMalignant() throws IOException {
        ClassifierTesting.Data d = ClassifierTesting.wdbc();
        assertEquals(569, d.y().length);
        for (String name : List.of("lr-l2", "svm-linear", "svm-rbf", "knn", "mlp")) {
            double auc = ClassifierTesting.cvAuc(name, Map.of(), d, 5, 2024);
            System.out.printf("wdbc 5-fold CV AUC %-10s %.4f%n", name, auc);
            assertTrue(auc > 0.95, name + ": " + auc);
        }
    }

    @Test
    void unpenalisedLogisticRegressionOnAFewFeatures() throws IOException {
        ClassifierTesting.Data d = ClassifierTesting.wdbc();
        // mean radius, mean texture, mean smoothness, worst concave points
        int[] cols = {0, 1, 4, 27};
        double[][] x = new double[d.y().length][cols.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                x[i][j] = d.x()[i][cols[j]];
            }
        }
        double auc = ClassifierTesting.cvAuc("lr", Map.of(), new ClassifierTesting.Data(x, d.y()), 5, 2024);
        System.out.printf("wdbc 5-fold CV AUC lr (4 features) %.4f%n", auc);
        assertTrue(auc > 0.95, "lr: " + auc);
    }

    /** All 30 z-scored features separate the classes completely (a linear program finds w, b with
     * y_i (w·x_i + b) &gt;= 1 for every case, checked with scipy's linprog): no finite ML estimate exists. */
    @Test
    void unpenalisedLogisticRegressionOnAll30FeaturesIsRefusedAsSeparated() throws IOException {
        ClassifierTesting.Data d = ClassifierTesting.wdbc();
        double[][][] z = ClassifierTesting.zscore(d.x(), d.x());
        LogisticRegression.SeparationException e = assertThrows(LogisticRegression.SeparationException.class,
                () -> Classifiers.create("lr", Map.of(), 0).fit(z[0], d.y()));
        assertTrue(e.getMessage().startsWith("lr: perfect separation: a combination of the features"), e.getMessage());
    }
}
