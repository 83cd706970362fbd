package io.github.dlradiomics.deep;

import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds the ONNX file of a {@link ModelDescriptor}, in this order: (a) a file the user names explicitly;
 * (b) the descriptor's own folder; (c) Fiji's {@code models/} folder (from the system property
 * {@code dlrad.fiji.dir}, {@code ij.dir} or {@code fiji.dir}); (d) the folders of the search path
 * ({@code dlrad.model.path} property and {@code DLRAD_MODEL_PATH} variable, path-separator lists); (e) the
 * user cache {@code <cache>/models/} ({@code dlrad.cache} property, {@code DLRAD_CACHE} variable, default
 * {@code ~/.cache/dlradiomics}); (f) a download from the descriptor's URL into the cache, unless offline.
 * Fiji and search-path folders are searched directly and one level of subfolders deep
 * ({@code models/squeezenet1.1/squeezenet1.1_imagenet_fp32.onnx}). Every file found is checked against the
 * descriptor's size and SHA-256; a mismatch is an error, never a silent fallback.
 *
 * <pre>Resolved r = ModelResolver.fromEnvironment(false).resolve(descriptor, null, listener); r.file();</pre>
 */
public final class ModelResolver {
    /** Sources of a resolved file, as {@link Resolved#source()} says them. */
    public static final String EXPLICIT = "explicit";
    public static final String DESCRIPTOR_FOLDER = "descriptor folder";
    public static final String FIJI_MODELS = "Fiji models folder";
    public static final String SEARCH_PATH = "search path";
    public static final String CACHE = "cache";
    public static final String DOWNLOADED = "downloaded";

    /**
     * A model file that passed the descriptor's checks.
     *
     * @param file the ONNX file
     * @param source where it was found: {@link #EXPLICIT}, {@link #DESCRIPTOR_FOLDER}, {@link #FIJI_MODELS},
     *        {@link #SEARCH_PATH}, {@link #CACHE} or {@link #DOWNLOADED}
     * @param sha256 the file's SHA-256 (lower-case hex), for provenance in outputs
     */
    public record Resolved(Path file, String source, String sha256) {
    }

    private final List<Path> fijiModelDirs;
    private final List<Path> searchPath;
    private final Path cacheDir;
    private final boolean offline;
    private final Downloader downloader;

    private ModelResolver(Builder b) {
        this.fijiModelDirs = List.copyOf(b.fijiModelDirs);
        this.searchPath = List.copyOf(b.searchPath);
        this.cacheDir = Objects.requireNonNull(b.cacheDir, "cacheDir");
        this.offline = b.offline;
        this.downloader = b.downloader;
    }

    /** A resolver with explicit folders (tests, scripts); nothing is read from the environment. */
    public static Builder builder() {
        return new Builder();
    }

    /** A resolver configured from system properties and environment variables, as the class comment says. */
    public static ModelResolver fromEnvironment(boolean offline) {
        return fromEnvironment(System::getProperty, System::getenv, offline);
    }

    static ModelResolver fromEnvironment(Function<String, String> properties, Function<String, String> environment,
            boolean offline) {
        Builder b = builder().offline(offline);
        Set<Path> fiji = new LinkedHashSet<>();
        for (String key : List.of("dlrad.fiji.dir", "ij.dir", "fiji.dir")) {
            String v = properties.apply(key);
            if (v != null && !v.isBlank()) {
                fiji.add(Path.of(v).toAbsolutePath().normalize().resolve("models"));
            }
        }
        b.fijiModelDirs(new ArrayList<>(fiji));
        List<Path> search = new ArrayList<>();
        search.addAll(splitPath(properties.apply("dlrad.model.path")));
        search.addAll(splitPath(environment.apply("DLRAD_MODEL_PATH")));
        b.searchPath(search);
        String cache = properties.apply("dlrad.cache");
        if (cache == null || cache.isBlank()) {
            cache = environment.apply("DLRAD_CACHE");
        }
        if (cache == null || cache.isBlank()) {
            String home = properties.apply("user.home");
            b.cacheDir(Path.of(home == null ? "." : home, ".cache", "dlradiomics"));
        } else {
            b.cacheDir(Path.of(cache));
        }
        return b.build();
    }

    private static List<Path> splitPath(String list) {
        List<Path> out = new ArrayList<>();
        if (list != null) {
            for (String s : list.split(File.pathSeparator)) {
                if (!s.isBlank()) {
                    out.add(Path.of(s.strip()));
                }
            }
        }
        return out;
    }

    /** The Fiji {@code models/} folders searched. */
    public List<Path> fijiModelDirs() {
        return fijiModelDirs;
    }

    /** The search-path folders. */
    public List<Path> searchPath() {
        return searchPath;
    }

    /** The cache folder; model files go to its {@code models/} subfolder. */
    public Path cacheDir() {
        return cacheDir;
    }

    /** True when downloads are off. */
    public boolean offline() {
        return offline;
    }

    /** Where a download of the descriptor's file goes (and where the cache is searched). */
    public Path cacheFile(ModelDescriptor d) {
        return cacheDir.resolve("models").resolve(d.file());
    }

