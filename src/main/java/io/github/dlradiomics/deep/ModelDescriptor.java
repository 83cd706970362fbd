package io.github.dlradiomics.deep;

import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What DLRadiomics needs to know about an ONNX model to extract deep features: its file (and where to
 * download it), its input tensor, how to normalise intensities, which tensor holds the features and,
 * optionally, the classifier logits. Read from a {@code dlradiomics-model/1} JSON file; every key is
 * documented in docs/models.md and unknown keys are errors (a misspelt key must not be silently ignored).
 *
 * <pre>ModelDescriptor d = ModelDescriptor.find("resnet50-imagenet"); int n = d.features().dimension();</pre>
 */
public final class ModelDescriptor {
    /** The value of the {@code format} key this version reads and writes. */
    public static final String FORMAT = "dlradiomics-model/1";

    /** The classpath folder of the built-in descriptors, listed one file name a line in its index.txt. */
    public static final String BUILT_IN_FOLDER = "models";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> TOP_KEYS = Set.of("format", "name", "title", "architecture", "pretraining",
            "licence", "file", "url", "sha256", "bytes", "input", "normalisation", "features", "logits");
    private static final Set<String> INPUT_KEYS = Set.of("name", "layout", "width", "height", "channels",
            "channel_order", "dynamic_size");
    private static final Set<String> NORMALISATION_KEYS = Set.of("scale", "mean", "std", "intensity");
    private static final Set<String> FEATURES_KEYS = Set.of("output", "dimension", "pooling", "internal");
    private static final Set<String> LOGITS_KEYS = Set.of("output", "activation", "labels");

    /** Memory layout of the input tensor. */
    public enum Layout {
        NCHW, NHWC
    }

    /** Order of the colour channels the model was trained with. */
    public enum ChannelOrder {
        RGB, BGR
    }

    /** How the feature tensor becomes a vector: {@code gap} averages its spatial axes; {@code none} flattens it. */
    public enum Pooling {
        GAP, NONE
    }

    /** What to apply to the logits tensor to obtain class probabilities. */
    public enum Activation {
        NONE, SOFTMAX
    }

    /**
     * The model's image input.
     *
     * @param name the graph input's name
     * @param layout NCHW or NHWC
     * @param width the input width in pixels (the default size when {@code dynamicSize})
     * @param height the input height in pixels
     * @param channels 1 or 3
     * @param channelOrder order of colour channels (ignored for one channel)
     * @param dynamicSize true when the model accepts other sizes than width x height
     */
    public record Input(String name, Layout layout, int width, int height, int channels, ChannelOrder channelOrder,
            boolean dynamicSize) {
    }

    /**
     * Model input = (unit * scale - mean[c]) / std[c], where unit is the image mapped to [0, 1] by an
     * {@link IntensityRule}.
     *
     * @param scale factor applied to the unit value (255 for models trained on 0..255 pixels)
     * @param mean per-channel mean, in the input's channel order
     * @param std per-channel standard deviation, never 0
     * @param intensity the default intensity rule
     */
    public record Normalisation(double scale, List<Double> mean, List<Double> std, IntensityRule intensity) {
        public Normalisation {
            mean = List.copyOf(mean);
            std = List.copyOf(std);
        }

