package io.github.dlradiomics.model.steps;

import io.github.dlradiomics.model.Step;
import io.github.dlradiomics.util.UserInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Explicit imputation of missing values (NaN) with the TRAINING median or mean of each feature; never
 * applied unless asked for. A feature missing in every training case is an error naming it.
 */
public final class Impute implements Step {
    private final String how;
    private List<String> names;
    private double[] fill;
    private int[] missingInTraining;

    /** "median" or "mean". */
    public Impute(String how) {
        this.how = how.toLowerCase(Locale.ROOT);
        if (!this.how.equals("median") && !this.how.equals("mean")) {
            throw new UserInputException("impute must be median or mean (got '" + how + "')");
        }
    }

    @Override
    public String type() {
        return "impute";
    }

    @Override
    public void fit(double[][] x, int[] y, List<String> names) {
        this.names = List.copyOf(names);
        fill = new double[names.size()];
        missingInTraining = new int[names.size()];
        for (int j = 0; j < fill.length; j++) {
            double[] v = new double[x.length];
            int n = 0;
            for (double[] r : x) {
                if (Double.isNaN(r[j])) {
                    missingInTraining[j]++;
                } else {
                    v[n++] = r[j];
                }
            }
            if (n == 0) {
                throw new UserInputException("feature '" + names.get(j) + "' is missing in every training case");
            }
            v = Arrays.copyOf(v, n);
            if (how.equals("mean")) {
                fill[j] = Arrays.stream(v).sum() / n;
            } else {
                Arrays.sort(v);
                fill[j] = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            }
        }
    }

    @Override
    public double[][] transform(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int j = 0; j < fill.length; j++) {
                if (Double.isNaN(out[i][j])) {
                    out[i][j] = fill[j];
                }
            }
        }
        return out;
    }

    @Override
    public List<String> outputNames() {
        return names;
    }

    @Override
    public String summary() {
        int cols = 0;
        int cells = 0;
        for (int m : missingInTraining) {
            cols += m > 0 ? 1 : 0;
            cells += m;
        }
        return "impute (training " + how + "): " + cells + " missing values in " + cols + " features of the training set";
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type());
        m.put("params", Map.of("how", how));
        m.put("input", names);
        m.put("fill", fill);
        return m;
    }

    /** From {@link #toJson}. */
    @SuppressWarnings("unchecked")
    public static Impute fromJson(Map<String, Object> json) {
        Impute s = new Impute((String) ((Map<String, Object>) json.get("params")).get("how"));
        s.names = List.copyOf((List<String>) json.get("input"));
        s.fill = Steps.doubles(json.get("fill"));
        s.missingInTraining = new int[s.fill.length];
        return s;
    }
}
