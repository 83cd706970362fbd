package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.model.Pipeline;
import io.github.dlradiomics.nomogram.Nomogram;
import io.github.dlradiomics.nomogram.NomogramFigure;
import io.github.dlradiomics.nomogram.NomogramModel;
import io.github.dlradiomics.nomogram.Signature;
import io.github.dlradiomics.radiomics.FeatureExtractor;
import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plugins &gt; DLRadiomics &gt; Apply Nomogram...: scores one patient with a nomogram.json written by
 * {@code ./dlrad nomogram} (or the demo). The first dialog takes the nomogram and, optionally, a model pipeline
 * whose signature (the logit of its probability) is computed from the current image and the ROIs of the ROI
 * Manager (radiomics at PyRadiomics defaults, as {@code ./dlrad features} without a parameter file, or with
 * the given parameter file); the second asks one value per variable. Output: a row in the table "Nomogram
 * Score" (image, ROI, each variable's value and points, total points, linear predictor, risk) and the
 * nomogram drawn with the patient marked in an image window "Nomogram". The ROI Manager is only read.
 *
 * <p>Macro: {@code run("Apply Nomogram...", "nomogram=[/run/nomogram/nomogram.json] signature_pipeline=[]
 * signature_variable=[] parameter_file=[] age=61 sex=M dlr_score=0.8");} (the variables' keys are their names
 * in lower case; see docs/macros.md).
 */
public class ApplyNomogramCommand implements PlugIn {
    static final String NAME = "Apply Nomogram";
    /** The results table's title. */
    public static final String TABLE = "Nomogram Score";
    /** The nomogram window's title. */
    public static final String WINDOW = "Nomogram";

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, this::apply);
    }

    /** Shows a nomogram in the image window "Nomogram" (replacing the one shown, if any). */
    static void showWindow(NomogramFigure figure) {
        ImagePlus fig = new ImagePlus(WINDOW, figure.toImage(1));
        ImagePlus old = WindowManager.getImage(WINDOW);
        if (old != null) {
            old.setImage(fig);
            old.updateAndDraw();
        } else {
            fig.show();
        }
    }

    private void apply() throws IOException {
        GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
        gd.addFileField("Nomogram (nomogram.json)", CommandSupport.pref("nomogram.file", ""), 40);
        gd.addMessage("Optional: a signature computed from the current image and the ROI Manager's ROIs");
        gd.addFileField("Signature_pipeline (pipeline-*.json; blank: type the signature)",
                CommandSupport.pref("nomogram.pipeline", ""), 40);
        gd.addStringField("Signature_variable (the nomogram variable it gives)",
                CommandSupport.pref("nomogram.signature", ""), 16);
        gd.addFileField("Parameter_file (radiomics YAML; blank: PyRadiomics defaults)",
                CommandSupport.pref("nomogram.params", ""), 40);
        gd.addHelp("https://github.com/dlradiomics/DLRadiomics/blob/main/docs/macros.md");
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        String file = gd.getNextString().trim();
        String pipelineFile = gd.getNextString().trim();
        String signatureVar = gd.getNextString().trim();
        String paramFile = gd.getNextString().trim();
        CommandSupport.setPref("nomogram.file", file);
        CommandSupport.setPref("nomogram.pipeline", pipelineFile);
        CommandSupport.setPref("nomogram.signature", signatureVar);
        CommandSupport.setPref("nomogram.params", paramFile);
        if (file.isEmpty() || !Files.isRegularFile(Path.of(file))) {
            throw new UserInputException("nomogram file '" + file + "' not found (key 'nomogram')");
        }
        Map<String, Object> json = Json.parseObject(Files.readString(Path.of(file)));
        Nomogram nomogram = Nomogram.fromJson(json);
        List<String> vars = nomogram.axes().stream().map(Nomogram.Axis::name).toList();
        boolean fromImage = !pipelineFile.isEmpty();
        if (fromImage && !vars.contains(signatureVar)) {
            throw new UserInputException("signature variable '" + signatureVar + "' is not a variable of the nomogram ("
                    + String.join(", ", vars) + ") (key 'signature_variable')");
        }

        Pipeline pipeline = null;
        if (fromImage) {
            if (!Files.isRegularFile(Path.of(pipelineFile))) {
                throw new UserInputException("pipeline '" + pipelineFile + "' not found (key 'signature_pipeline')");
            }
            pipeline = Pipeline.load(Path.of(pipelineFile));
        }

        GenericDialog vd = new GenericDialog("DLRadiomics " + NAME + ": patient");
        for (Nomogram.Axis a : nomogram.axes()) {
            if (fromImage && a.name().equals(signatureVar)) {
                vd.addMessage(a.name() + ": computed from the image and ROIs");
                continue;
            }
            String pref = CommandSupport.pref("nomogram.value." + a.name(), "");
            if (a.categorical()) {
                String[] levels = a.labels().toArray(new String[0]);
                vd.addChoice(a.name(), levels, a.labels().contains(pref) ? pref : levels[0]);
            } else {
                vd.addStringField(a.name() + " (axis " + a.labels().get(0) + " to " + a.labels().get(a.labels().size() - 1)
                        + ")", pref, 10);
            }
        }
        vd.showDialog();
        if (vd.wasCanceled()) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Nomogram.Axis a : nomogram.axes()) {
            if (fromImage && a.name().equals(signatureVar)) {
                continue;
            }
            String v = a.categorical() ? vd.getNextChoice() : vd.getNextString().trim();
            values.put(a.name(), v);
            CommandSupport.setPref("nomogram.value." + a.name(), v);
        }
        ImagePlus imp = WindowManager.getCurrentImage();
        String roi = "";
        if (fromImage) {
            if (imp == null) {
                throw new UserInputException("no image is open (the signature is computed from the current image)");
            }
            Volume image = ImagePlusConverter.toVolume(imp);
            RoiMasks.Mask mask = RoiMasks.fromRoiManager(imp, image);
            if (mask.labels().size() != 1) {
                throw new UserInputException("the ROI Manager holds " + mask.labels().size() + " labels ("
                        + String.join(", ", mask.labels().values()) + "); the signature needs the ROIs of one lesion");
            }
            int label = mask.labels().keySet().iterator().next();
            roi = mask.labels().get(label);
            RadiomicsParams params = paramFile.isEmpty() ? RadiomicsParams.defaults() : RadiomicsParams.read(Path.of(paramFile));
            IJ.showStatus(NAME + ": radiomics of " + imp.getTitle() + ":" + roi);
            Map<String, Object> features = new FeatureExtractor(params.withLabel(label)).extract(image, mask.volume(),
                    false, FeatureExtractor.Naming.PYRADIOMICS);
            double s = Signature.logit(pipeline, features, values);
            values.put(signatureVar, Double.toString(s));
        }
        Nomogram.Score score = nomogram.score(values);
        ResultsTable rt = ResultsTable.getResultsTable(TABLE);
        if (rt == null) {
            rt = new ResultsTable();
        }
        rt.incrementCounter();
        rt.addValue("Image", imp == null ? "" : imp.getTitle());
        rt.addValue("ROI", roi);
        for (int i = 0; i < vars.size(); i++) {
            String v = values.get(vars.get(i));
            try {
                rt.addValue(vars.get(i), Double.parseDouble(v));
            } catch (NumberFormatException e) {
                rt.addValue(vars.get(i), v);
            }
            rt.addValue(vars.get(i) + " points", score.points()[i]);
        }
        rt.addValue("Total points", score.total());
        rt.addValue("Linear predictor", score.lp());
        rt.addValue("Risk", score.risk());
        rt.addValue("Nomogram", file);
        rt.setPrecision(4);
        rt.show(TABLE);
        showWindow(new NomogramFigure(nomogram, NomogramModel.titleOf(json), NomogramModel.riskLabelOf(json), score));
        IJ.log(String.format(java.util.Locale.ROOT, "%s: total %.1f points, linear predictor %.4f, risk %.4f%s", NAME,
                score.total(), score.lp(), score.risk(), fromImage ? " (" + signatureVar + " = "
                        + values.get(signatureVar) + " from " + (imp == null ? "" : imp.getTitle()) + ":" + roi + ")" : ""));
    }
}
