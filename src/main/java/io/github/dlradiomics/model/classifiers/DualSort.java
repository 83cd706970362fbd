package io.github.dlradiomics.model.classifiers;

/**
 * Sorts a run of doubles ascending and moves an int array along with it: introsort (median-of-three
 * quicksort with three-way partitioning, heapsort past 2 log2(n) levels, insertion sort for short runs),
 * as scikit-learn's tree splitter does. Not stable; the trees only use the order of distinct values.
 */
final class DualSort {
    private static final int INSERTION = 16;

    private DualSort() {
    }

    /** Sorts {@code v[lo, hi)} and applies the same permutation to {@code idx[lo, hi)}. */
    static void sort(double[] v, int[] idx, int lo, int hi) {
        int n = hi - lo;
        if (n > 1) {
            introsort(v, idx, lo, hi, 2 * (31 - Integer.numberOfLeadingZeros(n)));
        }
    }

    private static void introsort(double[] v, int[] idx, int lo, int hi, int maxDepth) {
        while (hi - lo > INSERTION) {
            if (maxDepth-- <= 0) {
                heapsort(v, idx, lo, hi);
                return;
            }
            double pivot = median3(v[lo], v[lo + (hi - lo) / 2], v[hi - 1]);
            int i = lo;
            int l = lo;
            int r = hi;
            while (i < r) {
                if (v[i] < pivot) {
                    swap(v, idx, i++, l++);
                } else if (v[i] > pivot) {
                    swap(v, idx, i, --r);
                } else {
                    i++;
                }
            }
            introsort(v, idx, lo, l, maxDepth);
            lo = r;
        }
        insertion(v, idx, lo, hi);
    }

    private static double median3(double a, double b, double c) {
        if (a < b) {
            return b < c ? b : Math.max(a, c);
        }
        return b > c ? b : Math.min(a, c);
    }

    private static void insertion(double[] v, int[] idx, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            double x = v[i];
            int s = idx[i];
            int j = i - 1;
            while (j >= lo && v[j] > x) {
                v[j + 1] = v[j];
                idx[j + 1] = idx[j];
                j--;
            }
            v[j + 1] = x;
            idx[j + 1] = s;
        }
    }

    static void heapsort(double[] v, int[] idx, int lo, int hi) {
        int n = hi - lo;
        for (int start = (n - 2) / 2; start >= 0; start--) {
            siftDown(v, idx, lo, start, n);
        }
        for (int end = n - 1; end > 0; end--) {
            swap(v, idx, lo, lo + end);
            siftDown(v, idx, lo, 0, end);
        }
    }

    private static void siftDown(double[] v, int[] idx, int lo, int root, int end) {
        while (true) {
            int child = 2 * root + 1;
            int max = root;
            if (child < end && v[lo + max] < v[lo + child]) {
                max = child;
            }
            if (child + 1 < end && v[lo + max] < v[lo + child + 1]) {
                max = child + 1;
            }
            if (max == root) {
                return;
            }
            swap(v, idx, lo + root, lo + max);
            root = max;
        }
    }

    private static void swap(double[] v, int[] idx, int i, int j) {
        double t = v[i];
        v[i] = v[j];
        v[j] = t;
        int s = idx[i];
        idx[i] = idx[j];
        idx[j] = s;
    }
}
