package io.github.dlradiomics.model.classifiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.model.Classifier;
import io.github.dlradiomics.model.Classifiers;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Shared pieces of the classifier tests: data, AUC, JSON round trip, cross-validation. */
final class ClassifierTesting {
    private ClassifierTesting() {
    }

    /** Features and labels. */
    record Data(double[][] x, int[] y) {
    }

    /**
     * n cases, p standard normal features; y = 1 when 2 x0 - 2 x1 + x2 + noise·N(0,1) &gt; 0 (the other
     * features are noise): nearly separable, with some overlap.
     */
    static Data synthetic(int n, int p, double noise, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = r.nextGaussian();
            }
            double s = 2 * x[i][0] - 2 * x[i][1] + x[i][2] + noise * r.nextGaussian();
            y[i] = s > 0 ? 1 : 0;
        }
        return new Data(x, y);
    }

    /** AUC by the Mann-Whitney statistic: P(score of a positive &gt; score of a negative) + ½ P(tie). */
    static double auc(double[] score, int[] y) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 1) {
                continue;
            }
            for (int j = 0; j < y.length; j++) {
                if (y[j] != 0) {
                    continue;
                }
                pairs++;
                wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
            }
        }
        return wins / pairs;
    }

    /** toJson -> Json.write -> Json.parse -> Classifiers.fromJson. */
    static Classifier roundTrip(Classifier c, Path dir) throws IOException {
        String text = Json.write(c.toJson(dir));
        return Classifiers.fromJson(Json.parseObject(text), dir);
    }

    /** Asserts that a JSON round trip predicts bit for bit the same. */
    static void assertRoundTrip(Classifier c, double[][] x, Path dir) throws IOException {
        Classifier back = roundTrip(c, dir);
        assertArrayEquals(c.predictProba(x), back.predictProba(x), 0.0, c.name() + " round trip");
        assertArrayEquals(c.predictProba(x), roundTrip(back, dir).predictProba(x), 0.0, c.name() + " second round trip");
    }

    /** The Wisconsin breast cancer table of ../shared (target 1 = benign); the test is skipped when absent. */
    static Data wdbc() throws IOException {
        List<Map<String, String>> rows = Csv.read(TestData.shared("reference/stats/breast_cancer_wdbc.csv"));
        List<String> cols = new ArrayList<>(rows.get(0).keySet());
        cols.remove("target");
        double[][] x = new double[rows.size()][cols.size()];
        int[] y = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                x[i][j] = Double.parseDouble(rows.get(i).get(cols.get(j)));
            }
            y[i] = (int) Double.parseDouble(rows.get(i).get("target"));
        }
        return new Data(x, y);
    }

    /** Stratified fold numbers 0..k-1: each class shuffled with the seed and dealt out in turn. */
    static int[] folds(int[] y, int k, long seed) {
        Random r = new Random(seed);
        int[] fold = new int[y.length];
        for (int cls = 0; cls <= 1; cls++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == cls) {
                    idx.add(i);
                }
            }
            Collections.shuffle(idx, r);
            for (int m = 0; m < idx.size(); m++) {
                fold[idx.get(m)] = m % k;
            }
        }
        return fold;
    }

    /**
     * Mean AUC over stratified k-fold cross-validation; features z-scored with the training folds' mean
     * and standard deviation.
     */
    static double cvAuc(String name, Map<String, Object> params, Data d, int k, long seed) {
        int[] fold = folds(d.y(), k, seed);
        double sum = 0;
        for (int f = 0; f < k; f++) {
            List<double[]> xtr = new ArrayList<>();
            List<Integer> ytr = new ArrayList<>();
            List<double[]> xte = new ArrayList<>();
            List<Integer> yte = new ArrayList<>();
            for (int i = 0; i < d.y().length; i++) {
                (fold[i] == f ? xte : xtr).add(d.x()[i]);
                (fold[i] == f ? yte : ytr).add(d.y()[i]);
            }
            double[][] a = xtr.toArray(new double[0][]);
            double[][] b = xte.toArray(new double[0][]);
            double[][][] z = zscore(a, b);
            Classifier c = Classifiers.create(name, params, seed);
            c.fit(z[0], ytr.stream().mapToInt(Integer::intValue).toArray());
            sum += auc(c.predictProba(z[1]), yte.stream().mapToInt(Integer::intValue).toArray());
        }
        return sum / k;
    }

    /** {train, test} scaled by the training mean and population standard deviation. */
    static double[][][] zscore(double[][] train, double[][] test) {
        int p = train[0].length;
        double[] m = new double[p];
        double[] s = new double[p];
        for (double[] r : train) {
            for (int j = 0; j < p; j++) {
                m[j] += r[j] / train.length;
            }
        }
        for (double[] r : train) {
            for (int j = 0; j < p; j++) {
                s[j] += (r[j] - m[j]) * (r[j] - m[j]) / train.length;
            }
        }
        double[][][] out = new double[2][][];
        double[][][] in = {train, test};
        for (int t = 0; t < 2; t++) {
            out[t] = new double[in[t].length][p];
            for (int i = 0; i < in[t].length; i++) {
                for (int j = 0; j < p; j++) {
                    out[t][i][j] = (in[t][i][j] - m[j]) / Math.sqrt(s[j]);
                }
            }
        }
        return out;
    }
}
