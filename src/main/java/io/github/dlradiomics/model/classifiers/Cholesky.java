package io.github.dlradiomics.model.classifiers;

/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive definite matrix, for the Newton systems of the
 * logistic regressions. Refuses (returns null) when a pivot falls to {@code relTol} times the matrix's own
 * diagonal entry, so rank deficiency is reported rather than solved into huge numbers.
 */
final class Cholesky {
    private final double[][] l;

    private Cholesky(double[][] l) {
        this.l = l;
    }

    /** The factor, or null when A is not positive definite to relative tolerance {@code relTol}. */
    static Cholesky of(double[][] a, double relTol) {
        return factor(a, relTol) instanceof Cholesky c ? c : null;
    }

    /**
     * The first column whose pivot (the part of it not explained by the columns before it, as a fraction
     * of its diagonal entry) is at most {@code relTol}, or -1 when there is none.
     */
    static int firstDeficient(double[][] a, double relTol) {
        return factor(a, relTol) instanceof Integer k ? k : -1;
    }

    private static Object factor(double[][] a, double relTol) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double s = a[j][j];
            for (int k = 0; k < j; k++) {
                s -= l[j][k] * l[j][k];
            }
            if (!(s > relTol * Math.abs(a[j][j])) || !Double.isFinite(s)) {
                return j;
            }
            double d = Math.sqrt(s);
            l[j][j] = d;
            for (int i = j + 1; i < n; i++) {
                double t = a[i][j];
                for (int k = 0; k < j; k++) {
                    t -= l[i][k] * l[j][k];
                }
                l[i][j] = t / d;
            }
        }
        return new Cholesky(l);
    }

    /** x with A·x = b. */
    double[] solve(double[] b) {
        int n = l.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** A⁻¹ (symmetric). */
    double[][] inverse() {
        int n = l.length;
        double[][] inv = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            inv[j] = solve(e);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double m = 0.5 * (inv[i][j] + inv[j][i]);
                inv[i][j] = m;
                inv[j][i] = m;
            }
        }
        return inv;
    }
}
