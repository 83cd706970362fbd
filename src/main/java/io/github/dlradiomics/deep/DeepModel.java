package io.github.dlradiomics.deep;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ONNX model loaded once for a run: DJL's ONNX Runtime engine on the CPU, offline. It turns
 * {@link Sample}s (unit-scaled pixels) into the model's input tensor as the descriptor says (scale,
 * per-channel mean/std, channel order, layout), runs them in batches and returns per sample either
 * the feature vector (a graph output or an intermediate tensor the loader added to the outputs,
 * global-average-pooled when the descriptor says so) or the logits (with softmax when asked).
 *
 * <pre>try (DeepModel m = DeepModel.load(descriptor, file, 2)) { float[][] f = m.run(samples, DeepModel.Output.FEATURES); }</pre>
 */
public final class DeepModel implements AutoCloseable {
    /** Which output a run returns. */
    public enum Output {
        /** The descriptor's feature tensor, pooled to a vector. */
        FEATURES,
        /** The descriptor's logits output (after its activation). */
        LOGITS;

        /** Parses "features" or "logits". */
        public static Output parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "features" -> FEATURES;
                case "logits" -> LOGITS;
                default -> throw new UserInputException("--output must be features or logits (got '" + s + "')");
            };
        }
    }

    private final ModelDescriptor descriptor;
    private final Model model;
    private final OrtSession session;
    private final OnnxGraph graph;
    private final int batchLimit;
    private final boolean nhwc;
    private final int threads;

    private DeepModel(ModelDescriptor d, Model model, OrtSession session, OnnxGraph graph, int batchLimit, int threads) {
        this.descriptor = d;
        this.model = model;
        this.session = session;
        this.graph = graph;
        this.batchLimit = batchLimit;
        this.nhwc = d.input().layout() == ModelDescriptor.Layout.NHWC;
        this.threads = threads;
    }

    /**
     * Loads {@code file} for {@code d} with {@code threads} intra-op threads. The file is checked
     * against the descriptor first (a valid ONNX model; the input exists, is float32 and has the
     * descriptor's channels and size; the feature and logits tensors exist), each failure a
     * {@link UserInputException} naming the file.
     */
    public static DeepModel load(ModelDescriptor d, Path file, int threads) throws IOException {
        if (threads < 1) {
            throw new UserInputException("--threads must be >= 1 (got " + threads + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": model file not found");
        }
        byte[] bytes = Files.readAllBytes(file);
        String src = file.toString();
        OnnxGraph graph = OnnxGraph.parse(bytes, src);
        OnnxGraph.Tensor in = checkInput(d, graph, src);
        List<String> needed = new ArrayList<>();
        needed.add(d.features().output());
        if (d.logits() != null) {
            needed.add(d.logits().output());
        }
        for (String name : needed) {
            if (!graph.isOutput(name) && !graph.producesTensor(name)) {
                throw new UserInputException(src + ": the descriptor's output '" + name + "' is not a tensor of this"
                        + " model (graph outputs: " + graph.outputs().stream().map(OnnxGraph.Tensor::name).toList() + ")");
            }
        }
        byte[] edited = graph.withOutputs(needed);
        long batchDim = in.dims() == null || in.dims().length == 0 ? -1 : in.dims()[0];
        int batchLimit = batchDim > 0 ? (int) batchDim : Integer.MAX_VALUE;
        // DJL's engine creates the shared ONNX Runtime environment; it must come first.
        ai.djl.engine.Engine.getEngine("OnnxRuntime");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try {
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(edited, opts);
        } catch (OrtException e) {
            throw new UserInputException(src + ": ONNX Runtime cannot load this model: " + firstLine(e.getMessage()), e);
        }
        Model model = Model.newInstance(d.name(), Device.cpu(), "OnnxRuntime");
        model.setBlock(new OrtSymbolBlock(session, (OrtNDManager) model.getNDManager()));
        return new DeepModel(d, model, session, graph, batchLimit, threads);
    }

    private static OnnxGraph.Tensor checkInput(ModelDescriptor d, OnnxGraph graph, String src) {
        OnnxGraph.Tensor in = graph.input(d.input().name());
        if (in == null) {
            throw new UserInputException(src + ": the model has no input '" + d.input().name() + "' (its inputs: "
                    + graph.inputs().stream().map(t -> t.name() + t.shapeText()).toList() + ")");
        }
        if (graph.inputs().size() != 1) {
            throw new UserInputException(src + ": the model has " + graph.inputs().size()
                    + " inputs; deep features need a model with one image input");
        }
        if (in.elemType() != 1) {
            throw new UserInputException(src + ": input '" + in.name() + "' has ONNX element type " + in.elemType()
                    + (in.elemType() == 10 ? " (float16)" : "") + "; only float32 inputs are supported"
                    + " (convert the model to float32, see docs/models.md)");
        }
        long[] dims = in.dims();
        if (dims == null || dims.length != 4) {
            throw new UserInputException(src + ": input '" + in.name() + "' has shape " + in.shapeText()
                    + "; expected a 4-d image tensor (" + d.input().layout() + ")");
        }
        boolean hwc = d.input().layout() == ModelDescriptor.Layout.NHWC;
        long c = hwc ? dims[3] : dims[1];
        long h = hwc ? dims[1] : dims[2];
        long w = hwc ? dims[2] : dims[3];
        if (c > 0 && c != d.input().channels()) {
            throw new UserInputException(src + ": input '" + in.name() + "' " + in.shapeText() + " has " + c
                    + " channels but the descriptor says " + d.input().channels() + " (" + d.input().layout() + ")");
        }
        if ((h > 0 && h != d.input().height()) || (w > 0 && w != d.input().width())) {
            throw new UserInputException(src + ": input '" + in.name() + "' " + in.shapeText() + " is "
                    + (w > 0 ? w : "?") + "x" + (h > 0 ? h : "?") + " pixels but the descriptor says "
                    + d.input().width() + "x" + d.input().height() + " (" + d.input().layout() + ")");
        }
        return in;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The descriptor. */
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** The parsed graph (inputs, outputs). */
    public OnnxGraph graph() {
        return graph;
    }

    /** Intra-op threads. */
    public int threads() {
        return threads;
    }

    /** The largest batch the model's input accepts (1 for a model with a fixed batch dimension of 1). */
    public int batchLimit() {
        return batchLimit;
    }

    /** Length of one sample's input tensor (channels x height x width). */
    public int sampleLength() {
        return descriptor.input().channels() * descriptor.input().height() * descriptor.input().width();
    }

    /**
     * Writes sample {@code s} into {@code dst} at {@code offset} as the model's input: value x scale,
     * minus mean[c], over std[c]; a grey sample is replicated over the channels; a colour sample is
     * reordered to the model's channel order; NCHW or NHWC as the descriptor says.
     */
    public void fill(Sample s, float[] dst, int offset) {
        ModelDescriptor d = descriptor;
        int c = d.input().channels();
        int h = d.input().height();
        int w = d.input().width();
        if (s.height() != h || s.width() != w) {
            throw new IllegalArgumentException("sample is " + s.width() + "x" + s.height() + ", model needs " + w + "x" + h);
        }
        if (s.channels() != 1 && s.channels() != c) {
            throw new IllegalArgumentException("sample has " + s.channels() + " channels, model needs " + c);
        }
        boolean swap = c == 3 && s.channels() == 3 && Boolean.TRUE.equals(s.provenance().get("colour"))
                && d.input().channelOrder() == ModelDescriptor.ChannelOrder.BGR;
        double scale = d.normalisation().scale();
        double[] mean = d.normalisation().meanArray();
        double[] std = d.normalisation().stdArray();
        float[] src = s.data();
        int plane = h * w;
        for (int ch = 0; ch < c; ch++) {
            int srcCh = s.channels() == 1 ? 0 : (swap ? 2 - ch : ch);
            double m = mean[ch];
            double sd = std[ch];
            int so = srcCh * plane;
            for (int p = 0; p < plane; p++) {
                float v = (float) ((src[so + p] * scale - m) / sd);
                if (nhwc) {
                    dst[offset + p * c + ch] = v;
                } else {
                    dst[offset + ch * plane + p] = v;
                }
            }
        }
    }

    /** The tensor shape for a batch of {@code n} samples. */
    public long[] inputShape(int n) {
        ModelDescriptor d = descriptor;
        return nhwc ? new long[] {n, d.input().height(), d.input().width(), d.input().channels()}
                : new long[] {n, d.input().channels(), d.input().height(), d.input().width()};
    }

    /**
     * Runs the samples through the model in batches of at most {@code batchSize} (and the model's own
     * limit) and returns one vector per sample: the pooled features or the logits.
     */
    public float[][] run(List<Sample> samples, Output output, int batchSize) {
        if (output == Output.LOGITS && descriptor.logits() == null) {
            throw new UserInputException(descriptor.name() + ": the descriptor names no logits output;"
                    + " use --output features");
        }
        String name = output == Output.FEATURES ? descriptor.features().output() : descriptor.logits().output();
        int b = Math.max(1, Math.min(batchSize, batchLimit));
        float[][] out = new float[samples.size()][];
        int len = sampleLength();
        for (int start = 0; start < samples.size(); start += b) {
            int n = Math.min(b, samples.size() - start);
            float[] x = new float[n * len];
            for (int i = 0; i < n; i++) {
                fill(samples.get(start + i), x, i * len);
            }
            float[][] res = forward(x, n, name);
            if (output == Output.FEATURES && res[0].length != descriptor.features().dimension()) {
                throw new UserInputException(descriptor.name() + ": feature output '" + name + "' gives " + res[0].length
                        + " values per image but the descriptor says dimension " + descriptor.features().dimension()
                        + (descriptor.features().pooling() == ModelDescriptor.Pooling.NONE
                                ? " (a feature map needs \"pooling\": \"gap\")" : ""));
            }
            for (int i = 0; i < n; i++) {
                out[start + i] = output == Output.FEATURES ? res[i] : activate(res[i]);
            }
        }
        return out;
    }

    /** One forward pass through DJL; returns the named output per sample, pooled to a vector. */
    private float[][] forward(float[] x, int n, String outputName) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray in = m.create(FloatBuffer.wrap(x), new Shape(inputShape(n)));
            in.setName(descriptor.input().name());
            NDList result = model.getBlock().forward(new ParameterStore(m, false), new NDList(in), false);
            NDArray o = result.get(outputName);
            if (o == null) {
                throw new IllegalStateException("output " + outputName + " missing from the run's results");
            }
            return toVectors(o.toFloatArray(), o.getShape().getShape(), n);
        }
    }

    /**
     * The bare ONNX Runtime call on the same tensor ({@code OrtSession.run}), without DJL: for the
     * benchmark that measures what our layers add.
     */
    public float[][] runBare(float[] x, int n, Output output) throws OrtException {
        String name = output == Output.FEATURES ? descriptor.features().output() : descriptor.logits().output();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), inputShape(n));
                OrtSession.Result r = session.run(Map.of(descriptor.input().name(), t))) {
            OnnxTensor o = (OnnxTensor) r.get(name).orElseThrow();
            FloatBuffer fb = o.getFloatBuffer();
            float[] all = new float[fb.remaining()];
            fb.get(all);
            return toVectors(all, o.getInfo().getShape(), n);
        }
    }

    /** Splits a [n, ...] output into n vectors; a [n, C, H, W] map is averaged over H x W when pooling is "gap". */
    private float[][] toVectors(float[] all, long[] shape, int n) {
        if (shape.length == 0 || shape[0] != n) {
            throw new IllegalStateException("output shape " + java.util.Arrays.toString(shape) + " for a batch of " + n);
        }
        int per = all.length / n;
        boolean gap = descriptor.features().pooling() == ModelDescriptor.Pooling.GAP && shape.length == 4;
        int channels = gap ? (int) shape[1] : per;
        int spatial = gap ? per / channels : 1;
        float[][] out = new float[n][channels];
        for (int i = 0; i < n; i++) {
            int base = i * per;
            if (!gap) {
                System.arraycopy(all, base, out[i], 0, per);
                continue;
            }
            for (int c = 0; c < channels; c++) {
                double s = 0;
                int o = base + c * spatial;
                for (int p = 0; p < spatial; p++) {
                    s += all[o + p];
                }
                out[i][c] = (float) (s / spatial);
            }
        }
        return out;
    }

    private float[] activate(float[] logits) {
        if (descriptor.logits().activation() != ModelDescriptor.Activation.SOFTMAX) {
            return logits;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    /** Descriptive facts for the output's provenance. */
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", "DJL " + ai.djl.engine.Engine.getDjlVersion() + " / ONNX Runtime " + ai.djl.engine.Engine.getEngine("OnnxRuntime").getVersion());
        p.put("threads", threads);
        p.put("batch_limit", batchLimit == Integer.MAX_VALUE ? null : batchLimit);
        return p;
    }

    @Override
    public void close() {
        model.close();
    }
}
