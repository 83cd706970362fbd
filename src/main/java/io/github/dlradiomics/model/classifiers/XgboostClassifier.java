package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.model.Classifier;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees by XGBoost ("xgboost", xgboost4j): objective binary:logistic, tree_method hist.
 * Parameters: {@code n_estimators} 200 (boosting rounds), {@code max_depth} 3, {@code eta} 0.1,
 * {@code subsample} 0.8, {@code colsample_bytree} 0.8, {@code min_child_weight} 1, {@code nthread} 1 (1
 * keeps results bit-identical across machines), {@code seed}. Features are used as float32, NaN = missing.
 *
 * <p>The fitted booster is kept as XGBoost's JSON model bytes (native memory is freed after fit and after
 * each prediction); {@link #toJson} writes them to {@code xgboost-<uuid>.json} in the folder, the uuid
 * derived from the model bytes, and records that file name.
 *
 * <pre>XgboostClassifier xgb = XgboostClassifier.create(Map.of("max_depth", 2), 42); xgb.fit(x, y); double[] p = xgb.predictProba(x2);</pre>
 */
public final class XgboostClassifier implements Classifier {
    /** The registry name. */
    public static final String NAME = "xgboost";
    private static final Set<String> KNOWN = Set.of("n_estimators", "max_depth", "eta", "subsample", "colsample_bytree",
            "min_child_weight", "nthread", "seed");

    private final int nEstimators;
    private final int maxDepth;
    private final double eta;
    private final double subsample;
    private final double colsampleBytree;
    private final double minChildWeight;
    private final int nthread;
    private final long seed;

    private byte[] model;
    private int nFeatures;
    private double[] importances;

    private XgboostClassifier(TreeParams p, long seed) {
        this.nEstimators = p.integer("n_estimators", 200, 1);
        this.maxDepth = p.integer("max_depth", 3, 1);
        this.eta = p.real("eta", 0.1, 0, 1, true);
        this.subsample = p.real("subsample", 0.8, 0, 1, true);
        this.colsampleBytree = p.real("colsample_bytree", 0.8, 0, 1, true);
        this.minChildWeight = p.real("min_child_weight", 1, 0, Double.MAX_VALUE, false);
        this.nthread = p.integer("nthread", 1, 1);
        this.seed = p.seed(seed);
    }

    /**
     * An unfitted booster; unknown or invalid parameters throw a UserInputException naming them. A "seed"
     * entry in {@code params} wins over {@code seed}.
     */
    public static XgboostClassifier create(Map<String, Object> params, long seed) {
        return new XgboostClassifier(TreeParams.of(NAME, params, KNOWN), seed);
    }

    /** The default grid: max_depth 2, 3 x eta 0.05, 0.1. */
    public static List<Map<String, Object>> defaultGrid() {
        return TreeParams.grid("max_depth", List.of(2, 3), "eta", List.of(0.05, 0.1));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> params() {
        return TreeParams.ordered("n_estimators", nEstimators, "max_depth", maxDepth, "eta", eta, "subsample", subsample,
                "colsample_bytree", colsampleBytree, "min_child_weight", minChildWeight, "nthread", nthread, "seed",
                seed);
    }

    private Map<String, Object> boosterParams() {
        Map<String, Object> m = new HashMap<>();
        m.put("objective", "binary:logistic");
        m.put("eval_metric", "logloss");
        m.put("tree_method", "hist");
        m.put("max_depth", maxDepth);
        m.put("eta", eta);
        m.put("subsample", subsample);
        m.put("colsample_bytree", colsampleBytree);
        m.put("min_child_weight", minChildWeight);
        m.put("nthread", nthread);
        // XGBoost's seed is a 32-bit integer.
        m.put("seed", (int) Math.floorMod(seed, (long) Integer.MAX_VALUE));
        m.put("verbosity", 0);
        return m;
    }

    @Override
    public void fit(double[][] x, int[] y) {
        int p = Inputs.checkFit(NAME, x, y, false);
        float[] labels = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            labels[i] = y[i];
        }
        DMatrix train = null;
        Booster booster = null;
        try {
            train = new DMatrix(Inputs.flatFloat(x, p), x.length, p, Float.NaN);
            train.setLabel(labels);
            booster = XGBoost.train(train, boosterParams(), nEstimators, new HashMap<>(), null, null);
            byte[] bytes = booster.toByteArray("json");
            double[] gain = new double[p];
            for (Map.Entry<String, Double> e : booster.getScore("", "gain").entrySet()) {
                // Features are named f0, f1, ... when the DMatrix has no names.
                int j = Integer.parseInt(e.getKey().substring(1));
                gain[j] = e.getValue();
            }
            model = bytes;
            nFeatures = p;
            importances = TreeGrower.normalised(gain);
        } catch (XGBoostError e) {
            throw new IllegalStateException(NAME + ": training failed: " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (train != null) {
                train.dispose();
            }
        }
    }

    @Override
    public double[] predictProba(double[][] x) {
        Inputs.checkFitted(NAME, model);
        Inputs.checkMatrix(NAME, x, nFeatures, false);
        if (x.length == 0) {
            return new double[0];
        }
        DMatrix data = null;
        Booster booster = null;
        try {
            booster = XGBoost.loadModel(model);
            booster.setParam("nthread", nthread);
            data = new DMatrix(Inputs.flatFloat(x, nFeatures), x.length, nFeatures, Float.NaN);
            float[][] r = booster.predict(data);
            double[] out = new double[x.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = r[i][0];
            }
            return out;
        } catch (XGBoostError | IOException e) {
            throw new IllegalStateException(NAME + ": prediction failed: " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (data != null) {
                data.dispose();
            }
        }
    }

    /** Total gain per feature, normalised to sum 1 (what XGBClassifier.feature_importances_ reports). */
    @Override
    public double[] featureImportances() {
        Inputs.checkFitted(NAME, model);
        return importances.clone();
    }

    @Override
    public Map<String, Object> toJson(Path dir) throws IOException {
        Inputs.checkFitted(NAME, model);
        String file = NAME + "-" + UUID.nameUUIDFromBytes(model) + ".json";
        Files.createDirectories(dir);
        Files.write(dir.resolve(file), model);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("params", params());
        m.put("n_features", nFeatures);
        m.put("importances", importances);
        m.put("model_file", file);
        return m;
    }

    /** Rebuilds a fitted booster from {@link #toJson}'s form and the model file in {@code dir}. */
    public static XgboostClassifier fromJson(Map<String, Object> json, Path dir) throws IOException {
        XgboostClassifier c = create(StateJson.params(json, NAME), 0);
        int p = StateJson.integer(json, NAME, "n_features");
        byte[] bytes = Files.readAllBytes(StateJson.modelFile(json, NAME, dir));
        Booster b = null;
        try {
            b = XGBoost.loadModel(bytes);
            if (b.getNumFeature() != p) {
                throw new UserInputException(NAME + ": the model file has " + b.getNumFeature() + " features, the JSON says "
                        + p);
            }
        } catch (XGBoostError e) {
            throw new UserInputException(NAME + ": cannot read the model file: " + e.getMessage(), e);
        } finally {
            if (b != null) {
                b.dispose();
            }
        }
        c.model = bytes;
        c.nFeatures = p;
        c.importances = StateJson.importances(json, NAME, p);
        return c;
    }
}
