package io.github.dlradiomics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalDistributionTest {
    /** x, Φ(x) and 1 - Φ(x) = Φ(-x) to 20 digits (mpmath.ncdf at 40 digits). */
    private static final double[][] REFERENCE = {
        {-37.5, 4.6053530095819548438e-308, 1.0},
        {-20, 2.7536241186062336951e-89, 1.0},
        {-10, 7.619853024160526066e-24, 1.0},
        {-8.3, 5.2055697448902540246e-17, 0.99999999999999994794},
        {-5.657, 7.7020881721776008424e-9, 0.99999999229791182782},
        {-5.6, 1.071759025831092932e-8, 0.99999998928240974169},
        {-3, 0.0013498980316300945267, 0.99865010196836990547},
        {-1.959963984540054, 0.025000000000000010876, 0.97499999999999998912},
        {-1, 0.15865525393145705141, 0.84134474606854294859},
        {-0.6744897, 0.25000001595113909814, 0.74999998404886090186},
        {-0.5, 0.30853753872598689636, 0.69146246127401310364},
        {-1e-10, 0.49999999996010577196, 0.50000000003989422804},
        {0, 0.5, 0.5},
        {0.3, 0.61791142218895263307, 0.38208857781104736693},
        {0.67449, 0.75000007938182630997, 0.24999992061817369003},
        {1, 0.84134474606854294859, 0.15865525393145705141},
        {2.5, 0.99379033467422386483, 0.006209665325776135167},
        {5.6, 0.99999998928240974169, 1.071759025831092932e-8},
        {8, 0.9999999999999993779, 6.2209605742717841235e-16},
        {9, 0.99999999999999999989, 1.1285884059538406477e-19},
    };

    @Test
    void bothTailsToFullRelativePrecision() {
        for (double[] r : REFERENCE) {
            double x = r[0];
            assertEquals(r[1], NormalDistribution.cdf(x), 2e-15 * r[1], "cdf " + x);
            assertEquals(r[2], NormalDistribution.upperTail(x), 2e-15 * r[2], "upper " + x);
        }
    }

    @Test
    void twoSidedPValues() {
        assertEquals(0.05, NormalDistribution.twoSidedP(1.959963984540054), 1e-16);
        assertEquals(0.05, NormalDistribution.twoSidedP(-1.959963984540054), 1e-16);
        assertEquals(2 * 7.619853024160526066e-24, NormalDistribution.twoSidedP(10), 1e-37);
        assertEquals(1, NormalDistribution.twoSidedP(0), 0);
        assertTrue(Double.isNaN(NormalDistribution.twoSidedP(Double.NaN)));
        assertEquals(0, NormalDistribution.cdf(Double.NEGATIVE_INFINITY), 0);
        assertEquals(1, NormalDistribution.cdf(Double.POSITIVE_INFINITY), 0);
    }

    @Test
    void symmetricAndMonotone() {
        double prev = 0;
        for (double x = -12; x <= 12; x += 0.01) {
            double c = NormalDistribution.cdf(x);
            assertTrue(c >= prev, "monotone at " + x);
            prev = c;
            assertEquals(NormalDistribution.cdf(-x), NormalDistribution.upperTail(x), 0, "symmetry at " + x);
        }
    }
}
