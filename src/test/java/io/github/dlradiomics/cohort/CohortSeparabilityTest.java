package io.github.dlradiomics.cohort;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.Volume;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The cohort must teach something: simple first-order statistics of the index vertebra separate the classes
 * clearly better than chance but not perfectly, and age alone carries a weaker signal.
 */
class CohortSeparabilityTest {
    private static final int CASES = 60;
    private static final long SEED = 2024;
    private static final String[] STATS = {"mean", "sd", "cv", "meanAbsNeighbourDiff", "p10", "p90",
        "meanRelativeToOtherVertebrae"};

    @Test
    void mrIndexVertebraStatisticsSeparateTheClasses() {
        check(Modality.MR);
    }

    @Test
    void ctIndexVertebraStatisticsSeparateTheClasses() {
        check(Modality.CT);
    }

    private static void check(Modality m) {
        CohortGenerator.Options o = new CohortGenerator.Options(CASES, SEED, m);
        double[][] rows = IntStream.range(0, CASES).parallel()
                .mapToObj(i -> statistics(CohortGenerator.generateCase(i, o))).toArray(double[][]::new);
        boolean[] malignant = new boolean[CASES];
        double[] minusAge = new double[CASES];
        for (int i = 0; i < CASES; i++) {
            malignant[i] = rows[i][0] > 0;
            minusAge[i] = -rows[i][1];
        }
        Map<String, Double> auc = new LinkedHashMap<>();
        for (int s = 0; s < STATS.length; s++) {
            double[] score = new double[CASES];
            for (int i = 0; i < CASES; i++) {
                score[i] = rows[i][2 + s];
            }
            auc.put(STATS[s], auc(score, malignant));
        }
        // Direction-free: a statistic that is lower in malignant cases separates as well as one that is higher.
        double best = auc.values().stream().mapToDouble(a -> Math.max(a, 1 - a)).max().orElseThrow();
        double ageAuc = auc(minusAge, malignant); // younger -> malignant
        StringBuilder msg = new StringBuilder(m + " AUC (malignant positive):");
        auc.forEach((k, v) -> msg.append(String.format(Locale.ROOT, " %s=%.3f", k, v)));
        msg.append(String.format(Locale.ROOT, " | best=%.3f | younger age=%.3f", best, ageAuc));
        System.out.println(msg);
        assertTrue(best >= 0.65 && best <= 0.97, msg.toString());
        assertTrue(ageAuc >= 0.55 && ageAuc <= 0.85, msg.toString());
    }

    /** {malignant 0/1, age, then STATS over the voxels of the index vertebra}. */
    private static double[] statistics(SyntheticCase c) {
        Volume img = c.image();
        Volume mask = c.mask();
        int label = c.clinical().indexLabel();
        double[] d = img.data();
        double[] l = mask.data();
        int nx = img.nx();
        int ny = img.ny();
        List<Double> values = new ArrayList<>();
        double sum = 0;
        double sumSq = 0;
        double diff = 0;
        int pairs = 0;
        double other = 0;
        int nOther = 0;
        for (int q = 0; q < d.length; q++) {
            if (l[q] == 0) {
                continue;
            }
            if (l[q] != label) {
                other += d[q];
                nOther++;
                continue;
            }
            values.add(d[q]);
            sum += d[q];
            sumSq += d[q] * d[q];
            int x = q % nx;
            int y = (q / nx) % ny;
            if (x + 1 < nx && l[q + 1] == label) {
                diff += Math.abs(d[q + 1] - d[q]);
                pairs++;
            }
            if (y + 1 < ny && l[q + nx] == label) {
                diff += Math.abs(d[q + nx] - d[q]);
                pairs++;
            }
        }
        int n = values.size();
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new double[] {c.clinical().malignant() ? 1 : 0, c.clinical().age(), mean, sd, sd / mean,
            diff / pairs, sorted[n / 10], sorted[9 * n / 10], mean / (other / nOther)};
    }

    /** Mann-Whitney AUC: P(score of a malignant case &gt; score of a benign case) + 0.5 P(tie). */
    static double auc(double[] score, boolean[] positive) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < score.length; i++) {
            if (!positive[i]) {
                continue;
            }
            for (int j = 0; j < score.length; j++) {
                if (positive[j]) {
                    continue;
                }
                wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                pairs++;
            }
        }
        return wins / pairs;
    }
}
