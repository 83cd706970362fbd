package io.github.dlradiomics.radiomics;

import static io.github.dlradiomics.radiomics.GlszmFeaturesTest.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlradiomics.radiomics.GlszmFeaturesTest.PyRadiomicsCases;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GLDM against PyRadiomics: its docstring example, its matrix baselines (brain1, breast1) and its feature baselines
 * for the default, 2d, FBN, flatRegion and (sigma) resegmentation configurations.
 */
class GldmFeaturesTest {
    private static final int[] DOCSTRING_IMAGE = {
        5, 2, 5, 4, 4,
        3, 3, 3, 1, 3,
        2, 1, 1, 1, 3,
        4, 2, 2, 2, 3,
        3, 5, 3, 3, 2};

    @Test
    void docstringExampleGivesThePublishedMatrix() {
        // gldm.py class docstring: alpha 0, delta 1, 8 neighbours in the plane; column j = dependence j - 1
        DiscretizedRoi roi = new DiscretizedRoi(5, 5, 1, DOCSTRING_IMAGE, new double[] {1, 1, 1});
        double[][] expected = {
            {0, 1, 2, 1},
            {1, 2, 3, 0},
            {1, 4, 4, 0},
            {1, 2, 0, 0},
            {3, 0, 0, 0}};
        assertMatrixEquals(expected, GldmFeatures.matrix(roi, TextureSettings.DEFAULT), 0, "docstring GLDM");
    }

    @Test
    void alphaWidensDependenceAndEmptyColumnsAreDropped() {
        DiscretizedRoi roi = new DiscretizedRoi(3, 1, 1, new int[] {1, 2, 4}, new double[] {1, 1, 1});
        TextureSettings a1 = new TextureSettings(new int[] {1}, true, null, 1, false, 0);
        // alpha 0: nobody depends on anybody -> one column (dependence 0)
        assertMatrixEquals(new double[][] {{1}, {1}, {1}}, GldmFeatures.matrix(roi, TextureSettings.DEFAULT), 0, "a0");
        // alpha 1: 1 and 2 depend on each other, 4 stays alone -> columns dependence 0 and 1
        assertMatrixEquals(new double[][] {{0, 1}, {0, 1}, {1, 0}}, GldmFeatures.matrix(roi, a1), 0, "a1");
        Map<String, Double> f = GldmFeatures.compute(roi, a1);
        // jvector = {1, 2}: SDE = (1/1 + 2/4) / 3
        assertEquals((1.0 + 2.0 / 4) / 3, f.get("SmallDependenceEmphasis"), 1e-15);
    }

    @Test
    void distanceTwoReachesFurther() {
        DiscretizedRoi roi = new DiscretizedRoi(3, 1, 1, new int[] {1, 0, 1}, new double[] {1, 1, 1});
        TextureSettings d2 = new TextureSettings(new int[] {2}, true, null, 0, false, 0);
        assertMatrixEquals(new double[][] {{2}}, GldmFeatures.matrix(roi, TextureSettings.DEFAULT), 0, "d1");
        assertMatrixEquals(new double[][] {{2}}, GldmFeatures.matrix(roi, d2), 0, "d2");
        assertEquals(1.0 / 4, GldmFeatures.compute(roi, d2).get("SmallDependenceEmphasis"), 1e-15); // j = 2
    }

    @Test
    void matrixBaselines() {
        for (String c : new String[] {"brain1", "breast1"}) {
            DiscretizedRoi roi = PyRadiomicsCases.roi(c, PyRadiomicsCases.DEFAULT_SETTINGS);
            double[][] expected = PyRadiomicsCases.npy("matrix_baseline/" + c + "_gldm.npy");
            assertMatrixEquals(expected, GldmFeatures.matrix(roi, TextureSettings.DEFAULT), 1e-12, c + " GLDM");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"brain1", "brain1_2d", "brain1_FBN", "brain1_flatRegion", "brain1_resegmentation",
        "breast1", "breast1_2d", "breast1_FBN", "breast1_flatRegion", "breast1_resegmentation"})
    void featureBaselines(String column) {
        PyRadiomicsCases.checkColumn("gldm", column, GldmFeatures.names(),
                (roi, s) -> GldmFeatures.compute(roi, s));
    }
}
