package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a classifier's saved state back from parsed JSON (maps, lists, doubles; also the arrays of an
 * unserialised {@code toJson} map) with one-line errors naming the model and the field, and writes
 * matrices as lists of rows.
 *
 * <pre>double[][] sv = JsonState.matrix(json, "support_vectors", "svm-rbf");</pre>
 */
public final class JsonState {
    private JsonState() {
    }

    /** Checks that {@code json.name} is one of {@code names}; returns it. */
    public static String name(Map<String, Object> json, String... names) {
        Object n = json == null ? null : json.get("name");
        for (String s : names) {
            if (s.equals(n)) {
                return s;
            }
        }
        throw new UserInputException("saved model: expected name " + String.join(" or ", names) + ", got " + n);
    }

    /** The "params" object (empty when absent). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> params(Map<String, Object> json) {
        Object o = json.get("params");
        if (o == null) {
            return new LinkedHashMap<>();
        }
        if (!(o instanceof Map)) {
            throw new UserInputException("saved model " + json.get("name") + ": params is not an object");
        }
        return new LinkedHashMap<>((Map<String, Object>) o);
    }

    /** A finite number. */
    public static double number(Map<String, Object> json, String key) {
        Object o = json.get(key);
        if (!(o instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw bad(json, key, "a finite number");
        }
        return n.doubleValue();
    }

    /** A vector of finite numbers. */
    public static double[] vector(Map<String, Object> json, String key) {
        return vector(json.get(key), json, key);
    }

    /** A rectangular matrix of finite numbers (rows may be zero). */
    public static double[][] matrix(Map<String, Object> json, String key) {
        return matrix(json.get(key), json, key);
    }

    /** A list of matrices (for layered models). */
    public static List<double[][]> matrices(Map<String, Object> json, String key) {
        Object o = json.get(key);
        if (!(o instanceof List<?> l)) {
            throw bad(json, key, "a list of matrices");
        }
        List<double[][]> out = new ArrayList<>();
        for (Object m : l) {
            out.add(matrix(m, json, key));
        }
        return out;
    }

    /** A list of vectors. */
    public static List<double[]> vectors(Map<String, Object> json, String key) {
        Object o = json.get(key);
        if (!(o instanceof List<?> l)) {
            throw bad(json, key, "a list of vectors");
        }
        List<double[]> out = new ArrayList<>();
        for (Object v : l) {
            out.add(vector(v, json, key));
        }
        return out;
    }

    /** Labels 0/1. */
    public static int[] labels(Map<String, Object> json, String key) {
        double[] v = vector(json, key);
        int[] y = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0 && v[i] != 1) {
                throw bad(json, key, "labels 0 or 1");
            }
            y[i] = (int) v[i];
        }
        return y;
    }

    /** A matrix as a list of rows (for {@code toJson}). */
    public static List<double[]> rows(double[][] m) {
        List<double[]> l = new ArrayList<>(m.length);
        for (double[] r : m) {
            l.add(r.clone());
        }
        return l;
    }

    private static double[] vector(Object o, Map<String, Object> json, String key) {
        if (o instanceof double[] a) {
            return a.clone(); // an unserialised toJson map
        }
        if (o instanceof int[] a) {
            return Arrays.stream(a).asDoubleStream().toArray();
        }
        if (!(o instanceof List<?> l)) {
            throw bad(json, key, "a list of numbers");
        }
        double[] v = new double[l.size()];
        for (int i = 0; i < v.length; i++) {
            if (!(l.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw bad(json, key, "a list of finite numbers");
            }
            v[i] = n.doubleValue();
        }
        return v;
    }

    private static double[][] matrix(Object o, Map<String, Object> json, String key) {
        if (!(o instanceof List<?> l)) {
            throw bad(json, key, "a matrix (list of rows)");
        }
        double[][] m = new double[l.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(l.get(i), json, key);
            if (m[i].length != m[0].length) {
                throw bad(json, key, "a rectangular matrix");
            }
        }
        return m;
    }

    private static UserInputException bad(Map<String, Object> json, String key, String what) {
        return new UserInputException("saved model " + json.get("name") + ": field " + key + " must be " + what);
    }
}
