package io.github.dlradiomics.model.classifiers;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one CART classification tree (Gini impurity, two classes) the way scikit-learn 1.2's
 * {@code DepthFirstTreeBuilder} does, with either its {@code BestSplitter} (every midpoint between
 * consecutive distinct sorted values of each candidate feature) or its {@code RandomSplitter} (one
 * uniform random threshold per candidate feature, Extra-Trees).
 *
 * <p>Rules kept from scikit-learn: a node is a leaf when depth >= max_depth, it holds fewer than
 * min_samples_split or 2 * min_samples_leaf cases, or it is pure; candidate features are drawn without
 * replacement until max_features have been visited (constant features count, but the search goes on while
 * only constant ones were found); values closer than 1e-7 count as equal; a split is kept only when both
 * children hold at least min_samples_leaf cases; the best split maximises the weighted Gini decrease (the
 * first found wins ties); left means {@code x <= threshold}. Case weights are the bootstrap counts; cases
 * with weight 0 are left out, and case counts (for the size rules) count distinct cases, as in scikit-learn.
 * Extra-Trees thresholds are drawn strictly inside (min, max) of the feature in the node (scikit-learn may
 * return min itself).
 *
 * <p>The grower holds only read-only data, so several threads may grow trees from it at once.
 */
final class TreeGrower {
    /** How a candidate feature's threshold is chosen. */
    enum Splitter {
        /** The best of all midpoints (CART, random forest). */
        BEST,
        /** One uniform draw in the node's range (Extra-Trees). */
        RANDOM
    }

    /** Feature values closer than this are treated as equal (scikit-learn's FEATURE_THRESHOLD). */
    static final double FEATURE_THRESHOLD = 1e-7;
    /** A node whose impurity is at most this is pure (numpy's double epsilon). */
    static final double EPSILON = Math.ulp(1.0);

    private final double[][] columns;
    private final int[] y;
    private final int n;
    private final int p;
    private final Splitter splitter;
    private final int maxDepth;
    private final int minSamplesSplit;
    private final int minSamplesLeaf;
    private final int maxFeatures;

    /**
     * @param columns the training matrix column by column ({@code columns[feature][case]}), see {@link #columns}
     * @param maxDepth the depth limit (root = 0), Integer.MAX_VALUE for none
     */
    TreeGrower(double[][] columns, int[] y, Splitter splitter, int maxDepth, int minSamplesSplit, int minSamplesLeaf,
            int maxFeatures) {
        this.columns = columns;
        this.y = y;
        this.n = y.length;
        this.p = columns.length;
        this.splitter = splitter;
        this.maxDepth = maxDepth;
        this.minSamplesSplit = minSamplesSplit;
        this.minSamplesLeaf = minSamplesLeaf;
        this.maxFeatures = Math.max(1, Math.min(maxFeatures, p));
    }

