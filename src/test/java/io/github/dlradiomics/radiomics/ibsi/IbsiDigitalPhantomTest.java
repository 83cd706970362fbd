package io.github.dlradiomics.radiomics.ibsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.NiftiIO;
import io.github.dlradiomics.image.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IBSI-1 compliance on the digital phantom: every reference value of
 * {@code reference/ibsi1/reference_values/ibsi_1_reference_values_digital_phantom.csv} must be matched within its
 * tolerance, with the rule of {@code tools/conformance/scorelib.py} (tolerance 0: half a unit of the last shown
 * digit). Also writes {@code target/ibsi-digital-phantom.csv} (one row, IBSI tags) for the Python scorer.
 */
class IbsiDigitalPhantomTest {
    private static Path shared;

    @BeforeAll
    static void locate() {
        shared = TestData.shared();
    }

    /** The phantom as IBSI prescribes it: no interpolation, re-segmentation or discretisation. */
    static IbsiFeatures.Input phantom(Path shared) throws IOException {
        Path dir = shared.resolve("reference/ibsi1/digital_phantom/nifti");
        Volume img = NiftiIO.read(dir.resolve("image/phantom.nii.gz"));
        Volume msk = NiftiIO.read(dir.resolve("mask/mask.nii.gz"));
        int n = img.size();
        boolean[] mask = new boolean[n];
        int[] levels = new int[n];
        double[] values = img.data().clone();
        for (int i = 0; i < n; i++) {
            mask[i] = msk.data()[i] > 0.5;
            levels[i] = (int) Math.round(values[i]);
        }
        return new IbsiFeatures.Input(values, mask, mask, img.nx(), img.ny(), img.nz(), img.spacing().clone(), levels,
                null);
    }

    @Test
    void allReferenceValuesWithinTolerance() throws IOException {
        Path refFile = shared.resolve("reference/ibsi1/reference_values/ibsi_1_reference_values_digital_phantom.csv");
        TestData.shared("reference/ibsi1/reference_values/ibsi_1_reference_values_digital_phantom.csv");
        LinkedHashMap<String, Double> f = IbsiFeatures.compute(phantom(shared), IbsiSettings.DEFAULT);
        writeRow(f, Path.of(System.getProperty("dlrad.basedir", ".")).resolve("target/ibsi-digital-phantom.csv"));

        List<String> misses = new ArrayList<>();
        int scored = score(f, refFile, misses);
        assertEquals(482, scored, "reference rows with a value");
        assertTrue(misses.isEmpty(), misses.size() + " misses:\n" + String.join("\n", misses));
    }

    /** Scores features against the reference table; returns the number of rows with a value, adds misses. */
    static int score(java.util.Map<String, Double> f, Path refFile, List<String> misses) throws IOException {
        List<String[]> rows = readCsv(refFile);
        String[] header = rows.get(0);
        int cRef = col(header, "reference value");
        int cTol = col(header, "tolerance");
        int cTag = col(header, "tag");
        int cFam = col(header, "family");
        int pass = 0;
        int scored = 0;
        for (String[] r : rows.subList(1, rows.size())) {
            String refText = r[cRef].trim();
            if (refText.isEmpty()) {
                continue;
            }
            scored++;
            String tag = r[cTag].trim();
            double ref = Double.parseDouble(refText);
            double tol = tolerance(refText, r[cTol].trim());
            Double ours = f.get(tag);
            if (ours != null && !ours.isNaN() && within(ours, ref, tol)) {
                pass++;
            } else {
                misses.add(String.format(Locale.ROOT, "  %-40s %-32s ours=%-14s ref=%-10s tol=%g", r[cFam], tag,
                        ours, refText, tol));
            }
        }
        if (!misses.isEmpty()) {
            System.out.println("IBSI digital phantom misses:\n" + String.join("\n", misses));
        }
        System.out.printf(Locale.ROOT, "IBSI digital phantom: %d/%d within tolerance%n", pass, scored);
        return scored;
    }

