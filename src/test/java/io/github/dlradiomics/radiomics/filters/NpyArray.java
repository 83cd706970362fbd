package io.github.dlradiomics.radiomics.filters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a small little-endian C-order .npy test resource ('&lt;f8', '&lt;f4' or '&lt;i2') into doubles.
 *
 * <pre>NpyArray a = NpyArray.resource("input_f64.npy");</pre>
 *
 * @param shape numpy shape
 * @param dtype numpy descr, e.g. "&lt;f8"
 * @param data  values, last index fastest
 */
record NpyArray(int[] shape, String dtype, double[] data) {
    static final String DIR = "/generated/filters/";

    static NpyArray resource(String name) throws IOException {
        try (InputStream in = NpyArray.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + DIR + name);
            }
            return parse(in.readAllBytes(), name);
        }
    }

    static NpyArray parse(byte[] bytes, String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || bytes[0] != (byte) 0x93 || bytes[1] != 'N') {
            throw new IOException(name + " is not a .npy file");
        }
        b.position(6);
        int major = b.get() & 0xff;
        b.get();
        int hl = major == 1 ? b.getShort() & 0xffff : b.getInt();
        byte[] hb = new byte[hl];
        b.get(hb);
        String header = new String(hb, StandardCharsets.ISO_8859_1);
        String descr = find("'descr'\\s*:\\s*'([^']*)'", header);
        if (find("'fortran_order'\\s*:\\s*(True|False)", header).equals("True")) {
            throw new IOException(name + ": Fortran order");
        }
        int[] shape = Arrays.stream(find("'shape'\\s*:\\s*\\(([^)]*)\\)", header).split(",")).map(String::trim)
                .filter(t -> !t.isEmpty()).mapToInt(Integer::parseInt).toArray();
        int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = switch (descr) {
                case "<f8" -> b.getDouble();
                case "<f4" -> b.getFloat();
                case "<i2" -> b.getShort();
                default -> throw new IOException(name + ": unsupported dtype " + descr);
            };
        }
        return new NpyArray(shape, descr, d);
    }

    private static String find(String re, String header) throws IOException {
        Matcher m = Pattern.compile(re).matcher(header);
        if (!m.find()) {
            throw new IOException("bad .npy header: " + header);
        }
        return m.group(1);
    }

    /** Sub-array k of a stacked (k, nz, ny, nx) array, x fastest. */
    double[] slab(int k) {
        int per = data.length / shape[0];
        return Arrays.copyOfRange(data, k * per, (k + 1) * per);
    }
}
