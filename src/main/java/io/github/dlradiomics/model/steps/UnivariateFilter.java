package io.github.dlradiomics.model.steps;

import io.github.dlradiomics.stats.FDistribution;
import io.github.dlradiomics.stats.NormalDistribution;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps features that differ between the classes on the training rows: p < alpha in a two-sided test.
 * <ul>
 * <li>{@code ttest}: Welch's t-test (R's t.test default, var.equal = FALSE): t = (m1 - m0) / sqrt(s1²/n1 +
 * s0²/n0), Welch-Satterthwaite df, p from t² ~ F(1, df);</li>
 * <li>{@code mwu}: Mann-Whitney U (R's wilcox.test with exact = FALSE, correct = TRUE): normal approximation
 * with the tie-corrected variance and the continuity correction 0.5.</li>
 * </ul>
 * No multiplicity correction (as the papers); a constant feature has p = 1.
 */
public final class UnivariateFilter extends ColumnFilter {
    private final String test;
    private final double alpha;
    private double[] pValues;

    /** {@code test} ttest or mwu; {@code alpha} in (0, 1]. */
    public UnivariateFilter(String test, double alpha) {
        this.test = test.toLowerCase(Locale.ROOT);
        if (!this.test.equals("ttest") && !this.test.equals("mwu")) {
            throw new UserInputException("univariate test must be ttest or mwu (got '" + test + "')");
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new UserInputException(test + ": alpha must be in (0, 1] (got " + alpha + ")");
        }
        this.alpha = alpha;
    }

    @Override
    public String type() {
        return test;
    }

    @Override
    protected int[] choose(double[][] x, int[] y, List<String> names) {
        pValues = new double[names.size()];
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            double[] c = column(x, j);
            pValues[j] = test.equals("ttest") ? welch(c, y) : mannWhitney(c, y);
            if (pValues[j] < alpha) {
                keep.add(j);
            }
        }
        detail = "p < " + alpha;
        return toArray(keep);
    }

    /** Two-sided p of Welch's t-test. */
    static double welch(double[] v, int[] y) {
        double[] s = new double[2];
        double[] ss = new double[2];
        int[] n = new int[2];
        for (int i = 0; i < v.length; i++) {
            s[y[i]] += v[i];
            n[y[i]]++;
        }
        double m0 = s[0] / n[0];
        double m1 = s[1] / n[1];
        for (int i = 0; i < v.length; i++) {
            double d = v[i] - (y[i] == 1 ? m1 : m0);
            ss[y[i]] += d * d;
        }
        double v0 = ss[0] / (n[0] - 1) / n[0];
        double v1 = ss[1] / (n[1] - 1) / n[1];
        double se2 = v0 + v1;
        if (!(se2 > 0)) {
            return m0 == m1 ? 1 : 0;
        }
        double t = (m1 - m0) / Math.sqrt(se2);
        double df = se2 * se2 / (v0 * v0 / (n[0] - 1) + v1 * v1 / (n[1] - 1));
        return FDistribution.upperTail(t * t, 1, df);
    }

    /** Two-sided p of the Mann-Whitney U test, normal approximation with tie and continuity corrections. */
    static double mannWhitney(double[] v, int[] y) {
        double[] r = CorrelationFilter.ranks(v);
        double n1 = 0;
        double n0 = 0;
        double rankSum1 = 0;
        for (int i = 0; i < v.length; i++) {
            if (y[i] == 1) {
                n1++;
                rankSum1 += r[i];
            } else {
                n0++;
            }
        }
        double u = rankSum1 - n1 * (n1 + 1) / 2;
        // tie correction: sum over tie groups of (t^3 - t)
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        double ties = 0;
        for (int i = 0; i < sorted.length;) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            ties += t * t * t - t;
            i = j + 1;
        }
        double n = n0 + n1;
        double sigma = Math.sqrt(n0 * n1 / 12 * ((n + 1) - ties / (n * (n - 1))));
        if (!(sigma > 0)) {
            return 1;
        }
        double z = u - n0 * n1 / 2;
        z = (z - Math.signum(z) * 0.5) / sigma;
        return NormalDistribution.twoSidedP(z);
    }

    /** The p-value of each input feature (after {@link #fit}). */
    public double[] pValues() {
        return pValues.clone();
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("alpha", alpha);
        return p;
    }

    /** From {@link #toJson}. */
    @SuppressWarnings("unchecked")
    public static UnivariateFilter fromJson(Map<String, Object> json) {
        Map<String, Object> p = (Map<String, Object>) json.get("params");
        UnivariateFilter f = new UnivariateFilter((String) json.get("type"), ((Number) p.get("alpha")).doubleValue());
        f.restore(json);
        return f;
    }
}
