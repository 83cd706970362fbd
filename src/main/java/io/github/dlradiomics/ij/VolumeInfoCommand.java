package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;

/**
 * Plugins &gt; DLRadiomics &gt; Volume Info: the current image's geometry (the same numbers as
 * {@code ./dlrad info}) as a row of the "Volume Info" table. Macro: {@code run("Volume Info");}
 */
public class VolumeInfoCommand implements PlugIn {
    static final String NAME = "Volume Info";

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, () -> {
            ImagePlus imp = WindowManager.getCurrentImage();
            if (imp == null) {
                CommandSupport.fail(NAME, "no image is open");
                return;
            }
            Volume v = ImagePlusConverter.toVolume(imp);
            ResultsTable rt = ResultsTable.getResultsTable(NAME);
            if (rt == null) {
                rt = new ResultsTable();
            }
            rt.incrementCounter();
            rt.addValue("Image", imp.getTitle());
            rt.addValue("nx", v.nx());
            rt.addValue("ny", v.ny());
            rt.addValue("nz", v.nz());
            double[] s = v.spacing();
            rt.addValue("Spacing x (mm)", s[0]);
            rt.addValue("Spacing y (mm)", s[1]);
            rt.addValue("Spacing z (mm)", s[2]);
            double[] o = v.origin();
            rt.addValue("Origin x (mm)", o[0]);
            rt.addValue("Origin y (mm)", o[1]);
            rt.addValue("Origin z (mm)", o[2]);
            double[] d = v.direction();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 9; i++) {
                sb.append(i > 0 ? " " : "").append(io.github.dlradiomics.util.Json.plain(d[i]));
            }
            rt.addValue("Direction", sb.toString());
            rt.addValue("Pixel type", v.pixelType().label());
            double[] mm = v.minMax();
            rt.addValue("Min", mm[0]);
            rt.addValue("Max", mm[1]);
            rt.show(NAME);
        });
    }
}
