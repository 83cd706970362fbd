package io.github.dlradiomics.deep;

import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Principal component analysis fitted on a training table (n cases x p features) and applied unchanged
 * to new tables, as scikit-learn's {@code PCA} does: columns are centred by the training mean
 * (optionally also divided by the training standard deviation, n - 1 denominator; scikit-learn's PCA does
 * not scale, so the default is off), the principal axes are the eigenvectors of the covariance matrix
 * (n - 1 denominator), {@code explained_variance} are its eigenvalues and {@code explained_variance_ratio}
 * their share of the total variance (the covariance's trace).
 *
 * <p>The decomposition is the cyclic Jacobi eigenvalue algorithm (symmetric, deterministic, full
 * precision) on the p x p covariance, or when n &lt; p on the n x n Gram matrix {@code Xc Xc^T} whose
 * eigenvectors u give the axes {@code Xc^T u / sqrt(eigenvalue)} (the same axes, much cheaper for
 * deep-feature tables with thousands of columns). The number of components is a count or the smallest
 * count whose cumulative ratio reaches a fraction, capped at min(n - 1, p) and at the numerical rank
 * (eigenvalues above 1e-10 times the largest). Signs are fixed: each component's entry of largest
 * magnitude is positive (the first such entry on ties).
 *
 * <pre>Pca pca = Pca.fit(names, x, Pca.Components.parse("0.95"), false); double[][] z = pca.transform(names, y);</pre>
 */
public final class Pca {
    /** The "format" value of the JSON form. */
    public static final String FORMAT = "dlradiomics-pca/1";

    private static final double RANK_TOLERANCE = 1e-10;

    private final List<String> features;
    private final int nSamples;
    private final double[] mean;
    private final double[] scale;
    private final double[][] components;
    private final double[] explainedVariance;
    private final double[] explainedVarianceRatio;
    private final double totalVariance;
    private final String requested;

    /**
     * How many components to keep: {@code count} (when > 0) or the smallest number whose cumulative
     * explained variance ratio reaches {@code fraction} (0 &lt; fraction &lt;= 1).
     */
    public record Components(int count, double fraction) {
        /** Checks that exactly one of count and fraction is given and in range. */
        public Components {
            boolean byCount = count > 0;
            if (byCount == !Double.isNaN(fraction) || (!byCount && !(fraction > 0 && fraction <= 1))) {
                throw new UserInputException("PCA components: give a count >= 1 or a variance fraction in (0, 1], got "
                        + (byCount ? count : fraction));
            }
        }

        /** Keep {@code k} components. */
        public static Components count(int k) {
            if (k < 1) {
                throw new UserInputException("PCA components: the count must be >= 1, got " + k);
            }
            return new Components(k, Double.NaN);
        }

        /** Keep the smallest number of components explaining at least {@code f} of the variance. */
        public static Components fraction(double f) {
            return new Components(0, f);
        }

        /** "5" (an integer: a count) or "0.95" (with a decimal point or exponent: a fraction). */
        public static Components parse(String text) {
            String t = text == null ? "" : text.trim();
            try {
                if (t.matches("[0-9]+")) {
                    return count(Integer.parseInt(t));
                }
                return fraction(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                throw new UserInputException("PCA components '" + text + "' is neither a count (5) nor a fraction (0.95)");
            }
        }

        @Override
        public String toString() {
            return count > 0 ? Integer.toString(count) : Double.toString(fraction);
        }
    }

    /** Which matrix is decomposed; AUTO picks the Gram matrix when n &lt; p. Package-private for tests. */
    enum Solver {
        AUTO, GRAM, COVARIANCE
    }

    private Pca(List<String> features, int nSamples, double[] mean, double[] scale, double[][] components,
            double[] explainedVariance, double[] explainedVarianceRatio, double totalVariance, String requested) {
        this.features = List.copyOf(features);
        this.nSamples = nSamples;
        this.mean = mean;
        this.scale = scale;
        this.components = components;
        this.explainedVariance = explainedVariance;
        this.explainedVarianceRatio = explainedVarianceRatio;
        this.totalVariance = totalVariance;
        this.requested = requested;
    }

    /**
     * Fits on {@code x} (rows = cases, columns named by {@code names}).
     *
     * @param scale also divide each column by its training standard deviation (n - 1)
     * @throws UserInputException fewer than 2 cases, a missing value (naming the column), a ragged table,
     *     a constant column when scaling (naming it), or all columns constant
     */
    public static Pca fit(List<String> names, double[][] x, Components components, boolean scale) {
        return fit(names, x, components, scale, Solver.AUTO);
    }

    static Pca fit(List<String> names, double[][] x, Components wanted, boolean scaling, Solver solver) {
        int n = x.length;
        if (n < 2) {
            throw new UserInputException("PCA needs at least 2 cases, got " + n);
        }
        int p = names.size();
        if (p < 1) {
            throw new UserInputException("PCA needs at least one feature column");
        }
        if (new HashSet<>(names).size() != p) {
            throw new UserInputException("PCA: feature names are not unique");
        }
        checkTable(names, x, "PCA training table");
        double[] mean = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        double[] sd = null;
        if (scaling) {
            sd = new double[p];
            for (int j = 0; j < p; j++) {
                double ss = 0;
                for (double[] row : x) {
                    ss += (row[j] - mean[j]) * (row[j] - mean[j]);
                }
                sd[j] = Math.sqrt(ss / (n - 1));
                if (!(sd[j] > 0)) {
                    throw new UserInputException("PCA: feature '" + names.get(j) + "' is constant in the training table and "
                            + "cannot be scaled to unit variance; drop it or fit without scaling");
                }
            }
        }
        double[][] xc = new double[n][p];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double v = x[i][j] - mean[j];
                xc[i][j] = sd == null ? v : v / sd[j];
                total += xc[i][j] * xc[i][j];
            }
        }
        total /= n - 1;
        boolean gram = solver == Solver.GRAM || (solver == Solver.AUTO && n < p);
        double[] eig;
        double[][] axes; // axes[c] = unit vector of length p, in eigenvalue order (descending)
        if (gram) {
            double[][] g = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = a; b < n; b++) {
                    double s = 0;
                    for (int j = 0; j < p; j++) {
                        s += xc[a][j] * xc[b][j];
                    }
                    g[a][b] = s;
                    g[b][a] = s;
                }
            }
            double[][] u = new double[n][n];
            double[] lambda = jacobi(g, u);
            int[] order = descending(lambda);
            eig = new double[n];
            axes = new double[n][];
            for (int c = 0; c < n; c++) {
                int col = order[c];
                eig[c] = lambda[col] / (n - 1);
                double[] v = new double[p];
                double norm = 0;
                for (int j = 0; j < p; j++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += xc[i][j] * u[i][col];
                    }
                    v[j] = s;
                    norm += s * s;
                }
                // Xc^T u has norm sqrt(lambda); normalising by the computed norm is the same and also exact-unit
                norm = Math.sqrt(norm);
                for (int j = 0; j < p; j++) {
                    v[j] = norm > 0 ? v[j] / norm : 0;
                }
                axes[c] = v;
            }
        } else {
            double[][] cov = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += xc[i][a] * xc[i][b];
                    }
                    cov[a][b] = s / (n - 1);
                    cov[b][a] = cov[a][b];
                }
            }
            double[][] vecs = new double[p][p];
            double[] lambda = jacobi(cov, vecs);
            int[] order = descending(lambda);
            eig = new double[p];
            axes = new double[p][];
            for (int c = 0; c < p; c++) {
                eig[c] = lambda[order[c]];
                double[] v = new double[p];
                for (int j = 0; j < p; j++) {
                    v[j] = vecs[j][order[c]];
                }
                axes[c] = v;
            }
        }
        if (!(eig[0] > 0)) {
            throw new UserInputException("PCA: all " + p + " features are constant in the training table; there is no "
                    + "component");
        }
        int rank = 0;
        while (rank < eig.length && eig[rank] > RANK_TOLERANCE * eig[0]) {
            rank++;
        }
        int cap = Math.min(Math.min(n - 1, p), rank);
        int k;
        if (wanted.count() > 0) {
            k = Math.min(wanted.count(), cap);
        } else {
            k = cap;
            double cum = 0;
            for (int c = 0; c < cap; c++) {
                cum += eig[c] / total;
                if (cum >= wanted.fraction() - 1e-12) {
                    k = c + 1;
                    break;
                }
            }
        }
        double[][] comp = new double[k][];
        double[] ev = new double[k];
        double[] ratio = new double[k];
        for (int c = 0; c < k; c++) {
            comp[c] = fixSign(axes[c]);
            ev[c] = eig[c];
            ratio[c] = eig[c] / total;
        }
        return new Pca(names, n, mean, sd, comp, ev, ratio, total, wanted.toString());
    }

    private static void checkTable(List<String> names, double[][] x, String what) {
        int p = names.size();
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != p) {
                throw new UserInputException(what + ": row " + (i + 1) + " has " + x[i].length + " values, expected " + p);
            }
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new UserInputException(what + ": feature '" + names.get(j) + "' is missing or not finite ("
                            + x[i][j] + ") in row " + (i + 1));
                }
            }
        }
    }

    /** Flips {@code v} so that its entry of largest magnitude (first within 1e-9 relative) is positive. */
    private static double[] fixSign(double[] v) {
        double max = 0;
        for (double a : v) {
            max = Math.max(max, Math.abs(a));
        }
        for (double a : v) {
            if (Math.abs(a) >= max * (1 - 1e-9)) {
                if (a < 0) {
                    for (int j = 0; j < v.length; j++) {
                        v[j] = -v[j];
                    }
                }
                break;
            }
        }
        return v;
    }

    /** Indices sorting {@code d} descending; equal values keep index order. */
    private static int[] descending(double[] d) {
        Integer[] idx = new Integer[d.length];
        for (int i = 0; i < d.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(d[b], d[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /**
     * Cyclic Jacobi eigenvalue algorithm (Rutishauser's variant with thresholds, as in Numerical Recipes'
     * {@code jacobi}): the eigenvalues of the symmetric matrix {@code a} (whose upper triangle is destroyed)
     * are returned, the eigenvectors are written as the columns of {@code v}.
     */
    static double[] jacobi(double[][] a, double[][] v) {
        int n = a.length;
        double[] d = new double[n];
        double[] b = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(v[i], 0);
            v[i][i] = 1;
            d[i] = a[i][i];
            b[i] = d[i];
        }
        for (int sweep = 1; sweep <= 100; sweep++) {
            double sm = 0;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    sm += Math.abs(a[p][q]);
                }
            }
            if (sm == 0) {
                return d;
            }
            double tresh = sweep < 4 ? 0.2 * sm / ((double) n * n) : 0;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double g = 100 * Math.abs(a[p][q]);
                    if (sweep > 4 && Math.abs(d[p]) + g == Math.abs(d[p]) && Math.abs(d[q]) + g == Math.abs(d[q])) {
                        a[p][q] = 0;
                    } else if (Math.abs(a[p][q]) > tresh) {
                        double h = d[q] - d[p];
                        double t;
                        if (Math.abs(h) + g == Math.abs(h)) {
                            t = a[p][q] / h;
                        } else {
                            double theta = 0.5 * h / a[p][q];
                            t = 1 / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
                            if (theta < 0) {
                                t = -t;
                            }
                        }
                        double c = 1 / Math.sqrt(1 + t * t);
                        double s = t * c;
                        double tau = s / (1 + c);
                        h = t * a[p][q];
                        z[p] -= h;
                        z[q] += h;
                        d[p] -= h;
                        d[q] += h;
                        a[p][q] = 0;
                        for (int j = 0; j < p; j++) {
                            rotate(a, j, p, j, q, s, tau);
                        }
                        for (int j = p + 1; j < q; j++) {
                            rotate(a, p, j, j, q, s, tau);
                        }
                        for (int j = q + 1; j < n; j++) {
                            rotate(a, p, j, q, j, s, tau);
                        }
                        for (int j = 0; j < n; j++) {
                            rotate(v, j, p, j, q, s, tau);
                        }
                    }
                }
            }
            for (int p = 0; p < n; p++) {
                b[p] += z[p];
                d[p] = b[p];
                z[p] = 0;
            }
        }
        throw new IllegalStateException("Jacobi eigenvalue algorithm did not converge in 100 sweeps");
    }

    private static void rotate(double[][] a, int i, int j, int k, int l, double s, double tau) {
        double g = a[i][j];
        double h = a[k][l];
        a[i][j] = g - s * (h + g * tau);
        a[k][l] = h + s * (g - h * tau);
    }

    /** Projects {@code x} (columns in training order) with the training mean and scale: n x k scores. */
    public double[][] transform(double[][] x) {
        checkTable(features, x, "PCA input table");
        int p = features.size();
        double[][] out = new double[x.length][components.length];
        double[] row = new double[p];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                row[j] = (x[i][j] - mean[j]) / (scale == null ? 1 : scale[j]);
            }
            for (int c = 0; c < components.length; c++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += row[j] * components[c][j];
                }
                out[i][c] = s;
            }
        }
        return out;
    }

    /**
     * Projects a table whose columns are named {@code names}: they must be the training features (in any
     * order; they are put back in training order).
     *
     * @throws UserInputException naming a missing and an unexpected feature when the names differ
     */
    public double[][] transform(List<String> names, double[][] x) {
        if (names.equals(features)) {
            return transform(x);
        }
        Map<String, Integer> at = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            at.put(names.get(j), j);
        }
        List<String> missing = new ArrayList<>();
        for (String f : features) {
            if (!at.containsKey(f)) {
                missing.add(f);
            }
        }
        Set<String> known = new HashSet<>(features);
        List<String> extra = new ArrayList<>();
        for (String f : names) {
            if (!known.contains(f)) {
                extra.add(f);
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty() || names.size() != features.size()) {
            throw new UserInputException("PCA: the table's features differ from the training features (" + missing.size()
                    + " missing" + (missing.isEmpty() ? "" : ", first '" + missing.get(0) + "'") + "; " + extra.size()
                    + " unexpected" + (extra.isEmpty() ? "" : ", first '" + extra.get(0) + "'")
                    + (missing.isEmpty() && extra.isEmpty() ? "; duplicated names" : "") + ")");
        }
        double[][] y = new double[x.length][features.size()];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != names.size()) {
                throw new UserInputException("PCA input table: row " + (i + 1) + " has " + x[i].length + " values, expected "
                        + names.size());
            }
            for (int j = 0; j < features.size(); j++) {
                y[i][j] = x[i][at.get(features.get(j))];
            }
        }
        return transform(y);
    }

    /** Maps scores (n x k) back to feature space (n x p): {@code z V * scale + mean}. */
    public double[][] inverseTransform(double[][] z) {
        int p = features.size();
        double[][] out = new double[z.length][p];
        for (int i = 0; i < z.length; i++) {
            if (z[i].length != components.length) {
                throw new IllegalArgumentException("score row " + (i + 1) + " has " + z[i].length + " values, expected "
                        + components.length);
            }
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int c = 0; c < components.length; c++) {
                    s += z[i][c] * components[c][j];
                }
                out[i][j] = s * (scale == null ? 1 : scale[j]) + mean[j];
            }
        }
        return out;
    }

    /** Output column names "PC1".."PCk". */
    public List<String> columnNames() {
        List<String> out = new ArrayList<>();
        for (int c = 1; c <= components.length; c++) {
            out.add("PC" + c);
        }
        return out;
    }

    /** The training feature names, in training order. */
    public List<String> featureNames() {
        return features;
    }

    /** Number of components kept. */
    public int componentCount() {
        return components.length;
    }

    /** Number of training cases. */
    public int trainingCases() {
        return nSamples;
    }

    /** Training column means (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Training column standard deviations (n - 1) when scaling, else null (a copy). */
    public double[] scale() {
        return scale == null ? null : scale.clone();
    }

    /** Principal axes, k x p, unit length (a copy). */
    public double[][] components() {
        double[][] c = new double[components.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = components[i].clone();
        }
        return c;
    }

    /** Variance of each component's scores on the training table (n - 1 denominator). */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** {@link #explainedVariance()} over the training table's total variance. */
    public double[] explainedVarianceRatio() {
        return explainedVarianceRatio.clone();
    }

    /** The JSON form (see {@link #FORMAT}); {@link Json#write(Object)} turns it into text. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("features", features);
        m.put("n_samples", nSamples);
        m.put("components_requested", requested);
        m.put("columns", columnNames());
        m.put("mean", mean);
        m.put("scale", scale);
        m.put("total_variance", totalVariance);
        m.put("explained_variance", explainedVariance);
        m.put("explained_variance_ratio", explainedVarianceRatio);
        m.put("components", components);
        return m;
    }

    /** Reads the JSON form written by {@link #toJson()}; anything malformed is refused in one line. */
    public static Pca fromJson(Map<String, Object> m) {
        if (!FORMAT.equals(m.get("format"))) {
            throw new UserInputException("PCA model: format is '" + m.get("format") + "', expected '" + FORMAT + "'");
        }
        List<String> names = new ArrayList<>();
        for (Object o : list(m, "features")) {
            if (!(o instanceof String s)) {
                throw new UserInputException("PCA model: 'features' must be a list of names");
            }
            names.add(s);
        }
        int p = names.size();
        double[] mean = vector(m.get("mean"), "mean", p);
        double[] scale = m.get("scale") == null ? null : vector(m.get("scale"), "scale", p);
        List<Object> comps = list(m, "components");
        int k = comps.size();
        if (k < 1) {
            throw new UserInputException("PCA model: no components");
        }
        double[][] c = new double[k][];
        for (int i = 0; i < k; i++) {
            c[i] = vector(comps.get(i), "components[" + i + "]", p);
        }
        double[] ev = vector(m.get("explained_variance"), "explained_variance", k);
        double[] ratio = vector(m.get("explained_variance_ratio"), "explained_variance_ratio", k);
        Object n = m.get("n_samples");
        Object total = m.get("total_variance");
        return new Pca(names, n instanceof Number x ? x.intValue() : 0, mean, scale, c, ev, ratio,
                total instanceof Number x ? x.doubleValue() : Double.NaN, String.valueOf(m.get("components_requested")));
    }

    /** Writes the JSON form to {@code file}. */
    public void write(Path file) throws IOException {
        Files.writeString(file, Json.write(toJson()) + "\n", StandardCharsets.UTF_8);
    }

    /** Reads a model written by {@link #write(Path)}; errors name the file. */
    public static Pca read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromJson(Json.parseObject(text));
        } catch (IllegalArgumentException | UserInputException e) {
            throw new UserInputException(file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (!(o instanceof List<?>)) {
            throw new UserInputException("PCA model: '" + key + "' is missing or not a list");
        }
        return Collections.unmodifiableList((List<Object>) o);
    }

    private static double[] vector(Object o, String key, int length) {
        if (!(o instanceof List<?> l) || l.size() != length) {
            throw new UserInputException("PCA model: '" + key + "' must be a list of " + length + " numbers");
        }
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            if (!(l.get(i) instanceof Number x) || !Double.isFinite(x.doubleValue())) {
                throw new UserInputException("PCA model: '" + key + "' entry " + (i + 1) + " is not a finite number");
            }
            v[i] = ((Number) l.get(i)).doubleValue();
        }
        return v;
    }
}
