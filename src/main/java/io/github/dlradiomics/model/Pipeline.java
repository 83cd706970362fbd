package io.github.dlradiomics.model;

import io.github.dlradiomics.model.steps.Steps;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything fitted on the training cases, in order — imputation, z-scoring, filters, LASSO, RFE, PCA —
 * and the classifier, held together so that test and new cases go through exactly the same fitted steps.
 * Saved as one JSON file (format {@value #FORMAT}) plus a booster's native file beside it.
 *
 * <pre>Pipeline p = Pipeline.fit(steps, classifier, xTrain, yTrain, names, meta); double[] risk = p.predict(names, xTest);</pre>
 */
public final class Pipeline {
    /** The JSON format tag. */
    public static final String FORMAT = "dlradiomics-pipeline/1";

    private final List<String> inputNames;
    private final List<Step> steps;
    private final Classifier model;
    private final List<String> modelNames;
    private final Map<String, Object> meta;

    private Pipeline(List<String> inputNames, List<Step> steps, Classifier model, List<String> modelNames,
            Map<String, Object> meta) {
        this.inputNames = List.copyOf(inputNames);
        this.steps = List.copyOf(steps);
        this.model = model;
        this.modelNames = List.copyOf(modelNames);
        this.meta = new LinkedHashMap<>(meta);
    }

    /**
     * Fits the steps in order and then the classifier, on training rows only.
     *
     * @param meta label column, positive class, seed, ... written into the JSON
     */
    public static Pipeline fit(List<Step> steps, Classifier model, double[][] x, int[] y, List<String> names,
            Map<String, Object> meta) {
        double[][] cur = x;
        List<String> curNames = names;
        for (Step s : steps) {
            s.fit(cur, y, curNames);
            cur = s.transform(cur);
            curNames = s.outputNames();
        }
        model.fit(cur, y);
        return new Pipeline(names, steps, model, curNames, meta);
    }

    /** Fits only the steps (no classifier): the selected matrix and names, for grid searches. */
    public static Prepared fitSteps(List<Step> steps, double[][] x, int[] y, List<String> names) {
        double[][] cur = x;
        List<String> curNames = names;
        for (Step s : steps) {
            s.fit(cur, y, curNames);
            cur = s.transform(cur);
            curNames = s.outputNames();
        }
        return new Prepared(cur, curNames);
    }

    /** A prepared matrix and its column names. */
    public record Prepared(double[][] x, List<String> names) {
    }

    /** A pipeline from already fitted steps and classifier. */
    public static Pipeline of(List<String> inputNames, List<Step> fittedSteps, Classifier fittedModel,
            Map<String, Object> meta) {
        List<String> names = inputNames;
        for (Step s : fittedSteps) {
            names = s.outputNames();
        }
        return new Pipeline(inputNames, fittedSteps, fittedModel, names, meta);
    }

    /** The feature columns the pipeline needs (any order; matched by name). */
    public List<String> inputNames() {
        return inputNames;
    }

    /** The features the classifier sees (after selection). */
    public List<String> modelFeatures() {
        return modelNames;
    }

    /** The fitted steps. */
    public List<Step> steps() {
        return steps;
    }

    /** The fitted classifier. */
    public Classifier model() {
        return model;
    }

    /** Label column, positive class, seed, ... */
    public Map<String, Object> meta() {
        return meta;
    }

    /** Rows in the pipeline's input order: columns matched by name; a missing column is an error naming it. */
    public double[][] align(List<String> names, double[][] x) {
        int[] idx = new int[inputNames.size()];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < idx.length; j++) {
            idx[j] = names.indexOf(inputNames.get(j));
            if (idx[j] < 0) {
                missing.add(inputNames.get(j));
            }
        }
        if (!missing.isEmpty()) {
            throw new UserInputException("the table lacks " + missing.size() + " feature(s) the pipeline was trained on: "
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? ", ..." : ""));
        }
        double[][] out = new double[x.length][idx.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < idx.length; j++) {
                out[i][j] = x[i][idx[j]];
            }
        }
        return out;
    }

    /** The steps applied to rows (already aligned). */
    public double[][] transform(double[][] aligned) {
        double[][] cur = aligned;
        for (Step s : steps) {
            cur = s.transform(cur);
        }
        return cur;
    }

    /** P(positive) for rows with columns {@code names}. */
    public double[] predict(List<String> names, double[][] x) {
        return model.predictProba(transform(align(names, x)));
    }

    /** Writes {@code dir/fileName} (and a booster's native file into {@code dir}). */
    public Path save(Path dir, String fileName) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.putAll(meta);
        m.put("input_features", inputNames);
        List<Object> st = new ArrayList<>();
        for (Step s : steps) {
            st.add(s.toJson());
        }
        m.put("steps", st);
        m.put("model_features", modelNames);
        m.put("model", model.toJson(dir));
        Path f = dir.resolve(fileName);
        Files.writeString(f, Json.write(m));
        return f;
    }

    /** Reads a pipeline written by {@link #save}. */
    @SuppressWarnings("unchecked")
    public static Pipeline load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": pipeline file not found");
        }
        Map<String, Object> m = Json.parseObject(Files.readString(file));
        if (!FORMAT.equals(m.get("format"))) {
            throw new UserInputException(file + ": not a DLRadiomics pipeline (format " + m.get("format") + ", expected "
                    + FORMAT + ")");
        }
        List<Step> steps = new ArrayList<>();
        for (Object o : (List<Object>) m.get("steps")) {
            steps.add(Steps.fromJson((Map<String, Object>) o));
        }
        Path dir = file.toAbsolutePath().getParent();
        Classifier c = Classifiers.fromJson((Map<String, Object>) m.get("model"), dir);
        Map<String, Object> meta = new LinkedHashMap<>(m);
        for (String k : List.of("format", "input_features", "steps", "model_features", "model")) {
            meta.remove(k);
        }
        return new Pipeline((List<String>) m.get("input_features"), steps, c, (List<String>) m.get("model_features"), meta);
    }
}
