package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.roi.LabelSlices;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import java.util.SortedSet;

/**
 * Plugins &gt; DLRadiomics &gt; Import Mask...: opens a NIfTI or NRRD label map that belongs to the current
 * image and shows it as a label image with the same calibration and geometry. The mask must lie on the
 * image's grid (dimensions, spacing, origin, direction); otherwise the command stops and names both
 * geometries. Labels must be whole numbers. The label image is titled by the file name, or
 * {@code <name>-mask} when an open image has that title (e.g. {@code images/SYN001.nii.gz} and
 * {@code masks/SYN001.nii.gz} give "SYN001.nii.gz" and "SYN001-mask").
 *
 * <p>Macro: {@code run("Import Mask...", "mask=/data/mask.nii.gz");} Scripts:
 * {@code Volume m = Volumes.read(path); RoiConversion.requireSameGrid(m, "mask", imp);}
 */
public class ImportMaskCommand implements PlugIn {
    static final String NAME = "Import Mask";

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, () -> {
            ImagePlus imp = WindowManager.getCurrentImage();
            if (imp == null) {
                CommandSupport.fail(NAME, "no image is open (open the image the mask belongs to first)");
                return;
            }
            GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
            gd.addFileField("Mask file (.nii, .nii.gz, .nrrd label map)", CommandSupport.pref("import.mask", ""));
            gd.showDialog();
            if (gd.wasCanceled()) {
                return;
            }
            String path = gd.getNextString().trim();
            if (path.isEmpty()) {
                CommandSupport.fail(NAME, "no mask file given (key 'mask')");
                return;
            }
            CommandSupport.setPref("import.mask", path);
            Path p = Path.of(path);
            Volume mask = Volumes.read(p);
            SortedSet<Integer> labels = LabelSlices.labels(mask);
            RoiConversion.requireSameGrid(mask, "mask " + p, imp);
            ImagePlus out = ImagePlusConverter.toImagePlus(mask, title(p.getFileName().toString()));
            out.setDisplayRange(0, labels.isEmpty() ? 1 : Math.max(1, labels.last()));
            out.show();
        });
    }

    /** The file name, or "&lt;name&gt;-mask" when an open image has that title already (image and mask files often share names). */
    static String title(String fileName) {
        if (WindowManager.getImage(fileName) == null) {
            return fileName;
        }
        String t = RoisToLabelMaskCommand.labelTitle(fileName).replaceAll("-labels$", "") + "-mask";
        return WindowManager.getImage(t) == null ? t : WindowManager.makeUniqueName(t);
    }
}
