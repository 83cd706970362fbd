package io.github.dlradiomics.model.classifiers;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.dlradiomics.model.Classifier;
import io.github.dlradiomics.util.UserInputException;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Gradient-boosted trees by LightGBM ("lightgbm", lightgbm4j): objective binary, settings for small
 * tables. Parameters: {@code n_estimators} 200 (boosting rounds), {@code num_leaves} 15,
 * {@code learning_rate} 0.05, {@code min_data_in_leaf} 5, {@code feature_fraction} 0.8,
 * {@code bagging_fraction} 0.8 with {@code bagging_freq} 1, {@code num_threads} 1, {@code seed}; LightGBM
 * runs with deterministic=true and force_col_wise=true, so a seed gives the same model every time.
 *
 * <p>The fitted booster is kept as LightGBM's model text (native memory is freed after fit and after each
 * prediction); {@link #toJson} writes it to {@code lightgbm-<uuid>.txt} in the folder and records the name.
 *
 * <pre>LightgbmClassifier lgb = LightgbmClassifier.create(Map.of("num_leaves", 7), 42); lgb.fit(x, y); double[] p = lgb.predictProba(x2);</pre>
 */
public final class LightgbmClassifier implements Classifier {
    /** The registry name. */
    public static final String NAME = "lightgbm";
    private static final Set<String> KNOWN = Set.of("n_estimators", "num_leaves", "learning_rate", "min_data_in_leaf",
            "feature_fraction", "bagging_fraction", "bagging_freq", "num_threads", "seed");

    private final int nEstimators;
    private final int numLeaves;
    private final double learningRate;
    private final int minDataInLeaf;
    private final double featureFraction;
    private final double baggingFraction;
    private final int baggingFreq;
    private final int numThreads;
    private final long seed;

    private String model;
    private int nFeatures;
    private double[] importances;

    private LightgbmClassifier(TreeParams p, long seed) {
        this.nEstimators = p.integer("n_estimators", 200, 1);
        this.numLeaves = p.integer("num_leaves", 15, 2);
        this.learningRate = p.real("learning_rate", 0.05, 0, 1, true);
        this.minDataInLeaf = p.integer("min_data_in_leaf", 5, 1);
        this.featureFraction = p.real("feature_fraction", 0.8, 0, 1, true);
        this.baggingFraction = p.real("bagging_fraction", 0.8, 0, 1, true);
        this.baggingFreq = p.integer("bagging_freq", 1, 0);
        this.numThreads = p.integer("num_threads", 1, 1);
        this.seed = p.seed(seed);
    }

    /**
     * An unfitted booster; unknown or invalid parameters throw a UserInputException naming them. A "seed"
     * entry in {@code params} wins over {@code seed}.
     */
    public static LightgbmClassifier create(Map<String, Object> params, long seed) {
        return new LightgbmClassifier(TreeParams.of(NAME, params, KNOWN), seed);
    }

    /** The default grid: num_leaves 7, 15 x learning_rate 0.05, 0.1. */
    public static List<Map<String, Object>> defaultGrid() {
        return TreeParams.grid("num_leaves", List.of(7, 15), "learning_rate", List.of(0.05, 0.1));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> params() {
        return TreeParams.ordered("n_estimators", nEstimators, "num_leaves", numLeaves, "learning_rate", learningRate,
                "min_data_in_leaf", minDataInLeaf, "feature_fraction", featureFraction, "bagging_fraction",
                baggingFraction, "bagging_freq", baggingFreq, "num_threads", numThreads, "seed", seed);
    }

    private String lgbParams() {
        return String.format(Locale.ROOT,
                "objective=binary num_leaves=%d learning_rate=%s min_data_in_leaf=%d feature_fraction=%s "
                        + "bagging_fraction=%s bagging_freq=%d num_threads=%d seed=%d deterministic=true "
                        + "force_col_wise=true feature_pre_filter=false verbosity=-1",
                numLeaves, Double.toString(learningRate), minDataInLeaf, Double.toString(featureFraction),
                Double.toString(baggingFraction), baggingFreq, numThreads, Math.floorMod(seed, (long) Integer.MAX_VALUE));
    }

    @Override
    public void fit(double[][] x, int[] y) {
        int p = Inputs.checkFit(NAME, x, y, false);
        float[] labels = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            labels[i] = y[i];
        }
        String params = lgbParams();
        try (LGBMDataset data = LGBMDataset.createFromMat(Inputs.flatDouble(x, p), x.length, p, true, params, null)) {
            data.setField("label", labels);
            try (LGBMBooster booster = LGBMBooster.create(data, params)) {
                for (int i = 0; i < nEstimators; i++) {
                    if (booster.updateOneIter()) {
                        break; // no split improves any more
                    }
                }
                String text = booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
                double[] gain = booster.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN);
                model = text;
                nFeatures = p;
                importances = TreeGrower.normalised(gain);
            }
        } catch (LGBMException e) {
            throw new IllegalStateException(NAME + ": training failed: " + e.getMessage(), e);
        }
    }

    @Override
    public double[] predictProba(double[][] x) {
        Inputs.checkFitted(NAME, model);
        Inputs.checkMatrix(NAME, x, nFeatures, false);
        if (x.length == 0) {
            return new double[0];
        }
        try (LGBMBooster booster = LGBMBooster.loadModelFromString(model)) {
            return booster.predictForMat(Inputs.flatDouble(x, nFeatures), x.length, nFeatures, true,
                    PredictionType.C_API_PREDICT_NORMAL, "num_threads=" + numThreads);
        } catch (LGBMException e) {
            throw new IllegalStateException(NAME + ": prediction failed: " + e.getMessage(), e);
        }
    }

    /** Total split gain per feature, normalised to sum 1. */
    @Override
    public double[] featureImportances() {
        Inputs.checkFitted(NAME, model);
        return importances.clone();
    }

    @Override
    public Map<String, Object> toJson(Path dir) throws IOException {
        Inputs.checkFitted(NAME, model);
        byte[] bytes = model.getBytes(StandardCharsets.UTF_8);
        String file = NAME + "-" + UUID.nameUUIDFromBytes(bytes) + ".txt";
        Files.createDirectories(dir);
        Files.write(dir.resolve(file), bytes);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("params", params());
        m.put("n_features", nFeatures);
        m.put("importances", importances);
        m.put("model_file", file);
        return m;
    }

    /** Rebuilds a fitted booster from {@link #toJson}'s form and the model file in {@code dir}. */
    public static LightgbmClassifier fromJson(Map<String, Object> json, Path dir) throws IOException {
        LightgbmClassifier c = create(StateJson.params(json, NAME), 0);
        int p = StateJson.integer(json, NAME, "n_features");
        String text = Files.readString(StateJson.modelFile(json, NAME, dir), StandardCharsets.UTF_8);
        try (LGBMBooster b = LGBMBooster.loadModelFromString(text)) {
            if (b.getNumFeature() != p) {
                throw new UserInputException(NAME + ": the model file has " + b.getNumFeature() + " features, the JSON says "
                        + p);
            }
        } catch (LGBMException e) {
            throw new UserInputException(NAME + ": cannot read the model file: " + e.getMessage(), e);
        }
        c.model = text;
        c.nFeatures = p;
        c.importances = StateJson.importances(json, NAME, p);
        return c;
    }
}
