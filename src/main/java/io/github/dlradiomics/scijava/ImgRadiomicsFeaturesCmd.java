package io.github.dlradiomics.scijava;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.radiomics.FeatureExtractor;
import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.util.UserInputException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Radiomics features of an ImgLib2 image and label mask already in memory (an ImageJ2 script's
 * {@code #@ Img} or {@code #@ Dataset}, or {@link VolumeImg#wrap} of a Volume), as a SciJava command. The
 * images become Volumes through {@link VolumeImg#fromImg} (no copy for double ArrayImgs), then the same
 * core call as {@code ./dlrad features}:
 *
 * <pre>new FeatureExtractor(params).extract(VolumeImg.fromImg(image, spacing), VolumeImg.fromImg(mask, spacing), false, naming);</pre>
 *
 * Dimensions 0, 1, 2 are x, y, z; the spacing (mm) is given separately because imglib2 images carry
 * none (in an ImageJ2 script read it from the Dataset's axes: {@code ds.averageScale(0)}). A 2D image is
 * a volume one slice thick ({@code spacingZ} is then unused by 2D features). Outputs {@code features}, as
 * {@link RadiomicsFeaturesCmd}.
 *
 * <pre>cs.run(ImgRadiomicsFeaturesCmd.class, true, "image", img, "mask", labels, "spacingX", 0.8, "spacingY", 0.8, "spacingZ", 1.0).get().getOutput("features")</pre>
 */
@Plugin(type = Command.class, label = ImgRadiomicsFeaturesCmd.LABEL, headless = true,
        description = "Radiomics features of an open image and label mask (ImgLib2), with the voxel spacing given.")
public class ImgRadiomicsFeaturesCmd implements Command {
    /** The title Fiji's search bar shows. */
    public static final String LABEL = "DLRadiomics Radiomics Features (ImgLib2 image and mask)";

    @Parameter(persist = false, label = "Image", description = "grey-level image, dimensions x, y[, z]")
    private RandomAccessibleInterval<? extends RealType<?>> image;

    @Parameter(persist = false, label = "Mask", description = "label image of the same dimensions")
    private RandomAccessibleInterval<? extends RealType<?>> mask;

    @Parameter(persist = false, label = "Spacing x (mm)", min = "0")
    private double spacingX = 1;

    @Parameter(persist = false, label = "Spacing y (mm)", min = "0")
    private double spacingY = 1;

    @Parameter(persist = false, label = "Spacing z (mm)", min = "0")
    private double spacingZ = 1;

    @Parameter(persist = false, label = "Label", description = "mask label; 0 = the parameter file's label (1 without one)", min = "0")
    private int label = 0;

    @Parameter(persist = false, label = "Parameter file", description = "PyRadiomics YAML (optional: PyRadiomics' defaults)",
            required = false, style = FileWidget.OPEN_STYLE)
    private File params;

    @Parameter(persist = false, label = "Naming", choices = {"pyradiomics", "ibsi"})
    private String naming = "pyradiomics";

    @Parameter(persist = false, label = "Diagnostics", description = "add PyRadiomics' diagnostics_* entries")
    private boolean diagnostics = false;

    @Parameter(type = ItemIO.OUTPUT, label = "Features")
    private Map<String, Object> features;

    @Override
    public void run() {
        if (image == null || mask == null) {
            throw new UserInputException("an image and a mask are needed (parameters 'image' and 'mask')");
        }
        double[] spacing = VolumeImg.spacing(spacingX, spacingY, spacingZ);
        try {
            RadiomicsParams p = Scripting.params(params, label);
            Volume img = VolumeImg.fromImg(image, spacing);
            Volume msk = VolumeImg.fromImg(mask, spacing);
            features = new FeatureExtractor(p).extract(img, msk, diagnostics, FeatureExtractor.Naming.of(naming));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
