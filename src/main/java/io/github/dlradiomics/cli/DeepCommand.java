package io.github.dlradiomics.cli;

import io.github.dlradiomics.deep.DeepFeatures;
import io.github.dlradiomics.deep.DeepModel;
import io.github.dlradiomics.deep.ModelDescriptor;
import io.github.dlradiomics.deep.ModelResolver;
import io.github.dlradiomics.deep.Sample;
import io.github.dlradiomics.deep.Sampling25D;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.radiomics.BatchExtraction;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./dlrad deep}: 2.5D deep features (or class probabilities) from an ONNX model. */
@Command(name = "deep", mixinStandardHelpOptions = true,
        description = {"2.5D deep features: the largest-area ROI slice along an axis (sagittal by default) and K "
                + "neighbours, cropped to the ROI (+ margin), resized to the model's input and run through an "
                + "ONNX model (DJL, ONNX Runtime, offline); the pooled feature vector (e.g. ResNet50's 2048-d "
                + "average pool) per case and label.",
            "Without --mask the whole 2D image (or PNG/JPEG picture) is the input. Models: docs/models.md."})
final class DeepCommand implements Callable<Integer> {
    static final class Single {
        @Option(names = "--image", required = true, paramLabel = "IMG",
                description = "image (NIfTI, NRRD, DICOM, TIFF) or a picture (PNG, JPEG, BMP)")
        Path image;

        @Option(names = "--mask", paramLabel = "MASK", description = "label mask on the image's grid (omit: whole 2D image)")
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

    @Option(names = "--label", paramLabel = "N[,N...]", split = ",",
            description = "mask label(s) (default: the batch's Label column, else every label in the mask)")
    List<Integer> labels;

    @Option(names = "--model", defaultValue = "resnet50-imagenet", paramLabel = "NAME|JSON",
            description = "built-in descriptor (resnet50-imagenet, radimagenet-resnet50, squeezenet1.1-imagenet) or a "
                    + "descriptor JSON (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--model-file", paramLabel = "ONNX", description = "the model file (default: found by the "
            + "resolution order: descriptor folder, Fiji models/, DLRAD_MODEL_PATH, cache, download)")
    Path modelFile;

    @Option(names = "--offline", description = "never download a model")
    boolean offline;

    @Option(names = "--axis", defaultValue = "sagittal", paramLabel = "AXIS",
            description = "sagittal, coronal, axial, x, y or z (default: ${DEFAULT-VALUE})")
    String axis;

    @Option(names = "--neighbours", defaultValue = "0", paramLabel = "K",
            description = "slices on each side of the largest ROI slice (default: ${DEFAULT-VALUE})")
    int neighbours;

    @Option(names = "--mode", defaultValue = "per-slice", paramLabel = "channels|per-slice",
            description = "channels: slices s-1, s, s+1 are the 3 input channels (K = 1); per-slice: every slice "
                    + "through the model, vectors aggregated (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--aggregate", defaultValue = "mean", paramLabel = "mean|max|concat",
            description = "per-slice vectors combined by (default: ${DEFAULT-VALUE})")
    String aggregate;

    @Option(names = "--margin", defaultValue = "0", paramLabel = "MM",
            description = "context around the ROI's bounding box, mm (default: ${DEFAULT-VALUE})")
    double marginMm;

    @Option(names = "--no-square", description = "stretch the crop to the input size instead of widening it to a "
            + "square in mm")
    boolean noSquare;

    @Option(names = "--mask-outside", defaultValue = "none", paramLabel = "none|zero",
            description = "pixels outside the ROI: kept, or set to 0 after intensity mapping (default: ${DEFAULT-VALUE})")
    String maskOutside;

    @Option(names = "--intensity", paramLabel = "RULE",
            description = "auto, minmax, zscore or window:LO,HI (e.g. window:-1000,2000 for CT); default: the descriptor's")
    String intensity;

    @Option(names = "--size", paramLabel = "WxH", description = "input size for models with a dynamic input size")
    String size;

    @Option(names = "--output", defaultValue = "features", paramLabel = "features|logits",
            description = "feature vector, or class probabilities (default: ${DEFAULT-VALUE})")
    String output;

