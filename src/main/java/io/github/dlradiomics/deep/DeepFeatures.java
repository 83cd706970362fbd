package io.github.dlradiomics.deep;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.roi.LabelSlices;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The 2.5D deep-feature step: per case and label, {@link Sampling25D} picks the largest-ROI slice and
 * its neighbours, {@link DeepModel} runs them, and the per-slice vectors are aggregated (mean, max or
 * concatenation) into one feature row. Samples of several cases are run together in batches.
 * Every choice (sampling, intensity values, model, file hash, engine) goes into the row's provenance.
 *
 * <pre>DeepFeatures df = new DeepFeatures(model, settings); List&lt;DeepFeatures.Row&gt; rows = df.extract(List.of(job), listener);</pre>
 */
public final class DeepFeatures {
    /** How the vectors of the 2K+1 slices of PER_SLICE sampling become one. */
    public enum Aggregation {
        MEAN, MAX, CONCAT;

        /** Parses "mean", "max" or "concat". */
        public static Aggregation parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "mean" -> MEAN;
                case "max" -> MAX;
                case "concat", "concatenate" -> CONCAT;
                default -> throw new UserInputException("--aggregate must be mean, max or concat (got '" + s + "')");
            };
        }
    }

    /**
     * Settings of a run.
     *
     * @param sampling slice choice, crop, intensity and size (size and channels are the model's)
     * @param aggregation how per-slice vectors combine (PER_SLICE mode)
     * @param output features or logits
     * @param batchSize samples per forward pass (capped by the model's own batch dimension)
     * @param prefix column prefix of the features ("DL" gives DL_0001 ...)
     */
    public record Settings(Sampling25D.Settings sampling, Aggregation aggregation, DeepModel.Output output,
            int batchSize, String prefix) {
        /** Checks the values. */
        public Settings {
            if (batchSize < 1) {
                throw new UserInputException("--batch-size must be >= 1 (got " + batchSize + ")");
            }
            if (prefix == null || prefix.isBlank() || prefix.contains(",")) {
                throw new UserInputException("--prefix must be a non-empty name without commas");
            }
        }
    }

    /**
     * One thing to compute: an image with a label mask and the labels wanted, or a picture / 2D image alone.
     * Images are read when the job runs (a batch holds one case in memory at a time); a reading error fails
     * that job alone.
     *
     * @param caseId the case (file name or ID column)
     * @param image reads the image (null for a picture)
     * @param mask reads its label mask (null: the whole 2D image is the input)
     * @param labels the labels (null or empty: every label present in the mask)
     * @param picture reads a picture sample (colour PNG/JPEG), or null
     * @param passThrough columns copied into each row before the features (e.g. ID, Image, Mask)
     */
    public record Job(String caseId, Supplier<Volume> image, Supplier<Volume> mask, List<Integer> labels,
            Supplier<Sample> picture, Map<String, Object> passThrough) {
        /** A job on images already in memory ({@code mask} may be null). */
        public static Job of(String caseId, Volume image, Volume mask, List<Integer> labels,
                Map<String, Object> passThrough) {
            return new Job(caseId, () -> image, mask == null ? null : () -> mask, labels, null, passThrough);
        }
    }

    /**
     * One output row.
     *
     * @param caseId the case
     * @param label the label (0 for a whole image)
     * @param slice the largest-ROI slice (0-based index along the axis; -1 for a 2D image)
     * @param values columns: pass-through, Label, Axis, Slice, Slices, then the features or class probabilities
     * @param provenance every choice behind the row
     */
    public record Row(String caseId, int label, int slice, LinkedHashMap<String, Object> values,
            Map<String, Object> provenance) {
    }

    /** A failed case: what and why. */
    public record Failure(String caseId, String message) {
    }

    private final DeepModel model;
    private final Settings settings;
    private List<String> classLabels;

    /** A run with a loaded model. */
    public DeepFeatures(DeepModel model, Settings settings) {
        this.model = model;
        this.settings = settings;
        ModelDescriptor d = model.descriptor();
        Sampling25D.Settings s = settings.sampling();
        if (s.width() != d.input().width() || s.height() != d.input().height() || s.channels() != d.input().channels()) {
            throw new IllegalArgumentException("sampling size " + s.width() + "x" + s.height() + "x" + s.channels()
                    + " differs from the model's input");
        }
    }

    /** Class names for logits columns (index order), e.g. ImageNet's; null: numbered columns only. */
    public DeepFeatures withClassLabels(List<String> labels) {
        this.classLabels = labels;
        return this;
    }

    /** Class names from a labels file: one per line, "index,name" or just "name" (ImageNet's file). */
    public static List<String> readClassLabels(java.nio.file.Path file) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            out.add(comma >= 0 && line.substring(0, comma).trim().matches("\\d+") ? line.substring(comma + 1).trim()
                    : line.trim());
        }
        return out;
    }

    /** Class names for logits columns, or null. */
    public List<String> classLabels() {
        return classLabels;
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** Result of {@link #extract}: rows in job order, failures listed. */
    public record Result(List<Row> rows, List<Failure> failures) {
    }

    /**
     * Computes the rows of {@code jobs}. A job that fails (bad label, ROI, image) is recorded and the
     * others go on; {@code sink} (may be null) receives each row as soon as it is complete.
     */
    public Result extract(List<Job> jobs, ProgressListener listener, java.util.function.Consumer<Row> sink) {
        ProgressListener l = listener == null ? ProgressListener.NONE : listener;
        List<Row> rows = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        int pendingSamples = 0;
        // The next case is read and sampled on one background thread while the model runs the current batch;
        // at most two cases are in memory. Results are identical to a sequential run (same order, same values).
        ExecutorService sampler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dlrad-deep-sampler");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<List<Pending>> next = jobs.isEmpty() ? null : sampler.submit(() -> sample(jobs.get(0)));
            for (int j = 0; j < jobs.size(); j++) {
                l.checkCancelled();
                Job job = jobs.get(j);
                l.progress(j, jobs.size(), "deep features: " + job.caseId());
                List<Pending> got;
                try {
                    got = next.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UserInputException u) {
                        failures.add(new Failure(job.caseId(), u.getMessage()));
                        l.log(job.caseId() + ": " + u.getMessage());
                        got = null;
                    } else if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    } else {
                        throw new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new io.github.dlradiomics.util.CancelledException();
                }
                int following = j + 1;
                next = following < jobs.size() ? sampler.submit(() -> sample(jobs.get(following))) : null;
                if (got == null) {
                    continue;
                }
                for (Pending p : got) {
                    pending.add(p);
                    pendingSamples += p.samples.size();
                }
                if (pendingSamples >= settings.batchSize()) {
                    flush(pending, rows, sink);
                    pending.clear();
                    pendingSamples = 0;
                }
            }
            flush(pending, rows, sink);
        } finally {
            sampler.shutdownNow();
        }
        l.progress(jobs.size(), jobs.size(), "deep features: done");
        return new Result(rows, failures);
    }

    private record Pending(Job job, int label, List<Sample> samples) {
    }

    private List<Pending> sample(Job job) {
        Sampling25D.Settings s = settings.sampling();
        List<Pending> out = new ArrayList<>();
        if (job.picture() != null) {
            out.add(new Pending(job, 0, List.of(job.picture().get())));
            return out;
        }
        Volume image = job.image().get();
        if (job.mask() == null) {
            out.add(new Pending(job, 0, List.of(Sampling25D.whole2D(job.caseId(), image, s))));
            return out;
        }
        Volume mask = job.mask().get();
        List<Integer> labels = job.labels();
        if (labels == null || labels.isEmpty()) {
            TreeSet<Integer> present = new TreeSet<>();
            for (int i = 0; i < mask.size(); i++) {
                int v = LabelSlices.labelAt(mask, i);
                if (v != 0) {
                    present.add(v);
                }
            }
            if (present.isEmpty()) {
                throw new UserInputException("case '" + job.caseId() + "': the mask holds no labels (all voxels are 0)");
            }
            labels = new ArrayList<>(present);
        }
        for (int label : labels) {
            out.add(new Pending(job, label, Sampling25D.sample(job.caseId(), image, mask, label, s)));
        }
        return out;
    }

    private void flush(List<Pending> pending, List<Row> rows, java.util.function.Consumer<Row> sink) {
        if (pending.isEmpty()) {
            return;
        }
        List<Sample> all = new ArrayList<>();
        for (Pending p : pending) {
            all.addAll(p.samples());
        }
        float[][] vectors = model.run(all, settings.output(), settings.batchSize());
        int k = 0;
        for (Pending p : pending) {
            float[][] mine = new float[p.samples().size()][];
            for (int i = 0; i < mine.length; i++) {
                mine[i] = vectors[k++];
            }
            Row row = row(p, mine);
            rows.add(row);
            if (sink != null) {
                sink.accept(row);
            }
        }
    }

    private Row row(Pending p, float[][] vectors) {
        Sample first = p.samples().get(0);
        Map<String, Object> prov0 = first.provenance();
        int slice = prov0.get("largest_slice") instanceof Number n ? n.intValue() : -1;
        LinkedHashMap<String, Object> v = new LinkedHashMap<>();
        if (p.job().passThrough() != null) {
            v.putAll(p.job().passThrough());
        }
        v.put("Label", p.label());
        v.put("Axis", first.axis());
        v.put("Slice", slice);
        List<String> used = new ArrayList<>();
        for (Sample s : p.samples()) {
            for (int idx : s.slices()) {
                used.add(Integer.toString(idx));
            }
        }
        v.put("Slices", String.join(";", used));
        if (settings.output() == DeepModel.Output.LOGITS) {
            float[] probs = aggregate(vectors, Aggregation.MEAN);
            int top = 0;
            for (int i = 1; i < probs.length; i++) {
                if (probs[i] > probs[top]) {
                    top = i;
                }
            }
            v.put("Top1", top);
            v.put("Top1 label", classLabels != null && top < classLabels.size() ? classLabels.get(top) : "");
            v.put("Top1 p", (double) probs[top]);
            for (int i = 0; i < probs.length; i++) {
                v.put(String.format(Locale.ROOT, "p_%04d", i), (double) probs[i]);
            }
        } else if (settings.aggregation() == Aggregation.CONCAT && vectors.length > 1) {
            int k = vectors.length / 2;
            for (int s = 0; s < vectors.length; s++) {
                String off = (s - k >= 0 ? "+" : "") + (s - k);
                for (int i = 0; i < vectors[s].length; i++) {
                    v.put(String.format(Locale.ROOT, "%s_slice%s_%04d", settings.prefix(), off, i + 1), (double) vectors[s][i]);
                }
            }
        } else {
            float[] f = aggregate(vectors, settings.aggregation());
            for (int i = 0; i < f.length; i++) {
                v.put(String.format(Locale.ROOT, "%s_%04d", settings.prefix(), i + 1), (double) f[i]);
            }
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("case", p.job().caseId());
        prov.put("label", p.label());
        List<Object> samples = new ArrayList<>();
        for (Sample s : p.samples()) {
            samples.add(s.provenance());
        }
        prov.put("samples", samples);
        return new Row(p.job().caseId(), p.label(), slice, v, prov);
    }

    private static float[] aggregate(float[][] vectors, Aggregation a) {
        int n = vectors[0].length;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double acc = a == Aggregation.MAX ? Double.NEGATIVE_INFINITY : 0;
            for (float[] vec : vectors) {
                acc = a == Aggregation.MAX ? Math.max(acc, vec[i]) : acc + vec[i];
            }
            out[i] = (float) (a == Aggregation.MAX ? acc : acc / vectors.length);
        }
        return out;
    }

    /** The run-level provenance: model, file, engine, settings. */
    public Map<String, Object> provenance(ModelResolver.Resolved file) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", model.descriptor().toJson());
        if (file != null) {
            p.put("model_file", file.file().toString());
            p.put("model_file_source", file.source());
            p.put("model_file_sha256", file.sha256());
        }
        p.putAll(model.provenance());
        Sampling25D.Settings s = settings.sampling();
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("axis", s.axis());
        st.put("neighbours", s.neighbours());
        st.put("mode", s.mode().name());
        st.put("margin_mm", s.marginMm());
        st.put("square", s.square());
        st.put("mask_mode", s.maskMode().name());
        st.put("intensity", s.intensity());
        st.put("size", new int[] {s.width(), s.height()});
        st.put("channels", s.channels());
        st.put("aggregation", settings.aggregation().name());
        st.put("output", settings.output().name());
        st.put("batch_size", settings.batchSize());
        st.put("prefix", settings.prefix());
        p.put("settings", st);
        return p;
    }
}
