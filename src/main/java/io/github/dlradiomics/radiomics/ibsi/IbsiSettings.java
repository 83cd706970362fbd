package io.github.dlradiomics.radiomics.ibsi;

/**
 * Settings of the IBSI-1 feature engine ({@link IbsiFeatures}). Everything here is a feature-computation
 * parameter of the IBSI reference manual (arXiv:1612.07003, chapter 3 and the "texture parameters" rows of
 * the reference configurations); image processing (interpolation, re-segmentation, discretisation for
 * texture) is done by the caller, who hands over the discretised grey levels. The two exceptions,
 * {@link #preprocessing()} and {@link #filter()}, only carry the IBSI image-processing settings and the IBSI-2
 * filter to that caller.
 *
 * <pre>IbsiSettings s = IbsiSettings.DEFAULT.withIvh(IbsiSettings.IvhDiscretisation.FIXED_BIN_SIZE, 2.5, 0, -1000, 400);</pre>
 *
 * @param glcmDistance          GLCM neighbour distance δ (Chebyshev); the 13 (3D) / 4 (2D) direction vectors
 *                              are scaled by it. IBSI configurations A-E: 1
 * @param neighbourhoodDistance NGTDM and NGLDM neighbourhood distance δ (Chebyshev). IBSI: 1
 * @param linkageDistance       GLSZM and GLDZM zone linkage distance (Chebyshev; 1 = 8-connected in 2D,
 *                              26-connected in 3D). IBSI: 1
 * @param ngldmAlpha            NGLDM coarseness parameter α: a neighbour is dependent when its grey level
 *                              differs from the centre's by at most α. IBSI: 0
 * @param greyLevels            number of grey levels N<sub>g</sub> of the discretisation (used by the
 *                              intensity histogram range and the normalised GLCM inverse differences);
 *                              0 takes the highest grey level present in the ROI (right for fixed bin number
 *                              and for fixed bin size whose first bin starts at the re-segmentation minimum)
 * @param compute2D             compute the slice-wise (2D) texture aggregations ("_2D_avg", "_2D_comb", "_2D")
 * @param compute25D            compute the 2.5D aggregations ("_2_5D_avg", "_2_5D_comb", "_2_5D")
 * @param compute3D             compute the volumetric aggregations ("_3D_avg", "_3D_comb", "_3D")
 * @param morphology            compute the morphological family (needs the mesh and its convex hull)
 * @param geospatial            compute Moran's I and Geary's C (morphology; exact, O(N<sup>2</sup>) in the
 *                              number of ROI voxels)
 * @param ivhDiscretisation     how the intensity-volume histogram bins the intensities (IBSI 3.5 and the
 *                              "discretisation / IVH" row of configurations A-E)
 * @param ivhBinWidth           bin width w for {@link IvhDiscretisation#FIXED_BIN_SIZE}
 * @param ivhBins               number of bins for {@link IvhDiscretisation#FIXED_BIN_NUMBER}
 * @param ivhRangeMin           lower end of the IVH intensity range, normally the re-segmentation lower bound;
 *                              NaN: the ROI minimum
 * @param ivhRangeMax           upper end of the IVH intensity range, normally the re-segmentation upper bound;
 *                              NaN: the ROI maximum
 * @param preprocessing         IBSI image processing (interpolation, rounding, outlier filtering) done by
 *                              {@code radiomics.IbsiPreprocessor} before the features; null: PyRadiomics'
 *                              preprocessing (the engine itself does not read it)
 * @param filter                IBSI-2 convolutional filter SPEC ({@code radiomics.filters.ibsi2.FilterSpec}, e.g.
 *                              {@code "log:sigma=1.5mm,boundary=mirror,2d"}) applied by the caller to the processed
 *                              image, whose response map then replaces the image for the intensity statistics;
 *                              null: no filter (the engine itself does not read it)
 */