    /**
     * The verified model file of a descriptor.
     *
     * @param explicitFile a file the user named ({@code --model-file}), or null to search
     * @param listener download progress and cancel; may be null
     * @throws UserInputException when the file is missing (saying where it looked), or fails the size or hash check
     */
    public Resolved resolve(ModelDescriptor d, Path explicitFile, ProgressListener listener) {
        if (explicitFile != null) {
            if (!Files.isRegularFile(explicitFile)) {
                throw new UserInputException(d.name() + ": model file " + explicitFile + " does not exist"
                        + (Files.isDirectory(explicitFile) ? " (it is a folder)" : ""));
            }
            return verified(d, explicitFile, EXPLICIT);
        }
        List<String> looked = new ArrayList<>();
        if (d.baseDir() != null) {
            looked.add(d.baseDir().toString());
            Path f = d.baseDir().resolve(d.file());
            if (Files.isRegularFile(f)) {
                return verified(d, f, DESCRIPTOR_FOLDER);
            }
        }
        Resolved r = searchFolders(d, fijiModelDirs, FIJI_MODELS, looked);
        if (r == null) {
            r = searchFolders(d, searchPath, SEARCH_PATH, looked);
        }
        if (r != null) {
            return r;
        }
        Path cached = cacheFile(d);
        looked.add(cached.getParent().toString());
        if (Files.isRegularFile(cached)) {
            return verified(d, cached, CACHE);
        }
        if (d.url() != null && !offline) {
            String sha = downloader.download(d.url(), cached, d.sha256(), d.bytes(), listener);
            return new Resolved(cached, DOWNLOADED, sha);
        }
        String where = fijiModelDirs.isEmpty() ? "<Fiji>/models" : fijiModelDirs.get(0).toString();
        String download = d.url() != null ? " downloads are off: allow them to fetch it from " + d.url() + ", or" : "";
        throw new UserInputException(d.name() + ": model file " + d.file() + " not found (looked in: "
                + String.join(", ", looked) + ");" + download + " put it in " + where + " or " + cached.getParent()
                + ", or pass --model-file PATH (see docs/models.md)");
    }

    private Resolved searchFolders(ModelDescriptor d, List<Path> dirs, String source, List<String> looked) {
        for (Path dir : dirs) {
            looked.add(dir + " (and its subfolders)");
            Path direct = dir.resolve(d.file());
            if (Files.isRegularFile(direct)) {
                return verified(d, direct, source);
            }
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> subdirs;
            try (Stream<Path> s = Files.list(dir)) {
                subdirs = s.filter(Files::isDirectory).sorted().toList();
            } catch (IOException e) {
                continue; // an unreadable folder in a search path is not the user's model problem
            }
            for (Path sub : subdirs) {
                Path f = sub.resolve(d.file());
                if (Files.isRegularFile(f)) {
                    return verified(d, f, source);
                }
            }
        }
        return null;
    }

    /** Checks size and hash of a found file against the descriptor. */
    private static Resolved verified(ModelDescriptor d, Path f, String source) {
        String hint = CACHE.equals(source) ? " (delete it to download it again)" : "";
        try {
            long size = Files.size(f);
            if (d.bytes() != null && size != d.bytes()) {
                throw new UserInputException(f + ": " + size + " bytes, but model " + d.name() + " expects "
                        + d.bytes() + " (an incomplete or different file)" + hint);
            }
            String sha = Sha256.of(f);
            if (d.sha256() != null && !d.sha256().equals(sha)) {
                throw new UserInputException(f + ": sha256 is " + sha + " but model " + d.name() + " expects "
                        + d.sha256() + " (a different or damaged file)" + hint);
            }
            return new Resolved(f, source, sha);
        } catch (IOException e) {
            throw new UserInputException(f + ": cannot read the model file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The labels file of the descriptor's logits: beside the descriptor, else beside the model file; null
     * when the descriptor names none or it is absent.
     */
    public static Path labelsFile(ModelDescriptor d, Resolved model) {
        if (d.logits() == null || d.logits().labels() == null) {
            return null;
        }
        List<Path> dirs = new ArrayList<>();
        if (d.baseDir() != null) {
            dirs.add(d.baseDir());
        }
        if (model != null && model.file().toAbsolutePath().getParent() != null) {
            dirs.add(model.file().toAbsolutePath().getParent());
        }
        for (Path dir : dirs) {
            Path f = dir.resolve(d.logits().labels());
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    /** Builds a {@link ModelResolver}. */
    public static final class Builder {
        private List<Path> fijiModelDirs = List.of();
        private List<Path> searchPath = List.of();
        private Path cacheDir;
        private boolean offline;
        private Downloader downloader = new Downloader();

        private Builder() {
        }

        /** Fiji {@code models/} folders, searched in order (with one level of subfolders). */
        public Builder fijiModelDirs(List<Path> dirs) {
            this.fijiModelDirs = List.copyOf(dirs);
            return this;
        }

        /** Further folders, searched after Fiji's (with one level of subfolders). */
        public Builder searchPath(List<Path> dirs) {
            this.searchPath = List.copyOf(dirs);
            return this;
        }

        /** The cache folder (required); files lie in its {@code models/} subfolder. */
        public Builder cacheDir(Path dir) {
            this.cacheDir = dir;
            return this;
        }

        /** True: never download. */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /** The downloader (default: {@code new Downloader()}). */
        public Builder downloader(Downloader downloader) {
            this.downloader = Objects.requireNonNull(downloader);
            return this;
        }

        public ModelResolver build() {
            return new ModelResolver(this);
        }
    }
}
