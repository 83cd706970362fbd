package io.github.dlradiomics.scijava;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.radiomics.FeatureExtractor;
import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Radiomics features of an image file and its label mask, as a SciJava command for scripts (Groovy,
 * Python, JavaScript in Fiji's Script Editor) and Fiji's search bar; macros use the ImageJ1 command
 * "Radiomics Features..." instead. The same core call as {@code ./dlrad features --image --mask} and
 * the ImageJ1 command:
 *
 * <pre>new FeatureExtractor(RadiomicsParams.read(yaml).withLabel(1)).extract(Volumes.read(img), Volumes.read(mask), false, Naming.PYRADIOMICS);</pre>
 *
 * Outputs {@code features} (exactly what {@link FeatureExtractor#extract} returns: feature name to Double,
 * plus diagnostics_* entries first when asked) and {@code csv} (the header and row {@code ./dlrad features}
 * prints: Image, Mask, Label, then the features). From a script:
 *
 * <pre>cs.run(RadiomicsFeaturesCmd.class, true, "image", img, "mask", mask, "label", 1).get().getOutput("features")</pre>
 *
 * Bad input (a missing file, an absent label) fails the module: {@code get()} throws an
 * {@code ExecutionException} whose cause is a {@link UserInputException} with one clear line.
 */
@Plugin(type = Command.class, label = RadiomicsFeaturesCmd.LABEL, headless = true,
        description = "PyRadiomics-compatible (or IBSI) radiomics features of an image file and a label mask file;"
                + " the same numbers as ./dlrad features.")
public class RadiomicsFeaturesCmd implements Command {
    /** The title Fiji's search bar shows (no menu entry: the ImageJ1 menu has "Radiomics Features..."). */
    public static final String LABEL = "DLRadiomics Radiomics Features (image and mask files)";

    @Parameter(persist = false, label = "Image", description = "image file: NIfTI, NRRD, DICOM (folder or .dcm), TIFF",
            style = FileWidget.OPEN_STYLE)
    private File image;

    @Parameter(persist = false, label = "Mask", description = "label mask on the image's grid", style = FileWidget.OPEN_STYLE)
    private File mask;

    @Parameter(persist = false, label = "Label", description = "mask label; 0 = the parameter file's label (1 without one)", min = "0")
    private int label = 0;

    @Parameter(persist = false, label = "Parameter file", description = "PyRadiomics YAML (optional: PyRadiomics' defaults)",
            required = false, style = FileWidget.OPEN_STYLE)
    private File params;

    @Parameter(persist = false, label = "Naming", choices = {"pyradiomics", "ibsi"},
            description = "PyRadiomics' definitions and names, or IBSI's (columns named by IBSI tags)")
    private String naming = "pyradiomics";

    @Parameter(persist = false, label = "Diagnostics", description = "add PyRadiomics' diagnostics_* entries")
    private boolean diagnostics = false;

    @Parameter(type = ItemIO.OUTPUT, label = "Features")
    private Map<String, Object> features;

    @Parameter(type = ItemIO.OUTPUT, label = "CSV")
    private String csv;

    @Override
    public void run() {
        try {
            RadiomicsParams p = Scripting.params(params, label);
            Volume img = Volumes.read(Scripting.path(image, "image"));
            Volume msk = Volumes.read(Scripting.path(mask, "mask"));
            LinkedHashMap<String, Object> row;
            try {
                row = new FeatureExtractor(p).extract(img, msk, diagnostics, FeatureExtractor.Naming.of(naming));
            } catch (UserInputException e) {
                throw new UserInputException(mask + ": " + e.getMessage(), e);
            }
            features = row;
            Map<String, Object> full = new LinkedHashMap<>();
            full.put("Image", image.toPath().toString());
            full.put("Mask", mask.toPath().toString());
            full.put("Label", p.settings.label);
            full.putAll(row);
            StringWriter w = new StringWriter();
            Csv.writeLine(w, new ArrayList<>(full.keySet()));
            Csv.writeLine(w, new ArrayList<>(full.values()));
            csv = w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
