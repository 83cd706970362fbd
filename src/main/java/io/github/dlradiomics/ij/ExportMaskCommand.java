package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.roi.LabelSlices;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import java.util.SortedSet;

/**
 * Plugins &gt; DLRadiomics &gt; Export Mask...: writes the current label image as a NIfTI or NRRD label
 * map with its geometry (from ROIs to Label Mask, Import Mask..., or any image opened with its
 * geometry), in the smallest integer type holding its labels. Labels must be whole numbers.
 *
 * <p>Macro: {@code run("Export Mask...", "output=/data/mask.nii.gz");} Scripts:
 * {@code Volumes.write(ImagePlusConverter.toVolume(labelImp), Path.of("mask.nii.gz"));}
 */
public class ExportMaskCommand implements PlugIn {
    static final String NAME = "Export Mask";

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, () -> {
            ImagePlus imp = WindowManager.getCurrentImage();
            if (imp == null) {
                CommandSupport.fail(NAME, "no image is open (select the label image to export)");
                return;
            }
            GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
            gd.addFileField("Output file (.nii, .nii.gz or .nrrd)", CommandSupport.pref("export.output", ""));
            gd.showDialog();
            if (gd.wasCanceled()) {
                return;
            }
            String path = gd.getNextString().trim();
            if (path.isEmpty()) {
                CommandSupport.fail(NAME, "no output file given (key 'output')");
                return;
            }
            CommandSupport.setPref("export.output", path);
            Volume v = ImagePlusConverter.toVolume(imp);
            SortedSet<Integer> labels = LabelSlices.labels(v); // refuses non-integer voxels with their position
            int min = labels.isEmpty() ? 0 : Math.min(0, labels.first());
            int max = labels.isEmpty() ? 0 : Math.max(0, labels.last());
            v.setPixelType(PixelType.fitting(min, max, true));
            Volumes.write(v, Path.of(path));
            IJ.showStatus(NAME + ": wrote " + path + " (labels " + labels + ")");
        });
    }
}
