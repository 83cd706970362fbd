package io.github.dlradiomics.model.steps;

import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redundancy filter: while some pair of remaining features has |r| > threshold (Pearson, or Spearman =
 * Pearson on mid-ranks), drop the single most redundant feature — the one with the most such partners;
 * ties go to the larger mean |r| with the remaining features, then to the later column — and repeat.
 * This greedy rule (as in the acute/chronic fracture paper's "features with |r| > 0.9 were removed")
 * keeps one representative of each correlated group. Constant features (r undefined) are dropped.
 */
public final class CorrelationFilter extends ColumnFilter {
    private final String method;
    private final double threshold;

    /** {@code method} pearson or spearman; {@code threshold} in (0, 1]. */
    public CorrelationFilter(String method, double threshold) {
        this.method = method.toLowerCase(Locale.ROOT);
        if (!this.method.equals("pearson") && !this.method.equals("spearman")) {
            throw new UserInputException("correlation method must be pearson or spearman (got '" + method + "')");
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new UserInputException("correlation threshold must be in (0, 1] (got " + threshold + ")");
        }
        this.threshold = threshold;
    }

    @Override
    public String type() {
        return "corr";
    }

    @Override
    protected int[] choose(double[][] x, int[] y, List<String> names) {
        int n = x.length;
        int p = names.size();
        double[][] z = new double[p][];
        List<Integer> constant = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double[] c = column(x, j);
            if (method.equals("spearman")) {
                c = ranks(c);
            }
            double m = 0;
            for (double v : c) {
                m += v;
            }
            m /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                c[i] -= m;
                ss += c[i] * c[i];
            }
            if (!(ss > 0)) {
                constant.add(j);
                continue;
            }
            double s = Math.sqrt(ss);
            for (int i = 0; i < n; i++) {
                c[i] /= s;
            }
            z[j] = c;
        }
        // |r| for every pair; count partners above the threshold
        float[][] r = new float[p][p];
        int[] partners = new int[p];
        double[] sumAbs = new double[p];
        for (int a = 0; a < p; a++) {
            if (z[a] == null) {
                continue;
            }
            for (int b = a + 1; b < p; b++) {
                if (z[b] == null) {
                    continue;
                }
                double dot = 0;
                double[] za = z[a];
                double[] zb = z[b];
                for (int i = 0; i < n; i++) {
                    dot += za[i] * zb[i];
                }
                float v = (float) Math.abs(dot);
                r[a][b] = v;
                r[b][a] = v;
                sumAbs[a] += Math.abs(dot);
                sumAbs[b] += Math.abs(dot);
                if (Math.abs(dot) > threshold) {
                    partners[a]++;
                    partners[b]++;
                }
            }
        }
        boolean[] alive = new boolean[p];
        int aliveCount = 0;
        for (int j = 0; j < p; j++) {
            alive[j] = z[j] != null;
            aliveCount += alive[j] ? 1 : 0;
        }
        int dropped = 0;
        while (true) {
            int worst = -1;
            for (int j = 0; j < p; j++) {
                if (!alive[j] || partners[j] == 0) {
                    continue;
                }
                if (worst < 0 || partners[j] > partners[worst]
                        || (partners[j] == partners[worst] && sumAbs[j] / (aliveCount - 1)
                                >= sumAbs[worst] / (aliveCount - 1))) {
                    worst = j;
                }
            }
            if (worst < 0) {
                break;
            }
            alive[worst] = false;
            aliveCount--;
            dropped++;
            for (int j = 0; j < p; j++) {
                if (alive[j]) {
                    sumAbs[j] -= r[worst][j];
                    if (r[worst][j] > threshold) {
                        partners[j]--;
                    }
                }
            }
        }
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            if (alive[j]) {
                keep.add(j);
            }
        }
        detail = dropped + " dropped as redundant" + (constant.isEmpty() ? "" : ", " + constant.size() + " constant");
        return toArray(keep);
    }

    /** Mid-ranks (ties get the mean rank), 1-based. */
    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[n];
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = mid;
            }
            i = j + 1;
        }
        return r;
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", method);
        p.put("threshold", threshold);
        return p;
    }

    /** From {@link #toJson}. */
    @SuppressWarnings("unchecked")
    public static CorrelationFilter fromJson(Map<String, Object> json) {
        Map<String, Object> p = (Map<String, Object>) json.get("params");
        CorrelationFilter f = new CorrelationFilter((String) p.get("method"), ((Number) p.get("threshold")).doubleValue());
        f.restore(json);
        return f;
    }
}
