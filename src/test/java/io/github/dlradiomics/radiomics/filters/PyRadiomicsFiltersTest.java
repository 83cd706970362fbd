package io.github.dlradiomics.radiomics.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.radiomics.RadiomicsSettings;
import io.github.dlradiomics.util.UserInputException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Names, parameter errors, the gradient and wavelet invariants; needs nothing external. */
class PyRadiomicsFiltersTest {

    @Test
    void pythonStrOfSigma() {
        assertEquals("log-sigma-1-0-mm-3D", PyRadiomicsFilters.logName(1.0));
        assertEquals("log-sigma-0-5-mm-3D", PyRadiomicsFilters.logName(0.5));
        assertEquals("log-sigma-1-mm-3D", PyRadiomicsFilters.logName("1"));
        assertEquals("0.1", PyRadiomicsFilters.pythonFloatRepr(0.1));
        assertEquals("0.0001", PyRadiomicsFilters.pythonFloatRepr(1e-4));
        assertEquals("1e-05", PyRadiomicsFilters.pythonFloatRepr(1e-5));
        assertEquals("1.5e-07", PyRadiomicsFilters.pythonFloatRepr(1.5e-7));
        assertEquals("123456789.0", PyRadiomicsFilters.pythonFloatRepr(123456789));
        assertEquals("1e+16", PyRadiomicsFilters.pythonFloatRepr(1e16));
        assertEquals("0.30000000000000004", PyRadiomicsFilters.pythonFloatRepr(0.1 + 0.2));
        assertEquals("-2.75", PyRadiomicsFilters.pythonFloatRepr(-2.75));
    }

    @Test
    void badParametersListTheChoices() {
        Volume img = new Volume(8, 8, 8, PixelType.INT16);
        RadiomicsSettings s = new RadiomicsSettings();
        s.wavelet = "db99";
        UserInputException e = assertThrows(UserInputException.class,
                () -> PyRadiomicsFilters.generate("Wavelet", img, null, s));
        assertTrue(e.getMessage().contains("coif1") && e.getMessage().contains("db99"), e.getMessage());
        s.wavelet = "coif1";
        s.level = 0;
        assertThrows(UserInputException.class, () -> PyRadiomicsFilters.generate("Wavelet", img, null, s));
        RadiomicsSettings t = new RadiomicsSettings();
        t.sigma = new double[] {1, -1};
        assertThrows(UserInputException.class, () -> PyRadiomicsFilters.generate("LoG", img, null, t));
        RadiomicsSettings u = new RadiomicsSettings();
        u.lbp2DMethod = "fancy";
        e = assertThrows(UserInputException.class, () -> PyRadiomicsFilters.generate("LBP2D", img, null, u));
        assertTrue(e.getMessage().contains("uniform"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> PyRadiomicsFilters.generate("Sobel", img, null, u));
        assertTrue(e.getMessage().contains("Wavelet"), e.getMessage());
        RadiomicsSettings w = new RadiomicsSettings();
        w.lbp3DIcosphereSubdivision = -1;
        e = assertThrows(UserInputException.class, () -> PyRadiomicsFilters.generate("LBP3D", img, img, w));
        assertTrue(e.getMessage().contains("lbp3DIcosphereSubdivision"), e.getMessage());
    }

    @Test
    void waveletFilterBanksAreOrthonormal() {
        for (String name : WaveletFilterBank.names()) {
            WaveletFilterBank w = WaveletFilterBank.of(name);
            double lo = 0;
            double lo2 = 0;
            double hi = 0;
            double cross = 0;
            for (int i = 0; i < w.decLo().length; i++) {
                lo += w.decLo()[i];
                lo2 += w.decLo()[i] * w.decLo()[i];
                hi += w.decHi()[i];
                cross += w.decLo()[i] * w.decHi()[i];
            }
            // PyWavelets' symlet tables carry ~12 significant digits of orthonormality
            assertEquals(Math.sqrt(2), lo, 1e-10, name);
            assertEquals(1, lo2, 1e-10, name);
            assertEquals(0, hi, 1e-10, name);
            assertEquals(0, cross, 1e-10, name);
        }
    }

    @Test
    void waveletOfAConstantIsAnApproximationOnly() {
        Volume img = new Volume(9, 7, 6, PixelType.INT16);
        java.util.Arrays.fill(img.data(), 10);
        RadiomicsSettings s = new RadiomicsSettings();
        s.level = 2;
        List<DerivedImage> l = PyRadiomicsFilters.generate("Wavelet", img, null, s);
        assertEquals(15, l.size());
        assertEquals("wavelet2-LLL", l.get(14).name());
        assertEquals("wavelet2-HHH", l.get(13).name());
        for (int k = 0; k < 14; k++) {
            for (double v : l.get(k).image().data()) {
                assertEquals(0, v, 1e-12);
            }
        }
        for (double v : l.get(14).image().data()) {
            assertEquals(10 * 8, v, 1e-9); // (sqrt 2)^3 per level, two levels
        }
    }

    @Test
    void gradientIsExactOnARamp() {
        Volume img = new Volume(6, 5, 4, PixelType.INT16).setSpacing(0.5, 2, 4);
        for (int z = 0; z < 4; z++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 6; x++) {
                    img.set(x, y, z, 3 * x + 4 * y + 12 * z);
                }
            }
        }
        Volume g = PyRadiomicsFilters.generate("Gradient", img, null, new RadiomicsSettings()).get(0).image();
        // interior: (6, 2, 3) per mm -> 7; an x border halves the x term (zero-flux Neumann)
        assertEquals(7, g.get(2, 2, 1), 1e-6);
        assertEquals(Math.sqrt(9 + 4 + 9), g.get(0, 2, 1), 1e-6);
        RadiomicsSettings s = new RadiomicsSettings();
        s.gradientUseSpacing = false;
        Volume h = PyRadiomicsFilters.generate("Gradient", img, null, s).get(0).image();
        assertEquals(13, h.get(2, 2, 1), 1e-6);
        assertEquals(PixelType.FLOAT32, h.pixelType());
    }

    @Test
    void exampleCtWorkloadIsFast() {
        // exampleCT.yaml on a vertebra at 1 mm: LoG sigma 1..5 and the 8 coif1 wavelet images of a 60^3 grid
        Volume img = new Volume(60, 60, 60, PixelType.INT16);
        Random rnd = new Random(1);
        for (int i = 0; i < img.size(); i++) {
            img.data()[i] = Math.round(rnd.nextGaussian() * 200 + 300);
        }
        RadiomicsSettings s = new RadiomicsSettings();
        s.sigma = new double[] {1, 2, 3, 4, 5};
        for (int warm = 0; warm < 3; warm++) {
            PyRadiomicsFilters.generate("LoG", img, null, s);
            PyRadiomicsFilters.generate("Wavelet", img, null, s);
        }
        long t0 = System.nanoTime();
        int count = PyRadiomicsFilters.generate("LoG", img, null, s).size();
        long t1 = System.nanoTime();
        count += PyRadiomicsFilters.generate("Wavelet", img, null, s).size();
        long t2 = System.nanoTime();
        System.out.printf("60^3: LoG x5 %.1f ms, wavelet x8 %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        assertEquals(13, count);
        assertTrue((t2 - t0) / 1e9 < 5, "filters took " + (t2 - t0) / 1e9 + " s");
    }
}
