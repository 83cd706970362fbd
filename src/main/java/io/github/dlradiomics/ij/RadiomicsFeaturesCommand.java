package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.radiomics.FeatureExtractor;
import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plugins &gt; DLRadiomics &gt; Radiomics Features...: hand-crafted radiomics of the current image, one row
 * per label of its ROIs (the ROI Manager, grouped per label as {@link RoiMasks} describes) or of a label
 * image, in the table "Radiomics". Columns are the same as {@code ./dlrad features} writes (Image, Mask,
 * Label, then PyRadiomics' or IBSI's feature names, unchanged: shape in mm, mm², mm³), after a first
 * column "ROI" naming the row {@code image:label}. The same core call as the command line:
 *
 * <pre>new FeatureExtractor(RadiomicsParams.read(yaml).withLabel(1)).extract(image, mask, false, Naming.PYRADIOMICS);</pre>
 *
 * Macro: {@code run("Radiomics Features...", "parameter_file=[/p.yaml] mask=[mask.nii.gz] labels=all naming=pyradiomics");}
 * or, without a parameter file, {@code "mask=[ROI Manager] bin_width=25 firstorder shape glcm original"} (see
 * docs/macros.md for every key). Unknown keys are errors.
 */
public class RadiomicsFeaturesCommand implements PlugIn {
    static final String NAME = "Radiomics Features";
    /** The results table's title. */
    public static final String TABLE = "Radiomics";
    /** The mask choice that reads the ROI Manager. */
    public static final String ROI_MANAGER = "ROI Manager";
    static final String[] CLASSES = {"firstorder", "shape", "glcm", "gldm", "glrlm", "glszm", "ngtdm"};
    static final String[] INTERPOLATORS = {"sitkBSpline", "sitkLinear", "sitkNearestNeighbor"};
    static final String[] NAMINGS = {"pyradiomics", "ibsi"};
    /** Every macro key, in dialog order. */
    static final List<String> KEYS;

