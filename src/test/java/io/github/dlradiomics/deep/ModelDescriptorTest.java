package io.github.dlradiomics.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.deep.ModelDescriptor.Activation;
import io.github.dlradiomics.deep.ModelDescriptor.ChannelOrder;
import io.github.dlradiomics.deep.ModelDescriptor.Layout;
import io.github.dlradiomics.deep.ModelDescriptor.Pooling;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDescriptorTest {
    private static final Path MODELS = TestData.projectRoot().resolve("models");

    private static String squeezenetText() throws IOException {
        return Files.readString(MODELS.resolve("squeezenet1.1-imagenet.json"));
    }

    /** The squeezenet descriptor with one edit: {@code from} replaced by {@code to} (which must occur once). */
    private static String edited(String from, String to) throws IOException {
        String s = squeezenetText();
        assertEquals(s.indexOf(from), s.lastIndexOf(from), "ambiguous edit " + from);
        assertTrue(s.contains(from), "no " + from);
        return s.replace(from, to);
    }

    private static String errorOf(String json) {
        return assertThrows(UserInputException.class, () -> ModelDescriptor.parse(json, "bad.json", null))
                .getMessage();
    }

    @Test
    void shippedSqueezeNet() {
        ModelDescriptor d = ModelDescriptor.read(MODELS.resolve("squeezenet1.1-imagenet.json"));
        assertEquals("squeezenet1.1-imagenet", d.name());
        assertEquals("squeezenet1.1_imagenet_fp32.onnx", d.file());
        assertNull(d.url());
        assertEquals("7bf95a128e0991e68322aa08715e1f98d193b356263dd4932e49d096191f7b23", d.sha256());
        assertEquals(4955140L, d.bytes());
        assertEquals(new ModelDescriptor.Input("data_0", Layout.NCHW, 224, 224, 3, ChannelOrder.BGR, false), d.input());
        assertEquals(255.0, d.normalisation().scale());
        assertEquals(List.of(0.0, 0.0, 0.0), d.normalisation().mean());
        assertEquals(List.of(1.0, 1.0, 1.0), d.normalisation().std());
        assertSame(IntensityRule.AUTO, d.normalisation().intensity());
        assertEquals(new ModelDescriptor.Features("fire9/concat_1", 512, Pooling.GAP, false), d.features());
        assertEquals(new ModelDescriptor.Logits("softmaxout_1", Activation.NONE, "imagenet_labels.txt"), d.logits());
        assertEquals(MODELS.toAbsolutePath().normalize(), d.baseDir());
        assertEquals("MIT (Microsoft Windows-Machine-Learning; BVLC weights)", d.licence());
    }

    @Test
    void shippedResNet50() {
        ModelDescriptor d = ModelDescriptor.read(MODELS.resolve("resnet50-imagenet.json"));
        assertEquals("resnet50-v1-12.onnx", d.file());
        assertTrue(d.url().startsWith("https://"), d.url());
        assertTrue(d.url().endsWith("/resnet50-v1-12.onnx"), d.url());
        assertEquals(102576593L, d.bytes());
        assertTrue(Sha256.isValid(d.sha256()));
        assertEquals("data", d.input().name());
        assertEquals(ChannelOrder.RGB, d.input().channelOrder());
        assertEquals(1.0, d.normalisation().scale());
        assertEquals(List.of(0.485, 0.456, 0.406), d.normalisation().mean());
        assertEquals(List.of(0.229, 0.224, 0.225), d.normalisation().std());
        assertEquals(new ModelDescriptor.Features("resnetv17_pool1_fwd", 2048, Pooling.NONE, true), d.features());
        assertEquals(new ModelDescriptor.Logits("resnetv17_dense0_fwd", Activation.SOFTMAX, null), d.logits());
        assertTrue(d.licence().startsWith("Apache-2.0"));
    }

    @Test
    void shippedRadImageNet() {
        ModelDescriptor d = ModelDescriptor.read(MODELS.resolve("radimagenet-resnet50.json"));
        assertEquals("RadImageNet-ResNet50.onnx", d.file());
        assertNull(d.url());
        assertNull(d.sha256());
        assertNull(d.bytes());
        assertNull(d.logits());
        assertEquals(new ModelDescriptor.Input("input", Layout.NCHW, 224, 224, 3, ChannelOrder.BGR, false), d.input());
        // RadImageNet's training code: Keras preprocess_input (caffe: BGR minus means), then rescale 1/255.
        assertEquals(255.0, d.normalisation().scale());
        assertEquals(List.of(103.939, 116.779, 123.68), d.normalisation().mean());
        assertEquals(List.of(255.0, 255.0, 255.0), d.normalisation().std());
        assertEquals(new ModelDescriptor.Features("features", 2048, Pooling.NONE, false), d.features());
    }

    @Test
    void indexListsEveryShippedDescriptorAndLoadsFromAClassPath() throws IOException {
        List<String> jsonFiles;
        try (var s = Files.list(MODELS)) {
            jsonFiles = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
        // The same loader builtIns() uses, over a class path whose root holds models/index.txt.
        try (URLClassLoader cl = new URLClassLoader(new URL[] {TestData.projectRoot().toUri().toURL()}, null)) {
            List<ModelDescriptor> all = ModelDescriptor.builtIns(cl);
            assertEquals(jsonFiles.size(), all.size(), "index.txt vs models/*.json");
            assertEquals(List.of("squeezenet1.1-imagenet", "resnet50-imagenet", "radimagenet-resnet50"),
                    all.stream().map(ModelDescriptor::name).toList());
            for (ModelDescriptor d : all) {
                assertNull(d.baseDir(), "built-ins have no folder");
                assertEquals(ModelDescriptor.read(MODELS.resolve(d.name() + ".json")).toJson(), d.toJson());
            }
        }
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThrows(IllegalStateException.class, () -> ModelDescriptor.builtIns(empty));
        }
    }

    @Test
    void builtInsFromTheJarClassPath() {
        assumeTrue(ModelDescriptor.class.getClassLoader().getResource("models/index.txt") != null,
                "skipped: models/index.txt is not on the test class path (pom resource entry not added yet)");
        List<ModelDescriptor> all = ModelDescriptor.builtIns();
        assertTrue(all.stream().anyMatch(d -> d.name().equals("squeezenet1.1-imagenet")));
        assertEquals("resnet50-imagenet", ModelDescriptor.find("ResNet50-ImageNet").name());
    }

    @Test
    void roundTripsThroughJson() throws IOException {
        for (String f : List.of("squeezenet1.1-imagenet.json", "resnet50-imagenet.json", "radimagenet-resnet50.json")) {
            ModelDescriptor d = ModelDescriptor.read(MODELS.resolve(f));
            String written = Json.write(d.toJson());
            ModelDescriptor back = ModelDescriptor.parse(written, f, d.baseDir());
            assertEquals(d, back, f);
            assertEquals(written, Json.write(back.toJson()), f);
        }
        ModelDescriptor w = ModelDescriptor.parse(
                edited("\"intensity\": \"auto\"", "\"intensity\": \"window:-1000,400.5\""), "w.json", null);
        assertEquals(IntensityRule.window(-1000, 400.5), w.normalisation().intensity());
        Map<String, Object> m = w.toJson();
        assertEquals("window:-1000,400.5", ((Map<?, ?>) m.get("normalisation")).get("intensity"));
        assertEquals(w, ModelDescriptor.parse(Json.write(m), "w2.json", null));
        assertNotEquals(w, ModelDescriptor.parse(squeezenetText(), "s.json", null));
    }

    @Test
    void defaultsForOptionalKeys() throws IOException {
        String s = squeezenetText().replace("\"title\": \"SqueezeNet 1.1, ImageNet-1k\",", "")
                .replace("\"channel_order\": \"BGR\",", "").replace(",\n    \"intensity\": \"auto\"", "")
                .replace(",\n    \"internal\": false", "");
        ModelDescriptor d = ModelDescriptor.parse(s, "defaults.json", null);
        assertEquals("squeezenet1.1-imagenet", d.title());
        assertEquals(ChannelOrder.RGB, d.input().channelOrder());
        assertSame(IntensityRule.AUTO, d.normalisation().intensity());
        assertFalse(d.features().internal());
    }

    @Test
    void unknownKeysAreErrorsNamingFileAndKey() throws IOException {
        String top = errorOf(edited("\"url\": null,", "\"url\": null, \"notes\": \"x\","));
        assertTrue(top.startsWith("bad.json: unknown key \"notes\""), top);
        assertTrue(top.contains("docs/models.md"), top);
        String nested = errorOf(edited("\"dynamic_size\": false", "\"dynamic_size\": false, \"colour\": 1"));
        assertTrue(nested.contains("unknown key \"input.colour\""), nested);
        assertTrue(nested.contains("channel_order"), "lists the allowed keys: " + nested);
        String logits = errorOf(edited("\"labels\": \"imagenet_labels.txt\"", "\"label\": \"imagenet_labels.txt\""));
        assertTrue(logits.contains("\"logits.label\""), logits);
    }

    @Test
    void readNamesTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mine.json");
        Files.writeString(f, edited("\"pooling\": \"gap\",", "\"pooling\": \"gap\", \"pool\": 1,"));
        String msg = assertThrows(UserInputException.class, () -> ModelDescriptor.read(f)).getMessage();
        assertTrue(msg.startsWith(f + ": unknown key \"features.pool\""), msg);
        Path missing = dir.resolve("absent.json");
        msg = assertThrows(UserInputException.class, () -> ModelDescriptor.read(missing)).getMessage();
        assertTrue(msg.contains(missing.toString()) && msg.contains("not found"), msg);
        Files.writeString(f, "{\"format\": \"dlradiomics-model/1\", ");
        msg = assertThrows(UserInputException.class, () -> ModelDescriptor.read(f)).getMessage();
        assertTrue(msg.startsWith(f + ": JSON line 1"), msg);
    }

    @Test
    void badValuesAreClearErrors() throws IOException {
        assertTrue(errorOf(edited("\"width\": 224", "\"width\": 0")).contains("input.width is 0"));
        assertTrue(errorOf(edited("\"height\": 224", "\"height\": 22.5")).contains("input.height is 22.5"));
        assertTrue(errorOf(edited("\"width\": 224", "\"width\": \"224\"")).contains("input.width must be a number"));
        assertTrue(errorOf(edited("\"channels\": 3", "\"channels\": 2")).contains("input.channels is 2"));
        assertTrue(errorOf(edited("\"channels\": 3", "\"channels\": 4")).contains("input.channels is 4"));
        assertTrue(errorOf(edited("\"channels\": 3", "\"channels\": 1")).contains("normalisation.mean has 3 values;"
                + " input.channels is 1"));
        assertTrue(errorOf(edited("\"mean\": [0, 0, 0]", "\"mean\": [0, 0]")).contains("normalisation.mean has 2"));
        assertTrue(errorOf(edited("\"std\": [1, 1, 1]", "\"std\": [1, 0, 1]")).contains("normalisation.std holds 0"));
        assertTrue(errorOf(edited("\"std\": [1, 1, 1]", "\"std\": [1, \"a\", 1]")).contains("numbers only"));
        assertTrue(errorOf(edited("\"scale\": 255.0", "\"scale\": -1")).contains("normalisation.scale is -1"));
        assertTrue(errorOf(edited("\"layout\": \"NCHW\"", "\"layout\": \"CHW\""))
                .contains("input.layout is \"CHW\"; expected \"NCHW\" or \"NHWC\""));
        assertTrue(errorOf(edited("\"channel_order\": \"BGR\"", "\"channel_order\": \"GRB\"")).contains("\"RGB\""));
        assertTrue(errorOf(edited("\"pooling\": \"gap\"", "\"pooling\": \"max\""))
                .contains("features.pooling is \"max\"; expected \"gap\" or \"none\""));
        assertTrue(errorOf(edited("\"activation\": \"none\"", "\"activation\": \"sigmoid\"")).contains("\"softmax\""));
        assertTrue(errorOf(edited("\"dimension\": 512", "\"dimension\": 0")).contains("features.dimension is 0"));
        assertTrue(errorOf(edited("\"internal\": false", "\"internal\": \"no\"")).contains("true or false"));
        assertTrue(errorOf(edited("\"dynamic_size\": false", "\"dynamic_size\": 0")).contains("true or false"));
        assertTrue(errorOf(edited("7bf95a128e0991e6", "7bf95a128e0991e")).contains("sha256"));
        assertTrue(errorOf(edited("7bf95a128e0991e6", "7bf95a128e0991eg")).contains("64 hexadecimal digits"));
        assertTrue(errorOf(edited("\"bytes\": 4955140", "\"bytes\": -5")).contains("bytes is -5"));
        assertTrue(errorOf(edited("\"url\": null", "\"url\": \"ftp://x/y.onnx\"")).contains("https://"));
        assertTrue(errorOf(edited("\"intensity\": \"auto\"", "\"intensity\": \"window:400,-1000\""))
                .contains("normalisation.intensity"));
        assertTrue(errorOf(edited("\"intensity\": \"auto\"", "\"intensity\": \"histogram\""))
                .contains("auto, minmax, zscore or window:LO,HI"));
        assertTrue(errorOf(edited("\"format\": \"dlradiomics-model/1\"", "\"format\": \"dlradiomics-model/2\""))
                .contains("format is \"dlradiomics-model/2\""));
        assertTrue(errorOf(edited("\"name\": \"squeezenet1.1-imagenet\"", "\"name\": \"squeeze net\""))
                .contains("name \"squeeze net\""));
        assertTrue(errorOf(edited("\"file\": \"squeezenet1.1_imagenet_fp32.onnx\"", "\"file\": \"models/x.onnx\""))
                .contains("without a folder"));
        assertTrue(errorOf(edited("\"input\": {", "\"input\": [], \"x_input\": {"))
                .contains("unknown key \"x_input\""));
        assertTrue(errorOf(edited("\"file\": \"squeezenet1.1_imagenet_fp32.onnx\",", ""))
                .contains("missing key \"file\""));
        assertTrue(errorOf(edited("\"output\": \"fire9/concat_1\",", "")).contains("missing key \"features.output\""));
        Map<String, Object> m = Json.parseObject(squeezenetText());
        m.put("input", List.of(1, 2));
        assertTrue(errorOf(Json.write(m)).contains("input must be an object {...}, not a list"));
        m.put("input", null);
        assertTrue(errorOf(Json.write(m)).contains("input must not be null"));
        String noSha = edited("\"url\": null", "\"url\": \"https://example.org/m.onnx\"")
                .replace("\"sha256\": \"7bf95a128e0991e68322aa08715e1f98d193b356263dd4932e49d096191f7b23\",", "");
        assertTrue(errorOf(noSha).contains("sha256 is required when a url is given"));
        assertTrue(errorOf("[1, 2]").startsWith("bad.json: JSON"));
    }

    @Test
    void upperCaseHashIsAcceptedAndStoredLowerCase() throws IOException {
        String lower = "7bf95a128e0991e68322aa08715e1f98d193b356263dd4932e49d096191f7b23";
        ModelDescriptor d = ModelDescriptor.parse(edited(lower, lower.toUpperCase(Locale.ROOT)), "u.json", null);
        assertEquals(lower, d.sha256());
    }

    @Test
    void findByPathOrName(@TempDir Path dir) throws IOException {
        List<ModelDescriptor> known = List.of(ModelDescriptor.read(MODELS.resolve("squeezenet1.1-imagenet.json")),
                ModelDescriptor.read(MODELS.resolve("resnet50-imagenet.json")));
        assertEquals("resnet50-imagenet", ModelDescriptor.find("RESNET50-imagenet", known).name());
        Path f = dir.resolve("Mine.JSON");
        Files.writeString(f, edited("\"name\": \"squeezenet1.1-imagenet\"", "\"name\": \"mine\""));
        ModelDescriptor mine = ModelDescriptor.find(f.toString(), known);
        assertEquals("mine", mine.name());
        assertEquals(dir.toAbsolutePath().normalize(), mine.baseDir());

        String unknown = assertThrows(UserInputException.class, () -> ModelDescriptor.find("vgg16", known))
                .getMessage();
        assertTrue(unknown.contains("\"vgg16\"") && unknown.contains("squeezenet1.1-imagenet, resnet50-imagenet")
                && unknown.contains("docs/models.md"), unknown);
        String onnx = assertThrows(UserInputException.class,
                () -> ModelDescriptor.find("/data/RadImageNet-ResNet50.onnx", known)).getMessage();
        assertTrue(onnx.contains("descriptor (.json)") && onnx.contains("docs/models.md")
                && onnx.contains("--model-file"), onnx);
        String missing = assertThrows(UserInputException.class,
                () -> ModelDescriptor.find(dir.resolve("none.json").toString(), known)).getMessage();
        assertTrue(missing.contains("none.json") && missing.contains("not found"), missing);
        assertThrows(UserInputException.class, () -> ModelDescriptor.find(" ", known));
    }

    @Test
    void intensityRules() {
        assertSame(IntensityRule.AUTO, IntensityRule.parse(" Auto "));
        assertEquals(IntensityRule.Kind.MINMAX, IntensityRule.parse("minmax").kind());
        assertEquals(IntensityRule.Kind.ZSCORE, IntensityRule.parse("zscore").kind());
        IntensityRule w = IntensityRule.parse("window:-160, 240");
        assertEquals(-160, w.low());
        assertEquals(240, w.high());
        assertEquals("window:-160,240", w.toString());
        assertEquals(w, IntensityRule.parse(w.toString()));
        assertEquals("minmax", IntensityRule.parse("MINMAX").toString());
        for (String bad : List.of("window:1,1", "window:2,1", "window:1", "window:a,b", "window:1,2,3", "window:",
                "z-score", "", "window:nan,1")) {
            assertThrows(UserInputException.class, () -> IntensityRule.parse(bad), bad);
        }
    }
}
