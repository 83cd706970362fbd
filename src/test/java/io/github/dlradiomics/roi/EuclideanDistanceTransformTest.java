package io.github.dlradiomics.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EuclideanDistanceTransformTest {
    @Test
    void matchesBruteForceWithAnisotropicSpacing() {
        Random r = new Random(11);
        for (int t = 0; t < 40; t++) {
            int[] d = {1 + r.nextInt(9), 1 + r.nextInt(8), 1 + r.nextInt(6)};
            double[] s = {0.3 + r.nextDouble(), 0.3 + r.nextDouble(), 0.5 + 3 * r.nextDouble()};
            int n = d[0] * d[1] * d[2];
            boolean[] f = new boolean[n];
            double p = r.nextDouble() * 0.3;
            for (int i = 0; i < n; i++) {
                f[i] = r.nextDouble() < p;
            }
            double[] got = EuclideanDistanceTransform.squared(f, d, s);
            for (int i = 0; i < n; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (f[j]) {
                        double dx = (i % d[0] - j % d[0]) * s[0];
                        double dy = ((i / d[0]) % d[1] - (j / d[0]) % d[1]) * s[1];
                        double dz = (i / (d[0] * d[1]) - j / (d[0] * d[1])) * s[2];
                        best = Math.min(best, dx * dx + dy * dy + dz * dz);
                    }
                }
                assertEquals(best, got[i], 1e-9 * Math.max(1, best), "trial " + t + " voxel " + i);
            }
        }
    }

    @Test
    void twoDimensional() {
        boolean[] f = new boolean[5 * 3];
        f[0] = true;
        double[] d = EuclideanDistanceTransform.squared(f, new int[] {5, 3}, new double[] {2, 0.5});
        assertEquals(16 * 4 + 4 * 0.25, d[4 + 5 * 2], 1e-12);
    }
}