    static {
        List<String> k = new ArrayList<>(List.of("parameter_file", "mask", "labels", "naming", "diagnostics",
                "bin_width", "bin_count", "resampling", "interpolator"));
        k.addAll(List.of(CLASSES));
        k.addAll(List.of("original", "wavelet", "log_sigmas"));
        KEYS = List.copyOf(k);
    }

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, this::measure);
    }

    private void measure() throws java.io.IOException {
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) {
            CommandSupport.fail(NAME, "no image is open");
            return;
        }
        List<String> masks = new ArrayList<>(List.of(ROI_MANAGER));
        for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
            ImagePlus other = WindowManager.getImage(id);
            if (other != null && other != imp && !masks.contains(other.getTitle())) {
                masks.add(other.getTitle());
            }
        }
        if (CommandSupport.isMacro()) {
            Map<String, String> o = MacroKeys.parse(Macro.getOptions());
            MacroKeys.checkKnown(o, KEYS);
            MacroKeys.checkChoice(o, "mask", masks, "an open image's title");
            MacroKeys.checkChoice(o, "naming", List.of(NAMINGS), null);
            MacroKeys.checkChoice(o, "interpolator", List.of(INTERPOLATORS), null);
            MacroKeys.checkNumber(o, "bin_width");
            MacroKeys.checkNumber(o, "bin_count");
        }
        GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
        gd.addMessage("Image: " + imp.getTitle());
        gd.addFileField("Parameter_file (PyRadiomics YAML; optional, replaces the settings below)",
                CommandSupport.pref("features.param", ""), 30);
        String maskPref = CommandSupport.pref("features.mask", ROI_MANAGER);
        gd.addChoice("Mask (label source)", masks.toArray(new String[0]),
                masks.contains(maskPref) ? maskPref : ROI_MANAGER);
        gd.addStringField("Labels (all, or e.g. 1,3)", CommandSupport.pref("features.labels", "all"), 12);
        gd.addChoice("Naming", NAMINGS, CommandSupport.pref("features.naming", "pyradiomics"));
        gd.addCheckbox("Diagnostics (PyRadiomics' diagnostics columns)", CommandSupport.pref("features.diagnostics", 0) != 0);
        gd.setInsets(10, 0, 0);
        gd.addMessage("Settings (used when no parameter file is given):");
        gd.addNumericField("Bin_width", CommandSupport.pref("features.binWidth", 25), 2);
        gd.addNumericField("Bin_count (0: use the bin width)", CommandSupport.pref("features.binCount", 0), 0);
        gd.addStringField("Resampling (mm: x,y,z or one value; blank: none)",
                CommandSupport.pref("features.resampling", ""), 12);
        gd.addChoice("Interpolator", INTERPOLATORS, CommandSupport.pref("features.interpolator", "sitkBSpline"));
        boolean[] on = new boolean[CLASSES.length];
        String classPref = CommandSupport.pref("features.classes", String.join(",", CLASSES));
        for (int i = 0; i < CLASSES.length; i++) {
            on[i] = List.of(classPref.split(",")).contains(CLASSES[i]);
        }
        gd.addCheckboxGroup(2, 4, CLASSES, on, new String[] {"Feature classes", "", "", ""});
        gd.addCheckboxGroup(1, 2, new String[] {"Original", "Wavelet (coif1, level 1: 8 sub-bands)"},
                new boolean[] {CommandSupport.pref("features.original", 1) != 0,
                    CommandSupport.pref("features.wavelet", 0) != 0}, new String[] {"Image types", ""});
        gd.addStringField("LoG_sigmas (mm, e.g. 1,2,3; blank: none)", CommandSupport.pref("features.sigmas", ""), 12);
        gd.addHelp("https://github.com/dlradiomics/DLRadiomics/blob/main/docs/macros.md");
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        String paramFile = gd.getNextString().trim();
        String maskSource = gd.getNextChoice();
        String labelText = gd.getNextString().trim();
        String naming = gd.getNextChoice();
        boolean diagnostics = gd.getNextBoolean();
        double binWidth = gd.getNextNumber();
        double binCount = gd.getNextNumber();
        String resampling = gd.getNextString().trim();
        String interpolator = gd.getNextChoice();
        List<String> classes = new ArrayList<>();
        for (String c : CLASSES) {
            if (gd.getNextBoolean()) {
                classes.add(c);
            }
        }
        boolean original = gd.getNextBoolean();
        boolean wavelet = gd.getNextBoolean();
        String sigmas = gd.getNextString().trim();
        CommandSupport.setPref("features.param", paramFile);
        CommandSupport.setPref("features.mask", maskSource);
        CommandSupport.setPref("features.labels", labelText);
        CommandSupport.setPref("features.naming", naming);
        CommandSupport.setPref("features.diagnostics", diagnostics ? 1 : 0);
        CommandSupport.setPref("features.binWidth", binWidth);
        CommandSupport.setPref("features.binCount", binCount);
        CommandSupport.setPref("features.resampling", resampling);
        CommandSupport.setPref("features.interpolator", interpolator);
        CommandSupport.setPref("features.classes", String.join(",", classes));
        CommandSupport.setPref("features.original", original ? 1 : 0);
        CommandSupport.setPref("features.sigmas", sigmas);
        CommandSupport.setPref("features.wavelet", wavelet ? 1 : 0);

        Volume image = ImagePlusConverter.toVolume(imp);
        RadiomicsParams params = paramFile.isEmpty()
                ? RadiomicsParams.parse(settingsYaml(binWidth, binCount, resampling, interpolator, classes, original,
                        sigmas, wavelet, image.nz() == 1), "the dialog's settings")
                : RadiomicsParams.read(Path.of(paramFile));
        RoiMasks.Mask mask;
        if (maskSource.equals(ROI_MANAGER)) {
            mask = RoiMasks.fromRoiManager(imp, image);
        } else {
            ImagePlus maskImp = WindowManager.getImage(maskSource);
            if (maskImp == null) {
                throw new UserInputException("no open image is titled '" + maskSource + "' (key 'mask')");
            }
            mask = RoiMasks.fromMaskImage(maskImp, imp, image);
        }
        for (String w : mask.warnings()) {
            IJ.log(NAME + ": " + w);
        }
        LinkedHashMap<Integer, String> labels = chooseLabels(labelText, mask.labels());
        List<LinkedHashMap<String, Object>> rows = extract(image, mask.volume(), params, labels, diagnostics,
                FeatureExtractor.Naming.of(naming), CommandSupport.progress(NAME));
        ResultsTable rt = ResultsTable.getResultsTable(TABLE);
        if (rt == null) {
            rt = new ResultsTable();
        }
        int i = 0;
        for (var e : labels.entrySet()) {
            addRow(rt, imp.getTitle() + ":" + e.getValue(), imp.getTitle(), maskSource, e.getKey(), rows.get(i++));
        }
        rt.setPrecision(9);
        rt.show(TABLE);
        IJ.showProgress(1.0);
        IJ.showStatus(NAME + ": " + labels.size() + " label" + (labels.size() == 1 ? "" : "s") + " of "
                + imp.getTitle());
    }

    /**
     * Features of each label (the labels' order), checking Esc between labels (the extractor itself is
     * not interruptible).
     */
    static List<LinkedHashMap<String, Object>> extract(Volume image, Volume mask, RadiomicsParams params,
            Map<Integer, String> labels, boolean diagnostics, FeatureExtractor.Naming naming,
            ProgressListener listener) {
        List<LinkedHashMap<String, Object>> rows = new ArrayList<>();
        int done = 0;
        for (var e : labels.entrySet()) {
            listener.checkCancelled();
            listener.progress(done, labels.size(), "label " + e.getValue());
            try {
                rows.add(new FeatureExtractor(params.withLabel(e.getKey())).extract(image, mask, diagnostics, naming));
            } catch (UserInputException ex) {
                throw new UserInputException("label " + e.getValue() + ": " + ex.getMessage(), ex);
            }
            done++;
        }
        listener.progress(done, labels.size(), "done");
        return rows;
    }

    /**
     * One row. The row's name {@code image:label} is a text column "ROI" rather than ImageJ's row label: that
     * one is headed "Label" (clashing with the CLI's Label column) or, renamed, unreadable from macros.
     */
    private static void addRow(ResultsTable rt, String rowLabel, String image, String mask, int label,
            Map<String, Object> features) {
        rt.incrementCounter();
        rt.addValue("ROI", rowLabel);
        rt.addValue("Image", image);
        rt.addValue("Mask", mask);
        rt.addValue("Label", label);
        for (var f : features.entrySet()) {
            if (f.getValue() instanceof Number n) {
                rt.addValue(f.getKey(), n.doubleValue());
            } else {
                rt.addValue(f.getKey(), String.valueOf(f.getValue()));
            }
        }
    }

    /** "all" or a comma list of labels present in the mask. */
    static LinkedHashMap<Integer, String> chooseLabels(String text, LinkedHashMap<Integer, String> present) {
        if (text.isEmpty() || text.equalsIgnoreCase("all")) {
            return present;
        }
        LinkedHashMap<Integer, String> out = new LinkedHashMap<>();
        for (String p : text.split("[,\\s]+")) {
            Integer found = null;
            for (var e : present.entrySet()) {
                if (e.getValue().equals(p) || String.valueOf(e.getKey()).equals(p)) {
                    found = e.getKey();
                }
            }
            if (found == null) {
                throw new UserInputException("label '" + p + "' is not in the mask (labels: "
                        + String.join(", ", present.values()) + "; key 'labels')");
            }
            out.put(found, present.get(found));
        }
        return out;
    }

    /**
     * The dialog's settings as a PyRadiomics parameter file, so that they are validated and applied exactly
     * as a file would be. A single-slice image gets {@code force2D: true} and shape2D in place of shape.
     */
    static String settingsYaml(double binWidth, double binCount, String resampling, String interpolator,
            List<String> classes, boolean original, String sigmas, boolean wavelet, boolean singleSlice) {
        if (classes.isEmpty()) {
            throw new UserInputException("no feature class chosen (keys " + String.join(", ", CLASSES)
                    + ") and no parameter_file given");
        }
        double[] sigma = numbers(sigmas, "LoG_sigmas");
        if (!original && sigma.length == 0 && !wavelet) {
            throw new UserInputException("no image type chosen (keys original, log_sigmas, wavelet) and no"
                    + " parameter_file given");
        }
        StringBuilder y = new StringBuilder("setting:\n");
        if (binCount > 0) {
            if (binCount != Math.rint(binCount)) {
                throw new UserInputException("'bin_count' must be a whole number (got " + binCount + ")");
            }
            y.append("  binCount: ").append((long) binCount).append('\n');
        } else {
            if (!(binWidth > 0)) {
                throw new UserInputException("'bin_width' must be > 0 (got " + binWidth + "), or give 'bin_count'");
            }
            y.append("  binWidth: ").append(binWidth).append('\n');
        }
        double[] spacing = numbers(resampling, "resampling");
        if (spacing.length == 1) {
            spacing = new double[] {spacing[0], spacing[0], spacing[0]};
        }
        if (spacing.length != 0 && spacing.length != 3) {
            throw new UserInputException("'resampling' needs one or three spacings in mm (x,y,z), got '" + resampling
                    + "'");
        }
        if (spacing.length == 3) {
            y.append("  resampledPixelSpacing: ").append(list(spacing)).append('\n');
        }
        y.append("  interpolator: ").append(interpolator).append('\n');
        if (singleSlice) {
            y.append("  force2D: true\n  force2Ddimension: 0\n");
        }
        if (sigma.length > 0) {
            y.append("  sigma: ").append(list(sigma)).append('\n');
        }
        y.append("imageType:\n");
        if (original) {
            y.append("  Original:\n");
        }
        if (sigma.length > 0) {
            y.append("  LoG:\n");
        }
        if (wavelet) {
            y.append("  Wavelet:\n");
        }
        y.append("featureClass:\n");
        for (String c : RadiomicsParams.FEATURE_CLASSES) { // PyRadiomics' order, as its defaults list them
            if (classes.contains(c)) {
                y.append("  ").append(c.equals("shape") && singleSlice ? "shape2D" : c).append(":\n");
            }
        }
        return y.toString();
    }

    private static double[] numbers(String text, String key) {
        if (text.isBlank()) {
            return new double[0];
        }
        String[] p = text.trim().split("[,;\\s]+");
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            try {
                out[i] = Double.parseDouble(p[i]);
            } catch (NumberFormatException e) {
                throw new UserInputException("'" + key.toLowerCase(Locale.ROOT) + "': '" + p[i] + "' is not a number");
            }
            if (!(out[i] > 0) || Double.isInfinite(out[i])) {
                throw new UserInputException("'" + key.toLowerCase(Locale.ROOT) + "' values must be > 0 (got " + p[i]
                        + ")");
            }
        }
        return out;
    }

    private static String list(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(v[i]);
        }
        return sb.append(']').toString();
    }

    /**
     * Macro options checked before the dialog reads them, so that a typo or a value that is not one of a
     * choice's items is a logged error, never ignored and never a blocking ImageJ dialog.
     */
    static final class MacroKeys {
        private MacroKeys() {
        }

        /** key -> value (null for a checkbox key), as ImageJ writes options: {@code key=value key=[a b] flag}. */
        static Map<String, String> parse(String options) {
            Map<String, String> out = new LinkedHashMap<>();
            String s = options == null ? "" : options;
            int i = 0;
            int n = s.length();
            while (i < n) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    break;
                }
                String key = s.substring(start, i);
                String value = null;
                if (i < n && s.charAt(i) == '=') {
                    i++;
                    if (i < n && s.charAt(i) == '[') {
                        int end = s.indexOf(']', i + 1);
                        end = end < 0 ? n : end;
                        value = s.substring(i + 1, end);
                        i = Math.min(n, end + 1);
                    } else {
                        int vs = i;
                        while (i < n && !Character.isWhitespace(s.charAt(i))) {
                            i++;
                        }
                        value = s.substring(vs, i);
                    }
                }
                out.put(key.toLowerCase(Locale.ROOT), value);
            }
            return out;
        }

        static void checkKnown(Map<String, String> options, List<String> keys) {
            for (String k : options.keySet()) {
                if (!keys.contains(k)) {
                    throw new UserInputException("unknown key '" + k + "' (valid: " + String.join(", ", keys) + ")");
                }
            }
        }

        static void checkChoice(Map<String, String> options, String key, List<String> items, String what) {
            String v = options.get(key);
            if (v != null && !v.startsWith("&") && !items.contains(v)) {
                throw new UserInputException("'" + key + "=" + v + "' is not " + (what == null ? "one of "
                        + String.join(", ", items) : what + " or one of: " + String.join(", ", items)));
            }
        }

        static void checkNumber(Map<String, String> options, String key) {
            String v = options.get(key);
            if (v != null && !v.startsWith("&") && !v.isEmpty()) {
                try {
                    Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new UserInputException("'" + key + "=" + v + "' is not a number");
                }
            }
        }
    }
}
