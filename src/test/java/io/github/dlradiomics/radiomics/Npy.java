package io.github.dlradiomics.radiomics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal reader of NumPy .npy files holding a float64 little-endian C-order array (what PyRadiomics' reference
 * matrices are), for tests. Element {@code [i0, i1, ..., ik]} is {@code data[((i0 * s1 + i1) * s2 + ...) + ik]}.
 *
 * <pre>Npy m = Npy.read(Path.of("brain1_glcm.npy")); double v = m.get(0, 1, 2);</pre>
 *
 * @param shape the array's shape
 * @param data  the values in C order (last index fastest)
 */
record Npy(int[] shape, double[] data) {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads a .npy file (format versions 1 to 3); anything but '&lt;f8' in C order is refused. */
    static Npy read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(file + " is not a .npy file");
        }
        int major = b.get() & 0xff;
        b.get(); // minor version
        int headerLength = major == 1 ? b.getShort() & 0xffff : b.getInt();
        byte[] headerBytes = new byte[headerLength];
        b.get(headerBytes);
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file);
        if (!descr.equals("<f8")) {
            throw new IOException(file + ": dtype " + descr + " unsupported (only <f8)");
        }
        if (group(FORTRAN, header, file).equals("True")) {
            throw new IOException(file + ": Fortran order unsupported");
        }
        int[] shape = Arrays.stream(group(SHAPE, header, file).split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).mapToInt(Integer::parseInt).toArray();
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (b.remaining() != n * 8) {
            throw new IOException(file + ": " + b.remaining() + " data bytes for shape " + Arrays.toString(shape));
        }
        double[] data = new double[(int) n];
        b.asDoubleBuffer().get(data);
        return new Npy(shape, data);
    }

    /** The element at the given indices (one per axis). */
    double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(index.length + " indices for " + shape.length + " axes");
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside " + Arrays.toString(shape));
            }
            flat = flat * shape[d] + index[d];
        }
        return data[flat];
    }

    private static String group(Pattern p, String header, Path file) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": header lacks " + p.pattern() + ": " + header);
        }
        return m.group(1);
    }
}
