package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.roi.SliceAxis;
import io.github.dlradiomics.util.UserInputException;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;

/**
 * Label masks for Radiomics Features: from the ROIs of the ROI Manager (the one ROI rule and
 * rasterisation of {@link RoiConversion#toMask}, shared with the ROI tools), or from a label image.
 * ROIs are only read: the ROI Manager is never reset, changed or created.
 *
 * <pre>RoiMasks.Mask m = RoiMasks.fromRoiManager(imp, ImagePlusConverter.toVolume(imp));</pre>
 */
public final class RoiMasks {
    /** A label mask with its labels' names (label -> name, ascending labels) and warnings. */
    public record Mask(Volume volume, LinkedHashMap<Integer, String> labels, List<String> warnings) {
    }

    private RoiMasks() {
    }

    /**
     * The ROIs of the ROI Manager (in a batch-mode macro, the macro's) as a label mask on {@code image}'s
     * grid. Throws {@link UserInputException} when the Manager is not open or empty, or a ROI cannot be placed.
     */
    public static Mask fromRoiManager(ImagePlus imp, Volume image) {
        RoiManager rm = RoiConversion.manager(false);
        if (rm == null || rm.getCount() == 0) {
            throw new UserInputException("no ROIs: the ROI Manager is " + (rm == null ? "not open" : "empty")
                    + "; add ROIs (Edit > Selection > Add to Manager, named <label>-<slice>) or choose a mask image");
        }
        Roi[] rois = rm.getRoisAsArray();
        return fromRois(rois, RoiConversion.names(rm, rois), imp, image);
    }

    /** ROIs (with their names) as a label mask on {@code image}'s grid; {@code imp} gives the current slice. */
    public static Mask fromRois(Roi[] rois, String[] names, ImagePlus imp, Volume image) {
        return RoiConversion.toMask(image, SliceAxis.Z, rois, names, RoiConversion.currentSlice(imp), imp.getTitle());
    }

    /** The label rule ({@link RoiConversion#labels}); fills {@code labelOf} and returns label -> name. */
    static LinkedHashMap<Integer, String> assignLabels(String[] names, int[] labelOf) {
        return RoiConversion.labels(names, labelOf);
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
