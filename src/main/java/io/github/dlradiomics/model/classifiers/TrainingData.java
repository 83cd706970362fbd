package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.util.UserInputException;

/**
 * The checks every classifier makes on its input matrix and labels, with messages that say what to fix:
 * a rectangular, non-empty, finite matrix (missing values must be imputed before), labels 0/1 with both
 * classes present, and at prediction time the training number of features.
 *
 * <pre>int p = TrainingData.check("knn", x, y);</pre>
 */
public final class TrainingData {
    private TrainingData() {
    }

    /** Checks {@code x} (n x p) and {@code y} (n labels 0/1, both present); returns p. */
    public static int check(String classifier, double[][] x, int[] y) {
        if (x == null || y == null || x.length == 0) {
            throw new UserInputException(classifier + ": no training cases");
        }
        if (x.length != y.length) {
            throw new UserInputException(classifier + ": " + x.length + " rows of features but " + y.length + " labels");
        }
        int p = matrix(classifier, x, -1);
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new UserInputException(classifier + ": label " + y[i] + " in row " + (i + 1) + " (labels must be 0 or 1)");
            }
            positives += y[i];
        }
        if (positives == 0 || positives == y.length) {
            throw new UserInputException(classifier + ": the training labels contain only class " + y[0]
                    + " (" + y.length + " cases); both classes are needed");
        }
        return p;
    }

    /** Checks a matrix to predict on: rectangular, finite, {@code p} columns. */
    public static void checkPredict(String classifier, double[][] x, int p) {
        if (x == null) {
            throw new UserInputException(classifier + ": no cases to predict");
        }
        if (x.length > 0) {
            matrix(classifier, x, p);
        }
    }

    private static int matrix(String classifier, double[][] x, int expected) {
        int p = expected >= 0 ? expected : (x[0] == null ? 0 : x[0].length);
        if (p == 0) {
            throw new UserInputException(classifier + ": no features (zero columns)");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != p) {
                throw new UserInputException(classifier + ": row " + (i + 1) + " has " + (x[i] == null ? 0 : x[i].length)
                        + " features, expected " + p + (expected >= 0 ? " (as in training)" : ""));
            }
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new UserInputException(classifier + ": row " + (i + 1) + ", feature " + (j + 1) + " is "
                            + x[i][j] + " (impute or remove missing and infinite values first)");
                }
            }
        }
        return p;
    }
}