public record IbsiSettings(int glcmDistance, int neighbourhoodDistance, int linkageDistance, int ngldmAlpha,
        int greyLevels, boolean compute2D, boolean compute25D, boolean compute3D, boolean morphology,
        boolean geospatial, IvhDiscretisation ivhDiscretisation, double ivhBinWidth, int ivhBins,
        double ivhRangeMin, double ivhRangeMax, Preprocessing preprocessing, String filter) {

    /**
     * Binning of the intensity-volume histogram.
     */
    public enum IvhDiscretisation {
        /** Intensities are already discrete with step 1 (CT in HU, the digital phantom): one bin per integer. */
        NONE,
        /** Fixed bin size w from the range minimum; bins are represented by their centre intensity. */
        FIXED_BIN_SIZE,
        /** Fixed number of bins over the ROI's intensity range; bins are represented by their index. */
        FIXED_BIN_NUMBER
    }

    /** Interpolation of the image or the ROI mask (IBSI 2.4). */
    public enum Interpolation {
        /** No interpolation (the image keeps its grid). */
        NONE,
        /** Nearest neighbour (spline order 0). */
        NEAREST,
        /** Trilinear (bilinear in-plane only; spline order 1). */
        LINEAR,
        /** Cubic B-spline (spline order 3, with the spline prefilter): IBSI's "tricubic spline". */
        CUBIC
    }

    /**
     * IBSI image processing before feature computation (IBSI 2.4 interpolation, 2.5 re-segmentation).
     *
     * @param spacing      new voxel spacing {sx, sy, sz} in mm; null with {@link Interpolation#NONE}
     * @param method       image interpolation
     * @param roiMethod    ROI mask interpolation ({@link Interpolation#LINEAR} or {@link Interpolation#NEAREST})
     * @param roiThreshold partial-volume threshold: an interpolated mask value &gt;= it is in the ROI (IBSI: 0.5)
     * @param rounding     round the intensities to the nearest integer (half to even) after interpolation (CT)
     * @param inPlaneOnly  interpolate in the x-y plane only (2D configurations); z keeps its spacing
     * @param outlierSigma intensity outlier filtering: keep mean &plusmn; k SD of the ROI (k = this); NaN: none
     */
    public record Preprocessing(double[] spacing, Interpolation method, Interpolation roiMethod, double roiThreshold,
            boolean rounding, boolean inPlaneOnly, double outlierSigma) {
        public Preprocessing {
            if (method == null || roiMethod == null) {
                throw new IllegalArgumentException("interpolation method is null");
            }
            if (method != Interpolation.NONE && (spacing == null || spacing.length != 3)) {
                throw new IllegalArgumentException("interpolation needs a spacing of 3 values");
            }
            if (spacing != null) {
                for (double d : spacing) {
                    if (!(d > 0) || !Double.isFinite(d)) {
                        throw new IllegalArgumentException("interpolation spacing values must be > 0");
                    }
                }
            }
            if (roiMethod == Interpolation.CUBIC || roiMethod == Interpolation.NONE) {
                throw new IllegalArgumentException("the ROI is interpolated with linear or nearest");
            }
            if (!(roiThreshold > 0 && roiThreshold <= 1)) {
                throw new IllegalArgumentException("roiThreshold must be in (0, 1]");
            }
            if (!Double.isNaN(outlierSigma) && !(outlierSigma > 0)) {
                throw new IllegalArgumentException("outlier filtering needs a number of SDs > 0");
            }
        }
    }

    /** IBSI defaults: δ = 1 everywhere, α = 0, all aggregations and families, IVH without discretisation. */
    public static final IbsiSettings DEFAULT = new IbsiSettings(1, 1, 1, 0, 0, true, true, true, true, true,
            IvhDiscretisation.NONE, 1.0, 1000, Double.NaN, Double.NaN, null, null);

    public IbsiSettings {
        if (glcmDistance < 1 || neighbourhoodDistance < 1 || linkageDistance < 1) {
            throw new IllegalArgumentException("distances must be >= 1");
        }
        if (ngldmAlpha < 0 || greyLevels < 0) {
            throw new IllegalArgumentException("ngldmAlpha and greyLevels must be >= 0");
        }
        if (ivhDiscretisation == null) {
            throw new IllegalArgumentException("ivhDiscretisation is null");
        }
        if (ivhDiscretisation == IvhDiscretisation.FIXED_BIN_SIZE && !(ivhBinWidth > 0)) {
            throw new IllegalArgumentException("IVH fixed bin size needs ivhBinWidth > 0");
        }
        if (ivhDiscretisation == IvhDiscretisation.FIXED_BIN_NUMBER && ivhBins < 2) {
            throw new IllegalArgumentException("IVH fixed bin number needs ivhBins >= 2");
        }
    }

    /** The same settings with another IVH binning; range bounds may be NaN (ROI minimum / maximum). */
    public IbsiSettings withIvh(IvhDiscretisation mode, double binWidth, int bins, double rangeMin, double rangeMax) {
        return new IbsiSettings(glcmDistance, neighbourhoodDistance, linkageDistance, ngldmAlpha, greyLevels,
                compute2D, compute25D, compute3D, morphology, geospatial, mode, binWidth, bins, rangeMin, rangeMax,
                preprocessing, filter);
    }

    /** The same settings with N<sub>g</sub> given (0: highest grey level in the ROI). */
    public IbsiSettings withGreyLevels(int ng) {
        return new IbsiSettings(glcmDistance, neighbourhoodDistance, linkageDistance, ngldmAlpha, ng,
                compute2D, compute25D, compute3D, morphology, geospatial, ivhDiscretisation, ivhBinWidth, ivhBins,
                ivhRangeMin, ivhRangeMax, preprocessing, filter);
    }

    /** The same settings with IBSI image processing (null: PyRadiomics' preprocessing). */
    public IbsiSettings withPreprocessing(Preprocessing p) {
        return new IbsiSettings(glcmDistance, neighbourhoodDistance, linkageDistance, ngldmAlpha, greyLevels,
                compute2D, compute25D, compute3D, morphology, geospatial, ivhDiscretisation, ivhBinWidth, ivhBins,
                ivhRangeMin, ivhRangeMax, p, filter);
    }

    /** The same settings with the aggregations switched on or off. */
    public IbsiSettings withAggregations(boolean twoD, boolean twoAndHalfD, boolean threeD) {
        return new IbsiSettings(glcmDistance, neighbourhoodDistance, linkageDistance, ngldmAlpha, greyLevels,
                twoD, twoAndHalfD, threeD, morphology, geospatial, ivhDiscretisation, ivhBinWidth, ivhBins,
                ivhRangeMin, ivhRangeMax, preprocessing, filter);
    }

    /** The same settings with the morphology family and the O(N<sup>2</sup>) Moran's I / Geary's C on or off. */
    public IbsiSettings withMorphology(boolean on, boolean moranGeary) {
        return new IbsiSettings(glcmDistance, neighbourhoodDistance, linkageDistance, ngldmAlpha, greyLevels,
                compute2D, compute25D, compute3D, on, moranGeary, ivhDiscretisation, ivhBinWidth, ivhBins,
                ivhRangeMin, ivhRangeMax, preprocessing, filter);
    }

    /** The same settings with other texture distances (GLCM δ, NGTDM/NGLDM δ, zone linkage) and NGLDM α. */
    public IbsiSettings withTexture(int glcmDelta, int neighbourhoodDelta, int linkage, int alpha) {
        return new IbsiSettings(glcmDelta, neighbourhoodDelta, linkage, alpha, greyLevels, compute2D, compute25D,
                compute3D, morphology, geospatial, ivhDiscretisation, ivhBinWidth, ivhBins, ivhRangeMin,
                ivhRangeMax, preprocessing, filter);
    }

    /** The same settings with an IBSI-2 filter SPEC applied before the intensity statistics (null: none). */
    public IbsiSettings withFilter(String spec) {
        return new IbsiSettings(glcmDistance, neighbourhoodDistance, linkageDistance, ngldmAlpha, greyLevels,
                compute2D, compute25D, compute3D, morphology, geospatial, ivhDiscretisation, ivhBinWidth, ivhBins,
                ivhRangeMin, ivhRangeMax, preprocessing, spec);
    }
}
