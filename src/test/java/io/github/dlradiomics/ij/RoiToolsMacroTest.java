package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.roi.Agreement;
import io.github.dlradiomics.roi.LabelSlices;
import io.github.dlradiomics.roi.SliceAxis;
import io.github.dlradiomics.util.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ROI commands from macros ({@code ./dlrad macro} in a child JVM under Xvfb): round trip and bad input. */
class RoiToolsMacroTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void display() {
        DlradProcess.assumeDisplay();
    }

    private Path macro(String text) throws Exception {
        Path m = Files.createTempFile(tmp, "m", ".ijm");
        Files.writeString(m, text);
        return m;
    }

    /**
     * A small synthetic case on an anisotropic, shifted grid: label 1 an ellipsoid, label 2 a hollow
     * cylinder (a ROI with a hole on every slice), both on z = 2..18 (slices 3..19).
     */
    static Volume syntheticMask() {
        Volume v = new Volume(48, 40, 21, PixelType.UINT8).setSpacing(0.8, 0.8, 2.0).setOrigin(-10, 20, 30);
        for (int z = 0; z < 21; z++) {
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 48; x++) {
                    double e = sq((x - 18) / 10.5) + sq((y - 20) / 12.5) + sq((z - 10) / 8.5);
                    double r = Math.hypot(x - 37, y - 20);
                    if (e <= 1) {
                        v.set(x, y, z, 1);
                    } else if (z >= 2 && z <= 18 && r <= 7.5 && r >= 3) {
                        v.set(x, y, z, 2);
                    }
                }
            }
        }
        return v;
    }

    private static double sq(double a) {
        return a * a;
    }

    static Volume syntheticImage(Volume mask) {
        Volume img = new Volume(mask.nx(), mask.ny(), mask.nz(), PixelType.INT16).copyGeometryFrom(mask);
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < img.size(); i++) {
            img.data()[i] = 100 + 300 * mask.data()[i] + Math.rint(20 * r.nextGaussian());
        }
        return img;
    }

    @Test
    void drawInterpolateMeasureRoundTrip() throws Exception {
        Volume mask = syntheticMask();
        assertEquals(List.of(1, 2), List.copyOf(LabelSlices.labels(mask)));
        Path maskFile = tmp.resolve("case_mask.nii.gz");
        Path imageFile = tmp.resolve("case.nii.gz");
        Volumes.write(mask, maskFile);
        Volumes.write(syntheticImage(mask), imageFile);
        Path out = tmp.resolve("out_mask.nrrd");
        Path all = tmp.resolve("reader1.zip");
        Path keys = tmp.resolve("reader2.zip");
        Path agreement = tmp.resolve("agreement.csv");
        Path m = macro(""
                + "run(\"Open Volume...\", \"image=[" + imageFile + "]\");\n"
                + "image = getTitle();\n"
                + "run(\"Import Mask...\", \"mask=[" + maskFile + "]\");\n"
                + "print(\"mask title=\" + getTitle() + \" slices=\" + nSlices);\n"
                + "run(\"Label Mask to ROIs\", \"mask=[\" + getTitle() + \"] axis=Z\");\n"
                + "n = roiManager(\"count\");\n"
                + "print(\"rois=\" + n + \" first=\" + RoiManager.getName(0) + \" last=\" + RoiManager.getName(n - 1));\n"
                + "roiManager(\"select\", n - 1);\n"
                + "Roi.getPosition(channel, slice, frame);\n"
                + "print(\"last position=\" + slice + \" shown=\" + getSliceNumber());\n"
                + "roiManager(\"deselect\");\n"
                + "roiManager(\"save\", \"" + all + "\");\n"
                // keep the key slices 3, 7, 11, 15, 19 of each label; delete the others' ROIs
                + "drop = newArray(0);\n"
                + "for (i = 0; i < n; i++) { p = split(RoiManager.getName(i), \"-\"); if ((parseInt(p[1]) - 3) % 4 != 0) drop = Array.concat(drop, i); }\n"
                + "selectImage(image);\n"
                + "roiManager(\"select\", drop);\n"
                + "roiManager(\"delete\");\n"
                + "print(\"keys=\" + roiManager(\"count\"));\n"
                + "run(\"Interpolate ROIs\", \"image=[\" + image + \"] axis=Z labels=\");\n"
                + "print(\"after=\" + roiManager(\"count\"));\n"
                + "roiManager(\"save\", \"" + keys + "\");\n"
                + "run(\"ROIs to Label Mask\", \"image=[\" + image + \"] axis=Z\");\n"
                + "print(\"labels title=\" + getTitle() + \" bits=\" + bitDepth());\n"
                + "run(\"Export Mask...\", \"output=[" + out + "]\");\n"
                + "run(\"Largest ROI Slice\", \"source=ROIs image=[\" + image + \"] axis=Z label=0\");\n"
                + "t = \"Largest ROI Slice\";\n"
                + "for (i = 0; i < Table.size(t); i++) print(\"largest \" + Table.getString(\"Label\", i, t) + \" \" + Table.get(\"Slice\", i, t) + \" \" + Table.get(\"Index\", i, t));\n"
                + "selectImage(image);\n"
                + "print(\"current slice=\" + getSliceNumber() + \" of \" + getTitle());\n"
                + "run(\"Reader Agreement...\", \"compare=masks reader1=[" + maskFile + "] reader2=[" + out + "] case=synthetic table=[" + agreement + "]\");\n"
                + "run(\"Reader Agreement...\", \"compare=ROIs reader1=[" + all + "] reader2=[" + keys + "] image=[\" + image + \"] case=rois\");\n"
                + "t = \"Reader Agreement\";\n"
                + "for (i = 0; i < Table.size(t); i++) print(\"agreement \" + Table.getString(\"Label\", i, t) + \" dice=\" + Table.get(\"Dice\", i, t));\n"
                + "print(\"done\");\n");
        DlradProcess.Result r = DlradProcess.run(120, "macro", m.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        String o = r.out();
        assertTrue(o.contains("mask title=case_mask.nii.gz slices=21"), o);
        assertTrue(o.contains("rois=34 first=1-0003 last=2-0019"), o); // 17 slices per label
        assertTrue(o.contains("last position=19 shown=19"), o);
        assertTrue(o.contains("keys=10"), o);
        Matcher after = Pattern.compile("after=(\\d+)").matcher(o);
        assertTrue(after.find(), o);
        assertTrue(Integer.parseInt(after.group(1)) > 10, o);
        assertTrue(o.contains("Interpolate ROIs: label 1: ") && o.contains("Interpolate ROIs: label 2: 12 slice(s) filled (4..18)"), o);
        assertTrue(o.contains("labels title=case-labels bits=8"), o);
        assertTrue(o.contains("current slice=11 of case.nii.gz"), o); // the ellipsoid's largest section, z = 10
        assertTrue(o.contains("largest case.nii.gz:1 11 10"), o);
        assertTrue(o.contains("done"), o);

        Volume back = Volumes.read(out);
        assertTrue(back.sameGeometry(mask, 1e-5), back.describeGeometry() + " vs " + mask.describeGeometry());
        SortedMap<Integer, Agreement.Result> ag = Agreement.compare(mask, back);
        assertEquals(List.of(1, 2), List.copyOf(ag.keySet()));
        for (Agreement.Result a : ag.values()) {
            assertTrue(a.dice() > 0.9, a.toString());
        }
        // the hollow cylinder is the same on every slice: interpolation gives it back exactly
        assertEquals(1.0, ag.get(2).dice(), 1e-12);
        List<Map<String, String>> rows = Csv.read(agreement);
        assertEquals(2, rows.size());
        assertEquals(ag.get(1).dice(), Csv.number(rows.get(0).get("Dice")), 1e-6);
        assertTrue(o.contains("agreement rois:2 dice=1"), o);
        assertTrue(o.contains("agreement synthetic:1 dice=0.9"), o);
    }

    @Test
    void reslicedAlongXAndBack() throws Exception {
        Volume mask = syntheticMask();
        Path maskFile = tmp.resolve("mask.nii.gz");
        Volumes.write(mask, maskFile);
        Path out = tmp.resolve("back.nii.gz");
        Path m = macro(""
                + "run(\"Open Volume...\", \"image=[" + maskFile + "]\");\n"
                + "src = getTitle();\n"
                + "run(\"Label Mask to ROIs\", \"mask=[\" + src + \"] axis=X\");\n"
                + "print(\"resliced=\" + getTitle() + \" \" + getWidth() + \"x\" + getHeight() + \"x\" + nSlices);\n"
                + "run(\"ROIs to Label Mask\", \"image=[\" + src + \"] axis=X\");\n"
                + "run(\"Export Mask...\", \"output=[" + out + "]\");\n");
        DlradProcess.Result r = DlradProcess.run(120, "macro", m.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("resliced=mask.nii.gz [X] 40x21x48"), r.err() + r.out());
        Volume back = Volumes.read(out);
        assertTrue(back.sameGeometry(mask, 1e-5));
        org.junit.jupiter.api.Assertions.assertArrayEquals(mask.data(), back.data(), 0, "exact round trip along X");
        assertEquals(SliceAxis.X.count(mask), 48);
    }

    @Test
    void badInputIsLoggedAndNeverBlocks() throws Exception {
        Path maskFile = tmp.resolve("small_mask.nii.gz");
        Volume small = new Volume(10, 12, 3, PixelType.UINT8).setSpacing(1, 1, 2);
        small.set(4, 4, 1, 1);
        Volumes.write(small, maskFile);
        Path imageFile = tmp.resolve("big.nii.gz");
        Volume big = syntheticMask();
        Volumes.write(big, imageFile);
        String open = "run(\"Open Volume...\", \"image=[" + imageFile + "]\");\n";
        String[][] cases = {
            {"run(\"ROIs to Label Mask\");", "DLRadiomics ROIs to Label Mask: no image is open"},
            {"run(\"Interpolate ROIs\");", "DLRadiomics Interpolate ROIs: no image is open"},
            {"run(\"Largest ROI Slice\");", "DLRadiomics Largest ROI Slice: no image is open"},
            {"run(\"Import Mask...\", \"mask=[" + maskFile + "]\");", "DLRadiomics Import Mask: no image is open"},
            {"run(\"Export Mask...\", \"output=[" + tmp.resolve("x.nii.gz") + "]\");", "DLRadiomics Export Mask: no image is open"},
            {"run(\"Label Mask to ROIs\", \"axis=Z\");", "DLRadiomics Label Mask to ROIs: no image is open and no mask file given"},
            {open + "run(\"ROIs to Label Mask\", \"axis=Z\");", "DLRadiomics ROIs to Label Mask: the ROI Manager holds no ROIs"},
            {open + "run(\"Interpolate ROIs\", \"axis=Z\");", "DLRadiomics Interpolate ROIs: the ROI Manager holds no ROIs"},
            {open + "run(\"Largest ROI Slice\", \"source=ROIs axis=auto label=0\");", "DLRadiomics Largest ROI Slice: the ROI Manager holds no ROIs"},
            {open + "run(\"Import Mask...\", \"mask=[" + maskFile + "]\");",
                "is not on the grid of image 'big.nii.gz': 10x12x3 voxels, spacing (1, 1, 2) mm"},
            {open + "run(\"Label Mask to ROIs\", \"mask=<file> file=[" + maskFile + "] axis=Z\");", "48x40x21 voxels"},
            {open + "run(\"Reader Agreement...\", \"compare=masks reader1=[" + maskFile + "] reader2=[" + imageFile + "]\");",
                "DLRadiomics Reader Agreement: the two masks differ in size"},
            {"run(\"Reader Agreement...\", \"compare=features reader1=[" + tmp.resolve("none.csv") + "] reader2=[" + tmp.resolve("none2.csv") + "]\");",
                "none.csv: feature table not found"},
        };
        for (String[] c : cases) {
            DlradProcess.Result r = DlradProcess.run(60, "macro", macro(c[0] + "\nprint(\"after\");\n").toString());
            assertEquals(1, r.code(), c[0] + " -> " + r.err() + r.out());
            assertTrue(r.out().contains(c[1]), c[0] + " -> " + r.out());
            assertFalse(r.out().contains("after"), "the macro stopped: " + c[0]);
        }
    }
}
