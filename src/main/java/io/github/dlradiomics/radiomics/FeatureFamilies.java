package io.github.dlradiomics.radiomics;

import java.util.List;

/** The PyRadiomics feature classes we compute and their feature names (PyRadiomics' order). */
public final class FeatureFamilies {
    private FeatureFamilies() {
    }

    /** Feature names of a PyRadiomics class ("glcm"), or an IllegalArgumentException for an unknown class. */
    public static List<String> names(String featureClass) {
        return switch (featureClass) {
            case "firstorder" -> FirstOrderFeatures.names();
            case "shape" -> ShapeFeatures.names();
            case "shape2D" -> Shape2DFeatures.names();
            case "glcm" -> GlcmFeatures.names();
            case "glrlm" -> GlrlmFeatures.names();
            case "glszm" -> GlszmFeatures.names();
            case "gldm" -> GldmFeatures.names();
            case "ngtdm" -> NgtdmFeatures.names();
            default -> throw new IllegalArgumentException("unknown feature class " + featureClass);
        };
    }
}
