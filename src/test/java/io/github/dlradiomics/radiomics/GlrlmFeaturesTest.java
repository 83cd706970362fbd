package io.github.dlradiomics.radiomics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.radiomics.GlcmFeaturesTest.ReferenceCase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GLRLM against PyRadiomics: its glrlm.py docstring example, its reference matrices (matrix_baseline/*_glrlm.npy)
 * and its feature baselines for the default, 2d, FBN, combined, flatRegion and resegmentation configurations of
 * brain1 and breast1. The reference cases are loaded by {@link GlcmFeaturesTest.ReferenceCase}.
 */
class GlrlmFeaturesTest {

    @Test
    void namesAreTheBaselineFeaturesInPyRadiomicsOrder() throws IOException {
        List<String> names = GlrlmFeatures.names();
        assertEquals(16, names.size());
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparing(n -> "get" + n + "FeatureValue"));
        assertEquals(sorted, names);
        assertEquals(new TreeSet<>(names), new TreeSet<>(ReferenceCase.baselineFeatures("glrlm")));
    }

    @Test
    void docstringExampleGivesThePublishedMatrix() {
        // glrlm.py class docstring: 5x5 image, runs along angle 0 degrees (x)
        DiscretizedRoi roi = new DiscretizedRoi(5, 5, 1, new int[] {
            5, 2, 5, 4, 4,
            3, 3, 3, 1, 3,
            2, 1, 1, 1, 3,
            4, 2, 2, 2, 3,
            3, 5, 3, 3, 2}, new double[] {1, 1, 1});
        double[][] expected = {
            {1, 0, 1, 0, 0},
            {3, 0, 1, 0, 0},
            {4, 1, 1, 0, 0},
            {1, 1, 0, 0, 0},
            {3, 0, 0, 0, 0}};
        double[][][] raw = GlrlmFeatures.matrix(roi, TextureSettings.DEFAULT);
        assertEquals(4, raw.length); // (0,1,1), (0,1,0), (0,1,-1), (0,0,1)
        assertArrayEquals(expected, raw[3]);
    }

    @Test
    void anAngleAlongWhichTheRoiIsFlatIsEmptied() {
        // Two voxels touching only by a corner: along (1,1,1) they form one line; along every other angle each line
        // holds at most one ROI voxel, and calculate_glrlm zeroes such an angle instead of counting runs of 1.
        int[] lv = new int[8];
        lv[0] = 1; // (0,0,0)
        lv[7] = 2; // (1,1,1)
        DiscretizedRoi roi = new DiscretizedRoi(2, 2, 2, lv, new double[] {1, 1, 1});
        double[][][] raw = GlrlmFeatures.matrix(roi, TextureSettings.DEFAULT);
        assertEquals(13, raw.length);
        assertArrayEquals(new double[][] {{1, 0}, {1, 0}}, raw[0]);
        for (int a = 1; a < 13; a++) {
            assertArrayEquals(new double[][] {{0, 0}, {0, 0}}, raw[a], "angle " + a);
        }
        // only angle (1,1,1) survives: 2 runs of length 1
        Map<String, Double> f = GlrlmFeatures.compute(roi, TextureSettings.DEFAULT);
        assertEquals(1.0, f.get("ShortRunEmphasis"), 0);
        assertEquals(1.0, f.get("RunPercentage"), 0);
        assertEquals(0.5, f.get("GrayLevelNonUniformityNormalized"), 0);
    }

    @Test
    void aSingleVoxelGivesNaN() {
        DiscretizedRoi roi = new DiscretizedRoi(1, 1, 1, new int[] {2}, new double[] {1, 1, 1});
        for (double v : GlrlmFeatures.compute(roi, TextureSettings.DEFAULT).values()) {
            assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void matrixMatchesPyRadiomicsReference() throws IOException {
        for (String name : List.of("brain1", "breast1")) {
            // matrix_baseline holds P_glrlm after _calculateCoefficients: present levels x present run lengths x 13
            // angles (build_angles' order, as Angles), counts (not normalised).
            Npy ref = Npy.read(TestData.shared("reference/pyradiomics/matrix_baseline/" + name + "_glrlm.npy"));
            DiscretizedRoi roi = ReferenceCase.roi(name, ReferenceCase.config(name));
            GlrlmFeatures.Reduced m = GlrlmFeatures.reduced(roi, TextureSettings.DEFAULT);
            int n = m.levels().length;
            int nr = m.runLengths().length;
            assertArrayEquals(new int[] {n, nr, 13}, ref.shape(), name + " shape");
            assertEquals(13, m.p().length);
            for (int a = 0; a < 13; a++) {
                for (int i = 0; i < n; i++) {
                    for (int r = 0; r < nr; r++) {
                        assertEquals(ref.get(i, r, a), m.p()[a][i][r], 1e-12, name + " P[" + i + "][" + r + "][" + a + "]");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"brain1", "brain1_2d", "brain1_FBN", "brain1_combined", "brain1_flatRegion",
        "brain1_resegmentation", "breast1", "breast1_2d", "breast1_FBN", "breast1_combined", "breast1_flatRegion",
        "breast1_resegmentation"})
    void featuresMatchPyRadiomicsBaseline(String column) throws IOException {
        ReferenceCase.Config c = ReferenceCase.config(column);
        DiscretizedRoi roi = ReferenceCase.roi(column.substring(0, column.indexOf('1') + 1), c);
        ReferenceCase.assertMatchesBaseline("glrlm", column, GlrlmFeatures.compute(roi, c.texture()), Map.of());
    }
}
