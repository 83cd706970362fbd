package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import ij.process.ImageProcessor;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Adapter from ImageJ's ROIs, or from a label image, to a label mask {@link Volume} on an image's grid.
 * ROIs are only read: the ROI Manager is never reset, changed or created.
 *
 * <p><b>Which label a ROI belongs to</b> (the part of its name before the first '-', its "prefix"):
 * <ol>
 * <li>when every ROI has ImageJ's automatic name ({@code 0012-0234-0156} or {@code 0234-0156}), all
 * ROIs are label 1;</li>
 * <li>otherwise, when every prefix is a whole number from 1 to 65535 (DLRadiomics' convention
 * {@code <label>-<slice>}, e.g. {@code 1-0012}, {@code 2-0013}), the prefix is the label;</li>
 * <li>otherwise (names such as {@code L1-0012}, {@code T12}, {@code tumour}) each distinct prefix is one
 * label, numbered 1, 2, ... in the order the prefixes first appear in the ROI Manager; the label's name is
 * the prefix.</li>
 * </ol>
 * ImageJ's automatic names mixed with other names are refused (rename the ROIs).
 *
 * <p><b>Which slice</b>: a ROI's stack position ({@code getZPosition()} on a hyperstack, else
 * {@code getPosition()}); a ROI without a position (0) applies to the image's current slice, never to
 * every slice. Each ROI is rasterised with {@link Roi#getMask()} (ImageJ's own pixel inclusion rule, as
 * Analyze &gt; Measure uses). Parts outside the image are clipped; a ROI with no pixel inside the image,
 * a line or point selection, or a position beyond the last slice is an error naming the ROI. Where ROIs of
 * two labels overlap, the later ROI in the Manager wins and {@link Mask#warnings()} says so.
 *
 * <pre>RoiMasks.Mask m = RoiMasks.fromRoiManager(imp, ImagePlusConverter.toVolume(imp));</pre>
 */
public final class RoiMasks {
    /** ImageJ's automatic ROI name: slice-y-x or y-x, four or more digits each. */
    private static final Pattern AUTOMATIC = Pattern.compile("\\d{4,}-\\d{4,}(-\\d{4,})?");
    private static final Pattern LABEL_NUMBER = Pattern.compile("[1-9]\\d{0,4}");

    /** A label mask with its labels' names (label -> name, ascending labels) and warnings. */
    public record Mask(Volume volume, LinkedHashMap<Integer, String> labels, List<String> warnings) {
    }

    private RoiMasks() {
    }

    /**
     * The ROIs of the ROI Manager as a label mask on {@code image}'s grid. Throws {@link UserInputException}
     * when the Manager is not open or empty, or a ROI cannot be placed.
     */
    public static Mask fromRoiManager(ImagePlus imp, Volume image) {
        RoiManager rm = RoiManager.getInstance();
        if (rm == null || rm.getCount() == 0) {
            throw new UserInputException("no ROIs: the ROI Manager is " + (rm == null ? "not open" : "empty")
                    + "; add ROIs (Edit > Selection > Add to Manager, named <label>-<slice>) or choose a mask image");
        }
        Roi[] rois = rm.getRoisAsArray();
        String[] names = new String[rois.length];
        for (int i = 0; i < rois.length; i++) {
            String n = rm.getName(i);
            names[i] = n != null ? n : rois[i].getName() != null ? rois[i].getName() : String.valueOf(i + 1);
        }
        return fromRois(rois, names, imp, image);
    }

    /** ROIs (with their names) as a label mask on {@code image}'s grid; {@code imp} gives the current slice. */
    public static Mask fromRois(Roi[] rois, String[] names, ImagePlus imp, Volume image) {
        if (rois.length == 0) {
            throw new UserInputException("no ROIs to measure");
        }
        int[] labelOf = new int[rois.length];
        LinkedHashMap<Integer, String> labelNames = assignLabels(names, labelOf);
        int max = 0;
        for (int l : labelOf) {
            max = Math.max(max, l);
        }
        Volume mask = image.blankLike(max > 255 ? PixelType.UINT16 : PixelType.UINT8);
        double[] m = mask.data();
        int nx = image.nx();
        int ny = image.ny();
        int nz = image.nz();
        int current = imp.getNSlices() > 1 && imp.isHyperStack() ? imp.getZ() : imp.getCurrentSlice();
        Map<String, Integer> overlaps = new LinkedHashMap<>();
        for (int i = 0; i < rois.length; i++) {
            Roi roi = rois[i];
            String what = "ROI '" + names[i] + "'";
            if (!roi.isArea()) {
                throw new UserInputException(what + " is a " + roi.getTypeAsString().toLowerCase(java.util.Locale.ROOT)
                        + " selection, not an area; radiomics needs area ROIs");
            }
            int z = roi.hasHyperStackPosition() ? roi.getZPosition() : roi.getPosition();
            if (z == 0) {
                z = nz == 1 ? 1 : current;
            }
            if (z < 1 || z > nz) {
                throw new UserInputException(what + " is on slice " + z + " but image '" + imp.getTitle() + "' has "
                        + nz + " slice" + (nz == 1 ? "" : "s"));
            }
            Rectangle r = roi.getBounds();
            ImageProcessor inside = roi.getMask(); // null: every pixel of the bounding rectangle
            int label = labelOf[i];
            int off = (z - 1) * nx * ny;
            int count = 0;
            for (int y = Math.max(0, r.y); y < Math.min(ny, r.y + r.height); y++) {
                for (int x = Math.max(0, r.x); x < Math.min(nx, r.x + r.width); x++) {
                    if (inside != null && inside.get(x - r.x, y - r.y) == 0) {
                        continue;
                    }
                    int k = off + y * nx + x;
                    if (m[k] != 0 && m[k] != label) {
                        overlaps.merge("label " + (int) m[k] + " and label " + label, 1, Integer::sum);
                    }
                    m[k] = label;
                    count++;
                }
            }
            if (count == 0) {
                throw new UserInputException(what + " lies outside image '" + imp.getTitle() + "' (" + nx + "x" + ny
                        + " pixels; ROI bounds x=" + r.x + " y=" + r.y + " " + r.width + "x" + r.height + ")");
            }
        }
        List<String> warnings = new ArrayList<>();
        overlaps.forEach((k, n) -> warnings.add("ROIs of " + k + " overlap in " + n + " pixels (the later ROI wins)"));
        return new Mask(mask, labelNames, warnings);
    }

    /** The label rule of the class comment; fills {@code labelOf} and returns label -> name. */
    static LinkedHashMap<Integer, String> assignLabels(String[] names, int[] labelOf) {
        int automatic = 0;
        boolean numeric = true;
        for (String n : names) {
            if (AUTOMATIC.matcher(n).matches()) {
                automatic++;
            }
            numeric &= LABEL_NUMBER.matcher(prefix(n)).matches() && Integer.parseInt(prefix(n)) <= 65535;
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        LinkedHashMap<Integer, String> out = new LinkedHashMap<>();
        if (automatic == names.length) {
            java.util.Arrays.fill(labelOf, 1);
            out.put(1, "1");
            return out;
        }
        if (automatic > 0) {
            throw new UserInputException("the ROI Manager mixes ImageJ's automatic names (such as '0012-0234-0156')"
                    + " with other names; rename every ROI <label>-<slice> (e.g. 1-0012), or leave all names automatic"
                    + " (one label)");
        }
        if (numeric) {
            for (int i = 0; i < names.length; i++) {
                labelOf[i] = Integer.parseInt(prefix(names[i]));
                sorted.add(labelOf[i]);
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

    private static String prefix(String name) {
        String n = name.trim();
        int dash = n.indexOf('-');
        return dash < 0 ? n : n.substring(0, dash);
    }

    /**
     * A label image as a mask on {@code image}'s grid: same width, height and slices, whole non-negative
     * values. A mask image without DLRadiomics geometry (one made in ImageJ) takes the image's geometry;
     * one read with its own geometry keeps it (the extractor then checks that both agree).
     */
    public static Mask fromMaskImage(ImagePlus maskImp, ImagePlus imp, Volume image) {
        String what = "mask image '" + maskImp.getTitle() + "'";
        if (maskImp.getWidth() != image.nx() || maskImp.getHeight() != image.ny()
                || maskImp.getStackSize() != image.nz()) {
            throw new UserInputException(what + " is " + maskImp.getWidth() + "x" + maskImp.getHeight() + "x"
                    + maskImp.getStackSize() + " but image '" + imp.getTitle() + "' is " + image.nx() + "x" + image.ny()
                    + "x" + image.nz() + "; the mask must be on the image's grid");
        }
        Volume mask = ImagePlusConverter.toVolume(maskImp);
        if (maskImp.getProp(ImagePlusConverter.PROP_ORIGIN) == null) {
            mask.copyGeometryFrom(image);
        }
        TreeSet<Integer> labels = new TreeSet<>();
        for (double v : mask.data()) {
            if (v != 0) {
                if (v < 0 || v != Math.rint(v) || v > 65535) {
                    throw new UserInputException(what + " holds the value " + v + "; a label mask holds whole numbers"
                            + " 0 (background) to 65535");
                }
                labels.add((int) v);
            }
        }
        if (labels.isEmpty()) {
            throw new UserInputException(what + " is empty: no voxel has a label (all are 0)");
        }
        LinkedHashMap<Integer, String> names = new LinkedHashMap<>();
        for (int l : labels) {
            names.put(l, String.valueOf(l));
        }
        return new Mask(mask, names, List.of());
    }
}
