package io.github.dlradiomics.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A small self-contained DICOM (Part 10 and raw) header parser: reads the top-level data elements of
 * one file up to the pixel data, skipping sequences of defined and undefined length, and locates the
 * pixel data (native, or encapsulated as basic offset table plus fragments). It understands implicit
 * and explicit VR little endian, explicit VR big endian and deflated explicit VR little endian.
 * Package-private: {@link DicomSeriesReader} is the public entry point.
 *
 * <pre>DicomParser.Header h = DicomParser.parse(Files.readAllBytes(p), true); int rows = h.getInt(DicomParser.ROWS, 0);</pre>
 */
final class DicomParser {
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String ENCAPSULATED_UNCOMPRESSED_LE = "1.2.840.10008.1.2.1.98";

    static final int TRANSFER_SYNTAX = 0x00020010;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int MODALITY = 0x00080060;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int SLICE_THICKNESS = 0x00180050;
    static final int SPACING_BETWEEN_SLICES = 0x00180088;
    static final int IMAGER_PIXEL_SPACING = 0x00181164;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int SERIES_NUMBER = 0x00200011;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;
    static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
    static final int PIXEL_DATA = 0x7FE00010;

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    /** Tags whose value is binary US in implicit VR (everything else we read is text). */
    private static final java.util.Set<Integer> US_TAGS = java.util.Set.of(SAMPLES_PER_PIXEL, ROWS, COLUMNS,
            BITS_ALLOCATED, BITS_STORED, HIGH_BIT, PIXEL_REPRESENTATION);

    private DicomParser() {
    }

    /** A malformed or truncated DICOM stream; the message says what and where (without the file name). */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /** Thrown when a partial buffer ended before the pixel data: read the whole file and parse again. */
    static final class NeedMoreData extends Exception {
        private static final long serialVersionUID = 1L;

        NeedMoreData() {
            super(null, null, false, false);
        }
    }

    /** One top-level data element: its VR (or "" when implicit and unknown) and where its value lies. */
    record Element(String vr, int offset, int length) {
    }

    /** The parsed top-level header of one file and the location of its pixel data. */
    static final class Header {
        /** The bytes the offsets refer to (the inflated data set for deflated files). */
        final byte[] data;
        final String transferSyntax;
        final boolean bigEndian;
        final boolean hasPreamble;
        final Map<Integer, Element> elements = new HashMap<>();
        /** Offset of the pixel data value (native) or of its first item (encapsulated); -1 when absent. */
        int pixelDataOffset = -1;
        /** Length of native pixel data; -1 when encapsulated (undefined length). */
        long pixelDataLength = -1;
        /** The tag of the pixel data element found (PIXEL_DATA, FLOAT_PIXEL_DATA...), 0 when none. */
        int pixelDataTag;

        Header(byte[] data, String transferSyntax, boolean bigEndian, boolean hasPreamble) {
            this.data = data;
            this.transferSyntax = transferSyntax;
            this.bigEndian = bigEndian;
            this.hasPreamble = hasPreamble;
        }

        boolean has(int tag) {
            return elements.containsKey(tag);
        }

        boolean encapsulated() {
            return pixelDataOffset >= 0 && pixelDataLength < 0;
        }

        /** The element's value as trimmed text (trailing spaces and NULs removed), or null when absent. */
        String getString(int tag) {
            Element e = elements.get(tag);
            if (e == null) {
                return null;
            }
            int end = e.offset + e.length;
            while (end > e.offset && (data[end - 1] == 0 || data[end - 1] == ' ')) {
                end--;
            }
            int start = e.offset;
            while (start < end && data[start] == ' ') {
                start++;
            }
            return new String(data, start, end - start, StandardCharsets.ISO_8859_1);
        }

        /** The element's value as text, or {@code def} when absent or empty. */
        String getString(int tag, String def) {
            String s = getString(tag);
            return s == null || s.isEmpty() ? def : s;
        }

