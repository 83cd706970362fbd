package io.github.dlradiomics.roi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class LargestSliceTest {
    @Test
    void areaPositionAndTies() {
        Volume v = new Volume(10, 6, 4, PixelType.UINT8).setSpacing(0.5, 0.8, 2).setOrigin(100, 200, 300);
        // label 1: 3 pixels on x = 2 and 7 (tie), 2 on x = 6 and 8; centre of mass 5.5 -> x = 7
        for (int x : new int[] {2, 7}) {
            for (int y = 0; y < 3; y++) {
                v.set(x, y, 1, 1);
            }
        }
        for (int x : new int[] {6, 8}) {
            v.set(x, 0, 0, 1);
            v.set(x, 1, 0, 1);
        }
        LargestSlice.Result r = LargestSlice.find(v, SliceAxis.X, 1);
        assertEquals(7, r.slice());
        assertEquals(3, r.pixels());
        assertEquals(3 * 0.8 * 2, r.areaMm2(), 1e-12);
        assertEquals(3.5, r.slicePositionMm(), 1e-12);
        assertArrayEquals(new double[] {103.5, 200.8, 302}, r.centroidLps(), 1e-12);
        assertEquals(5.5, r.centreOfMassSlice(), 1e-12);
        // equally near the centre of mass: the lower index
        Volume w = new Volume(5, 1, 1, PixelType.UINT8);
        w.set(1, 0, 0, 2);
        w.set(3, 0, 0, 2);
        assertEquals(1, LargestSlice.find(w, SliceAxis.X, 2).slice());
    }

    @Test
    void lumbarVertebraeLargestSagittalSectionAtX59or60() throws Exception {
        Volume v = Volumes.read(TestData.shared("imaging/totalsegmentator_ct/vertebrae_labels.nii.gz"));
        SliceAxis sagittal = SliceAxis.sagittal(v);
        assertEquals(SliceAxis.X, sagittal);
        SortedMap<Integer, LargestSlice.Result> all = LargestSlice.find(v, sagittal);
        for (int label = 27; label <= 31; label++) { // L5 .. L1
            LargestSlice.Result r = all.get(label);
            assertTrue(r.slice() == 59 || r.slice() == 60, "label " + label + ": " + r);
            assertEquals(r.pixels() * 9.0, r.areaMm2(), 1e-9);
            double[] back = v.physicalToIndex(r.centroidLps()[0], r.centroidLps()[1], r.centroidLps()[2]);
            assertEquals(r.slice(), back[0], 1e-6);
        }
    }

    @Test
    void oneLabelPassEqualsTheAllLabelsPassOnEveryAxis() throws Exception {
        Volume v = Volumes.read(TestData.shared("imaging/totalsegmentator_ct/vertebrae_labels.nii.gz"));
        for (SliceAxis axis : SliceAxis.values()) {
            SortedMap<Integer, LargestSlice.Result> all = LargestSlice.find(v, axis);
            for (var e : all.entrySet()) {
                LargestSlice.Result one = LargestSlice.find(v, axis, e.getKey());
                assertEquals(e.getValue().slice(), one.slice(), axis + " label " + e.getKey());
                assertEquals(e.getValue().pixels(), one.pixels());
                assertEquals(e.getValue().centreOfMassSlice(), one.centreOfMassSlice(), 0);
                assertArrayEquals(e.getValue().centroidLps(), one.centroidLps(), 0);
            }
        }
        assertThrows(io.github.dlradiomics.util.UserInputException.class, () -> LargestSlice.find(v, SliceAxis.X, 99));
        assertThrows(io.github.dlradiomics.util.UserInputException.class, () -> LargestSlice.find(v, SliceAxis.X, 0));
    }
}
