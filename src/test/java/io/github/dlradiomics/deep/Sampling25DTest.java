package io.github.dlradiomics.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.deep.Sampling25D.MaskMode;
import io.github.dlradiomics.deep.Sampling25D.Mode;
import io.github.dlradiomics.deep.Sampling25D.Settings;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.roi.LargestSlice;
import io.github.dlradiomics.roi.SliceAxis;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class Sampling25DTest {
    private static final int NX = 40;
    private static final int NY = 30;
    private static final int NZ = 20;

    /** 2x + 3y + 5z + 7: bilinear interpolation reproduces it exactly. */
    private static double ramp(double x, double y, double z) {
        return 2 * x + 3 * y + 5 * z + 7;
    }

    private static Volume rampImage() {
        Volume v = new Volume(NX, NY, NZ, PixelType.FLOAT32).setSpacing(0.8, 0.8, 3).setOrigin(-10, 20, 300);
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    v.set(x, y, z, ramp(x, y, z));
                }
            }
        }
        return v;
    }

    /**
     * Label 5: box x 10..20, y 8..17, z 6..11 plus y = 18 on x = 14 (so the largest sagittal slice is 14);
     * label 7: x 0..2, y 2..4, z 2..3 plus z = 4 on x = 0 (largest sagittal slice 0, at the edge).
     */
    private static Volume labels(Volume like) {
        Volume m = like.blankLike(PixelType.UINT8);
        for (int z = 6; z <= 11; z++) {
            for (int y = 8; y <= 17; y++) {
                for (int x = 10; x <= 20; x++) {
                    m.set(x, y, z, 5);
                }
            }
            m.set(14, 18, z, 5);
        }
        for (int x = 0; x <= 2; x++) {
            for (int y = 2; y <= 4; y++) {
                for (int z = 2; z <= 3; z++) {
                    m.set(x, y, z, 7);
                }
            }
        }
        for (int y = 2; y <= 4; y++) {
            m.set(0, y, 4, 7);
        }
        return m;
    }

    private static Settings settings() {
        return new Settings("x", 0, Mode.PER_SLICE, 0, false, MaskMode.NONE, "window:-10000,10000", 32, 24, 1);
    }

    @SuppressWarnings("unchecked")
    private static double[] pair(Sample s, String key, String uv) {
        Object o = ((Map<String, Object>) s.provenance().get(key)).get(uv);
        if (o instanceof int[] i) {
            return new double[] {i[0], i[1]};
        }
        return (double[]) o;
    }

    private static void assertRefused(Executable e, String... parts) {
        UserInputException ex = assertThrows(UserInputException.class, e);
        for (String p : parts) {
            assertTrue(ex.getMessage().contains(p), "'" + ex.getMessage() + "' should name " + p);
        }
        assertFalse(ex.getMessage().contains("\n"), "one line");
    }

    @Test
    void largestSliceAndNeighbours() {
        Volume img = rampImage();
        Volume lab = labels(img);
        assertEquals(14, LargestSlice.find(lab, SliceAxis.X, 5).slice());
        List<Sample> out = Sampling25D.sample("c1", img, lab, 5, settings().withNeighbours(2));
        assertEquals(5, out.size());
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(new int[] {12 + i}, out.get(i).slices());
            assertEquals(12 + i, out.get(i).provenance().get("slice"));
            assertEquals(i - 2, out.get(i).provenance().get("offset"));
            assertEquals(14, out.get(i).provenance().get("largest_slice"));
            assertEquals(false, out.get(i).provenance().get("clamped"));
            assertEquals("x", out.get(i).axis());
            assertEquals(5, out.get(i).label());
        }
        // "sagittal" resolves to X for an identity direction: the same slice
        assertEquals(14, Sampling25D.sample("c1", img, lab, 5, settings().withAxis("sagittal")).get(0).slices()[0]);
        // at the volume's edge the neighbours repeat the edge slice
        List<Sample> edge = Sampling25D.sample("c1", img, lab, 7, settings().withNeighbours(2));
        int[] got = edge.stream().mapToInt(s -> s.slices()[0]).toArray();
        assertArrayEquals(new int[] {0, 0, 0, 1, 2}, got);
        assertEquals(true, edge.get(0).provenance().get("clamped"));
        assertArrayEquals(new int[] {0, 0, 0, 1, 2}, (int[]) edge.get(0).provenance().get("slices_used"));
    }

    @Test
    void marginIsCeilOfMillimetresOverSpacing() {
        assertEquals(3, Sampling25D.marginPixels(2.4, 0.8), "2.4 / 0.8 is 2.9999999999999996 in doubles");
        assertEquals(4, Sampling25D.marginPixels(2.5, 0.8));
        assertEquals(0, Sampling25D.marginPixels(0, 0.8));
        assertEquals(1, Sampling25D.marginPixels(2.5, 3));
        Volume img = rampImage();
        Sample s = Sampling25D.sample("c1", img, labels(img), 5, settings().withMarginMm(2)).get(0);
        // ROI on slice 14: u (= y) 8..18, v (= z) 6..11; margin 2 mm = 3 px along u (0.8 mm), 1 px along v (3 mm)
        assertArrayEquals(new double[] {8, 18}, pair(s, "roi_bbox_px", "u"));
        assertArrayEquals(new double[] {6, 11}, pair(s, "roi_bbox_px", "v"));
        assertArrayEquals(new int[] {3, 1}, (int[]) s.provenance().get("margin_px"));
        assertArrayEquals(new double[] {4.5, 21.5}, pair(s, "crop_px", "u"), 1e-12);
        assertArrayEquals(new double[] {4.5, 12.5}, pair(s, "crop_px", "v"), 1e-12);
        assertArrayEquals(new double[] {17 * 0.8, 8 * 3}, (double[]) s.provenance().get("crop_mm"), 1e-12);
        assertEquals(false, s.provenance().get("padded"));
        // the box covers the ROI of every slice used: with neighbours, slices 13 and 15 end at y = 17
        Sample k1 = Sampling25D.sample("c1", img, labels(img), 5, settings().withNeighbours(1)).get(0);
        assertArrayEquals(new double[] {8, 18}, pair(k1, "roi_bbox_px", "u"));
    }

    @Test
    void squareCropIsSquareInMillimetres() {
        Volume img = rampImage();
        Volume lab = labels(img);
        Settings sq = settings().withMarginMm(2).withSquare(true);
        Sample s = Sampling25D.sample("c1", img, lab, 5, sq.withSize(32, 32)).get(0);
        // 13.6 x 24 mm widened along u by (24 - 13.6) / 0.8 / 2 = 6.5 px each side
        assertArrayEquals(new double[] {24, 24}, (double[]) s.provenance().get("crop_mm"), 1e-9);
        assertArrayEquals(new double[] {-2, 28}, pair(s, "crop_px", "u"), 1e-9);
        assertArrayEquals(new double[] {4.5, 12.5}, pair(s, "crop_px", "v"), 1e-12);
        assertArrayEquals(new double[] {0.75, 0.75}, (double[]) s.provenance().get("sample_pixel_mm"), 1e-12);
        // the crop reaches past u = -0.5: padded with the minimum of the covered pixels (u 0..28, v 5..12 on x = 14)
        assertEquals(true, s.provenance().get("padded"));
        double pad = ramp(14, 0, 5);
        assertEquals(pad, (double) s.provenance().get("pad_value"), 1e-12);
        float padUnit = (float) ((pad + 10000) / 20000);
        // columns sample u = -2 + (x + 0.5) * 30 / 32: -1.53 and -0.59 lie outside [-0.5, 29.5), 0.34 inside
        assertEquals(padUnit, s.at(0, 10, 0), 0);
        assertEquals(padUnit, s.at(0, 10, 1), 0);
        assertEquals((ramp(14, 2 * 0.9375 + 0.46875 - 2, 4.5 + 10.5 * 8 / 32.0) + 10000) / 20000, s.at(0, 10, 2), 1e-6);
        // a wide output widens the crop to the output's aspect: 2:1 in mm
        Sample wide = Sampling25D.sample("c1", img, lab, 5, sq.withSize(64, 32)).get(0);
        assertArrayEquals(new double[] {48, 24}, (double[]) wide.provenance().get("crop_mm"), 1e-9);
        // a tall crop widens v instead
        Sample tall = Sampling25D.sample("c1", img, lab, 5, sq.withSize(8, 32)).get(0);
        assertArrayEquals(new double[] {13.6, 54.4}, (double[]) tall.provenance().get("crop_mm"), 1e-9);
    }

    @Test
    void bilinearReproducesALinearRampExactly() {
        Volume img = rampImage();
        Volume lab = labels(img);
        for (String axis : new String[] {"x", "y", "z"}) {
            Settings st = settings().withAxis(axis).withMarginMm(1).withSize(37, 23);
            Sample s = Sampling25D.sample("c1", img, lab, 5, st).get(0);
            SliceAxis a = SliceAxis.parse(axis);
            double[] u = pair(s, "crop_px", "u");
            double[] v = pair(s, "crop_px", "v");
            int slice = s.slices()[0];
            for (int y = 0; y < s.height(); y++) {
                for (int x = 0; x < s.width(); x++) {
                    double pu = u[0] + (x + 0.5) * (u[1] - u[0]) / s.width();
                    double pv = v[0] + (y + 0.5) * (v[1] - v[0]) / s.height();
                    double[] idx = new double[3];
                    idx[a.axis()] = slice;
                    idx[a.columnAxis()] = pu;
                    idx[a.rowAxis()] = pv;
                    double expected = (ramp(idx[0], idx[1], idx[2]) + 10000) / 20000;
                    assertEquals(expected, s.at(0, y, x), 1e-6, axis + " (" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void windowMinmaxAndZscore() {
        Volume img = rampImage();
        Volume lab = labels(img);
        Settings base = settings().withSize(16, 12);
        Sample raw = Sampling25D.sample("c1", img, lab, 5, base).get(0);
        double[] u = pair(raw, "crop_px", "u");
        double[] v = pair(raw, "crop_px", "v");
        double[] values = new double[raw.data().length];
        for (int i = 0; i < values.length; i++) { // the resampled raw intensities (exact for a ramp)
            double pu = u[0] + (i % 16 + 0.5) * (u[1] - u[0]) / 16;
            double pv = v[0] + (i / 16 + 0.5) * (v[1] - v[0]) / 12;
            values[i] = ramp(14, pu, pv);
        }
        double min = java.util.Arrays.stream(values).min().orElseThrow();
        double max = java.util.Arrays.stream(values).max().orElseThrow();
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double var = java.util.Arrays.stream(values).map(a -> (a - mean) * (a - mean)).sum() / values.length;

        Sample mm = Sampling25D.sample("c1", img, lab, 5, base.withIntensity("minmax")).get(0);
        Sample zs = Sampling25D.sample("c1", img, lab, 5, base.withIntensity("zscore")).get(0);
        Sample auto = Sampling25D.sample("c1", img, lab, 5, base.withIntensity("auto")).get(0);
        double lo = 100;
        double hi = 130;
        Sample win = Sampling25D.sample("c1", img, lab, 5, base.withIntensity("window:" + lo + "," + hi)).get(0);
        assertEquals(min, (double) mm.provenance().get("min"), 1e-9);
        assertEquals(max, (double) mm.provenance().get("max"), 1e-9);
        assertEquals(mean, (double) zs.provenance().get("mean"), 1e-9);
        assertEquals(Math.sqrt(var), (double) zs.provenance().get("sd"), 1e-9);
        assertEquals("minmax", auto.provenance().get("intensity_applied"), "FLOAT32 image: auto is minmax");
        boolean clippedLow = false;
        boolean clippedHigh = false;
        for (int i = 0; i < values.length; i++) {
            assertEquals((values[i] - min) / (max - min), mm.data()[i], 1e-5);
            assertEquals(mm.data()[i], auto.data()[i], 0);
            assertEquals((values[i] - mean) / Math.sqrt(var), zs.data()[i], 1e-5);
            double w = (Math.min(hi, Math.max(lo, values[i])) - lo) / (hi - lo);
            assertEquals(w, win.data()[i], 1e-5);
            clippedLow |= values[i] < lo;
            clippedHigh |= values[i] > hi;
        }
        assertTrue(clippedLow && clippedHigh, "the window clips both ends of this crop");
        // 8-bit image: auto is window 0..255
        Volume bytes = img.copy().setPixelType(PixelType.UINT8);
        Sample b = Sampling25D.sample("c1", bytes, lab, 5, base.withIntensity("auto")).get(0);
        assertEquals("window:0,255", b.provenance().get("intensity_applied"));
        assertEquals(Math.min(1, values[0] / 255), b.data()[0], 1e-6);
    }

    @Test
    void maskZeroSetsBackgroundToZeroAndUsesRoiStatistics() {
        Volume img = rampImage();
        Volume lab = labels(img);
        Settings st = settings().withMarginMm(4).withSize(20, 10).withIntensity("minmax").withMaskMode(MaskMode.ZERO);
        Sample s = Sampling25D.sample("c1", img, lab, 5, st).get(0);
        double[] u = pair(s, "crop_px", "u");
        double[] v = pair(s, "crop_px", "v");
        double roiMin = Double.POSITIVE_INFINITY;
        double roiMax = Double.NEGATIVE_INFINITY;
        int inside = 0;
        int outside = 0;
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                double pu = u[0] + (x + 0.5) * (u[1] - u[0]) / s.width();
                double pv = v[0] + (y + 0.5) * (v[1] - v[0]) / s.height();
                int nu = (int) Math.floor(pu + 0.5);
                int nv = (int) Math.floor(pv + 0.5);
                boolean roi = lab.get(14, nu, nv) == 5;
                if (roi) {
                    inside++;
                    roiMin = Math.min(roiMin, ramp(14, pu, pv));
                    roiMax = Math.max(roiMax, ramp(14, pu, pv));
                } else {
                    outside++;
                    assertEquals(0f, s.at(0, y, x), 0);
                }
            }
        }
        assertTrue(inside > 20 && outside > 20, inside + " / " + outside);
        assertEquals(roiMin, (double) s.provenance().get("min"), 1e-9);
        assertEquals(roiMax, (double) s.provenance().get("max"), 1e-9);
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                double pu = u[0] + (x + 0.5) * (u[1] - u[0]) / s.width();
                double pv = v[0] + (y + 0.5) * (v[1] - v[0]) / s.height();
                if (lab.get(14, (int) Math.floor(pu + 0.5), (int) Math.floor(pv + 0.5)) == 5) {
                    assertEquals((ramp(14, pu, pv) - roiMin) / (roiMax - roiMin), s.at(0, y, x), 1e-5);
                }
            }
        }
        // a neighbour slice past the ROI's end takes the largest slice's statistics
        Volume thin = lab.blankLike(PixelType.UINT8);
        for (int y = 10; y < 15; y++) {
            for (int z = 5; z < 9; z++) {
                thin.set(30, y, z, 3);
            }
        }
        List<Sample> three = Sampling25D.sample("c1", img, thin, 3, st.withNeighbours(1));
        assertEquals(three.get(1).provenance().get("min"), three.get(0).provenance().get("min"));
        assertTrue(((String) three.get(0).provenance().get("statistics_from")).contains("largest slice"));
        for (float f : three.get(0).data()) {
            assertEquals(0f, f, 0, "no ROI on slice 29: all background");
        }
    }

    @Test
    void channelsModeStacksTheNeighbours() {
        Volume img = rampImage();
        Volume lab = labels(img);
        Settings per = settings().withNeighbours(1).withMarginMm(3).withSquare(true).withSize(24, 24).withChannels(3);
        Sample ch = Sampling25D.sample("c1", img, lab, 5, per.withMode(Mode.CHANNELS)).get(0);
        List<Sample> slices = Sampling25D.sample("c1", img, lab, 5, per);
        assertArrayEquals(new int[] {13, 14, 15}, ch.slices());
        assertEquals(3, ch.channels());
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(slices.get(c).channel(0), ch.channel(c), "channel " + c + " is slice " + (13 + c));
            // PER_SLICE replicates grey into the model's 3 channels
            assertArrayEquals(slices.get(c).channel(0), slices.get(c).channel(2));
        }
        assertEquals(2.0 / 20000, ch.at(1, 5, 5) - ch.at(0, 5, 5), 1e-6, "slices differ by one x step of the ramp");
        // minmax in CHANNELS mode is one mapping over the three channels together
        Sample mm = Sampling25D.sample("c1", img, lab, 5, per.withMode(Mode.CHANNELS).withIntensity("minmax")).get(0);
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (float f : mm.data()) {
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        assertEquals(0, lo, 1e-6);
        assertEquals(1, hi, 1e-6);
        assertTrue(mm.at(0, 5, 5) < mm.at(2, 5, 5));
    }

    @Test
    void errorsNameTheCaseLabelOrParameter() {
        Volume img = rampImage();
        Volume lab = labels(img);
        Settings st = settings();
        assertRefused(() -> Sampling25D.sample("c9", img, lab, 99, st), "case 'c9'", "label 99", "not in the mask");
        assertRefused(() -> Sampling25D.sample("c9", img, lab, 0, st), "case 'c9'", "label 0");
        Volume shifted = lab.copy().setSpacing(0.8, 0.8, 2.5);
        assertRefused(() -> Sampling25D.sample("c9", img, shifted, 5, st), "case 'c9'", "grids differ");
        Volume flat = new Volume(NX, NY, 1, PixelType.INT16);
        Volume flatLab = flat.blankLike(PixelType.UINT8);
        flatLab.set(5, 5, 0, 1);
        flat.set(5, 5, 0, 100);
        assertRefused(() -> Sampling25D.sample("c9", flat, flatLab, 1, st.withAxis("axial").withNeighbours(1)), "case 'c9'",
                "neighbours requested on a 2D image");
        assertEquals(1, Sampling25D.sample("c9", flat, flatLab, 1, st.withAxis("axial")).size());
        assertRefused(() -> Sampling25D.sample("c9", img, lab, 5, st.withMode(Mode.CHANNELS).withNeighbours(2)
                .withChannels(3)), "case 'c9'", "CHANNELS", "neighbours = 2");
        assertRefused(() -> Sampling25D.sample("c9", img, lab, 5, st.withMode(Mode.CHANNELS).withNeighbours(1)), "case 'c9'",
                "channels = 1");
        // one voxel, a wide margin and a 4x4 output: the nearest-neighbour mask misses the ROI
        Volume dot = lab.blankLike(PixelType.UINT8);
        dot.set(20, 15, 10, 2);
        Settings tiny = st.withMarginMm(40).withSize(4, 4).withMaskMode(MaskMode.ZERO).withIntensity("minmax");
        assertRefused(() -> Sampling25D.sample("c9", img, dot, 2, tiny), "case 'c9'", "label 2", "no pixel", "4x4");
        // without masking the same ROI samples fine
        assertEquals(1, Sampling25D.sample("c9", img, dot, 2, tiny.withMaskMode(MaskMode.NONE)).size());
        Volume constant = img.blankLike(PixelType.INT16);
        assertRefused(() -> Sampling25D.sample("c9", constant, lab, 5, st.withIntensity("zscore")), "case 'c9'", "label 5",
                "sd = 0");
        assertRefused(() -> Sampling25D.sample("c9", constant, lab, 5, st.withIntensity("minmax")), "case 'c9'", "constant");
        assertRefused(() -> st.withAxis("oblique"), "axis 'oblique'");
        assertRefused(() -> st.withNeighbours(-1), "neighbours");
        assertRefused(() -> st.withIntensity("window:5,1"), "window:5,1");
        assertRefused(() -> st.withIntensity("gamma"), "intensity 'gamma'");
        assertRefused(() -> st.withSize(0, 10), "output size");
        assertRefused(() -> st.withMarginMm(Double.NaN), "margin");
        assertRefused(() -> Mode.parse("stack"), "mode 'stack'");
        assertEquals(Mode.PER_SLICE, Mode.parse("per-slice"));
        assertEquals(MaskMode.ZERO, MaskMode.parse("Zero"));
    }

    @Test
    void whole2DImageResizedAndPadded() {
        Volume g = new Volume(8, 4, 1, PixelType.UINT8).setSpacing(1, 1, 1);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                g.set(x, y, 0, 10 + 20 * x + 5 * y);
            }
        }
        Settings st = Settings.defaults().withSize(16, 16).withChannels(3);
        Sample s = Sampling25D.whole2D("p1", g, st);
        assertEquals("2d", s.axis());
        assertEquals(3, s.channels());
        // 8 x 4 mm made square: v from -2.5 to 5.5; output rows 0..3 and 12..15 lie outside the picture
        assertArrayEquals(new double[] {-2.5, 5.5}, pair(s, "crop_px", "v"), 1e-12);
        for (int x = 0; x < 16; x++) {
            assertEquals(10 / 255f, s.at(0, 0, x), 1e-7, "pad = picture minimum");
            assertEquals(10 / 255f, s.at(2, 15, x), 1e-7);
        }
        // rows 4..11 sample v = -0.25 .. 3.25; columns u = -0.25 .. 7.25 (edge-clamped to 0 and 7 beyond the centres)
        for (int y = 4; y < 12; y++) {
            for (int x = 0; x < 16; x++) {
                double pu = Math.max(0, Math.min(7, -0.5 + (x + 0.5) / 2));
                double pv = Math.max(0, Math.min(3, -2.5 + (y + 0.5) / 2));
                assertEquals((10 + 20 * pu + 5 * pv) / 255, s.at(1, y, x), 1e-6);
            }
        }
        // non-square pixels: 8 x 4 pixels of 1 x 2 mm are 8 x 8 mm, already square: no padding
        Sample sq = Sampling25D.whole2D("p1", g.copy().setSpacing(1, 2, 1), st);
        assertEquals(false, sq.provenance().get("padded"));
        assertArrayEquals(new double[] {8, 8}, (double[]) sq.provenance().get("crop_mm"), 1e-12);
        assertRefused(() -> Sampling25D.whole2D("p1", new Volume(4, 4, 2, PixelType.UINT8), st), "case 'p1'", "2D");
        assertRefused(() -> Sampling25D.whole2D("p1", g, st.withNeighbours(1)), "case 'p1'", "neighbours requested on a 2D");
        assertRefused(() -> Sampling25D.whole2D("p1", g, st.withMaskMode(MaskMode.ZERO)), "case 'p1'", "mask");
    }

    private static int[] colours() {
        return new int[] {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x102030, 0x405060, 0x708090, 0x000000};
    }

    @Test
    void rgbPicturesAndFiles(@TempDir Path dir) throws Exception {
        int[] argb = colours();
        Settings st = Settings.defaults().withSize(4, 2).withSquare(false);
        Sample s = Sampling25D.rgb("p2", argb, 4, 2, st);
        assertEquals(3, s.channels());
        for (int i = 0; i < 8; i++) {
            int x = i % 4;
            int y = i / 4;
            assertEquals(((argb[i] >> 16) & 255) / 255f, s.at(0, y, x), 1e-7);
            assertEquals(((argb[i] >> 8) & 255) / 255f, s.at(1, y, x), 1e-7);
            assertEquals((argb[i] & 255) / 255f, s.at(2, y, x), 1e-7);
        }
        Sample grey = Sampling25D.rgb("p2", argb, 4, 2, st.withChannels(1));
        assertEquals(0.299f, grey.at(0, 0, 0), 1e-6);
        assertRefused(() -> Sampling25D.rgb("p2", argb, 4, 2, st.withChannels(2)), "case 'p2'", "3 channels");

        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 4, 2, argb, 0, 4);
        Path png = dir.resolve("p.png");
        ImageIO.write(img, "png", png.toFile());
        Sample fromFile = Sampling25D.readPicture(png, "p2", st);
        assertArrayEquals(s.data(), fromFile.data());
        assertEquals(png.toString(), fromFile.provenance().get("file"));
        Path bmp = dir.resolve("p.bmp");
        ImageIO.write(img, "bmp", bmp.toFile());
        assertArrayEquals(s.data(), Sampling25D.readPicture(bmp, "p2", st).data());
        Path jpg = dir.resolve("p.jpg");
        ImageIO.write(img, "jpeg", jpg.toFile());
        assertEquals(3, Sampling25D.readPicture(jpg, "p2", st.withSize(8, 8)).channels());

        BufferedImage g8 = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 6; i++) {
            g8.getRaster().setSample(i % 3, i / 3, 0, 40 * i);
        }
        Path gpng = dir.resolve("g.png");
        ImageIO.write(g8, "png", gpng.toFile());
        Sample gs = Sampling25D.readPicture(gpng, "p3", st.withSize(3, 2));
        assertEquals(3, gs.channels());
        for (int i = 0; i < 6; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(40 * i / 255f, gs.at(c, i / 3, i % 3), 1e-7, "grey replicated");
            }
        }
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not a picture");
        assertRefused(() -> Sampling25D.readPicture(text, "p4", st), text.toString(), "not a PNG, JPEG or BMP");
        assertRefused(() -> Sampling25D.readPicture(dir.resolve("missing.png"), "p4", st), "missing.png");
    }

    @Test
    void realCtLumbarVertebraeAreDeterministicAndOnTheLargestSlice() throws Exception {
        Volume ct = Volumes.read(TestData.shared("imaging/totalsegmentator_ct/ct.nii.gz"));
        Volume lab = Volumes.read(TestData.shared("imaging/totalsegmentator_ct/vertebrae_labels.nii.gz"));
        Settings ch = Settings.defaults().withNeighbours(1).withMode(Mode.CHANNELS).withMarginMm(10).withSize(64, 64)
                .withIntensity("window:-400,1200");
        Settings per = Settings.defaults().withNeighbours(2).withMarginMm(5).withSize(48, 48).withChannels(1)
                .withMaskMode(MaskMode.ZERO).withIntensity("zscore");
        SliceAxis sagittal = SliceAxis.sagittal(ct);
        for (int label = 27; label <= 31; label++) { // L5 .. L1
            int largest = LargestSlice.find(lab, sagittal, label).slice();
            Sample a = Sampling25D.sample("ts-ct", ct, lab, label, ch).get(0);
            Sample b = Sampling25D.sample("ts-ct", ct, lab, label, ch).get(0);
            assertArrayEquals(new int[] {largest - 1, largest, largest + 1}, a.slices());
            assertArrayEquals(a.data(), b.data());
            assertEquals(Json.write(a.provenance()), Json.write(b.provenance()));
            assertEquals(true, a.provenance().get("square"));
            double[] mm = (double[]) a.provenance().get("crop_mm");
            assertEquals(mm[0], mm[1], 1e-9);
            List<Sample> p1 = Sampling25D.sample("ts-ct", ct, lab, label, per);
            List<Sample> p2 = Sampling25D.sample("ts-ct", ct, lab, label, per);
            assertEquals(5, p1.size());
            assertEquals(largest, p1.get(2).slices()[0]);
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(p1.get(i).data(), p2.get(i).data());
            }
            // the vertebra (bone, high HU) is brighter than the zeroed background on average
            double sum = 0;
            int n = 0;
            for (float f : p1.get(2).data()) {
                if (f != 0) {
                    sum += f;
                    n++;
                }
            }
            assertTrue(n > 100, "ROI pixels of label " + label + ": " + n);
            assertEquals(0, sum / n, 0.05, "zscore over the ROI: mean 0");
        }
    }
}
