package io.github.dlradiomics.stats;

/**
 * The chi-square distribution (df real and positive) through the regularised incomplete gamma function
 * P(a, x) / Q(a, x) with a = df/2, x = stat/2: the power series of P below x = a + 1, Lentz's continued
 * fraction of Q above, so that the tail asked for is never formed as 1 minus something near 1 where it is
 * small (about 1e-14 relative). As R's {@code pchisq}.
 *
 * <pre>double p = ChiSquare.upperTail(4.52, 8); // Hosmer-Lemeshow p value</pre>
 */
public final class ChiSquare {
    private ChiSquare() {
    }

    /** P(X &lt;= x) for X ~ chi-square(df) (R: {@code pchisq(x, df)}). */
    public static double cdf(double x, double df) {
        check(df);
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 1;
        }
        double a = df / 2;
        double z = x / 2;
        return z < a + 1 ? lowerSeries(a, z) : 1 - upperFraction(a, z);
    }

    /** P(X &gt; x) for X ~ chi-square(df) (R: {@code pchisq(x, df, lower.tail = FALSE)}). */
    public static double upperTail(double x, double df) {
        check(df);
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double a = df / 2;
        double z = x / 2;
        return z < a + 1 ? 1 - lowerSeries(a, z) : upperFraction(a, z);
    }

    private static void check(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("chi-square distribution needs finite df > 0, got " + df);
        }
    }

    /** P(a, x) by its power series (x &lt; a + 1). */
    private static double lowerSeries(double a, double x) {
        double sum = 1 / a;
        double term = sum;
        for (int n = 1; n < 100_000; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * 1e-17) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - IncompleteBeta.logGamma(a));
    }

    /** Q(a, x) by Lentz's continued fraction (x &gt;= a + 1). */
    private static double upperFraction(double a, double x) {
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 100_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - IncompleteBeta.logGamma(a)) * h;
    }
}
