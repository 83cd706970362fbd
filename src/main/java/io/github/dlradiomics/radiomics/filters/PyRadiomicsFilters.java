package io.github.dlradiomics.radiomics.filters;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.radiomics.RadiomicsSettings;
import io.github.dlradiomics.util.UserInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * PyRadiomics' image types (filters) as {@code radiomics/imageoperations.py} computes them: LoG, Wavelet, Square,
 * SquareRoot, Logarithm, Exponential, Gradient, LBP2D and LBP3D, in PyRadiomics' order and with its names.
 *
 * <pre>List&lt;DerivedImage&gt; logs = PyRadiomicsFilters.generate("LoG", image, mask, settings);</pre>
 */
public final class PyRadiomicsFilters {
    /** The image types this class generates (PyRadiomics' names; "Original" is not a filter). */
    public static final List<String> IMAGE_TYPES = List.of("LoG", "Wavelet", "Square", "SquareRoot", "Logarithm",
            "Exponential", "Gradient", "LBP2D", "LBP3D");

    private PyRadiomicsFilters() {
    }

    /**
     * The derived images of one PyRadiomics image type ("LoG", "Wavelet", "Square", "SquareRoot", "Logarithm",
     * "Exponential", "Gradient", "LBP2D", "LBP3D"), in PyRadiomics' order, computed on the whole given image
     * (PyRadiomics filters the preprocessed, possibly resampled/pre-cropped, image, then crops to the mask).
     * {@code s} holds the effective settings (global settings with the image type's custom settings applied).
     * Bad parameters (sigma &lt;= 0, unknown wavelet, level &lt; 1, ...) are a {@link UserInputException} listing the
     * valid choices. Where PyRadiomics only logs a warning and yields
     * nothing (an image smaller than 4 voxels along an axis for LoG, a sigma with size &lt; ceil(sigma / spacing)
     * + 1 along an axis), nothing is returned for it either. {@code mask} is used by LBP3D only, which computes its
     * images on the voxels where the mask is non-zero (all voxels when null) and leaves the others 0.
     *
     * <pre>for (DerivedImage d : PyRadiomicsFilters.generate("Wavelet", img, mask, s)) use(d.name(), d.image());</pre>
     */
    public static List<DerivedImage> generate(String imageType, Volume image, Volume mask, RadiomicsSettings s) {
        return generate(imageType, image, mask, s, msg -> { });
    }

