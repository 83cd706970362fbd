package io.github.dlradiomics.cohort;

import io.github.dlradiomics.image.NiftiIO;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.CancelledException;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Synthetic teaching cohort of vertebral compression fractures, benign (osteoporotic) or malignant
 * (metastatic): per case a small spine volume (4-5 vertebrae around one fractured "index" vertebra), its
 * vertebra label mask and a clinical record. Every case depends only on (seed, case index), so a cohort is
 * byte-for-byte reproducible and any case can be regenerated alone. Every file says it is synthetic. The
 * imaging signs, their overlap between classes and the geometry are described in docs/cohort.md.
 *
 * <pre>CohortGenerator.generate(Path.of("cohort"), new CohortGenerator.Options(100, 42, Modality.MR), ProgressListener.NONE);</pre>
 */
public final class CohortGenerator {
    /** Version of the simulation model; changes whenever the same seed would give different images. */
    public static final String GENERATOR_VERSION = "1.0";
    /** Default share of malignant cases. */
    public static final double DEFAULT_MALIGNANT_FRACTION = 0.5;
    /** Every NIfTI description starts with this. */
    public static final String DESCRIPTION_PREFIX = "SYNTHETIC DLRadiomics teaching cohort";
    private static final int MAX_CASES = 99_999;

    private CohortGenerator() {
    }

    /**
     * What to generate.
     *
     * <pre>new CohortGenerator.Options(100, 42, Modality.CT, 0.5)</pre>
     *
     * @param cases             number of studies (1..99999)
     * @param seed              random seed; the same seed gives identical files
     * @param modality          CT (0.8 x 0.8 x 1 mm, HU) or MR (sagittal T1, 0.6 x 0.6 x 3.5 mm)
     * @param malignantFraction share of malignant cases, 0..1 (default 0.5)
     */
    public record Options(int cases, long seed, Modality modality, double malignantFraction) {
        public Options {
            if (cases < 1 || cases > MAX_CASES) {
                throw new UserInputException("number of cases must be 1.." + MAX_CASES + ", not " + cases);
            }
            if (modality == null) {
                throw new UserInputException("modality must be CT or MR");
            }
            if (!(malignantFraction >= 0 && malignantFraction <= 1)) {
                throw new UserInputException("malignant fraction must be between 0 and 1, not " + malignantFraction);
            }
        }

        /** Options with the default malignant fraction 0.5. */
        public Options(int cases, long seed, Modality modality) {
            this(cases, seed, modality, DEFAULT_MALIGNANT_FRACTION);
        }
    }

