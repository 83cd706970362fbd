package io.github.dlradiomics.radiomics.ibsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.NiftiIO;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.radiomics.FeatureExtractor;
import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IBSI-2 phase 2: the IBSI-1 CT phantom processed by the 18 phase-2 configurations (filter ids 1.A .. 9.B), through
 * the whole pipeline as a user runs it: the shipped {@code params/ibsi2/phase2-ID.yaml} ({@code ibsi: filter}),
 * {@link FeatureExtractor} with IBSI naming. The 18 intensity statistics of each response map go to
 * {@code target/ibsi2-phase2.csv} (one row per filter id: {@code filter_id} and the {@code stat_*} columns, as
 * {@code tools/conformance/score_ibsi2.py} reads it) and are scored against
 * {@code reference/ibsi2/reference_feature_values/reference_values.csv} with the rule of scorelib
 * (|ours - consensus| <= tolerance; rows without a consensus value are skipped). At least 95 % must pass; the misses
 * are printed.
 */
class Ibsi2Phase2Test {
    private static final String REF = "reference/ibsi2/reference_feature_values/reference_values.csv";
    private static final List<String> IDS = List.of("1.A", "1.B", "2.A", "2.B", "3.A", "3.B", "4.A", "4.B", "5.A",
            "5.B", "6.A", "6.B", "7.A", "7.B", "8.A", "8.B", "9.A", "9.B");
    private static final List<String> TAGS = List.of("stat_mean", "stat_var", "stat_skew", "stat_kurt", "stat_median",
            "stat_min", "stat_p10", "stat_p90", "stat_max", "stat_iqr", "stat_range", "stat_mad", "stat_rmad",
            "stat_medad", "stat_cov", "stat_qcod", "stat_energy", "stat_rms");

    @Test
    void phase2FeatureValuesWithinTolerance() throws IOException {
        Path refFile = TestData.shared(REF);
        Path dir = TestData.shared("reference/ibsi1/ct_phantom/nifti");
        Volume img = NiftiIO.read(dir.resolve("image/phantom.nii.gz"));
        Volume msk = NiftiIO.read(dir.resolve("mask/mask.nii.gz"));
        Map<String, Map<String, Double>> ours = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (String id : IDS) {
            RadiomicsParams p = RadiomicsParams.read(TestData.projectRoot().resolve("params/ibsi2/phase2-" + id
                    + ".yaml"));
            long t0 = System.nanoTime();
            LinkedHashMap<String, Object> row = new FeatureExtractor(p).extract(img, msk, false,
                    FeatureExtractor.Naming.IBSI);
            Map<String, Double> stats = new LinkedHashMap<>();
            for (String t : TAGS) {
                stats.put(t, (Double) row.get(t));
            }
            ours.put(id, stats);
            System.out.printf(Locale.ROOT, "IBSI-2 phase 2 %s: %s in %.1f s%n", id, p.ibsi.filter() == null
                    ? "no filter" : p.ibsi.filter(), (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "IBSI-2 phase 2: 18 configurations in %.1f s%n", (System.nanoTime() - start) / 1e9);
        writeCsv(ours, TestData.projectRoot().resolve("target/ibsi2-phase2.csv"));

        // score as scorelib: |ours - consensus| <= tolerance; no consensus value: skipped
        List<String> lines = Files.readAllLines(refFile, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split(";", -1));
        int cId = header.indexOf("filter_id");
        int cTag = header.indexOf("feature_tag");
        int cRef = header.indexOf("consensus_value");
        int cTol = header.indexOf("tolerance");
        Map<String, int[]> perId = new LinkedHashMap<>();
        List<String> misses = new ArrayList<>();
        int scored = 0;
        int pass = 0;
        int skipped = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] r = line.split(";", -1);
            String id = r[cId].trim();
            String tag = r[cTag].trim();
            String refText = r[cRef].trim();
            if (refText.isEmpty()) {
                skipped++;
                continue;
            }
            double ref = Double.parseDouble(refText);
            double tol = IbsiDigitalPhantomTest.tolerance(refText, r[cTol].trim().isEmpty() ? "0" : r[cTol].trim());
            Double v = ours.getOrDefault(id, Map.of()).get(tag);
            int[] c = perId.computeIfAbsent(id, k -> new int[2]);
            scored++;
            c[1]++;
            if (v != null && !v.isNaN() && IbsiDigitalPhantomTest.within(v, ref, tol)) {
                pass++;
                c[0]++;
            } else {
                misses.add(String.format(Locale.ROOT, "  %-4s %-12s ours=%-14.6g ref=%-10s tol=%-8g |diff|/tol=%.2f", id,
                        tag, v == null ? Double.NaN : v, refText, tol, v == null ? Double.NaN : Math.abs(v - ref) / tol));
            }
        }
        StringBuilder sb = new StringBuilder("IBSI-2 phase 2 per filter id (pass/scored):");
        perId.forEach((id, c) -> sb.append(' ').append(id).append(' ').append(c[0]).append('/').append(c[1]));
        System.out.println(sb);
        System.out.printf(Locale.ROOT, "IBSI-2 phase 2: %d/%d within tolerance (%d without consensus value skipped)%n",
                pass, scored, skipped);
        if (!misses.isEmpty()) {
            System.out.println("IBSI-2 phase 2 misses:\n" + String.join("\n", misses));
        }
        assertEquals(324, scored + skipped, "reference rows");
        assertTrue(pass >= Math.ceil(0.95 * scored), pass + "/" + scored + " within tolerance; misses:\n"
                + String.join("\n", misses));
    }

