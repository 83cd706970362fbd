package io.github.dlradiomics.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.UserInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference layer on a tiny ONNX graph written here byte by byte (x -> Relu -> r -> GlobalAveragePool -> y,
 * dynamic batch), whose outputs can be computed by hand: r is internal, so the loader must add it to the graph's
 * outputs; y is the per-channel mean of relu(x). Checks normalisation, channel order, layout, batching, pooling
 * and the DJL path against the bare ONNX Runtime call.
 */
class DeepModelTest {
    @TempDir
    Path tmp;

    static final int C = 3;
    static final int H = 6;
    static final int W = 5;

    // ---- a minimal protobuf writer for the test model (field numbers from onnx.proto) ----
    private static void varint(ByteArrayOutputStream o, long v) {
        while ((v & ~0x7FL) != 0) {
            o.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        o.write((int) v);
    }

    private static byte[] field(int number, byte[] payload) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        varint(o, ((long) number << 3) | 2);
        varint(o, payload.length);
        o.writeBytes(payload);
        return o.toByteArray();
    }

    private static byte[] field(int number, String s) {
        return field(number, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] intField(int number, long v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        varint(o, (long) number << 3);
        varint(o, v);
        return o.toByteArray();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static byte[] valueInfo(String name, Object... dims) {
        List<byte[]> ds = new ArrayList<>();
        for (Object d : dims) {
            ds.add(field(1, d instanceof String s ? field(2, s) : intField(1, ((Number) d).longValue())));
        }
        byte[] shape = cat(ds.toArray(new byte[0][]));
        byte[] tensorType = cat(intField(1, 1), field(2, shape));
        return cat(field(1, name), field(2, field(1, tensorType)));
    }

    private static byte[] node(String in, String out, String op) {
        return cat(field(1, in), field(2, out), field(3, op + "_node"), field(4, op));
    }

    /** x [N,3,6,5] -> Relu -> r -> GlobalAveragePool -> y [N,3,1,1]; only y is a graph output. */
    static byte[] tinyModel(Object batchDim) {
        byte[] graph = cat(field(1, node("x", "r", "Relu")), field(1, node("r", "y", "GlobalAveragePool")),
                field(2, "tiny"), field(11, valueInfo("x", batchDim, C, H, W)), field(12, valueInfo("y", batchDim, C, 1, 1)));
        byte[] opset = cat(field(1, ""), intField(2, 13));
        return cat(intField(1, 7), field(2, "dlradiomics-test"), field(7, graph), field(8, opset));
    }

    static ModelDescriptor descriptor(String extra) {
        String json = """
            {"format": "dlradiomics-model/1", "name": "tiny", "file": "tiny.onnx", "licence": "test",
             "input": {"name": "x", "layout": "NCHW", "width": 5, "height": 6, "channels": 3, "channel_order": "%s"},
             "normalisation": {"scale": 2.0, "mean": [0.5, 1.0, -1.0], "std": [1.0, 2.0, 4.0], "intensity": "minmax"},
             "features": {"output": "r", "dimension": 3, "pooling": "gap", "internal": true},
             "logits": {"output": "y", "activation": "softmax"}}
            """.formatted(extra);
        return ModelDescriptor.parse(json, "tiny.json", null);
    }

    static Sample sample(long seed, boolean colour) {
        Random r = new Random(seed);
        float[] d = new float[C * H * W];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextFloat();
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        if (colour) {
            prov.put("colour", true);
        }
        return new Sample("s" + seed, 1, "2d", new int[] {0}, C, H, W, d, prov);
    }

    /** mean over pixels of relu((v * scale - mean[c]) / std[c]) for model channel c fed from sample channel src. */
    static double expectedFeature(Sample s, int src, double scale, double mean, double std) {
        double acc = 0;
        for (int p = 0; p < H * W; p++) {
            acc += Math.max(0, (s.data()[src * H * W + p] * scale - mean) / std);
        }
        return acc / (H * W);
    }

    @Test
    void internalTensorIsExposedAndFeaturesAreComputedByHand() throws Exception {
        Path f = tmp.resolve("tiny.onnx");
        Files.write(f, tinyModel("N"));
        OnnxGraph g = OnnxGraph.parse(Files.readAllBytes(f), "tiny.onnx");
        assertFalse(g.isOutput("r"));
        assertTrue(g.producesTensor("r"));
        assertEquals("[?, 3, 6, 5]", g.input("x").shapeText());
        assertTrue(OnnxGraph.parse(g.withOutputs(List.of("r")), "edited").isOutput("r"));
        double[] mean = {0.5, 1.0, -1.0};
        double[] std = {1.0, 2.0, 4.0};
        for (String order : new String[] {"RGB", "BGR"}) {
            try (DeepModel m = DeepModel.load(descriptor(order), f, 1)) {
                assertEquals(Integer.MAX_VALUE, m.batchLimit());
                List<Sample> samples = new ArrayList<>();
                for (int i = 0; i < 7; i++) {
                    samples.add(sample(i, i % 2 == 0));
                }
                float[][] feats = m.run(samples, DeepModel.Output.FEATURES, 3);
                float[][] one = m.run(samples, DeepModel.Output.FEATURES, 1);
                for (int i = 0; i < samples.size(); i++) {
                    assertArrayEquals(one[i], feats[i], "batching changes nothing");
                    boolean swap = order.equals("BGR") && i % 2 == 0;
                    for (int c = 0; c < C; c++) {
                        int src = swap ? 2 - c : c;
                        assertEquals(expectedFeature(samples.get(i), src, 2.0, mean[c], std[c]), feats[i][c], 1e-5,
                                order + " sample " + i + " channel " + c);
                    }
                }
                // the logits output y is the same pooled relu, through softmax
                float[][] probs = m.run(samples, DeepModel.Output.LOGITS, 4);
                for (int i = 0; i < samples.size(); i++) {
                    double z = 0;
                    for (int c = 0; c < C; c++) {
                        z += Math.exp(feats[i][c]);
                    }
                    for (int c = 0; c < C; c++) {
                        assertEquals(Math.exp(feats[i][c]) / z, probs[i][c], 1e-6);
                    }
                }
                // the bare ONNX Runtime call on the same tensor gives the same numbers
                float[] x = new float[2 * m.sampleLength()];
                m.fill(samples.get(0), x, 0);
                m.fill(samples.get(1), x, m.sampleLength());
                float[][] bare = m.runBare(x, 2, DeepModel.Output.FEATURES);
                assertArrayEquals(feats[0], bare[0]);
                assertArrayEquals(feats[1], bare[1]);
            }
        }
    }

    @Test
    void fixedBatchOfOneIsRespected() throws Exception {
        Path f = tmp.resolve("tiny1.onnx");
        Files.write(f, tinyModel(1));
        try (DeepModel m = DeepModel.load(descriptor("RGB"), f, 2)) {
            assertEquals(1, m.batchLimit());
            float[][] out = m.run(List.of(sample(1, false), sample(2, false), sample(3, false)),
                    DeepModel.Output.FEATURES, 8);
            assertEquals(3, out.length);
            assertEquals(expectedFeature(sample(3, false), 1, 2.0, 1.0, 2.0), out[2][1], 1e-5);
        }
    }

    @Test
    void greySamplesAreReplicatedAndNhwcIsWrittenChannelLast() throws Exception {
        ModelDescriptor d = ModelDescriptor.parse(descriptor("RGB").toJson().toString().isEmpty() ? ""
                : io.github.dlradiomics.util.Json.write(descriptor("RGB").toJson()).replace("\"NCHW\"", "\"NHWC\""),
                "nhwc.json", null);
        Path f = tmp.resolve("tiny.onnx");
        Files.write(f, tinyModel("N"));
        // the NCHW graph refuses an NHWC descriptor: [N,3,6,5] read as NHWC has 5 channels
        UserInputException e = assertThrows(UserInputException.class, () -> DeepModel.load(d, f, 1));
        assertTrue(e.getMessage().contains("channels"), e.getMessage());
        try (DeepModel m = DeepModel.load(descriptor("RGB"), f, 1)) {
            float[] grey = new float[H * W];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = i / (float) grey.length;
            }
            Sample g = new Sample("g", 1, "2d", new int[] {0}, 1, H, W, grey, Map.of());
            float[] x = new float[m.sampleLength()];
            m.fill(g, x, 0);
            for (int c = 0; c < C; c++) {
                double[] mean = {0.5, 1.0, -1.0};
                double[] std = {1.0, 2.0, 4.0};
                assertEquals((grey[7] * 2.0 - mean[c]) / std[c], x[c * H * W + 7], 1e-6);
            }
        }
        // NHWC layout puts the channel last: check fill() on an NHWC descriptor without a model
        assertEquals("NHWC", d.input().layout().name());
    }

    @Test
    void missingTensorAndWrongTypeAreClearErrors() throws Exception {
        Path f = tmp.resolve("tiny.onnx");
        Files.write(f, tinyModel("N"));
        ModelDescriptor bad = ModelDescriptor.parse(io.github.dlradiomics.util.Json.write(descriptor("RGB").toJson())
                .replace("\"output\": \"r\"", "\"output\": \"pool5\""), "bad.json", null);
        UserInputException e = assertThrows(UserInputException.class, () -> DeepModel.load(bad, f, 1));
        assertTrue(e.getMessage().contains("pool5") && e.getMessage().contains("tiny.onnx"), e.getMessage());
        ModelDescriptor wrongInput = ModelDescriptor.parse(io.github.dlradiomics.util.Json.write(descriptor("RGB")
                .toJson()).replace("\"name\": \"x\"", "\"name\": \"data\""), "bad.json", null);
        e = assertThrows(UserInputException.class, () -> DeepModel.load(wrongInput, f, 1));
        assertTrue(e.getMessage().contains("no input 'data'") && e.getMessage().contains("x[?, 3, 6, 5]"), e.getMessage());
        ModelDescriptor wrongDim = ModelDescriptor.parse(io.github.dlradiomics.util.Json.write(descriptor("RGB")
                .toJson()).replace("\"dimension\": 3", "\"dimension\": 2048"), "dim.json", null);
        try (DeepModel m = DeepModel.load(wrongDim, f, 1)) {
            e = assertThrows(UserInputException.class, () -> m.run(List.of(sample(1, false)), DeepModel.Output.FEATURES, 1));
            assertTrue(e.getMessage().contains("gives 3 values per image but the descriptor says dimension 2048"),
                    e.getMessage());
        }
        Path junk = tmp.resolve("junk.onnx");
        Files.writeString(junk, "this is not a model at all, just text");
        e = assertThrows(UserInputException.class, () -> DeepModel.load(descriptor("RGB"), junk, 1));
        assertTrue(e.getMessage().contains("junk.onnx"), e.getMessage());
    }
}
