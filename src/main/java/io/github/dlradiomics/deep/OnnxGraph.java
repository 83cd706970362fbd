package io.github.dlradiomics.deep;

import io.github.dlradiomics.util.UserInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the parts of an ONNX model (a protobuf {@code ModelProto}) that a deep-feature run needs —
 * graph inputs with their shapes, graph outputs, every tensor a node produces — and adds an
 * intermediate tensor to the graph's outputs, so that ONNX Runtime (which returns only graph
 * outputs) can return it. The protobuf wire format is decoded directly (field numbers from
 * onnx.proto3); weights are skipped, never copied, except when the model is rewritten.
 *
 * <pre>OnnxGraph g = OnnxGraph.parse(bytes, "resnet50.onnx"); byte[] edited = g.withOutputs(List.of("resnetv17_pool1_fwd"));</pre>
 */
public final class OnnxGraph {
    /** One graph input or output: its name, element type (onnx TensorProto.DataType) and dims (-1 = symbolic). */
    public record Tensor(String name, int elemType, long[] dims) {
        /** The shape as "[1, 3, 224, 224]" with symbolic dims as "?". */
        public String shapeText() {
            if (dims == null) {
                return "[?]";
            }
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < dims.length; i++) {
                sb.append(i > 0 ? ", " : "").append(dims[i] < 0 ? "?" : Long.toString(dims[i]));
            }
            return sb.append(']').toString();
        }
    }

    private final byte[] model;
    private final String source;
    private final int graphStart;
    private final int graphEnd;
    private final int graphFieldStart;
    private final long irVersion;
    private final List<Tensor> inputs = new ArrayList<>();
    private final List<Tensor> outputs = new ArrayList<>();
    private final Set<String> nodeOutputs = new LinkedHashSet<>();

    private OnnxGraph(byte[] model, String source) {
        this.model = model;
        this.source = source;
        int gs = -1;
        int ge = -1;
        int gfs = -1;
        long ir = -1;
        Reader r = new Reader(model, 0, model.length, source);
        while (r.more()) {
            int start = r.pos;
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 1 && wire == 0) {
                ir = r.varint();
            } else if (field == 7 && wire == 2) {
                int len = r.length();
                gfs = start;
                gs = r.pos;
                ge = r.pos + len;
                r.pos = ge;
            } else {
                r.skip(wire);
            }
        }
        if (gs < 0) {
            throw new UserInputException(source + ": not an ONNX model (no graph found)");
        }
        graphStart = gs;
        graphEnd = ge;
        graphFieldStart = gfs;
        irVersion = ir;
        parseGraph();
    }

    /** Parses an ONNX model; a file that is not one gives a {@link UserInputException} naming {@code source}. */
    public static OnnxGraph parse(byte[] model, String source) {
        try {
            return new OnnxGraph(model, source);
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            throw new UserInputException(source + ": not a valid ONNX model (truncated or corrupt protobuf)", e);
        }
    }

    private void parseGraph() {
        Set<String> initializers = new HashSet<>();
        List<Tensor> declared = new ArrayList<>();
        Reader r = new Reader(model, graphStart, graphEnd, source);
        while (r.more()) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (wire != 2) {
                r.skip(wire);
                continue;
            }
            int len = r.length();
            int end = r.pos + len;
            switch (field) {
                case 1 -> nodeOutputs.addAll(strings(r.sub(end), 2));
                case 5 -> initializers.addAll(strings(r.sub(end), 8));
                case 11 -> declared.add(valueInfo(r.sub(end)));
                case 12 -> outputs.add(valueInfo(r.sub(end)));
                default -> {
                }
            }
            r.pos = end;
        }
        for (Tensor t : declared) {
            if (!initializers.contains(t.name())) {
                inputs.add(t);
            }
        }
    }

    private static List<String> strings(Reader r, int wantedField) {
        List<String> out = new ArrayList<>();
        while (r.more()) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == wantedField && wire == 2) {
                out.add(r.string());
            } else {
                r.skip(wire);
            }
        }
        return out;
    }

    private static Tensor valueInfo(Reader r) {
        String name = null;
        int elem = 0;
        long[] dims = null;
        while (r.more()) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 1 && wire == 2) {
                name = r.string();
            } else if (field == 2 && wire == 2) {
                int endLen = r.length();
                int end = r.pos + endLen;
                Reader type = r.sub(end);
                while (type.more()) {
                    long k = type.varint();
                    if ((k >>> 3) == 1 && (k & 7) == 2) { // tensor_type
                        int tendLen = type.length();
                int tend = type.pos + tendLen;
                        Reader tt = type.sub(tend);
                        while (tt.more()) {
                            long k2 = tt.varint();
                            if ((k2 >>> 3) == 1 && (k2 & 7) == 0) {
                                elem = (int) tt.varint();
                            } else if ((k2 >>> 3) == 2 && (k2 & 7) == 2) {
                                int sendLen = tt.length();
                int send = tt.pos + sendLen;
                                dims = shape(tt.sub(send));
                                tt.pos = send;
                            } else {
                                tt.skip((int) (k2 & 7));
                            }
                        }
                        type.pos = tend;
                    } else {
                        type.skip((int) (k & 7));
                    }
                }
                r.pos = end;
            } else {
                r.skip(wire);
            }
        }
        return new Tensor(name, elem, dims);
    }

    private static long[] shape(Reader r) {
        List<Long> dims = new ArrayList<>();
        while (r.more()) {
            long key = r.varint();
            if ((key >>> 3) == 1 && (key & 7) == 2) {
                int endLen = r.length();
                int end = r.pos + endLen;
                Reader d = r.sub(end);
                long v = -1;
                while (d.more()) {
                    long k = d.varint();
                    if ((k >>> 3) == 1 && (k & 7) == 0) {
                        v = d.varint();
                    } else {
                        d.skip((int) (k & 7));
                    }
                }
                dims.add(v);
                r.pos = end;
            } else {
                r.skip((int) (key & 7));
            }
        }
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i);
        }
        return out;
    }

    /** The model's real inputs (graph inputs that are not initialisers). */
    public List<Tensor> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** The graph's declared outputs. */
    public List<Tensor> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /** The ONNX IR version of the file. */
    public long irVersion() {
        return irVersion;
    }

    /** The named input, or null. */
    public Tensor input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /** True when {@code name} is a declared graph output. */
    public boolean isOutput(String name) {
        return outputs.stream().anyMatch(t -> t.name().equals(name));
    }

    /** True when some node produces a tensor called {@code name} (an intermediate or an output). */
    public boolean producesTensor(String name) {
        return nodeOutputs.contains(name);
    }

    /** The names of all tensors produced by nodes, in graph order. */
    public Set<String> nodeOutputNames() {
        return Collections.unmodifiableSet(nodeOutputs);
    }

    /**
     * The model with {@code extra} tensors appended to the graph's outputs (only those not already
     * outputs). Each must be produced by a node; otherwise a {@link UserInputException} names it.
     * The new outputs carry only a name: ONNX Runtime infers their type and shape.
     */
    public byte[] withOutputs(List<String> extra) {
        Map<String, Boolean> add = new LinkedHashMap<>();
        for (String name : extra) {
            if (isOutput(name)) {
                continue;
            }
            if (!producesTensor(name)) {
                throw new UserInputException(source + ": no tensor named '" + name + "' in the graph"
                        + suggestion(name));
            }
            add.put(name, true);
        }
        if (add.isEmpty()) {
            return model;
        }
        ByteArrayOutputStream extraBytes = new ByteArrayOutputStream();
        for (String name : add.keySet()) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream vi = new ByteArrayOutputStream();
            writeVarint(vi, (1 << 3) | 2);
            writeVarint(vi, n.length);
            vi.writeBytes(n);
            writeVarint(extraBytes, (12 << 3) | 2);
            writeVarint(extraBytes, vi.size());
            extraBytes.writeBytes(vi.toByteArray());
        }
        int newGraphLen = graphEnd - graphStart + extraBytes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + extraBytes.size() + 16);
        out.write(model, 0, graphFieldStart);
        writeVarint(out, (7 << 3) | 2);
        writeVarint(out, newGraphLen);
        out.write(model, graphStart, graphEnd - graphStart);
        out.writeBytes(extraBytes.toByteArray());
        out.write(model, graphEnd, model.length - graphEnd);
        return out.toByteArray();
    }

    private String suggestion(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        List<String> near = new ArrayList<>();
        for (String n : nodeOutputs) {
            String l = n.toLowerCase(java.util.Locale.ROOT);
            if (l.contains("pool") || l.contains(lower) || lower.contains(l)) {
                near.add(n);
            }
        }
        if (near.isEmpty()) {
            List<String> all = new ArrayList<>(nodeOutputs);
            near = all.subList(Math.max(0, all.size() - 5), all.size());
        }
        return " (candidates: " + String.join(", ", near.subList(0, Math.min(8, near.size()))) + ")";
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** A bounded protobuf reader. */
    private static final class Reader {
        final byte[] b;
        int pos;
        final int end;
        final String source;

        Reader(byte[] b, int pos, int end, String source) {
            this.b = b;
            this.pos = pos;
            this.end = end;
            this.source = source;
            if (end > b.length || pos > end) {
                throw new IllegalStateException("bad bounds");
            }
        }

        boolean more() {
            return pos < end;
        }

        Reader sub(int subEnd) {
            if (subEnd > end) {
                throw new IllegalStateException("field runs past its message");
            }
            return new Reader(b, pos, subEnd, source);
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalStateException("truncated varint");
                }
                int x = b[pos++] & 0xFF;
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalStateException("varint too long");
        }

        int length() {
            long len = varint();
            if (len < 0 || pos + len > end) {
                throw new IllegalStateException("length past end");
            }
            return (int) len;
        }

        String string() {
            int len = length();
            String s = new String(b, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        void skip(int wire) {
            switch (wire) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int len = length(); // evaluated before pos is read
                    pos += len;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalStateException("unsupported wire type " + wire);
            }
            if (pos > end) {
                throw new IllegalStateException("field past end");
            }
        }
    }
}
