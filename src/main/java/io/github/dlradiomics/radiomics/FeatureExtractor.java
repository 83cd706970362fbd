package io.github.dlradiomics.radiomics;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.radiomics.filters.DerivedImage;
import io.github.dlradiomics.radiomics.filters.PyRadiomicsFilters;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes PyRadiomics features for one image and mask: preprocessing, shape on the morphological mask,
 * then for each enabled image type first-order and texture classes on the discretised intensity ROI.
 * Columns are named as PyRadiomics names them ({@code original_glcm_Contrast}) and ordered as it orders
 * them (shape first, then classes and features alphabetically). The same call serves the CLI, the
 * Fiji commands and scripts.
 *
 * <pre>Map&lt;String, Object&gt; row = new FeatureExtractor(RadiomicsParams.read(yaml)).extract(image, mask, true);</pre>
 */
public final class FeatureExtractor {
    /** The version written into diagnostics. */
    public static final String VERSION = versionOf();

    private final RadiomicsParams params;

    public FeatureExtractor(RadiomicsParams params) {
        this.params = params;
    }

    public RadiomicsParams params() {
        return params;
    }

    private static String versionOf() {
        String v = FeatureExtractor.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** Feature naming and definitions: PyRadiomics' (default) or IBSI's (tags such as cm_joint_max_3D_avg). */
    public enum Naming {
        PYRADIOMICS, IBSI;

        /** From a CLI word: "pyradiomics" or "ibsi". */
        public static Naming of(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "pyradiomics" -> PYRADIOMICS;
                case "ibsi" -> IBSI;
                default -> throw new UserInputException("--naming: '" + s + "' is not one of pyradiomics, ibsi");
            };
        }
    }

    /**
     * Features (Double values) and, when {@code diagnostics}, PyRadiomics' diagnostics_* entries first.
     * Bad input raises {@link UserInputException} with one clear line.
     */
    public LinkedHashMap<String, Object> extract(Volume image, Volume mask, boolean diagnostics) {
        return extract(image, mask, diagnostics, Naming.PYRADIOMICS);
    }

    /** As {@link #extract(Volume, Volume, boolean)}, with PyRadiomics' or IBSI's definitions and names. */
    public LinkedHashMap<String, Object> extract(Volume image, Volume mask, boolean diagnostics, Naming naming) {
        RadiomicsSettings s = params.settings;
        if (naming != Naming.IBSI && params.ibsi.filter() != null) {
            throw new UserInputException("'ibsi: filter' needs IBSI naming (--naming ibsi); PyRadiomics naming filters"
                    + " with imageType (LoG, Wavelet, ...)");
        }
        LinkedHashMap<String, Object> diag = new LinkedHashMap<>();
        diag.put("diagnostics_Versions_DLRadiomics", VERSION);
        diag.put("diagnostics_Versions_Java", System.getProperty("java.version"));
        diag.put("diagnostics_Configuration_Settings", s.toPythonDict());
        diag.put("diagnostics_Configuration_EnabledImageTypes", imageTypesDict());
        Preprocessor.Prepared p = naming == Naming.IBSI && params.ibsi.preprocessing() != null
                ? IbsiPreprocessor.prepare(image, mask, s, params.ibsi.preprocessing(), diagnostics ? diag : null)
                : Preprocessor.prepare(image, mask, s, diagnostics ? diag : null);
        checkFinite(p);
        LinkedHashMap<String, Double> features = new LinkedHashMap<>();
        if (naming == Naming.IBSI) {
            for (String t : params.imageTypes.keySet()) {
                if (!t.equals("Original")) {
                    throw new UserInputException("image type " + t + " is not available in this version (only Original)");
                }
            }
            if (params.ibsi.filter() != null) {
                // IBSI-2: the filter's response map of the whole processed image replaces the image; the ROI masks
                // (interpolated, re-segmented on the unfiltered intensities) stay as they are
                diag.put("diagnostics_Configuration_IbsiFilter", params.ibsi.filter());
                p = IbsiBridge.filtered(p, params.ibsi.filter(), params.featureClasses.keySet());
            }
            features.putAll(IbsiBridge.compute(p, s, params.ibsi, params.featureClasses.keySet()));
            LinkedHashMap<String, Object> row = new LinkedHashMap<>();
            if (diagnostics) {
                row.putAll(diag);
            }
            row.putAll(features);
            return row;
        }
        if (params.featureClasses.containsKey("shape")) {
            if (p.nz() == 1 || p.ny() == 1 || p.nx() == 1) {
                throw new UserInputException("shape (3D) features need a ROI spanning more than one slice in each"
                        + " direction (this ROI is " + p.nx() + "x" + p.ny() + "x" + p.nz() + " voxels); for a"
                        + " single-slice ROI use shape2D with force2D: true");
            }
            put(features, "original_shape_", ShapeFeatures.compute(p.morphMask(), p.nx(), p.ny(), p.nz(), p.spacing()),
                    params.featureClasses.get("shape"));
        }
        if (params.featureClasses.containsKey("shape2D")) {
            if (!s.force2D) {
                throw new UserInputException("shape2D features need force2D: true (a 2D, single-slice ROI)");
            }
            int[] dims = {p.nz(), p.ny(), p.nx()}; // numpy axis order (z, y, x)
            if (dims[s.force2Ddimension] != 1) {
                throw new UserInputException("shape2D features need a ROI one slice thick along force2Ddimension "
                        + s.force2Ddimension + " (this ROI spans " + dims[s.force2Ddimension] + " slices)");
            }
            put(features, "original_shape2D_", Shape2DFeatures.compute(p.morphMask(), p.nx(), p.ny(), p.nz(),
                    p.spacing(), s.force2Ddimension), params.featureClasses.get("shape2D"));
        }
        for (var it : params.imageTypes.entrySet()) {
            RadiomicsSettings ts = s;
            if (!it.getValue().isEmpty()) {
                ts = s.copy();
                RadiomicsParams.applySettings(ts, it.getValue(), params.source, "imageType " + it.getKey(), false);
            }
            if (it.getKey().equals("Original")) {
                computeImage(p, p.values(), ts, "original", features);
                continue;
            }
            Volume maskGrid = p.grid().blankLike(io.github.dlradiomics.image.PixelType.UINT8);
            int[] bb = p.bbox();
            int o = 0;
            for (int z = 0; z < p.nz(); z++) {
                for (int y = 0; y < p.ny(); y++) {
                    for (int x = 0; x < p.nx(); x++, o++) {
                        if (p.morphMask()[o]) {
                            maskGrid.set(bb[0] + x, bb[1] + y, bb[2] + z, 1);
                        }
                    }
                }
            }
            for (DerivedImage d : PyRadiomicsFilters.generate(it.getKey(), p.grid(), maskGrid, ts)) {
                computeImage(p, crop(d.image(), bb), ts, d.name(), features);
            }
        }
        LinkedHashMap<String, Object> row = new LinkedHashMap<>();
        if (diagnostics) {
            row.putAll(diag);
        }
        row.putAll(features);
        return row;
    }

