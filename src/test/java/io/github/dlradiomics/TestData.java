package io.github.dlradiomics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (reference data nobody here wrote); tests needing it skip with a message when absent. */
public final class TestData {
    private TestData() {
    }

    /** The shared reference folder, or a skipped test saying what is missing. */
    public static Path shared() {
        Path p = Path.of(System.getProperty("dlrad.shared", "../shared")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(p.resolve("reference")),
                "skipped: reference data folder " + p + " is absent (CI provides ../shared)");
        return p;
    }

    /** A file under ../shared; the test is skipped with a message when it is absent. */
    public static Path shared(String relative) {
        Path p = shared().resolve(relative);
        assumeTrue(Files.exists(p), "skipped: " + p + " is absent");
        return p;
    }

    /** The project root (where pom.xml is). */
    public static Path projectRoot() {
        return Path.of(System.getProperty("dlrad.basedir", ".")).toAbsolutePath().normalize();
    }
}
