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
 * Voxel-by-voxel comparison with PyRadiomics' own filter functions run with the real PyWavelets 1.1.1,
 * scikit-image 0.19.3, scipy 1.10.1 and trimesh (arrays made once by
 * {@code src/test/resources/generated/filters/make_reference.py}).
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
            Map.entry("exponential", new Object[] {"Exponential", (Consumer<RadiomicsSettings>) s -> { }}),
            Map.entry("lbp3d_f64", new Object[] {"LBP3D", (Consumer<RadiomicsSettings>) s -> { }, "mask_lbp_a"}),
            Map.entry("lbp3d_i16_l3", new Object[] {"LBP3D", lbp3(3, 1, 1), "mask_lbp_ones"}),
            Map.entry("lbp3d_f32_s2_r2", new Object[] {"LBP3D", lbp3(2, 2.0, 2), "mask_lbp_f32"}),
            Map.entry("lbp3d_s0_r15", new Object[] {"LBP3D", lbp3(2, 1.5, 0), "mask_lbp_a"}),
            Map.entry("lbp3d_flat_i16", new Object[] {"LBP3D", lbp3(2, 1, 1), "mask_lbp_flat"}),
            Map.entry("lbp3d_flat_f64_l4", new Object[] {"LBP3D", lbp3(4, 1, 1), "mask_lbp_flat"}));

    private static Consumer<RadiomicsSettings> lbp3(int levels, double radius, int subdivision) {
        return s -> {
            s.lbp3DLevels = levels;
            s.lbp3DIcosphereRadius = radius;
            s.lbp3DIcosphereSubdivision = subdivision;
        };
    }

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
        Volume mask = c.length > 2 ? volume((String) c[2]) : null;
        List<DerivedImage> got = PyRadiomicsFilters.generate((String) c[0], img, mask, s);
        assertEquals(names, got.stream().map(DerivedImage::name).toList(), caseName + ": names and order");
        NpyArray ref = NpyArray.resource(file);
        boolean exact = caseName.startsWith("lbp2d");
        boolean lbp3d = caseName.startsWith("lbp3d");
        boolean single = ref.dtype().equals("<f4");
        double worst = 0;
        StringBuilder perImage = new StringBuilder();
        for (int k = 0; k < names.size(); k++) {
            double worstHere = 0;
            double[] want = ref.slab(k);
            double[] have = got.get(k).image().data();
            assertEquals(want.length, have.length);
            double scale = 0;
            int differing = 0;
            for (double w : want) {
                if (!Double.isNaN(w)) {
                    scale = Math.max(scale, Math.abs(w));
                }
            }
            for (int i = 0; i < want.length; i++) {
                if (exact) {
                    assertEquals(want[i], have[i], 0.0, caseName + " " + names.get(k) + " voxel " + i);
                } else if (Double.isNaN(want[i])) {
                    // scipy.stats.kurtosis of a flat neighbourhood (zero variance)
                    assertTrue(Double.isNaN(have[i]), caseName + " " + names.get(k) + " voxel " + i + ": " + have[i]
                            + " vs NaN");
                } else {
                    double err = Math.abs(want[i] - have[i]) / Math.max(scale, 1e-300);
                    worstHere = Math.max(worstHere, err);
                    if (err != 0) {
                        differing++;
                    }
                    // float32 (PyWavelets' single-precision path): within a few float ulps of the range
                    // LBP3D: the samples, binary patterns and kurtosis are scipy's to the bit (see the tests
                    // below); the harmonics differ from scipy's sph_harm/libm by an ulp or so, giving m-images
                    // within ~1e-15 of the range: 1e-12 leaves room for other libms
                    double tol = single && !lbp3d ? 3e-7 : 1e-12;
                    assertTrue(err <= tol, caseName + " " + names.get(k) + " voxel " + i + ": " + have[i]
                            + " vs " + want[i] + " (relative " + err + ")");
                }
            }
            worst = Math.max(worst, worstHere);
            if (lbp3d) {
                perImage.append(String.format(" %s %.2g (%d/%d voxels differ)", names.get(k), worstHere, differing,
                        want.length));
            }
        }
        System.out.printf("%-24s %2d images, max error / max|ref| = %.3g%s%n", caseName, names.size(), worst,
                perImage);
    }

    /** trimesh.creation.icosphere(S, R).vertices, to the bit. */
    @ParameterizedTest(name = "icosphere {0}")
    @org.junit.jupiter.params.provider.CsvSource({"s0_r1.5, 0, 1.5", "s1_r1, 1, 1", "s2_r2, 2, 2"})
    void icosphereIsTrimeshs(String tag, int subdivision, double radius) throws IOException {
        NpyArray ref = NpyArray.resource("lbp3d_icosphere_" + tag + ".npy");
        double[][] v = LocalBinaryPattern3D.icosphere(subdivision, radius);
        assertEquals(ref.shape()[0], v.length);
        for (int i = 0; i < v.length; i++) {
            for (int d = 0; d < 3; d++) {
                assertEquals(ref.data()[3 * i + d], v[i][d], 0.0, tag + " vertex " + i + " axis " + d);
            }
        }
    }

    /** scipy.ndimage.map_coordinates(order=3) at PyRadiomics' sample points, to the bit (tabulated or not). */
    @ParameterizedTest(name = "table limit {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {0, 1L << 19})
    void samplesAreScipyMapCoordinates(long tableLimit) throws IOException {
        Volume img = volume("input_f64");
        Volume mask = volume("mask_lbp_a");
        NpyArray ref = NpyArray.resource("lbp3d_f64_samples.npy");
        double[][] vert = LocalBinaryPattern3D.icosphere(1, 1);
        int nv = vert.length;
        assertEquals(nv, ref.shape()[1]);
        LocalBinaryPattern3D.Sampler sampler = new LocalBinaryPattern3D.Sampler(img, vert, tableLimit);
        double[] got = new double[nv];
        int p = 0;
        for (int z = 0; z < img.nz(); z++) {
            for (int y = 0; y < img.ny(); y++) {
                for (int x = 0; x < img.nx(); x++) {
                    if (mask.get(x, y, z) == 1) {
                        sampler.sample(z, y, x, got);
                        for (int v = 0; v < nv; v++) {
                            assertEquals(ref.data()[p * nv + v], got[v], 0.0, "voxel " + p + " vertex " + v);
                        }
                        p++;
                    }
                }
            }
        }
        assertEquals(ref.shape()[0], p);
    }
}