    /** As {@link #generate(String, Volume, Volume, RadiomicsSettings)}, reporting PyRadiomics' warnings. */
    public static List<DerivedImage> generate(String imageType, Volume image, Volume mask, RadiomicsSettings s,
            Consumer<String> warnings) {
        List<DerivedImage> out = new ArrayList<>();
        switch (imageType) {
            case "LoG" -> log(image, s, warnings, out);
            case "Wavelet" -> out.addAll(wavelet(image, s));
            case "Square" -> out.add(new DerivedImage("square", square(image)));
            case "SquareRoot" -> out.add(new DerivedImage("squareroot", squareRoot(image)));
            case "Logarithm" -> out.add(new DerivedImage("logarithm", logarithm(image)));
            case "Exponential" -> out.add(new DerivedImage("exponential", exponential(image)));
            case "Gradient" -> out.add(new DerivedImage("gradient", gradientMagnitude(image, s.gradientUseSpacing)));
            case "LBP2D" -> {
                if (!s.force2D) {
                    warnings.accept("Calculating Local Binary Pattern in 2D, but extracting features in 3D."
                            + " Use with caution!");
                }
                out.add(new DerivedImage("lbp-2D", LocalBinaryPattern2D.apply(image, s.lbp2DRadius, s.lbp2DSamples,
                        s.lbp2DMethod, s.force2Ddimension)));
            }
            case "LBP3D" -> {
                if (s.force2D) {
                    warnings.accept("Calculating Local Binary Pattern in 3D, but extracting features in 2D."
                            + " Use with caution!");
                }
                out.addAll(LocalBinaryPattern3D.apply(image, mask, s.lbp3DLevels, s.lbp3DIcosphereRadius,
                        s.lbp3DIcosphereSubdivision));
            }
            default -> throw new UserInputException("image type '" + imageType + "' is unknown (valid: Original, "
                    + String.join(", ", IMAGE_TYPES) + ")");
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ LoG

    private static void log(Volume image, RadiomicsSettings s, Consumer<String> warnings, List<DerivedImage> out) {
        int[] n = image.dims();
        if (s.sigma == null) {
            return;
        }
        for (double sigma : s.sigma) {
            if (!(sigma > 0)) {
                throw new UserInputException("LoG: sigma must be > 0 mm (got " + sigma + ")");
            }
        }
        if (Math.min(n[0], Math.min(n[1], n[2])) < 4) {
            warnings.accept("Image too small to apply LoG filter, size: [" + n[0] + " " + n[1] + " " + n[2] + "]");
            return;
        }
        double[] sp = image.spacing();
        String[] text = s.sigmaText();
        for (int k = 0; k < s.sigma.length; k++) {
            double sigma = s.sigma[k];
            String name = text != null && text.length == s.sigma.length ? logName(text[k]) : logName(sigma);
            boolean fits = true;
            for (int d = 0; d < 3; d++) {
                fits &= n[d] >= Math.ceil(sigma / sp[d]) + 1;
            }
            if (!fits) {
                warnings.accept("applyLoG: sigma(" + sigma + ")/spacing + 1 must be greater than the size of the"
                        + " inputImage; sigma skipped");
                continue;
            }
            out.add(new DerivedImage(name, RecursiveGaussian.laplacian(image, sigma, true)));
        }
    }

    /**
     * PyRadiomics' name of a LoG image, {@code "log-sigma-" + str(sigma).replace('.', '-') + "-mm-3D"}, for a
     * sigma given as a Python float (1.0 gives "log-sigma-1-0-mm-3D"). A sigma written as an integer in the
     * parameter file (str(1) = "1") is {@code "log-sigma-1-mm-3D"} in PyRadiomics: use {@link #logName(String)}.
     */
    public static String logName(double sigma) {
        return logName(pythonFloatRepr(sigma));
    }

    /** {@code "log-sigma-" + pythonStr.replace('.', '-') + "-mm-3D"}. */
    public static String logName(String pythonStr) {
        return "log-sigma-" + pythonStr.replace('.', '-') + "-mm-3D";
    }

    /** Python's {@code repr(float)} / {@code str(float)}: shortest round-trip digits, e.g. 1.0, 0.5, 1e-05, 1e+16. */
    public static String pythonFloatRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the leading digit
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
        }
        String plain = bd.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    // -------------------------------------------------------------------------------------------- Wavelet

    private static List<DerivedImage> wavelet(Volume image, RadiomicsSettings s) {
        WaveletFilterBank w = WaveletFilterBank.of(s.wavelet);
        if (s.level < 1) {
            throw new UserInputException("Wavelet: 'level' must be >= 1 (got " + s.level + ")");
        }
        if (s.start_level < 0) {
            throw new UserInputException("Wavelet: 'start_level' must be >= 0 (got " + s.start_level + ")");
        }
        // PyRadiomics: axes = numpy (2, 1, 0) = x, y, z; force2D removes numpy axis force2Ddimension.
        List<Integer> axes = new ArrayList<>(List.of(0, 1, 2));
        if (s.force2D) {
            if (s.force2Ddimension < 0 || s.force2Ddimension > 2) {
                throw new UserInputException("force2Ddimension must be 0, 1 or 2 (got " + s.force2Ddimension + ")");
            }
            axes.remove(Integer.valueOf(2 - s.force2Ddimension));
        }
        int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
        // PyRadiomics pads any level, but once 2^(start_level + level) exceeds the image the dilated filters wrap
        // around the padded image many times and the sub-bands carry no texture: refuse that as too deep.
        int[] dims = image.dims();
        int largest = 1;
        for (int a : ax) {
            largest = Math.max(largest, dims[a]);
        }
        int depth = s.start_level + s.level;
        if (depth > 30 || (1L << depth) > largest) {
            int max = 31 - Integer.numberOfLeadingZeros(largest);
            throw new UserInputException("Wavelet: start_level + level = " + depth + " is too deep for the "
                    + dims[0] + "x" + dims[1] + "x" + dims[2] + " image around the ROI (2^" + depth
                    + " > its largest side " + largest + "; at most " + max + ")");
        }
        return StationaryWavelet.decompose(image, w, s.start_level, s.level, ax);
    }

    // ------------------------------------------------------------------------------- intensity transforms

    /** getSquareImage: (c x)^2 with c = 1 / sqrt(max |x|); float64. */
    public static Volume square(Volume image) {
        double[] x = image.data();
        double coeff = 1 / Math.sqrt(maxAbs(x));
        double[] o = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double t = coeff * x[i];
            o[i] = t * t;
        }
        return like(image, o);
    }

