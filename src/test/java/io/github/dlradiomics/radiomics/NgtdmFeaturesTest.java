package io.github.dlradiomics.radiomics;

import static io.github.dlradiomics.radiomics.GlszmFeaturesTest.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlradiomics.radiomics.GlszmFeaturesTest.PyRadiomicsCases;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NGTDM against PyRadiomics: its docstring example, its matrix baselines (brain1, breast1), the homogeneous-ROI edge
 * cases, and its feature baselines for the default, 2d, FBN, flatRegion and (sigma) resegmentation configurations.
 */
class NgtdmFeaturesTest {

    @Test
    void docstringExampleGivesThePublishedMatrix() {
        // ngtdm.py class docstring: 4x4 image, no grey level 4 (its row is dropped). Two slips in that docstring:
        // its table says s_3 = 2.63 where its own (correct) sum gives 3.0333..., and its term list for s_5
        // (14/5, 18/5, 20/8, 11/5; total 8.9) disagrees with its total 10.075. The neighbourhood sums read off the
        // image are 13/5, 21/8, 20/8, 11/5, which give the published 10.075.
        DiscretizedRoi roi = new DiscretizedRoi(4, 4, 1, new int[] {
            1, 2, 5, 2,
            3, 5, 1, 3,
            1, 3, 5, 5,
            3, 1, 1, 1}, new double[] {1, 1, 1});
        double s1 = Math.abs(1 - 10.0 / 3) + Math.abs(1 - 30.0 / 8) + Math.abs(1 - 15.0 / 5) + Math.abs(1 - 13.0 / 5)
                + Math.abs(1 - 15.0 / 5) + Math.abs(1 - 11.0 / 3);
        double s2 = Math.abs(2 - 15.0 / 5) + Math.abs(2 - 9.0 / 3);
        double s3 = Math.abs(3 - 12.0 / 5) + Math.abs(3 - 18.0 / 5) + Math.abs(3 - 20.0 / 8) + Math.abs(3 - 5.0 / 3);
        double s5 = Math.abs(5 - 13.0 / 5) + Math.abs(5 - 21.0 / 8) + Math.abs(5 - 20.0 / 8) + Math.abs(5 - 11.0 / 5);
        double[][] expected = {{6, s1, 1}, {2, s2, 2}, {4, s3, 3}, {4, s5, 5}};
        assertMatrixEquals(expected, NgtdmFeatures.matrix(roi, TextureSettings.DEFAULT), 1e-12, "docstring NGTDM");
        assertEquals(13.35, s1, 1e-12);
        assertEquals(10.075, s5, 1e-12);
        // Coarseness = 1 / sum p_i s_i with p = n / 16
        double coarse = 1 / ((6 * s1 + 2 * s2 + 4 * s3 + 4 * s5) / 16);
        assertEquals(coarse, NgtdmFeatures.compute(roi, TextureSettings.DEFAULT).get("Coarseness"), 1e-12);
    }

    @Test
    void homogeneousRoiGetsPyRadiomicsEdgeValues() {
        int[] lv = new int[4 * 4 * 3];
        Arrays.fill(lv, 2);
        lv[5] = 0; // a hole does not matter: every neighbour average is still 2
        DiscretizedRoi roi = new DiscretizedRoi(4, 4, 3, lv, new double[] {1, 1, 1});
        Map<String, Double> f = NgtdmFeatures.compute(roi, TextureSettings.DEFAULT);
        assertEquals(1e6, f.get("Coarseness"), 0); // sum p_i s_i = 0
        assertEquals(0, f.get("Contrast"), 0); // Ngp = 1
        assertEquals(0, f.get("Busyness"), 0); // 0 / 0
        assertEquals(0, f.get("Complexity"), 0);
        assertEquals(0, f.get("Strength"), 0); // sum s_i = 0
    }

    @Test
    void isolatedVoxelCountsWithZeroDifference() {
        // cmatrices.c: a voxel without neighbours in the ROI still counts in n_i and adds |diff| = 0.
        DiscretizedRoi roi = new DiscretizedRoi(3, 1, 1, new int[] {1, 0, 3}, new double[] {1, 1, 1});
        assertMatrixEquals(new double[][] {{1, 0, 1}, {1, 0, 3}}, NgtdmFeatures.matrix(roi, TextureSettings.DEFAULT),
                0, "isolated");
    }

    @Test
    void matrixBaselines() {
        for (String c : new String[] {"brain1", "breast1"}) {
            DiscretizedRoi roi = PyRadiomicsCases.roi(c, PyRadiomicsCases.DEFAULT_SETTINGS);
            double[][] expected = PyRadiomicsCases.npy("matrix_baseline/" + c + "_ngtdm.npy");
            assertMatrixEquals(expected, NgtdmFeatures.matrix(roi, TextureSettings.DEFAULT), 1e-12, c + " NGTDM");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"brain1", "brain1_2d", "brain1_FBN", "brain1_flatRegion", "brain1_resegmentation",
        "breast1", "breast1_2d", "breast1_FBN", "breast1_flatRegion", "breast1_resegmentation"})
    void featureBaselines(String column) {
        PyRadiomicsCases.checkColumn("ngtdm", column, NgtdmFeatures.names(),
                (roi, s) -> NgtdmFeatures.compute(roi, s));
    }
}
