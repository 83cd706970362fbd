package io.github.dlradiomics.radiomics.filters.ibsi2;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IBSI-2 convolutional filter given as a SPEC string ({@code ./dlrad filter --filter SPEC}; grammar and
 * every key in docs/filters.md): {@code name[:item,item,...]} where an item is {@code key=value} or a flag
 * ({@code 2d}, {@code 3d}). Filters: {@code mean}, {@code log}, {@code laws}, {@code gabor}, {@code wavelet}
 * (separable, undecimated), {@code simoncelli} (non-separable); {@code log} and {@code simoncelli} take a
 * Riesz transform ({@code riesz=100}). Boundaries: {@code zero}, {@code nearest}, {@code periodic},
 * {@code mirror} (IBSI's symmetric mirror). Lengths take {@code mm} (default) or {@code vox}; angles take
 * {@code pi} fractions ({@code 5pi/4}), {@code deg} or radians. The response map is float64 on the
 * image's grid. 2D filters work in the axial plane, i.e. on each slice of the NIfTI x-y plane.
 *
 * <pre>Volume r = FilterSpec.parse("log:sigma=3mm,boundary=mirror").apply(image);</pre>
 */
public final class FilterSpec {
    /** The filter names, in documentation order. */
    public static final List<String> FILTERS = List.of("mean", "log", "laws", "gabor", "wavelet", "simoncelli");

    private static final Map<String, List<String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("mean", List.of("size", "boundary"));
        KEYS.put("log", List.of("sigma", "truncate", "riesz", "boundary"));
        KEYS.put("laws", List.of("kernel", "energy", "rot", "boundary"));
        KEYS.put("gabor", List.of("sigma", "lambda", "gamma", "theta", "rot", "dtheta", "planes", "truncate",
                "boundary"));
        KEYS.put("wavelet", List.of("family", "band", "level", "rot", "boundary"));
        KEYS.put("simoncelli", List.of("level", "riesz", "boundary"));
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern PI = Pattern.compile("([+-]?)(\\d+\\.?\\d*|\\.\\d+)?\\*?pi(?:/(\\d+\\.?\\d*|\\.\\d+))?");

    private final String name;
    private final Map<String, String> given;
    private final Boundary boundary;
    private final boolean twoD;
    // mean
    private int size;
    // log, gabor
    private double sigma;
    private boolean sigmaVox;
    private double truncate = 4;
    private int[] riesz;
    // laws
    private List<String> lawsKernels;
    private int energy = -1;
    private SpatialFilters.Pooling rot = SpatialFilters.Pooling.NONE;
    // gabor
    private double lambda;
    private boolean lambdaVox;
    private double gamma = 1;
    private double theta;
    private double dtheta = Math.PI / 4;
    private boolean orthogonal;
    // wavelet, simoncelli
    private String family;
    private String band;
    private int level = 1;

    private FilterSpec(String name, Map<String, String> given, boolean twoD, Boundary boundary) {
        this.name = name;
        this.given = given;
        this.twoD = twoD;
        this.boundary = boundary;
    }

    /**
     * Parses a SPEC such as {@code "laws:kernel=L5E5E5,energy=7,rot=max,boundary=mirror"}.
     *
     * @throws UserInputException for an unknown filter, key or value, naming the valid choices
     */
    public static FilterSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new UserInputException("empty filter SPEC; valid filters: " + String.join(", ", FILTERS));
        }
        String s = spec.trim();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        if (!KEYS.containsKey(name)) {
            throw new UserInputException("unknown filter '" + name + "' in SPEC '" + spec + "'; valid filters: "
                    + String.join(", ", FILTERS));
        }
        Map<String, String> kv = new LinkedHashMap<>();
        Boolean dimFlag = null;
        if (colon >= 0) {
            for (String item : s.substring(colon + 1).split(",")) {
                String it = item.trim();
                if (it.isEmpty()) {
                    continue;
                }
                int eq = it.indexOf('=');
                if (eq < 0) {
                    String flag = it.toLowerCase(Locale.ROOT);
                    if (flag.equals("2d") || flag.equals("3d")) {
                        dimFlag = flag.equals("2d");
                        continue;
                    }
                    throw new UserInputException("'" + it + "' in filter SPEC '" + spec
                            + "' is neither key=value nor a flag; valid flags: 2d, 3d; valid keys for " + name + ": "
                            + String.join(", ", KEYS.get(name)));
                }
                String key = it.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = it.substring(eq + 1).trim();
                if (!KEYS.get(name).contains(key)) {
                    throw new UserInputException("unknown key '" + key + "' for filter " + name + "; valid keys: "
                            + String.join(", ", KEYS.get(name)) + " (and the flags 2d, 3d)");
                }
                if (value.isEmpty()) {
                    throw new UserInputException("empty value for key '" + key + "' in filter SPEC '" + spec + "'");
                }
                if (kv.put(key, value) != null) {
                    throw new UserInputException("key '" + key + "' given twice in filter SPEC '" + spec + "'");
                }
            }
        }
        Boundary b = kv.containsKey("boundary") ? Boundary.parse(kv.get("boundary"))
                : name.equals("simoncelli") ? Boundary.PERIODIC : Boundary.MIRROR;
        boolean twoD = dimFlag != null && dimFlag;
        switch (name) {
            case "laws" -> {
                List<String> ks = lawsKernels(require(kv, name, "kernel"));
                if (dimFlag != null && (ks.size() == 2) != dimFlag) {
                    throw new UserInputException("laws kernel " + kv.get("kernel") + " has " + ks.size()
                            + " components but the SPEC says " + (dimFlag ? "2d" : "3d")
                            + "; a 2D kernel has 2 components (L5S5), a 3D kernel 3 (E5L5S5)");
                }
                twoD = ks.size() == 2;
            }
            case "wavelet" -> {
                String band = require(kv, name, "band").toUpperCase(Locale.ROOT);
                if (!band.matches("[LH]{2,3}")) {
                    throw new UserInputException("wavelet band '" + kv.get("band")
                            + "' must be 3 letters L/H for 3D (e.g. LHL) or 2 for 2D (e.g. HL)");
                }
                if (dimFlag != null && (band.length() == 2) != dimFlag) {
                    throw new UserInputException("wavelet band " + band + " has " + band.length()
                            + " letters but the SPEC says " + (dimFlag ? "2d" : "3d"));
                }
                twoD = band.length() == 2;
            }
            case "gabor" -> {
                if (dimFlag != null && !dimFlag) {
                    throw new UserInputException("gabor is a 2D (in-plane) filter; for 3D use planes=orthogonal, "
                            + "which averages the axial, coronal and sagittal responses");
                }
                twoD = true;
            }
            default -> {
            }
        }
        FilterSpec f = new FilterSpec(name, kv, twoD, b);
        f.read();
        return f;
    }

    private void read() {
        switch (name) {
            case "mean" -> {
                size = intValue("size", given.getOrDefault("size", ""), 1);
                if (size % 2 == 0) {
                    throw new UserInputException("mean size must be odd (the filter is centred on the voxel), got "
                            + size);
                }
            }
            case "log" -> {
                String sg = require(given, name, "sigma");
                sigma = length("sigma", sg);
                sigmaVox = isVox(sg);
                truncate = positive("truncate", given.getOrDefault("truncate", "4"));
                riesz = given.containsKey("riesz") ? rieszOrder(given.get("riesz")) : null;
            }
            case "laws" -> {
                lawsKernels = lawsKernels(given.get("kernel"));
                energy = given.containsKey("energy") ? intValue("energy", given.get("energy"), 0) : -1;
                rot = pooling(given.getOrDefault("rot", "none"));
            }
            case "gabor" -> {
                String sg = require(given, name, "sigma");
                sigma = length("sigma", sg);
                sigmaVox = isVox(sg);
                String lm = require(given, name, "lambda");
                lambda = length("lambda", lm);
                lambdaVox = isVox(lm);
                gamma = positive("gamma", given.getOrDefault("gamma", "1"));
                theta = angle("theta", given.getOrDefault("theta", "0"));
                dtheta = angle("dtheta", given.getOrDefault("dtheta", "pi/4"));
                if (!(dtheta > 0) || dtheta > 2 * Math.PI + 1e-12) {
                    throw new UserInputException("gabor dtheta must be in (0, 2pi], got " + given.get("dtheta"));
                }
                rot = pooling(given.getOrDefault("rot", "none"));
                truncate = positive("truncate", given.getOrDefault("truncate", "4"));
                String planes = given.getOrDefault("planes", "axial").toLowerCase(Locale.ROOT);
                if (!planes.equals("axial") && !planes.equals("orthogonal")) {
                    throw new UserInputException("unknown gabor planes '" + planes + "'; valid planes: axial "
                            + "(each x-y slice), orthogonal (average of axial, coronal and sagittal)");
                }
                orthogonal = planes.equals("orthogonal");
            }
            case "wavelet" -> {
                family = require(given, name, "family").toLowerCase(Locale.ROOT);
                WaveletFamilies.lowPass(family);
                band = given.get("band").toUpperCase(Locale.ROOT);
                level = intValue("level", given.getOrDefault("level", "1"), 1);
                rot = pooling(given.getOrDefault("rot", "none"));
            }
            case "simoncelli" -> {
                level = intValue("level", given.getOrDefault("level", "1"), 1);
                riesz = given.containsKey("riesz") ? rieszOrder(given.get("riesz")) : null;
            }
            default -> throw new IllegalStateException(name);
        }
    }

    /** The filter name ("log", "laws", ...). */
    public String name() {
        return name;
    }

    /**
     * The response map of {@code image}: float64, same grid and geometry.
     *
     * @throws UserInputException when the parameters do not fit the image (e.g. a wavelet level too deep)
     */
    public Volume apply(Volume image) {
        int[] dims = image.dims();
        double[] sp = image.spacing();
        if (!twoD && dims[2] == 1) {
            throw new UserInputException("filter " + this + " is 3D but the image has a single slice ("
                    + dims[0] + "x" + dims[1] + "x1); add the 2d flag (or use a 2-component Laws kernel / "
                    + "2-letter wavelet band)");
        }
        int[] axes = twoD ? new int[] {0, 1} : new int[] {0, 1, 2};
        double[] x = image.data();
        double[] r = switch (name) {
            case "mean" -> SpatialFilters.mean(x, dims, axes, size, boundary);
            case "log" -> log(x, dims, sp, axes);
            case "laws" -> SpatialFilters.laws(x, dims, axes, lawsKernels, rot, energy, boundary);
            case "gabor" -> gabor(x, dims, sp);
            case "wavelet" -> {
                checkWaveletLevel(dims, axes);
                yield SpatialFilters.wavelet(x, dims, axes, family, band, level, rot, boundary);
            }
            case "simoncelli" -> {
                checkSimoncelliLevel(dims, axes);
                yield FourierFilters.apply(x, dims, axes, level, riesz, boundary);
            }
            default -> throw new IllegalStateException(name);
        };
        Volume out = new Volume(dims[0], dims[1], dims[2], r == x ? x.clone() : r, PixelType.FLOAT64);
        out.copyGeometryFrom(image);
        out.setDescription("dlrad filter " + this);
        return out;
    }

    private double[] log(double[] x, int[] dims, double[] sp, int[] axes) {
        double[] sv = new double[3];
        for (int a = 0; a < 3; a++) {
            sv[a] = sigmaVox ? sigma : sigma / sp[a];
        }
        if (riesz == null) {
            return SpatialFilters.laplacianOfGaussian(x, dims, axes, sv, truncate, boundary);
        }
        // Riesz is applied by FFT: pad (unless periodic) to a power of two with at least the LoG radius and
        // n/8 voxels per side, filter the padded grid, transform, crop
        int[] pad = new int[3];
        int[] padHi = new int[3];
        if (boundary != Boundary.PERIODIC) {
            int[] margin = new int[3];
            for (int a : axes) {
                margin[a] = (int) Math.ceil(truncate * sv[a]);
            }
            int[][] p = Grid.fftPadding(dims, axes, margin);
            pad = p[0];
            padHi = p[1];
        }
        int[] pd = new int[3];
        double[] padded = Grid.pad(x, dims, pad, padHi, boundary, pd);
        double[] l = SpatialFilters.laplacianOfGaussian(padded, pd, axes, sv, truncate, boundary);
        double[] rz = FourierFilters.apply(l, pd, axes, 0, riesz, Boundary.PERIODIC);
        return Grid.crop(rz, pd, pad, dims);
    }

    private double[] gabor(double[] x, int[] dims, double[] sp) {
        double inPlane = Math.min(sp[0], sp[1]);
        double s = sigmaVox ? sigma * inPlane : sigma;
        double l = lambdaVox ? lambda * inPlane : lambda;
        double[] thetas;
        if (rot == SpatialFilters.Pooling.NONE) {
            thetas = new double[] {theta};
        } else {
            int n = Math.max(1, (int) Math.round(2 * Math.PI / dtheta));
            thetas = new double[n];
            for (int k = 0; k < n; k++) {
                thetas[k] = theta + k * dtheta;
            }
        }
        int[][] planes = orthogonal ? new int[][] {GaborFilter.AXIAL, GaborFilter.CORONAL, GaborFilter.SAGITTAL}
                : new int[][] {GaborFilter.AXIAL};
        if (orthogonal && dims[2] == 1) {
            throw new UserInputException("gabor planes=orthogonal needs a 3D image; this one has a single slice");
        }
        return GaborFilter.apply(x, dims, sp, planes, s, l, gamma, thetas, truncate,
                rot == SpatialFilters.Pooling.MAX, boundary);
    }

    private void checkWaveletLevel(int[] dims, int[] axes) {
        int taps = WaveletFamilies.lowPass(family).length;
        int minDim = minDim(dims, axes);
        long span = (long) (taps - 1) * (1L << Math.min(level - 1, 40)) + 1;
        if (span > minDim) {
            int max = 0;
            while ((long) (taps - 1) * (1L << max) + 1 <= minDim) {
                max++;
            }
            throw new UserInputException("wavelet level " + level + " is too deep for an image of " + dims[0] + "x"
                    + dims[1] + "x" + dims[2] + " voxels: the dilated " + family + " filter spans " + span
                    + " voxels, more than the smallest filtered dimension (" + minDim + "); valid levels: 1.."
                    + max);
        }
    }

    private void checkSimoncelliLevel(int[] dims, int[] axes) {
        int minDim = minDim(dims, axes);
        if (level > 30 || (1L << (level + 1)) > minDim) {
            int max = 0;
            while ((1L << (max + 2)) <= minDim) {
                max++;
            }
            throw new UserInputException("simoncelli level " + level + " is too deep for an image of " + dims[0]
                    + "x" + dims[1] + "x" + dims[2] + " voxels: its band would be narrower than the frequency "
                    + "resolution (needs 2^(level+1) <= " + minDim + "); valid levels: 1.." + max);
        }
    }

    private static int minDim(int[] dims, int[] axes) {
        int m = Integer.MAX_VALUE;
        for (int a : axes) {
            m = Math.min(m, dims[a]);
        }
        return m;
    }

    // ---------------------------------------------------------------- value parsing

    private static String require(Map<String, String> kv, String filter, String key) {
        String v = kv.get(key);
        if (v == null) {
            throw new UserInputException("filter " + filter + " needs " + key + "=...; keys: "
                    + String.join(", ", KEYS.get(filter)));
        }
        return v;
    }

    private static List<String> lawsKernels(String k) {
        String s = k.toUpperCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (s.length() % 2 != 0 || s.length() < 4 || s.length() > 6) {
            throw new UserInputException("laws kernel '" + k + "' must be 2 or 3 one-dimensional kernels, e.g. "
                    + "L5S5 or E5L5S5; valid 1D kernels: " + SpatialFilters.LAWS_NAMES);
        }
        for (int i = 0; i < s.length(); i += 2) {
            String t = s.substring(i, i + 2);
            if (!List.of(SpatialFilters.LAWS_NAMES.split(", ")).contains(t)) {
                throw new UserInputException("unknown Laws kernel '" + t + "' in '" + k + "'; valid 1D kernels: "
                        + SpatialFilters.LAWS_NAMES);
            }
            out.add(t);
        }
        return out;
    }

    private static SpatialFilters.Pooling pooling(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "none" -> SpatialFilters.Pooling.NONE;
            case "max" -> SpatialFilters.Pooling.MAX;
            case "avg", "average", "mean" -> SpatialFilters.Pooling.AVG;
            default -> throw new UserInputException("unknown rot '" + v + "'; valid values: none, max, avg");
        };
    }

    private static boolean isVox(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        return s.endsWith("vox") || s.endsWith("voxel") || s.endsWith("voxels");
    }

    private static double length(String key, String v) {
        String s = v.toLowerCase(Locale.ROOT).trim();
        String num = s.replaceFirst("(mm|vox|voxels|voxel)$", "").trim();
        if (!NUMBER.matcher(num).matches()) {
            throw new UserInputException(key + " '" + v + "' is not a length; write e.g. 3mm, 3 (mm) or 1.5vox");
        }
        double d = Double.parseDouble(num);
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new UserInputException(key + " must be > 0, got " + v);
        }
        return d;
    }

    private static double positive(String key, String v) {
        if (!NUMBER.matcher(v.trim()).matches()) {
            throw new UserInputException(key + " '" + v + "' is not a number");
        }
        double d = Double.parseDouble(v.trim());
        if (!(d > 0) || Double.isInfinite(d)) {
            throw new UserInputException(key + " must be > 0, got " + v);
        }
        return d;
    }

    private static int intValue(String key, String v, int min) {
        if (v.isEmpty()) {
            throw new UserInputException(key + " is required (an integer >= " + min + ")");
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min) {
                throw new UserInputException(key + " must be an integer >= " + min + ", got " + v);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new UserInputException(key + " '" + v + "' is not an integer (>= " + min + ")");
        }
    }

    /** Parses radians: {@code 1.047}, {@code pi/3}, {@code 5pi/4}, {@code -pi/4}, {@code 60deg}. */
    static double angle(String key, String v) {
        String s = v.toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.endsWith("deg")) {
            String num = s.substring(0, s.length() - 3);
            if (NUMBER.matcher(num).matches()) {
                return Math.toRadians(Double.parseDouble(num));
            }
        } else if (NUMBER.matcher(s).matches()) {
            return Double.parseDouble(s);
        } else {
            Matcher m = PI.matcher(s);
            if (m.matches()) {
                double a = Math.PI;
                if (m.group(2) != null) {
                    a *= Double.parseDouble(m.group(2));
                }
                if (m.group(3) != null) {
                    double d = Double.parseDouble(m.group(3));
                    if (d == 0) {
                        throw new UserInputException(key + " '" + v + "' divides by zero");
                    }
                    a /= d;
                }
                return "-".equals(m.group(1)) ? -a : a;
            }
        }
        throw new UserInputException(key + " '" + v + "' is not an angle; write e.g. pi/3, 5pi/4, 60deg or 1.047 "
                + "(radians)");
    }

    private int[] rieszOrder(String v) {
        int d = twoD ? 2 : 3;
        if (!v.matches("\\d+") || v.length() != d) {
            throw new UserInputException("riesz '" + v + "' must be " + d + " digits, the order along "
                    + (d == 2 ? "x, y (e.g. riesz=10)" : "x, y, z (e.g. riesz=100 or riesz=020)"));
        }
        int[] o = new int[d];
        int total = 0;
        for (int i = 0; i < d; i++) {
            o[i] = v.charAt(i) - '0';
            total += o[i];
        }
        if (total == 0) {
            throw new UserInputException("riesz order " + v + " is all zeros (the identity); leave riesz out");
        }
        return o;
    }

    /** The canonical SPEC: name, the keys as given (lower-case), the dimensionality flag. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        char sep = ':';
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (e.getKey().equals("boundary")) {
                continue;
            }
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ',';
        }
        sb.append(sep).append("boundary=").append(boundary.label());
        if (twoD && !name.equals("gabor")) {
            sb.append(",2d");
        }
        return sb.toString();
    }
}
