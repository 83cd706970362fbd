package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.util.UserInputException;

/** Checks on the matrices and labels handed to {@code fit} and {@code predictProba}. */
final class Inputs {
    private Inputs() {
    }

    /**
     * Checks that {@code x} is a non-empty rectangular n x p matrix, {@code y} has n labels that are 0 or 1
     * with both classes present, and (when {@code finite}) that every value is finite. Returns p.
     */
    static int checkFit(String model, double[][] x, int[] y, boolean finite) {
        if (x == null || y == null || x.length == 0) {
            throw new UserInputException(model + ": no training cases");
        }
        if (x.length != y.length) {
            throw new UserInputException(model + ": " + x.length + " rows but " + y.length + " labels");
        }
        int p = x[0].length;
        if (p == 0) {
            throw new UserInputException(model + ": no features");
        }
        boolean has0 = false;
        boolean has1 = false;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new UserInputException(model + ": label " + y[i] + " in row " + (i + 1) + " (labels must be 0 or 1)");
            }
            has0 |= y[i] == 0;
            has1 |= y[i] == 1;
        }
        if (!has0 || !has1) {
            throw new UserInputException(model + ": the training labels hold only class " + (has1 ? 1 : 0));
        }
        checkMatrix(model, x, p, finite);
        return p;
    }

    /** Checks that every row of {@code x} has {@code p} values (finite ones when {@code finite}). */
    static void checkMatrix(String model, double[][] x, int p, boolean finite) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != p) {
                throw new UserInputException(model + ": row " + (i + 1) + " has "
                        + (x[i] == null ? 0 : x[i].length) + " values, expected " + p);
            }
            if (finite) {
                for (int j = 0; j < p; j++) {
                    if (!Double.isFinite(x[i][j])) {
                        throw new UserInputException(model + ": row " + (i + 1) + ", feature " + (j + 1)
                                + " is " + x[i][j] + " (impute missing values first)");
                    }
                }
            }
        }
    }

    /** Row-major float copy (the boosters work in float32; NaN stays NaN = missing). */
    static float[] flatFloat(double[][] x, int p) {
        float[] f = new float[x.length * p];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                f[i * p + j] = (float) x[i][j];
            }
        }
        return f;
    }

    /** Row-major double copy. */
    static double[] flatDouble(double[][] x, int p) {
        double[] f = new double[x.length * p];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, f, i * p, p);
        }
        return f;
    }

    /** Throws when the classifier has not been fitted. */
    static void checkFitted(String model, Object state) {
        if (state == null) {
            throw new IllegalStateException(model + ": predictProba before fit");
        }
    }
}
