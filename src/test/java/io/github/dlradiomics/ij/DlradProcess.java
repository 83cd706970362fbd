package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.GraphicsEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI ({@code io.github.dlradiomics.cli.Main}, what {@code ./dlrad} runs) in a child JVM on the
 * test class path, with a watchdog: a child still running after the limit is killed and the test fails.
 */
public final class DlradProcess {
    /** Exit code and output of a run. */
    public record Result(int code, String out, String err) {
    }

    private DlradProcess() {
    }

    /** Skips the calling test when there is no display (./dlrad test runs under xvfb-run). */
    public static void assumeDisplay() {
        assumeFalse(GraphicsEnvironment.isHeadless(),
                "skipped: no display for ImageJ GUI tests (install xvfb; ./dlrad test uses xvfb-run)");
    }

    /** Runs {@code dlrad args...} and waits at most {@code limitSeconds}. */
    public static Result run(long limitSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.github.dlradiomics.cli.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path outFile = java.nio.file.Files.createTempFile("dlrad-out", ".txt");
        Path errFile = java.nio.file.Files.createTempFile("dlrad-err", ".txt");
        pb.redirectOutput(outFile.toFile());
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("dlrad " + String.join(" ", args) + " still running after " + limitSeconds + " s (killed); stderr: "
                    + java.nio.file.Files.readString(errFile, StandardCharsets.UTF_8));
        }
        Result r = new Result(p.exitValue(), java.nio.file.Files.readString(outFile, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(errFile, StandardCharsets.UTF_8));
        java.nio.file.Files.deleteIfExists(outFile);
        java.nio.file.Files.deleteIfExists(errFile);
        return r;
    }
}
