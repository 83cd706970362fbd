package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.roi.Contour;
import io.github.dlradiomics.roi.LabelSlices;
import io.github.dlradiomics.roi.SliceAxis;
import io.github.dlradiomics.roi.SliceMask;
import io.github.dlradiomics.util.UserInputException;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.io.RoiDecoder;
import ij.macro.Interpreter;
import ij.measure.Calibration;
import ij.plugin.frame.RoiManager;
import ij.process.FloatPolygon;
import ij.process.FloatProcessor;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The adapter between ImageJ ROIs and the ROI core ({@link LabelSlices}): outlines become
 * {@link PolygonRoi}s (a {@link ShapeRoi} when a label has several contours or holes on a slice), ROIs
 * become label volumes, and the ROI Manager is found without ever being reset.
 *
 * <p>Conventions shared by the ROI commands: a ROI belongs to label {@code L} when its name is
 * {@code L} or starts with {@code L-} (e.g. {@code 28-0059}); its slice is its stack position
 * ({@code roi.setPosition}, 1-based), else the number after the dash. Slices along X or Y refer to the
 * resliced stack that {@link #resliced} shows (see {@link SliceAxis}).
 *
 * <pre>Volume labels = RoiConversion.toVolume(RoiConversion.grid(imp), SliceAxis.Z, RoiConversion.manager(false).getRoisAsArray());</pre>
 */
public final class RoiConversion {
    private static final Pattern LABEL_NAME = Pattern.compile("(-?\\d+)(?:-(\\d+))?(?:-.*)?");
    // ImageJ's default names of ROIs on a stack: slice-y-x (4 to 6 digits each).
    private static final Pattern IMAGEJ_NAME = Pattern.compile("\\d{4,6}-\\d{4,6}-\\d{4,6}(-\\d+)?");

    private RoiConversion() {
    }

    /**
     * The user's ROI Manager: the open window, else (in a batch-mode macro) the macro's hidden one;
     * with {@code create}, a new window when none exists (never in a batch-mode macro, never headless).
     * Never reset. Null when there is none and {@code create} is false.
     */
    public static RoiManager manager(boolean create) {
        RoiManager rm = RoiManager.getInstance();
        if (rm == null && Interpreter.isBatchMode()) {
            rm = Interpreter.getBatchModeRoiManager();
        }
        if (rm == null && create) {
            if (GraphicsEnvironment.isHeadless()) {
                throw new UserInputException("the ROI Manager needs a display (run under xvfb-run, or use ./dlrad)");
            }
            rm = new RoiManager();
        }
        return rm;
    }

    /** The ROI name of a label on a slice: {@code <label>-<slice>}, slice 1-based and zero-padded to 4 digits. */
    public static String name(int label, int slice1) {
        return String.format(Locale.ROOT, "%d-%04d", label, slice1);
    }

    /** One ImageJ ROI for the contours of one label on one slice (outer contours and holes). */
    public static Roi toRoi(List<Contour> contours) {
        if (contours.isEmpty()) {
            throw new IllegalArgumentException("no contours");
        }
        Roi first = polygon(contours.get(0));
        if (contours.size() == 1) {
            return first;
        }
        // The even-odd union of all contours: what LabelSlices.rasterise fills.
        ShapeRoi s = new ShapeRoi(first);
        for (int i = 1; i < contours.size(); i++) {
            s = s.xor(new ShapeRoi(polygon(contours.get(i))));
        }
        return s;
    }

    private static PolygonRoi polygon(Contour c) {
        int n = c.size();
        int[] xs = new int[n];
        int[] ys = new int[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (int) c.x()[i];
            ys[i] = (int) c.y()[i];
        }
        // Pixel-edge outlines with corners at integer coordinates are what the wand traces.
        return new PolygonRoi(xs, ys, n, Roi.TRACED_ROI);
    }

    /** The polygons of an area ROI (one per sub-path of a composite ROI); line and point ROIs are refused. */
    public static List<Contour> contours(Roi roi) {
        if (!roi.isArea()) {
            throw new UserInputException("ROI '" + roi.getName() + "' is a " + roi.getTypeAsString()
                    + " selection, not an area");
        }
        Roi[] parts = roi instanceof ShapeRoi s ? s.getRois() : new Roi[] {roi};
        List<Contour> out = new ArrayList<>();
        for (Roi part : parts) {
            FloatPolygon p = part.getFloatPolygon();
            if (p.npoints < 3) {
                continue;
            }
            double[] xs = new double[p.npoints];
            double[] ys = new double[p.npoints];
            for (int i = 0; i < p.npoints; i++) {
                xs[i] = p.xpoints[i];
                ys[i] = p.ypoints[i];
            }
            out.add(new Contour(xs, ys));
        }
        return out;
    }

    /** The label of a ROI from its name ({@code L} or {@code L-...}); a clear message otherwise. */
    public static int label(String name) {
        String n = name == null ? "" : name.trim();
        if (IMAGEJ_NAME.matcher(n).matches()) {
            throw new UserInputException("ROI '" + n + "' has ImageJ's default name; rename it <label>-<slice>"
                    + " (e.g. 1-0012) so that its label is known");
        }
        Matcher m = LABEL_NAME.matcher(n);
        if (!m.matches()) {
            throw new UserInputException("ROI '" + n + "' is not named <label>-<slice> (e.g. 1-0012)");
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw new UserInputException("ROI '" + n + "': label " + m.group(1) + " is too large");
        }
    }

    /** The 1-based slice of a ROI: its stack position, else the number after the label in its name; 0 when neither. */
    public static int slice(Roi roi) {
        int p = roi.hasHyperStackPosition() ? roi.getZPosition() : roi.getPosition();
        if (p > 0) {
            return p;
        }
        Matcher m = LABEL_NAME.matcher(roi.getName() == null ? "" : roi.getName().trim());
        if (m.matches() && m.group(2) != null) {
            return Integer.parseInt(m.group(2));
        }
        return 0;
    }

    /**
     * A label volume on {@code grid} from ROIs (labels and slices as the class comment says): each ROI is
     * rasterised with {@link LabelSlices#rasterise} (pixel centres inside) and painted in ascending label
     * order, so several ROIs of one label on one slice add up and a higher label wins an overlap.
     */
    public static Volume toVolume(Volume grid, SliceAxis axis, Roi[] rois) {
        if (rois.length == 0) {
            throw new UserInputException("the ROI Manager holds no ROIs");
        }
        int w = axis.width(grid);
        int h = axis.height(grid);
        int n = axis.count(grid);
        List<Roi> sorted = new ArrayList<>(Arrays.asList(rois));
        sorted.sort(Comparator.comparingInt(r -> label(r.getName())));
        int max = 0;
        int min = 0;
        for (Roi r : sorted) {
            int l = label(r.getName());
            if (l == 0) {
                throw new UserInputException("ROI '" + r.getName() + "': label 0 is the background");
            }
            max = Math.max(max, l);
            min = Math.min(min, l);
        }
        Volume out = grid.blankLike(PixelType.fitting(min, max, true));
        for (Roi r : sorted) {
            int s = slice(r);
            if (s == 0 && n == 1) {
                s = 1;
            }
            if (s < 1 || s > n) {
                throw new UserInputException("ROI '" + r.getName() + "': " + (s == 0 ? "no slice position"
                        : "slice " + s + " is outside the image (1.." + n + " along " + axis.name() + ")"));
            }
            SliceMask m = LabelSlices.rasterise(contours(r), w, h);
            LabelSlices.paint(out, axis, s - 1, label(r.getName()), m);
        }
        return out;
    }

    /**
     * Adds the outlines of the given slices as ROIs named {@code <label>-<slice>} with their stack
     * positions set; returns how many were added.
     */
    public static int addRois(RoiManager rm, Map<Integer, ? extends Map<Integer, List<Contour>>> outlines) {
        int added = 0;
        for (Map.Entry<Integer, ? extends Map<Integer, List<Contour>>> e : outlines.entrySet()) {
            for (Map.Entry<Integer, List<Contour>> s : e.getValue().entrySet()) {
                if (s.getValue().isEmpty()) {
                    continue;
                }
                Roi roi = toRoi(s.getValue());
                String name = name(e.getKey(), s.getKey() + 1);
                roi.setName(name);
                roi.setPosition(s.getKey() + 1);
                rm.addRoi(roi);
                int index = rm.getCount() - 1;
                // addRoi may replace names that look like ImageJ's own (labels of 4 digits) and takes the
                // position from the current image when that is another stack: set both again.
                rm.rename(index, name);
                rm.getRoi(index).setPosition(s.getKey() + 1);
                added++;
            }
        }
        return added;
    }

    /** The outlines of selected slices of labels: label -&gt; 0-based slices. */
    public static SortedMap<Integer, SortedMap<Integer, List<Contour>>> outlines(Volume labels, SliceAxis axis,
            Map<Integer, int[]> slices) {
        SortedMap<Integer, SortedMap<Integer, List<Contour>>> out = new TreeMap<>();
        for (Map.Entry<Integer, int[]> e : slices.entrySet()) {
            SortedMap<Integer, List<Contour>> per = new TreeMap<>();
            for (int s : e.getValue()) {
                per.put(s, LabelSlices.outlines(LabelSlices.mask(labels, axis, s, e.getKey())));
            }
            out.put(e.getKey(), per);
        }
        return out;
    }

    /**
     * The image's grid (dimensions, spacing, origin, direction) as an empty label volume of uint8,
     * without copying its pixels.
     */
    public static Volume grid(ImagePlus imp) {
        Volume g = geometry(imp);
        return new Volume(imp.getWidth(), imp.getHeight(), imp.getStackSize(), PixelType.UINT8).copyGeometryFrom(g);
    }

    /** The geometry of an image as a 1x1x1 volume (spacing, origin, direction), reading no pixels. */
    static Volume geometry(ImagePlus imp) {
        if (imp.getNChannels() > 1 || imp.getNFrames() > 1) {
            throw new UserInputException("image '" + imp.getTitle() + "' is a hyperstack with " + imp.getNChannels()
                    + " channels and " + imp.getNFrames() + " frames; choose one channel and frame first");
        }
        ImagePlus one = new ImagePlus(imp.getTitle(), new FloatProcessor(1, 1));
        Calibration c = imp.getCalibration().copy();
        c.disableDensityCalibration();
        one.setCalibration(c);
        for (String p : new String[] {ImagePlusConverter.PROP_ORIGIN, ImagePlusConverter.PROP_DIRECTION}) {
            if (imp.getProp(p) != null) {
                one.setProp(p, imp.getProp(p));
            }
        }
        return ImagePlusConverter.toVolume(one);
    }

    /** "nx x ny x nz voxels, spacing ..., origin ..., direction ..." of an image, reading no pixels. */
    public static String describeGrid(ImagePlus imp) {
        String g = geometry(imp).describeGeometry();
        return imp.getWidth() + "x" + imp.getHeight() + "x" + imp.getStackSize() + g.substring(g.indexOf(" voxels"));
    }

    /** Refuses a volume that is not on the image's grid, naming both geometries. */
    public static void requireSameGrid(Volume v, String what, ImagePlus imp) {
        Volume g = geometry(imp);
        boolean same = v.nx() == imp.getWidth() && v.ny() == imp.getHeight() && v.nz() == imp.getStackSize();
        double tol = 1e-4 * Math.max(1, Math.max(Math.abs(v.origin()[0]), Math.max(Math.abs(v.origin()[1]),
                Math.abs(v.origin()[2]))));
        for (int i = 0; i < 3 && same; i++) {
            same = Math.abs(v.spacing()[i] - g.spacing()[i]) <= 1e-4 * v.spacing()[i]
                    && Math.abs(v.origin()[i] - g.origin()[i]) <= tol;
        }
        for (int i = 0; i < 9 && same; i++) {
            same = Math.abs(v.direction()[i] - g.direction()[i]) <= 1e-4;
        }
        if (!same) {
            throw new UserInputException(what + " is not on the grid of image '" + imp.getTitle() + "': "
                    + v.describeGeometry() + " vs " + describeGrid(imp));
        }
    }

    /**
     * The stack of slices along {@code axis} (slice pixel (u, v) as {@link SliceAxis} lays it out), with
     * the in-slice pixel size and slice spacing as calibration; the stack itself for Z.
     */
    public static ImagePlus resliced(Volume v, SliceAxis axis, String title) {
        if (axis == SliceAxis.Z) {
            return ImagePlusConverter.toImagePlus(v, title);
        }
        int w = axis.width(v);
        int h = axis.height(v);
        int n = axis.count(v);
        Volume r = new Volume(w, h, n, v.pixelType());
        for (int s = 0; s < n; s++) {
            int[] off = axis.offsets(v, s);
            System.arraycopy(gather(v.data(), off), 0, r.data(), s * w * h, w * h);
        }
        double[] px = axis.pixelSpacing(v);
        r.setSpacing(px[0], px[1], axis.sliceSpacing(v));
        ImagePlus imp = ImagePlusConverter.toImagePlus(r, title);
        // Origin and direction would describe the resliced grid wrongly for the source's physical space.
        imp.setProp(ImagePlusConverter.PROP_ORIGIN, null);
        imp.setProp(ImagePlusConverter.PROP_DIRECTION, null);
        return imp;
    }

    private static double[] gather(double[] d, int[] off) {
        double[] out = new double[off.length];
        for (int i = 0; i < off.length; i++) {
            out[i] = d[off[i]];
        }
        return out;
    }

    /** An open image by title; a clear message when none has it. */
    public static ImagePlus image(String title) {
        ImagePlus imp = WindowManager.getImage(title);
        if (imp == null) {
            throw new UserInputException("no open image is titled '" + title + "'");
        }
        return imp;
    }

    /** Titles of the open images (empty when none). */
    public static String[] imageTitles() {
        String[] t = WindowManager.getImageTitles();
        return t == null ? new String[0] : t;
    }

    /** "auto" (the sagittal axis of the geometry), "X", "Y" or "Z". */
    public static SliceAxis axis(String choice, Volume geometry) {
        if (choice == null || choice.trim().toLowerCase(Locale.ROOT).startsWith("auto")) {
            return SliceAxis.sagittal(geometry);
        }
        return SliceAxis.parse(choice);
    }

    /** The ROIs of an ImageJ ROI set ({@code .zip} as the ROI Manager saves it, or one {@code .roi}), named by their entries. */
    public static Roi[] readRoiSet(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": file not found");
        }
        List<Roi> out = new ArrayList<>();
        String n = file.getFileName().toString();
        if (n.toLowerCase(Locale.ROOT).endsWith(".roi")) {
            Roi r = new RoiDecoder(Files.readAllBytes(file), n).getRoi();
            if (r != null) {
                out.add(withName(r, n.substring(0, n.length() - 4)));
            }
        } else {
            try (InputStream in = Files.newInputStream(file); ZipInputStream zin = new ZipInputStream(in)) {
                for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                    String name = e.getName();
                    if (name.toLowerCase(Locale.ROOT).endsWith(".roi")) {
                        Roi r = new RoiDecoder(zin.readAllBytes(), name).getRoi();
                        if (r != null) {
                            out.add(withName(r, name.substring(name.lastIndexOf('/') + 1, name.length() - 4)));
                        }
                    }
                }
            } catch (java.util.zip.ZipException e) {
                throw new UserInputException(file + ": not a ROI set (.zip of .roi files): " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new UserInputException(file + ": holds no ROIs");
        }
        return out.toArray(new Roi[0]);
    }

    private static Roi withName(Roi r, String entryName) {
        if (r.getName() == null || r.getName().isBlank()) {
            r.setName(entryName);
        }
        return r;
    }
}
