package io.github.dlradiomics.roi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShapeBasedInterpolationTest {
    static void box(Volume v, int label, int z, int x0, int x1, int y0, int y1) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                v.set(x, y, z, label);
            }
        }
    }

    @Test
    void identicalKeySlicesGiveTheSameShapeBetween() {
        Volume v = new Volume(10, 9, 6, PixelType.UINT8);
        box(v, 3, 0, 2, 6, 1, 5);
        box(v, 3, 4, 2, 6, 1, 5);
        ShapeBasedInterpolation.Result r = ShapeBasedInterpolation.fill(v, SliceAxis.Z);
        assertArrayEquals(new int[] {1, 2, 3}, r.filledSlices().get(3));
        for (int z = 0; z <= 4; z++) {
            assertEquals(LabelSlices.mask(v, SliceAxis.Z, 0, 3), LabelSlices.mask(r.volume(), SliceAxis.Z, z, 3), "slice " + z);
        }
        assertEquals(0, LabelSlices.mask(r.volume(), SliceAxis.Z, 5, 3).count());
        assertEquals(0, v.get(4, 3, 2), "the input is not modified");
    }

    @Test
    void barWidthIsBlendedLinearly() {
        // Full-height bars 4 and 8 pixels wide: halfway gives 6, whatever the (anisotropic) spacing.
        for (double[] s : new double[][] {{1, 1, 1}, {2, 0.5, 3}}) {
            Volume v = new Volume(12, 5, 3, PixelType.UINT8).setSpacing(s);
            box(v, 1, 0, 0, 3, 0, 4);
            box(v, 1, 2, 0, 7, 0, 4);
            Volume out = ShapeBasedInterpolation.fill(v, SliceAxis.Z).volume();
            SliceMask mid = LabelSlices.mask(out, SliceAxis.Z, 1, 1);
            assertEquals(6 * 5, mid.count());
            for (int y = 0; y < 5; y++) {
                assertTrue(mid.get(5, y) && !mid.get(6, y));
            }
        }
    }

    @Test
    void anisotropicSpacingMatchesBruteForceBlend() {
        Random r = new Random(5);
        Volume v = new Volume(9, 11, 9, PixelType.UINT8).setSpacing(3.5, 0.6, 1.4);
        // key slices along X: 0, 4 and 8; random blobs in each
        for (int x : new int[] {0, 4, 8}) {
            for (int y = 2; y < 10; y++) {
                for (int z = 1; z < 8; z++) {
                    if (r.nextDouble() < 0.5) {
                        v.set(x, y, z, 2);
                    }
                }
            }
        }
        assertArrayEquals(new int[] {0, 4, 8}, LabelSlices.slices(v, SliceAxis.X, 2));
        Volume out = ShapeBasedInterpolation.fill(v, SliceAxis.X, List.of(2), ProgressListener.NONE).volume();
        double[] px = SliceAxis.X.pixelSpacing(v);
        int[][] pairs = {{0, 4}, {4, 8}};
        for (int[] p : pairs) {
            double[] sd0 = bruteSd(LabelSlices.mask(v, SliceAxis.X, p[0], 2), px);
            double[] sd1 = bruteSd(LabelSlices.mask(v, SliceAxis.X, p[1], 2), px);
            for (int s = p[0]; s <= p[1]; s++) {
                double t = (s - p[0]) / (double) (p[1] - p[0]);
                SliceMask got = LabelSlices.mask(out, SliceAxis.X, s, 2);
                for (int i = 0; i < sd0.length; i++) {
                    double b = (1 - t) * sd0[i] + t * sd1[i];
                    if (Math.abs(b) > 1e-9) {
                        assertEquals(b > 0, got.inside()[i], "slice " + s + " pixel " + i);
                    }
                }
            }
        }
    }

    static double[] bruteSd(SliceMask m, double[] px) {
        int w = m.width();
        double[] sd = new double[w * m.height()];
        for (int i = 0; i < sd.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < sd.length; j++) {
                if (m.inside()[j] != m.inside()[i]) {
                    double du = (i % w - j % w) * px[0];
                    double dv = (i / w - j / w) * px[1];
                    best = Math.min(best, Math.sqrt(du * du + dv * dv));
                }
            }
            sd[i] = m.inside()[i] ? best : -best;
        }
        return sd;
    }

    @Test
    void keySlicesAndOtherLabelsAreKept() {
        Volume v = new Volume(8, 8, 5, PixelType.UINT8);
        box(v, 4, 0, 1, 6, 1, 6);
        box(v, 4, 2, 2, 5, 2, 5);
        box(v, 9, 1, 0, 7, 0, 2); // another label on the gap slice
        box(v, 4, 3, 3, 3, 3, 3); // adjacent key slices: nothing to fill between 2 and 3
        ShapeBasedInterpolation.Result r = ShapeBasedInterpolation.fill(v, SliceAxis.Z, List.of(4), ProgressListener.NONE);
        Volume out = r.volume();
        for (int z : new int[] {0, 2, 3, 4}) {
            assertEquals(LabelSlices.mask(v, SliceAxis.Z, z, 4), LabelSlices.mask(out, SliceAxis.Z, z, 4), "key slice " + z);
        }
        assertEquals(LabelSlices.mask(v, SliceAxis.Z, 1, 9), LabelSlices.mask(out, SliceAxis.Z, 1, 9));
        assertArrayEquals(new int[] {1}, r.filledSlices().get(4));
        assertEquals(4, out.get(4, 4, 1));
        assertEquals(9, out.get(4, 1, 1));
    }

    @Test
    void refusesAbsentLabels() {
        Volume v = new Volume(4, 4, 4, PixelType.UINT8);
        v.set(1, 1, 1, 2);
        UserInputException e = assertThrows(UserInputException.class,
                () -> ShapeBasedInterpolation.fill(v, SliceAxis.Z, List.of(5), ProgressListener.NONE));
        assertTrue(e.getMessage().contains("label 5"), e.getMessage());
    }
}
