package io.github.dlradiomics.ij;

import ij.IJ;
import ij.ImageJ;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Starts ImageJ1 with the suite's commands under Plugins &gt; DLRadiomics. ImageJ1 reads plugins.config
 * only from a jar with an underscore in its name inside its plugins folder, so this writes a small
 * {@code DLRadiomics_.jar} holding our plugins.config into a temporary plugins folder; the classes
 * themselves come from the class path (ImageJ's plugin class loader asks its parent first).
 *
 * <pre>ImageJ ij = FijiLauncher.start(true);</pre>
 */
public final class FijiLauncher {
    private static Path pluginsHome;

    private FijiLauncher() {
    }

    /**
     * Makes (once per JVM) a folder {@code X} with {@code X/plugins/DLRadiomics_.jar} and sets
     * {@code plugins.dir} to it, unless {@code plugins.dir} is set already. Returns the plugins folder.
     */
    public static synchronized Path installPluginsDir() throws IOException {
        String existing = System.getProperty("plugins.dir");
        if (existing != null && pluginsHome == null) {
            Path p = Path.of(existing);
            return p.endsWith("plugins") ? p : p.resolve("plugins");
        }
        if (pluginsHome == null) {
            Path home = Files.createTempDirectory("dlradiomics-ij");
            Path plugins = Files.createDirectories(home.resolve("plugins"));
            writeConfigJar(plugins.resolve("DLRadiomics_.jar"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(home)));
            System.setProperty("plugins.dir", home.toString());
            pluginsHome = home;
        }
        return pluginsHome.resolve("plugins");
    }

    /** Writes a jar holding only our plugins.config (from the class path). */
    public static void writeConfigJar(Path jar) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (InputStream cfg = FijiLauncher.class.getResourceAsStream("/plugins.config");
                OutputStream os = Files.newOutputStream(jar);
                JarOutputStream jos = new JarOutputStream(os, mf)) {
            if (cfg == null) {
                throw new IOException("plugins.config is not on the class path (build the project first)");
            }
            jos.putNextEntry(new JarEntry("plugins.config"));
            cfg.transferTo(jos);
            jos.closeEntry();
        }
    }

    private static void deleteTree(Path home) {
        try (Stream<Path> s = Files.walk(home)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }

    /** Starts ImageJ with our commands installed; {@code show=false} keeps its main window hidden. */
    public static ImageJ start(boolean show) throws IOException {
        installPluginsDir();
        ImageJ instance = IJ.getInstance();
        if (instance == null) {
            instance = new ImageJ(show ? ImageJ.STANDALONE : ImageJ.NO_SHOW);
        }
        return instance;
    }
}
