package io.github.dlradiomics.stats;

/**
 * The F distribution with {@code df1} and {@code df2} degrees of freedom (non-integer allowed):
 * distribution function, upper tail (p values) and quantiles, like R's {@code pf} and {@code qf}.
 *
 * <pre>double p = FDistribution.upperTail(11.03, 5, 15); double q = FDistribution.quantile(0.975, 5, 18);</pre>
 */
public final class FDistribution {
    private FDistribution() {
    }

    /** P(F &lt;= f). */
    public static double cdf(double f, double df1, double df2) {
        check(df1, df2);
        if (f <= 0) {
            return 0;
        }
        if (f == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return IncompleteBeta.regularized(df1 * f / (df1 * f + df2), df1 / 2, df2 / 2);
    }

    /** P(F &gt; f): the p value of an F test, accurate when it is small. */
    public static double upperTail(double f, double df1, double df2) {
        check(df1, df2);
        if (f <= 0) {
            return 1;
        }
        if (f == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return IncompleteBeta.regularized(df2 / (df2 + df1 * f), df2 / 2, df1 / 2);
    }

    /** The f with P(F &lt;= f) = p (R's {@code qf(p, df1, df2)}). */
    public static double quantile(double p, double df1, double df2) {
        check(df1, df2);
        if (Double.isNaN(p) || p < 0 || p > 1) {
            throw new IllegalArgumentException("F quantile needs 0 <= p <= 1, got " + p);
        }
        if (p == 0) {
            return 0;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (p <= 0.5) {
            double x = IncompleteBeta.inverse(p, df1 / 2, df2 / 2);
            return df2 * x / (df1 * (1 - x));
        }
        // y = df2 / (df2 + df1 f) follows Beta(df2/2, df1/2); solving for it keeps large quantiles accurate.
        double y = IncompleteBeta.inverse(1 - p, df2 / 2, df1 / 2);
        return df2 * (1 - y) / (df1 * y);
    }

    private static void check(double df1, double df2) {
        if (!(df1 > 0 && df2 > 0)) {
            throw new IllegalArgumentException("F distribution needs positive degrees of freedom, got " + df1 + ", " + df2);
        }
    }
}
