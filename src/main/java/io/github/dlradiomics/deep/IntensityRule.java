package io.github.dlradiomics.deep;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.util.UserInputException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How raw intensities become the "unit" scale a network sees:
 * <ul>
 * <li>{@code window:LO,HI}: clip to [LO, HI], then {@code (v - LO) / (HI - LO)} (0..1);</li>
 * <li>{@code minmax}: {@code (v - min) / (max - min)} with min and max of the sample (0..1);</li>
 * <li>{@code zscore}: {@code (v - mean) / sd} with the sample's mean and population standard deviation (n
 * denominator);</li>
 * <li>{@code auto}: {@code window:0,255} for 8-bit images ({@link PixelType#UINT8}), otherwise {@code minmax}.</li>
 * </ul>
 * Sample statistics are taken over the resampled pixels of the sample (its ROI pixels only when the
 * mask mode zeroes the background). A constant sample cannot be scaled by minmax or zscore and is refused.
 *
 * <pre>IntensityRule r = IntensityRule.parse("window:-1000,400").resolve(ct.pixelType());</pre>
 *
 * @param kind the rule
 * @param low lower window bound (window only, else NaN)
 * @param high upper window bound (window only, else NaN)
 */
public record IntensityRule(Kind kind, double low, double high) {
    /** The rules. */
    public enum Kind {
        AUTO, MINMAX, ZSCORE, WINDOW
    }

    /** The default rule. */
    public static final IntensityRule AUTO = new IntensityRule(Kind.AUTO, Double.NaN, Double.NaN);

    /** The auto rule of an 8-bit image. */
    public static final IntensityRule BYTE_WINDOW = new IntensityRule(Kind.WINDOW, 0, 255);

    private static final IntensityRule MINMAX = new IntensityRule(Kind.MINMAX, Double.NaN, Double.NaN);
    private static final IntensityRule ZSCORE = new IntensityRule(Kind.ZSCORE, Double.NaN, Double.NaN);

    /** Checks the window. */
    public IntensityRule {
        if (kind == null) {
            throw new IllegalArgumentException("intensity rule: kind is null");
        }
        if (kind == Kind.WINDOW) {
            if (!(Double.isFinite(low) && Double.isFinite(high) && high > low)) {
                throw new UserInputException("intensity 'window:" + num(low) + "," + num(high)
                        + "': the window needs finite LO < HI");
            }
        } else {
            low = Double.NaN;
            high = Double.NaN;
        }
    }

    /** A fixed window [low, high]. */
    public static IntensityRule window(double low, double high) {
        return new IntensityRule(Kind.WINDOW, low, high);
    }

    /**
     * A fitted rule: {@code (clip(v, clipLo, clipHi) - offset) / divisor}.
     *
     * @param used the rule and the values it used, for provenance ("lo"/"hi", "min"/"max" or "mean"/"sd")
     */
    record Mapping(double offset, double divisor, double clipLo, double clipHi, Map<String, Object> used) {
        double apply(double v) {
            return (Math.min(clipHi, Math.max(clipLo, v)) - offset) / divisor;
        }
    }

    /** Parses "minmax", "zscore", "auto" or "window:LO,HI" (any case, spaces allowed); refuses anything else. */
    public static IntensityRule parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        switch (t) {
            case "auto":
                return AUTO;
            case "minmax":
                return MINMAX;
            case "zscore":
                return ZSCORE;
            default:
                break;
        }
        if (t.startsWith("window:")) {
            String[] p = t.substring(7).split(",");
            if (p.length == 2) {
                double lo;
                double hi;
                try {
                    lo = Double.parseDouble(p[0]);
                    hi = Double.parseDouble(p[1]);
                } catch (NumberFormatException e) {
                    throw new UserInputException("intensity '" + text + "': LO and HI of window:LO,HI must be numbers");
                }
                if (!(Double.isFinite(lo) && Double.isFinite(hi) && hi > lo)) {
                    throw new UserInputException("intensity '" + text + "': the window needs finite LO < HI");
                }
                return window(lo, hi);
            }
        }
        throw new UserInputException("intensity '" + text + "' is not one of auto, minmax, zscore or window:LO,HI");
    }

    /** The rule actually applied to an image of {@code type}: {@code auto} resolved, others unchanged. */
    public IntensityRule resolve(PixelType type) {
        if (kind != Kind.AUTO) {
            return this;
        }
        return type == PixelType.UINT8 ? BYTE_WINDOW : MINMAX;
    }

    /** "window:LO,HI", "minmax", "zscore" or "auto". */
    @Override
    public String toString() {
        return kind == Kind.WINDOW ? "window:" + num(low) + "," + num(high) : kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Fits the rule to a sample: {@code use[i]} says which values enter the statistics (null: all; at least
     * one must be true). Needs a resolved rule.
     *
     * @param what names the sample in error messages ("case 'c1', label 28")
     */
    Mapping fit(double[] values, boolean[] use, String what) {
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("intensity_applied", toString());
        switch (kind) {
            case WINDOW -> {
                used.put("lo", low);
                used.put("hi", high);
                return new Mapping(low, high - low, low, high, used);
            }
            case MINMAX -> {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < values.length; i++) {
                    if (use == null || use[i]) {
                        min = Math.min(min, values[i]);
                        max = Math.max(max, values[i]);
                    }
                }
                used.put("min", min);
                used.put("max", max);
                if (!(max > min)) {
                    throw new UserInputException(what + ": intensity minmax: the sample is constant (" + num(min)
                            + "); use window:LO,HI");
                }
                return new Mapping(min, max - min, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, used);
            }
            case ZSCORE -> {
                double sum = 0;
                long n = 0;
                for (int i = 0; i < values.length; i++) {
                    if (use == null || use[i]) {
                        sum += values[i];
                        n++;
                    }
                }
                double mean = sum / n;
                double ss = 0;
                for (int i = 0; i < values.length; i++) {
                    if (use == null || use[i]) {
                        ss += (values[i] - mean) * (values[i] - mean);
                    }
                }
                double sd = Math.sqrt(ss / n);
                used.put("mean", mean);
                used.put("sd", sd);
                if (!(sd > 0)) {
                    throw new UserInputException(what + ": intensity zscore: the sample is constant (sd = 0); use "
                            + "window:LO,HI");
                }
                return new Mapping(mean, sd, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, used);
            }
            default -> throw new IllegalStateException("unresolved intensity rule " + this);
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
