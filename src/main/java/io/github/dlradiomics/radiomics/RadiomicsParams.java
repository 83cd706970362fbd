package io.github.dlradiomics.radiomics;

import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import io.github.dlradiomics.radiomics.ibsi.IbsiSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A PyRadiomics parameter file (imageType / featureClass / setting / voxelSetting). Every key and
 * value is checked: an unknown one is an error naming it, never ignored.
 *
 * <pre>RadiomicsParams p = RadiomicsParams.read(Path.of("exampleCT.yaml"));</pre>
 */
public final class RadiomicsParams {
    /** PyRadiomics' image types. */
    public static final List<String> IMAGE_TYPES = List.of("Original", "LoG", "Wavelet", "Square", "SquareRoot",
            "Logarithm", "Exponential", "Gradient", "LBP2D", "LBP3D");
    /** PyRadiomics' feature classes, in its (alphabetical) order. */
    public static final List<String> FEATURE_CLASSES = List.of("firstorder", "glcm", "gldm", "glrlm", "glszm",
            "ngtdm", "shape", "shape2D");

    private static final Set<String> TOP_KEYS = Set.of("imageType", "featureClass", "setting", "voxelSetting", "ibsi");
    private static final List<String> IBSI_KEYS = List.of("aggregations", "geospatial", "ivh", "ngldmAlpha",
            "greyLevels", "linkageDistance", "interpolation", "outlierFiltering", "filter");
    private static final List<String> IBSI_INTERPOLATION_KEYS = List.of("spacing", "method", "roiMethod",
            "roiThreshold", "rounding", "inPlaneOnly");
    private static final Set<String> VOXEL_KEYS = Set.of("kernelRadius", "maskedKernel", "initValue", "voxelBatch");
    private static final List<String> INTERPOLATORS = List.of("sitkNearestNeighbor", "sitkLinear", "sitkBSpline",
            "sitkGaussian", "sitkLabelGaussian", "sitkHammingWindowedSinc", "sitkCosineWindowedSinc",
            "sitkWelchWindowedSinc", "sitkLanczosWindowedSinc", "sitkBlackmanWindowedSinc");

    /** Enabled image types with their custom settings, in file order. */
    public final LinkedHashMap<String, Map<String, Object>> imageTypes = new LinkedHashMap<>();
    /** Enabled feature classes: an empty list means all default features of the class. */
    public final LinkedHashMap<String, List<String>> featureClasses = new LinkedHashMap<>();
    /** The settings. */
    public final RadiomicsSettings settings;
    /** Where the parameters came from (a file name, or "defaults"). */
    public final String source;
    /** IBSI-mode settings (the DLRadiomics {@code ibsi:} section; used with IBSI naming). */
    public IbsiSettings ibsi = IbsiSettings.DEFAULT;

    private RadiomicsParams(RadiomicsSettings s, String source) {
        this.settings = s;
        this.source = source;
    }

    /** A copy with another label (a batch row's Label column). */
    public RadiomicsParams withLabel(int label) {
        RadiomicsParams p = new RadiomicsParams(settings.copy(), source);
        p.settings.label = label;
        p.ibsi = ibsi;
        p.imageTypes.putAll(imageTypes);
        p.featureClasses.putAll(featureClasses);
        return p;
    }

    /** PyRadiomics' defaults: Original image, every feature class (shape2D only with force2D). */
    public static RadiomicsParams defaults() {
        RadiomicsParams p = new RadiomicsParams(new RadiomicsSettings(), "defaults");
        p.imageTypes.put("Original", new LinkedHashMap<>());
        for (String c : FEATURE_CLASSES) {
            if (!c.equals("shape2D")) {
                p.featureClasses.put(c, List.of());
            }
        }
        return p;
    }

