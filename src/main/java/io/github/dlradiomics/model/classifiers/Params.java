package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads classifier hyper-parameters from the loosely typed maps that grids, the command line and parsed
 * JSON give (a 5 may arrive as Integer, Long, Double 5.0 or the string "5"), and refuses anything unknown
 * or out of range with one line that names the classifier and the parameter.
 *
 * <pre>Params.checkKeys("knn", params, List.of("k", "weights", "seed")); int k = Params.positiveInt("knn", params, "k", 5);</pre>
 */
public final class Params {
    /** The key under which every classifier lists its seed in {@code params()}. */
    public static final String SEED = "seed";

    private Params() {
    }

    /** Refuses the first key not in {@code allowed}, listing the accepted ones. */
    public static void checkKeys(String classifier, Map<String, ?> params, Collection<String> allowed) {
        if (params == null) {
            return;
        }
        for (String k : params.keySet()) {
            if (!allowed.contains(k)) {
                throw new UserInputException(classifier + ": unknown parameter '" + k + "' (accepted: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    /** The seed: {@code params.seed} when given (as written by {@code params()}), else {@code fallback}. */
    public static long seed(String classifier, Map<String, ?> params, long fallback) {
        Object o = params == null ? null : params.get(SEED);
        if (o == null) {
            return fallback;
        }
        double d = number(classifier, SEED, o);
        if (d != Math.rint(d) || Math.abs(d) > 0x1p53) {
            throw new UserInputException(classifier + ": parameter seed must be an integer, got " + o);
        }
        return (long) d;
    }

    /** A finite number &gt; 0. */
    public static double positive(String classifier, Map<String, ?> params, String key, double fallback) {
        double d = real(classifier, params, key, fallback);
        if (!(d > 0)) {
            throw new UserInputException(classifier + ": parameter " + key + " must be > 0, got " + params.get(key));
        }
        return d;
    }

    /** A finite number &gt;= 0. */
    public static double nonNegative(String classifier, Map<String, ?> params, String key, double fallback) {
        double d = real(classifier, params, key, fallback);
        if (!(d >= 0)) {
            throw new UserInputException(classifier + ": parameter " + key + " must be >= 0, got " + params.get(key));
        }
        return d;
    }

    /** An integer &gt;= 1. */
    public static int positiveInt(String classifier, Map<String, ?> params, String key, int fallback) {
        Object o = params == null ? null : params.get(key);
        if (o == null) {
            return fallback;
        }
        return integer(classifier, key, o, 1);
    }

    /** One of {@code options} (case-insensitive; returned in the spelling of {@code options}). */
    public static String choice(String classifier, Map<String, ?> params, String key, String fallback,
            String... options) {
        Object o = params == null ? null : params.get(key);
        if (o == null) {
            return fallback;
        }
        String s = o.toString().trim();
        for (String opt : options) {
            if (opt.equalsIgnoreCase(s)) {
                return opt;
            }
        }
        throw new UserInputException(classifier + ": parameter " + key + " must be one of " + String.join(", ", options)
                + ", got '" + s + "'");
    }

    /**
     * A list of integers &gt;= 1: a list or array of numbers, one number, or text such as "64,32" or
     * "(64, 32)".
     */
    public static List<Integer> intList(String classifier, Map<String, ?> params, String key, List<Integer> fallback) {
        Object o = params == null ? null : params.get(key);
        if (o == null) {
            return fallback;
        }
        List<Object> items = new ArrayList<>();
        if (o instanceof Collection<?> c) {
            items.addAll(c);
        } else if (o instanceof int[] a) {
            for (int v : a) {
                items.add(v);
            }
        } else if (o instanceof Number) {
            items.add(o);
        } else {
            String s = o.toString().replace("(", "").replace(")", "").replace("[", "").replace("]", "").trim();
            for (String part : s.split("[,;\\s]+")) {
                if (!part.isEmpty()) {
                    items.add(part);
                }
            }
        }
        if (items.isEmpty()) {
            throw new UserInputException(classifier + ": parameter " + key + " needs at least one value, got " + o);
        }
        List<Integer> out = new ArrayList<>();
        for (Object item : items) {
            out.add(integer(classifier, key, item, 1));
        }
        return List.copyOf(out);
    }

    /** A number from a Number or numeric text. */
    static double number(String classifier, String key, Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(o.toString().trim());
        } catch (NumberFormatException e) {
            throw new UserInputException(classifier + ": parameter " + key + " must be a number, got '" + o + "'");
        }
    }

    private static double real(String classifier, Map<String, ?> params, String key, double fallback) {
        Object o = params == null ? null : params.get(key);
        if (o == null) {
            return fallback;
        }
        double d = number(classifier, key, o);
        if (!Double.isFinite(d)) {
            throw new UserInputException(classifier + ": parameter " + key + " must be finite, got " + o);
        }
        return d;
    }

    private static int integer(String classifier, String key, Object o, int min) {
        double d = number(classifier, key, o);
        if (d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
            throw new UserInputException(String.format(Locale.ROOT, "%s: parameter %s must be an integer >= %d, got %s",
                    classifier, key, min, o));
        }
        return (int) d;
    }
}
