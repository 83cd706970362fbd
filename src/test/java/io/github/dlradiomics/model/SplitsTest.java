package io.github.dlradiomics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.UserInputException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Train/test split and fold assignments: counts per class, determinism, R's rep_len, errors. */
class SplitsTest {
    static int[] labels(int zeros, int ones) {
        int[] y = new int[zeros + ones];
        // interleave deterministically: every third case positive until the ones are used
        int placed = 0;
        for (int i = 0; i < y.length && placed < ones; i += 1) {
            if (i % 3 == 0 || y.length - i <= ones - placed) {
                y[i] = 1;
                placed++;
            }
        }
        return y;
    }

    static int count(int[] y, int[] rows, int cls) {
        int c = 0;
        for (int r : rows) {
            c += y[r] == cls ? 1 : 0;
        }
        return c;
    }

    @Test
    void trainTestIsStratifiedWithDocumentedRounding() {
        int[] y = labels(57, 43);
        assertEquals(43, Arrays.stream(y).sum());
        Splits.TrainTest s = Splits.trainTest(y, 0.3, 7);
        // round(57 * 0.3) = round(17.1) = 17; round(43 * 0.3) = round(12.9) = 13
        assertEquals(17, count(y, s.test(), 0));
        assertEquals(13, count(y, s.test(), 1));
        assertEquals(100, s.train().length + s.test().length);
        boolean[] seen = new boolean[100];
        for (int r : s.train()) {
            seen[r] = true;
        }
        for (int r : s.test()) {
            assertFalse(seen[r], "row in both sets");
            seen[r] = true;
        }
        // half up: 5 * 0.5 = 2.5 -> 3 ; at least 1 and at most m - 1
        assertEquals(3, count(labels(5, 5), Splits.trainTest(labels(5, 5), 0.5, 1).test(), 0));
        int[] small = labels(2, 30);
        assertEquals(1, count(small, Splits.trainTest(small, 0.1, 1).test(), 0));
        assertEquals(1, count(small, Splits.trainTest(small, 0.9, 1).train(), 0));
        // deterministic per seed, different across seeds
        assertArrayEquals(s.test(), Splits.trainTest(y, 0.3, 7).test());
        assertFalse(Arrays.equals(s.test(), Splits.trainTest(y, 0.3, 8).test()));
    }

    @Test
    void stratifiedFoldsBalanceEveryClass() {
        int[] y = labels(57, 43);
        int[] f = Splits.stratifiedFolds(y, 5, 11);
        int[][] perClass = new int[2][6];
        for (int i = 0; i < y.length; i++) {
            assertTrue(f[i] >= 1 && f[i] <= 5);
            perClass[y[i]][f[i]]++;
        }
        for (int k = 1; k <= 5; k++) {
            assertTrue(perClass[0][k] == 11 || perClass[0][k] == 12, "class 0 in fold " + k);
            assertTrue(perClass[1][k] == 8 || perClass[1][k] == 9, "class 1 in fold " + k);
            assertEquals(20, perClass[0][k] + perClass[1][k], "fold " + k);
        }
        assertArrayEquals(f, Splits.stratifiedFolds(y, 5, 11));
        assertFalse(Arrays.equals(f, Splits.stratifiedFolds(y, 5, 12)));
    }

    @Test
    void sequentialFoldsAreRepLen() {
        assertArrayEquals(new int[] {1, 2, 3, 1, 2, 3, 1}, Splits.sequentialFolds(7, 3));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 1}, Splits.sequentialFolds(6, 5));
    }

    @Test
    void errors() {
        UserInputException e = assertThrows(UserInputException.class, () -> Splits.sequentialFolds(4, 5));
        assertTrue(e.getMessage().contains("4 cases") && e.getMessage().contains("5 folds"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> Splits.stratifiedFolds(labels(20, 3), 5, 1));
        assertTrue(e.getMessage().contains("class 1 has 3 cases") && e.getMessage().contains("class 0: 20"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> Splits.stratifiedFolds(new int[10], 5, 1));
        assertTrue(e.getMessage().contains("only one class"), e.getMessage());
        assertThrows(UserInputException.class, () -> Splits.trainTest(labels(10, 10), 1.0, 1));
        assertThrows(UserInputException.class, () -> Splits.trainTest(labels(10, 1), 0.3, 1));
        assertThrows(UserInputException.class, () -> Splits.sequentialFolds(new int[] {1, 1, 1, 1}, 2));
    }
}