        /** A numeric value: binary US/SS/UL/SL, or decimal/integer text; {@code def} when absent or unreadable. */
        int getInt(int tag, int def) {
            Element e = elements.get(tag);
            if (e == null || e.length == 0) {
                return def;
            }
            String vr = e.vr;
            if (vr.isEmpty() && US_TAGS.contains(tag)) {
                vr = "US";
            }
            switch (vr) {
                case "US":
                    return e.length >= 2 ? u16(data, e.offset, bigEndian) : def;
                case "SS":
                    return e.length >= 2 ? (short) u16(data, e.offset, bigEndian) : def;
                case "UL":
                case "SL":
                    return e.length >= 4 ? i32(data, e.offset, bigEndian) : def;
                default:
                    double[] d = getDoubles(tag);
                    return d != null && d.length > 0 && d[0] == Math.rint(d[0]) ? (int) d[0] : def;
            }
        }

        /** Backslash-separated decimal values, or null when absent, empty or not numbers. */
        double[] getDoubles(int tag) {
            String s = getString(tag);
            if (s == null || s.isEmpty()) {
                return null;
            }
            String[] parts = s.split("\\\\");
            double[] out = new double[parts.length];
            try {
                for (int i = 0; i < parts.length; i++) {
                    out[i] = Double.parseDouble(parts[i].trim());
                }
            } catch (NumberFormatException ex) {
                return null;
            }
            return out;
        }

        /** The first decimal value, or {@code def}. */
        double getDouble(int tag, double def) {
            double[] d = getDoubles(tag);
            return d == null || d.length == 0 || !Double.isFinite(d[0]) ? def : d[0];
        }

        /**
         * The fragments of encapsulated pixel data: element 0 is the basic offset table (maybe empty),
         * then one {offset, length} per fragment. Throws when the items run past the end of the data.
         */
        List<int[]> fragments() throws FormatException {
            List<int[]> items = new ArrayList<>();
            int p = pixelDataOffset;
            while (true) {
                if (p + 8 > data.length) {
                    throw new FormatException("encapsulated pixel data ends after " + (data.length - pixelDataOffset)
                            + " bytes without a sequence delimiter (file truncated?)");
                }
                int tag = tag(data, p, bigEndian);
                long len = u32(data, p + 4, bigEndian);
                p += 8;
                if (tag == SEQUENCE_DELIMITATION) {
                    break;
                }
                if (tag != ITEM || len == UNDEFINED) {
                    throw new FormatException(String.format(Locale.ROOT,
                            "bad item (%s) in encapsulated pixel data at byte %d", tagString(tag), p - 8));
                }
                if (p + len > data.length) {
                    throw new FormatException("pixel data fragment " + items.size() + " ends after "
                            + (data.length - p) + " of " + len + " bytes (file truncated?)");
                }
                items.add(new int[] {p, (int) len});
                p += (int) len;
            }
            if (items.isEmpty()) {
                throw new FormatException("encapsulated pixel data has no basic offset table item");
            }
            return items;
        }
    }

    /**
     * True when the bytes look like DICOM: "DICM" at offset 128, or (no preamble) a first element of
     * group 0002 or 0008 with a plausible explicit VR or implicit length.
     */
    static boolean looksLikeDicom(byte[] b, int n) {
        if (n >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M') {
            return true;
        }
        if (n < 8) {
            return false;
        }
        int group = u16(b, 0, false);
        if (group != 0x0002 && group != 0x0008) {
            return false;
        }
        if (isUpper(b[4]) && isUpper(b[5])) {
            return true;
        }
        long len = u32(b, 4, false);
        return len < 1024 || len == UNDEFINED;
    }

    private static boolean isUpper(byte c) {
        return c >= 'A' && c <= 'Z';
    }

