package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.roi.Contour;
import io.github.dlradiomics.roi.LabelSlices;
import io.github.dlradiomics.roi.SliceAxis;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

/**
 * Plugins &gt; DLRadiomics &gt; Label Mask to ROIs: a label image (an open image, or a mask file) becomes
 * ROIs in the ROI Manager, one per label per slice, named {@code <label>-<slice>} (slice 1-based, 4
 * digits) with their stack position set. Outlines are exact pixel-edge contours; a label with several
 * parts or holes on a slice becomes one composite ROI. The ROI Manager is added to, never reset.
 *
 * <p>Axis Z (default) gives ROIs on the image's own stack. Axis X or Y reslices first: the command shows
 * the label image resliced along that axis ("&lt;title&gt; [X]", slice pixel (u, v) as
 * {@link SliceAxis} lays it out) and the ROIs belong to that stack. A mask file must lie on the grid of
 * the current image when one is open.
 *
 * <p>Macro: {@code run("Label Mask to ROIs", "mask=labels.nii.gz axis=Z");} or
 * {@code run("Label Mask to ROIs", "mask=<file> file=/data/mask.nii.gz axis=Z");}. Scripts:
 * {@code RoiConversion.addRois(rm, LabelSlices.outlines(ImagePlusConverter.toVolume(imp), SliceAxis.Z));}
 */
public class LabelMaskToRoisCommand implements PlugIn {
    static final String NAME = "Label Mask to ROIs";
    /** The mask choice that reads the file field instead of an open image. */
    static final String FILE_CHOICE = "<file>";
    static final String[] AXES = {"Z", "X", "Y"};
    /** More distinct values than this is taken for an intensity image chosen by mistake. */
    static final int MAX_LABELS = 1000;

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, () -> {
            String[] titles = RoiConversion.imageTitles();
            String[] choices = Arrays.copyOf(titles, titles.length + 1);
            choices[titles.length] = FILE_CHOICE;
            ImagePlus current = WindowManager.getCurrentImage();
            GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
            gd.addChoice("Mask (open label image, or <file>)", choices, current != null ? current.getTitle() : FILE_CHOICE);
            gd.addFileField("File of the mask (.nii, .nii.gz, .nrrd; with <file>)", CommandSupport.pref("labelrois.file", ""));
            gd.addChoice("Axis of the slices (X, Y: resliced stack)", AXES, CommandSupport.pref("labelrois.axis", "Z"));
            gd.addHelp("https://github.com/dlradiomics/DLRadiomics#readme");
            gd.showDialog();
            if (gd.wasCanceled()) {
                return;
            }
            String choice = gd.getNextChoice();
            String file = gd.getNextString().trim();
            SliceAxis axis = SliceAxis.parse(gd.getNextChoice());
            Volume labels;
            String title;
            if (FILE_CHOICE.equals(choice)) {
                if (file.isEmpty()) {
                    CommandSupport.fail(NAME, titles.length == 0 ? "no image is open and no mask file given (key 'file')"
                            : "no mask file given (key 'file')");
                    return;
                }
                Path p = Path.of(file);
                labels = Volumes.read(p);
                title = p.getFileName().toString();
                if (current != null) {
                    RoiConversion.requireSameGrid(labels, "mask " + p, current);
                }
                CommandSupport.setPref("labelrois.file", file);
            } else {
                ImagePlus imp = RoiConversion.image(choice);
                labels = ImagePlusConverter.toVolume(imp);
                title = imp.getTitle();
            }
            CommandSupport.setPref("labelrois.axis", axis.name());
            SortedMap<Integer, int[]> slices = LabelSlices.slicesPerLabel(labels, axis);
            if (slices.isEmpty()) {
                CommandSupport.fail(NAME, "mask '" + title + "' holds no labels (all voxels are 0)");
                return;
            }
            if (slices.size() > MAX_LABELS) {
                CommandSupport.fail(NAME, "'" + title + "' holds " + slices.size() + " different values; a label mask has"
                        + " at most " + MAX_LABELS + " labels (is it the image rather than its mask?)");
                return;
            }
            SortedMap<Integer, SortedMap<Integer, List<Contour>>> outlines = RoiConversion.outlines(labels, axis, slices);
            if (axis != SliceAxis.Z) {
                ImagePlus r = RoiConversion.resliced(labels, axis, title + " [" + axis.name() + "]");
                r.setDisplayRange(0, outlines.lastKey());
                r.show();
            }
            int added = RoiConversion.addRois(RoiConversion.manager(true), outlines);
            IJ.showStatus(NAME + ": " + added + " ROIs of labels " + outlines.keySet() + " along " + axis.name());
        });
    }
}
