package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.roi.SliceAxis;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;
import java.util.Locale;

/**
 * Plugins &gt; DLRadiomics &gt; ROIs to Label Mask: the ROIs of the ROI Manager, grouped by the label in
 * their names ({@code <label>-...}), become a new label image on the grid of an open image (its
 * calibration, origin and direction). A ROI's slice is its stack position (else the number after the
 * label in its name); pixels whose centres lie inside a ROI get its label; where labels overlap the
 * higher one wins. With axis X or Y the ROIs belong to the stack resliced along that axis (as
 * Label Mask to ROIs makes it) and the mask still comes out on the image's own grid.
 *
 * <p>Macro: {@code run("ROIs to Label Mask", "image=ct.nii.gz axis=Z");} Scripts:
 * {@code Volume v = RoiConversion.toVolume(RoiConversion.grid(imp), SliceAxis.Z, rm.getRoisAsArray());}
 */
public class RoisToLabelMaskCommand implements PlugIn {
    static final String NAME = "ROIs to Label Mask";

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, () -> {
            ImagePlus current = WindowManager.getCurrentImage();
            if (current == null) {
                CommandSupport.fail(NAME, "no image is open (the mask takes the grid of an open image)");
                return;
            }
            RoiManager rm = RoiConversion.manager(false);
            if (rm == null || rm.getCount() == 0) {
                CommandSupport.fail(NAME, "the ROI Manager holds no ROIs");
                return;
            }
            GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
            gd.addChoice("Image (grid of the mask)", RoiConversion.imageTitles(), current.getTitle());
            gd.addChoice("Axis of the ROI slices (X, Y: resliced stack)", LabelMaskToRoisCommand.AXES,
                    CommandSupport.pref("roislabel.axis", "Z"));
            gd.showDialog();
            if (gd.wasCanceled()) {
                return;
            }
            ImagePlus imp = RoiConversion.image(gd.getNextChoice());
            SliceAxis axis = SliceAxis.parse(gd.getNextChoice());
            CommandSupport.setPref("roislabel.axis", axis.name());
            Roi[] rois = rm.getRoisAsArray();
            Volume labels = RoiConversion.toMask(imp, axis, rois, RoiConversion.names(rm, rois), NAME).volume();
            ImagePlus out = ImagePlusConverter.toImagePlus(labels, labelTitle(imp.getTitle()));
            out.setDisplayRange(0, Math.max(1, labels.minMax()[1]));
            out.show();
        });
    }

    /** "ct.nii.gz" -&gt; "ct-labels". */
    static String labelTitle(String title) {
        String t = title;
        String lower = t.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".nii.gz", ".nii", ".nrrd", ".nhdr", ".tif", ".tiff"}) {
            if (lower.endsWith(ext)) {
                t = t.substring(0, t.length() - ext.length());
                break;
            }
        }
        return t + "-labels";
    }
}