    /** The filter needs IBSI naming and only the intensity statistics are defined for a response map. */
    @Test
    void filterIsRefusedWhereItHasNoMeaning() throws IOException {
        Path dir = Files.createTempDirectory("ibsi2");
        Path yaml = dir.resolve("p.yaml");
        Files.writeString(yaml, "featureClass:\n  firstorder:\n  glcm:\nibsi:\n  filter: \"mean:size=3\"\n");
        RadiomicsParams p = RadiomicsParams.read(yaml);
        Volume img = new Volume(8, 8, 8, io.github.dlradiomics.image.PixelType.FLOAT64);
        Volume msk = new Volume(8, 8, 8, io.github.dlradiomics.image.PixelType.UINT8);
        for (int z = 0; z < 8; z++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    img.set(x, y, z, x * y + z);
                    msk.set(x, y, z, x > 1 && x < 6 && y > 1 && y < 6 && z > 1 && z < 6 ? 1 : 0);
                }
            }
        }
        UserInputException e = assertThrows(UserInputException.class,
                () -> new FeatureExtractor(p).extract(img, msk, false, FeatureExtractor.Naming.IBSI));
        assertTrue(e.getMessage().contains("firstorder"), e.getMessage());
        assertThrows(UserInputException.class, () -> new FeatureExtractor(p).extract(img, msk, false));
        Files.writeString(yaml, "featureClass:\n  firstorder:\nibsi:\n  filter: \"mean:size=4\"\n");
        UserInputException bad = assertThrows(UserInputException.class, () -> RadiomicsParams.read(yaml));
        assertTrue(bad.getMessage().contains("odd"), bad.getMessage());
        // the response map of a 3x3x3 mean filter: its statistics, and only them
        Files.writeString(yaml, "featureClass:\n  firstorder:\nibsi:\n  filter: \"mean:size=3,boundary=mirror\"\n");
        LinkedHashMap<String, Object> row = new FeatureExtractor(RadiomicsParams.read(yaml)).extract(img, msk, false,
                FeatureExtractor.Naming.IBSI);
        assertEquals(TAGS.size(), row.size(), row.keySet().toString());
        // (x y + z) averaged over a 3x3x3 cube inside the image is x y + z: the ROI mean is 3.5 * 3.5 + 3.5
        assertEquals(3.5 * 3.5 + 3.5, (Double) row.get("stat_mean"), 1e-9);
    }

    private static void writeCsv(Map<String, Map<String, Double>> rows, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        StringBuilder sb = new StringBuilder("filter_id");
        for (String t : TAGS) {
            sb.append(',').append(t);
        }
        sb.append('\n');
        rows.forEach((id, f) -> {
            sb.append(id);
            for (String t : TAGS) {
                Double v = f.get(t);
                sb.append(',').append(v == null || v.isNaN() ? "" : Double.toString(v));
            }
            sb.append('\n');
        });
        Files.writeString(out, sb.toString());
    }
}
