package io.github.dlradiomics.model.steps;

import io.github.dlradiomics.model.classifiers.Svm;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive feature elimination with a linear SVM (scikit-learn's RFE semantics): fit, rank the remaining
 * features by the squared weight w_j², drop the lowest, refit, until {@code keep} remain. {@code step} features
 * are dropped per round (a count >= 1, or a fraction of the remaining ones in (0, 1), at least 1), as RFE's
 * step; the default drops 1 at a time at or below 100 features and 10% above, so 2,000 features need
 * tens of fits rather than thousands. The SVM's C and seed are parameters.
 */
public final class Rfe extends ColumnFilter {
    private final int keep;
    private final double step;
    private final double c;
    private final long seed;

    /** Keeps {@code keep} features; {@code step} <= 0 means the default rule. */
    public Rfe(int keep, double step, double c, long seed) {
        if (keep < 1) {
            throw new UserInputException("rfe: the number of features to keep must be >= 1 (got " + keep + ")");
        }
        this.keep = keep;
        this.step = step;
        this.c = c;
        this.seed = seed;
    }

    @Override
    public String type() {
        return "rfe";
    }

    @Override
    protected int[] choose(double[][] x, int[] y, List<String> names) {
        List<Integer> alive = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            alive.add(j);
        }
        int rounds = 0;
        while (alive.size() > keep) {
            double[][] sub = new double[x.length][alive.size()];
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < alive.size(); k++) {
                    sub[i][k] = x[i][alive.get(k)];
                }
            }
            Svm svm = Svm.create(Svm.NAME_LINEAR, Map.of("C", c), seed);
            svm.fit(sub, y);
            double[] w = svm.linearWeights();
            int drop;
            if (step >= 1) {
                drop = (int) step;
            } else if (step > 0) {
                drop = Math.max(1, (int) (step * alive.size()));
            } else {
                drop = alive.size() <= 100 ? 1 : Math.max(1, alive.size() / 10);
            }
            drop = Math.min(drop, alive.size() - keep);
            // the lowest w²; ties: the later column goes first (stable choice)
            Integer[] order = new Integer[alive.size()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                int cmp = Double.compare(w[a] * w[a], w[b] * w[b]);
                return cmp != 0 ? cmp : Integer.compare(b, a);
            });
            java.util.Set<Integer> gone = new java.util.HashSet<>();
            for (int k = 0; k < drop; k++) {
                gone.add(alive.get(order[k]));
            }
            alive.removeIf(gone::contains);
            rounds++;
        }
        detail = rounds + " rounds of a linear SVM (C " + c + ")";
        return toArray(alive);
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("keep", keep);
        p.put("step", step);
        p.put("C", c);
        p.put("seed", seed);
        return p;
    }

    /** From {@link #toJson}. */
    @SuppressWarnings("unchecked")
    public static Rfe fromJson(Map<String, Object> json) {
        Map<String, Object> p = (Map<String, Object>) json.get("params");
        Rfe r = new Rfe(((Number) p.get("keep")).intValue(), ((Number) p.get("step")).doubleValue(),
                ((Number) p.get("C")).doubleValue(), ((Number) p.get("seed")).longValue());
        r.restore(json);
        return r;
    }
}