    /**
     * Parses the header. {@code complete} says whether {@code b} holds the whole file; when it does
     * not and the buffer ends before the pixel data, {@link NeedMoreData} is thrown.
     */
    static Header parse(byte[] b, boolean complete) throws FormatException, NeedMoreData {
        int n = b.length;
        boolean preamble = n >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
        int p = preamble ? 132 : 0;
        String ts = null;
        Map<Integer, Element> meta = new HashMap<>();
        // File meta information: always explicit VR little endian, group 0002.
        while (p + 8 <= n && u16(b, p, false) == 0x0002) {
            if (!isUpper(b[p + 4]) || !isUpper(b[p + 5])) {
                break; // implicit VR meta group (non-conformant): handled by the data set parser below
            }
            int tag = tag(b, p, false);
            String vr = new String(b, p + 4, 2, StandardCharsets.ISO_8859_1);
            long len;
            int valueAt;
            if (longVr(vr)) {
                need(b, p + 12, complete, "file meta element " + tagString(tag));
                len = u32(b, p + 8, false);
                valueAt = p + 12;
            } else {
                len = u16(b, p + 6, false);
                valueAt = p + 8;
            }
            if (len == UNDEFINED) {
                throw new FormatException("undefined length in file meta element " + tagString(tag));
            }
            need(b, valueAt + len, complete, "file meta element " + tagString(tag));
            meta.put(tag, new Element(vr, valueAt, (int) len));
            p = valueAt + (int) len;
        }
        if (p + 8 > n) {
            need(b, n + 1, complete, "data set");
            if (preamble) {
                throw new FormatException("file ends after the file meta information (no data set)");
            }
        }
        Header tmp = new Header(b, null, false, preamble);
        tmp.elements.putAll(meta);
        ts = tmp.getString(TRANSFER_SYNTAX);
        byte[] data = b;
        int start = p;
        boolean bigEndian = false;
        boolean explicit;
        if (ts == null || ts.isEmpty()) {
            // No meta header: guess from the first element.
            explicit = p + 6 <= n && isUpper(b[p + 4]) && isUpper(b[p + 5]);
            ts = explicit ? EXPLICIT_LE : IMPLICIT_LE;
        } else if (ts.equals(IMPLICIT_LE)) {
            explicit = false;
        } else if (ts.equals(EXPLICIT_BE)) {
            explicit = true;
            bigEndian = true;
        } else if (ts.equals(DEFLATED_LE)) {
            if (!complete) {
                throw new NeedMoreData();
            }
            data = inflate(b, p);
            start = 0;
            explicit = true;
        } else {
            // Explicit VR LE and every encapsulated (compressed) syntax: explicit VR little endian.
            // Some writers declare explicit VR but write implicit: trust the bytes.
            explicit = !(p + 6 <= n && !(isUpper(b[p + 4]) && isUpper(b[p + 5])));
        }
        Header h = new Header(data, ts, bigEndian, preamble);
        // Meta elements refer to b; for deflated files data != b, so keep only the transfer syntax.
        if (data == b) {
            h.elements.putAll(meta);
        }
        parseDataSet(h, data, start, explicit, bigEndian, complete || data != b);
        return h;
    }

    private static byte[] inflate(byte[] b, int from) throws FormatException {
        try (InflaterInputStream in = new InflaterInputStream(
                new ByteArrayInputStream(b, from, b.length - from), new Inflater(true))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new FormatException("deflated data set is corrupt (" + e.getMessage() + ")");
        }
    }

    private static void parseDataSet(Header h, byte[] b, int p, boolean explicit, boolean be, boolean complete)
            throws FormatException, NeedMoreData {
        int n = b.length;
        while (p < n) {
            need(b, p + 8, complete, "data element header");
            int tag = tag(b, p, be);
            String vr = "";
            long len;
            int valueAt;
            if (explicit && (tag >>> 16) != 0xFFFE) {
                vr = new String(b, p + 4, 2, StandardCharsets.ISO_8859_1);
                if (!isUpper(b[p + 4]) || !isUpper(b[p + 5])) {
                    throw new FormatException(String.format(Locale.ROOT,
                            "invalid value representation at byte %d (element %s): not a valid explicit VR data set",
                            p, tagString(tag)));
                }
                if (longVr(vr)) {
                    need(b, p + 12, complete, "element " + tagString(tag));
                    len = u32(b, p + 8, be);
                    valueAt = p + 12;
                } else {
                    len = u16(b, p + 6, be);
                    valueAt = p + 8;
                }
            } else {
                len = u32(b, p + 4, be);
                valueAt = p + 8;
            }
            if (tag == PIXEL_DATA || tag == FLOAT_PIXEL_DATA || tag == DOUBLE_FLOAT_PIXEL_DATA) {
                h.pixelDataTag = tag;
                h.pixelDataOffset = valueAt;
                h.pixelDataLength = len == UNDEFINED ? -1 : len;
                h.elements.put(tag, new Element(vr, valueAt, 0));
                if (valueAt > n) {
                    need(b, valueAt, complete, "pixel data element");
                }
                return; // everything after the pixel data is irrelevant here
            }
            if (len == UNDEFINED) {
                // A sequence (SQ, or UN holding an implicit VR sequence) or a private undefined-length item.
                if (tag == PER_FRAME_FUNCTIONAL_GROUPS) {
                    h.elements.put(tag, new Element(vr, valueAt, 0));
                }
                boolean innerExplicit = explicit && !vr.equals("UN");
                p = skipUndefinedSequence(b, valueAt, innerExplicit, be, complete, tag);
                continue;
            }
            long end = valueAt + len;
            if (end > n) {
                need(b, end, complete, "element " + tagString(tag));
            }
            if (!vr.equals("SQ") && len < 65536) {
                h.elements.put(tag, new Element(vr, valueAt, (int) len));
            } else if (tag == PER_FRAME_FUNCTIONAL_GROUPS) {
                h.elements.put(tag, new Element(vr, valueAt, 0));
            }
            p = (int) end;
        }
    }