    /** Reads and validates a parameter file. */
    public static RadiomicsParams read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": parameter file not found");
        }
        return parse(Files.readString(file), file.toString());
    }

    /** Parses and validates parameter text; {@code source} names it in messages. */
    @SuppressWarnings("unchecked")
    public static RadiomicsParams parse(String yaml, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new UserInputException(source + ": not valid YAML (" + e.getMessage().replace('\n', ' ') + ")");
        }
        RadiomicsParams p = new RadiomicsParams(new RadiomicsSettings(), source);
        if (root == null) {
            return defaultsFrom(p);
        }
        if (!(root instanceof Map)) {
            throw new UserInputException(source + ": expected a mapping with imageType, featureClass, setting");
        }
        Map<String, Object> top = (Map<String, Object>) root;
        for (String k : top.keySet()) {
            if (!TOP_KEYS.contains(k)) {
                throw new UserInputException(source + ": unknown top-level key '" + k + "'" + suggest(k, TOP_KEYS)
                        + " (valid: imageType, featureClass, setting, voxelSetting, ibsi)");
            }
        }
        Object settings = top.get("setting");
        if (settings != null) {
            applySettings(p.settings, asMap(settings, source, "setting"), source, "setting", false);
        }
        Object voxel = top.get("voxelSetting");
        if (voxel != null) {
            Map<String, Object> vm = asMap(voxel, source, "voxelSetting");
            for (String k : vm.keySet()) {
                if (!VOXEL_KEYS.contains(k)) {
                    throw new UserInputException(source + ": unknown voxelSetting '" + k + "'" + suggest(k, VOXEL_KEYS)
                            + " (valid: " + String.join(", ", VOXEL_KEYS) + ")");
                }
            }
            applySettings(p.settings, vm, source, "voxelSetting", true);
        }
        if (top.get("ibsi") != null) {
            p.ibsi = parseIbsi(asMap(top.get("ibsi"), source, "ibsi"), p.settings, source);
        } else {
            p.ibsi = IbsiSettings.DEFAULT.withTexture(p.settings.distances[0], p.settings.distances[0], 1, 0);
        }
        Object it = top.get("imageType");
        if (it == null) {
            p.imageTypes.put("Original", new LinkedHashMap<>());
        } else {
            for (var e : asMap(it, source, "imageType").entrySet()) {
                if (!IMAGE_TYPES.contains(e.getKey())) {
                    throw new UserInputException(source + ": unknown imageType '" + e.getKey() + "'"
                            + suggest(e.getKey(), IMAGE_TYPES) + " (valid: " + String.join(", ", IMAGE_TYPES) + ")");
                }
                Map<String, Object> custom = e.getValue() == null ? new LinkedHashMap<>()
                        : asMap(e.getValue(), source, "imageType " + e.getKey());
                // validate the custom settings now, on a scratch copy
                applySettings(p.settings.copy(), custom, source, "imageType " + e.getKey(), false);
                p.imageTypes.put(e.getKey(), new LinkedHashMap<>(custom));
            }
        }
        Object fc = top.get("featureClass");
        if (fc == null) {
            for (String c : FEATURE_CLASSES) {
                if (!c.equals("shape2D") || p.settings.force2D) {
                    p.featureClasses.put(c, List.of());
                }
            }
        } else {
            for (var e : asMap(fc, source, "featureClass").entrySet()) {
                String cls = e.getKey();
                if (!FEATURE_CLASSES.contains(cls)) {
                    throw new UserInputException(source + ": unknown featureClass '" + cls + "'"
                            + suggest(cls, FEATURE_CLASSES) + " (valid: " + String.join(", ", FEATURE_CLASSES) + ")");
                }
                List<String> names = new ArrayList<>();
                if (e.getValue() instanceof List<?> l) {
                    for (Object o : l) {
                        String n = String.valueOf(o);
                        List<String> valid = FeatureFamilies.names(cls);
                        if (!valid.contains(n)) {
                            throw new UserInputException(source + ": featureClass " + cls + ": unknown feature '" + n
                                    + "'" + suggest(n, valid) + " (valid: " + String.join(", ", valid) + ")");
                        }
                        names.add(n);
                    }
                } else if (e.getValue() != null) {
                    throw new UserInputException(source + ": featureClass " + cls
                            + " must be empty (all features) or a list of feature names");
                }
                p.featureClasses.put(cls, List.copyOf(names));
            }
        }
        return p;
    }

    private static RadiomicsParams defaultsFrom(RadiomicsParams p) {
        RadiomicsParams d = defaults();
        p.imageTypes.putAll(d.imageTypes);
        p.featureClasses.putAll(d.featureClasses);
        return p;
    }

    /**
     * The {@code ibsi:} section: aggregations, geospatial, ivh, ngldmAlpha, greyLevels, linkageDistance, and the IBSI
     * image processing: interpolation, outlierFiltering; and filter, an IBSI-2 filter SPEC (checked here, applied by
     * FeatureExtractor in IBSI mode).
     */
    private static IbsiSettings parseIbsi(Map<String, Object> m, RadiomicsSettings s, String source) {
        for (String k : m.keySet()) {
            if (!IBSI_KEYS.contains(k)) {
                throw new UserInputException(source + ": ibsi: unknown key '" + k + "'" + suggest(k, IBSI_KEYS)
                        + " (valid: " + String.join(", ", IBSI_KEYS) + ")");
            }
        }
        String w = source + ": ibsi: ";
        boolean a2 = true;
        boolean a25 = true;
        boolean a3 = true;
        if (m.containsKey("aggregations")) {
            if (!(m.get("aggregations") instanceof List<?> l) || l.isEmpty()) {
                throw new UserInputException(w + "'aggregations' must be a list of 2D, 2.5D, 3D");
            }
            a2 = false;
            a25 = false;
            a3 = false;
            for (Object o : l) {
                switch (String.valueOf(o)) {
                    case "2D" -> a2 = true;
                    case "2.5D" -> a25 = true;
                    case "3D" -> a3 = true;
                    default -> throw new UserInputException(w + "aggregation '" + o + "' is unknown (valid: 2D, 2.5D, 3D)");
                }
            }
        }
        boolean geo = !m.containsKey("geospatial") || Boolean.TRUE.equals(convert(m.get("geospatial"), boolean.class,
                w + "'geospatial'"));
        int alpha = m.containsKey("ngldmAlpha") ? (Integer) convert(m.get("ngldmAlpha"), int.class, w + "'ngldmAlpha'")
                : 0;
        int ng = m.containsKey("greyLevels") ? (Integer) convert(m.get("greyLevels"), int.class, w + "'greyLevels'") : 0;
        int link = m.containsKey("linkageDistance") ? (Integer) convert(m.get("linkageDistance"), int.class,
                w + "'linkageDistance'") : 1;
        IbsiSettings out;
        try {
            out = IbsiSettings.DEFAULT.withTexture(s.distances[0], s.distances[0], link, alpha).withGreyLevels(ng)
                    .withAggregations(a2, a25, a3).withMorphology(true, geo);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(w + e.getMessage());
        }
        if (m.containsKey("ivh")) {
            Map<String, Object> ivh = asMap(m.get("ivh"), source, "ibsi: ivh");
            for (String k : ivh.keySet()) {
                if (!List.of("mode", "binWidth", "binCount", "range").contains(k)) {
                    throw new UserInputException(w + "ivh: unknown key '" + k + "' (valid: mode, binWidth, binCount, range)");
                }
            }
            String mode = String.valueOf(ivh.getOrDefault("mode", "none"));
            IbsiSettings.IvhDiscretisation d = switch (mode) {
                case "none" -> IbsiSettings.IvhDiscretisation.NONE;
                case "binWidth" -> IbsiSettings.IvhDiscretisation.FIXED_BIN_SIZE;
                case "binCount" -> IbsiSettings.IvhDiscretisation.FIXED_BIN_NUMBER;
                default -> throw new UserInputException(w + "ivh: mode '" + mode + "' is unknown (valid: none, binWidth,"
                        + " binCount)");
            };
            double bw = ivh.containsKey("binWidth") ? (Double) convert(ivh.get("binWidth"), double.class, w + "ivh binWidth")
                    : 1.0;
            int bc = ivh.containsKey("binCount") ? (Integer) convert(ivh.get("binCount"), int.class, w + "ivh binCount")
                    : 1000;
            double lo = Double.NaN;
            double hi = Double.NaN;
            if (ivh.containsKey("range")) {
                double[] r = (double[]) convert(ivh.get("range"), double[].class, w + "ivh range");
                if (r.length != 2) {
                    throw new UserInputException(w + "ivh: 'range' needs two values [min, max]");
                }
                lo = r[0];
                hi = r[1];
            }
            try {
                out = out.withIvh(d, bw, bc, lo, hi);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(w + "ivh: " + e.getMessage());
            }
        }
        Object outliers = m.get("outlierFiltering");
        if (m.get("interpolation") != null || (outliers != null && !Boolean.FALSE.equals(outliers))) {
            out = out.withPreprocessing(parseIbsiPreprocessing(m, s, source));
        }
        if (m.get("filter") != null) {
            if (!(m.get("filter") instanceof String spec) || spec.isBlank()) {
                throw new UserInputException(w + "'filter' must be a filter SPEC such as"
                        + " \"log:sigma=1.5mm,boundary=mirror\" (see docs/filters.md)");
            }
            try {
                io.github.dlradiomics.radiomics.filters.ibsi2.FilterSpec.parse(spec);
            } catch (UserInputException e) {
                throw new UserInputException(w + "filter: " + e.getMessage());
            }
            out = out.withFilter(spec.trim());
        }
        return out;
    }

    /** {@code ibsi: interpolation} and {@code ibsi: outlierFiltering}: IBSI image processing (IbsiPreprocessor). */
    private static IbsiSettings.Preprocessing parseIbsiPreprocessing(Map<String, Object> m, RadiomicsSettings s,
            String source) {
        String w = source + ": ibsi: ";
        Map<String, Object> im = m.get("interpolation") == null ? Map.of()
                : asMap(m.get("interpolation"), source, "ibsi: interpolation");
        for (String k : im.keySet()) {
            if (!IBSI_INTERPOLATION_KEYS.contains(k)) {
                throw new UserInputException(w + "interpolation: unknown key '" + k + "'"
                        + suggest(k, IBSI_INTERPOLATION_KEYS) + " (valid: " + String.join(", ", IBSI_INTERPOLATION_KEYS)
                        + ")");
            }
        }
        double[] spacing = null;
        if (im.get("spacing") != null) {
            spacing = (double[]) convert(im.get("spacing"), double[].class, w + "interpolation 'spacing'");
            if (spacing.length == 1) {
                spacing = new double[] {spacing[0], spacing[0], spacing[0]};
            }
            if (spacing.length != 3) {
                throw new UserInputException(w + "interpolation: 'spacing' needs 1 or 3 values [x, y, z] in mm");
            }
        }
        Object methodName = im.getOrDefault("method", spacing == null ? "none" : "linear");
        IbsiSettings.Interpolation method = interpolation(methodName, w + "interpolation 'method'");
        IbsiSettings.Interpolation roiMethod = interpolation(im.getOrDefault("roiMethod", "linear"),
                w + "interpolation 'roiMethod'");
        double threshold = im.containsKey("roiThreshold") ? (Double) convert(im.get("roiThreshold"), double.class,
                w + "interpolation 'roiThreshold'") : 0.5;
        boolean rounding = im.containsKey("rounding") && (Boolean) convert(im.get("rounding"), boolean.class,
                w + "interpolation 'rounding'");
        boolean inPlane = im.containsKey("inPlaneOnly") && (Boolean) convert(im.get("inPlaneOnly"), boolean.class,
                w + "interpolation 'inPlaneOnly'");
        if (method != IbsiSettings.Interpolation.NONE && spacing == null) {
            throw new UserInputException(w + "interpolation: method " + methodName + " needs 'spacing'");
        }
        if (method == IbsiSettings.Interpolation.NONE && spacing != null) {
            throw new UserInputException(w + "interpolation: 'spacing' is set but method is none");
        }
        double sigma = Double.NaN;
        if (m.get("outlierFiltering") != null && !Boolean.FALSE.equals(m.get("outlierFiltering"))) {
            sigma = (Double) convert(m.get("outlierFiltering"), double.class, w + "'outlierFiltering' (number of SDs)");
        }
        if (s.resampledPixelSpacing != null) {
            throw new UserInputException(w + "interpolation replaces PyRadiomics' resampling: remove"
                    + " 'resampledPixelSpacing' from setting");
        }
        if (s.resegmentRange != null && !s.resegmentMode.equals("absolute")) {
            throw new UserInputException(w + "IBSI re-segmentation needs resegmentMode: absolute (outlier filtering"
                    + " is 'ibsi: outlierFiltering')");
        }
        if (s.normalize) {
            throw new UserInputException(w + "'normalize' is not part of IBSI image processing; remove it");
        }
        try {
            return new IbsiSettings.Preprocessing(spacing, method, roiMethod, threshold, rounding, inPlane, sigma);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(w + e.getMessage());
        }
    }

    private static IbsiSettings.Interpolation interpolation(Object v, String what) {
        return switch (String.valueOf(v)) {
            case "none" -> IbsiSettings.Interpolation.NONE;
            case "nearest" -> IbsiSettings.Interpolation.NEAREST;
            case "linear" -> IbsiSettings.Interpolation.LINEAR;
            case "cubic" -> IbsiSettings.Interpolation.CUBIC;
            default -> throw new UserInputException(what + ": '" + v + "' is not one of none, nearest, linear, cubic");
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o, String source, String where) {
        if (!(o instanceof Map)) {
            throw new UserInputException(source + ": '" + where + "' must be a mapping of keys to values");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (var e : ((Map<Object, Object>) o).entrySet()) {
            m.put(String.valueOf(e.getKey()), e.getValue());
        }
        return m;
    }

    /** Applies PyRadiomics settings to {@code s}, checking each key and value. */
    public static void applySettings(RadiomicsSettings s, Map<String, Object> values, String source, String where,
            boolean voxel) {
        for (var e : values.entrySet()) {
            String key = e.getKey();
            Field f;
            try {
                f = RadiomicsSettings.class.getField(key);
            } catch (NoSuchFieldException ex) {
                f = null;
            }
            if (f == null || (!voxel && VOXEL_KEYS.contains(key))) {
                List<String> keys = new ArrayList<>();
                for (Field g : RadiomicsSettings.class.getFields()) {
                    if (!VOXEL_KEYS.contains(g.getName())) {
                        keys.add(g.getName());
                    }
                }
                throw new UserInputException(source + ": " + where + ": unknown setting '" + key + "'"
                        + suggest(key, keys) + "; see docs/params.md for the valid keys");
            }
            String what = source + ": " + where + ": '" + key + "'";
            if (key.equals("sigma") && e.getValue() != null) {
                List<?> raw = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
                String[] text = new String[raw.size()];
                for (int i = 0; i < text.length; i++) {
                    Object o = raw.get(i);
                    text[i] = o instanceof Double d ? io.github.dlradiomics.radiomics.filters.PyRadiomicsFilters
                            .pythonFloatRepr(d) : String.valueOf(o);
                }
                s.setSigmaText(text);
            }
            try {
                f.set(s, convert(e.getValue(), f.getType(), what));
            } catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
        }
        validate(s, source + ": " + where);
    }

    private static Object convert(Object v, Class<?> type, String what) {
        if (type == int.class || type == Integer.class) {
            if (v == null && type == Integer.class) {
                return null;
            }
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.intValue();
            }
            throw new UserInputException(what + " must be a whole number (got " + v + ")");
        }
        if (type == double.class || type == Double.class) {
            if (v == null && type == Double.class) {
                return null;
            }
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw new UserInputException(what + " must be a number (got " + v + ")");
        }
        if (type == boolean.class) {
            if (v instanceof Boolean b) {
                return b;
            }
            throw new UserInputException(what + " must be true or false (got " + v + ")");
        }
        if (type == String.class) {
            if (v == null) {
                return null;
            }
            if (v instanceof String str) {
                return str;
            }
            throw new UserInputException(what + " must be text (got " + v + ")");
        }
        if (type == double[].class) {
            if (v == null) {
                return null;
            }
            List<?> l = v instanceof List<?> list ? list : List.of(v);
            double[] d = new double[l.size()];
            for (int i = 0; i < d.length; i++) {
                if (!(l.get(i) instanceof Number n)) {
                    throw new UserInputException(what + " must be a list of numbers (got " + v + ")");
                }
                d[i] = n.doubleValue();
            }
            return d;
        }
        if (type == int[].class) {
            List<?> l = v instanceof List<?> list ? list : List.of(v);
            int[] d = new int[l.size()];
            for (int i = 0; i < d.length; i++) {
                if (!(l.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new UserInputException(what + " must be a list of whole numbers (got " + v + ")");
                }
                d[i] = n.intValue();
            }
            return d;
        }
        throw new IllegalStateException("unhandled setting type " + type);
    }

    /** Checks ranges and choices; the message starts with {@code where}. */
    static void validate(RadiomicsSettings s, String where) {
        if (!(s.binWidth > 0) || !Double.isFinite(s.binWidth)) {
            throw new UserInputException(where + ": 'binWidth' must be > 0 (got " + s.binWidth + ")");
        }
        if (s.binCount != null && s.binCount < 1) {
            throw new UserInputException(where + ": 'binCount' must be >= 1 (got " + s.binCount + ")");
        }
        if (s.label < 1) {
            throw new UserInputException(where + ": 'label' must be >= 1 (0 is the background; got " + s.label + ")");
        }
        if (s.minimumROIDimensions < 1 || s.minimumROIDimensions > 3) {
            throw new UserInputException(where + ": 'minimumROIDimensions' must be 1, 2 or 3 (got "
                    + s.minimumROIDimensions + ")");
        }
        if (s.force2Ddimension < 0 || s.force2Ddimension > 2) {
            throw new UserInputException(where + ": 'force2Ddimension' must be 0, 1 or 2 (got " + s.force2Ddimension
                    + ")");
        }
        if (!INTERPOLATORS.contains(s.interpolator)) {
            throw new UserInputException(where + ": 'interpolator' " + s.interpolator + " is unknown (valid: "
                    + String.join(", ", INTERPOLATORS) + ")");
        }
        if (!List.of("absolute", "relative", "sigma").contains(s.resegmentMode)) {
            throw new UserInputException(where + ": 'resegmentMode' " + s.resegmentMode
                    + " is unknown (valid: absolute, relative, sigma)");
        }
        if (s.resegmentRange != null && (s.resegmentRange.length < 1 || s.resegmentRange.length > 2)) {
            throw new UserInputException(where + ": 'resegmentRange' needs 1 or 2 values (got "
                    + s.resegmentRange.length + ")");
        }
        if (s.weightingNorm != null
                && !List.of("manhattan", "euclidean", "infinity", "no_weighting").contains(s.weightingNorm)) {
            throw new UserInputException(where + ": 'weightingNorm' " + s.weightingNorm
                    + " is unknown (valid: manhattan, euclidean, infinity, no_weighting)");
        }
        if (s.distances.length == 0) {
            throw new UserInputException(where + ": 'distances' must list at least one distance");
        }
        for (int d : s.distances) {
            if (d < 1) {
                throw new UserInputException(where + ": 'distances' must be >= 1 (got " + d + ")");
            }
        }
        if (s.resampledPixelSpacing != null) {
            if (s.resampledPixelSpacing.length != 3) {
                throw new UserInputException(where + ": 'resampledPixelSpacing' needs 3 values (x, y, z; 0 keeps the"
                        + " original spacing), got " + s.resampledPixelSpacing.length);
            }
            for (double v : s.resampledPixelSpacing) {
                if (v < 0 || !Double.isFinite(v)) {
                    throw new UserInputException(where + ": 'resampledPixelSpacing' values must be >= 0 (got " + v
                            + ")");
                }
            }
        }
        if (s.padDistance < 0) {
            throw new UserInputException(where + ": 'padDistance' must be >= 0");
        }
        if (s.removeOutliers != null && !(s.removeOutliers > 0)) {
            throw new UserInputException(where + ": 'removeOutliers' must be > 0 (standard deviations)");
        }
        if (s.geometryTolerance != null && !(s.geometryTolerance > 0)) {
            throw new UserInputException(where + ": 'geometryTolerance' must be > 0");
        }
        if (s.sigma != null) {
            for (double v : s.sigma) {
                if (!(v > 0)) {
                    throw new UserInputException(where + ": 'sigma' values must be > 0 mm (got " + v + ")");
                }
            }
        }
    }

    /** " (did you mean X?)" for a near miss, else "". */
    static String suggest(String key, java.util.Collection<String> valid) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String v : valid) {
            int d = distance(key.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = v;
            }
        }
        return best != null && bestD <= Math.max(2, key.length() / 4) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
