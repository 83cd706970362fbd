package io.github.dlradiomics.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.dlradiomics.TestData;
import io.github.dlradiomics.util.CancelledException;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {
    private static final String SQUEEZENET = "models/squeezenet1.1/squeezenet1.1_imagenet_fp32.onnx";
    private static final String SQUEEZENET_SHA = "7bf95a128e0991e68322aa08715e1f98d193b356263dd4932e49d096191f7b23";

    @TempDir
    Path tmp;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Serves {@code body} at /m.onnx, /redirect (302 to /m.onnx); everything else is 404. Counts requests. */
    private String serve(byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", (HttpExchange ex) -> {
            requests.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            if (path.equals("/m.onnx")) {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } else if (path.equals("/redirect")) {
                ex.getResponseHeaders().add("Location", "/m.onnx");
                ex.sendResponseHeaders(302, -1);
                ex.close();
            } else {
                ex.sendResponseHeaders(404, -1);
                ex.close();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A minimal descriptor for a model file, with an optional url, hash and size. */
    private static ModelDescriptor descriptor(String name, String file, String url, String sha, Long bytes, Path base) {
        String json = "{\"format\": \"dlradiomics-model/1\", \"name\": \"" + name + "\", \"file\": \"" + file + "\","
                + " \"url\": " + (url == null ? "null" : "\"" + url + "\"")
                + (sha == null ? "" : ", \"sha256\": \"" + sha + "\"") + (bytes == null ? "" : ", \"bytes\": " + bytes)
                + ", \"input\": {\"name\": \"data_0\", \"layout\": \"NCHW\", \"width\": 224, \"height\": 224,"
                + " \"channels\": 3, \"channel_order\": \"BGR\"},"
                + " \"normalisation\": {\"scale\": 255, \"mean\": [0, 0, 0], \"std\": [1, 1, 1]},"
                + " \"features\": {\"output\": \"fire9/concat_1\", \"dimension\": 512, \"pooling\": \"gap\"},"
                + " \"logits\": {\"output\": \"softmaxout_1\", \"labels\": \"imagenet_labels.txt\"}}";
        return ModelDescriptor.parse(json, name + ".json", base);
    }

    private ModelResolver.Builder resolver(Path cache) {
        return ModelResolver.builder().cacheDir(cache).downloader(new Downloader(5_000, 10_000));
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    /** Records progress calls. */
    private static final class Recorder implements ProgressListener {
        final List<long[]> calls = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        int cancelAfter = Integer.MAX_VALUE;

        @Override
        public void progress(long done, long total, String message) {
            calls.add(new long[] {done, total});
            messages.add(message);
        }

        @Override
        public boolean isCancelled() {
            return calls.size() > cancelAfter;
        }
    }

    @Test
    void downloadsIntoTheCacheOnceThenFindsItThere() throws IOException {
        Path model = TestData.shared(SQUEEZENET);
        String base = serve(Files.readAllBytes(model));
        Path cache = tmp.resolve("cache");
        ModelDescriptor d = descriptor("sq", "squeezenet1.1_imagenet_fp32.onnx", base + "/m.onnx", SQUEEZENET_SHA,
                4955140L, null);
        Recorder rec = new Recorder();
        ModelResolver.Resolved r = resolver(cache).build().resolve(d, null, rec);
        assertEquals(ModelResolver.DOWNLOADED, r.source());
        assertEquals(cache.resolve("models/squeezenet1.1_imagenet_fp32.onnx"), r.file());
        assertEquals(SQUEEZENET_SHA, r.sha256());
        assertEquals(SQUEEZENET_SHA, Sha256.of(r.file()));
        assertEquals(List.of("models/squeezenet1.1_imagenet_fp32.onnx"), filesUnder(cache), "no .part file left");
        assertEquals(1, requests.get());

        assertTrue(rec.calls.size() >= 3, "several progress calls: " + rec.calls.size());
        for (int i = 0; i < rec.calls.size(); i++) {
            assertEquals(4955140L, rec.calls.get(i)[1]);
            assertEquals("downloading squeezenet1.1_imagenet_fp32.onnx", rec.messages.get(i));
            if (i > 0) {
                assertTrue(rec.calls.get(i)[0] >= rec.calls.get(i - 1)[0], "bytes done never decrease");
            }
        }
        assertEquals(0L, rec.calls.get(0)[0]);
        assertEquals(4955140L, rec.calls.get(rec.calls.size() - 1)[0]);

        ModelResolver.Resolved again = resolver(cache).build().resolve(d, null, ProgressListener.NONE);
        assertEquals(ModelResolver.CACHE, again.source());
        assertEquals(r.file(), again.file());
        assertEquals(SQUEEZENET_SHA, again.sha256());
        assertEquals(1, requests.get(), "the second resolve made no request");
    }

    @Test
    void followsRedirectsAndChecksSizeWithoutHash() throws IOException {
        byte[] body = randomBytes(300_000);
        String base = serve(body);
        Path cache = tmp.resolve("cache");
        // A descriptor with url must carry a hash; the Downloader alone also works without one.
        String sha = new Downloader().download(base + "/redirect", cache.resolve("r.onnx"), null, null, null);
        assertArrayEquals(body, Files.readAllBytes(cache.resolve("r.onnx")));
        assertEquals(Sha256.of(cache.resolve("r.onnx")), sha);
        assertEquals(2, requests.get(), "redirect, then the file");
        assertEquals(List.of("r.onnx"), filesUnder(cache));
    }

    @Test
    void wrongHashIsRefusedAndNothingIsKept() throws IOException {
        byte[] body = randomBytes(700_000);
        String base = serve(body);
        Path cache = tmp.resolve("cache");
        String wrong = "0".repeat(64);
        ModelDescriptor d = descriptor("w", "w.onnx", base + "/m.onnx", wrong, null, null);
        String msg = assertThrows(UserInputException.class,
                () -> resolver(cache).build().resolve(d, null, null)).getMessage();
        String actual = Sha256.hex(Sha256.newDigest().digest(body));
        assertTrue(msg.contains(base + "/m.onnx") && msg.contains(wrong) && msg.contains(actual), msg);
        assertEquals(List.of(), filesUnder(cache), "neither the final file nor a .part file");
    }

    @Test
    void wrongSizeFromTheServerIsRefusedBeforeDownloading() throws IOException {
        String base = serve(randomBytes(1000));
        Path cache = tmp.resolve("cache");
        ModelDescriptor d = descriptor("w", "w.onnx", base + "/m.onnx", "0".repeat(64), 2000L, null);
        String msg = assertThrows(UserInputException.class,
                () -> resolver(cache).build().resolve(d, null, null)).getMessage();
        assertTrue(msg.contains("1000 bytes") && msg.contains("2000"), msg);
        assertEquals(List.of(), filesUnder(cache));
    }

    @Test
    void connectionClosedHalfwayLeavesNothing() throws Exception {
        byte[] body = randomBytes(400_000);
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    byte[] buf = new byte[8192];
                    s.getInputStream().read(buf); // the request
                    OutputStream out = s.getOutputStream();
                    String head = "HTTP/1.1 200 OK\r\nContent-Length: " + body.length
                            + "\r\nContent-Type: application/octet-stream\r\n\r\n";
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.write(body, 0, body.length / 2);
                    out.flush();
                } catch (IOException e) {
                    // the test asserts on the client side
                }
            });
            t.start();
            Path cache = tmp.resolve("cache");
            String url = "http://127.0.0.1:" + ss.getLocalPort() + "/m.onnx";
            String sha = Sha256.hex(Sha256.newDigest().digest(body));
            ModelDescriptor d = descriptor("h", "h.onnx", url, sha, null, null);
            UserInputException e = assertThrows(UserInputException.class,
                    () -> resolver(cache).build().resolve(d, null, null));
            assertTrue(e.getMessage().contains(url), e.getMessage());
            t.join(10_000);
            assertEquals(List.of(), filesUnder(cache), "no partial file left");
        }
    }

    @Test
    void httpErrorLeavesNothing() throws IOException {
        String base = serve(new byte[10]);
        Path cache = tmp.resolve("cache");
        ModelDescriptor d = descriptor("n", "n.onnx", base + "/missing.onnx", "0".repeat(64), null, null);
        String msg = assertThrows(UserInputException.class, () -> resolver(cache).build().resolve(d, null, null))
                .getMessage();
        assertTrue(msg.contains("HTTP 404") && msg.contains("/missing.onnx"), msg);
        assertEquals(List.of(), filesUnder(cache));
    }

    @Test
    void cancelStopsTheDownloadAndLeavesNothing() throws IOException {
        byte[] body = randomBytes(3_000_000);
        String base = serve(body);
        Path cache = tmp.resolve("cache");
        ModelDescriptor d = descriptor("c", "c.onnx", base + "/m.onnx", Sha256.hex(Sha256.newDigest().digest(body)),
                (long) body.length, null);
        Recorder rec = new Recorder();
        rec.cancelAfter = 2;
        assertThrows(CancelledException.class, () -> resolver(cache).build().resolve(d, null, rec));
        assertTrue(rec.calls.get(rec.calls.size() - 1)[0] < body.length, "stopped before the end");
        assertEquals(List.of(), filesUnder(cache));
    }

    @Test
    void explicitFileIsVerified() throws IOException {
        Path model = TestData.shared(SQUEEZENET);
        ModelDescriptor d = descriptor("sq", "squeezenet1.1_imagenet_fp32.onnx", null, SQUEEZENET_SHA, 4955140L, null);
        ModelResolver res = resolver(tmp.resolve("cache")).offline(true).build();
        ModelResolver.Resolved r = res.resolve(d, model, null);
        assertEquals(ModelResolver.EXPLICIT, r.source());
        assertEquals(model, r.file());

        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;
        Path damaged = tmp.resolve("damaged.onnx");
        Files.write(damaged, bytes);
        String actual = Sha256.of(damaged);
        String msg = assertThrows(UserInputException.class, () -> res.resolve(d, damaged, null)).getMessage();
        assertTrue(msg.contains(damaged.toString()) && msg.contains(SQUEEZENET_SHA) && msg.contains(actual), msg);

        Path fp16 = model.resolveSibling("squeezenet1.1_imagenet_fp16.onnx");
        if (Files.exists(fp16)) {
            msg = assertThrows(UserInputException.class, () -> res.resolve(d, fp16, null)).getMessage();
            assertTrue(msg.contains("2484091 bytes") && msg.contains("4955140"), msg);
        }
        Path absent = tmp.resolve("absent.onnx");
        msg = assertThrows(UserInputException.class, () -> res.resolve(d, absent, null)).getMessage();
        assertTrue(msg.contains(absent.toString()) && msg.contains("does not exist"), msg);
    }

    @Test
    void searchPathFindsTheSharedModelInASubfolder() throws IOException {
        Path model = TestData.shared(SQUEEZENET);
        Path modelsDir = model.getParent().getParent();
        ModelDescriptor d = ModelDescriptor.read(TestData.projectRoot().resolve("models/squeezenet1.1-imagenet.json"));
        ModelResolver res = resolver(tmp.resolve("cache")).offline(true).searchPath(List.of(tmp.resolve("nothing"),
                modelsDir)).build();
        ModelResolver.Resolved r = res.resolve(d, null, null);
        assertEquals(ModelResolver.SEARCH_PATH, r.source());
        assertEquals(model, r.file());
        assertEquals(SQUEEZENET_SHA, r.sha256());
        assertEquals(model.resolveSibling("imagenet_labels.txt"), ModelResolver.labelsFile(d, r));
    }

    @Test
    void orderIsDescriptorFolderThenFijiThenSearchPathThenCache() throws IOException {
        byte[] body = randomBytes(5000);
        String sha = Sha256.hex(Sha256.newDigest().digest(body));
        Path descDir = Files.createDirectories(tmp.resolve("desc"));
        Path fijiModels = Files.createDirectories(tmp.resolve("Fiji.app/models/mine"));
        Path search = Files.createDirectories(tmp.resolve("search"));
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache.resolve("models"));
        for (Path dir : List.of(descDir, fijiModels, search, cache.resolve("models"))) {
            Files.write(dir.resolve("m.onnx"), body);
        }
        ModelResolver res = resolver(cache).offline(true).fijiModelDirs(List.of(tmp.resolve("Fiji.app/models")))
                .searchPath(List.of(search)).build();
        assertEquals(ModelResolver.DESCRIPTOR_FOLDER,
                res.resolve(descriptor("m", "m.onnx", null, sha, 5000L, descDir), null, null).source());
        ModelDescriptor builtIn = descriptor("m", "m.onnx", null, sha, 5000L, null);
        ModelResolver.Resolved fiji = res.resolve(builtIn, null, null);
        assertEquals(ModelResolver.FIJI_MODELS, fiji.source());
        assertEquals(fijiModels.resolve("m.onnx"), fiji.file());
        Files.delete(fijiModels.resolve("m.onnx"));
        assertEquals(ModelResolver.SEARCH_PATH, res.resolve(builtIn, null, null).source());
        Files.delete(search.resolve("m.onnx"));
        assertEquals(ModelResolver.CACHE, res.resolve(builtIn, null, null).source());
        assertNull(ModelResolver.labelsFile(builtIn, res.resolve(builtIn, null, null)), "no labels file there");

        // A damaged cached file is an error that says how to recover, not a silent re-download.
        Files.write(cache.resolve("models/m.onnx"), randomBytes(4999));
        String msg = assertThrows(UserInputException.class, () -> res.resolve(builtIn, null, null)).getMessage();
        assertTrue(msg.contains("4999 bytes") && msg.contains("delete it"), msg);
    }

    @Test
    void nothingFoundOfflineSaysWhereItLooked() throws IOException {
        String base = serve(new byte[10]);
        Path cache = tmp.resolve("cache");
        Path fiji = tmp.resolve("Fiji.app/models");
        ModelResolver res = resolver(cache).offline(true).fijiModelDirs(List.of(fiji))
                .searchPath(List.of(tmp.resolve("more"))).build();
        ModelDescriptor noUrl = descriptor("radimagenet-resnet50", "RadImageNet-ResNet50.onnx", null, null, null, null);
        String msg = assertThrows(UserInputException.class, () -> res.resolve(noUrl, null, null)).getMessage();
        assertTrue(msg.startsWith("radimagenet-resnet50: model file RadImageNet-ResNet50.onnx not found (looked in: "),
                msg);
        assertTrue(msg.contains(fiji.toString()) && msg.contains(tmp.resolve("more").toString())
                && msg.contains(cache.resolve("models").toString()), msg);
        assertTrue(msg.contains("put it in " + fiji + " or " + cache.resolve("models")), msg);
        assertTrue(msg.endsWith("or pass --model-file PATH (see docs/models.md)"), msg);

        ModelDescriptor withUrl = descriptor("r", "r.onnx", base + "/m.onnx", "0".repeat(64), null, null);
        msg = assertThrows(UserInputException.class, () -> res.resolve(withUrl, null, null)).getMessage();
        assertTrue(msg.contains("downloads are off") && msg.contains(base + "/m.onnx"), msg);
        assertEquals(0, requests.get(), "offline made no request");
        assertEquals(List.of(), filesUnder(cache));
    }

    @Test
    void environmentConfiguration() {
        String sep = java.io.File.pathSeparator;
        Map<String, String> props = Map.of("ij.dir", tmp.resolve("Fiji.app").toString(), "dlrad.model.path",
                tmp.resolve("a") + sep + sep + tmp.resolve("b"), "user.home", tmp.resolve("home").toString());
        Map<String, String> env = Map.of("DLRAD_MODEL_PATH", tmp.resolve("c").toString());
        ModelResolver r = ModelResolver.fromEnvironment(props::get, env::get, true);
        assertEquals(List.of(tmp.resolve("Fiji.app/models")), r.fijiModelDirs());
        assertEquals(List.of(tmp.resolve("a"), tmp.resolve("b"), tmp.resolve("c")), r.searchPath());
        assertEquals(tmp.resolve("home/.cache/dlradiomics"), r.cacheDir());
        assertTrue(r.offline());

        ModelResolver viaEnv = ModelResolver.fromEnvironment(props::get,
                Map.of("DLRAD_CACHE", tmp.resolve("envcache").toString())::get, false);
        assertEquals(tmp.resolve("envcache"), viaEnv.cacheDir());
        ModelResolver viaProp = ModelResolver.fromEnvironment(Map.of("dlrad.cache", tmp.resolve("pc").toString(),
                "dlrad.fiji.dir", tmp.resolve("F").toString(), "fiji.dir", tmp.resolve("F").toString())::get,
                Map.of("DLRAD_CACHE", tmp.resolve("envcache").toString())::get, false);
        assertEquals(tmp.resolve("pc"), viaProp.cacheDir(), "the property wins over the variable");
        assertEquals(List.of(tmp.resolve("F/models")), viaProp.fijiModelDirs(), "duplicates dropped");
        assertEquals(tmp.resolve("pc/models/x.onnx"),
                viaProp.cacheFile(descriptor("x", "x.onnx", null, null, null, null)));
    }
}
