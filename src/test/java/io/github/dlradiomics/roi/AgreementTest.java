package io.github.dlradiomics.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class AgreementTest {
    static Volume cube(int label, int x0, int side, double[] spacing) {
        Volume v = new Volume(14, 12, 12, PixelType.UINT8).setSpacing(spacing);
        for (int z = 2; z < 2 + side; z++) {
            for (int y = 2; y < 2 + side; y++) {
                for (int x = x0; x < x0 + side; x++) {
                    v.set(x, y, z, label);
                }
            }
        }
        return v;
    }

    @Test
    void cubesOffsetByKVoxels() {
        double[] s = {0.5, 1, 2};
        for (int k = 0; k <= 3; k++) {
            Agreement.Result r = Agreement.compare(cube(1, 2, 6, s), cube(1, 2 + k, 6, s)).get(1);
            assertEquals((6.0 - k) / 6, r.dice(), 1e-15, "k = " + k);
            assertEquals(k * 0.5, r.hausdorffMm(), 1e-12, "k = " + k);
            // MedPy hd95 (scipy distance_transform_edt, numpy percentile) gives k * 0.5 too
            assertEquals(k * 0.5, r.hd95Mm(), 1e-12, "k = " + k);
            assertEquals(0, r.volumeDifferenceMm3(), 1e-12);
            assertEquals(216, r.voxelsA());
            assertEquals(216 - 36 * k, r.overlapVoxels());
        }
    }

    @Test
    void shiftedSpheresMatchMedPy() {
        double[] s = {0.7, 0.9, 1.3};
        boolean[] a = new boolean[20 * 20 * 20];
        boolean[] b = new boolean[a.length];
        for (int z = 0, i = 0; z < 20; z++) {
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 20; x++, i++) {
                    a[i] = sq(x - 9.5) + sq(y - 9.5) + sq(z - 9.5) < 36;
                    b[i] = sq(z - 11) + sq(y - 9) + sq(x - 10) < 30;
                }
            }
        }
        Agreement.Result r = Agreement.compare(1, a, b, new int[] {20, 20, 20}, s);
        // medpy.metric.binary.hd95(b, a, voxelspacing=(0.7, 0.9, 1.3)) with the arrays indexed [x, y, z]
        assertEquals(2.1118712081942874, r.hd95Mm(), 1e-12);
        assertEquals(bruteForceHd95(a, b, new int[] {20, 20, 20}, s), r.hd95Mm(), 1e-12);
    }

    static double sq(double v) {
        return v * v;
    }

    static double bruteForceHd95(boolean[] a, boolean[] b, int[] d, double[] s) {
        boolean[] sa = Agreement.surface(a, d);
        boolean[] sb = Agreement.surface(b, d);
        List<Double> all = new ArrayList<>();
        for (boolean[][] pair : new boolean[][][] {{sa, sb}, {sb, sa}}) {
            for (int i = 0; i < a.length; i++) {
                if (!pair[0][i]) {
                    continue;
                }
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < a.length; j++) {
                    if (pair[1][j]) {
                        double dx = (i % d[0] - j % d[0]) * s[0];
                        double dy = ((i / d[0]) % d[1] - (j / d[0]) % d[1]) * s[1];
                        double dz = (i / (d[0] * d[1]) - j / (d[0] * d[1])) * s[2];
                        best = Math.min(best, Math.sqrt(dx * dx + dy * dy + dz * dz));
                    }
                }
                all.add(best);
            }
        }
        return Agreement.percentile(all.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 95);
    }

    @Test
    void numpyLinearPercentile() {
        assertEquals(9.5, Agreement.percentile(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 95), 1e-12);
        assertEquals(8.95, Agreement.percentile(new double[] {1, 2, 3, 10}, 95), 1e-12);
        assertEquals(4, Agreement.percentile(new double[] {4}, 95));
        assertEquals(2, Agreement.percentile(new double[] {1, 2}, 100));
    }

    @Test
    void labelsMissingInOneMask() {
        Volume a = cube(1, 2, 4, new double[] {1, 1, 1});
        Volume b = cube(2, 2, 4, new double[] {1, 1, 1});
        b.set(0, 0, 0, 1);
        SortedMap<Integer, Agreement.Result> m = Agreement.compare(a, b);
        assertEquals(2, m.size());
        Agreement.Result one = m.get(1);
        assertEquals(0, one.dice());
        assertEquals(Math.sqrt(75), one.hausdorffMm(), 1e-12);
        assertEquals(-63.0, one.volumeDifferenceMm3());
        assertEquals(-63.0 / 64, one.relativeVolumeDifference(), 1e-15);
        Agreement.Result two = m.get(2);
        assertEquals(0, two.dice());
        assertTrue(Double.isNaN(two.hd95Mm()) && Double.isNaN(two.hausdorffMm()) && Double.isNaN(two.relativeVolumeDifference()));
    }

    @Test
    void refusesDifferentGrids() {
        Volume a = new Volume(4, 4, 4, PixelType.UINT8);
        UserInputException e = assertThrows(UserInputException.class, () -> Agreement.compare(a, new Volume(4, 4, 5, PixelType.UINT8)));
        assertTrue(e.getMessage().contains("4x4x5"), e.getMessage());
        Volume b = new Volume(4, 4, 4, PixelType.UINT8).setSpacing(1, 1, 2);
        e = assertThrows(UserInputException.class, () -> Agreement.compare(a, b));
        assertTrue(e.getMessage().contains("same grid"), e.getMessage());
    }
}