    /** getSquareRootImage: sqrt(c x) for x > 0, -sqrt(-c x) for x < 0, 0 stays 0, c = max |x|; float64. */
    public static Volume squareRoot(Volume image) {
        double[] x = image.data();
        double coeff = maxAbs(x);
        double[] o = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = v > 0 ? Math.sqrt(v * coeff) : v < 0 ? -Math.sqrt(-v * coeff) : v;
        }
        return like(image, o);
    }

    /** getLogarithmImage: log(x + 1) for x > 0, -log(1 - x) for x < 0, rescaled to max |x|; float64. */
    public static Volume logarithm(Volume image) {
        double[] x = image.data();
        double max = maxAbs(x);
        double[] o = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            o[i] = v > 0 ? Math.log(v + 1) : v < 0 ? -Math.log(-(v - 1)) : v;
        }
        double k = max / maxAbs(o);
        for (int i = 0; i < o.length; i++) {
            o[i] = o[i] * k;
        }
        return like(image, o);
    }

    /** getExponentialImage: exp(c x) with c = log(max |x|) / max |x|; float64. */
    public static Volume exponential(Volume image) {
        double[] x = image.data();
        double max = maxAbs(x);
        double coeff = Math.log(max) / max;
        double[] o = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            o[i] = Math.exp(coeff * x[i]);
        }
        return like(image, o);
    }

    /** numpy's max(abs(x)): NaN when any value is NaN. */
    private static double maxAbs(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            double a = Math.abs(v);
            if (a > m || Double.isNaN(a)) {
                m = a;
                if (Double.isNaN(a)) {
                    return a;
                }
            }
        }
        return m;
    }

    private static Volume like(Volume image, double[] data) {
        Volume v = new Volume(image.nx(), image.ny(), image.nz(), data, PixelType.FLOAT64);
        v.copyGeometryFrom(image);
        return v;
    }

    // ------------------------------------------------------------------------------------------- Gradient

    /**
     * SimpleITK's {@code GradientMagnitude(image, useImageSpacing)} (itk::GradientMagnitudeImageFilter): central
     * differences {@code (x[i+1] - x[i-1]) / 2}, divided by the spacing when asked, with a zero-flux Neumann border
     * (the edge voxel repeated), the square root of the sum of squares over the three axes; float32 values.
     */
    public static Volume gradientMagnitude(Volume image, boolean useImageSpacing) {
        int[] n = image.dims();
        double[] sp = useImageSpacing ? image.spacing() : new double[] {1, 1, 1};
        double[] x = image.data();
        double[] o = new double[x.length];
        double cx = 0.5 / sp[0];
        double cy = 0.5 / sp[1];
        double cz = 0.5 / sp[2];
        int sy = n[0];
        int sz = n[0] * n[1];
        for (int k = 0; k < n[2]; k++) {
            int km = k > 0 ? -sz : 0;
            int kp = k < n[2] - 1 ? sz : 0;
            for (int j = 0; j < n[1]; j++) {
                int jm = j > 0 ? -sy : 0;
                int jp = j < n[1] - 1 ? sy : 0;
                int row = sy * j + sz * k;
                for (int i = 0; i < n[0]; i++) {
                    int q = row + i;
                    int im = i > 0 ? -1 : 0;
                    int ip = i < n[0] - 1 ? 1 : 0;
                    double gx = cx * x[q + ip] - cx * x[q + im];
                    double gy = cy * x[q + jp] - cy * x[q + jm];
                    double gz = cz * x[q + kp] - cz * x[q + km];
                    o[q] = (float) Math.sqrt(gx * gx + gy * gy + gz * gz);
                }
            }
        }
        Volume v = new Volume(n[0], n[1], n[2], o, PixelType.FLOAT32);
        v.copyGeometryFrom(image);
        return v;
    }
}
