package io.github.dlradiomics.radiomics.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.radiomics.RadiomicsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The recursive LoG against the analytic LoG of a Gaussian blob, and its properties (linearity, scale
 * invariance, constant images, spacing). SimpleITK is not available for a direct reference: parity with it rests on
 * ITK's coefficients and order of operations reproduced in {@link RecursiveGaussian}.
 */
class LoGTest {

    /**
     * Blob f = exp(-r^2 / (2 s0^2)) (r in mm). G_sigma * f = (s0^2 / S^2)^(3/2) exp(-r^2 / (2 S^2)), S^2 = s0^2 +
     * sigma^2, so the scale-normalised LoG is sigma^2 (s0/S)^3 exp(-r^2/(2 S^2)) (r^2 / S^4 - 3 / S^2).
     */
    private static Volume blob(int[] n, double[] sp, double s0, double[] c) {
        Volume v = new Volume(n[0], n[1], n[2], PixelType.FLOAT64);
        v.setSpacing(sp);
        for (int z = 0; z < n[2]; z++) {
            for (int y = 0; y < n[1]; y++) {
                for (int x = 0; x < n[0]; x++) {
                    double r2 = sq((x - c[0]) * sp[0]) + sq((y - c[1]) * sp[1]) + sq((z - c[2]) * sp[2]);
                    v.set(x, y, z, 1000 * Math.exp(-r2 / (2 * s0 * s0)));
                }
            }
        }
        return v;
    }

    private static double analytic(double r2, double s0, double sigma) {
        double s2 = s0 * s0 + sigma * sigma;
        return 1000 * sigma * sigma * Math.pow(s0 * s0 / s2, 1.5) * Math.exp(-r2 / (2 * s2))
                * (r2 / (s2 * s2) - 3 / s2);
    }

    private static double sq(double v) {
        return v * v;
    }

    @Test
    void matchesAnalyticLoGOfAGaussianBlob() {
        int[] n = {48, 44, 40};
        double[] sp = {1.0, 1.25, 1.5};
        double s0 = 5;
        double[] c = {23.5, 21.3, 19.7};
        Volume img = blob(n, sp, s0, c);
        for (double sigma : new double[] {1, 2, 3, 5}) {
            Volume log = RecursiveGaussian.laplacian(img, sigma, true);
            assertEquals(PixelType.FLOAT32, log.pixelType());
            double range = 0;
            double worst = 0;
            for (int z = 0; z < n[2]; z++) {
                for (int y = 0; y < n[1]; y++) {
                    for (int x = 0; x < n[0]; x++) {
                        double r2 = sq((x - c[0]) * sp[0]) + sq((y - c[1]) * sp[1]) + sq((z - c[2]) * sp[2]);
                        double want = analytic(r2, s0, sigma);
                        range = Math.max(range, Math.abs(want));
                        // away from the borders (the image there is ~0 anyway, but the filters see an edge)
                        double border = 3 * Math.sqrt(s0 * s0 + sigma * sigma);
                        if (Math.sqrt(r2) < 20 && x * sp[0] > border && y * sp[1] > border && z * sp[2] > border
                                && (n[0] - 1 - x) * sp[0] > border && (n[1] - 1 - y) * sp[1] > border
                                && (n[2] - 1 - z) * sp[2] > border) {
                            worst = Math.max(worst, Math.abs(log.get(x, y, z) - want));
                        }
                    }
                }
            }
            System.out.printf("LoG sigma %.0f mm: max |recursive - analytic| / range = %.3g%n", sigma, worst / range);
            assertTrue(worst / range < 0.02, "sigma " + sigma + ": " + worst / range);
        }
    }

    @Test
    void isLinearAndZeroOnConstants() {
        int[] n = {20, 18, 16};
        Random rnd = new Random(7);
        Volume a = new Volume(n[0], n[1], n[2], PixelType.FLOAT64);
        Volume b = a.blankLike(PixelType.FLOAT64);
        Volume ab = a.blankLike(PixelType.FLOAT64);
        Volume k = a.blankLike(PixelType.FLOAT64);
        for (int i = 0; i < a.size(); i++) {
            a.data()[i] = rnd.nextGaussian() * 100;
            b.data()[i] = rnd.nextGaussian() * 100;
            ab.data()[i] = 2 * a.data()[i] - 3 * b.data()[i];
            k.data()[i] = 1234;
        }
        for (Volume v : List.of(a, b, ab, k)) {
            v.setSpacing(0.7, 0.9, 1.3);
        }
        Volume la = RecursiveGaussian.laplacian(a, 1.5, true);
        Volume lb = RecursiveGaussian.laplacian(b, 1.5, true);
        Volume lab = RecursiveGaussian.laplacian(ab, 1.5, true);
        Volume lk = RecursiveGaussian.laplacian(k, 1.5, true);
        double scale = Math.max(Math.abs(lab.minMax()[0]), Math.abs(lab.minMax()[1]));
        for (int i = 0; i < a.size(); i++) {
            assertEquals(2 * la.data()[i] - 3 * lb.data()[i], lab.data()[i], 1e-5 * scale);
            assertEquals(0, lk.data()[i], 1e-9 * 1234 * 100);
        }
    }

    @Test
    void isScaleInvariant() {
        // NormalizeAcrossScale: spacing and sigma both doubled give the same image (same filter in voxel units)
        Volume img = blob(new int[] {24, 22, 20}, new double[] {1, 1, 1}, 3, new double[] {11, 10.5, 9.2});
        Volume big = img.copy().setSpacing(2, 2, 2);
        Volume l1 = RecursiveGaussian.laplacian(img, 1.5, true);
        Volume l2 = RecursiveGaussian.laplacian(big, 3.0, true);
        for (int i = 0; i < img.size(); i++) {
            assertEquals(l1.data()[i], l2.data()[i], 1e-6 * Math.abs(l1.data()[i]) + 1e-9);
        }
        // without normalisation the values scale with 1/sigma^2
        Volume raw = RecursiveGaussian.laplacian(img, 1.5, false);
        for (int i = 0; i < img.size(); i++) {
            assertEquals(l1.data()[i] / 2.25, raw.data()[i], 1e-5 * Math.abs(raw.data()[i]) + 1e-6);
        }
    }

    @Test
    void namesAndPyRadiomicsSkipRules() {
        RadiomicsSettings s = new RadiomicsSettings();
        s.sigma = new double[] {1.0, 2.5, 6.0};
        Volume img = blob(new int[] {12, 12, 6}, new double[] {1, 1, 1.2}, 3, new double[] {6, 6, 3});
        List<String> warnings = new ArrayList<>();
        List<DerivedImage> l = PyRadiomicsFilters.generate("LoG", img, null, s, warnings::add);
        // 6 voxels along z at 1.2 mm: sigma 6 needs ceil(6 / 1.2) + 1 = 6 <= 6 -> kept; along x ceil(6) + 1 = 7 <= 12
        assertEquals(List.of("log-sigma-1-0-mm-3D", "log-sigma-2-5-mm-3D", "log-sigma-6-0-mm-3D"),
                l.stream().map(DerivedImage::name).toList());
        s.sigma = new double[] {6.5};
        assertEquals(0, PyRadiomicsFilters.generate("LoG", img, null, s, warnings::add).size());
        assertEquals(1, warnings.size());
        Volume thin = new Volume(10, 10, 3, PixelType.INT16);
        s.sigma = new double[] {1};
        assertEquals(0, PyRadiomicsFilters.generate("LoG", thin, null, s).size());
        s.sigma = null;
        assertEquals(0, PyRadiomicsFilters.generate("LoG", img, null, s).size());
    }
}
