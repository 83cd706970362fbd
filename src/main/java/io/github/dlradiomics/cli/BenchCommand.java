package io.github.dlradiomics.cli;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
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
        subcommands = {BenchCommand.Features.class})
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
}
