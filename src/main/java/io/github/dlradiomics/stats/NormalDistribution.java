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
}
