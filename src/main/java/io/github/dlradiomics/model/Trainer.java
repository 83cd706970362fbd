package io.github.dlradiomics.model;

import io.github.dlradiomics.model.steps.Steps;
import io.github.dlradiomics.stats.Roc;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The papers' modelling run: a stratified train/test split; the selection steps fitted on the training
 * cases; each classifier tuned by grid search under stratified K-fold cross-validation on the training
 * cases (mean fold AUC, as scikit-learn's GridSearchCV; ties go to the first grid point), refitted on all
 * training cases, and evaluated on both sets. Test cases are never seen before the final evaluation.
 *
 * <p>The selection steps are fitted once on the whole training set and the grid search runs on the selected
 * features (as the papers do); their CV AUC is therefore slightly optimistic, the test AUC is not.
 *
 * <pre>Trainer.Result r = new Trainer(config).train(x, y, names, ids, listener);</pre>
 */
public final class Trainer {
    /**
     * A run's settings.
     *
     * @param steps the selection steps, as {@link Steps#parse} spells them
     * @param classifiers registry names ({@link Classifiers#names()})
     * @param testFraction share of cases held out (0 < f < 1)
     * @param folds K of the cross-validation
     * @param seed the one seed: split, folds, selection and classifiers derive from it
     * @param threads folds fitted in parallel (results do not depend on it)
     */
    public record Config(String steps, List<String> classifiers, double testFraction, int folds, long seed, int threads) {
        /** Checks the values. */
        public Config {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new UserInputException("--test-fraction must be between 0 and 1 (got " + testFraction + ")");
            }
            if (folds < 2) {
                throw new UserInputException("--folds must be >= 2 (got " + folds + ")");
            }
            if (threads < 1) {
                throw new UserInputException("--threads must be >= 1 (got " + threads + ")");
            }
            if (classifiers.isEmpty()) {
                throw new UserInputException("--classifiers: none given");
            }
            for (String c : classifiers) {
                if (!Classifiers.names().contains(c)) {
                    throw new UserInputException("unknown classifier '" + c + "' (known: " + String.join(", ",
                            Classifiers.names()) + ")");
                }
            }
        }
    }

    /**
     * One classifier's outcome. {@code cvProb}: the training cases' out-of-fold probabilities at the chosen
     * parameters (each case scored by the model of the CV fit that left its fold out; the selection steps were
     * fitted on all training cases).
     */
    public record ModelResult(String classifier, Map<String, Object> bestParams, double cvAuc, double cvAucSd,
            List<Map<String, Object>> grid, Pipeline pipeline, double[] trainProb, double[] testProb, double[] cvProb) {
    }

    /** Per-fold AUCs and the out-of-fold probabilities of one CV run. */
    private record CvRun(double[] aucs, double[] oof) {
    }

    /** The run's outcome. */
    public record Result(int[] train, int[] test, List<String> selected, List<String> stepSummaries,
            List<ModelResult> models, Map<String, String> failed) {
    }

    private final Config config;
    private List<String> keepList;
    private String keepSource;

    /** A trainer for {@code config}. */
    public Trainer(Config config) {
        this.config = config;
    }

    /** Keeps only {@code features} (e.g. the ICC filter's reproducible ones) before the selection steps. */
    public Trainer keepOnly(List<String> features, String source) {
        this.keepList = List.copyOf(features);
        this.keepSource = source;
        return this;
    }

    /** Splits, selects, tunes, refits and predicts; {@code meta} goes into every saved pipeline. */
    public Result train(double[][] x, int[] y, List<String> names, Map<String, Object> meta, ProgressListener listener) {
        ProgressListener l = listener == null ? ProgressListener.NONE : listener;
        Splits.TrainTest split = Splits.trainTest(y, config.testFraction(), config.seed());
        int[] train = split.train();
        int[] test = split.test();
        double[][] xTrain = rows(x, train);
        int[] yTrain = rows(y, train);
        double[][] xTest = rows(x, test);
        l.progress(0, config.classifiers().size() + 1, "selection on " + train.length + " training cases");
        List<Step> steps = new ArrayList<>(Steps.parse(config.steps(), new Steps.Context(config.seed(), config.folds())));
        if (keepList != null) {
            steps.add(0, new io.github.dlradiomics.model.steps.KeepList(keepSource, keepList));
        }
        Pipeline.Prepared prepared = Pipeline.fitSteps(steps, xTrain, yTrain, names);
        List<String> summaries = new ArrayList<>();
        for (Step s : steps) {
            summaries.add(s.summary());
        }
        double[][] selTrain = prepared.x();
        int[] foldOf = Splits.stratifiedFolds(yTrain, config.folds(), config.seed());
        Map<String, Object> pipelineMeta = new LinkedHashMap<>(meta);
        pipelineMeta.put("seed", config.seed());
        pipelineMeta.put("test_fraction", config.testFraction());
        pipelineMeta.put("folds", config.folds());
        pipelineMeta.put("selection", config.steps());
        List<ModelResult> results = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        double[][] selTestAll = Pipeline.of(names, steps, null, Map.of()).transform(xTest);
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "dlrad-cv");
            t.setDaemon(true);
            return t;
        });
        try {
            int done = 1;
            for (String name : config.classifiers()) {
                l.checkCancelled();
                l.progress(done++, config.classifiers().size() + 1, "tuning " + name);
                try {
                    results.add(tune(pool, name, selTrain, yTrain, foldOf, selTestAll, xTest, names, steps, pipelineMeta,
                            l));
                } catch (UserInputException e) {
                    // one classifier that cannot be fitted (e.g. separation for unpenalised LR) does not stop the others
                    failed.put(name, e.getMessage());
                    l.log(name + ": " + e.getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (results.isEmpty()) {
            throw new UserInputException("no classifier could be fitted: " + failed);
        }
        l.progress(1, 1, "done");
        return new Result(train, test, prepared.names(), summaries, results, failed);
    }

    /** Grid search under CV, refit, predictions (one classifier). */
    private ModelResult tune(ExecutorService pool, String name, double[][] selTrain, int[] yTrain, int[] foldOf,
            double[][] selTest, double[][] xTest, List<String> names, List<Step> steps,
            Map<String, Object> pipelineMeta, ProgressListener l) {
        List<Map<String, Object>> grid = Classifiers.defaultGrid(name);
        List<Map<String, Object>> scored = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        double bestSd = 0;
        Map<String, Object> bestParams = null;
        double[] bestOof = null;
        for (Map<String, Object> params : grid) {
            CvRun cv = crossValidate(pool, name, params, selTrain, yTrain, foldOf, l);
            double[] aucs = cv.aucs();
            double mean = 0;
            for (double a : aucs) {
                mean += a;
            }
            mean /= aucs.length;
            double ss = 0;
            for (double a : aucs) {
                ss += (a - mean) * (a - mean);
            }
            Map<String, Object> row = new LinkedHashMap<>(params);
            row.put("cv_auc", mean);
            scored.add(row);
            if (mean > best) {
                best = mean;
                bestSd = Math.sqrt(ss / aucs.length);
                bestParams = params;
                bestOof = cv.oof();
            }
        }
        Classifier c = Classifiers.create(name, bestParams, config.seed());
        c.fit(selTrain, yTrain);
        double[] trainProb = c.predictProba(selTrain);
        Map<String, Object> m = new LinkedHashMap<>(pipelineMeta);
        m.put("classifier", name);
        m.put("params", bestParams);
        m.put("cv_auc", best);
        // the cut-off for accuracy, sensitivity, ...: Youden on the training cases, applied unchanged
        m.put("threshold", Roc.of(trainProb, yTrain, "<").youden().threshold());
        Pipeline p = Pipeline.of(names, steps, c, m);
        return new ModelResult(name, bestParams, best, bestSd, scored, p, trainProb, c.predictProba(selTest), bestOof);
    }

    /** AUC of each fold (fit on the other folds, score the held-out one) and the held-out probabilities. */
    private CvRun crossValidate(ExecutorService pool, String name, Map<String, Object> params, double[][] x, int[] y,
            int[] foldOf, ProgressListener l) {
        int k = config.folds();
        int[][] heldOut = new int[k][];
        int[][] fitOn = new int[k][];
        for (int f = 1; f <= k; f++) {
            int fold = f;
            heldOut[f - 1] = java.util.stream.IntStream.range(0, y.length).filter(i -> foldOf[i] == fold).toArray();
            fitOn[f - 1] = java.util.stream.IntStream.range(0, y.length).filter(i -> foldOf[i] != fold).toArray();
        }
        List<Future<double[]>> futures = new ArrayList<>();
        for (int f = 1; f <= k; f++) {
            int[] a = fitOn[f - 1];
            int[] b = heldOut[f - 1];
            long seed = config.seed() + f;
            futures.add(pool.submit(() -> {
                Classifier c = Classifiers.create(name, params, seed);
                c.fit(rows(x, a), rows(y, a));
                return c.predictProba(rows(x, b));
            }));
        }
        double[] out = new double[k];
        double[] oof = new double[y.length];
        for (int f = 0; f < k; f++) {
            try {
                double[] p = futures.get(f).get();
                int[] b = heldOut[f];
                for (int i = 0; i < b.length; i++) {
                    oof[b[i]] = p[i];
                }
                out[f] = Roc.auc(p, rows(y, b));
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.github.dlradiomics.util.CancelledException();
            }
            l.checkCancelled();
        }
        return new CvRun(out, oof);
    }

    static double[][] rows(double[][] x, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }

    static int[] rows(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }
}