        /** The mean as an array (a copy). */
        public double[] meanArray() {
            return mean.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** The standard deviation as an array (a copy). */
        public double[] stdArray() {
            return std.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /**
     * The tensor whose values are the deep features.
     *
     * @param output the tensor's name in the graph
     * @param dimension the length of the feature vector after pooling
     * @param pooling gap or none
     * @param internal true when the tensor is not a graph output: the loader adds it to the outputs
     */
    public record Features(String output, int dimension, Pooling pooling, boolean internal) {
    }

    /**
     * The classifier output (optional).
     *
     * @param output the tensor's name in the graph
     * @param activation none (already probabilities or raw scores wanted) or softmax
     * @param labels a file of class names beside the descriptor or the model file, or null
     */
    public record Logits(String output, Activation activation, String labels) {
    }

    private final String name;
    private final String title;
    private final String architecture;
    private final String pretraining;
    private final String licence;
    private final String file;
    private final String url;
    private final String sha256;
    private final Long bytes;
    private final Input input;
    private final Normalisation normalisation;
    private final Features features;
    private final Logits logits;
    private final Path baseDir;

    private ModelDescriptor(String name, String title, String architecture, String pretraining, String licence,
            String file, String url, String sha256, Long bytes, Input input, Normalisation normalisation,
            Features features, Logits logits, Path baseDir) {
        this.name = name;
        this.title = title;
        this.architecture = architecture;
        this.pretraining = pretraining;
        this.licence = licence;
        this.file = file;
        this.url = url;
        this.sha256 = sha256;
        this.bytes = bytes;
        this.input = input;
        this.normalisation = normalisation;
        this.features = features;
        this.logits = logits;
        this.baseDir = baseDir;
    }

    /** The id used on the command line ({@code --model NAME}). */
    public String name() {
        return name;
    }

    /** A human-readable title (the name when the descriptor has none). */
    public String title() {
        return title;
    }

    /** The architecture, e.g. "ResNet-50 v1", or null. */
    public String architecture() {
        return architecture;
    }

    /** The pretraining data set, e.g. "ImageNet-1k", or null. */
    public String pretraining() {
        return pretraining;
    }

    /** The weights' licence, or null. */
    public String licence() {
        return licence;
    }

    /** The ONNX model's file name (no folder). */
    public String file() {
        return file;
    }

    /** The download URL, or null when the user must supply the file. */
    public String url() {
        return url;
    }

    /** The expected SHA-256 of the model file (lower-case hex), or null when not checked. */
    public String sha256() {
        return sha256;
    }

    /** The expected size of the model file in bytes, or null when not checked. */
    public Long bytes() {
        return bytes;
    }

    public Input input() {
        return input;
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    public Features features() {
        return features;
    }

    /** The classifier output, or null. */
    public Logits logits() {
        return logits;
    }

    /** The folder the descriptor was read from (where its model file may lie), or null for a built-in. */
    public Path baseDir() {
        return baseDir;
    }

    /** Reads a descriptor file. */
    public static ModelDescriptor read(Path json) {
        String text;
        try {
            text = Files.readString(json, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException(json + ": model descriptor not found");
        } catch (IOException e) {
            throw new UserInputException(json + ": cannot read the model descriptor (" + e.getMessage() + ")", e);
        }
        Path dir = json.toAbsolutePath().normalize().getParent();
        return parse(text, json.toString(), dir);
    }

    /**
     * Parses descriptor text.
     *
     * @param json the JSON text
     * @param sourceName what to call it in messages (usually the file)
     * @param baseDir the folder the model file may lie in, or null
     */
    public static ModelDescriptor parse(String json, String sourceName, Path baseDir) {
        Map<String, Object> root;
        try {
            root = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(sourceName + ": " + e.getMessage(), e);
        }
        Obj o = new Obj(sourceName, "", root, TOP_KEYS);
        String format = o.string("format", true);
        if (!FORMAT.equals(format)) {
            throw o.error("format", "is \"" + format + "\"; this DLRadiomics reads \"" + FORMAT + "\"");
        }
        String name = o.string("name", true);
        if (!NAME.matcher(name).matches()) {
            throw o.error("name", "\"" + name + "\" must be letters, digits, '.', '_' or '-' (it is typed on the"
                    + " command line)");
        }
        String title = o.string("title", false);
        String file = o.string("file", true);
        if (file.contains("/") || file.contains("\\") || file.equals(".") || file.equals("..")) {
            throw o.error("file", "\"" + file + "\" must be a file name without a folder (the model is looked for"
                    + " in several folders; see docs/models.md)");
        }
        String url = o.string("url", false);
        if (url != null && !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw o.error("url", "\"" + url + "\" must start with https:// or http://");
        }
        String sha = o.string("sha256", false);
        if (sha != null) {
            sha = sha.toLowerCase(Locale.ROOT);
            if (!Sha256.isValid(sha)) {
                throw o.error("sha256", "\"" + o.raw("sha256") + "\" must be 64 hexadecimal digits");
            }
        }
        if (url != null && sha == null) {
            throw o.error("sha256", "is required when a url is given (a download must be verified)");
        }
        Long bytes = o.has("bytes") ? o.wholeNumber("bytes", 1, (1L << 53)) : null;

        Obj in = o.object("input", true, INPUT_KEYS);
        int channels = (int) in.wholeNumber("channels", 1, 3);
        if (channels == 2) {
            throw in.error("channels", "is 2; models take 1 (grey) or 3 (colour) channels");
        }
        Input input = new Input(in.string("name", true), in.choice("layout", Layout.class, null),
                (int) in.wholeNumber("width", 1, 1 << 16), (int) in.wholeNumber("height", 1, 1 << 16), channels,
                in.choice("channel_order", ChannelOrder.class, ChannelOrder.RGB),
                in.bool("dynamic_size", false));

        Obj no = o.object("normalisation", true, NORMALISATION_KEYS);
        double scale = no.number("scale");
        if (!(scale > 0)) {
            throw no.error("scale", "is " + Json.plain(scale) + "; it must be positive");
        }
        List<Double> mean = no.numbers("mean", channels, false);
        List<Double> std = no.numbers("std", channels, true);
        IntensityRule rule = IntensityRule.AUTO;
        if (no.has("intensity")) {
            try {
                rule = IntensityRule.parse(no.string("intensity", true));
            } catch (UserInputException e) {
                throw no.error("intensity", e.getMessage());
            }
        }
        Normalisation normalisation = new Normalisation(scale, mean, std, rule);

        Obj fe = o.object("features", true, FEATURES_KEYS);
        Features features = new Features(fe.string("output", true), (int) fe.wholeNumber("dimension", 1, 1 << 24),
                fe.choice("pooling", Pooling.class, null), fe.bool("internal", false));

        Logits logits = null;
        Obj lo = o.object("logits", false, LOGITS_KEYS);
        if (lo != null) {
            String labels = lo.string("labels", false);
            if (labels != null && (labels.isBlank() || Path.of(labels).isAbsolute())) {
                throw lo.error("labels", "\"" + labels + "\" must be a file name beside the descriptor or model");
            }
            logits = new Logits(lo.string("output", true), lo.choice("activation", Activation.class, Activation.NONE),
                    labels);
        }
        return new ModelDescriptor(name, title == null ? name : title, o.string("architecture", false),
                o.string("pretraining", false), o.string("licence", false), file, url, sha, bytes, input,
                normalisation, features, logits, baseDir);
    }

    /** The descriptor as JSON values in schema order; {@code Json.write(toJson())} parses back to an equal one. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("name", name);
        m.put("title", title);
        putIfSet(m, "architecture", architecture);
        putIfSet(m, "pretraining", pretraining);
        putIfSet(m, "licence", licence);
        m.put("file", file);
        m.put("url", url);
        putIfSet(m, "sha256", sha256);
        putIfSet(m, "bytes", bytes);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("name", input.name());
        in.put("layout", input.layout().name());
        in.put("width", input.width());
        in.put("height", input.height());
        in.put("channels", input.channels());
        in.put("channel_order", input.channelOrder().name());
        in.put("dynamic_size", input.dynamicSize());
        m.put("input", in);
        Map<String, Object> no = new LinkedHashMap<>();
        no.put("scale", normalisation.scale());
        no.put("mean", normalisation.mean());
        no.put("std", normalisation.std());
        no.put("intensity", normalisation.intensity().toString());
        m.put("normalisation", no);
        Map<String, Object> fe = new LinkedHashMap<>();
        fe.put("output", features.output());
        fe.put("dimension", features.dimension());
        fe.put("pooling", lower(features.pooling()));
        fe.put("internal", features.internal());
        m.put("features", fe);
        if (logits != null) {
            Map<String, Object> lo = new LinkedHashMap<>();
            lo.put("output", logits.output());
            lo.put("activation", lower(logits.activation()));
            putIfSet(lo, "labels", logits.labels());
            m.put("logits", lo);
        }
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The descriptors shipped in the jar (classpath folder {@code models/}, listed in {@code models/index.txt}),
     * in index order. Their {@link #baseDir()} is null.
     */
    public static List<ModelDescriptor> builtIns() {
        return builtIns(ModelDescriptor.class.getClassLoader());
    }

    static List<ModelDescriptor> builtIns(ClassLoader loader) {
        String index = BUILT_IN_FOLDER + "/index.txt";
        List<ModelDescriptor> out = new ArrayList<>();
        for (String fileName : lines(loader, index)) {
            String resource = BUILT_IN_FOLDER + "/" + fileName;
            List<String> text = lines(loader, resource);
            out.add(parse(String.join("\n", text), "built-in " + resource, null));
        }
        return Collections.unmodifiableList(out);
    }

    private static List<String> lines(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in model descriptor resource " + resource
                        + " is missing from the class path (a packaging error)");
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource " + resource, e);
        }
    }

    /**
     * A model by name or file: a path to a {@code .json} descriptor is read; any other text is looked up
     * among the {@link #builtIns()} by name, ignoring case.
     */
    public static ModelDescriptor find(String nameOrPath) {
        return find(nameOrPath, builtIns());
    }

    /** {@link #find(String)} among the given known descriptors instead of the built-ins. */
    public static ModelDescriptor find(String nameOrPath, List<ModelDescriptor> known) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new UserInputException("no model given; built-in models: " + names(known)
                    + ", or the path of a descriptor .json (see docs/models.md)");
        }
        String s = nameOrPath.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".onnx")) {
            throw new UserInputException(s + ": an ONNX file alone is not enough; give a model descriptor (.json)"
                    + " saying its input, normalisation and feature tensor, or a built-in name (" + names(known)
                    + ") with the file as --model-file (see docs/models.md)");
        }
        if (lower.endsWith(".json")) {
            return read(Path.of(s));
        }
        for (ModelDescriptor d : known) {
            if (d.name().equalsIgnoreCase(s)) {
                return d;
            }
        }
        throw new UserInputException("unknown model \"" + s + "\"; built-in models: " + names(known)
                + ", or the path of a descriptor .json (see docs/models.md)");
    }

    private static String names(List<ModelDescriptor> known) {
        return known.isEmpty() ? "(none)" : known.stream().map(ModelDescriptor::name).collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelDescriptor d && toJson().equals(d.toJson()) && Objects.equals(baseDir, d.baseDir);
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + file + ")";
    }

    /** A short description of a JSON value for messages. */
    private static String describe(Object v) {
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "a list";
        }
        return Json.write(v);
    }

    /** One JSON object of a descriptor, with the key path and file for messages. */
    private static final class Obj {
        final String source;
        final String path;
        final Map<String, Object> map;

        Obj(String source, String path, Map<String, Object> map, Set<String> known) {
            this.source = source;
            this.path = path;
            this.map = map;
            for (String k : map.keySet()) {
                if (!known.contains(k)) {
                    throw new UserInputException(source + ": unknown key \"" + path + k + "\" (allowed here: "
                            + known.stream().sorted().collect(Collectors.joining(", ")) + "; see docs/models.md)");
                }
            }
        }

        UserInputException error(String key, String what) {
            return new UserInputException(source + ": " + path + key + " " + what);
        }

        boolean has(String key) {
            return map.containsKey(key) && map.get(key) != null;
        }

        Object raw(String key) {
            return map.get(key);
        }

        Object required(String key) {
            if (!map.containsKey(key)) {
                throw new UserInputException(source + ": missing key \"" + path + key + "\" (see docs/models.md)");
            }
            Object v = map.get(key);
            if (v == null) {
                throw error(key, "must not be null");
            }
            return v;
        }

        String string(String key, boolean required) {
            if (!required && !has(key)) {
                return null;
            }
            Object v = required(key);
            if (!(v instanceof String s)) {
                throw error(key, "must be a string, not " + describe(v));
            }
            if (s.isBlank()) {
                throw error(key, "must not be empty");
            }
            return s;
        }

        double number(String key) {
            Object v = required(key);
            if (!(v instanceof Double d) || !Double.isFinite(d)) {
                throw error(key, "must be a number, not " + describe(v));
            }
            return d;
        }

        long wholeNumber(String key, long min, long max) {
            double d = number(key);
            if (d != Math.rint(d) || d < min || d > max) {
                throw error(key, "is " + Json.plain(d) + "; it must be a whole number from " + min + " to " + max);
            }
            return (long) d;
        }

        boolean bool(String key, boolean dflt) {
            if (!has(key)) {
                return dflt;
            }
            Object v = map.get(key);
            if (!(v instanceof Boolean b)) {
                throw error(key, "must be true or false, not " + describe(v));
            }
            return b;
        }

        <E extends Enum<E>> E choice(String key, Class<E> type, E dflt) {
            if (dflt != null && !has(key)) {
                return dflt;
            }
            String s = string(key, true);
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
            List<String> allowed = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                allowed.add("\"" + (type == Layout.class || type == ChannelOrder.class ? e.name() : lower(e)) + "\"");
            }
            throw error(key, "is \"" + s + "\"; expected " + String.join(" or ", allowed));
        }

        List<Double> numbers(String key, int length, boolean nonZero) {
            Object v = required(key);
            if (!(v instanceof List<?> l)) {
                throw error(key, "must be a list of numbers, not " + describe(v));
            }
            if (l.size() != length) {
                throw error(key, "has " + l.size() + " values; input.channels is " + length);
            }
            List<Double> out = new ArrayList<>();
            for (Object x : l) {
                if (!(x instanceof Double d) || !Double.isFinite(d)) {
                    throw error(key, "must hold numbers only, not " + describe(x));
                }
                if (nonZero && !(d > 0)) {
                    throw error(key, "holds " + Json.plain(d) + "; every value must be positive");
                }
                out.add(d);
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        Obj object(String key, boolean required, Set<String> known) {
            if (!required && !has(key)) {
                return null;
            }
            Object v = required(key);
            if (!(v instanceof Map)) {
                throw error(key, "must be an object {...}, not " + describe(v));
            }
            return new Obj(source, path + key + ".", (Map<String, Object>) v, known);
        }
    }
}
