package io.github.dlradiomics.model.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Drops features whose training variance (population, 1/n) is not above a threshold (default 0: constant ones). */
public final class VarianceFilter extends ColumnFilter {
    private final double threshold;

    /** A filter with {@code threshold} (>= 0). */
    public VarianceFilter(double threshold) {
        if (!(threshold >= 0)) {
            throw new io.github.dlradiomics.util.UserInputException("variance threshold must be >= 0 (got " + threshold + ")");
        }
        this.threshold = threshold;
    }

    @Override
    public String type() {
        return "variance";
    }

    @Override
    protected int[] choose(double[][] x, int[] y, List<String> names) {
        List<Integer> keep = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            double[] c = column(x, j);
            double m = 0;
            for (double v : c) {
                m += v;
            }
            m /= c.length;
            double ss = 0;
            for (double v : c) {
                ss += (v - m) * (v - m);
            }
            if (ss / c.length > threshold) {
                keep.add(j);
            } else {
                dropped.add(names.get(j));
            }
        }
        detail = dropped.isEmpty() ? "" : "dropped " + dropped.size() + (dropped.size() <= 5 ? " " + dropped : "");
        return toArray(keep);
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("threshold", threshold);
        return p;
    }

    /** From {@link #toJson}. */
    public static VarianceFilter fromJson(Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) json.get("params");
        VarianceFilter f = new VarianceFilter(((Number) p.get("threshold")).doubleValue());
        f.restore(json);
        return f;
    }
}
