package io.github.dlradiomics.stats;

/**
 * Student's t distribution with {@code df} degrees of freedom, df real and positive (pROC's unpaired DeLong
 * test uses a Welch-Satterthwaite df such as 206.66), like R's {@code pt}. Through the incomplete beta
 * function: for t &lt;= 0, P(T &lt;= t) = I_x(df/2, 1/2) / 2 = 1/2 - I_y(1/2, df/2) / 2 with x = df/(df+t²),
 * y = t²/(df+t²), both formed without 1 - x, the first for |t| beyond about sqrt(3) (small p values keep their
 * relative accuracy), the second near 0 (about 1e-14 relative in all); df = +Inf is the standard normal.
 *
 * <pre>double p = 2 * StudentT.cdf(-Math.abs(t), 206.66); // two-sided p</pre>
 */
public final class StudentT {
    private StudentT() {
    }

    /** P(T &lt;= t). */
    public static double cdf(double t, double df) {
        check(df);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        return t <= 0 ? smallerTail(t, df) : 1 - smallerTail(t, df);
    }

    /** P(T &gt; t), computed directly for t &gt; 0 (accurate when small). */
    public static double upperTail(double t, double df) {
        return Double.isNaN(t) ? Double.NaN : cdf(-t, df);
    }

    /** The two-sided p value 2·P(T &gt; |t|) (R: {@code 2 * pt(-abs(t), df)}). */
    public static double twoSidedP(double t, double df) {
        return Double.isNaN(t) ? Double.NaN : 2 * cdf(-Math.abs(t), df);
    }

    /** P(T &lt;= -|t|). */
    private static double smallerTail(double t, double df) {
        if (df == Double.POSITIVE_INFINITY) {
            return NormalDistribution.cdf(-Math.abs(t));
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        double t2 = t * t;
        double x = df / (df + t2);
        double y = t2 / (df + t2);
        if (y < 1.5 / (df / 2 + 2.5)) {
            // |t| below ~sqrt(3): I_y(1/2, df/2) is small and accurate by its direct fraction; the tail is >= ~0.04
            return 0.5 - 0.5 * IncompleteBeta.regularized(y, x, 0.5, df / 2);
        }
        return 0.5 * IncompleteBeta.regularized(x, y, df / 2, 0.5);
    }

    private static void check(double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("t distribution needs df > 0, got " + df);
        }
    }
}
