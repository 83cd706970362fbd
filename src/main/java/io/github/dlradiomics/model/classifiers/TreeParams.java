package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a classifier's hyper-parameter map (from code, a grid, a CLI string or parsed JSON, so numbers may
 * be Integer, Long or Double and may arrive as text), rejecting unknown names and out-of-range values with
 * a {@link UserInputException} that names the classifier and the parameter.
 */
final class TreeParams {
    private final String model;
    private final Map<String, Object> given;

    private TreeParams(String model, Map<String, Object> given) {
        this.model = model;
        this.given = given;
    }

    /** Checks that every key of {@code params} (may be null) is one of {@code known}. */
    static TreeParams of(String model, Map<String, Object> params, Set<String> known) {
        Map<String, Object> g = params == null ? Map.of() : params;
        for (String k : g.keySet()) {
            if (!known.contains(k)) {
                throw new UserInputException(model + ": unknown parameter '" + k + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return new TreeParams(model, g);
    }

    private UserInputException bad(String key, Object v, String what) {
        return new UserInputException(model + ": parameter " + key + " = " + v + " " + what);
    }

    private static boolean isNone(Object v) {
        return v == null || (v instanceof String s && (s.equalsIgnoreCase("none") || s.equalsIgnoreCase("null")));
    }

    private double number(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw bad(key, v, "is not a number");
            }
        }
        throw bad(key, v, "is not a number");
    }

    /** An integer >= {@code min} (default when absent). */
    int integer(String key, int def, int min) {
        if (!given.containsKey(key)) {
            return def;
        }
        Integer v = optionalInteger(key, null, min);
        if (v == null) {
            throw bad(key, null, "must be an integer >= " + min);
        }
        return v;
    }

    /** An integer >= {@code min} or null ("none"); the default when absent. */
    Integer optionalInteger(String key, Integer def, int min) {
        if (!given.containsKey(key)) {
            return def;
        }
        Object v = given.get(key);
        if (isNone(v)) {
            return null;
        }
        double d = number(key, v);
        if (d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
            throw bad(key, v, "must be an integer >= " + min);
        }
        return (int) d;
    }

    /** A finite number in [lo, hi] (or (lo, hi] when {@code openLow}). */
    double real(String key, double def, double lo, double hi, boolean openLow) {
        if (!given.containsKey(key)) {
            return def;
        }
        Object v = given.get(key);
        double d = isNone(v) ? Double.NaN : number(key, v);
        if (!Double.isFinite(d) || d > hi || (openLow ? d <= lo : d < lo)) {
            throw bad(key, v, "must be in " + (openLow ? "(" : "[") + lo + ", " + hi + "]");
        }
        return d;
    }

    /** true/false (also "true"/"false" text). */
    boolean bool(String key, boolean def) {
        if (!given.containsKey(key)) {
            return def;
        }
        Object v = given.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw bad(key, v, "must be true or false");
    }

    /** The seed: the map's "seed" when present (so a saved params map reproduces its model), else {@code def}. */
    long seed(long def) {
        if (!given.containsKey("seed")) {
            return def;
        }
        Object v = given.get("seed");
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw bad("seed", v, "must be an integer");
            }
        }
        double d = isNone(v) ? Double.NaN : number("seed", v);
        if (d != Math.rint(d) || Math.abs(d) > 0x1p63) {
            throw bad("seed", v, "must be an integer");
        }
        return (long) d;
    }

    /**
     * max_features as given: "sqrt", "log2", "all" (or null), an integer count >= 1, or a fraction in (0, 1).
     * Returned normalised (lower-case text, Integer count or Double fraction; "all" for null).
     */
    Object maxFeatures(String key, Object def) {
        if (!given.containsKey(key)) {
            return def;
        }
        Object v = given.get(key);
        if (isNone(v)) {
            return "all";
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("sqrt") || t.equals("log2") || t.equals("all") || t.equals("auto")) {
                return t.equals("auto") ? "sqrt" : t;
            }
        }
        double d = number(key, v);
        if (d == Math.rint(d) && d >= 1 && d <= Integer.MAX_VALUE) {
            return (int) d;
        }
        if (d > 0 && d < 1) {
            return d;
        }
        throw bad(key, v, "must be sqrt, log2, all, an integer >= 1 or a fraction in (0, 1)");
    }

    /** The number of features examined per split for {@code p} features (scikit-learn's rules). */
    static int resolveMaxFeatures(Object spec, int p) {
        if (spec instanceof Integer k) {
            return Math.min(k, p);
        }
        if (spec instanceof Double f) {
            return Math.max(1, (int) (f * p));
        }
        return switch ((String) spec) {
            case "sqrt" -> Math.max(1, (int) Math.sqrt(p));
            case "log2" -> Math.max(1, (int) (Math.log(p) / Math.log(2)));
            default -> p;
        };
    }

    /** An ordered map that may hold nulls, made unmodifiable. */
    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The cartesian product of named value lists, as unmodifiable maps in row-major order (first key slowest). */
    static List<Map<String, Object>> grid(Object... keyValueLists) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (int i = 0; i < keyValueLists.length; i += 2) {
            String key = (String) keyValueLists[i];
            List<?> values = (List<?>) keyValueLists[i + 1];
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> m : out) {
                for (Object v : values) {
                    Map<String, Object> c = new LinkedHashMap<>(m);
                    c.put(key, v);
                    next.add(c);
                }
            }
            out = next;
        }
        List<Map<String, Object>> frozen = new ArrayList<>();
        for (Map<String, Object> m : out) {
            frozen.add(Collections.unmodifiableMap(m));
        }
        return Collections.unmodifiableList(frozen);
    }
}
