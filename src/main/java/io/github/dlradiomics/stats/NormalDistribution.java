package io.github.dlradiomics.stats;

/**
 * The standard normal distribution function to full double precision in both tails, by W. J. Cody's
 * rational Chebyshev approximations ("Rational Chebyshev approximations for the error function", Math.
 * Comp. 1969; algorithm 715, 1993) as R's {@code pnorm} evaluates them: three ranges (|x| &lt;= 0.67449,
 * |x| &lt;= sqrt(32), beyond), and exp(-x²/2) split as exp(-xs²/2)·exp(-(x-xs)(x+xs)/2) with xs = x
 * truncated to 1/16 so the far tails keep their relative accuracy (2·Φ(-10) = 1.5e-23 exactly as R prints).
 *
 * <pre>double p = NormalDistribution.twoSidedP(1.959963984540054); // 0.05</pre>
 */
public final class NormalDistribution {
    private static final double[] A = {2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
        18154.981253343561249, 0.065682337918207449113};
    private static final double[] B = {47.20258190468824187, 976.09855173777669322, 10260.932208618978205,
        45507.789335026729956};
    private static final double[] C = {0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
        597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124,
        9842.7148383839780218, 1.0765576773720192317e-8};
    private static final double[] D = {22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
        6485.558298266760755, 18615.571640885098091, 34900.952721145977266, 38912.003286093271411,
        19685.429676859990727};
    private static final double[] P = {0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
        0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
    private static final double[] Q = {1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
        0.00378239633202758244, 7.29751555083966205e-5};
    private static final double ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
    private static final double SQRT_32 = 5.656854249492380195206754896838;
    /** Beyond this |x| the smaller tail underflows (below 1e-300 or so): 0 and 1 are returned. */
    private static final double TAIL_LIMIT = 38.5;

    private NormalDistribution() {
    }

    /** Φ(x) = P(Z &lt;= x). */
    public static double cdf(double x) {
        return both(x)[0];
    }

    /** 1 - Φ(x) = P(Z &gt; x), computed directly (accurate for large x). */
    public static double upperTail(double x) {
        return both(x)[1];
    }

    /** The two-sided p value of a z statistic, 2·Φ(-|z|) (as R's {@code 2 * pnorm(-abs(z))}). */
    public static double twoSidedP(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return 2 * cdf(-Math.abs(z));
    }

    /** {Φ(x), 1 - Φ(x)}. */
    private static double[] both(double x) {
        if (Double.isNaN(x)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double y = Math.abs(x);
        double cum;
        double ccum;
        if (y <= 0.67448975) {
            double xnum = 0;
            double xden = 0;
            if (y > 0x1p-53) {
                double xsq = x * x;
                xnum = A[4] * xsq;
                xden = xsq;
                for (int i = 0; i < 3; i++) {
                    xnum = (xnum + A[i]) * xsq;
                    xden = (xden + B[i]) * xsq;
                }
            }
            double temp = x * (xnum + A[3]) / (xden + B[3]);
            return new double[] {0.5 + temp, 0.5 - temp};
        } else if (y <= SQRT_32) {
            double xnum = C[8] * y;
            double xden = y;
            for (int i = 0; i < 7; i++) {
                xnum = (xnum + C[i]) * y;
                xden = (xden + D[i]) * y;
            }
            double temp = (xnum + C[7]) / (xden + D[7]);
            cum = gaussianFactor(y) * temp;
            ccum = 1 - cum;
        } else if (y < TAIL_LIMIT) {
            double xsq = 1 / (x * x);
            double xnum = P[5] * xsq;
            double xden = xsq;
            for (int i = 0; i < 4; i++) {
                xnum = (xnum + P[i]) * xsq;
                xden = (xden + Q[i]) * xsq;
            }
            double temp = xsq * (xnum + P[4]) / (xden + Q[4]);
            temp = (ONE_OVER_SQRT_2PI - temp) / y;
            cum = gaussianFactor(y) * temp;
            ccum = 1 - cum;
        } else {
            cum = 0;
            ccum = 1;
        }
        // cum holds the lower tail of -|x|; swap for positive x
        return x > 0 ? new double[] {ccum, cum} : new double[] {cum, ccum};
    }

    /** exp(-y²/2) without the cancellation error of squaring y directly. */
    private static double gaussianFactor(double y) {
        double ys = Math.floor(y * 16) / 16;
        double del = (y - ys) * (y + ys);
        return Math.exp(-ys * ys * 0.5) * Math.exp(-del * 0.5);
    }

    /**
     * The standard normal quantile (R's qnorm): Wichura's algorithm AS 241 (PPND16), about 1e-16 relative
     * accuracy; 0 and 1 give -Inf and +Inf.
     */
    public static double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability " + p + " is outside [0, 1]");
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double q = p - 0.5;
        double r;
        if (Math.abs(q) <= 0.425) {
            r = 0.180625 - q * q;
            return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                    + 133.14166789178437745) * r + 3.387132872796366608)
                    / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r
                    + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                    + 42.313330701600911252) * r + 1.0);
        }
        r = q < 0 ? p : 1 - p;
        r = Math.sqrt(-Math.log(r));
        double val;
        if (r <= 5) {
            r -= 1.6;
            val = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                    + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                    + 4.6303378461565452959) * r + 1.42343711074968357734)
                    / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                    + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                    + 2.05319162663775882187) * r + 1.0);
        } else {
            r -= 5;
            val = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                    + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                    + 5.4637849111641143699) * r + 6.6579046435011037772)
                    / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r
                    + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r
                    + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1.0);
        }
        return q < 0 ? -val : val;
    }
}