    /** Skips the items of an undefined-length sequence starting at {@code p}; returns the offset after it. */
    private static int skipUndefinedSequence(byte[] b, int p, boolean explicit, boolean be, boolean complete, int seqTag)
            throws FormatException, NeedMoreData {
        while (true) {
            need(b, p + 8, complete, "sequence " + tagString(seqTag));
            int tag = tag(b, p, be);
            long len = u32(b, p + 4, be);
            p += 8;
            if (tag == SEQUENCE_DELIMITATION) {
                return p;
            }
            if (tag != ITEM) {
                throw new FormatException(String.format(Locale.ROOT, "unexpected element %s inside sequence %s at byte %d",
                        tagString(tag), tagString(seqTag), p - 8));
            }
            if (len != UNDEFINED) {
                need(b, p + len, complete, "sequence " + tagString(seqTag));
                p += (int) len;
                continue;
            }
            p = skipUndefinedItem(b, p, explicit, be, complete, seqTag);
        }
    }

    /** Skips the elements of an undefined-length item up to and including its item delimiter. */
    private static int skipUndefinedItem(byte[] b, int p, boolean explicit, boolean be, boolean complete, int seqTag)
            throws FormatException, NeedMoreData {
        while (true) {
            need(b, p + 8, complete, "sequence " + tagString(seqTag));
            int tag = tag(b, p, be);
            if (tag == ITEM_DELIMITATION) {
                return p + 8;
            }
            String vr = "";
            long len;
            int valueAt;
            if (explicit && (tag >>> 16) != 0xFFFE) {
                vr = new String(b, p + 4, 2, StandardCharsets.ISO_8859_1);
                if (longVr(vr)) {
                    need(b, p + 12, complete, "sequence " + tagString(seqTag));
                    len = u32(b, p + 8, be);
                    valueAt = p + 12;
                } else {
                    len = u16(b, p + 6, be);
                    valueAt = p + 8;
                }
            } else {
                len = u32(b, p + 4, be);
                valueAt = p + 8;
            }
            if (len == UNDEFINED) {
                p = skipUndefinedSequence(b, valueAt, explicit && !vr.equals("UN"), be, complete, tag);
            } else {
                need(b, valueAt + len, complete, "sequence " + tagString(seqTag));
                p = valueAt + (int) len;
            }
        }
    }

    private static void need(byte[] b, long end, boolean complete, String what) throws FormatException, NeedMoreData {
        if (end > b.length) {
            if (!complete) {
                throw new NeedMoreData();
            }
            throw new FormatException("file ends inside " + what + " (" + b.length + " bytes; truncated?)");
        }
    }

    /** VRs with a 2-byte reserved field and a 4-byte length in explicit VR encoding. */
    private static boolean longVr(String vr) {
        return switch (vr) {
            case "OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UT", "UN", "UC", "UR", "SV", "UV" -> true;
            default -> false;
        };
    }

    static int u16(byte[] b, int p, boolean be) {
        return be ? ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF) : (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }

    static int i32(byte[] b, int p, boolean be) {
        return be ? (u16(b, p, true) << 16) | u16(b, p + 2, true) : u16(b, p, false) | (u16(b, p + 2, false) << 16);
    }

    static long u32(byte[] b, int p, boolean be) {
        return i32(b, p, be) & 0xFFFFFFFFL;
    }

    private static int tag(byte[] b, int p, boolean be) {
        return (u16(b, p, be) << 16) | u16(b, p + 2, be);
    }

    static String tagString(int tag) {
        return String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
