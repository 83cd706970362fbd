package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.roi.ShapeBasedInterpolation;
import io.github.dlradiomics.roi.SliceAxis;
import io.github.dlradiomics.util.UserInputException;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plugins &gt; DLRadiomics &gt; Interpolate ROIs: fills the slices between the key slices a reader drew,
 * per label, by shape-based interpolation (signed distance maps blended between neighbouring key slices;
 * {@link ShapeBasedInterpolation}). The ROI Manager's ROIs (named {@code <label>-...}, slice = stack
 * position) are rasterised on the grid of an open image; each filled slice comes back as a new ROI
 * {@code <label>-<slice>}. The user's ROIs are kept as they are; nothing is removed.
 *
 * <p>Macro: {@code run("Interpolate ROIs", "image=ct.nii.gz axis=Z labels=[1,2]");} ({@code labels}
 * empty: every label). Scripts:
 * {@code ShapeBasedInterpolation.fill(RoiConversion.toVolume(RoiConversion.grid(imp), SliceAxis.Z, rm.getRoisAsArray()), SliceAxis.Z);}
 */
public class InterpolateRoisCommand implements PlugIn {
    static final String NAME = "Interpolate ROIs";

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, () -> {
            ImagePlus current = WindowManager.getCurrentImage();
            if (current == null) {
                CommandSupport.fail(NAME, "no image is open (the ROIs are interpolated on the grid of an open image)");
                return;
            }
            RoiManager rm = RoiConversion.manager(false);
            if (rm == null || rm.getCount() == 0) {
                CommandSupport.fail(NAME, "the ROI Manager holds no ROIs");
                return;
            }
            GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
            gd.addChoice("Image (grid of the ROIs)", RoiConversion.imageTitles(), current.getTitle());
            gd.addChoice("Axis of the ROI slices (X, Y: resliced stack)", LabelMaskToRoisCommand.AXES,
                    CommandSupport.pref("interpolate.axis", "Z"));
            gd.addStringField("Labels to fill (comma-separated; empty: all)", "", 12);
            gd.showDialog();
            if (gd.wasCanceled()) {
                return;
            }
            ImagePlus imp = RoiConversion.image(gd.getNextChoice());
            SliceAxis axis = SliceAxis.parse(gd.getNextChoice());
            List<Integer> which = parseLabels(gd.getNextString());
            CommandSupport.setPref("interpolate.axis", axis.name());
            Roi[] rois = rm.getRoisAsArray();
            RoiMasks.Mask keyMask = RoiConversion.toMask(imp, axis, rois, RoiConversion.names(rm, rois), NAME);
            Volume keys = keyMask.volume();
            ShapeBasedInterpolation.Result r = ShapeBasedInterpolation.fill(keys, axis, which, CommandSupport.progress(NAME));
            int added = RoiConversion.addRois(rm, RoiConversion.outlines(r.volume(), axis, r.filledSlices()),
                    keyMask.labels());
            for (Map.Entry<Integer, int[]> e : r.filledSlices().entrySet()) {
                int[] s = e.getValue();
                IJ.log(NAME + ": label " + e.getKey() + ": " + s.length + " slice(s) filled"
                        + (s.length == 0 ? " (no gaps between its key slices)" : " (" + (s[0] + 1) + ".." + (s[s.length - 1] + 1) + ")"));
            }
            IJ.showStatus(NAME + ": " + added + " ROIs added");
        });
    }

    /** "1, 2,28" -&gt; [1, 2, 28]; empty -&gt; null (all labels). */
    static List<Integer> parseLabels(String s) {
        String t = s == null ? "" : s.trim();
        if (t.isEmpty()) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (String p : t.split("[,;\\s]+")) {
            try {
                out.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                throw new UserInputException("labels: '" + p + "' is not a whole number (key 'labels', e.g. labels=1,2)");
            }
        }
        return out;
    }
}
