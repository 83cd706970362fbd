package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.roi.Agreement;
import io.github.dlradiomics.stats.Icc;
import io.github.dlradiomics.util.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ROI commands on reference data, and the two macros in macros/: Largest ROI Slice on the
 * TotalSegmentator vertebrae, Reader Agreement's ICCs against {@link Icc} on Shrout and Fleiss (1979),
 * and draw -&gt; interpolate -&gt; measure on the teaching cohort.
 */
class RoiToolsReferenceTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void display() {
        DlradProcess.assumeDisplay();
    }

    @Test
    void largestSagittalSectionOfTheLumbarVertebrae() throws Exception {
        Path labels = TestData.shared("imaging/totalsegmentator_ct/vertebrae_labels.nii.gz");
        Path m = tmp.resolve("largest.ijm");
        Files.writeString(m, "run(\"Open Volume...\", \"image=[" + labels + "]\");\n"
                + "run(\"Largest ROI Slice\", \"source=image image=vertebrae_labels.nii.gz axis=auto label=0\");\n"
                + "t = \"Largest ROI Slice\";\n"
                + "for (i = 0; i < Table.size(t); i++) print(\"row \" + Table.getString(\"Label\", i, t) + \" \""
                + " + Table.getString(\"Axis\", i, t) + \" \" + Table.get(\"Index\", i, t) + \" \" + Table.get(\"Slice\", i, t)"
                + " + \" \" + Table.get(\"Area (mm²)\", i, t));\n");
        DlradProcess.Result r = DlradProcess.run(120, "macro", m.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Matcher row = Pattern.compile("row vertebrae_labels\\.nii\\.gz:(\\d+) (\\w) (\\d+) (\\d+) ([\\d.]+)").matcher(r.out());
        Map<Integer, Integer> index = new LinkedHashMap<>();
        while (row.find()) {
            assertEquals("X", row.group(2), "sagittal = X for this axial CT");
            assertEquals(Integer.parseInt(row.group(3)) + 1, Integer.parseInt(row.group(4)), "slice = index + 1");
            index.put(Integer.parseInt(row.group(1)), Integer.parseInt(row.group(3)));
        }
        for (int label = 27; label <= 31; label++) { // L5 .. L1
            Integer x = index.get(label);
            assertTrue(x != null && (x == 59 || x == 60), "label " + label + ": x = " + x + "\n" + r.out());
        }
    }

    /** reader1.csv / reader2.csv from the 6 x 4 Shrout-Fleiss ratings: feature "Ja_Jb" = judge a vs judge b. */
    private static final String[][] PAIRS = {{"J1", "J2"}, {"J3", "J4"}, {"J1", "J4"}, {"J2", "J3"}, {"J4", "J4"}};

    @Test
    void agreementMacroGivesTheIccOfStatsIcc() throws Exception {
        List<Map<String, String>> sf = Csv.read(TestData.shared("reference/stats/icc_shrout_fleiss_1979.csv"));
        assertEquals(6, sf.size());
        Path dir = Files.createDirectories(tmp.resolve("readers"));
        List<String> header = new ArrayList<>(List.of("ID", "diagnostics_Versions"));
        for (String[] p : PAIRS) {
            header.add(p[0] + "_" + p[1]);
        }
        for (int reader = 0; reader < 2; reader++) {
            try (var w = Files.newBufferedWriter(dir.resolve("reader" + (reader + 1) + ".csv"))) {
                Csv.writeLine(w, header);
                for (int i = 0; i < sf.size(); i++) {
                    List<Object> line = new ArrayList<>(List.of("S" + (i + 1), "v3.1"));
                    for (String[] p : PAIRS) {
                        line.add(Csv.number(sf.get(i).get(p[reader])));
                    }
                    Csv.writeLine(w, line);
                }
            }
        }
        Volume a = RoiToolsMacroTest.syntheticMask();
        Volume b = a.copy();
        for (int z = 0; z < b.nz(); z++) { // reader 2 draws label 1 one voxel further right
            for (int y = 0; y < b.ny(); y++) {
                for (int x = b.nx() - 1; x > 0; x--) {
                    if (a.get(x - 1, y, z) == 1 && a.get(x, y, z) == 0) {
                        b.set(x, y, z, 1);
                    }
                }
            }
        }
        Volumes.write(a, dir.resolve("reader1_mask.nii.gz"));
        Volumes.write(b, dir.resolve("reader2_mask.nii.gz"));

        Path macro = TestData.projectRoot().resolve("macros/agreement_icc.ijm");
        DlradProcess.Result r = DlradProcess.run(120, "macro", macro.toString(), dir.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        String o = r.out();
        SortedMap<Integer, Agreement.Result> ag = Agreement.compare(Volumes.read(dir.resolve("reader1_mask.nii.gz")),
                Volumes.read(dir.resolve("reader2_mask.nii.gz")));
        assertTrue(o.contains(String.format(Locale.ROOT, "label 1: Dice=%.4f HD95=%.2f mm", ag.get(1).dice(), ag.get(1).hd95Mm())), o);
        assertTrue(o.contains("label 2: Dice=1.0000 HD95=0.00 mm"), o);
        assertTrue(o.contains("Reader Agreement: "), o);

        List<String> kept = new ArrayList<>();
        for (String[] p : PAIRS) {
            String f = p[0] + "_" + p[1];
            double[][] x = new double[sf.size()][2];
            for (int i = 0; i < sf.size(); i++) {
                x[i][0] = Csv.number(sf.get(i).get(p[0]));
                x[i][1] = Csv.number(sf.get(i).get(p[1]));
            }
            Icc.Result icc = Icc.compute(x);
            Icc.Estimate i2 = icc.get(Icc.Type.ICC2);
            Icc.Estimate i3 = icc.get(Icc.Type.ICC3);
            Matcher m = Pattern.compile(Pattern.quote(f) + ": ICC\\(2,1\\)=(\\S+) \\[(\\S+), (\\S+)\\] ICC\\(3,1\\)=(\\S+) \\[(\\S+), (\\S+)\\] kept=(\\w+)")
                    .matcher(o);
            assertTrue(m.find(), f + "\n" + o);
            double[] expected = {i2.value(), i2.lower(), i2.upper(), i3.value(), i3.lower(), i3.upper()};
            for (int k = 0; k < 6; k++) {
                String s = m.group(k + 1);
                if (Double.isNaN(expected[k])) {
                    assertEquals("NaN", s, f);
                } else {
                    assertEquals(expected[k], Double.parseDouble(s), 5.1e-5, f + " value " + k);
                }
            }
            boolean keep = i2.value() >= 0.75;
            assertEquals(keep ? "yes" : "no", m.group(7), f);
            if (keep) {
                kept.add(f);
            }
        }
        assertTrue(kept.contains("J4_J4"), kept.toString());
        assertEquals(kept, Files.readAllLines(dir.resolve("kept_features.txt")));
        List<Map<String, String>> table = Csv.read(dir.resolve("icc.csv"));
        assertEquals(PAIRS.length, table.size());
        assertEquals("J1_J2", table.get(0).get("feature"));
    }

    @Test
    void drawInterpolateMeasureMacroOnTheTeachingCohort() throws Exception {
        Path cohort = tmp.resolve("cohort");
        DlradProcess.Result c = DlradProcess.run(120, "cohort", "--out", cohort.toString(), "--cases", "2");
        assertEquals(0, c.code(), c.err());
        Path macro = TestData.projectRoot().resolve("macros/draw_interpolate_measure.ijm");
        DlradProcess.Result r = DlradProcess.run(120, "macro", macro.toString(), cohort.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Matcher dice = Pattern.compile("interpolated vs full mask, label (\\d+): Dice=([\\d.]+)").matcher(r.out());
        assertTrue(dice.find(), r.out());
        assertTrue(Double.parseDouble(dice.group(2)) > 0.9, r.out());
        assertTrue(r.out().contains("largest section: "), r.out());
        assertTrue(Files.exists(cohort.resolve("SYN001_interpolated.nii.gz")));
    }
}
