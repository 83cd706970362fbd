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
import ij.process.ImageProcessor;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The adapter between ImageJ ROIs and the ROI core ({@link LabelSlices}): outlines become
 * {@link PolygonRoi}s (a {@link ShapeRoi} when a label has several contours or holes on a slice), ROIs
 * become label volumes, and the ROI Manager is found without ever being reset.
 *
 * <p><b>The one ROI rule of every DLRadiomics command</b> (Radiomics Features and the ROI tools;
 * docs/macros.md, "ROIs"): a ROI's label comes from its name's prefix (the part before the first '-'):
 * <ol>
 * <li>every name ImageJ's automatic one ({@code 0012-0234-0156}, {@code 0234-0156}): all ROIs are label 1;</li>
 * <li>else every prefix a whole number ({@code 1-0012}, {@code 28-0059}, {@code 5}): the prefix is the
 * label (1 to 65535; 0 is refused);</li>
 * <li>else ({@code L1-0012}, {@code T12}, {@code tumour}): one label per distinct prefix, numbered 1, 2, ...
 * in order of first appearance, named by the prefix.</li>
 * </ol>
 * Automatic names mixed with others are refused. A ROI's slice is its stack position, else the number
 * after the first dash of its name, else the image's current slice; on a single-slice image, slice 1.
 * Pixels are those of ImageJ's {@link Roi#getMask()}; see {@link #toMask}. Slices along X or Y refer to
 * the resliced stack that {@link #resliced} shows (see {@link SliceAxis}).
 *
 * <pre>Volume labels = RoiConversion.toVolume(RoiConversion.grid(imp), SliceAxis.Z, RoiConversion.manager(false).getRoisAsArray());</pre>
 */
public final class RoiConversion {
    /** The largest label (uint16). */
    public static final int MAX_LABEL = 65535;
    /**
     * ImageJ's automatic ROI names: slice-y-x on a stack, y-x on one image (4 or more digits each, an
     * optional -n for duplicates). A y-x name must start with ImageJ's zero padding (y below 1000), as a
     * DLRadiomics label never does: {@code 1234-0012} is label 1234 on slice 12.
     */
    private static final Pattern AUTOMATIC = Pattern.compile("\\d{4,}-\\d{4,}-\\d{4,}(-\\d+)?|0\\d{3,}-\\d{4,}(-\\d+)?");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** A name with a slice: prefix, dash, digits, optionally more after another dash. */
    private static final Pattern NAME_SLICE = Pattern.compile("[^-]+-(\\d+)(?:-.*)?");

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

    /**
     * The labels of ROIs from their names, the one rule of every DLRadiomics command (see the class
     * comment); fills {@code labelOf} (one label per name) and returns label -&gt; name, ascending labels.
     */
    public static LinkedHashMap<Integer, String> labels(String[] names, int[] labelOf) {
        int automatic = 0;
        boolean numeric = true;
        for (String n : names) {
            if (AUTOMATIC.matcher(n.trim()).matches()) {
                automatic++;
            }
            numeric &= DIGITS.matcher(prefix(n)).matches();
        }
        LinkedHashMap<Integer, String> out = new LinkedHashMap<>();
        if (automatic == names.length) {
            Arrays.fill(labelOf, 1);
            out.put(1, "1");
            return out;
        }
        if (automatic > 0) {
            throw new UserInputException("the set of ROIs mixes ImageJ's automatic names (such as '0012-0234-0156')"
                    + " with other names; rename every ROI <label>-<slice> (e.g. 1-0012), or leave all names automatic"
                    + " (one label)");
        }
        if (numeric) {
            TreeSet<Integer> sorted = new TreeSet<>();
            for (int i = 0; i < names.length; i++) {
                String p = prefix(names[i]);
                long l = p.length() > 6 ? Long.MAX_VALUE : Long.parseLong(p);
                if (l == 0 || l > MAX_LABEL) {
                    throw new UserInputException("ROI '" + names[i].trim() + "': label " + p + (l == 0
                            ? " is the background" : " is too large") + "; labels are 1 to " + MAX_LABEL);
                }
                labelOf[i] = (int) l;
                sorted.add((int) l);
            }
            for (int l : sorted) {
                out.put(l, String.valueOf(l));
            }
            return out;
        }
        LinkedHashMap<String, Integer> byPrefix = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            String p = prefix(names[i]);
            Integer l = byPrefix.get(p);
            if (l == null) {
                l = byPrefix.size() + 1;
                byPrefix.put(p, l);
                out.put(l, p);
            }
            labelOf[i] = l;
        }
        return out;
    }

    /** The part of a name before its first '-' (the whole name when it has none). */
    private static String prefix(String name) {
        String n = name == null ? "" : name.trim();
        int dash = n.indexOf('-');
        return dash < 0 ? n : n.substring(0, dash);
    }

    /**
     * The 1-based slice of a ROI: its stack position, else the slice in its name (the number after the
     * first dash; the first number of ImageJ's automatic {@code slice-y-x}); 0 when neither.
     */
    public static int slice(Roi roi, String name) {
        int p = roi.hasHyperStackPosition() ? roi.getZPosition() : roi.getPosition();
        if (p > 0) {
            return p;
        }
        String n = name == null ? "" : name.trim();
        if (AUTOMATIC.matcher(n).matches()) {
            String[] parts = n.split("-");
            return parts.length >= 3 ? Integer.parseInt(parts[0]) : 0;
        }
        Matcher m = NAME_SLICE.matcher(n);
        if (m.matches() && m.group(1).length() <= 6) {
            return Integer.parseInt(m.group(1));
        }
        return 0;
    }

    /** The ROIs' names (the ROI's own name, else its 1-based index). */
    public static String[] names(Roi[] rois) {
        String[] names = new String[rois.length];
        for (int i = 0; i < rois.length; i++) {
            names[i] = rois[i].getName() != null ? rois[i].getName() : String.valueOf(i + 1);
        }
        return names;
    }

    /** The Manager's names of its ROIs. */
    public static String[] names(RoiManager rm, Roi[] rois) {
        String[] names = names(rois);
        for (int i = 0; i < rois.length && i < rm.getCount(); i++) {
            if (rm.getName(i) != null) {
                names[i] = rm.getName(i);
            }
        }
        return names;
    }

    /**
     * A label volume on {@code grid} from ROIs with the default names, no current slice, and the
     * overlap warnings dropped (see {@link #toMask}).
     */
    public static Volume toVolume(Volume grid, SliceAxis axis, Roi[] rois) {
        return toMask(grid, axis, rois, names(rois), 0, "image").volume();
    }

    /**
     * A label volume on the grid of {@code imp} from ROIs (see {@link #toMask}); a ROI without a slice
     * takes {@code imp}'s current slice along Z; overlap warnings go to the Log, prefixed by {@code command}.
     */
    public static RoiMasks.Mask toMask(ImagePlus imp, SliceAxis axis, Roi[] rois, String[] names, String command) {
        RoiMasks.Mask m = toMask(grid(imp), axis, rois, names, axis == SliceAxis.Z ? currentSlice(imp) : 0,
                imp.getTitle());
        for (String w : m.warnings()) {
            ij.IJ.log(command + ": " + w);
        }
        return m;
    }

    /** The current slice (1-based) of an image: its Z on a hyperstack. */
    public static int currentSlice(ImagePlus imp) {
        return imp.getNSlices() > 1 && imp.isHyperStack() ? imp.getZ() : imp.getCurrentSlice();
    }

    /**
     * ROIs as a label mask on {@code grid}'s grid (the blank mask has its geometry): the single path from
     * ROIs to labels of every DLRadiomics command. Labels follow {@link #labels}; slices {@link #slice},
     * with every ROI on slice 1 of a single-slice image and {@code currentSlice} (1-based; 0: none, an
     * error) for a ROI without one. Each ROI is rasterised with ImageJ's {@link Roi#getMask()} (the pixels
     * Analyze &gt; Measure counts; on pixel-edge outlines from {@link LabelSlices#outlines} this is exactly
     * {@link LabelSlices#rasterise}). ROIs are painted in the given order: where two labels overlap, the
     * later ROI wins and a warning says so. Parts outside the image are clipped; a ROI with no pixel
     * inside, a line or point ROI, or a slice outside the image is an error naming the ROI.
     */
    public static RoiMasks.Mask toMask(Volume grid, SliceAxis axis, Roi[] rois, String[] names, int currentSlice,
            String title) {
        if (rois.length == 0) {
            throw new UserInputException("no ROIs: the ROI Manager holds none");
        }
        int[] labelOf = new int[rois.length];
        LinkedHashMap<Integer, String> labelNames = labels(names, labelOf);
        int max = 0;
        for (int l : labelOf) {
            max = Math.max(max, l);
        }
        Volume out = grid.blankLike(max > 255 ? PixelType.UINT16 : PixelType.UINT8);
        double[] d = out.data();
        int w = axis.width(grid);
        int h = axis.height(grid);
        int n = axis.count(grid);
        Map<String, Integer> overlaps = new LinkedHashMap<>();
        for (int i = 0; i < rois.length; i++) {
            Roi roi = rois[i];
            String what = "ROI '" + names[i].trim() + "'";
            if (!roi.isArea()) {
                throw new UserInputException(what + " is a " + roi.getTypeAsString().toLowerCase(Locale.ROOT)
                        + " selection, not an area");
            }
            int s = slice(roi, names[i]);
            if (n == 1 && !(roi.hasHyperStackPosition() ? roi.getZPosition() > 1 : roi.getPosition() > 1)) {
                s = 1;
            }
            if (s == 0) {
                s = currentSlice;
            }
            if (s < 1 || s > n) {
                throw new UserInputException(what + (s == 0 ? " has no slice (no stack position, no <label>-<slice>"
                        + " name)" : " is on slice " + s + " but image '" + title + "' has " + n + " slice"
                        + (n == 1 ? "" : "s") + (axis == SliceAxis.Z ? "" : " along " + axis.name())
                        + ": outside the image"));
            }
            java.awt.Rectangle r = roi.getBounds();
            ImageProcessor inside = roi.getMask(); // null: every pixel of the bounding rectangle
            int[] off = axis.offsets(out, s - 1);
            int label = labelOf[i];
            int count = 0;
            for (int y = Math.max(0, r.y); y < Math.min(h, r.y + r.height); y++) {
                for (int x = Math.max(0, r.x); x < Math.min(w, r.x + r.width); x++) {
                    if (inside != null && inside.get(x - r.x, y - r.y) == 0) {
                        continue;
                    }
                    int k = off[x + w * y];
                    if (d[k] != 0 && d[k] != label) {
                        overlaps.merge("label " + (int) d[k] + " and label " + label, 1, Integer::sum);
                    }
                    d[k] = label;
                    count++;
                }
            }
            if (count == 0) {
                throw new UserInputException(what + " lies outside image '" + title + "' (" + w + "x" + h
                        + " pixels; ROI bounds x=" + r.x + " y=" + r.y + " " + r.width + "x" + r.height + ")");
            }
        }
        List<String> warnings = new ArrayList<>();
        overlaps.forEach((k, c) -> warnings.add("ROIs of " + k + " overlap in " + c + " pixels (the later ROI wins)"));
        return new RoiMasks.Mask(out, labelNames, warnings);
    }

    /**
     * Adds the outlines of the given slices as ROIs named {@code <label>-<slice>} with their stack
     * positions set; returns how many were added.
     */
    public static int addRois(RoiManager rm, Map<Integer, ? extends Map<Integer, List<Contour>>> outlines) {
        return addRois(rm, outlines, Map.of());
    }

    /**
     * As {@link #addRois(RoiManager, Map)}, naming a label's ROIs {@code <name>-<slice>} by
     * {@code labelNames} (label -&gt; name, e.g. {@code L1}; a label not in it: its number), so that they
     * read back as the same label.
     */
    public static int addRois(RoiManager rm, Map<Integer, ? extends Map<Integer, List<Contour>>> outlines,
            Map<Integer, String> labelNames) {
        int added = 0;
        for (Map.Entry<Integer, ? extends Map<Integer, List<Contour>>> e : outlines.entrySet()) {
            for (Map.Entry<Integer, List<Contour>> s : e.getValue().entrySet()) {
                if (s.getValue().isEmpty()) {
                    continue;
                }
                Roi roi = toRoi(s.getValue());
                String ln = labelNames.get(e.getKey());
                String name = ln == null || ln.equals(String.valueOf(e.getKey())) ? name(e.getKey(), s.getKey() + 1)
                        : String.format(Locale.ROOT, "%s-%04d", ln, s.getKey() + 1);
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
