package io.github.dlradiomics.cli;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.radiomics.BatchExtraction;
import io.github.dlradiomics.radiomics.FeatureExtractor;
import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./dlrad features}: PyRadiomics-compatible features for one case or a batch. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Hand-crafted radiomics features with PyRadiomics' definitions and names "
                + "(original_glcm_Contrast ...), one wide CSV row per case.",
            "Parameter files use the PyRadiomics YAML schema (docs/params.md); unknown keys are errors."})
final class FeaturesCommand implements Callable<Integer> {
    static final class Single {
        @Option(names = "--image", required = true, paramLabel = "IMG", description = "image (NIfTI, NRRD, DICOM)")
        Path image;

        @Option(names = "--mask", required = true, paramLabel = "MASK", description = "label mask on the image's grid")
        Path mask;
    }

    static final class Input {
        @ArgGroup(exclusive = false)
        Single single;

        @Option(names = "--batch", paramLabel = "CASES.csv",
                description = "CSV with Image, Mask and optional Label columns (other columns are passed through)")
        Path batch;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--label", paramLabel = "N", description = "mask label (overrides the parameter file; default 1)")
    Integer label;

    @Option(names = "--param", paramLabel = "YAML", description = "PyRadiomics parameter file (default: PyRadiomics' defaults)")
    Path param;

    @Option(names = "--out", paramLabel = "CSV", description = "output CSV (default: standard output)")
    Path out;

    @Option(names = "--diagnostics", description = "add PyRadiomics' diagnostics_* columns")
    boolean diagnostics;

    @Option(names = "--naming", defaultValue = "pyradiomics", paramLabel = "pyradiomics|ibsi",
            description = "PyRadiomics' definitions and names (default), or IBSI's: every IBSI-1 family and aggregation,"
                    + " columns named by IBSI tags (morph_volume, cm_joint_max_3D_avg...)")
    String naming;

    @Option(names = "--jobs", defaultValue = "1", paramLabel = "N", description = "cases in parallel (default: ${DEFAULT-VALUE})")
    int jobs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RadiomicsParams params = param == null ? RadiomicsParams.defaults() : RadiomicsParams.read(param);
        if (label != null) {
            if (label < 1) {
                throw new UserInputException("--label must be >= 1 (got " + label + ")");
            }
            params = params.withLabel(label);
        }
        if (jobs < 1) {
            throw new UserInputException("--jobs must be >= 1 (got " + jobs + ")");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (input.batch != null) {
            List<BatchExtraction.Case> cases = BatchExtraction.readCases(input.batch);
            Path target = out;
            Path tmp = null;
            if (target == null) {
                tmp = Files.createTempFile("dlrad-features", ".csv");
                target = tmp;
            }
            BatchExtraction.Result r = BatchExtraction.run(cases, params, target, jobs, diagnostics,
                    FeatureExtractor.Naming.of(naming), new ConsoleProgress(err));
            if (tmp != null) {
                stdout.print(Files.readString(tmp));
                Files.deleteIfExists(tmp);
            } else {
                err.println("Wrote " + r.written() + " rows to " + out);
            }
            if (!r.failed().isEmpty()) {
                err.println("dlrad: " + r.failed().size() + " of " + cases.size()
                        + " cases failed (their rows have an 'errors' entry):");
                for (String f : r.failed()) {
                    err.println("  " + f);
                }
                return Main.EXIT_BAD_INPUT;
            }
            return 0;
        }
        Volume image = Volumes.read(input.single.image);
        Volume mask = Volumes.read(input.single.mask);
        LinkedHashMap<String, Object> row;
        try {
            row = new FeatureExtractor(params).extract(image, mask, diagnostics, FeatureExtractor.Naming.of(naming));
        } catch (UserInputException e) {
            throw new UserInputException(input.single.mask + ": " + e.getMessage(), e);
        }
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("Image", input.single.image.toString());
        full.put("Mask", input.single.mask.toString());
        full.put("Label", params.settings.label);
        full.putAll(row);
        StringWriter sw = new StringWriter();
        writeCsv(sw, full);
        if (out == null) {
            stdout.print(sw);
        } else {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, sw.toString());
            err.println("Wrote " + (row.size()) + " columns to " + out);
        }
        return 0;
    }

    static void writeCsv(Writer w, Map<String, Object> row) throws java.io.IOException {
        Csv.writeLine(w, new ArrayList<>(row.keySet()));
        Csv.writeLine(w, new ArrayList<>(row.values()));
    }
}
