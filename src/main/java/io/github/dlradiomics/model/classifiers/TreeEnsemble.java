package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.model.Classifier;
import io.github.dlradiomics.util.CancelledException;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What random forests and Extra-Trees share: n_estimators trees grown by {@link TreeGrower}, each from its
 * own random stream split off the forest's seed in tree order before any tree is grown (so a tree's
 * randomness does not depend on which thread grows it or when: results are identical for every n_jobs);
 * P(y = 1) is the mean of the trees' leaf fractions, and the importances are scikit-learn's (each tree's
 * impurity decreases normalised to sum 1, averaged over trees with a split, normalised again).
 */
abstract class TreeEnsemble implements Classifier {
    static final Set<String> KNOWN = Set.of("n_estimators", "max_depth", "min_samples_split", "min_samples_leaf",
            "max_features", "bootstrap", "n_jobs", "seed");

    private final String name;
    private final TreeGrower.Splitter splitter;
    private final int nEstimators;
    private final Integer maxDepth;
    private final int minSamplesSplit;
    private final int minSamplesLeaf;
    private final Object maxFeatures;
    private final boolean bootstrap;
    private final int nJobs;
    private final long seed;

    private TreeModel[] trees;
    private int nFeatures;
    private double[] importances;

    TreeEnsemble(String name, TreeGrower.Splitter splitter, Map<String, Object> params, long seed,
            boolean defaultBootstrap) {
        TreeParams p = TreeParams.of(name, params, KNOWN);
        this.name = name;
        this.splitter = splitter;
        this.nEstimators = p.integer("n_estimators", 200, 1);
        this.maxDepth = p.optionalInteger("max_depth", null, 1);
        this.minSamplesSplit = p.integer("min_samples_split", 2, 2);
        this.minSamplesLeaf = p.integer("min_samples_leaf", 1, 1);
        this.maxFeatures = p.maxFeatures("max_features", "sqrt");
        this.bootstrap = p.bool("bootstrap", defaultBootstrap);
        int jobs = p.integer("n_jobs", 1, -1);
        if (jobs == 0) {
            throw new UserInputException(name + ": parameter n_jobs = 0 (use a thread count >= 1, or -1 for all cores)");
        }
        this.nJobs = jobs;
        this.seed = p.seed(seed);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> params() {
        return TreeParams.ordered("n_estimators", nEstimators, "max_depth", maxDepth, "min_samples_split", minSamplesSplit,
                "min_samples_leaf", minSamplesLeaf, "max_features", maxFeatures, "bootstrap", bootstrap, "n_jobs", nJobs,
                "seed", seed);
    }

    @Override
    public void fit(double[][] x, int[] y) {
        int p = Inputs.checkFit(name, x, y, true);
        int n = x.length;
        TreeGrower grower = new TreeGrower(TreeGrower.columns(x, p), y.clone(), splitter,
                maxDepth == null ? Integer.MAX_VALUE : maxDepth, minSamplesSplit, minSamplesLeaf,
                TreeParams.resolveMaxFeatures(maxFeatures, p));
        SplittableRandom master = new SplittableRandom(seed);
        SplittableRandom[] rngs = new SplittableRandom[nEstimators];
        for (int t = 0; t < nEstimators; t++) {
            rngs[t] = master.split();
        }
        TreeModel[] grown = new TreeModel[nEstimators];
        double[][] raw = new double[nEstimators][p];
        int threads = Math.min(nEstimators, nJobs < 0 ? Runtime.getRuntime().availableProcessors() : nJobs);
        if (threads <= 1) {
            for (int t = 0; t < nEstimators; t++) {
                grown[t] = growOne(grower, rngs[t], n, raw[t]);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread th = new Thread(r, name + "-tree");
                th.setDaemon(true);
                return th;
            });
            try {
                List<Future<TreeModel>> futures = new ArrayList<>();
                for (int t = 0; t < nEstimators; t++) {
                    int tree = t;
                    futures.add(pool.submit(() -> growOne(grower, rngs[tree], n, raw[tree])));
                }
                for (int t = 0; t < nEstimators; t++) {
                    grown[t] = futures.get(t).get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        double[] mean = new double[p];
        int used = 0;
        for (int t = 0; t < nEstimators; t++) {
            if (grown[t].nodeCount() > 1) {
                double[] imp = TreeGrower.normalised(raw[t]);
                for (int j = 0; j < p; j++) {
                    mean[j] += imp[j];
                }
                used++;
            }
        }
        trees = grown;
        nFeatures = p;
        importances = used == 0 ? mean : TreeGrower.normalised(mean);
    }

    private TreeModel growOne(TreeGrower grower, SplittableRandom rng, int n, double[] raw) {
        double[] weights = null;
        if (bootstrap) {
            weights = new double[n];
            for (int i = 0; i < n; i++) {
                weights[rng.nextInt(n)] += 1;
            }
        }
        return grower.grow(weights, rng, raw);
    }

    @Override
    public double[] predictProba(double[][] x) {
        Inputs.checkFitted(name, trees);
        Inputs.checkMatrix(name, x, nFeatures, false);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (TreeModel t : trees) {
                s += t.probability(x[i]);
            }
            out[i] = s / trees.length;
        }
        return out;
    }

    /** Mean decrease in impurity per feature (scikit-learn's feature_importances_), summing to 1. */
    @Override
    public double[] featureImportances() {
        Inputs.checkFitted(name, trees);
        return importances.clone();
    }

    List<TreeModel> trees() {
        return List.of(trees);
    }

    @Override
    public Map<String, Object> toJson(Path dir) {
        Inputs.checkFitted(name, trees);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("params", params());
        m.put("n_features", nFeatures);
        m.put("importances", importances);
        List<Object> list = new ArrayList<>();
        for (TreeModel t : trees) {
            list.add(t.toJson());
        }
        m.put("trees", list);
        return m;
    }

    /** Restores the fitted state written by {@link #toJson} into this (unfitted) ensemble. */
    void readState(Map<String, Object> json) {
        int p = StateJson.integer(json, name, "n_features");
        List<?> list = StateJson.list(json, name, "trees");
        if (list.isEmpty()) {
            throw new UserInputException(name + " model JSON: no trees");
        }
        TreeModel[] ts = new TreeModel[list.size()];
        for (int t = 0; t < ts.length; t++) {
            ts[t] = TreeModel.fromJson(StateJson.map(list.get(t), name, "tree " + t), name, p);
        }
        importances = StateJson.importances(json, name, p);
        nFeatures = p;
        trees = ts;
    }
}
