package io.github.dlradiomics.stats;

import io.github.dlradiomics.util.UserInputException;
import java.util.Arrays;

/**
 * The Hosmer-Lemeshow goodness-of-fit test as ResourceSelection::hoslem.test(x, y, g): bins cut at the
 * type-7 quantiles of the fitted probabilities at 0, 1/g, ..., 1 (duplicates removed; intervals (a, b],
 * the first closed), chi-square = sum over bins and both outcomes of (observed - expected)² / expected,
 * df = g - 2 (ResourceSelection up to 0.3-5; 0.3-6 uses the number of non-empty bins - 2, the same when
 * all g bins are filled), p = P(chi-square(df) > statistic) by {@link ChiSquare}. An empty interval between
 * tied quantiles has expected count 0 and makes the statistic NaN, as in R.
 *
 * <pre>HosmerLemeshow.Result r = HosmerLemeshow.test(y, fitted, 10); // r.chisq(), r.df(), r.p()</pre>
 */
public final class HosmerLemeshow {
    private HosmerLemeshow() {
    }

    /** Statistic, degrees of freedom, p-value and the bins' counts. */
    public record Result(double chisq, int df, double p, int bins, int[] size, double[] observed, double[] expected) {
    }

    /** The test of fitted probabilities {@code p} against outcomes {@code y} (0/1) with {@code g} groups. */
    public static Result test(int[] y, double[] p, int g) {
        if (g < 3) {
            throw new UserInputException("Hosmer-Lemeshow: --groups must be >= 3 (got " + g + ")");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new UserInputException("Hosmer-Lemeshow: probability of row " + (i + 1) + " is " + p[i]
                        + ", not in [0, 1]");
            }
        }
        double[] breaks = quantileBreaks(p, g);
        int nb = breaks.length - 1;
        if (nb < 1) {
            throw new UserInputException("Hosmer-Lemeshow: all fitted probabilities are equal; no groups can be formed");
        }
        int[] size = new int[nb];
        double[] obs1 = new double[nb];
        double[] exp1 = new double[nb];
        for (int i = 0; i < p.length; i++) {
            int b = binOf(p[i], breaks);
            size[b]++;
            obs1[b] += y[i];
            exp1[b] += p[i];
        }
        double chisq = 0;
        for (int b = 0; b < nb; b++) {
            double obs0 = size[b] - obs1[b];
            double exp0 = size[b] - exp1[b];
            chisq += (obs1[b] - exp1[b]) * (obs1[b] - exp1[b]) / exp1[b] + (obs0 - exp0) * (obs0 - exp0) / exp0;
        }
        int df = g - 2;
        return new Result(chisq, df, ChiSquare.upperTail(chisq, df), nb, size, obs1, exp1);
    }

    /** unique(quantile(p, seq(0, 1, 1/g))) with R's type 7 (probabilities (0:g)·(1/g), capped at 1). */
    static double[] quantileBreaks(double[] p, int g) {
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        double[] q = new double[g + 1];
        for (int k = 0; k <= g; k++) {
            q[k] = Roc.quantile7(sorted, Math.min(k * (1.0 / g), 1));
        }
        return Arrays.stream(q).distinct().toArray();
    }

    /** The bin of v as cut(v, breaks, include.lowest = TRUE): (b_k, b_k+1], the first closed; 0-based. */
    static int binOf(double v, double[] breaks) {
        int nb = breaks.length - 1;
        int b = 0;
        while (b < nb - 1 && v > breaks[b + 1]) {
            b++;
        }
        return b;
    }
}
