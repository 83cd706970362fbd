package io.github.dlradiomics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FDistributionTest {
    @Test
    void quantilesMatchRAndScipy() {
        // R qf(p, df1, df2) = scipy.stats.f.ppf(p, df1, df2)
        double[][] v = {{0.975, 5, 18, 3.381967805875243}, {0.975, 18, 5, 6.361883204654352}, {0.975, 5, 15, 3.5764153492790607},
            {0.975, 15, 5, 6.427728167078779}, {0.95, 5, 10, 3.3258345304130104}, {0.99, 10, 20, 3.368186389188742},
            {0.975, 5, 4.785143862212762, 7.498627593144809}, {0.975, 4.785143862212762, 5, 7.190737169238162},
            {0.025, 3, 7, 0.06837889693755993}, {1e-10, 2.5, 3.5, 8.305484404161204e-09}, {0.5, 100, 200, 0.9966621877712015},
            {0.999999, 2, 3, 14998.499999712438}};
        for (double[] p : v) {
            assertEquals(p[3], FDistribution.quantile(p[0], p[1], p[2]), 1e-11 * p[3], "qf(" + p[0] + ", " + p[1] + ", " + p[2] + ")");
            assertEquals(p[0], FDistribution.cdf(p[3], p[1], p[2]), 1e-12);
        }
    }

    @Test
    void twoNumeratorDegreesOfFreedomInClosedForm() {
        // df1 = 2: P(F <= f) = 1 - (1 + 2 f / d2)^(-d2 / 2)
        for (double d2 : new double[] {1, 3.5, 10, 80}) {
            for (double p : new double[] {0.01, 0.5, 0.9, 0.975}) {
                double f = d2 / 2 * (Math.pow(1 - p, -2 / d2) - 1);
                assertEquals(f, FDistribution.quantile(p, 2, d2), 1e-12 * f);
                assertEquals(1 - p, FDistribution.upperTail(f, 2, d2), 1e-12);
            }
        }
        // df1 = 1: F = t², qt(0.975, 10) = 2.228138851986274
        assertEquals(2.228138851986274 * 2.228138851986274, FDistribution.quantile(0.95, 1, 10), 1e-11);
    }

    @Test
    void smallUpperTails() {
        // scipy.stats.f.sf
        assertEquals(1.2358610987724694e-37, FDistribution.upperTail(1e3, 3, 40), 1e-48);
        assertEquals(0.0001345835296758356, FDistribution.upperTail(11.027, 5, 15), 1e-16);
        assertEquals(1, FDistribution.upperTail(0, 3, 4));
        assertEquals(0, FDistribution.upperTail(Double.POSITIVE_INFINITY, 3, 4));
    }
}
