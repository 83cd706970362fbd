package io.github.dlradiomics.model;

import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, stratified partitions of cases for model building (labels 0/1). Everything is deterministic for
 * a seed: one {@link SplittableRandom}(seed) shuffles the members of class 0, then those of class 1, by
 * Fisher-Yates ({@code for i = m-1 .. 1: swap(i, nextInt(i + 1))}).
 *
 * <ul>
 * <li>{@link #trainTest}: per class with m members, {@code round(m * testFraction)} (half up) of the
 * shuffled members go to the test set, but at least 1 and at most m - 1, so both sets hold both classes.</li>
 * <li>{@link #stratifiedFolds}: the shuffled members of class 0, then of class 1, are dealt to folds
 * 1, 2, ..., K, 1, 2, ... continuing across the classes, so fold sizes differ by at most 1 overall and within
 * each class.</li>
 * <li>{@link #sequentialFolds}: row i (1-based) goes to fold ((i - 1) mod K) + 1, R's
 * {@code rep_len(1:K, n)} (unshuffled; reproduces a cv.glmnet run with that {@code foldid}).</li>
 * </ul>
 *
 * <pre>int[] fold = Splits.stratifiedFolds(y, 5, 42);   // fold ids 1..5
 * Splits.TrainTest s = Splits.trainTest(y, 0.3, 42);</pre>
 */
public final class Splits {
    private Splits() {
    }

    /** Row indices (ascending) of the training and the test set. */
    public record TrainTest(int[] train, int[] test) {
    }

    /** Stratified train/test split; {@code testFraction} in (0, 1). */
    public static TrainTest trainTest(int[] y, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new UserInputException("train/test split: the test fraction must be between 0 and 1 (got " + testFraction + ")");
        }
        List<int[]> classes = classes(y, "train/test split");
        for (int c = 0; c < 2; c++) {
            if (classes.get(c).length < 2) {
                throw new UserInputException("train/test split: class " + c + " has " + classes.get(c).length
                        + " case; each class needs at least 2 (one for training, one for testing)");
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int[] members : classes) {
            shuffle(members, rnd);
            int m = members.length;
            int nTest = (int) Math.min(m - 1, Math.max(1, Math.floor(m * testFraction + 0.5)));
            for (int k = 0; k < m; k++) {
                (k < nTest ? test : train).add(members[k]);
            }
        }
        return new TrainTest(sorted(train), sorted(test));
    }

    /** Stratified K-fold assignment: fold id (1..K) of each row. */
    public static int[] stratifiedFolds(int[] y, int k, long seed) {
        checkK(y == null ? 0 : y.length, k);
        List<int[]> classes = classes(y, "stratified folds");
        for (int c = 0; c < 2; c++) {
            if (classes.get(c).length < k) {
                throw new UserInputException("stratified folds: class " + c + " has " + classes.get(c).length
                        + " cases, fewer than the " + k + " folds (class 0: " + classes.get(0).length + ", class 1: "
                        + classes.get(1).length + "); use fewer folds");
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] fold = new int[y.length];
        int next = 0;
        for (int[] members : classes) {
            shuffle(members, rnd);
            for (int i : members) {
                fold[i] = next % k + 1;
                next++;
            }
        }
        return fold;
    }

    /** Fold ((i - 1) mod K) + 1 of row i (1-based): R's {@code rep_len(1:K, n)}. */
    public static int[] sequentialFolds(int n, int k) {
        checkK(n, k);
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = i % k + 1;
        }
        return fold;
    }

    /** Sequential folds of labelled rows; refuses labels with only one class. */
    public static int[] sequentialFolds(int[] y, int k) {
        classes(y, "sequential folds");
        return sequentialFolds(y.length, k);
    }

    private static void checkK(int n, int k) {
        if (k < 2) {
            throw new UserInputException("folds: the number of folds must be at least 2 (got " + k + ")");
        }
        if (n < k) {
            throw new UserInputException("folds: " + n + " cases are fewer than the " + k + " folds");
        }
    }

    /** Row indices of class 0 and class 1; both must be present. */
    private static List<int[]> classes(int[] y, String who) {
        if (y == null || y.length == 0) {
            throw new UserInputException(who + ": no cases");
        }
        List<Integer> c0 = new ArrayList<>();
        List<Integer> c1 = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 0) {
                c0.add(i);
            } else if (y[i] == 1) {
                c1.add(i);
            } else {
                throw new UserInputException(who + ": label " + y[i] + " in row " + (i + 1) + " (labels must be 0 or 1)");
            }
        }
        if (c0.isEmpty() || c1.isEmpty()) {
            throw new UserInputException(who + ": only one class (" + (c0.isEmpty() ? 1 : 0) + ") among the " + y.length
                    + " cases; both classes are needed");
        }
        return List.of(sorted(c0), sorted(c1));
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] sorted(List<Integer> l) {
        int[] a = l.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
