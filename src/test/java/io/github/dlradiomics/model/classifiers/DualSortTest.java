package io.github.dlradiomics.model.classifiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DualSortTest {
    private static void check(double[] original, double[] v, int[] idx, int lo, int hi) {
        double[] expected = Arrays.copyOfRange(original, lo, hi);
        Arrays.sort(expected);
        assertArrayEquals(expected, Arrays.copyOfRange(v, lo, hi));
        for (int k = lo; k < hi; k++) {
            assertEquals(original[idx[k]], v[k]); // the index moved with its value
        }
        for (int k = 0; k < lo; k++) {
            assertEquals(original[k], v[k]); // outside the run untouched
        }
    }

    @Test
    void sortsRunsWithManyTiesAndCarriesTheIndices() {
        Random r = new Random(3);
        for (int n : new int[] {0, 1, 2, 15, 17, 100, 1000}) {
            for (int distinct : new int[] {1, 3, 1000000}) {
                double[] original = new double[n + 5];
                for (int i = 0; i < original.length; i++) {
                    original[i] = r.nextInt(distinct) - distinct / 2.0;
                }
                double[] v = original.clone();
                int[] idx = new int[v.length];
                Arrays.setAll(idx, i -> i);
                DualSort.sort(v, idx, 5, n + 5);
                check(original, v, idx, 5, n + 5);

                double[] h = original.clone();
                int[] hidx = new int[h.length];
                Arrays.setAll(hidx, i -> i);
                DualSort.heapsort(h, hidx, 5, n + 5);
                check(original, h, hidx, 5, n + 5);
            }
        }
    }
}