    /** The transpose of a row-major n x p matrix. */
    static double[][] columns(double[][] x, int p) {
        double[][] c = new double[p][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                c[j][i] = x[i][j];
            }
        }
        return c;
    }

    /**
     * Grows a tree.
     *
     * @param weights per-case weights (bootstrap counts), or null for 1 each
     * @param rng the tree's own random stream (feature order, thresholds)
     * @param importances length p; receives each split's {@code w*impurity - wL*impurityL - wR*impurityR}
     */
    TreeModel grow(double[] weights, SplittableRandom rng, double[] importances) {
        double[] w = weights;
        if (w == null) {
            w = new double[n];
            Arrays.fill(w, 1.0);
        }
        return new Run(w, rng, importances).grow();
    }

    /** {@code raw} divided by its sum (all zeros when the sum is not positive). */
    static double[] normalised(double[] raw) {
        double sum = 0;
        for (double v : raw) {
            sum += v;
        }
        double[] r = new double[raw.length];
        if (sum > 0) {
            for (int i = 0; i < r.length; i++) {
                r[i] = raw[i] / sum;
            }
        }
        return r;
    }

    static double gini(double w0, double w1) {
        double w = w0 + w1;
        return 1.0 - (w0 * w0 + w1 * w1) / (w * w);
    }

    private record Frame(int start, int end, int depth, int parent, boolean isLeft, double impurity, double w0,
            double w1) {
    }

    /** The mutable state of one tree's growth. */
    private final class Run {
        final double[] w;
        final SplittableRandom rng;
        final double[] importances;
        final int[] samples;
        final double[] xf;
        final int[] features;

        int count;
        int[] feat = new int[64];
        double[] thr = new double[64];
        int[] lft = new int[64];
        int[] rgt = new int[64];
        double[] val = new double[64];

        int bestFeature;
        double bestThreshold;
        double bestProxy;
        double bestL0;
        double bestL1;
        /** Set by the per-feature searches: the feature was constant in the node. */
        boolean constantFeature;

        Run(double[] w, SplittableRandom rng, double[] importances) {
            this.w = w;
            this.rng = rng;
            this.importances = importances;
            this.samples = new int[n];
            this.xf = new double[n];
            this.features = new int[p];
            for (int j = 0; j < p; j++) {
                features[j] = j;
            }
        }

        TreeModel grow() {
            int m = 0;
            double w0 = 0;
            double w1 = 0;
            for (int i = 0; i < n; i++) {
                if (w[i] > 0) {
                    samples[m++] = i;
                    if (y[i] == 1) {
                        w1 += w[i];
                    } else {
                        w0 += w[i];
                    }
                }
            }
            ArrayDeque<Frame> stack = new ArrayDeque<>();
            stack.push(new Frame(0, m, 0, -1, false, gini(w0, w1), w0, w1));
            while (!stack.isEmpty()) {
                Frame f = stack.pop();
                int node = addNode();
                if (f.parent >= 0) {
                    if (f.isLeft) {
                        lft[f.parent] = node;
                    } else {
                        rgt[f.parent] = node;
                    }
                }
                int size = f.end - f.start;
                double wn = f.w0 + f.w1;
                val[node] = f.w1 / wn;
                feat[node] = -1;
                lft[node] = -1;
                rgt[node] = -1;
                boolean leaf = f.depth >= maxDepth || size < minSamplesSplit || size < 2 * minSamplesLeaf
                        || f.impurity <= EPSILON;
                if (leaf || !findSplit(f.start, f.end, f.w0, f.w1)) {
                    continue;
                }
                int pos = partition(f.start, f.end, bestFeature, bestThreshold);
                double l0 = bestL0;
                double l1 = bestL1;
                double r0 = f.w0 - l0;
                double r1 = f.w1 - l1;
                double impL = gini(l0, l1);
                double impR = gini(r0, r1);
                feat[node] = bestFeature;
                thr[node] = bestThreshold;
                if (importances != null) {
                    importances[bestFeature] += wn * f.impurity - (l0 + l1) * impL - (r0 + r1) * impR;
                }
                stack.push(new Frame(pos, f.end, f.depth + 1, node, false, impR, r0, r1));
                stack.push(new Frame(f.start, pos, f.depth + 1, node, true, impL, l0, l1));
            }
            return new TreeModel(Arrays.copyOf(feat, count), Arrays.copyOf(thr, count), Arrays.copyOf(lft, count),
                    Arrays.copyOf(rgt, count), Arrays.copyOf(val, count));
        }

        int addNode() {
            if (count == feat.length) {
                int c = 2 * count;
                feat = Arrays.copyOf(feat, c);
                thr = Arrays.copyOf(thr, c);
                lft = Arrays.copyOf(lft, c);
                rgt = Arrays.copyOf(rgt, c);
                val = Arrays.copyOf(val, c);
            }
            return count++;
        }

        /** Searches the node's split; true when one was found (then in the best* fields). */
        boolean findSplit(int start, int end, double w0, double w1) {
            bestProxy = Double.NEGATIVE_INFINITY;
            boolean found = false;
            int remaining = p;
            int visited = 0;
            int constants = 0;
            while (remaining > 0 && (visited < maxFeatures || visited <= constants)) {
                int j = rng.nextInt(remaining);
                remaining--;
                int f = features[j];
                features[j] = features[remaining];
                features[remaining] = f;
                visited++;
                boolean split = splitter == Splitter.BEST ? bestOnFeature(f, start, end, w0, w1)
                        : randomOnFeature(f, start, end, w0, w1);
                if (!split && constantFeature) {
                    constants++;
                }
                found |= split;
            }
            return found;
        }

        /** Scans every midpoint of feature f; true when it improved the best split. */
        boolean bestOnFeature(int f, int start, int end, double w0, double w1) {
            double[] col = columns[f];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = start; k < end; k++) {
                double v = col[samples[k]];
                xf[k] = v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            constantFeature = max <= min + FEATURE_THRESHOLD;
            if (constantFeature) {
                return false;
            }
            DualSort.sort(xf, samples, start, end);
            double wn = w0 + w1;
            double l0 = 0;
            double l1 = 0;
            boolean improved = false;
            int k = start;
            while (k < end) {
                // Take in the whole run of (nearly) equal values ending at k.
                while (true) {
                    int s = samples[k];
                    if (y[s] == 1) {
                        l1 += w[s];
                    } else {
                        l0 += w[s];
                    }
                    if (k + 1 < end && xf[k + 1] <= xf[k] + FEATURE_THRESHOLD) {
                        k++;
                    } else {
                        break;
                    }
                }
                k++;
                if (k >= end) {
                    break;
                }
                int nLeft = k - start;
                int nRight = end - k;
                if (nRight < minSamplesLeaf) {
                    break;
                }
                if (nLeft < minSamplesLeaf) {
                    continue;
                }
                double wl = l0 + l1;
                double r0 = w0 - l0;
                double r1 = w1 - l1;
                double proxy = (l0 * l0 + l1 * l1) / wl + (r0 * r0 + r1 * r1) / (wn - wl);
                if (proxy > bestProxy) {
                    bestProxy = proxy;
                    bestFeature = f;
                    double t = xf[k - 1] / 2.0 + xf[k] / 2.0;
                    if (t == xf[k] || Double.isInfinite(t)) {
                        t = xf[k - 1];
                    }
                    bestThreshold = t;
                    bestL0 = l0;
                    bestL1 = l1;
                    improved = true;
                }
            }
            return improved;
        }

        /** Draws one threshold for feature f; true when that split is the best so far. */
        boolean randomOnFeature(int f, int start, int end, double w0, double w1) {
            double[] col = columns[f];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = start; k < end; k++) {
                double v = col[samples[k]];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            // Also constant when no double lies strictly between min and max.
            constantFeature = max <= min + FEATURE_THRESHOLD || Math.nextUp(min) >= max;
            if (constantFeature) {
                return false;
            }
            double t = min + (max - min) * rng.nextDouble();
            for (int tries = 0; !(t > min && t < max); tries++) {
                t = tries < 64 ? min + (max - min) * rng.nextDouble() : Math.nextUp(min);
            }
            double l0 = 0;
            double l1 = 0;
            int nLeft = 0;
            for (int k = start; k < end; k++) {
                int s = samples[k];
                if (col[s] <= t) {
                    nLeft++;
                    if (y[s] == 1) {
                        l1 += w[s];
                    } else {
                        l0 += w[s];
                    }
                }
            }
            if (nLeft < minSamplesLeaf || end - start - nLeft < minSamplesLeaf) {
                return false;
            }
            double wl = l0 + l1;
            double r0 = w0 - l0;
            double r1 = w1 - l1;
            double proxy = (l0 * l0 + l1 * l1) / wl + (r0 * r0 + r1 * r1) / (w0 + w1 - wl);
            if (proxy > bestProxy) {
                bestProxy = proxy;
                bestFeature = f;
                bestThreshold = t;
                bestL0 = l0;
                bestL1 = l1;
                return true;
            }
            return false;
        }

        /** Moves the node's cases with {@code x[f] <= t} to the front; returns the first right position. */
        int partition(int start, int end, int f, double t) {
            double[] col = columns[f];
            int i = start;
            int j = end;
            while (i < j) {
                if (col[samples[i]] <= t) {
                    i++;
                } else {
                    j--;
                    int s = samples[i];
                    samples[i] = samples[j];
                    samples[j] = s;
                }
            }
            return i;
        }
    }
}
