package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.nio.file.Path;

/**
 * Plugins &gt; DLRadiomics &gt; Save Volume...: writes the current image as NIfTI or NRRD with its geometry.
 * Macro: {@code run("Save Volume...", "output=/data/out.nii.gz");}
 */
public class SaveVolumeCommand implements PlugIn {
    static final String NAME = "Save Volume";

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, () -> {
            ImagePlus imp = WindowManager.getCurrentImage();
            if (imp == null) {
                CommandSupport.fail(NAME, "no image is open");
                return;
            }
            GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
            gd.addFileField("Output file (.nii, .nii.gz or .nrrd)", CommandSupport.pref("save.output", ""));
            gd.showDialog();
            if (gd.wasCanceled()) {
                return;
            }
            String path = gd.getNextString().trim();
            if (path.isEmpty()) {
                CommandSupport.fail(NAME, "no output file given (key 'output')");
                return;
            }
            CommandSupport.setPref("save.output", path);
            Volume v = ImagePlusConverter.toVolume(imp);
            Volumes.write(v, Path.of(path));
            IJ.showStatus(NAME + ": wrote " + path);
        });
    }
}
