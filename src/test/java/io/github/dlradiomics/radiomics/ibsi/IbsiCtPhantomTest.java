package io.github.dlradiomics.radiomics.ibsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.NiftiIO;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.radiomics.FeatureExtractor;
import io.github.dlradiomics.radiomics.IbsiPreprocessor;
import io.github.dlradiomics.radiomics.Preprocessor;
import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.radiomics.RadiomicsSettings;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IBSI-1 CT phantom, configurations A-E, through the whole pipeline as a user runs it: the shipped
 * {@code params/ibsi/config-X.yaml}, {@link FeatureExtractor} with IBSI naming and diagnostics (IBSI image processing
 * by {@link IbsiPreprocessor}). A, C and D are scored against the reference tables with the rule of
 * {@code tools/conformance/scorelib.py} (diagnostic rows included) and must reach 95 %; every row goes to
 * {@code target/ibsi-config-X.csv} for {@code score_ibsi1.py}. B and E have no reference here: they must run and give
 * finite values.
 */
class IbsiCtPhantomTest {
    private static final String REF = "reference/ibsi1/reference_values/ibsi_1_reference_values_config_%s.csv";

    private static Map<String, Double> run(String config) throws IOException {
        Path dir = TestData.shared("reference/ibsi1/ct_phantom/nifti");
        Volume img = NiftiIO.read(dir.resolve("image/phantom.nii.gz"));
        Volume msk = NiftiIO.read(dir.resolve("mask/mask.nii.gz"));
        RadiomicsParams p = RadiomicsParams.read(TestData.projectRoot().resolve("params/ibsi/config-" + config
                + ".yaml"));
        long t0 = System.nanoTime();
        LinkedHashMap<String, Object> row = new FeatureExtractor(p).extract(img, msk, true,
                FeatureExtractor.Naming.IBSI);
        System.out.printf(Locale.ROOT, "IBSI CT phantom config %s: extracted in %.1f s%n", config,
                (System.nanoTime() - t0) / 1e9);
        LinkedHashMap<String, Double> f = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (v instanceof Double d) {
                f.put(k, d);
            }
        });
        writeRow(f, "configuration " + config, TestData.projectRoot().resolve("target/ibsi-config-" + config + ".csv"));
        return f;
    }

    private static void scoreConfig(String config) throws IOException {
        Path refFile = TestData.shared(String.format(Locale.ROOT, REF, config));
        Map<String, Double> f = run(config);
        List<String> misses = new ArrayList<>();
        int scored = IbsiDigitalPhantomTest.score(f, refFile, misses);
        int pass = scored - misses.size();
        long diagMisses = misses.stream().filter(m -> m.contains("Diagnostics")).count();
        System.out.printf(Locale.ROOT, "IBSI CT phantom config %s: %d/%d within tolerance (%d diagnostic misses)%n",
                config, pass, scored, diagMisses);
        assertTrue(pass >= Math.ceil(0.95 * scored), "config " + config + ": " + pass + "/" + scored
                + " within tolerance; misses:\n" + String.join("\n", misses));
    }

    @Test
    void configurationA() throws IOException {
        scoreConfig("A");
    }

    @Test
    void configurationC() throws IOException {
        scoreConfig("C");
    }

    @Test
    void configurationD() throws IOException {
        scoreConfig("D");
    }

    @Test
    void configurationBRunsWithFiniteValues() throws IOException {
        assertFinite("B", run("B"));
    }

    @Test
    void configurationERunsWithFiniteValues() throws IOException {
        assertFinite("E", run("E"));
    }

    /** Every reference tag of configuration A (B) or C (E) is present and finite, except those IBSI leaves open. */
    private static void assertFinite(String config, Map<String, Double> f) throws IOException {
        String like = config.equals("B") ? "A" : "C";
        Path refFile = TestData.shared(String.format(Locale.ROOT, REF, like));
        List<String[]> rows = IbsiDigitalPhantomTest.readCsv(refFile);
        int cTag = List.of(rows.get(0)).indexOf("tag");
        int cRef = List.of(rows.get(0)).indexOf("reference value");
        List<String> bad = new ArrayList<>();
        int n = 0;
        for (String[] r : rows.subList(1, rows.size())) {
            if (r[cRef].isBlank()) {
                continue; // OMBB, MVEE and IVH AUC have no IBSI consensus
            }
            n++;
            Double v = f.get(r[cTag].trim());
            if (v == null || !Double.isFinite(v)) {
                bad.add(r[cTag].trim() + "=" + v);
            }
        }
        assertTrue(n > 250, "reference rows");
        assertTrue(bad.isEmpty(), "config " + config + ": missing or non-finite: " + bad);
    }

    /** Linear interpolation reproduces a linear ramp, the grid is centre-aligned and ceil-sized. */
    @Test
    void linearInterpolationOfARampIsExact() {
        Volume img = new Volume(10, 8, 6, PixelType.FLOAT64);
        Volume msk = new Volume(10, 8, 6, PixelType.UINT8);
        img.setSpacing(1, 1, 3);
        msk.setSpacing(1, 1, 3);
        for (int z = 0; z < 6; z++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 10; x++) {
                    img.set(x, y, z, 10 * x + 100 * y + 1000 * z);
                    msk.set(x, y, z, x >= 2 && x <= 7 && y >= 2 && y <= 5 && z >= 1 && z <= 4 ? 1 : 0);
                }
            }
        }
        RadiomicsSettings s = new RadiomicsSettings();
        IbsiSettings.Preprocessing pp = new IbsiSettings.Preprocessing(new double[] {2, 2, 2},
                IbsiSettings.Interpolation.LINEAR, IbsiSettings.Interpolation.LINEAR, 0.5, false, false, Double.NaN);
        Map<String, Object> diag = new LinkedHashMap<>();
        Preprocessor.Prepared p = IbsiPreprocessor.prepare(img, msk, s, pp, diag);
        Volume g = p.grid();
        assertEquals(5, g.nx()); // ceil(10 * 1 / 2)
        assertEquals(4, g.ny());
        assertEquals(9, g.nz()); // ceil(6 * 3 / 2)
        // first sample at (n - 1) / 2 - (n' - 1) s' / (2 s) original voxels: x 0.5, y 0.5, z 1/3
        double[] o = img.physicalToIndex(g.origin()[0], g.origin()[1], g.origin()[2]);
        assertEquals(0.5, o[0], 1e-12);
        assertEquals(0.5, o[1], 1e-12);
        assertEquals(2.5 - 4 * 2.0 / 3, o[2], 1e-12);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    double ox = o[0] + 2 * x;
                    double oy = o[1] + 2 * y;
                    double oz = Math.max(0, Math.min(5, o[2] + 2.0 / 3 * z)); // edge values repeat outside
                    assertEquals(10 * ox + 100 * oy + 1000 * oz, g.get(x, y, z), 1e-9);
                }
            }
        }
        assertEquals(5.0, diag.get("img_dim_x_interp_img"));
        assertEquals(2.0, diag.get("vox_dim_z_interp_img"));
    }

    /** The cubic B-spline interpolates: on an unchanged grid position it returns the samples. */
    @Test
    void cubicSplinePassesThroughTheSamples() {
        Volume img = new Volume(12, 12, 12, PixelType.FLOAT64);
        Volume msk = new Volume(12, 12, 12, PixelType.UINT8);
        img.setSpacing(3, 3, 3);
        msk.setSpacing(3, 3, 3);
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < img.size(); i++) {
            img.data()[i] = r.nextInt(200) - 100;
            msk.data()[i] = 1;
        }
        // 1 mm spacing: 36 samples from (n - 1)/2 - (n' - 1)/6 = -1/3; new index 3k + 1 is original voxel k
        IbsiSettings.Preprocessing pp = new IbsiSettings.Preprocessing(new double[] {1, 1, 1},
                IbsiSettings.Interpolation.CUBIC, IbsiSettings.Interpolation.LINEAR, 0.5, false, false, Double.NaN);
        Volume g = IbsiPreprocessor.prepare(img, msk, new RadiomicsSettings(), pp, null).grid();
        assertEquals(36, g.nx());
        double[] o = img.physicalToIndex(g.origin()[0], g.origin()[1], g.origin()[2]);
        assertEquals(-1.0 / 3, o[0], 1e-12);
        for (int k = 0; k < 12; k++) {
            assertEquals(img.get(k, 11 - k, k), g.get(3 * k + 1, 3 * (11 - k) + 1, 3 * k + 1), 1e-9);
        }
        // between the samples the spline is smooth but not linear
        double mid = g.get(3 * 5 + 2, 3 * 5 + 1, 3 * 5 + 1);
        assertTrue(Double.isFinite(mid));
    }

    @Test
    void outlierFilteringAndRangeReSegmentation() {
        Volume img = new Volume(20, 20, 3, PixelType.FLOAT64);
        Volume msk = new Volume(20, 20, 3, PixelType.UINT8);
        for (int i = 0; i < img.size(); i++) {
            img.data()[i] = i % 7;
            msk.data()[i] = 1;
        }
        img.data()[5] = 1000; // an outlier
        img.data()[6] = -50;  // below the range
        RadiomicsSettings s = new RadiomicsSettings();
        s.resegmentRange = new double[] {-10, 2000};
        IbsiSettings.Preprocessing pp = new IbsiSettings.Preprocessing(null, IbsiSettings.Interpolation.NONE,
                IbsiSettings.Interpolation.LINEAR, 0.5, true, false, 3);
        Map<String, Object> diag = new LinkedHashMap<>();
        Preprocessor.Prepared p = IbsiPreprocessor.prepare(img, msk, s, pp, diag);
        assertEquals(1200.0, diag.get("morph_mask_vox_count_reseg_roi"));
        assertEquals(1198.0, diag.get("int_mask_vox_count_reseg_roi"));
        assertEquals(6.0, diag.get("int_mask_max_int_reseg_roi"));
        assertEquals(1200, p.values().length);
    }

    @Test
    void parameterKeysAreChecked() {
        String base = "setting: {label: 1}\nibsi:\n";
        UserInputException e = assertThrows(UserInputException.class, () -> RadiomicsParams.parse(base
                + "  interpolation: {spacing: [2, 2, 2], methd: linear}\n", "t.yaml"));
        assertTrue(e.getMessage().contains("unknown key 'methd'"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> RadiomicsParams.parse(base
                + "  interpolation: {method: cubic}\n", "t.yaml"));
        assertTrue(e.getMessage().contains("needs 'spacing'"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> RadiomicsParams.parse(base + "  interpoltion: {}\n",
                "t.yaml"));
        assertTrue(e.getMessage().contains("unknown key 'interpoltion'"), e.getMessage());
        RadiomicsParams p = RadiomicsParams.parse(base + "  interpolation: {spacing: 2, method: cubic}\n"
                + "  outlierFiltering: 3\n", "t.yaml");
        assertEquals(IbsiSettings.Interpolation.CUBIC, p.ibsi.preprocessing().method());
        assertEquals(2.0, p.ibsi.preprocessing().spacing()[2]);
        assertEquals(3.0, p.ibsi.preprocessing().outlierSigma());
        assertEquals(null, RadiomicsParams.parse(base + "  geospatial: false\n", "t.yaml").ibsi.preprocessing());
    }

    static void writeRow(Map<String, Double> f, String dataset, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        StringBuilder h = new StringBuilder("dataset");
        StringBuilder v = new StringBuilder(dataset);
        for (Map.Entry<String, Double> e : f.entrySet()) {
            h.append(',').append(e.getKey());
            v.append(',').append(e.getValue() == null || e.getValue().isNaN() ? "" : Double.toString(e.getValue()));
        }
        Files.writeString(out, h + "\n" + v + "\n");
    }
}
