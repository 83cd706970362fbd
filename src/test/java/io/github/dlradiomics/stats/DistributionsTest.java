package io.github.dlradiomics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Student t, chi-square, the normal quantile and log B against closed forms and mpmath (50 digits) values. */
class DistributionsTest {
    static void rel(double expected, double actual, double tol, String what) {
        assertEquals(expected, actual, tol * Math.abs(expected), what);
    }

    @Test
    void normalQuantile() {
        // R prints qnorm(0.975) = 1.959963984540054 (16 digits); AS 241 evaluated in doubles, as R does, gives
        // 1.9599639845400536, 2 ulps below the exact 1.95996398454005423552...
        assertEquals(1.959963984540054, NormalDistribution.quantile(0.975), 1e-15);
        assertEquals(-1.959963984540054, NormalDistribution.quantile(0.025), 1e-15);
        assertEquals(-NormalDistribution.quantile(0.975), NormalDistribution.quantile(0.025), 1e-15);
        rel(-6.3613409024040561991, NormalDistribution.quantile(1e-10), 1e-15, "1e-10");
        rel(-0.52440051270804081597, NormalDistribution.quantile(0.3), 1e-15, "0.3");
        rel(3.7190164854557083867, NormalDistribution.quantile(0.9999), 1e-15, "0.9999");
        assertEquals(0, NormalDistribution.quantile(0.5), 0);
        assertEquals(Double.NEGATIVE_INFINITY, NormalDistribution.quantile(0));
        assertEquals(Double.POSITIVE_INFINITY, NormalDistribution.quantile(1));
        for (double p = 1e-12; p < 1; p = p < 0.01 ? p * 3 : p + 0.013) {
            rel(p, NormalDistribution.cdf(NormalDistribution.quantile(p)), 1e-13, "round trip " + p);
        }
        assertThrows(IllegalArgumentException.class, () -> NormalDistribution.quantile(1.5));
    }

    @Test
    void studentTClosedForms() {
        for (double t = -50; t <= 50; t += 0.37) {
            // df = 1 (Cauchy): 1/2 + atan(t)/pi; df = 2: 1/2 + t / (2 sqrt(2 + t²))
            double c1 = t < 0 ? Math.atan2(1, -t) / Math.PI : 0.5 + Math.atan(t) / Math.PI;
            rel(c1, StudentT.cdf(t, 1), 1e-14, "df 1, t " + t);
            double c2 = t < 0 ? 0.5 * (1 - (-t) / Math.sqrt(2 + t * t)) : 0.5 + t / (2 * Math.sqrt(2 + t * t));
            rel(c2, StudentT.cdf(t, 2), 1e-12, "df 2, t " + t);
            assertEquals(StudentT.cdf(-t, 7.3), StudentT.upperTail(t, 7.3), 0);
        }
        assertEquals(0.5, StudentT.cdf(0, 3.3), 0);
        assertEquals(NormalDistribution.cdf(-1.3), StudentT.cdf(-1.3, Double.POSITIVE_INFINITY), 0);
        assertThrows(IllegalArgumentException.class, () -> StudentT.cdf(1, 0));
    }

    @Test
    void studentTNonIntegerDf() {
        // mpmath: betainc(df/2, 1/2, 0, df/(df+t²), regularized) / 2
        rel(0.076412689637423661503, StudentT.cdf(-1.43490640926908, 206.661), 1e-13, "pROC-like df");
        rel(0.025000000000000034804, StudentT.cdf(-2.228138851986274, 10), 1e-14, "qt(.975, 10)");
        rel(0.0082150590658085830088, StudentT.cdf(-3.1, 7.3), 1e-14, "7.3");
        rel(0.22275744509156561559, StudentT.cdf(-2, 0.5), 1e-14, "0.5");
        rel(3.3836281823243151909e-7, StudentT.cdf(-5, 1000), 1e-12, "1000");
        rel(0.99096469311732860693, StudentT.cdf(4.2, 3.5), 1e-14, "upper half");
        rel(6.2869599381281867931e-16, StudentT.cdf(-8, 1e5), 1e-10, "df 1e5");
        rel(2 * 0.076412689637423661503, StudentT.twoSidedP(1.43490640926908, 206.661), 1e-13, "two-sided");
    }

    @Test
    void chiSquare() {
        for (double x = 0.01; x < 200; x *= 1.7) {
            rel(Math.exp(-x / 2), ChiSquare.upperTail(x, 2), 1e-13, "df 2, x " + x);
            rel(-Math.expm1(-x / 2), ChiSquare.cdf(x, 2), 1e-13, "df 2 cdf, x " + x);
            rel(Math.exp(-x / 2) * (1 + x / 2), ChiSquare.upperTail(x, 4), 1e-13, "df 4, x " + x);
            rel(2 * NormalDistribution.cdf(-Math.sqrt(x)), ChiSquare.upperTail(x, 1), 1e-13, "df 1, x " + x);
        }
        // mpmath gammainc(df/2, x/2, inf, regularized)
        rel(0.80715588885951883461, ChiSquare.upperTail(4.522718729, 8), 1e-14, "Hosmer-Lemeshow");
        rel(0.050000000000000176618, ChiSquare.upperTail(3.84145882069412, 1), 1e-14, "qchisq(.95, 1)");
        rel(0.00026516505865560983697, ChiSquare.cdf(0.01, 3), 1e-14, "small lower tail");
        rel(1.6793990828293399454e-6, ChiSquare.upperTail(40, 7.3), 1e-13, "non-integer df");
        rel(7.4121008573228767906e-22, ChiSquare.upperTail(300, 100), 1e-13, "far tail");
        rel(0.0092772960765127124156, ChiSquare.cdf(1e-8, 0.5), 1e-14, "df 0.5");
        assertEquals(1, ChiSquare.upperTail(0, 3), 0);
        assertEquals(0, ChiSquare.upperTail(Double.POSITIVE_INFINITY, 3), 0);
        assertTrue(Double.isNaN(ChiSquare.upperTail(Double.NaN, 3)));
        assertThrows(IllegalArgumentException.class, () -> ChiSquare.upperTail(1, -1));
    }

    @Test
    void logBetaWithLargeArguments() {
        // mpmath log(beta(a, b)): the large log-gammas must not cancel
        rel(-4.8375216992804415099, IncompleteBeta.logBeta(50000, 0.5), 1e-14, "B(5e4, 1/2)");
        rel(-18.865768491887004268, IncompleteBeta.logBeta(12, 15.5), 1e-14, "B(12, 15.5)");
        rel(Math.log(1.0 / 30), IncompleteBeta.logBeta(2, 5), 1e-14, "B(2, 5) = 1/30");
    }
}
