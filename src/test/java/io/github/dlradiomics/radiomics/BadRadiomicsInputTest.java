package io.github.dlradiomics.radiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.NiftiIO;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the radiomics engine: clear one-line messages, and batches that go on past bad cases. */
class BadRadiomicsInputTest {
    @TempDir
    Path tmp;

    static Volume image(int n, long seed) {
        Volume v = new Volume(n, n, n, PixelType.INT16);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < v.size(); i++) {
            v.data()[i] = r.nextInt(0, 400);
        }
        v.setSpacing(1, 1, 2);
        return v;
    }

    static Volume cube(Volume like, int from, int to, int label) {
        Volume m = like.blankLike(PixelType.UINT8);
        for (int z = from; z < to; z++) {
            for (int y = from; y < to; y++) {
                for (int x = from; x < to; x++) {
                    m.set(x, y, z, label);
                }
            }
        }
        return m;
    }

    static String message(Volume img, Volume mask, RadiomicsParams p) {
        UserInputException e = assertThrows(UserInputException.class,
                () -> new FeatureExtractor(p).extract(img, mask, false));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void emptyMaskAndAbsentLabel() {
        Volume img = image(12, 1);
        assertTrue(message(img, img.blankLike(PixelType.UINT8), RadiomicsParams.defaults()).contains("empty"));
        String m = message(img, cube(img, 2, 8, 3), RadiomicsParams.defaults());
        assertTrue(m.contains("label 1 is not present") && m.contains("[3]"), m);
    }

    @Test
    void geometryMismatchGivesBothGeometries() {
        Volume img = image(12, 2);
        Volume mask = cube(img, 2, 8, 1);
        mask.setOrigin(5, 0, 0);
        String m = message(img, mask, RadiomicsParams.defaults());
        assertTrue(m.contains("image 12x12x12 voxels") && m.contains("mask 12x12x12") && m.contains("origin (5, 0, 0)"),
                m);
        // with correctMask the mask is resampled onto the image and extraction succeeds
        RadiomicsParams p = RadiomicsParams.parse("setting:\n  correctMask: true\n", "test");
        assertTrue(new FeatureExtractor(p).extract(img, mask, false).containsKey("original_firstorder_Mean"));
    }

    @Test
    void oneVoxelRoi() {
        Volume img = image(8, 3);
        Volume mask = img.blankLike(PixelType.UINT8);
        mask.set(3, 3, 3, 1);
        assertTrue(message(img, mask, RadiomicsParams.defaults()).contains("single voxel"));
    }

    @Test
    void nanIntensitiesInTheRoi() {
        Volume img = image(10, 4).setPixelType(PixelType.FLOAT32);
        img.set(4, 4, 4, Double.NaN);
        String m = message(img, cube(img, 2, 8, 1), RadiomicsParams.defaults());
        assertTrue(m.contains("1 of the ROI's 216 voxels") && m.contains("NaN"), m);
        // NaN outside the ROI does not matter
        Volume img2 = image(10, 4).setPixelType(PixelType.FLOAT32);
        img2.set(0, 0, 0, Double.NaN);
        assertTrue(new FeatureExtractor(RadiomicsParams.defaults()).extract(img2, cube(img2, 2, 8, 1), false)
                .containsKey("original_glcm_Contrast"));
    }

    @Test
    void flatRoiFollowsPyRadiomics() {
        Volume img = image(10, 5);
        java.util.Arrays.fill(img.data(), 100);
        Map<String, Object> f = new FeatureExtractor(RadiomicsParams.defaults()).extract(img, cube(img, 2, 8, 1), false);
        // one grey level: PyRadiomics' flat-region values
        assertEquals(0.0, f.get("original_firstorder_Variance"));
        assertEquals(0.0, f.get("original_firstorder_Skewness"));
        assertEquals(0.0, f.get("original_firstorder_Kurtosis"));
        assertEquals(1.0, f.get("original_firstorder_Uniformity"));
        assertEquals(1.0, (Double) f.get("original_glcm_Correlation"), 0);
        assertEquals(1e6, (Double) f.get("original_ngtdm_Coarseness"), 0);
        for (var e : f.entrySet()) {
            assertTrue(Double.isFinite((Double) e.getValue()), e.getKey() + " = " + e.getValue());
        }
    }

    @Test
    void twoDimensionalImage() {
        Volume img = new Volume(20, 20, 1, PixelType.INT16);
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < img.size(); i++) {
            img.data()[i] = r.nextInt(0, 300);
        }
        Volume mask = img.blankLike(PixelType.UINT8);
        for (int y = 4; y < 15; y++) {
            for (int x = 3; x < 16; x++) {
                mask.set(x, y, 0, 1);
            }
        }
        // 3D shape is refused with a pointer to shape2D
        assertTrue(message(img, mask, RadiomicsParams.defaults()).contains("shape2D"));
        // 2D settings work: shape2D and texture in the plane
        RadiomicsParams p = RadiomicsParams.parse("featureClass:\n  shape2D:\n  firstorder:\n  glcm:\n  glszm:\n"
                + "setting:\n  force2D: true\n", "2d");
        Map<String, Object> f = new FeatureExtractor(p).extract(img, mask, false);
        assertEquals(11 * 13, (Double) f.get("original_shape2D_PixelSurface"), 1e-9);
        assertTrue(f.containsKey("original_glszm_ZonePercentage"));
    }

    @Test
    void unknownParameterKeysAndValuesAreErrors() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> RadiomicsParams.parse("setting:\n  binWidht: 10\n", "p.yaml"));
        assertTrue(e.getMessage().contains("binWidht") && e.getMessage().contains("did you mean 'binWidth'"),
                e.getMessage());
        e = assertThrows(UserInputException.class, () -> RadiomicsParams.parse("setting:\n  interpolator: cubic\n", "p"));
        assertTrue(e.getMessage().contains("sitkBSpline"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> RadiomicsParams.parse("featureClass:\n  glcm: [Contrastt]\n",
                "p"));
        assertTrue(e.getMessage().contains("Contrastt") && e.getMessage().contains("Contrast"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> RadiomicsParams.parse("imagetype:\n  Original: {}\n", "p"));
        assertTrue(e.getMessage().contains("imagetype") && e.getMessage().contains("imageType"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> RadiomicsParams.parse("setting:\n  binWidth: -1\n", "p"));
        assertTrue(e.getMessage().contains("binWidth"), e.getMessage());
    }

    @Test
    void batchGoesOnPastBadCasesAndListsThem() throws Exception {
        Volume img = image(12, 7);
        NiftiIO.write(img, tmp.resolve("img.nii.gz"));
        NiftiIO.write(cube(img, 2, 9, 1), tmp.resolve("good.nii.gz"));
        NiftiIO.write(img.blankLike(PixelType.UINT8), tmp.resolve("empty.nii.gz"));
        Files.writeString(tmp.resolve("cases.csv"), "ID,Image,Mask,Group\n"
                + "A,img.nii.gz,good.nii.gz,x\n"
                + "B,img.nii.gz,empty.nii.gz,y\n"
                + "C,img.nii.gz,missing.nii.gz,z\n"
                + "D,img.nii.gz,good.nii.gz,w\n");
        Path out = tmp.resolve("features.csv");
        List<BatchExtraction.Case> cases = BatchExtraction.readCases(tmp.resolve("cases.csv"));
        BatchExtraction.Result r = BatchExtraction.run(cases, RadiomicsParams.defaults(), out, 2, false,
                ProgressListener.NONE);
        assertEquals(4, r.written());
        assertEquals(2, r.failed().size());
        assertTrue(r.failed().get(0).startsWith("B: ") && r.failed().get(0).contains("empty"), r.failed().toString());
        assertTrue(r.failed().get(1).startsWith("C: ") && r.failed().get(1).contains("missing.nii.gz"),
                r.failed().toString());
        List<Map<String, String>> rows = Csv.read(out);
        assertEquals(List.of("A", "B", "C", "D"), rows.stream().map(m -> m.get("ID")).toList());
        assertEquals("x", rows.get(0).get("Group"), "input columns pass through");
        assertEquals("", rows.get(0).get("errors"));
        assertFalse(rows.get(1).get("errors").isEmpty());
        assertEquals(rows.get(0).get("original_glcm_Contrast"), rows.get(3).get("original_glcm_Contrast"));
        assertTrue(rows.get(1).get("original_glcm_Contrast").isEmpty());
    }
}
