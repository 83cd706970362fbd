package io.github.dlradiomics.cli;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.model.Classifiers;
import io.github.dlradiomics.radiomics.FeatureExtractor;
import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.util.UserInputException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./dlrad bench features}: wall time and memory of feature extraction, for docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (results go to docs/benchmarks.md).",
        subcommands = {BenchCommand.Features.class, BenchCommand.Deep.class, BenchCommand.Model.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = {"All original-image feature classes (default settings) on PyRadiomics' brain1 and on the "
                    + "TotalSegmentator L1 vertebra (label 31) resampled to 2, 1.5, 1 and 0.75 mm (B-spline), ",
                "with 1 and 2 threads (cases in parallel); then PyRadiomics' exampleCT.yaml (LoG, wavelet) on L1. Needs ../shared."})
    static final class Features implements Callable<Integer> {
        @Option(names = "--shared", paramLabel = "DIR", description = "reference data folder (default: ../shared next "
                + "to the project)")
        Path shared;

        @Option(names = "--repeat", defaultValue = "10", description = "timed runs per case and thread count "
                + "(default: ${DEFAULT-VALUE}; 3 warm-up runs first)")
        int repeat;

        @Spec
        CommandSpec spec;

        record Case(String name, Volume image, Volume mask, RadiomicsParams params, long voxels) {
        }

        @Override
        public Integer call() throws Exception {
            Path root = shared != null ? shared
                    : Path.of(System.getProperty("dlrad.home", ".")).resolve("../shared").normalize();
            Path brainImg = root.resolve("reference/pyradiomics/data/brain1_image.nrrd");
            Path ct = root.resolve("imaging/totalsegmentator_ct/ct.nii.gz");
            if (!Files.exists(brainImg) || !Files.exists(ct)) {
                throw new UserInputException(root + ": reference data not found (give --shared DIR)");
            }
            PrintWriter out = spec.commandLine().getOut();
            List<Case> cases = new ArrayList<>();
            Volume brain = Volumes.read(brainImg);
            Volume brainMask = Volumes.read(root.resolve("reference/pyradiomics/data/brain1_label.nrrd"));
            cases.add(make("brain1 (default settings)", brain, brainMask, RadiomicsParams.defaults()));
            Volume ctImg = Volumes.read(ct);
            Volume ctMask = Volumes.read(root.resolve("imaging/totalsegmentator_ct/vertebrae_labels.nii.gz"));
            for (double mm : new double[] {2, 1.5, 1, 0.75}) {
                RadiomicsParams p = RadiomicsParams.parse("setting:\n  label: 31\n  resampledPixelSpacing: [" + mm + ", "
                        + mm + ", " + mm + "]\n  interpolator: sitkBSpline\n", "bench");
                cases.add(make("TotalSegmentator L1, " + mm + " mm", ctImg, ctMask, p));
            }
            out.println("| case | ROI voxels | features | 1 thread: ms/case | 2 threads: ms/case | heap peak MB |");
            out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
            for (Case c : cases) {
                int nFeatures = new FeatureExtractor(c.params()).extract(c.image(), c.mask(), false).size();
                resetPeaks();
                double t1 = perCase(c, 1);
                double t2 = perCase(c, 2);
                out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.0f |%n", c.name(), c.voxels(), nFeatures, t1, t2,
                        heapPeakMb());
                out.flush();
            }
            Path exampleCt = root.resolve("reference/pyradiomics/exampleSettings/exampleCT.yaml");
            if (Files.exists(exampleCt)) {
                RadiomicsParams p = RadiomicsParams.read(exampleCt).withLabel(31);
                Case c = make("TotalSegmentator L1, PyRadiomics exampleCT.yaml (1 mm, original + LoG 1-5 mm + wavelet)",
                        ctImg, ctMask, p);
                int nFeatures = new FeatureExtractor(p).extract(c.image(), c.mask(), false).size();
                resetPeaks();
                double t1 = perCase(c, 1);
                double t2 = perCase(c, 2);
                out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.0f |%n", c.name(), c.voxels(), nFeatures, t1,
                        t2, heapPeakMb());
            }
            out.printf(Locale.ROOT, "%nProcess peak resident memory (VmHWM): %s; JVM max heap %d MB; %d processors; "
                    + "Java %s%n", vmHwm(), Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            return 0;
        }

        private Case make(String name, Volume img, Volume mask, RadiomicsParams p) {
            var d = new java.util.LinkedHashMap<String, Object>();
            new FeatureExtractor(p).extract(img, mask, true).forEach(d::put);
            Object n = d.getOrDefault("diagnostics_Mask-interpolated_VoxelNum", d.get("diagnostics_Mask-original_VoxelNum"));
            return new Case(name, img, mask, p, ((Number) n).longValue());
        }

        /** Median wall time per case (ms) running {@code threads} cases at a time. */
        private double perCase(Case c, int threads) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int i = 0; i < 3; i++) {
                    batch(pool, c, threads);
                }
                double[] t = new double[repeat];
                for (int i = 0; i < repeat; i++) {
                    long s = System.nanoTime();
                    batch(pool, c, threads);
                    t[i] = (System.nanoTime() - s) / 1e6 / threads;
                }
                Arrays.sort(t);
                return t[repeat / 2];
            } finally {
                pool.shutdownNow();
            }
        }

        private static void batch(ExecutorService pool, Case c, int n) throws Exception {
            List<Future<?>> f = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                f.add(pool.submit(() -> new FeatureExtractor(c.params()).extract(c.image(), c.mask(), false)));
            }
            for (Future<?> x : f) {
                x.get();
            }
        }

        private static void resetPeaks() {
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                p.resetPeakUsage();
            }
        }

        private static double heapPeakMb() {
            long sum = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    sum += p.getPeakUsage().getUsed();
                }
            }
            return sum / 1048576.0;
        }

        private static String vmHwm() {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (l.startsWith("VmHWM:")) {
                        return l.substring(6).trim();
                    }
                }
            } catch (java.io.IOException e) {
                // not Linux
            }
            return "n/a";
        }
    }

    @Command(name = "deep", mixinStandardHelpOptions = true,
            description = {"Deep-feature overhead: per case (largest sagittal slice +- 1 of TotalSegmentator L1, so 3 "
                    + "slices), our full path (sampling, tensor, DJL forward, pooling) vs the bare ONNX Runtime "
                    + "session.run on the same tensor, at each --sizes; then cases per second on a teaching cohort.",
                "Model: a ResNet50-architecture ONNX file from ../shared/tools/make_resnet50_onnx.py (input 'input' "
                    + "[N,3,H,W], outputs 'features' [N,2048] and 'logits'). Needs ../shared."})
    static final class Deep implements Callable<Integer> {
        @Option(names = "--model-file", required = true, paramLabel = "ONNX", description = "ResNet50-architecture model")
        Path modelFile;

        @Option(names = "--sizes", defaultValue = "224,64", split = ",", paramLabel = "N[,N]",
                description = "input sizes (default: ${DEFAULT-VALUE})")
        List<Integer> sizes;

        @Option(names = "--repeat", defaultValue = "10", description = "timed cases per size (default: ${DEFAULT-VALUE}; "
                + "3 warm-up cases first)")
        int repeat;

        @Option(names = "--threads", defaultValue = "2", description = "ONNX Runtime threads (default: ${DEFAULT-VALUE})")
        int threads;

        @Option(names = "--cohort", paramLabel = "CASES.csv", description = "teaching cohort cases.csv for the "
                + "cases-per-second run (default: a 10-case cohort generated in a temporary folder)")
        Path cohort;

        @Option(names = "--shared", paramLabel = "DIR", description = "reference data folder (default: ../shared)")
        Path shared;

        @Spec
        CommandSpec spec;

        static io.github.dlradiomics.deep.ModelDescriptor descriptor(int size) {
            return io.github.dlradiomics.deep.ModelDescriptor.parse(("{\"format\": \"dlradiomics-model/1\", "
                    + "\"name\": \"resnet50-random\", \"file\": \"resnet50_random.onnx\", \"licence\": \"generated\","
                    + " \"input\": {\"name\": \"input\", \"layout\": \"NCHW\", \"width\": %d, \"height\": %d,"
                    + " \"channels\": 3, \"dynamic_size\": true},"
                    + " \"normalisation\": {\"scale\": 1.0, \"mean\": [0.485, 0.456, 0.406], \"std\": [0.229, 0.224, 0.225]},"
                    + " \"features\": {\"output\": \"features\", \"dimension\": 2048, \"pooling\": \"none\"},"
                    + " \"logits\": {\"output\": \"logits\", \"activation\": \"softmax\"}}").formatted(size, size),
                    "resnet50-random (bench)", null);
        }

        @Override
        public Integer call() throws Exception {
            Path root = shared != null ? shared
                    : Path.of(System.getProperty("dlrad.home", ".")).resolve("../shared").normalize();
            Path ct = root.resolve("imaging/totalsegmentator_ct/ct.nii.gz");
            Path seg = root.resolve("imaging/totalsegmentator_ct/vertebrae_labels.nii.gz");
            if (!Files.exists(ct)) {
                throw new UserInputException(root + ": reference data not found (give --shared DIR)");
            }
            PrintWriter out = spec.commandLine().getOut();
            Volume img = Volumes.read(ct);
            Volume mask = Volumes.read(seg);
            out.println("| input | slices/case | bare session.run: ms/case | ours, one case at a time: ms/case | overhead |"
                    + " ours, 10-case batch: ms/case | overhead | sampling alone: ms/case |");
            out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (int size : sizes) {
                var d = descriptor(size);
                try (var m = io.github.dlradiomics.deep.DeepModel.load(d, modelFile, threads)) {
                    var sampling = new io.github.dlradiomics.deep.Sampling25D.Settings("sagittal", 1,
                            io.github.dlradiomics.deep.Sampling25D.Mode.PER_SLICE, 5, true,
                            io.github.dlradiomics.deep.Sampling25D.MaskMode.NONE, "window:-1000,2000", size, size, 3);
                    var df = new io.github.dlradiomics.deep.DeepFeatures(m, new io.github.dlradiomics.deep.DeepFeatures
                            .Settings(sampling, io.github.dlradiomics.deep.DeepFeatures.Aggregation.MEAN,
                            io.github.dlradiomics.deep.DeepModel.Output.FEATURES, 8, "DL"));
                    var job = io.github.dlradiomics.deep.DeepFeatures.Job.of("L1", img, mask, List.of(31), null);
                    var samples = io.github.dlradiomics.deep.Sampling25D.sample("L1", img, mask, 31, sampling);
                    float[] x = new float[samples.size() * m.sampleLength()];
                    for (int i = 0; i < samples.size(); i++) {
                        m.fill(samples.get(i), x, i * m.sampleLength());
                    }
                    double[] ours = new double[repeat];
                    double[] stream = new double[repeat];
                    double[] bare = new double[repeat];
                    double[] sampleMs = new double[repeat];
                    List<io.github.dlradiomics.deep.DeepFeatures.Job> ten = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        ten.add(io.github.dlradiomics.deep.DeepFeatures.Job.of("L1-" + i, img, mask, List.of(31), null));
                    }
                    for (int r = -3; r < repeat; r++) {
                        // interleaved, so that drift (other load, caches) hits all alike
                        long t0 = System.nanoTime();
                        df.extract(List.of(job), null, null);
                        long t1 = System.nanoTime();
                        m.runBare(x, samples.size(), io.github.dlradiomics.deep.DeepModel.Output.FEATURES);
                        long t2 = System.nanoTime();
                        io.github.dlradiomics.deep.Sampling25D.sample("L1", img, mask, 31, sampling);
                        long t3 = System.nanoTime();
                        df.extract(ten, null, null);
                        long t4 = System.nanoTime();
                        if (r >= 0) {
                            ours[r] = (t1 - t0) / 1e6;
                            bare[r] = (t2 - t1) / 1e6;
                            sampleMs[r] = (t3 - t2) / 1e6;
                            stream[r] = (t4 - t3) / 1e6 / ten.size();
                        }
                    }
                    double o = median(ours);
                    double b = median(bare);
                    double st = median(stream);
                    out.printf(Locale.ROOT, "| %dx%d | %d | %.1f | %.1f | %+.1f%% | %.1f | %+.1f%% | %.1f |%n", size, size,
                            samples.size(), b, o, 100 * (o - b) / b, st, 100 * (st - b) / b, median(sampleMs));
                    out.flush();
                }
            }
            Path cases = cohort;
            Path tmpDir = null;
            if (cases == null) {
                tmpDir = Files.createTempDirectory("dlrad-bench-cohort");
                io.github.dlradiomics.cohort.CohortGenerator.generate(tmpDir,
                        new io.github.dlradiomics.cohort.CohortGenerator.Options(10, 42,
                                io.github.dlradiomics.cohort.Modality.MR, 0.5), io.github.dlradiomics.util.ProgressListener.NONE);
                cases = tmpDir.resolve("cases.csv");
            }
            List<io.github.dlradiomics.radiomics.BatchExtraction.Case> cs =
                    io.github.dlradiomics.radiomics.BatchExtraction.readCases(cases);
            out.println();
            out.println("| teaching cohort | input | cases | wall s (read + sample + infer) | cases/s |");
            out.println("| --- | --- | ---: | ---: | ---: |");
            for (int size : sizes) {
                try (var m = io.github.dlradiomics.deep.DeepModel.load(descriptor(size), modelFile, threads)) {
                    var sampling = new io.github.dlradiomics.deep.Sampling25D.Settings("sagittal", 1,
                            io.github.dlradiomics.deep.Sampling25D.Mode.PER_SLICE, 5, true,
                            io.github.dlradiomics.deep.Sampling25D.MaskMode.NONE, "auto", size, size, 3);
                    var df = new io.github.dlradiomics.deep.DeepFeatures(m, new io.github.dlradiomics.deep.DeepFeatures
                            .Settings(sampling, io.github.dlradiomics.deep.DeepFeatures.Aggregation.MEAN,
                            io.github.dlradiomics.deep.DeepModel.Output.FEATURES, 8, "DL"));
                    List<io.github.dlradiomics.deep.DeepFeatures.Job> jobs = new ArrayList<>();
                    for (var c : cs) {
                        jobs.add(new io.github.dlradiomics.deep.DeepFeatures.Job(c.inputs().getOrDefault("ID", "?"),
                                () -> read(c.image()), () -> read(c.mask()), c.label() == null ? null : List.of(c.label()),
                                null, null));
                    }
                    df.extract(jobs.subList(0, 1), null, null);
                    long t0 = System.nanoTime();
                    var res = df.extract(jobs, null, null);
                    double s = (System.nanoTime() - t0) / 1e9;
                    out.printf(Locale.ROOT, "| %s | %dx%d | %d | %.2f | %.2f |%n", cases.getFileName(), size, size,
                            res.rows().size(), s, res.rows().size() / s);
                    out.flush();
                }
            }
            out.printf(Locale.ROOT, "%n%d ONNX Runtime threads; %d processors; Java %s%n", threads,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            if (tmpDir != null) {
                try (var walk = Files.walk(tmpDir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
                }
            }
            return 0;
        }

        private static Volume read(Path p) {
            try {
                return Volumes.read(p);
            } catch (java.io.IOException e) {
                throw new UserInputException(p + ": " + e.getMessage(), e);
            }
        }

        private static double median(double[] v) {
            double[] c = v.clone();
            Arrays.sort(c);
            return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
        }
    }

    @Command(name = "model", mixinStandardHelpOptions = true,
            description = {"Modelling at the MRI paper's size: a synthetic table of 234 cases x 2,000 features (10 "
                    + "informative, the rest correlated noise; seeded), 30% test split, selection "
                    + "(variance, z-score, |r| > 0.9, Mann-Whitney p < 0.05, LASSO 1se), then the eight classifiers "
                    + "with their default grids under 5-fold CV; then a 2,000-replicate bootstrap AUC CI."})
    static final class Model implements Callable<Integer> {
        @Option(names = "--cases", defaultValue = "234") int cases;
        @Option(names = "--features", defaultValue = "2000") int features;
        @Option(names = "--threads", defaultValue = "2") int threads;
        @Option(names = "--seed", defaultValue = "1") long seed;
        @Option(names = "--select", defaultValue = "variance,zscore,corr:0.9,mwu:0.05,lasso:1se")
        String select;
        @Option(names = "--classifiers", defaultValue = Classifiers.DEFAULT_SET, split = ",")
        List<String> classifiers;

        @Spec
        CommandSpec spec;

        /** 10 informative features (latent signal + noise), the rest in correlated blocks of noise. */
        static double[][] table(int n, int p, long seed, int[] y) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            double[][] x = new double[n][p];
            for (int i = 0; i < n; i++) {
                y[i] = i % 2;
                double latent = (y[i] == 1 ? 0.8 : -0.8) + r.nextGaussian();
                double block = 0;
                for (int j = 0; j < p; j++) {
                    if (j < 10) {
                        x[i][j] = latent * (0.5 + 0.1 * j) + r.nextGaussian();
                    } else {
                        if (j % 20 == 10) {
                            block = r.nextGaussian();
                        }
                        x[i][j] = block + 0.5 * r.nextGaussian();
                    }
                }
            }
            return x;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int[] y = new int[cases];
            double[][] x = table(cases, features, seed, y);
            List<String> names = new ArrayList<>();
            for (int j = 0; j < features; j++) {
                names.add(String.format(Locale.ROOT, "f%04d", j));
            }
            var cfg = new io.github.dlradiomics.model.Trainer.Config(select, classifiers, 0.3, 5, seed, threads);
            long t0 = System.nanoTime();
            var res = new io.github.dlradiomics.model.Trainer(cfg).train(x, y, names, java.util.Map.of(), null);
            double secs = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "%d cases x %d features, %d threads: selection + %d classifiers x default grids x "
                    + "5-fold CV + refit: %.1f s%n", cases, features, threads, classifiers.size(), secs);
            for (String s : res.stepSummaries()) {
                out.println("  " + s);
            }
            res.failed().forEach((k, v) -> out.println("  not fitted: " + k + ": " + v));
            out.println("| classifier | grid points | CV AUC | test AUC |");
            out.println("| --- | ---: | ---: | ---: |");
            int[] yTest = new int[res.test().length];
            for (int i = 0; i < yTest.length; i++) {
                yTest[i] = y[res.test()[i]];
            }
            for (var m : res.models()) {
                out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", m.classifier(), m.grid().size(), m.cvAuc(),
                        io.github.dlradiomics.stats.Roc.auc(m.testProb(), yTest));
            }
            var first = res.models().get(0);
            int[] yTrain = new int[res.train().length];
            for (int i = 0; i < yTrain.length; i++) {
                yTrain[i] = y[res.train()[i]];
            }
            double[] bt = new double[5];
            for (int r = 0; r < bt.length; r++) {
                long b0 = System.nanoTime();
                io.github.dlradiomics.stats.Roc.bootstrapCi(first.trainProb(), yTrain, 2000, seed + r, 0.95);
                bt[r] = (System.nanoTime() - b0) / 1e6;
            }
            Arrays.sort(bt);
            out.printf(Locale.ROOT, "Bootstrap 95%% CI of the AUC, 2,000 stratified replicates, %d cases: %.0f ms (median "
                    + "of 5)%n", yTrain.length, bt[2]);
            out.printf(Locale.ROOT, "%d processors; Java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            return 0;
        }
    }
}
