package io.github.dlradiomics.roi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.util.UserInputException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class LabelSlicesTest {
    static SliceMask parse(String... rows) {
        SliceMask m = new SliceMask(rows[0].length(), rows.length);
        for (int v = 0; v < rows.length; v++) {
            for (int u = 0; u < rows[v].length(); u++) {
                m.set(u, v, rows[v].charAt(u) == '#');
            }
        }
        return m;
    }

    @Test
    void singlePixelIsAUnitSquareClockwise() {
        List<Contour> c = LabelSlices.outlines(parse("...", ".#.", "..."));
        assertEquals(1, c.size());
        assertArrayEquals(new double[] {1, 2, 2, 1}, c.get(0).x());
        assertArrayEquals(new double[] {1, 1, 2, 2}, c.get(0).y());
        assertFalse(c.get(0).hole());
        assertEquals(1.0, c.get(0).signedArea());
    }

    @Test
    void ringHasOuterContourAndHole() {
        SliceMask m = parse("#####", "#...#", "#.#.#", "#...#", "#####");
        List<Contour> c = LabelSlices.outlines(m);
        assertEquals(3, c.size(), c.toString());
        assertEquals(1, c.stream().filter(Contour::hole).count());
        Contour hole = c.stream().filter(Contour::hole).findFirst().orElseThrow();
        assertEquals(-9.0, hole.signedArea());
        assertEquals(4, hole.size());
        assertEquals(m, LabelSlices.rasterise(c, 5, 5));
    }

    @Test
    void diagonalNeighboursAreOneComponent() {
        // 8-connectivity: the contour passes twice through the shared corner.
        List<Contour> c = LabelSlices.outlines(parse("#.", ".#"));
        assertEquals(1, c.size(), c.toString());
        assertEquals(8, c.get(0).size());
        assertEquals(2.0, c.get(0).signedArea());
        assertEquals(parse("#.", ".#"), LabelSlices.rasterise(c, 2, 2));
        List<Contour> d = LabelSlices.outlines(parse(".#", "#."));
        assertEquals(1, d.size(), d.toString());
        assertEquals(parse(".#", "#."), LabelSlices.rasterise(d, 2, 2));
    }

    @Test
    void randomMasksRoundTripExactly() {
        Random r = new Random(7);
        for (int t = 0; t < 200; t++) {
            int w = 1 + r.nextInt(12);
            int h = 1 + r.nextInt(12);
            double fill = r.nextDouble();
            SliceMask m = new SliceMask(w, h);
            for (int i = 0; i < w * h; i++) {
                m.inside()[i] = r.nextDouble() < fill;
            }
            List<Contour> c = LabelSlices.outlines(m);
            assertEquals(m, LabelSlices.rasterise(c, w, h), "trial " + t);
            double area = c.stream().mapToDouble(Contour::signedArea).sum();
            assertEquals(m.count(), area, 1e-9, "outer minus hole areas = pixel count");
            for (Contour k : c) {
                assertEquals(k.hole(), k.signedArea() < 0);
            }
        }
    }

    @Test
    void rasteriseUsesPixelCentres() {
        // Triangle (0,0) (4,0) (0,4): centres with x + y < 4 are inside.
        SliceMask m = LabelSlices.rasterise(List.of(new Contour(new double[] {0, 4, 0}, new double[] {0, 0, 4})), 4, 4);
        assertEquals(parse("###.", "##..", "#...", "...."), m);
        // A polygon beyond the slice is clipped.
        SliceMask big = LabelSlices.rasterise(List.of(new Contour(new double[] {-5, 9, 9, -5}, new double[] {-5, -5, 9, 9})), 3, 2);
        assertEquals(6, big.count());
    }

    static Volume phantom() {
        Volume v = new Volume(9, 8, 7, PixelType.UINT8);
        v.setSpacing(0.7, 0.9, 3);
        v.setOrigin(10, -20, 5);
        Random r = new Random(3);
        for (int z = 1; z < 6; z++) {
            for (int y = 1; y < 7; y++) {
                for (int x = 1; x < 8; x++) {
                    double p = r.nextDouble();
                    v.set(x, y, z, p < 0.3 ? 0 : p < 0.7 ? 2 : 5);
                }
            }
        }
        return v;
    }

    @Test
    void volumeRoundTripAlongEveryAxis() {
        Volume v = phantom();
        for (SliceAxis a : SliceAxis.values()) {
            SortedMap<Integer, SortedMap<Integer, List<Contour>>> o = LabelSlices.outlines(v, a);
            assertEquals(List.of(2, 5), List.copyOf(o.keySet()));
            Volume back = LabelSlices.toVolume(v, a, o);
            assertArrayEquals(v.data(), back.data(), "axis " + a);
            assertTrue(back.sameGeometry(v, 0));
            assertEquals(PixelType.UINT8, back.pixelType());
        }
    }

    @Test
    void slicesPerLabelAndMasks() {
        Volume v = new Volume(4, 3, 5, PixelType.UINT8);
        v.set(1, 2, 0, 3);
        v.set(2, 0, 3, 3);
        v.set(3, 1, 3, 4);
        Map<Integer, int[]> z = LabelSlices.slicesPerLabel(v, SliceAxis.Z);
        assertArrayEquals(new int[] {0, 3}, z.get(3));
        assertArrayEquals(new int[] {3}, z.get(4));
        assertArrayEquals(new int[] {1, 2}, LabelSlices.slices(v, SliceAxis.X, 3));
        assertArrayEquals(new int[0], LabelSlices.slices(v, SliceAxis.X, 9));
        SliceMask m = LabelSlices.mask(v, SliceAxis.X, 1, 3);
        assertEquals(3, m.width());
        assertEquals(5, m.height());
        assertTrue(m.get(2, 0));
        assertEquals(1, m.count());
        assertArrayEquals(new int[] {1, 2, 0}, SliceAxis.X.voxel(1, 2, 0));
        assertEquals(v.index(1, 2, 0), SliceAxis.X.offset(v, 1, 2, 0));
    }

    @Test
    void clearMessages() {
        Volume v = new Volume(3, 3, 3, PixelType.FLOAT32);
        v.set(1, 2, 0, 0.5);
        UserInputException e = assertThrows(UserInputException.class, () -> LabelSlices.labels(v));
        assertTrue(e.getMessage().contains("(1, 2, 0)") && e.getMessage().contains("0.5"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> LabelSlices.mask(new Volume(3, 3, 3, PixelType.UINT8), SliceAxis.Y, 3, 1));
        assertTrue(e.getMessage().contains("slice 3 along Y"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> LabelSlices.toVolume(new Volume(3, 3, 3, PixelType.UINT8), SliceAxis.Z,
                Map.of(4, Map.of(7, List.<Contour>of()))));
        assertTrue(e.getMessage().contains("label 4") && e.getMessage().contains("slice 7"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> SliceAxis.parse("w"));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void totalSegmentatorSagittalRoundTrip() throws Exception {
        Volume v = Volumes.read(TestData.shared("imaging/totalsegmentator_ct/vertebrae_labels.nii.gz"));
        assertEquals(SliceAxis.X, SliceAxis.sagittal(v));
        assertEquals(SliceAxis.Z, SliceAxis.axial(v));
        for (SliceAxis a : new SliceAxis[] {SliceAxis.X, SliceAxis.Z}) {
            Volume back = LabelSlices.toVolume(v, a, LabelSlices.outlines(v, a));
            assertArrayEquals(v.data(), back.data(), "axis " + a);
        }
    }
}
