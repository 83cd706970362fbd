package io.github.dlradiomics.model.classifiers;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.model.Classifier;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** Data sets, cross-validated AUC and the JSON round trip shared by the classifier tests. */
final class TreeTesting {
    private TreeTesting() {
    }

    /** A matrix and its labels. */
    record Data(double[][] x, int[] y) {
    }

    /** Reads a JSON model back. */
    interface Reader {
        Classifier read(Map<String, Object> json, Path dir) throws IOException;
    }

    /**
     * n cases, p standard normal features; y = 1 when (x0 > 0 and x1 > -0.5) or x2 > 1, then 2% of the labels
     * flipped; features 3.. are noise. Learnable by trees, with an AUC ceiling a little below 1.
     */
    static Data synthetic(int n, int p, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = r.nextGaussian();
            }
            boolean positive = (x[i][0] > 0 && x[i][1] > -0.5) || x[i][2] > 1;
            if (r.nextDouble() < 0.02) {
                positive = !positive;
            }
            y[i] = positive ? 1 : 0;
        }
        return new Data(x, y);
    }

    /** n cases, p standard normal features, labels drawn independently of them (no signal). */
    static Data noise(int n, int p, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = r.nextBoolean() ? 1 : 0;
        }
        return new Data(x, y);
    }

    /** The Wisconsin diagnostic breast cancer table (569 x 30, column "target"); skipped when absent. */
    static Data wdbc() throws IOException {
        Path f = TestData.shared("reference/stats/breast_cancer_wdbc.csv");
        List<Map<String, String>> rows = Csv.read(f);
        List<String> features = new ArrayList<>(rows.get(0).keySet());
        features.remove("target");
        double[][] x = new double[rows.size()][features.size()];
        int[] y = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < features.size(); j++) {
                x[i][j] = Double.parseDouble(rows.get(i).get(features.get(j)));
            }
            y[i] = (int) Double.parseDouble(rows.get(i).get("target"));
        }
        return new Data(x, y);
    }

    /** AUC by the Mann-Whitney formula: P(score of a positive > score of a negative), ties counting 1/2. */
    static double auc(double[] score, int[] y) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 1) {
                continue;
            }
            for (int j = 0; j < y.length; j++) {
                if (y[j] == 0) {
                    pairs++;
                    wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    /** Mean AUC over stratified k folds (cases of each class shuffled with {@code seed}, dealt round-robin). */
    static double cvAuc(Supplier<Classifier> factory, Data d, int k, long seed) {
        int[] fold = new int[d.y.length];
        Random r = new Random(seed);
        for (int c = 0; c <= 1; c++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < d.y.length; i++) {
                if (d.y[i] == c) {
                    idx.add(i);
                }
            }
            Collections.shuffle(idx, r);
            for (int i = 0; i < idx.size(); i++) {
                fold[idx.get(i)] = i % k;
            }
        }
        double sum = 0;
        for (int f = 0; f < k; f++) {
            Data train = subset(d, fold, f, false);
            Data test = subset(d, fold, f, true);
            Classifier c = factory.get();
            c.fit(train.x, train.y);
            sum += auc(c.predictProba(test.x), test.y);
        }
        return sum / k;
    }

    private static Data subset(Data d, int[] fold, int f, boolean in) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == in) {
                idx.add(i);
            }
        }
        double[][] x = new double[idx.size()][];
        int[] y = new int[idx.size()];
        for (int i = 0; i < idx.size(); i++) {
            x[i] = d.x[idx.get(i)];
            y[i] = d.y[idx.get(i)];
        }
        return new Data(x, y);
    }

    /** toJson into {@code dir}, written and parsed as JSON text, then read back. */
    static Classifier roundTrip(Classifier c, Path dir, Reader reader) throws IOException {
        String text = Json.write(c.toJson(dir));
        return reader.read(Json.parseObject(text), dir);
    }
}