    /** The bounding box {@code bb} (x, y, z, sizes) of a grid-sized volume. */
    private static double[] crop(Volume v, int[] bb) {
        double[] out = new double[bb[3] * bb[4] * bb[5]];
        for (int z = 0; z < bb[5]; z++) {
            for (int y = 0; y < bb[4]; y++) {
                System.arraycopy(v.data(), v.index(bb[0], bb[1] + y, bb[2] + z), out, bb[3] * (y + bb[4] * z), bb[3]);
            }
        }
        return out;
    }

    private void computeImage(Preprocessor.Prepared p, double[] values, RadiomicsSettings s, String typeName,
            Map<String, Double> out) {
        boolean[] mask = p.intensityMask();
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        double[] roiValues = new double[n];
        for (int i = 0, k = 0; i < values.length; i++) {
            if (mask[i]) {
                roiValues[k++] = values[i];
            }
        }
        double[] edges = Discretizer.edges(roiValues, s.binWidth, s.binCount);
        int[] roiLevels = Discretizer.digitize(roiValues, edges);
        int[] levels = new int[p.values().length];
        int k = 0;
        boolean[] im = p.intensityMask();
        for (int i = 0; i < levels.length; i++) {
            if (im[i]) {
                levels[i] = roiLevels[k++];
            }
        }
        DiscretizedRoi roi = new DiscretizedRoi(p.nx(), p.ny(), p.nz(), levels, p.spacing());
        TextureSettings ts = s.texture();
        for (String cls : params.featureClasses.keySet()) {
            List<String> wanted = params.featureClasses.get(cls);
            String prefix = typeName + "_" + cls + "_";
            switch (cls) {
                case "firstorder" -> put(out, prefix, FirstOrderFeatures.compute(roiValues, roiLevels, p.spacing(),
                        s.voxelArrayShift), wanted);
                case "glcm" -> put(out, prefix, GlcmFeatures.compute(roi, ts), wanted);
                case "glrlm" -> put(out, prefix, GlrlmFeatures.compute(roi, ts), wanted);
                case "glszm" -> put(out, prefix, GlszmFeatures.compute(roi, ts), wanted);
                case "gldm" -> put(out, prefix, GldmFeatures.compute(roi, ts), wanted);
                case "ngtdm" -> put(out, prefix, NgtdmFeatures.compute(roi, ts), wanted);
                default -> {
                    // shape classes were computed on the morphological mask
                }
            }
        }
    }

    private static void put(Map<String, Double> out, String prefix, Map<String, Double> values, List<String> wanted) {
        List<String> names = new ArrayList<>(values.keySet());
        java.util.Collections.sort(names); // PyRadiomics orders features alphabetically
        for (String n : names) {
            if (wanted == null || wanted.isEmpty() || wanted.contains(n)) {
                out.put(prefix + n, values.get(n));
            }
        }
    }

    private String imageTypesDict() {
        StringBuilder sb = new StringBuilder("{");
        int i = 0;
        for (var e : params.imageTypes.entrySet()) {
            sb.append(i++ > 0 ? ", " : "").append('\'').append(e.getKey()).append("': {");
            int j = 0;
            for (var c : e.getValue().entrySet()) {
                sb.append(j++ > 0 ? ", " : "").append('\'').append(c.getKey()).append("': ")
                        .append(RadiomicsSettings.py(c.getValue()));
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    private static void checkFinite(Preprocessor.Prepared p) {
        int bad = 0;
        int n = 0;
        for (double v : p.roiValues()) {
            n++;
            if (!Double.isFinite(v)) {
                bad++;
            }
        }
        if (bad > 0) {
            throw new UserInputException(bad + " of the ROI's " + n + " voxels have NaN or infinite intensities;"
                    + " replace them (or remove them from the mask) first");
        }
    }
}
