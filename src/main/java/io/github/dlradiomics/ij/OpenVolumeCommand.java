package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.nio.file.Path;

/**
 * Plugins &gt; DLRadiomics &gt; Open Volume...: opens NIfTI, NRRD or a DICOM series with its geometry
 * (pixel size in mm, origin and direction kept as image properties).
 * Macro: {@code run("Open Volume...", "image=/data/ct.nii.gz");}
 */
public class OpenVolumeCommand implements PlugIn {
    static final String NAME = "Open Volume";

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, () -> {
            GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
            gd.addFileField("Image (.nii, .nii.gz, .nrrd, .dcm or DICOM folder)", CommandSupport.pref("open.image", ""));
            gd.addHelp("https://github.com/dlradiomics/DLRadiomics#readme");
            gd.showDialog();
            if (gd.wasCanceled()) {
                return;
            }
            String path = gd.getNextString().trim();
            if (path.isEmpty()) {
                CommandSupport.fail(NAME, "no image file given (key 'image')");
                return;
            }
            CommandSupport.setPref("open.image", path);
            Path p = Path.of(path);
            Volume v = Volumes.read(p);
            ImagePlusConverter.toImagePlus(v, p.getFileName().toString()).show();
        });
    }
}
