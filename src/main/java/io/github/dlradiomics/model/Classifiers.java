package io.github.dlradiomics.model;

import io.github.dlradiomics.model.classifiers.DecisionTree;
import io.github.dlradiomics.model.classifiers.ExtraTrees;
import io.github.dlradiomics.model.classifiers.Knn;
import io.github.dlradiomics.model.classifiers.LightgbmClassifier;
import io.github.dlradiomics.model.classifiers.RandomForest;
import io.github.dlradiomics.model.classifiers.XgboostClassifier;
import io.github.dlradiomics.model.classifiers.LogisticRegression;
import io.github.dlradiomics.model.classifiers.Mlp;
import io.github.dlradiomics.model.classifiers.Svm;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of classifiers by name: creation with hyper-parameters and a seed, loading of saved
 * models, and the small default grids a search starts from. Names are lower case ("lr", "svm-rbf"); a
 * name or parameter that does not exist is refused with the list of those that do.
 *
 * <pre>Classifier c = Classifiers.create("svm-rbf", Map.of("C", 10, "gamma", "scale"), 42);
 * Classifier back = Classifiers.fromJson(Json.parseObject(Files.readString(file)), dir);</pre>
 */
public final class Classifiers {
    /** The papers' eight classifiers: the default of model train, bench model and the Fiji command. */
    public static final String DEFAULT_SET = "lr-l2,svm-rbf,knn,rf,et,xgboost,lightgbm,mlp";

    /** Makes an unfitted classifier from its hyper-parameters (unknown ones refused) and a seed. */
    @FunctionalInterface
    public interface Factory {
        Classifier create(Map<String, Object> params, long seed);
    }

    /** Restores a fitted classifier from the JSON written by {@link Classifier#toJson} (and files in dir). */
    @FunctionalInterface
    public interface FromJson {
        Classifier load(Map<String, Object> json, Path dir) throws IOException;
    }

    private record Entry(Factory factory, FromJson fromJson, List<Map<String, Object>> grid) {
    }

    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

    static {
        register(LogisticRegression.NAME, (p, s) -> LogisticRegression.create(LogisticRegression.NAME, p, s),
                (j, d) -> LogisticRegression.fromJson(j), List.of(Map.of()));
        register(LogisticRegression.NAME_RIDGE, (p, s) -> LogisticRegression.create(LogisticRegression.NAME_RIDGE, p, s),
                (j, d) -> LogisticRegression.fromJson(j), grid("C", List.of(0.01, 0.1, 1.0, 10.0)));
        register(Svm.NAME_LINEAR, (p, s) -> Svm.create(Svm.NAME_LINEAR, p, s), (j, d) -> Svm.fromJson(j),
                grid("C", List.of(0.01, 0.1, 1.0)));
        register(Svm.NAME_RBF, (p, s) -> Svm.create(Svm.NAME_RBF, p, s), (j, d) -> Svm.fromJson(j),
                grid("C", List.of(0.1, 1.0, 10.0), "gamma", List.of("scale", 0.01)));
        register(Knn.NAME, Knn::create, (j, d) -> Knn.fromJson(j), grid("k", List.of(3, 5, 7, 9)));
        register(Mlp.NAME, Mlp::create, (j, d) -> Mlp.fromJson(j),
                grid("hidden", List.of(List.of(32), List.of(64)), "alpha", List.of(1e-4, 1e-2)));
        register(DecisionTree.NAME, DecisionTree::create, DecisionTree::fromJson, DecisionTree.defaultGrid());
        register(RandomForest.NAME, RandomForest::create, RandomForest::fromJson, RandomForest.defaultGrid());
        register(ExtraTrees.NAME, ExtraTrees::create, ExtraTrees::fromJson, ExtraTrees.defaultGrid());
        register(XgboostClassifier.NAME, XgboostClassifier::create, XgboostClassifier::fromJson,
                XgboostClassifier.defaultGrid());
        register(LightgbmClassifier.NAME, LightgbmClassifier::create, LightgbmClassifier::fromJson,
                LightgbmClassifier.defaultGrid());
        register(LassoLogistic.NAME, LassoLogistic::create, (j, d) -> LassoLogistic.fromJson(j), LassoLogistic.defaultGrid());
    }

    private Classifiers() {
    }

    /**
     * Adds (or replaces) a classifier under {@code name} with its factory, its loader and its default
     * grid (a list of parameter maps; {@code List.of(Map.of())} when there is nothing to tune).
     */
    public static synchronized void register(String name, Factory factory, FromJson fromJson,
            List<Map<String, Object>> grid) {
        if (name == null || name.isBlank() || factory == null || fromJson == null || grid == null || grid.isEmpty()) {
            throw new IllegalArgumentException("register: name, factory, fromJson and a non-empty grid are required");
        }
        List<Map<String, Object>> g = new ArrayList<>();
        for (Map<String, Object> m : grid) {
            g.add(Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        }
        REGISTRY.put(name.toLowerCase(Locale.ROOT), new Entry(factory, fromJson, List.copyOf(g)));
    }

    /** The registered names, in registration order. */
    public static synchronized List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** An unfitted classifier; {@code params} may be null or empty (defaults). */
    public static Classifier create(String name, Map<String, Object> params, long seed) {
        return entry(name).factory.create(params == null ? Map.of() : params, seed);
    }

    /** A fitted classifier from its JSON (its "name" picks the loader); booster files are read from dir. */
    public static Classifier fromJson(Map<String, Object> json, Path dir) throws IOException {
        if (json == null || !(json.get("name") instanceof String name)) {
            throw new UserInputException("saved model: no classifier name (field \"name\")");
        }
        return entry(name).fromJson.load(json, dir);
    }

    /** The default hyper-parameter grid of {@code name} (unmodifiable maps). */
    public static List<Map<String, Object>> defaultGrid(String name) {
        return entry(name).grid;
    }

    private static synchronized Entry entry(String name) {
        Entry e = name == null ? null : REGISTRY.get(name.trim().toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new UserInputException("unknown classifier '" + name + "' (known: " + String.join(", ", REGISTRY.keySet())
                    + ")");
        }
        return e;
    }

    /** All combinations of the given key -> values pairs, the first key varying slowest. */
    private static List<Map<String, Object>> grid(Object... keyValues) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (int k = 0; k < keyValues.length; k += 2) {
            String key = (String) keyValues[k];
            List<?> values = (List<?>) keyValues[k + 1];
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
        return out;
    }
}
