package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.roi.Contour;
import io.github.dlradiomics.roi.LabelSlices;
import io.github.dlradiomics.roi.SliceAxis;
import io.github.dlradiomics.roi.SliceMask;
import io.github.dlradiomics.util.UserInputException;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.process.ByteProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RoiConversion}: outlines to ImageJ ROIs and back, names, grids (no display needed). */
class RoiToolsConversionTest {
    private static SliceMask ring() {
        // a 6x6 square with a 2x2 hole, an island inside a second hole, and a pixel touching a corner only
        SliceMask m = new SliceMask(16, 12);
        for (int v = 1; v <= 6; v++) {
            for (int u = 1; u <= 6; u++) {
                m.set(u, v, !(u >= 3 && u <= 4 && v >= 3 && v <= 4));
            }
        }
        m.set(7, 7, true);
        for (int v = 1; v <= 7; v++) {
            for (int u = 9; u <= 15; u++) {
                boolean edge = u == 9 || u == 15 || v == 1 || v == 7;
                m.set(u, v, edge || (u == 12 && v == 4));
            }
        }
        return m;
    }

    @Test
    void outlinesBecomeOneRoiAndComeBackExactly() {
        SliceMask m = ring();
        List<Contour> cs = LabelSlices.outlines(m);
        assertTrue(cs.size() >= 4, cs.toString());
        Roi roi = RoiConversion.toRoi(cs);
        assertTrue(roi instanceof ShapeRoi, roi.toString());
        SliceMask back = LabelSlices.rasterise(RoiConversion.contours(roi), m.width(), m.height());
        assertEquals(m, back);
        // ImageJ's own mask of the ROI agrees (pixel count of the composite selection)
        ImagePlus imp = new ImagePlus("t", new ByteProcessor(m.width(), m.height()));
        imp.setRoi(roi);
        assertEquals(m.count(), imp.getStatistics().pixelCount);
    }

    @Test
    void aSimpleOutlineIsAPolygon() {
        SliceMask m = new SliceMask(8, 8);
        for (int v = 2; v < 5; v++) {
            for (int u = 1; u < 6; u++) {
                m.set(u, v, true);
            }
        }
        Roi roi = RoiConversion.toRoi(LabelSlices.outlines(m));
        assertTrue(roi instanceof PolygonRoi);
        assertEquals(m, LabelSlices.rasterise(RoiConversion.contours(roi), 8, 8));
    }

    @Test
    void roisBecomeALabelVolume() {
        Volume grid = new Volume(20, 20, 5, PixelType.UINT8).setSpacing(0.5, 0.5, 2).setOrigin(1, 2, 3);
        Roi a = new Roi(2, 3, 4, 5);
        a.setName("7-0002");
        a.setPosition(2);
        Roi b = new OvalRoi(8, 8, 6, 6);
        b.setName("3-0004"); // no position: the slice comes from the name
        Volume v = RoiConversion.toVolume(grid, SliceAxis.Z, new Roi[] {a, b});
        assertTrue(v.sameGeometry(grid, 0));
        assertEquals(20, LabelSlices.mask(v, SliceAxis.Z, 1, 7).count());
        ImagePlus imp = new ImagePlus("t", new ByteProcessor(20, 20));
        imp.setRoi(b);
        assertEquals(imp.getStatistics().pixelCount, LabelSlices.mask(v, SliceAxis.Z, 3, 3).count());
        Roi c = new Roi(0, 0, 2, 2);
        c.setName("0003-0010-0010"); // ImageJ's automatic name (one rule with Radiomics Features): label 1, slice 3
        assertEquals(4, LabelSlices.mask(RoiConversion.toVolume(grid, SliceAxis.Z, new Roi[] {c}), SliceAxis.Z, 2, 1).count());
        Roi freehand = new ij.gui.PolygonRoi(new float[] {5.5f, 15.5f, 18.5f, 12.5f, 4.5f},
                new float[] {2.5f, 1.5f, 12.5f, 19.5f, 14.5f}, 5, Roi.FREEROI);
        freehand.setName("1-0001");
        imp.setRoi(freehand);
        assertEquals(imp.getStatistics().pixelCount, LabelSlices.mask(RoiConversion.toVolume(grid, SliceAxis.Z,
                new Roi[] {freehand}), SliceAxis.Z, 0, 1).count(), "pixels as Analyze > Measure counts them");
        Roi d = new Roi(0, 0, 2, 2);
        d.setName("4-0009");
        UserInputException e = assertThrows(UserInputException.class,
                () -> RoiConversion.toVolume(grid, SliceAxis.Z, new Roi[] {d}));
        assertTrue(e.getMessage().contains("outside the image"), e.getMessage());
    }

    @Test
    void namesAndLabels() {
        assertEquals("28-0059", RoiConversion.name(28, 59));
        assertEquals(List.of(28, 28, 1234, 5), labelsOf("28-0059", "28-0059-1", "1234-0012", "5"));
        // One rule with Radiomics Features: other prefixes are numbered, automatic names are label 1.
        assertEquals(List.of(1, 2, 1), labelsOf("L1", "T12-0003", "L1-0004"));
        assertEquals(List.of(1), labelsOf("0012-0234-0345"));
        assertThrows(UserInputException.class, () -> labelsOf("0012-0234-0345", "2-0010"));
        assertThrows(UserInputException.class, () -> labelsOf("0-0010"));
        Roi r = new Roi(0, 0, 2, 2);
        assertEquals(59, RoiConversion.slice(r, "28-0059"));
        assertEquals(12, RoiConversion.slice(r, "0012-0234-0345"));
        assertEquals(0, RoiConversion.slice(r, "tumour"));
        r.setPosition(3);
        assertEquals(3, RoiConversion.slice(r, "28-0059"));
    }

    private static List<Integer> labelsOf(String... names) {
        int[] of = new int[names.length];
        RoiConversion.labels(names, of);
        return java.util.Arrays.stream(of).boxed().toList();
    }

    @Test
    void gridKeepsCalibrationWithoutReadingPixels() {
        Volume v = new Volume(6, 5, 4, PixelType.INT16).setSpacing(0.7, 0.8, 3).setOrigin(-5, 6, 7);
        v.setDirection(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0});
        ImagePlus imp = io.github.dlradiomics.image.ImagePlusConverter.toImagePlus(v, "x");
        Volume g = RoiConversion.grid(imp);
        assertTrue(g.sameGeometry(v, 1e-12), g.describeGeometry());
        RoiConversion.requireSameGrid(v, "mask", imp);
        Volume other = new Volume(6, 5, 3, PixelType.UINT8).copyGeometryFrom(v);
        UserInputException e = assertThrows(UserInputException.class, () -> RoiConversion.requireSameGrid(other, "mask m", imp));
        assertTrue(e.getMessage().contains("6x5x3 voxels") && e.getMessage().contains("6x5x4 voxels"), e.getMessage());
    }
}