    /** The whole pipeline as a user runs it: the shipped params/ibsi/digital-phantom.yaml and IBSI naming. */
    @Test
    void shippedParameterFileThroughTheExtractor() throws IOException {
        Path refFile = TestData.shared("reference/ibsi1/reference_values/ibsi_1_reference_values_digital_phantom.csv");
        Path dir = shared.resolve("reference/ibsi1/digital_phantom/nifti");
        io.github.dlradiomics.radiomics.RadiomicsParams p = io.github.dlradiomics.radiomics.RadiomicsParams.read(
                TestData.projectRoot().resolve("params/ibsi/digital-phantom.yaml"));
        var row = new io.github.dlradiomics.radiomics.FeatureExtractor(p).extract(
                io.github.dlradiomics.image.NiftiIO.read(dir.resolve("image/phantom.nii.gz")),
                io.github.dlradiomics.image.NiftiIO.read(dir.resolve("mask/mask.nii.gz")), false,
                io.github.dlradiomics.radiomics.FeatureExtractor.Naming.IBSI);
        LinkedHashMap<String, Double> f = new LinkedHashMap<>();
        row.forEach((k, v) -> f.put(k, (Double) v));
        List<String> misses = new ArrayList<>();
        assertEquals(482, score(f, refFile, misses));
        assertTrue(misses.isEmpty(), misses.size() + " misses:\n" + String.join("\n", misses));
    }

    @Test
    void tagsFollowTheReferenceTable() throws IOException {
        LinkedHashMap<String, Double> f = IbsiFeatures.compute(phantom(shared), IbsiSettings.DEFAULT);
        List<String[]> rows = readCsv(shared.resolve(
                "reference/ibsi1/reference_values/ibsi_1_reference_values_digital_phantom.csv"));
        int cTag = col(rows.get(0), "tag");
        List<String> tags = new ArrayList<>();
        for (String[] r : rows.subList(1, rows.size())) {
            tags.add(r[cTag].trim());
        }
        assertEquals(tags, new ArrayList<>(f.keySet()), "feature tags and order");
    }

    /**
     * Tolerance as scorelib.ibsi_tolerance: a stated tolerance > 0 as is; 0 means half a unit of the last shown
     * digit (integers with trailing zeros count 3 significant digits at most); a reference of 0 needs 1e-6.
     */
    static double tolerance(String refText, String tolText) {
        double tol = Double.parseDouble(tolText);
        if (tol > 0) {
            return tol;
        }
        String t = refText.trim().toLowerCase(Locale.ROOT);
        while (t.startsWith("+") || t.startsWith("-")) {
            t = t.substring(1);
        }
        int exp = 0;
        int e = t.indexOf('e');
        if (e >= 0) {
            exp = Integer.parseInt(t.substring(e + 1));
            t = t.substring(0, e);
        }
        if (Double.parseDouble(t) == 0) {
            return 1e-6;
        }
        int dot = t.indexOf('.');
        if (dot >= 0) {
            return 0.5 * Math.pow(10, exp - (t.length() - dot - 1));
        }
        int zeros = 0;
        for (int i = t.length() - 1; i >= 0 && t.charAt(i) == '0'; i--) {
            zeros++;
        }
        return 0.5 * Math.pow(10, exp + Math.max(0, Math.min(zeros, t.length() - 3)));
    }

    /** scorelib.within: |value - ref| <= tol with slack for decimals that binary floats cannot hold. */
    static boolean within(double value, double ref, double tol) {
        return Math.abs(value - ref) <= tol * (1 + 1e-9) + 1e-12 * Math.max(1.0, Math.abs(ref));
    }

    @Test
    void toleranceRuleMatchesScorelib() {
        assertEquals(0.0005, tolerance("0.519", "0"), 1e-15);
        assertEquals(0.05, tolerance("2.6", "0"), 1e-15);
        assertEquals(0.5, tolerance("125256", "0"), 1e-15);
        assertEquals(5, tolerance("1490", "0"), 1e-12);
        assertEquals(5, tolerance("-1000", "0"), 1e-12);
        assertEquals(0.5, tolerance("100", "0"), 1e-15);
        assertEquals(0.5, tolerance("60", "0"), 1e-15);
        assertEquals(1e-6, tolerance("0", "0"), 1e-18);
        assertEquals(4, tolerance("556", "4"), 0);
    }

    private static int col(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("column " + name + " missing");
    }

    /** Minimal CSV reader (quoted fields with commas, BOM). */
    static List<String[]> readCsv(Path p) throws IOException {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean q = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    if (q && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        q = !q;
                    }
                } else if (c == ',' && !q) {
                    cells.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            cells.add(cur.toString());
            rows.add(cells.toArray(new String[0]));
        }
        return rows;
    }

    static void writeRow(Map<String, Double> f, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        StringBuilder h = new StringBuilder("dataset");
        StringBuilder v = new StringBuilder("digital phantom");
        for (Map.Entry<String, Double> e : f.entrySet()) {
            h.append(',').append(e.getKey());
            v.append(',').append(e.getValue() == null || e.getValue().isNaN() ? "" : Double.toString(e.getValue()));
        }
        Files.writeString(out, h + "\n" + v + "\n", StandardCharsets.UTF_8);
    }
}