    @Option(names = "--prefix", defaultValue = "DL", paramLabel = "NAME", description = "feature column prefix "
            + "(default: ${DEFAULT-VALUE}, giving DL_0001 ...)")
    String prefix;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime threads (default: all processors)")
    Integer threads;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
            description = "slices per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--out", paramLabel = "CSV", description = "output CSV (default: standard output); the run's "
            + "provenance goes beside it as <name>.provenance.json")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        ModelDescriptor d = withSize(ModelDescriptor.find(model), size);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        ModelResolver resolver = ModelResolver.fromEnvironment(offline);
        ModelResolver.Resolved file = resolver.resolve(d, modelFile, new ConsoleProgress(err));
        Sampling25D.Settings sampling = new Sampling25D.Settings(axis, neighbours, Sampling25D.Mode.parse(mode), marginMm,
                !noSquare, Sampling25D.MaskMode.parse(maskOutside),
                intensity != null ? intensity : d.normalisation().intensity().toString(),
                d.input().width(), d.input().height(), d.input().channels());
        DeepFeatures.Settings settings = new DeepFeatures.Settings(sampling, DeepFeatures.Aggregation.parse(aggregate),
                DeepModel.Output.parse(output), batchSize, prefix);
        List<DeepFeatures.Job> jobs = input.batch != null ? batchJobs(input.batch) : List.of(singleJob(sampling));
        try (DeepModel m = DeepModel.load(d, file.file(), nThreads)) {
            DeepFeatures df = new DeepFeatures(m, settings);
            Path labelsFile = ModelResolver.labelsFile(d, file);
            if (labelsFile != null) {
                df.withClassLabels(DeepFeatures.readClassLabels(labelsFile));
            }
            err.println("Model " + d.name() + ": " + file.file() + " (" + file.source() + "), " + nThreads + " thread"
                    + (nThreads == 1 ? "" : "s"));
            RowWriter writer = new RowWriter(out, stdout);
            DeepFeatures.Result r;
            try {
                r = df.extract(jobs, new ConsoleProgress(err), row -> writer.write(row.values()));
            } finally {
                writer.close();
            }
            if (settings.output() == DeepModel.Output.LOGITS) {
                for (DeepFeatures.Row row : r.rows()) {
                    err.println(row.caseId() + (row.label() != 0 ? " label " + row.label() : "") + ": "
                            + topClasses(row.values(), df, 5));
                }
            }
            if (out != null) {
                Map<String, Object> prov = df.provenance(file);
                prov.put("dlradiomics", Version.get());
                List<Object> perRow = new ArrayList<>();
                for (DeepFeatures.Row row : r.rows()) {
                    perRow.add(row.provenance());
                }
                prov.put("rows", perRow);
                List<Object> failed = new ArrayList<>();
                for (DeepFeatures.Failure f : r.failures()) {
                    failed.add(Map.of("case", f.caseId(), "error", f.message()));
                }
                prov.put("failed", failed);
                Files.writeString(provenancePath(out), Json.write(prov));
                err.println("Wrote " + r.rows().size() + " rows to " + out + " (provenance: " + provenancePath(out) + ")");
            }
            if (!r.failures().isEmpty()) {
                err.println("dlrad: " + r.failures().size() + " of " + jobs.size() + " cases failed:");
                for (DeepFeatures.Failure f : r.failures()) {
                    err.println("  " + f.caseId() + ": " + f.message());
                }
                if (jobs.size() == 1) {
                    throw new UserInputException(r.failures().get(0).message());
                }
                return Main.EXIT_BAD_INPUT;
            }
        }
        return 0;
    }

    /** {@code deep.csv} -> {@code deep.provenance.json}. */
    static Path provenancePath(Path csv) {
        String n = csv.getFileName().toString();
        String base = n.toLowerCase(Locale.ROOT).endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
        return csv.resolveSibling(base + ".provenance.json");
    }

    /** A descriptor with another input size (only for dynamic-size models). */
    static ModelDescriptor withSize(ModelDescriptor d, String size) {
        if (size == null) {
            return d;
        }
        String[] p = size.toLowerCase(Locale.ROOT).split("x");
        int w;
        int h;
        try {
            w = Integer.parseInt(p[0].trim());
            h = p.length > 1 ? Integer.parseInt(p[1].trim()) : w;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new UserInputException("--size '" + size + "' is not WxH (e.g. 64x64)");
        }
        if (w == d.input().width() && h == d.input().height()) {
            return d;
        }
        if (!d.input().dynamicSize()) {
            throw new UserInputException("--size " + size + ": model " + d.name() + " takes a fixed "
                    + d.input().width() + "x" + d.input().height() + " input (its descriptor has dynamic_size false)");
        }
        Map<String, Object> json = new LinkedHashMap<>(d.toJson());
        @SuppressWarnings("unchecked")
        Map<String, Object> in = new LinkedHashMap<>((Map<String, Object>) json.get("input"));
        in.put("width", w);
        in.put("height", h);
        json.put("input", in);
        return ModelDescriptor.parse(Json.write(json), d.name() + " (--size " + size + ")", d.baseDir());
    }

    private DeepFeatures.Job singleJob(Sampling25D.Settings sampling) {
        Path img = input.single.image;
        String id = img.getFileName().toString();
        Map<String, Object> pass = new LinkedHashMap<>();
        pass.put("Image", img.toString());
        if (input.single.mask == null) {
            if (isPicture(img)) {
                return new DeepFeatures.Job(id, null, null, null, () -> Sampling25D.readPicture(img, id, sampling), pass);
            }
            if (neighbours > 0) {
                throw new UserInputException("--neighbours " + neighbours + ": neighbours requested without a mask "
                        + "(the whole 2D image is the input)");
            }
            return new DeepFeatures.Job(id, reader(img), null, null, null, pass);
        }
        pass.put("Mask", input.single.mask.toString());
        return new DeepFeatures.Job(id, reader(img), reader(input.single.mask), labels, null, pass);
    }

    private List<DeepFeatures.Job> batchJobs(Path csv) throws IOException {
        List<DeepFeatures.Job> jobs = new ArrayList<>();
        for (BatchExtraction.Case c : BatchExtraction.readCases(csv)) {
            Map<String, Object> pass = new LinkedHashMap<>(c.inputs());
            String id = c.inputs().getOrDefault("ID", c.image().getFileName().toString());
            List<Integer> ls = c.label() != null ? List.of(c.label()) : labels;
            jobs.add(new DeepFeatures.Job(id, reader(c.image()), c.mask() == null ? null : reader(c.mask()), ls, null,
                    pass));
        }
        return jobs;
    }

    /** Reads a volume when the job runs; a bad file fails that job with one line naming it. */
    private static java.util.function.Supplier<Volume> reader(Path file) {
        return () -> {
            try {
                return Volumes.read(file);
            } catch (IOException e) {
                throw new UserInputException(file + ": " + e.getMessage(), e);
            }
        };
    }

    static boolean isPicture(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp") || n.endsWith(".gif");
    }


    private static String topClasses(Map<String, Object> values, DeepFeatures df, int k) {
        List<Map.Entry<String, Object>> probs = new ArrayList<>();
        for (var e : values.entrySet()) {
            if (e.getKey().startsWith("p_")) {
                probs.add(e);
            }
        }
        probs.sort((a, b) -> Double.compare((Double) b.getValue(), (Double) a.getValue()));
        StringBuilder sb = new StringBuilder();
        List<String> names = df.classLabels();
        for (int i = 0; i < Math.min(k, probs.size()); i++) {
            int idx = Integer.parseInt(probs.get(i).getKey().substring(2));
            sb.append(i > 0 ? ", " : "").append(idx);
            if (names != null && idx < names.size()) {
                sb.append(" \"").append(names.get(idx)).append('"');
            }
            sb.append(String.format(Locale.ROOT, " p=%.4f", (Double) probs.get(i).getValue()));
        }
        return sb.toString();
    }

    /** Writes rows as they come: the header from the first row; nothing computed is lost on a later failure. */
    static final class RowWriter {
        private final Path out;
        private final PrintWriter stdout;
        private Writer w;
        private List<String> header;

        RowWriter(Path out, PrintWriter stdout) {
            this.out = out;
            this.stdout = stdout;
        }

        void write(Map<String, Object> row) {
            try {
                if (w == null) {
                    if (out != null) {
                        Path parent = out.toAbsolutePath().getParent();
                        if (parent != null) {
                            Files.createDirectories(parent);
                        }
                        w = Files.newBufferedWriter(out);
                    } else {
                        w = stdout;
                    }
                    header = new ArrayList<>(row.keySet());
                    Csv.writeLine(w, header);
                }
                List<Object> vals = new ArrayList<>();
                for (String h : header) {
                    vals.add(row.get(h));
                }
                Csv.writeLine(w, vals);
                w.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void close() throws IOException {
            if (w != null && out != null) {
                w.close();
            } else if (w != null) {
                w.flush();
            }
        }
    }
}
