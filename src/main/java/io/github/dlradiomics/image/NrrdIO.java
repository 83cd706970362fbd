package io.github.dlradiomics.image;

import io.github.dlradiomics.util.UserInputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * NRRD reader and writer (attached or detached data; raw, gzip and ascii encodings; all scalar types;
 * {@code space directions}, {@code space origin}, {@code spacings}). RAS spaces become LPS, as in ITK.
 *
 * <pre>Volume brain = NrrdIO.read(Path.of("brain1_image.nrrd")); NrrdIO.write(brain, Path.of("out.nrrd"), true);</pre>
 */
public final class NrrdIO {
    private NrrdIO() {
    }

    /** Reads a .nrrd (attached) or .nhdr (detached) file. */
    public static Volume read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": file not found");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Map<String, String> f = new LinkedHashMap<>();
            Map<String, String> kv = new LinkedHashMap<>();
            long[] count = new long[1];
            String magic = readLine(in, count);
            if (magic == null || !magic.startsWith("NRRD000")) {
                throw new UserInputException(file + ": not a NRRD file (no NRRD000x magic line)");
            }
            while (true) {
                String line = readLine(in, count);
                if (line == null || line.isEmpty()) {
                    break;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                int kvi = line.indexOf(":=");
                int fi = line.indexOf(": ");
                if (kvi >= 0 && (fi < 0 || kvi < fi)) {
                    kv.put(line.substring(0, kvi), line.substring(kvi + 2));
                } else if (fi > 0) {
                    f.put(line.substring(0, fi).trim().toLowerCase(Locale.ROOT), line.substring(fi + 2).trim());
                } else {
                    throw new UserInputException(file + ": malformed NRRD header line '" + line + "'");
                }
            }
            Header h = interpret(f, file, count[0]);
            Volume v = new Volume(h.sizes[0], h.sizes[1], h.sizes[2], h.type);
            String dataFile = f.containsKey("data file") ? f.get("data file") : f.get("datafile");
            if (dataFile != null) {
                if (dataFile.startsWith("LIST") || dataFile.contains("%")) {
                    throw new UserInputException(file + ": multi-file NRRD data ('" + dataFile + "') is not supported");
                }
                Path df = file.resolveSibling(dataFile);
                if (!Files.exists(df)) {
                    throw new UserInputException(file + ": its data file " + df + " does not exist");
                }
                try (InputStream din = new BufferedInputStream(Files.newInputStream(df), 1 << 16)) {
                    readData(din, v, h, df, Files.size(df));
                }
            } else {
                long remaining = Files.size(file) - h.headerBytes;
                readData(in, v, h, file, remaining);
            }
            setGeometry(v, h, f, file);
            String content = f.get("content");
            v.setDescription(content == null ? "" : content);
            return v;
        } catch (ZipException e) {
            throw new UserInputException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static final class Header {
        PixelType type;
        int dimension;
        int[] sizes = {1, 1, 1};
        ByteOrder order = ByteOrder.BIG_ENDIAN;
        String encoding;
        long byteSkip;
        int lineSkip;
        long headerBytes;
    }

    /** Reads an ASCII line; counts bytes so the start of attached data is known. */
    private static String readLine(InputStream in, long[] count) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            count[0]++;
            if (c == '\n') {
                break;
            }
            b.write(c);
        }
        if (!any) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static Header interpret(Map<String, String> f, Path file, long headerBytes) {
        Header h = new Header();
        h.headerBytes = headerBytes;
        String type = require(f, "type", file).toLowerCase(Locale.ROOT);
        h.type = parseType(type, file);
        h.dimension = Integer.parseInt(require(f, "dimension", file));
        String[] sizes = require(f, "sizes", file).trim().split("\\s+");
        if (sizes.length != h.dimension) {
            throw new UserInputException(file + ": 'sizes' has " + sizes.length + " values but dimension is "
                    + h.dimension);
        }
        if (h.dimension < 2 || h.dimension > 4) {
            throw new UserInputException(file + ": dimension " + h.dimension + " is not supported (2D or 3D images)");
        }
        int[] s = new int[h.dimension];
        for (int i = 0; i < s.length; i++) {
            try {
                s[i] = Integer.parseInt(sizes[i]);
            } catch (NumberFormatException e) {
                throw new UserInputException(file + ": 'sizes' value '" + sizes[i] + "' is not an integer");
            }
            if (s[i] < 1) {
                throw new UserInputException(file + ": 'sizes' value " + s[i] + " is not positive");
            }
        }
        if (h.dimension == 4) {
            if (s[0] == 1) {
                System.arraycopy(s, 1, h.sizes, 0, 3);
            } else if (s[3] == 1) {
                System.arraycopy(s, 0, h.sizes, 0, 3);
            } else {
                throw new UserInputException(file + ": 4D or vector-valued NRRD (sizes " + String.join(" ", sizes)
                        + "); only scalar 2D/3D images are supported");
            }
        } else {
            System.arraycopy(s, 0, h.sizes, 0, h.dimension);
        }
        String endian = f.getOrDefault("endian", "little").toLowerCase(Locale.ROOT);
        h.order = endian.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        h.encoding = require(f, "encoding", file).toLowerCase(Locale.ROOT);
        h.byteSkip = Long.parseLong(f.getOrDefault("byte skip", f.getOrDefault("byteskip", "0")));
        h.lineSkip = Integer.parseInt(f.getOrDefault("line skip", f.getOrDefault("lineskip", "0")));
        return h;
    }

    private static String require(Map<String, String> f, String key, Path file) {
        String v = f.get(key);
        if (v == null) {
            throw new UserInputException(file + ": NRRD header lacks the required field '" + key + "'");
        }
        return v;
    }

    static PixelType parseType(String t, Path file) {
        return switch (t) {
            case "signed char", "int8", "int8_t" -> PixelType.INT8;
            case "uchar", "unsigned char", "uint8", "uint8_t" -> PixelType.UINT8;
            case "short", "short int", "signed short", "signed short int", "int16", "int16_t" -> PixelType.INT16;
            case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t" -> PixelType.UINT16;
            case "int", "signed int", "int32", "int32_t" -> PixelType.INT32;
            case "uint", "unsigned int", "uint32", "uint32_t" -> PixelType.UINT32;
            case "longlong", "long long", "long long int", "signed long long", "signed long long int", "int64",
                    "int64_t" -> PixelType.INT64;
            case "ulonglong", "unsigned long long", "unsigned long long int", "uint64", "uint64_t" -> PixelType.UINT64;
            case "float" -> PixelType.FLOAT32;
            case "double" -> PixelType.FLOAT64;
            default -> throw new UserInputException(file + ": unsupported NRRD type '" + t + "'");
        };
    }

    private static void readData(InputStream in, Volume v, Header h, Path file, long available) throws IOException {
        long[] skipped = new long[1];
        for (int i = 0; i < h.lineSkip; i++) {
            readLine(in, skipped);
        }
        available -= skipped[0];
        long expected = (long) v.size() * h.type.bytes();
        switch (h.encoding) {
            case "raw" -> {
                if (h.byteSkip == -1) {
                    long skip = available - expected;
                    if (skip < 0) {
                        throw sizeError(file, h, v, available);
                    }
                    in.skipNBytes(skip);
                } else {
                    in.skipNBytes(h.byteSkip);
                    if (available - h.byteSkip < expected) {
                        throw sizeError(file, h, v, available - h.byteSkip);
                    }
                    if (available - h.byteSkip > expected) {
                        throw new UserInputException(file + ": inconsistent header: sizes " + sizes(v) + " of "
                                + h.type.label() + " need " + expected + " bytes but the file holds "
                                + (available - h.byteSkip) + " bytes of raw data");
                    }
                }
                readOrExplain(in, v, h, file, expected);
            }
            case "gzip", "gz" -> {
                InputStream gin = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
                if (h.byteSkip > 0) {
                    gin.skipNBytes(h.byteSkip);
                } else if (h.byteSkip == -1) {
                    throw new UserInputException(file + ": 'byte skip: -1' is not allowed with gzip encoding");
                }
                readOrExplain(gin, v, h, file, expected);
            }
            case "ascii", "text", "txt" -> readAscii(in, v, file);
            case "bzip2", "bz2" -> throw new UserInputException(file
                    + ": bzip2-encoded NRRD is not supported (re-save with gzip or raw encoding)");
            default -> throw new UserInputException(file + ": unknown NRRD encoding '" + h.encoding + "'");
        }
    }

    private static void readOrExplain(InputStream in, Volume v, Header h, Path file, long expected) throws IOException {
        long got = NiftiIO.readVoxels(in, v.data(), h.type, h.order);
        if (got < expected) {
            throw sizeError(file, h, v, got);
        }
    }

    private static UserInputException sizeError(Path file, Header h, Volume v, long got) {
        long expected = (long) v.size() * h.type.bytes();
        return new UserInputException(file + ": inconsistent header or truncated data: sizes " + sizes(v) + " of "
                + h.type.label() + " need " + expected + " bytes but the data ends after " + got + " bytes");
    }

    private static String sizes(Volume v) {
        return v.nx() + "x" + v.ny() + "x" + v.nz();
    }

    private static void readAscii(InputStream in, Volume v, Path file) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        String[] tok = text.isEmpty() ? new String[0] : text.split("[\\s,]+");
        if (tok.length != v.size()) {
            throw new UserInputException(file + ": ascii data has " + tok.length + " values, header sizes "
                    + sizes(v) + " need " + v.size());
        }
        double[] d = v.data();
        for (int i = 0; i < tok.length; i++) {
            try {
                d[i] = Double.parseDouble(tok[i]);
            } catch (NumberFormatException e) {
                throw new UserInputException(file + ": ascii value '" + tok[i] + "' is not a number");
            }
        }
    }

    private static void setGeometry(Volume v, Header h, Map<String, String> f, Path file) {
        String space = f.getOrDefault("space", "").toLowerCase(Locale.ROOT);
        int spaceDim = h.dimension == 2 ? 2 : 3;
        if (f.containsKey("space dimension")) {
            spaceDim = Integer.parseInt(f.get("space dimension").trim());
        } else if (!space.isEmpty()) {
            spaceDim = space.equals("right-anterior-superior") || space.equals("ras")
                    || space.equals("left-posterior-superior") || space.equals("lps")
                    || space.equals("left-anterior-superior") || space.equals("las")
                    || space.startsWith("scanner") || space.startsWith("3d") ? 3 : spaceDim;
        }
        double[] flip = {1, 1, 1};
        if (space.equals("right-anterior-superior") || space.equals("ras")) {
            flip = new double[] {-1, -1, 1};
        } else if (space.equals("left-anterior-superior") || space.equals("las")) {
            flip = new double[] {1, -1, 1};
        }
        double[] spacing = {1, 1, 1};
        double[] dir = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] origin = {0, 0, 0};
        String sd = f.get("space directions");
        if (sd != null) {
            List<double[]> vecs = new ArrayList<>();
            for (String tok : sd.trim().split("\\)\\s*|\\s+(?=none)")) {
                String t = tok.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (t.equals("none")) {
                    continue;
                }
                vecs.add(parseVector(t, file, "space directions"));
            }
            int want = h.dimension == 2 ? 2 : 3;
            if (vecs.size() != want) {
                throw new UserInputException(file + ": 'space directions' has " + vecs.size() + " vectors for a "
                        + want + "D image");
            }
            for (int c = 0; c < vecs.size(); c++) {
                double[] vec = vecs.get(c);
                double n = 0;
                for (double x : vec) {
                    n += x * x;
                }
                n = Math.sqrt(n);
                if (n == 0) {
                    throw new UserInputException(file + ": 'space directions' vector " + (c + 1) + " is zero");
                }
                spacing[c] = n;
                for (int r = 0; r < 3; r++) {
                    dir[r * 3 + c] = (r < vec.length ? vec[r] : 0) / n * flip[r];
                }
            }
            if (vecs.size() == 2) {
                // 2D image in 3D space: third axis = cross product
                double[] a = {dir[0], dir[3], dir[6]};
                double[] b = {dir[1], dir[4], dir[7]};
                dir[2] = a[1] * b[2] - a[2] * b[1];
                dir[5] = a[2] * b[0] - a[0] * b[2];
                dir[8] = a[0] * b[1] - a[1] * b[0];
            }
        } else if (f.containsKey("spacings")) {
            String[] sp = f.get("spacings").trim().split("\\s+");
            int k = 0;
            for (String s : sp) {
                if (s.equalsIgnoreCase("nan")) {
                    continue;
                }
                if (k < 3) {
                    spacing[k++] = Double.parseDouble(s);
                }
            }
        }
        String so = f.get("space origin");
        if (so != null) {
            double[] o = parseVector(so.trim(), file, "space origin");
            for (int r = 0; r < Math.min(3, o.length); r++) {
                origin[r] = o[r] * flip[r];
            }
        }
        try {
            v.setSpacing(spacing);
            v.setDirection(dir);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(file + ": " + e.getMessage());
        }
        v.setOrigin(origin);
    }

    private static double[] parseVector(String t, Path file, String field) {
        String s = t.replace("(", "").replace(")", "").trim();
        String[] parts = s.split("\\s*,\\s*");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new UserInputException(file + ": cannot read '" + field + "' vector '" + t + "'");
            }
        }
        return out;
    }

    /** Writes an attached NRRD in LPS space, gzip-compressed or raw, little-endian. */
    public static void write(Volume v, Path file, boolean gzip) throws IOException {
        StringBuilder sb = new StringBuilder("NRRD0004\n");
        sb.append("# Written by DLRadiomics\n");
        sb.append("type: ").append(typeName(v.pixelType())).append('\n');
        sb.append("dimension: 3\n");
        sb.append("space: left-posterior-superior\n");
        sb.append("sizes: ").append(v.nx()).append(' ').append(v.ny()).append(' ').append(v.nz()).append('\n');
        double[] sp = v.spacing();
        double[] d = v.direction();
        sb.append("space directions:");
        for (int c = 0; c < 3; c++) {
            sb.append(" (");
            for (int r = 0; r < 3; r++) {
                if (r > 0) {
                    sb.append(',');
                }
                sb.append(exact(d[r * 3 + c] * sp[c]));
            }
            sb.append(')');
        }
        sb.append('\n');
        sb.append("kinds: domain domain domain\n");
        sb.append("endian: little\n");
        sb.append("encoding: ").append(gzip ? "gzip" : "raw").append('\n');
        double[] o = v.origin();
        sb.append("space origin: (").append(exact(o[0])).append(',').append(exact(o[1])).append(',')
                .append(exact(o[2])).append(")\n");
        if (!v.description().isEmpty()) {
            sb.append("content: ").append(v.description().replace('\n', ' ')).append('\n');
        }
        sb.append('\n');
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            raw.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (gzip) {
                GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
                NiftiIO.writeVoxels(gz, v.data(), v.pixelType(), ByteOrder.LITTLE_ENDIAN);
                gz.finish();
            } else {
                NiftiIO.writeVoxels(raw, v.data(), v.pixelType(), ByteOrder.LITTLE_ENDIAN);
            }
        }
    }

    /** Shortest decimal that reads back as the same double. */
    private static String exact(double x) {
        if (x == 0) {
            return "0";
        }
        return Double.toString(x);
    }

    private static String typeName(PixelType t) {
        return switch (t) {
            case INT8 -> "int8";
            case UINT8 -> "uint8";
            case INT16 -> "int16";
            case UINT16 -> "uint16";
            case INT32 -> "int32";
            case UINT32 -> "uint32";
            case INT64 -> "int64";
            case UINT64 -> "uint64";
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
        };
    }
}
