package io.github.dlradiomics.model.steps;

import io.github.dlradiomics.model.Step;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * z-scores every feature with the TRAINING mean and SD (population 1/n, as scikit-learn's StandardScaler,
 * or sample 1/(n-1), as R's scale()). A constant training feature has SD 0: it becomes 0 everywhere (as
 * StandardScaler does) and the summary names how many.
 */
public final class ZScore implements Step {
    private final boolean population;
    private List<String> names;
    private double[] mean;
    private double[] sd;

    /** "population" or "sample". */
    public ZScore(String sdKind) {
        switch (sdKind.toLowerCase(Locale.ROOT)) {
            case "population" -> population = true;
            case "sample" -> population = false;
            default -> throw new UserInputException("zscore SD must be population or sample (got '" + sdKind + "')");
        }
    }

    @Override
    public String type() {
        return "zscore";
    }

    @Override
    public void fit(double[][] x, int[] y, List<String> names) {
        int n = x.length;
        int p = names.size();
        if (n < 2) {
            throw new UserInputException("zscore: needs at least 2 training cases (got " + n + ")");
        }
        this.names = List.copyOf(names);
        mean = new double[p];
        sd = new double[p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (double[] r : x) {
                m += r[j];
            }
            m /= n;
            double ss = 0;
            for (double[] r : x) {
                ss += (r[j] - m) * (r[j] - m);
            }
            mean[j] = m;
            sd[j] = Math.sqrt(ss / (population ? n : n - 1));
        }
    }

    @Override
    public double[][] transform(double[][] x) {
        double[][] out = new double[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = sd[j] > 0 ? (x[i][j] - mean[j]) / sd[j] : 0;
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
        int constant = 0;
        for (double s : sd) {
            constant += s > 0 ? 0 : 1;
        }
        return "zscore (" + (population ? "population" : "sample") + " SD) of " + names.size() + " features"
                + (constant > 0 ? "; " + constant + " constant in training (set to 0)" : "");
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type());
        m.put("params", Map.of("sd", population ? "population" : "sample"));
        m.put("input", names);
        m.put("mean", mean);
        m.put("sd", sd);
        return m;
    }

    /** The training means. */
    public double[] mean() {
        return mean.clone();
    }

    /** The training SDs. */
    public double[] sd() {
        return sd.clone();
    }

    /** From {@link #toJson}. */
    @SuppressWarnings("unchecked")
    public static ZScore fromJson(Map<String, Object> json) {
        Map<String, Object> p = (Map<String, Object>) json.get("params");
        ZScore z = new ZScore((String) p.get("sd"));
        z.names = List.copyOf((List<String>) json.get("input"));
        z.mean = Steps.doubles(json.get("mean"));
        z.sd = Steps.doubles(json.get("sd"));
        return z;
    }
}