    /**
     * Writes DIR/images/&lt;ID&gt;.nii.gz, DIR/masks/&lt;ID&gt;.nii.gz, DIR/clinical.csv, DIR/cases.csv (columns
     * ID, Image, Mask, Label = the index vertebra's mask label, Outcome = benign/malignant, with relative paths:
     * the batch input of {@code ./dlrad features --batch}), DIR/findings.csv (the
     * simulated signs, an answer key) and DIR/README.txt; returns a summary. Existing files of those names
     * are replaced. Cases are computed in parallel; the bytes do not depend on the number of threads.
     *
     * <pre>CohortSummary s = CohortGenerator.generate(Path.of("cohort"), new Options(100, 42, Modality.MR), listener);</pre>
     */
    public static CohortSummary generate(Path outDir, Options o, ProgressListener l) throws IOException {
        ProgressListener listener = l == null ? ProgressListener.NONE : l;
        Path images = outDir.resolve("images");
        Path masks = outDir.resolve("masks");
        Files.createDirectories(images);
        Files.createDirectories(masks);
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dlrad-cohort");
            t.setDaemon(true);
            return t;
        });
        List<ClinicalRecord> clinical = new ArrayList<>(o.cases());
        List<Findings> findings = new ArrayList<>(o.cases());
        try {
            List<Future<CaseRecords>> futures = new ArrayList<>(o.cases());
            for (int i = 0; i < o.cases(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    SyntheticCase c = generateCase(index, o);
                    try {
                        NiftiIO.write(c.image(), images.resolve(c.id() + ".nii.gz"));
                        NiftiIO.write(c.mask(), masks.resolve(c.id() + ".nii.gz"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return new CaseRecords(c.clinical(), c.findings()); // the volumes are on disk now
                }));
            }
            listener.progress(0, o.cases(), "generating " + o.cases() + " synthetic " + o.modality() + " cases");
            for (int i = 0; i < futures.size(); i++) {
                CaseRecords c = await(futures.get(i), listener);
                clinical.add(c.clinical());
                findings.add(c.findings());
                listener.progress(i + 1, o.cases(), "case " + c.clinical().id());
            }
        } finally {
            pool.shutdownNow();
        }
        writeCsvs(outDir, clinical, findings);
        Files.writeString(outDir.resolve("README.txt"), readme(o, clinical), StandardCharsets.UTF_8);
        int nMalignant = (int) clinical.stream().filter(ClinicalRecord::malignant).count();
        List<String> ids = clinical.stream().map(ClinicalRecord::id).toList();
        listener.log("wrote " + ids.size() + " synthetic cases to " + outDir);
        return new CohortSummary(outDir, o, ids, nMalignant, ids.size() - nMalignant, outDir.resolve("cases.csv"),
                outDir.resolve("clinical.csv"));
    }

    /** The small per-case results kept for the CSV files. */
    private record CaseRecords(ClinicalRecord clinical, Findings findings) {
    }

    private static CaseRecords await(Future<CaseRecords> f, ProgressListener listener) throws IOException {
        while (true) {
            if (listener.isCancelled()) {
                throw new CancelledException();
            }
            try {
                return f.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll the cancel flag again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(c);
            }
        }
    }

    /**
     * One case in memory (image + label mask + clinical record + simulated findings), for tests and the demo.
     * {@code index} is 0-based (case 0 is "SYN001") and may exceed {@code o.cases()}; the result depends on
     * (seed, modality, malignant fraction, index) only and equals what {@link #generate} writes for that case.
     *
     * <pre>SyntheticCase c = CohortGenerator.generateCase(6, new CohortGenerator.Options(100, 42, Modality.CT));</pre>
     */
    public static SyntheticCase generateCase(int index, Options o) {
        if (index < 0 || index >= MAX_CASES) {
            throw new UserInputException("case index must be 0.." + (MAX_CASES - 1) + ", not " + index);
        }
        SpineModel model = new SpineModel(index, o);
        String id = model.clinical.id();
        Volume[] vols = SpineRenderer.render(model, description(id, o));
        return new SyntheticCase(id, vols[0], vols[1], model.clinical, model.findings);
    }

    /** Identifier of the 0-based case index: "SYN001" for 0. */
    public static String caseId(int index) {
        return String.format(Locale.ROOT, "SYN%03d", index + 1);
    }

    /** NIfTI description (at most 79 characters, as NIfTI's descrip field holds); "image"/"mask" is appended. */
    private static String description(String id, Options o) {
        String d = DESCRIPTION_PREFIX + " " + id + " " + o.modality() + " seed=" + o.seed();
        return d.length() > 72 ? d.substring(0, 72) : d;
    }

    private static void writeCsvs(Path dir, List<ClinicalRecord> clinical, List<Findings> findings) throws IOException {
        StringBuilder cl = new StringBuilder("ID,Age,Sex,Label,IndexLevel,IndexLabel,synthetic\n");
        // Label is the mask label of the index vertebra (PyRadiomics' batch column); the class is Outcome.
        StringBuilder cs = new StringBuilder("ID,Image,Mask,Label,Outcome,synthetic\n");
        StringBuilder fi = new StringBuilder("ID," + Findings.csvHeader() + ",synthetic\n");
        for (int i = 0; i < clinical.size(); i++) {
            ClinicalRecord c = clinical.get(i);
            cl.append(c.id()).append(',').append(c.age()).append(',').append(c.sex()).append(',').append(c.label())
                    .append(',').append(c.indexLevel()).append(',').append(c.indexLabel()).append(",yes\n");
            cs.append(c.id()).append(",images/").append(c.id()).append(".nii.gz,masks/").append(c.id())
                    .append(".nii.gz,").append(c.indexLabel()).append(',').append(c.label()).append(",yes\n");
            fi.append(c.id()).append(',').append(findings.get(i).csvRow()).append(",yes\n");
        }
        Files.writeString(dir.resolve("clinical.csv"), cl, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("cases.csv"), cs, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("findings.csv"), fi, StandardCharsets.UTF_8);
    }

    private static String readme(Options o, List<ClinicalRecord> clinical) {
        long malignant = clinical.stream().filter(ClinicalRecord::malignant).count();
        boolean ct = o.modality() == Modality.CT;
        double[] sp = o.modality().spacing();
        StringBuilder labels = new StringBuilder();
        for (VertebraLevel l : VertebraLevel.values()) {
            labels.append(labels.length() == 0 ? "" : ", ").append(l).append('=').append(l.label());
        }
        return String.join("\n",
                "SYNTHETIC DATA - DLRadiomics teaching cohort",
                "",
                "Every image, mask and table in this folder was produced by a computer simulation.",
                "No patient data. For teaching and software testing only; not for clinical conclusions.",
                "",
                "Generator version: " + GENERATOR_VERSION + " (io.github.dlradiomics.cohort.CohortGenerator)",
                "Seed: " + o.seed(),
                "Modality: " + o.modality() + (ct ? " (axial CT, Hounsfield units)" : " (sagittal T1-weighted MR, arbitrary units)"),
                "Cases: " + clinical.size() + " (" + malignant + " malignant, " + (clinical.size() - malignant) + " benign)",
                String.format(Locale.ROOT, "Malignant fraction requested: %.3f", o.malignantFraction()),
                String.format(Locale.ROOT, "Voxel spacing: %s x %s x %s mm", num(sp[0]), num(sp[1]), num(sp[2])),
                ct ? "Voxel axes: i right->left, j anterior->posterior, k inferior->superior (axial slices)"
                        : "Voxel axes: i anterior->posterior, j superior->inferior, k left->right (sagittal slices)",
                "",
                "Files:",
                "  images/<ID>.nii.gz  image (int16)",
                "  masks/<ID>.nii.gz   vertebra label mask (uint8), same grid",
                "  clinical.csv        ID, Age, Sex, Label (benign/malignant), IndexLevel, IndexLabel, synthetic",
                "  cases.csv           ID, Image, Mask, Label (index vertebra's mask label), Outcome, synthetic (batch input)",
                "  findings.csv        the simulated imaging signs of each index vertebra (answer key)",
                "",
                "Mask labels (TotalSegmentator 'total' numbering): " + labels,
                "The fractured 'index' vertebra of each case is IndexLevel / IndexLabel in clinical.csv.",
                "",
                "Regenerate: ./dlrad cohort with the same seed, modality, number of cases and fraction.",
                "Description of the simulation: docs/cohort.md of DLRadiomics.",
                "");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
