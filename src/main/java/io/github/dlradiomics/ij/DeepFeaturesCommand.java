package io.github.dlradiomics.ij;

import io.github.dlradiomics.deep.DeepFeatures;
import io.github.dlradiomics.deep.DeepModel;
import io.github.dlradiomics.deep.ModelDescriptor;
import io.github.dlradiomics.deep.ModelResolver;
import io.github.dlradiomics.deep.Sampling25D;
import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.roi.SliceAxis;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plugins &gt; DLRadiomics &gt; Deep Features (2.5D)...: deep features (or class probabilities) of the
 * current image from an ONNX model, one row per label in the table "Deep Features". The labels come from
 * the ROI Manager (the one ROI rule of {@link RoiConversion}; the Manager is only read) or from a label
 * image; per label the largest-ROI slice along the axis (the slice Largest ROI Slice reports) and K
 * neighbours are cropped, resized and run through the model, as {@code ./dlrad deep} does. Mask "None"
 * takes the whole current slice (an RGB picture as colour). Columns: ROI ({@code image:label}), Image,
 * Mask, Label, Axis, Slice (1-based), Slices (1-based, ';'-separated), then DL_0001 ... or, for logits,
 * Top1, Top1 label, Top1 p and p_0000 .... The model file, its source and SHA-256 and the settings go to the
 * Log. One loaded model is kept between runs. The same core call as the command line:
 *
 * <pre>new DeepFeatures(DeepModel.load(descriptor, file, threads), settings).extract(List.of(DeepFeatures.Job.of(id, image, mask, null, Map.of())), listener, null);</pre>
 *
 * Macro: {@code run("Deep Features (2.5D)...", "mask=[ROI Manager] labels=all model=squeezenet1.1-imagenet
 * descriptor=[] model_file=[/models/squeezenet1.1_imagenet_fp32.onnx] output=features axis=auto neighbours=0
 * mode=per-slice aggregate=mean margin=0 square outside=none intensity=[] threads=4");} (docs/macros.md).
 */
public class DeepFeaturesCommand implements PlugIn {
    static final String NAME = "Deep Features";
    /** The results table's title. */
    public static final String TABLE = "Deep Features";
    /** The mask choice that reads the ROI Manager. */
    public static final String ROI_MANAGER = "ROI Manager";
    /** The mask choice for the whole current slice without a mask. */
    public static final String NONE = "None";
    static final String DEFAULT_MODEL = "resnet50-imagenet";
    static final String[] AXES = {"auto", "X", "Y", "Z"};
    static final String[] MODES = {"per-slice", "channels"};
    static final String[] AGGREGATES = {"mean", "max", "concat"};
    static final String[] OUTSIDE = {"none", "zero"};
    static final String[] OUTPUTS = {"features", "logits"};
    static final int BATCH_SIZE = 8;
    /** Every macro key, in dialog order. */
    static final List<String> KEYS = List.of("mask", "labels", "model", "descriptor", "model_file", "offline", "output",
            "axis", "neighbours", "mode", "aggregate", "margin", "square", "outside", "intensity", "threads");

    /** The loaded model kept between runs, and what it was loaded from; guarded by the class. */
    private static DeepModel loaded;
    private static String loadedKey;

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, this::measure);
    }

    private void measure() throws IOException {
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) {
            CommandSupport.fail(NAME, "no image is open");
            return;
        }
        List<String> masks = new ArrayList<>(List.of(ROI_MANAGER, NONE));
        for (String t : RoiConversion.imageTitles()) {
            if (!t.equals(imp.getTitle()) && !masks.contains(t)) {
                masks.add(t);
            }
        }
        List<String> models = ModelDescriptor.builtIns().stream().map(ModelDescriptor::name).toList();
        if (CommandSupport.isMacro()) {
            Map<String, String> o = RadiomicsFeaturesCommand.MacroKeys.parse(Macro.getOptions());
            RadiomicsFeaturesCommand.MacroKeys.checkKnown(o, KEYS);
            RadiomicsFeaturesCommand.MacroKeys.checkChoice(o, "mask", masks, "an open image's title");
            RadiomicsFeaturesCommand.MacroKeys.checkChoice(o, "model", models, "a built-in model (or give 'descriptor')");
            RadiomicsFeaturesCommand.MacroKeys.checkChoice(o, "output", List.of(OUTPUTS), null);
            RadiomicsFeaturesCommand.MacroKeys.checkChoice(o, "axis", List.of(AXES), null);
            RadiomicsFeaturesCommand.MacroKeys.checkChoice(o, "mode", List.of(MODES), null);
            RadiomicsFeaturesCommand.MacroKeys.checkChoice(o, "aggregate", List.of(AGGREGATES), null);
            RadiomicsFeaturesCommand.MacroKeys.checkChoice(o, "outside", List.of(OUTSIDE), null);
            for (String k : List.of("neighbours", "margin", "threads")) {
                RadiomicsFeaturesCommand.MacroKeys.checkNumber(o, k);
            }
        }
        int processors = Runtime.getRuntime().availableProcessors();
        GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
        gd.addMessage("Image: " + imp.getTitle());
        String maskPref = CommandSupport.pref("deep.mask", ROI_MANAGER);
        gd.addChoice("Mask (ROI Manager, label image, or None: whole slice)", masks.toArray(new String[0]),
                masks.contains(maskPref) ? maskPref : ROI_MANAGER);
        gd.addStringField("Labels (all, or e.g. 1,3)", CommandSupport.pref("deep.labels", "all"), 12);
        String modelPref = CommandSupport.pref("deep.model", DEFAULT_MODEL);
        gd.addChoice("Model (built-in; docs/models.md)", models.toArray(new String[0]),
                models.contains(modelPref) ? modelPref : models.contains(DEFAULT_MODEL) ? DEFAULT_MODEL : models.get(0));
        gd.addFileField("Descriptor (.json of another model; replaces Model)",
                CommandSupport.pref("deep.descriptor", ""), 30);
        gd.addFileField("Model_file (.onnx; empty: searched, see docs/models.md)",
                CommandSupport.pref("deep.modelFile", ""), 30);
        gd.addCheckbox("Offline (never download a model)", CommandSupport.pref("deep.offline", 0) != 0);
        gd.addChoice("Output (feature vector, or class probabilities)", OUTPUTS, CommandSupport.pref("deep.output", "features"));
        gd.setInsets(10, 0, 0);
        gd.addMessage("2.5D sampling of ROIs: the largest ROI slice along the axis, K neighbours each side");
        gd.addChoice("Axis (auto: sagittal; Z: the stack's)", AXES, CommandSupport.pref("deep.axis", "auto"));
        gd.addNumericField("Neighbours (K slices on each side)", CommandSupport.pref("deep.neighbours", 0), 0);
        gd.addChoice("Mode (channels: s-1, s, s+1 as colours, K = 1)", MODES,
                CommandSupport.pref("deep.mode", "per-slice"));
        gd.addChoice("Aggregate (per-slice vectors)", AGGREGATES, CommandSupport.pref("deep.aggregate", "mean"));
        gd.addNumericField("Margin (mm of context around the ROI)", CommandSupport.pref("deep.margin", 0), 1);
        gd.addCheckbox("Square crop (widened to a square in mm)", CommandSupport.pref("deep.square", 1) != 0);
        gd.addChoice("Outside (pixels outside the ROI: kept, or set to 0)", OUTSIDE, CommandSupport.pref("deep.outside", "none"));
        gd.addStringField("Intensity (auto, minmax, zscore, window:LO,HI; empty: model's)",
                CommandSupport.pref("deep.intensity", ""), 14);
        gd.addNumericField("Threads (ONNX Runtime)", CommandSupport.pref("deep.threads", processors), 0);
        gd.addHelp("https://github.com/dlradiomics/DLRadiomics/blob/main/docs/macros.md");
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        String maskSource = gd.getNextChoice();
        String labelText = gd.getNextString().trim();
        String modelName = gd.getNextChoice();
        String descriptorFile = gd.getNextString().trim();
        String modelFile = gd.getNextString().trim();
        boolean offline = gd.getNextBoolean();
        String output = gd.getNextChoice();
        String axisChoice = gd.getNextChoice();
        double neighbours = gd.getNextNumber();
        String mode = gd.getNextChoice();
        String aggregate = gd.getNextChoice();
        double margin = gd.getNextNumber();
        boolean square = gd.getNextBoolean();
        String outside = gd.getNextChoice();
        String intensity = gd.getNextString().trim();
        double threads = gd.getNextNumber();
        CommandSupport.setPref("deep.mask", maskSource);
        CommandSupport.setPref("deep.labels", labelText);
        CommandSupport.setPref("deep.model", modelName);
        CommandSupport.setPref("deep.descriptor", descriptorFile);
        CommandSupport.setPref("deep.modelFile", modelFile);
        CommandSupport.setPref("deep.offline", offline ? 1 : 0);
        CommandSupport.setPref("deep.output", output);
        CommandSupport.setPref("deep.axis", axisChoice);
        CommandSupport.setPref("deep.neighbours", neighbours);
        CommandSupport.setPref("deep.mode", mode);
        CommandSupport.setPref("deep.aggregate", aggregate);
        CommandSupport.setPref("deep.margin", margin);
        CommandSupport.setPref("deep.square", square ? 1 : 0);
        CommandSupport.setPref("deep.outside", outside);
        CommandSupport.setPref("deep.intensity", intensity);
        CommandSupport.setPref("deep.threads", threads);
        int k = whole(neighbours, 0, "neighbours");
        int nThreads = whole(threads, 1, "threads");

        // The input first, so that a wrong image or ROI is reported before a model is looked for.
        boolean wholeSlice = maskSource.equals(NONE);
        int currentSlice = RoiConversion.currentSlice(imp);
        Volume image = null;
        RoiMasks.Mask mask = null;
        LinkedHashMap<Integer, String> labels = new LinkedHashMap<>();
        SliceAxis axis = SliceAxis.Z;
        if (wholeSlice) {
            RoiConversion.geometry(imp); // refuses hyperstacks
            // The ROI settings do not apply to a whole slice (and may be remembered from a run on ROIs).
            k = 0;
            mode = "per-slice";
            outside = "none";
            if (!isColour(imp)) {
                image = sliceVolume(imp, currentSlice);
            }
        } else {
            image = ImagePlusConverter.toVolume(imp);
            if (maskSource.equals(ROI_MANAGER)) {
                mask = RoiMasks.fromRoiManager(imp, image);
            } else {
                mask = RoiMasks.fromMaskImage(RoiConversion.image(maskSource), imp, image);
            }
            for (String w : mask.warnings()) {
                IJ.log(NAME + ": " + w);
            }
            labels = RadiomicsFeaturesCommand.chooseLabels(labelText, mask.labels());
            axis = RoiConversion.axis(axisChoice, image);
        }

        ModelDescriptor d = ModelDescriptor.find(descriptorFile.isEmpty() ? modelName : descriptorFile);
        ProgressListener listener = CommandSupport.progress(NAME);
        ModelResolver.Resolved file = resolve(d, modelFile.isEmpty() ? null : Path.of(modelFile), offline, listener);
        Sampling25D.Settings sampling = new Sampling25D.Settings(axis, k, Sampling25D.Mode.parse(mode), margin, square,
                Sampling25D.MaskMode.parse(outside), intensity.isEmpty() ? d.normalisation().intensity().toString()
                        : intensity, d.input().width(), d.input().height(), d.input().channels());
        DeepFeatures.Settings settings = new DeepFeatures.Settings(sampling, DeepFeatures.Aggregation.parse(aggregate),
                DeepModel.Output.parse(output), BATCH_SIZE, "DL");

        String title = imp.getTitle();
        List<DeepFeatures.Job> jobs = new ArrayList<>();
        if (!wholeSlice) {
            // One job per label: Esc is honoured between labels, and a failing label names itself.
            for (int label : labels.keySet()) {
                jobs.add(DeepFeatures.Job.of(title, image, mask.volume(), List.of(label), Map.of()));
            }
        } else if (image != null) {
            jobs.add(DeepFeatures.Job.of(title, image, null, null, Map.of()));
        } else {
            ImageProcessor ip = imp.getStack().getProcessor(currentSlice);
            int[] argb = (int[]) (imp.getType() == ImagePlus.COLOR_RGB ? ip : ip.convertToColorProcessor()).getPixels();
            int w = imp.getWidth();
            int h = imp.getHeight();
            jobs.add(new DeepFeatures.Job(title, null, null, null, () -> Sampling25D.rgb(title, argb, w, h, sampling),
                    Map.of()));
        }

        DeepFeatures.Result result;
        synchronized (DeepFeaturesCommand.class) {
            IJ.showStatus(NAME + ": loading " + d.name());
            DeepModel model = model(d, file, nThreads);
            DeepFeatures df = new DeepFeatures(model, settings);
            Path labelsFile = ModelResolver.labelsFile(d, file);
            if (labelsFile != null) {
                df.withClassLabels(DeepFeatures.readClassLabels(labelsFile));
            }
            IJ.log(NAME + ": model " + d.name() + " (" + d.title() + "): " + file.file() + " (" + file.source()
                    + "), sha256 " + file.sha256() + ", " + nThreads + " thread" + (nThreads == 1 ? "" : "s"));
            IJ.log(NAME + ": " + title + ", mask " + maskSource + (wholeSlice ? " (the whole slice " + currentSlice
                    + "; axis, neighbours, mode, aggregate, margin and outside apply to ROIs only)"
                    : ", labels " + String.join(", ", labels.values()) + ", axis " + axis.name() + " (" + axisChoice
                    + "), neighbours " + k + ", mode " + mode + ", aggregate " + aggregate + ", margin " + number(margin)
                    + " mm, " + (square ? "square crop" : "crop stretched") + ", outside " + outside) + ", intensity "
                    + sampling.intensity() + ", output " + output + ", input " + sampling.width() + "x"
                    + sampling.height() + "x" + sampling.channels());
            result = df.extract(jobs, quiet(listener), null);
        }
        ResultsTable rt = ResultsTable.getResultsTable(TABLE);
        if (rt == null) {
            rt = new ResultsTable();
        }
        for (DeepFeatures.Row row : result.rows()) {
            addRow(rt, title, maskSource, wholeSlice ? "whole" : labels.get(row.label()), row, axis,
                    wholeSlice ? currentSlice : 0);
        }
        rt.setPrecision(9);
        if (!result.rows().isEmpty()) {
            rt.show(TABLE);
        }
        IJ.showProgress(1.0);
        if (!result.failures().isEmpty()) {
            List<String> why = new ArrayList<>();
            for (DeepFeatures.Failure f : result.failures()) {
                why.add(f.message());
            }
            CommandSupport.fail(NAME, String.join("; ", why));
            return;
        }
        IJ.showStatus(NAME + ": " + result.rows().size() + " row" + (result.rows().size() == 1 ? "" : "s") + " of " + title);
    }

    /**
     * One row: the row's name {@code image:label} in a text column "ROI" (ImageJ's row-label column would be
     * headed "Label", clashing with the label value), slices 1-based as ImageJ counts them.
     */
    private static void addRow(ResultsTable rt, String image, String mask, String labelName, DeepFeatures.Row row,
            SliceAxis axis, int wholeSlice) {
        rt.incrementCounter();
        rt.addValue("ROI", image + ":" + labelName);
        rt.addValue("Image", image);
        rt.addValue("Mask", mask);
        rt.addValue("Label", row.label());
        rt.addValue("Axis", axis.name());
        if (wholeSlice > 0) {
            rt.addValue("Slice", wholeSlice);
            rt.addValue("Slices", String.valueOf(wholeSlice));
        } else {
            rt.addValue("Slice", row.slice() + 1);
            List<String> slices = new ArrayList<>();
            for (String s : String.valueOf(row.values().get("Slices")).split(";")) {
                slices.add(String.valueOf(Integer.parseInt(s.trim()) + 1));
            }
            rt.addValue("Slices", String.join(";", slices));
        }
        for (var e : row.values().entrySet()) {
            if (List.of("Label", "Axis", "Slice", "Slices").contains(e.getKey())) {
                continue;
            }
            if (e.getValue() instanceof Number n) {
                rt.addValue(e.getKey(), n.doubleValue());
            } else {
                rt.addValue(e.getKey(), String.valueOf(e.getValue()));
            }
        }
    }

    /**
     * The model file (Fiji's models/ folder searched), with a missing or wrong file as one line that says
     * how to add a model in Fiji's words.
     */
    private static ModelResolver.Resolved resolve(ModelDescriptor d, Path explicit, boolean offline,
            ProgressListener listener) {
        if (System.getProperty("dlrad.fiji.dir") == null && IJ.getDirectory("imagej") != null) {
            System.setProperty("dlrad.fiji.dir", IJ.getDirectory("imagej"));
        }
        try {
            return ModelResolver.fromEnvironment(offline).resolve(d, explicit, listener);
        } catch (UserInputException e) {
            String m = e.getMessage().replace("pass --model-file PATH", "give its path as Model_file (key model_file)")
                    .replace("downloads are off: allow them to fetch", "Offline is ticked: untick it to download");
            if (!m.contains("docs/models.md")) {
                m += " (how to add a model: docs/models.md)";
            }
            throw new UserInputException(m, e);
        }
    }

    /** The loaded model, reused when descriptor, file (path and hash) and threads are those of the last run. */
    private static DeepModel model(ModelDescriptor d, ModelResolver.Resolved file, int threads) throws IOException {
        String key = d.toJson() + "|" + d.baseDir() + "|" + file.file().toAbsolutePath() + "|" + file.sha256() + "|"
                + threads;
        if (loaded != null && key.equals(loadedKey)) {
            return loaded;
        }
        if (loaded != null) {
            loaded.close();
            loaded = null;
            loadedKey = null;
        }
        loaded = DeepModel.load(d, file.file(), threads);
        loadedKey = key;
        return loaded;
    }

    /** The model kept from the last run, or null (for tests). */
    static synchronized DeepModel loadedModel() {
        return loaded;
    }

    /** Progress and Esc without the core's per-case log lines: failures are reported once, by this command. */
    private static ProgressListener quiet(ProgressListener l) {
        return new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
                l.progress(done, total, message);
            }

            @Override
            public boolean isCancelled() {
                return l.isCancelled();
            }
        };
    }

    private static boolean isColour(ImagePlus imp) {
        return imp.getType() == ImagePlus.COLOR_RGB || imp.getType() == ImagePlus.COLOR_256;
    }

    /** One slice of a grey image as a 2D volume with the image's calibration and pixel type. */
    private static Volume sliceVolume(ImagePlus imp, int slice) {
        ImagePlus one = new ImagePlus(imp.getTitle(), imp.getStack().getProcessor(slice));
        one.setCalibration(imp.getCalibration().copy());
        String type = imp.getProp(ImagePlusConverter.PROP_PIXEL_TYPE);
        if (type != null) {
            one.setProp(ImagePlusConverter.PROP_PIXEL_TYPE, type);
        }
        return ImagePlusConverter.toVolume(one);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static int whole(double v, int min, String key) {
        if (Double.isNaN(v) || v != Math.rint(v) || v < min || v > 4096) {
            throw new UserInputException("'" + key + "' must be a whole number >= " + min + " (got " + v + ")");
        }
        return (int) v;
    }

    /** Class names, one a line, as {@code index,label} or the label alone. */
}
