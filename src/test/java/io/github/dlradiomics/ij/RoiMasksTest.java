package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.util.UserInputException;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ROIs and label images to label masks (ImageJ's data classes only: runs headless too). */
class RoiMasksTest {
    private static ImagePlus stack(int nx, int ny, int nz) {
        ImageStack s = new ImageStack(nx, ny);
        for (int z = 0; z < nz; z++) {
            s.addSlice(new ByteProcessor(nx, ny));
        }
        return new ImagePlus("img", s);
    }

    private static Map<Integer, String> labels(String... names) {
        int[] of = new int[names.length];
        LinkedHashMap<Integer, String> m = RoiMasks.assignLabels(names, of);
        Map<Integer, String> byRoi = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            byRoi.put(i, of[i] + "=" + m.get(of[i]));
        }
        return byRoi;
    }

    @Test
    void labelRule() {
        assertEquals(Map.of(0, "1=1", 1, "1=1"), labels("0012-0234-0156", "0234-0156"), "automatic names: one label");
        assertEquals(Map.of(0, "1=1", 1, "2=2", 2, "1=1"), labels("1-0012", "2-0013", "1-0013"));
        assertEquals(Map.of(0, "1=L1", 1, "2=T12", 2, "1=L1", 3, "3=tumour"),
                labels("L1-0012", "T12-0003", "L1-0013", "tumour"));
        UserInputException e = assertThrows(UserInputException.class, () -> labels("0012-0234-0156", "2-0010"));
        assertTrue(e.getMessage().contains("mixes ImageJ's automatic names"), e.getMessage());
    }

    @Test
    void roisOnTheirSlicesClippedAndChecked() {
        ImagePlus imp = stack(20, 10, 4);
        imp.setSlice(3);
        Volume image = ImagePlusConverter.toVolume(imp);
        Roi a = new Roi(-2, -2, 4, 4); // clipped to 2x2
        a.setPosition(2);
        Roi b = new Roi(10, 5, 3, 2); // no position: the current slice (3)
        RoiMasks.Mask m = RoiMasks.fromRois(new Roi[] {a, b}, new String[] {"1-0002", "2-0003"}, imp, image);
        Volume v = m.volume();
        assertEquals(List.of(1, 2), new ArrayList<>(m.labels().keySet()));
        assertEquals(1, v.get(0, 0, 1));
        assertEquals(1, v.get(1, 1, 1));
        assertEquals(0, v.get(2, 2, 1));
        assertEquals(2, v.get(12, 6, 2));
        assertEquals(0, v.get(12, 6, 1));
        double sum = 0;
        for (double d : v.data()) {
            sum += d;
        }
        assertEquals(4 * 1 + 6 * 2, sum);
        assertTrue(m.warnings().isEmpty());

        Roi outside = new Roi(30, 30, 5, 5);
        UserInputException e = assertThrows(UserInputException.class,
                () -> RoiMasks.fromRois(new Roi[] {outside}, new String[] {"1-0001"}, imp, image));
        assertTrue(e.getMessage().contains("ROI '1-0001' lies outside image 'img'"), e.getMessage());

        Roi deep = new Roi(1, 1, 3, 3);
        deep.setPosition(9);
        e = assertThrows(UserInputException.class,
                () -> RoiMasks.fromRois(new Roi[] {deep}, new String[] {"1-0009"}, imp, image));
        assertTrue(e.getMessage().contains("is on slice 9 but image 'img' has 4 slices"), e.getMessage());

        e = assertThrows(UserInputException.class,
                () -> RoiMasks.fromRois(new Roi[] {new Line(1, 1, 5, 5)}, new String[] {"l"}, imp, image));
        assertTrue(e.getMessage().contains("not an area"), e.getMessage());

        Roi o1 = new OvalRoi(2, 2, 6, 6);
        Roi o2 = new Roi(4, 4, 6, 6);
        m = RoiMasks.fromRois(new Roi[] {o1, o2}, new String[] {"1-0003", "2-0003"}, imp, image);
        assertEquals(1, m.warnings().size());
        assertTrue(m.warnings().get(0).startsWith("ROIs of label 1 and label 2 overlap"), m.warnings().get(0));
    }

    /** The breast1 mask traced slice by slice into ROIs (as a user would draw them) comes back voxel for voxel. */
    @Test
    void tracedRoisReproduceTheMask() throws Exception {
        Volume mask = Volumes.read(TestData.shared("reference/pyradiomics/data/breast1_label.nrrd"));
        Volume image = Volumes.read(TestData.shared("reference/pyradiomics/data/breast1_image.nrrd"));
        ImagePlus imp = ImagePlusConverter.toImagePlus(image, "breast1_image.nrrd");
        List<Roi> rois = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Roi> e : traced(mask, 1).entrySet()) {
            rois.add(e.getValue());
            names.add(e.getKey());
        }
        assertTrue(rois.size() > 1);
        RoiMasks.Mask m = RoiMasks.fromRois(rois.toArray(new Roi[0]), names.toArray(new String[0]), imp, image);
        assertArrayEquals(mask.data(), m.volume().data(), 0);
        assertTrue(m.volume().sameGeometry(image, 0));
    }

    /** The voxels of {@code label}, one ROI per slice named {@code <label>-<slice>}, positioned on its slice. */
    static Map<String, Roi> traced(Volume mask, int label) {
        Map<String, Roi> out = new LinkedHashMap<>();
        int nx = mask.nx();
        int ny = mask.ny();
        for (int z = 0; z < mask.nz(); z++) {
            ByteProcessor bp = new ByteProcessor(nx, ny);
            boolean any = false;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    if (mask.get(x, y, z) == label) {
                        bp.set(x, y, 255);
                        any = true;
                    }
                }
            }
            if (any) {
                bp.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
                Roi r = new ThresholdToSelection().convert(bp);
                r.setPosition(z + 1);
                out.put(String.format("%d-%04d", label, z + 1), r);
            }
        }
        return out;
    }

    @Test
    void maskImageChecks() {
        ImagePlus imp = stack(8, 6, 2);
        Volume image = ImagePlusConverter.toVolume(imp);
        image.setSpacing(0.5, 0.5, 3).setOrigin(10, 20, 30);
        UserInputException e = assertThrows(UserInputException.class,
                () -> RoiMasks.fromMaskImage(stack(4, 6, 2), imp, image));
        assertTrue(e.getMessage().contains("is 4x6x2 but image 'img' is 8x6x2"), e.getMessage());

        ImagePlus maskImp = stack(8, 6, 2);
        e = assertThrows(UserInputException.class, () -> RoiMasks.fromMaskImage(maskImp, imp, image));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());

        maskImp.getStack().getProcessor(2).set(3, 3, 7);
        RoiMasks.Mask m = RoiMasks.fromMaskImage(maskImp, imp, image);
        assertEquals(List.of(7), new ArrayList<>(m.labels().keySet()));
        assertTrue(m.volume().sameGeometry(image, 0), "a mask made in ImageJ takes the image's geometry");

        Volume frac = new Volume(8, 6, 2, PixelType.FLOAT32);
        frac.set(1, 1, 0, 0.5);
        e = assertThrows(UserInputException.class,
                () -> RoiMasks.fromMaskImage(ImagePlusConverter.toImagePlus(frac, "frac"), imp, image));
        assertTrue(e.getMessage().contains("holds the value 0.5"), e.getMessage());
    }
}
