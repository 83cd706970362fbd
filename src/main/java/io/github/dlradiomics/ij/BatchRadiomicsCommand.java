package io.github.dlradiomics.ij;

import io.github.dlradiomics.radiomics.BatchExtraction;
import io.github.dlradiomics.radiomics.FeatureExtractor;
import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.util.UserInputException;
import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Plugins &gt; DLRadiomics &gt; Batch Radiomics...: features of many image/mask pairs into one CSV, the same
 * core call as {@code ./dlrad features --batch} ({@link BatchExtraction}): bad cases do not stop the batch;
 * they are listed in the Log and in the CSV's {@code errors} column. Input: a CSV with Image, Mask (and
 * optional Label) columns, or a folder holding either {@code images/} and {@code masks/} (pairs by equal
 * file names) or {@code <case>_image.*} with {@code <case>_mask.*} (or {@code _label.*}) files.
 *
 * <pre>List&lt;BatchExtraction.Case&gt; cases = BatchRadiomicsCommand.casesOf(Path.of("/data/study"));</pre>
 *
 * Macro: {@code run("Batch Radiomics...", "input=[/data/study] output=[/data/features.csv] parameter_file=[] naming=pyradiomics jobs=1");}
 */
public class BatchRadiomicsCommand implements PlugIn {
    static final String NAME = "Batch Radiomics";
    static final List<String> KEYS = List.of("input", "output", "parameter_file", "naming", "diagnostics", "jobs");
    private static final Pattern IMAGE_FILE = Pattern.compile("(?i)(.+?)\\.(nii\\.gz|nii|nrrd|nhdr|tiff?|dcm)");
    private static final Pattern PAIRED = Pattern.compile("(?i)(.+)_(image|mask|label)\\.(nii\\.gz|nii|nrrd|nhdr|tiff?)");

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, this::batch);
    }

    private void batch() throws IOException {
        if (CommandSupport.isMacro()) {
            Map<String, String> o = RadiomicsFeaturesCommand.MacroKeys.parse(Macro.getOptions());
            RadiomicsFeaturesCommand.MacroKeys.checkKnown(o, KEYS);
            RadiomicsFeaturesCommand.MacroKeys.checkChoice(o, "naming", List.of(RadiomicsFeaturesCommand.NAMINGS), null);
            RadiomicsFeaturesCommand.MacroKeys.checkNumber(o, "jobs");
        }
        GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
        gd.addMessage("A folder with images/ and masks/ (or <case>_image / <case>_mask files),\n"
                + "or a CSV with Image, Mask and optional Label columns.");
        gd.addFileField("Input (folder or CSV)", CommandSupport.pref("batch.input", ""), 30);
        gd.addFileField("Output CSV", CommandSupport.pref("batch.output", ""), 30);
        gd.addFileField("Parameter_file (PyRadiomics YAML; blank: PyRadiomics' defaults)",
                CommandSupport.pref("batch.param", ""), 30);
        gd.addChoice("Naming", RadiomicsFeaturesCommand.NAMINGS, CommandSupport.pref("batch.naming", "pyradiomics"));
        gd.addCheckbox("Diagnostics (PyRadiomics' diagnostics columns)", CommandSupport.pref("batch.diagnostics", 0) != 0);
        gd.addNumericField("Jobs (cases in parallel)", CommandSupport.pref("batch.jobs", 1), 0);
        gd.addHelp("https://github.com/dlradiomics/DLRadiomics/blob/main/docs/macros.md");
        gd.showDialog();
        if (gd.wasCanceled()) {
            return;
        }
        String input = gd.getNextString().trim();
        String output = gd.getNextString().trim();
        String param = gd.getNextString().trim();
        String naming = gd.getNextChoice();
        boolean diagnostics = gd.getNextBoolean();
        double jobs = gd.getNextNumber();
        if (input.isEmpty()) {
            throw new UserInputException("no input folder or CSV given (key 'input')");
        }
        if (output.isEmpty()) {
            throw new UserInputException("no output CSV given (key 'output')");
        }
        if (!(jobs >= 1) || jobs != Math.rint(jobs)) {
            throw new UserInputException("'jobs' must be a whole number >= 1 (got " + jobs + ")");
        }
        CommandSupport.setPref("batch.input", input);
        CommandSupport.setPref("batch.output", output);
        CommandSupport.setPref("batch.param", param);
        CommandSupport.setPref("batch.naming", naming);
        CommandSupport.setPref("batch.diagnostics", diagnostics ? 1 : 0);
        CommandSupport.setPref("batch.jobs", (int) jobs);
        RadiomicsParams params = param.isEmpty() ? RadiomicsParams.defaults() : RadiomicsParams.read(Path.of(param));
        List<BatchExtraction.Case> cases = casesOf(Path.of(input));
        IJ.log(NAME + ": " + cases.size() + " case" + (cases.size() == 1 ? "" : "s") + " from " + input);
        BatchExtraction.Result r = BatchExtraction.run(cases, params, Path.of(output), (int) jobs, diagnostics,
                FeatureExtractor.Naming.of(naming), CommandSupport.progress(NAME));
        IJ.showProgress(1.0);
        for (String f : r.failed()) {
            IJ.log(NAME + ": case " + f);
        }
        IJ.log(NAME + ": wrote " + r.written() + " rows to " + output
                + (r.failed().isEmpty() ? "" : "; " + r.failed().size() + " failed (see their 'errors' column)"));
    }

    /** The cases of a CSV (as {@code ./dlrad features --batch} reads it) or of a folder (see the class comment). */
    public static List<BatchExtraction.Case> casesOf(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return BatchExtraction.readCases(input);
        }
        if (!Files.isDirectory(input)) {
            throw new UserInputException(input + ": no such folder or CSV file");
        }
        TreeMap<String, Path[]> pairs = new TreeMap<>();
        Path images = input.resolve("images");
        Path masks = input.resolve("masks");
        if (Files.isDirectory(images) && Files.isDirectory(masks)) {
            for (Path p : list(images)) {
                pairs.computeIfAbsent(stem(p), k -> new Path[2])[0] = p;
            }
            for (Path p : list(masks)) {
                pairs.computeIfAbsent(stem(p), k -> new Path[2])[1] = p;
            }
        } else {
            for (Path p : list(input)) {
                Matcher m = PAIRED.matcher(p.getFileName().toString());
                if (m.matches()) {
                    int slot = m.group(2).toLowerCase(Locale.ROOT).equals("image") ? 0 : 1;
                    Path[] pair = pairs.computeIfAbsent(m.group(1), k -> new Path[2]);
                    if (pair[slot] != null) {
                        throw new UserInputException(input + ": case '" + m.group(1) + "' has two "
                                + (slot == 0 ? "image" : "mask") + " files (" + pair[slot].getFileName() + ", "
                                + p.getFileName() + ")");
                    }
                    pair[slot] = p;
                }
            }
        }
        if (pairs.isEmpty()) {
            throw new UserInputException(input + ": no cases found; expected images/ and masks/ folders with equal file"
                    + " names, <case>_image and <case>_mask files, or a CSV with Image and Mask columns");
        }
        List<BatchExtraction.Case> cases = new ArrayList<>();
        List<String> unpaired = new ArrayList<>();
        for (var e : pairs.entrySet()) {
            Path[] p = e.getValue();
            if (p[0] == null || p[1] == null) {
                unpaired.add(e.getKey() + " (no " + (p[0] == null ? "image" : "mask") + ")");
                continue;
            }
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("Case", e.getKey());
            inputs.put("Image", p[0].toString());
            inputs.put("Mask", p[1].toString());
            cases.add(new BatchExtraction.Case(inputs, p[0], p[1], null));
        }
        if (!unpaired.isEmpty()) {
            throw new UserInputException(input + ": unpaired files: " + String.join(", ", unpaired));
        }
        return cases;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> IMAGE_FILE.matcher(p.getFileName().toString()).matches() || Files.isDirectory(p))
                    .sorted().toList();
        }
    }

    /** A case name: the file name without its image extension (a DICOM series folder keeps its name). */
    private static String stem(Path p) {
        Matcher m = IMAGE_FILE.matcher(p.getFileName().toString());
        return m.matches() ? m.group(1) : p.getFileName().toString();
    }
}
