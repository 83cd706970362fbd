package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads the fitted state written by the classifiers' {@code toJson} back from parsed JSON. */
final class StateJson {
    private StateJson() {
    }

    /** Checks the "name" entry and returns the "params" map (empty when absent). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> params(Map<String, Object> json, String name) {
        if (json == null) {
            throw new UserInputException(name + " model JSON: empty");
        }
        Object n = json.get("name");
        if (n != null && !name.equals(n)) {
            throw new UserInputException(name + " model JSON: it holds a '" + n + "' model");
        }
        Object p = json.get("params");
        if (p != null && !(p instanceof Map)) {
            throw new UserInputException(name + " model JSON: 'params' is not an object");
        }
        return p == null ? Map.of() : (Map<String, Object>) p;
    }

    static Object required(Map<String, Object> json, String name, String key) {
        Object v = json.get(key);
        if (v == null) {
            throw new UserInputException(name + " model JSON: '" + key + "' is missing");
        }
        return v;
    }

    static List<?> list(Map<String, Object> json, String name, String key) {
        Object v = required(json, name, key);
        if (!(v instanceof List<?> l)) {
            throw new UserInputException(name + " model JSON: '" + key + "' is not a list");
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String name, String what) {
        if (!(o instanceof Map)) {
            throw new UserInputException(name + " model JSON: " + what + " is not an object");
        }
        return (Map<String, Object>) o;
    }

    static double[] doubles(Map<String, Object> json, String name, String key) {
        List<?> l = list(json, name, key);
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            if (!(l.get(i) instanceof Number n)) {
                throw new UserInputException(name + " model JSON: '" + key + "' entry " + i + " is not a number");
            }
            d[i] = n.doubleValue();
        }
        return d;
    }

    static int[] ints(Map<String, Object> json, String name, String key) {
        double[] d = doubles(json, name, key);
        int[] r = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) {
                throw new UserInputException(name + " model JSON: '" + key + "' entry " + i + " is not an integer");
            }
            r[i] = (int) d[i];
        }
        return r;
    }

    static int integer(Map<String, Object> json, String name, String key) {
        Object v = required(json, name, key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1) {
            throw new UserInputException(name + " model JSON: '" + key + "' must be a positive integer");
        }
        return n.intValue();
    }

    /** The native model file named by "model_file", which must lie directly inside {@code dir}. */
    static Path modelFile(Map<String, Object> json, String name, Path dir) throws IOException {
        Object f = required(json, name, "model_file");
        String s = f.toString();
        if (s.isEmpty() || s.contains("/") || s.contains("\\") || s.equals("..") || s.equals(".")) {
            throw new UserInputException(name + " model JSON: model_file '" + s + "' must be a plain file name");
        }
        Path p = dir.resolve(s);
        if (!Files.isRegularFile(p)) {
            throw new UserInputException(name + ": model file " + p + " not found");
        }
        return p;
    }

    /** The "importances" array, which must have one entry per feature. */
    static double[] importances(Map<String, Object> json, String name, int nFeatures) {
        double[] imp = doubles(json, name, "importances");
        if (imp.length != nFeatures) {
            throw new UserInputException(name + " model JSON: " + imp.length + " importances for " + nFeatures
                    + " features");
        }
        return imp;
    }
}
