package io.github.dlradiomics.radiomics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyRadiomics' {@code setting:} block with PyRadiomics' defaults (featureextractor._getDefaultSettings and
 * the kwargs defaults of imageoperations and the feature classes). Field names are PyRadiomics' keys.
 * Filter settings (sigma, wavelet, lbp...) are accepted and kept for the filter engine.
 *
 * <pre>RadiomicsSettings s = new RadiomicsSettings(); s.binWidth = 5; s.normalize = true;</pre>
 */
public final class RadiomicsSettings {
    // --- mask and geometry
    public int label = 1;
    public int minimumROIDimensions = 2;
    public Integer minimumROISize = null;
    public Double geometryTolerance = null;
    public boolean correctMask = false;
    public boolean additionalInfo = true;
    // --- normalisation, resampling, resegmentation
    public boolean normalize = false;
    public double normalizeScale = 1;
    public Double removeOutliers = null;
    public double[] resampledPixelSpacing = null;
    public String interpolator = "sitkBSpline";
    public double padDistance = 5;
    public boolean preCrop = false;
    public double[] resegmentRange = null;
    public String resegmentMode = "absolute";
    public boolean resegmentShape = false;
    // --- discretisation
    public double binWidth = 25;
    public Integer binCount = null;
    // --- 2D
    public boolean force2D = false;
    public int force2Ddimension = 0;
    // --- feature classes
    public double voxelArrayShift = 0;
    public int[] distances = {1};
    public boolean symmetricalGLCM = true;
    public String weightingNorm = null;
    public double gldm_a = 0;
    // --- filters (image types), used by the filter engine
    public double[] sigma = null;
    public int start_level = 0;
    public int level = 1;
    public String wavelet = "coif1";
    public boolean gradientUseSpacing = true;
    public double lbp2DRadius = 1;
    public int lbp2DSamples = 8;
    public String lbp2DMethod = "uniform";
    public int lbp3DLevels = 2;
    public double lbp3DIcosphereRadius = 1;
    public int lbp3DIcosphereSubdivision = 1;
    // --- voxel-based (accepted for schema compatibility)
    public int kernelRadius = 1;
    public boolean maskedKernel = true;
    public double initValue = 0;
    public int voxelBatch = -1;

    /** Each sigma as the parameter file wrote it (Python's str: "1" for an integer, "1.0" for a float), or null. */
    private String[] sigmaText = null;

    /** The sigmas as PyRadiomics prints them in feature names ("1" or "1.0"), or null when not known. */
    public String[] sigmaText() {
        return sigmaText == null ? null : sigmaText.clone();
    }

    void setSigmaText(String[] t) {
        this.sigmaText = t;
    }

    /** The texture families' view of these settings. */
    public TextureSettings texture() {
        return new TextureSettings(distances.clone(), symmetricalGLCM, weightingNorm, gldm_a, force2D, force2Ddimension);
    }

    /** A deep copy. */
    public RadiomicsSettings copy() {
        RadiomicsSettings c = new RadiomicsSettings();
        c.sigmaText = sigmaText == null ? null : sigmaText.clone();
        for (var f : RadiomicsSettings.class.getFields()) {
            try {
                Object v = f.get(this);
                if (v instanceof double[] d) {
                    v = d.clone();
                } else if (v instanceof int[] i) {
                    v = i.clone();
                }
                f.set(c, v);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return c;
    }

    /**
     * The settings PyRadiomics records in diagnostics_Configuration_Settings, as a Python dict literal
     * (keys in PyRadiomics' default-settings order followed by the non-default extras).
     */
    public String toPythonDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("minimumROIDimensions", minimumROIDimensions);
        m.put("minimumROISize", minimumROISize);
        m.put("normalize", normalize);
        m.put("normalizeScale", normalizeScale);
        m.put("removeOutliers", removeOutliers);
        m.put("resampledPixelSpacing", resampledPixelSpacing);
        m.put("interpolator", interpolator);
        m.put("preCrop", preCrop);
        m.put("padDistance", padDistance);
        m.put("distances", distances);
        m.put("force2D", force2D);
        m.put("force2Ddimension", force2Ddimension);
        m.put("resegmentRange", resegmentRange);
        m.put("label", label);
        m.put("additionalInfo", additionalInfo);
        if (binCount != null) {
            m.put("binCount", binCount);
        } else {
            m.put("binWidth", binWidth);
        }
        if (voxelArrayShift != 0) {
            m.put("voxelArrayShift", voxelArrayShift);
        }
        if (!symmetricalGLCM) {
            m.put("symmetricalGLCM", false);
        }
        if (weightingNorm != null) {
            m.put("weightingNorm", weightingNorm);
        }
        if (gldm_a != 0) {
            m.put("gldm_a", gldm_a);
        }
        if (resegmentRange != null) {
            m.put("resegmentMode", resegmentMode);
        }
        if (geometryTolerance != null) {
            m.put("geometryTolerance", geometryTolerance);
        }
        if (correctMask) {
            m.put("correctMask", true);
        }
        StringBuilder sb = new StringBuilder("{");
        int i = 0;
        for (var e : m.entrySet()) {
            sb.append(i++ > 0 ? ", " : "").append('\'').append(e.getKey()).append("': ").append(py(e.getValue()));
        }
        return sb.append('}').toString();
    }

    static String py(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        if (v instanceof double[] a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(py(a[i]));
            }
            return sb.append(']').toString();
        }
        if (v instanceof int[] a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(a[i]);
            }
            return sb.append(']').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(py(l.get(i)));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }
}
