package io.github.dlradiomics.radiomics.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.radiomics.RadiomicsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Voxel-by-voxel comparison with PyRadiomics' own filter functions run with the real PyWavelets 1.1.1 and
 * scikit-image 0.19.3 (arrays made once by {@code src/test/resources/generated/filters/make_reference.py}).
 */
class PyRadiomicsReferenceTest {

    /** The settings of each case, as make_reference.py passed them. */
    private static final Map<String, Object[]> CASES = Map.ofEntries(
            Map.entry("wavelet_coif1_l2", new Object[] {"Wavelet", (Consumer<RadiomicsSettings>) s -> {
                s.wavelet = "coif1";
                s.level = 2;
            }}),
            Map.entry("wavelet_haar_s1", new Object[] {"Wavelet", (Consumer<RadiomicsSettings>) s -> {
                s.wavelet = "haar";
                s.start_level = 1;
            }}),
            Map.entry("wavelet_db3", new Object[] {"Wavelet", (Consumer<RadiomicsSettings>) s -> s.wavelet = "db3"}),
            Map.entry("wavelet_sym4", new Object[] {"Wavelet", (Consumer<RadiomicsSettings>) s -> s.wavelet = "sym4"}),
            Map.entry("wavelet_coif2_2d1", new Object[] {"Wavelet", (Consumer<RadiomicsSettings>) s -> {
                s.wavelet = "coif2";
                s.force2D = true;
                s.force2Ddimension = 1;
            }}),
            Map.entry("wavelet_coif1_f32", new Object[] {"Wavelet", (Consumer<RadiomicsSettings>) s -> { }}),
            Map.entry("lbp2d_uniform_a0", new Object[] {"LBP2D", lbp(1, 8, "uniform", 0)}),
            Map.entry("lbp2d_uniform_a1", new Object[] {"LBP2D", lbp(1, 8, "uniform", 1)}),
            Map.entry("lbp2d_uniform_a2", new Object[] {"LBP2D", lbp(1, 8, "uniform", 2)}),
            Map.entry("lbp2d_uniform_r2_f64", new Object[] {"LBP2D", lbp(2, 12, "uniform", 0)}),
            Map.entry("lbp2d_default_r15_f64", new Object[] {"LBP2D", lbp(1.5, 8, "default", 2)}),
            Map.entry("lbp2d_ror_i16", new Object[] {"LBP2D", lbp(1, 8, "ror", 0)}),
            Map.entry("lbp2d_nri_i16", new Object[] {"LBP2D", lbp(1, 8, "nri_uniform", 0)}),
            Map.entry("square", new Object[] {"Square", (Consumer<RadiomicsSettings>) s -> { }}),
            Map.entry("squareroot", new Object[] {"SquareRoot", (Consumer<RadiomicsSettings>) s -> { }}),
            Map.entry("logarithm", new Object[] {"Logarithm", (Consumer<RadiomicsSettings>) s -> { }}),
            Map.entry("exponential", new Object[] {"Exponential", (Consumer<RadiomicsSettings>) s -> { }}));

    private static Consumer<RadiomicsSettings> lbp(double r, int p, String method, int axis) {
        return s -> {
            s.lbp2DRadius = r;
            s.lbp2DSamples = p;
            s.lbp2DMethod = method;
            s.force2D = true;
            s.force2Ddimension = axis;
        };
    }

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = NpyArray.class.getResourceAsStream(NpyArray.DIR + "index.csv")) {
            List<Arguments> l = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].trim().split(",");
                l.add(Arguments.of(f[0], f[1], f[3], Arrays.asList(f[4].split("\\|"))));
            }
            assertEquals(CASES.size(), l.size(), "every reference case has settings here");
            return l.stream();
        }
    }

    static Volume volume(String inputName) throws IOException {
        NpyArray a = NpyArray.resource(inputName + ".npy");
        PixelType t = switch (a.dtype()) {
            case "<f4" -> PixelType.FLOAT32;
            case "<i2" -> PixelType.INT16;
            default -> PixelType.FLOAT64;
        };
        Volume v = new Volume(a.shape()[2], a.shape()[1], a.shape()[0], a.data().clone(), t);
        v.setSpacing(0.8, 1.1, 2.5);
        return v;
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyRadiomics(String caseName, String file, String input, List<String> names) throws IOException {
        Object[] c = CASES.get(caseName);
        RadiomicsSettings s = new RadiomicsSettings();
        ((Consumer<RadiomicsSettings>) c[1]).accept(s);
        Volume img = volume(input);
        List<DerivedImage> got = PyRadiomicsFilters.generate((String) c[0], img, null, s);
        assertEquals(names, got.stream().map(DerivedImage::name).toList(), caseName + ": names and order");
        NpyArray ref = NpyArray.resource(file);
        boolean exact = caseName.startsWith("lbp");
        boolean single = ref.dtype().equals("<f4");
        double worst = 0;
        for (int k = 0; k < names.size(); k++) {
            double[] want = ref.slab(k);
            double[] have = got.get(k).image().data();
            assertEquals(want.length, have.length);
            double scale = 0;
            for (double w : want) {
                scale = Math.max(scale, Math.abs(w));
            }
            for (int i = 0; i < want.length; i++) {
                if (exact) {
                    assertEquals(want[i], have[i], 0.0, caseName + " " + names.get(k) + " voxel " + i);
                } else {
                    double err = Math.abs(want[i] - have[i]) / Math.max(scale, 1e-300);
                    worst = Math.max(worst, err);
                    // float32 (PyWavelets' single-precision path): within a few float ulps of the range
                    double tol = single ? 3e-7 : 1e-12;
                    assertTrue(err <= tol, caseName + " " + names.get(k) + " voxel " + i + ": " + have[i]
                            + " vs " + want[i] + " (relative " + err + ")");
                }
            }
        }
        System.out.printf("%-24s %2d images, max error / max|ref| = %.3g%n", caseName, names.size(), worst);
    }
}
