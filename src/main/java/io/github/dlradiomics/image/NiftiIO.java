package io.github.dlradiomics.image;

import io.github.dlradiomics.util.UserInputException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * NIfTI-1 reader and writer ({@code .nii}, {@code .nii.gz}) with ITK's geometry conventions: the
 * sform is used when its code is SCANNER_ANAT or when only the sform is set, the qform otherwise;
 * RAS is turned into LPS; scl_slope/scl_inter are applied; metre and micron units become mm.
 *
 * <pre>Volume ct = NiftiIO.read(Path.of("ct.nii.gz")); NiftiIO.write(ct, Path.of("copy.nii"));</pre>
 */
public final class NiftiIO {
    private static final int HEADER_SIZE = 348;
    private static final int XFORM_UNKNOWN = 0;
    private static final int XFORM_SCANNER_ANAT = 1;

    private NiftiIO() {
    }

    /** Reads a NIfTI-1 file (single-file .nii or .nii.gz). */
    public static Volume read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": file not found");
        }
        try (InputStream in = open(file)) {
            byte[] hdr = readFully(in, HEADER_SIZE, file, "header");
            Header h = parseHeader(hdr, file);
            long skip = h.voxOffset - HEADER_SIZE;
            if (skip < 0) {
                throw new UserInputException(file + ": vox_offset " + h.voxOffset + " lies inside the 348-byte header");
            }
            readFully(in, (int) skip, file, "extensions before vox_offset " + h.voxOffset);
            Volume v = new Volume(h.dims[0], h.dims[1], h.dims[2], h.type);
            long need = (long) v.size() * h.type.bytes();
            long got = readVoxels(in, v.data(), h.type, h.order);
            if (got < need) {
                throw new UserInputException(file + ": truncated file: voxel data ends after " + got + " of " + need
                        + " bytes (" + v.nx() + "x" + v.ny() + "x" + v.nz() + " " + h.type.label() + ")");
            }
            applyScaling(v, h);
            setGeometry(v, h, file);
            v.setDescription(h.descrip);
            return v;
        } catch (ZipException e) {
            throw new UserInputException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": file not found", e);
        }
    }

    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return raw;
    }

    static byte[] readFully(InputStream in, int n, Path file, String what) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        try {
            while (off < n) {
                int r = in.read(b, off, n - off);
                if (r < 0) {
                    break;
                }
                off += r;
            }
        } catch (EOFException e) {
            // a truncated gzip stream: reported below with the byte count
        }
        if (off < n) {
            throw new UserInputException(file + ": truncated file: " + what + " ends after " + off + " of " + n
                    + " bytes");
        }
        return b;
    }

    /**
     * Reads {@code out.length} voxels of the given type, converting to double as it goes; returns the
     * number of bytes read, which is less than needed when the stream ends early (a truncated file).
     */
    static long readVoxels(InputStream in, double[] out, PixelType type, ByteOrder order) throws IOException {
        int per = type.bytes();
        long total = (long) out.length * per;
        byte[] buf = new byte[Math.max(per, (1 << 16) / per * per)];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
        int idx = 0;
        long got = 0;
        int carry = 0;
        try {
            while (got < total) {
                int want = (int) Math.min(buf.length - carry, total - got);
                int r = in.read(buf, carry, want);
                if (r < 0) {
                    break;
                }
                got += r;
                int avail = carry + r;
                int whole = avail / per;
                bb.clear();
                for (int i = 0; i < whole; i++) {
                    out[idx++] = type.read(bb);
                }
                carry = avail - whole * per;
                if (carry > 0) {
                    System.arraycopy(buf, whole * per, buf, 0, carry);
                }
            }
        } catch (EOFException e) {
            // a truncated gzip stream: the caller reports the byte count
        }
        return got;
    }

    private static final class Header {
        ByteOrder order;
        int[] dims = new int[3];
        PixelType type;
        double[] pixdim = new double[8];
        long voxOffset;
        double sclSlope;
        double sclInter;
        int qformCode;
        int sformCode;
        double[] quatern = new double[3];
        double[] qoffset = new double[3];
        double[][] srow = new double[3][4];
        int xyztUnits;
        String descrip;
    }

    private static Header parseHeader(byte[] hdr, Path file) {
        Header h = new Header();
        ByteBuffer b = ByteBuffer.wrap(hdr).order(ByteOrder.LITTLE_ENDIAN);
        int size = b.getInt(0);
        if (size != HEADER_SIZE) {
            b.order(ByteOrder.BIG_ENDIAN);
            size = b.getInt(0);
            if (size == 540 || Integer.reverseBytes(size) == 540) {
                throw new UserInputException(file + ": NIfTI-2 files are not supported (convert to NIfTI-1)");
            }
            if (size != HEADER_SIZE) {
                throw new UserInputException(file + ": not a NIfTI-1 file (sizeof_hdr is not 348)");
            }
        }
        h.order = b.order();
        String magic = new String(hdr, 344, 3, StandardCharsets.US_ASCII);
        if (magic.equals("ni1")) {
            throw new UserInputException(file + ": a .hdr/.img pair; only single-file NIfTI (.nii, .nii.gz) is read");
        }
        if (!magic.equals("n+1")) {
            throw new UserInputException(file + ": not a NIfTI-1 file (magic '" + magic.trim()
                    + "', expected 'n+1'; Analyze 7.5 is not supported)");
        }
        int ndim = b.getShort(40);
        if (ndim < 1 || ndim > 7) {
            throw new UserInputException(file + ": invalid dim[0] = " + ndim);
        }
        int[] dim = new int[8];
        for (int i = 1; i <= 7; i++) {
            dim[i] = i <= ndim ? b.getShort(40 + 2 * i) : 1;
            if (dim[i] < 1) {
                throw new UserInputException(file + ": dimension " + i + " has size " + dim[i]);
            }
        }
        for (int i = 4; i <= 7; i++) {
            if (dim[i] > 1) {
                throw new UserInputException(file + ": " + (i == 4 ? "4D (time series)" : "vector-valued")
                        + " image with dim[" + i + "] = " + dim[i] + "; only scalar 2D/3D images are supported");
            }
        }
        h.dims[0] = dim[1];
        h.dims[1] = dim[2];
        h.dims[2] = dim[3];
        int datatype = b.getShort(70);
        h.type = switch (datatype) {
            case 2 -> PixelType.UINT8;
            case 4 -> PixelType.INT16;
            case 8 -> PixelType.INT32;
            case 16 -> PixelType.FLOAT32;
            case 64 -> PixelType.FLOAT64;
            case 256 -> PixelType.INT8;
            case 512 -> PixelType.UINT16;
            case 768 -> PixelType.UINT32;
            case 1024 -> PixelType.INT64;
            case 1280 -> PixelType.UINT64;
            case 128, 2304 -> throw new UserInputException(file + ": RGB NIfTI images are not supported (datatype "
                    + datatype + ")");
            default -> throw new UserInputException(file + ": unsupported NIfTI datatype " + datatype);
        };
        for (int i = 0; i < 8; i++) {
            h.pixdim[i] = b.getFloat(76 + 4 * i);
        }
        h.voxOffset = (long) b.getFloat(108);
        if (h.voxOffset < HEADER_SIZE) {
            h.voxOffset = 352;
        }
        h.sclSlope = b.getFloat(112);
        h.sclInter = b.getFloat(116);
        h.xyztUnits = b.get(123) & 0xFF;
        h.descrip = cString(hdr, 148, 80);
        h.qformCode = b.getShort(252);
        h.sformCode = b.getShort(254);
        for (int i = 0; i < 3; i++) {
            h.quatern[i] = b.getFloat(256 + 4 * i);
            h.qoffset[i] = b.getFloat(268 + 4 * i);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                h.srow[r][c] = b.getFloat(280 + 16 * r + 4 * c);
            }
        }
        return h;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.ISO_8859_1).trim();
    }

    private static void applyScaling(Volume v, Header h) {
        double slope = h.sclSlope;
        double inter = h.sclInter;
        if (slope == 0 || !Double.isFinite(slope) || !Double.isFinite(inter) || (slope == 1 && inter == 0)) {
            return;
        }
        double[] d = v.data();
        boolean integral = true;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.length; i++) {
            double x = d[i] * slope + inter;
            d[i] = x;
            integral &= x == Math.rint(x);
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        PixelType t = h.type == PixelType.FLOAT64 ? PixelType.FLOAT64 : PixelType.FLOAT32;
        if (integral && !h.type.isFloating() && d.length > 0) {
            PixelType fit = PixelType.fitting(min, max, true);
            if (fit != PixelType.FLOAT64) {
                t = fit;
            }
        }
        v.setPixelType(t);
    }

    private static void setGeometry(Volume v, Header h, Path file) {
        double unit = switch (h.xyztUnits & 0x07) {
            case 1 -> 1000.0; // metres
            case 3 -> 0.001; // microns
            default -> 1.0;
        };
        double[] sp = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = Math.abs(h.pixdim[i + 1]) * unit;
            sp[i] = s > 0 && Double.isFinite(s) ? s : 1.0;
        }
        double[] rot = null; // RAS rotation, row-major, columns = axis directions
        double[] off = null;
        boolean useSform = h.sformCode == XFORM_SCANNER_ANAT
                || (h.sformCode != XFORM_UNKNOWN && h.qformCode == XFORM_UNKNOWN);
        if (useSform) {
            rot = new double[9];
            double[] colNorm = new double[3];
            for (int c = 0; c < 3; c++) {
                double n = 0;
                for (int r = 0; r < 3; r++) {
                    n += h.srow[r][c] * h.srow[r][c];
                }
                colNorm[c] = Math.sqrt(n);
            }
            boolean ok = colNorm[0] > 0 && colNorm[1] > 0 && colNorm[2] > 0;
            if (ok) {
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        rot[r * 3 + c] = h.srow[r][c] / colNorm[c];
                    }
                }
                ok = orthonormal(rot, 1e-4);
            }
            if (ok) {
                off = new double[] {h.srow[0][3] * unit, h.srow[1][3] * unit, h.srow[2][3] * unit};
                for (int c = 0; c < 3; c++) {
                    sp[c] = colNorm[c] * unit;
                }
            } else if (h.qformCode != XFORM_UNKNOWN) {
                rot = null; // fall back to the qform, as ITK does for a sheared sform
            } else {
                throw new UserInputException(file + ": the sform matrix is not a rotation times scaling (sheared or"
                        + " degenerate) and there is no qform");
            }
        }
        if (rot == null && h.qformCode != XFORM_UNKNOWN) {
            rot = quaternionToMatrix(h.quatern[0], h.quatern[1], h.quatern[2]);
            if (h.pixdim[0] < 0) {
                for (int r = 0; r < 3; r++) {
                    rot[r * 3 + 2] = -rot[r * 3 + 2];
                }
            }
            off = new double[] {h.qoffset[0] * unit, h.qoffset[1] * unit, h.qoffset[2] * unit};
        }
        if (rot == null) {
            rot = new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
            off = new double[3];
        }
        // RAS -> LPS: negate the first two rows.
        double[] dir = rot.clone();
        for (int c = 0; c < 3; c++) {
            dir[c] = -dir[c];
            dir[3 + c] = -dir[3 + c];
        }
        v.setSpacing(sp);
        v.setOrigin(-off[0], -off[1], off[2]);
        v.setDirection(dir);
    }

    private static boolean orthonormal(double[] m, double tol) {
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = 0;
                for (int r = 0; r < 3; r++) {
                    dot += m[r * 3 + a] * m[r * 3 + b];
                }
                if (Math.abs(dot - (a == b ? 1 : 0)) > tol) {
                    return false;
                }
            }
        }
        return true;
    }

    /** nifti_quatern_to_mat44's rotation part. */
    static double[] quaternionToMatrix(double b, double c, double d) {
        double a = 1.0 - (b * b + c * c + d * d);
        if (a < 1e-7) {
            a = 1.0 / Math.sqrt(b * b + c * c + d * d);
            b *= a;
            c *= a;
            d *= a;
            a = 0.0;
        } else {
            a = Math.sqrt(a);
        }
        return new double[] {
            a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
            2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
            2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b};
    }

    /** nifti_mat44_to_quatern for an orthonormal matrix: returns {b, c, d, qfac}. */
    static double[] matrixToQuaternion(double[] m) {
        double[] r = m.clone();
        double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6])
                + r[2] * (r[3] * r[7] - r[4] * r[6]);
        double qfac = 1;
        if (det < 0) {
            qfac = -1;
            r[2] = -r[2];
            r[5] = -r[5];
            r[8] = -r[8];
        }
        double r11 = r[0], r12 = r[1], r13 = r[2];
        double r21 = r[3], r22 = r[4], r23 = r[5];
        double r31 = r[6], r32 = r[7], r33 = r[8];
        double a = r11 + r22 + r33 + 1.0;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r32 - r23) / a;
            c = 0.25 * (r13 - r31) / a;
            d = 0.25 * (r21 - r12) / a;
        } else {
            double xd = 1.0 + r11 - (r22 + r33);
            double yd = 1.0 + r22 - (r11 + r33);
            double zd = 1.0 + r33 - (r11 + r22);
            if (xd > 1.0) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r12 + r21) / b;
                d = 0.25 * (r13 + r31) / b;
                a = 0.25 * (r32 - r23) / b;
            } else if (yd > 1.0) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r12 + r21) / c;
                d = 0.25 * (r23 + r32) / c;
                a = 0.25 * (r13 - r31) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r13 + r31) / d;
                c = 0.25 * (r23 + r32) / d;
                a = 0.25 * (r21 - r12) / d;
            }
            if (a < 0.0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new double[] {b, c, d, qfac};
    }

    /** Writes a single-file NIfTI-1 ({@code .nii.gz} compressed by name) with qform and sform (code 1). */
    public static void write(Volume v, Path file) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, HEADER_SIZE);
        h.put(38, (byte) 'r'); // regular
        h.putShort(40, (short) (v.nz() > 1 ? 3 : 2));
        h.putShort(42, (short) v.nx());
        h.putShort(44, (short) v.ny());
        h.putShort(46, (short) v.nz());
        for (int i = 4; i <= 7; i++) {
            h.putShort(40 + 2 * i, (short) 1);
        }
        if (v.nx() > Short.MAX_VALUE || v.ny() > Short.MAX_VALUE || v.nz() > Short.MAX_VALUE) {
            throw new UserInputException(file + ": NIfTI-1 cannot store a dimension over 32767 voxels");
        }
        PixelType t = v.pixelType();
        int datatype = switch (t) {
            case UINT8 -> 2;
            case INT16 -> 4;
            case INT32 -> 8;
            case FLOAT32 -> 16;
            case FLOAT64 -> 64;
            case INT8 -> 256;
            case UINT16 -> 512;
            case UINT32 -> 768;
            case INT64 -> 1024;
            case UINT64 -> 1280;
        };
        h.putShort(70, (short) datatype);
        h.putShort(72, (short) (t.bytes() * 8));
        double[] sp = v.spacing();
        double[] dirLps = v.direction();
        double[] rot = dirLps.clone(); // to RAS
        for (int c = 0; c < 3; c++) {
            rot[c] = -rot[c];
            rot[3 + c] = -rot[3 + c];
        }
        double[] q = matrixToQuaternion(rot);
        h.putFloat(76, (float) q[3]);
        for (int i = 0; i < 3; i++) {
            h.putFloat(80 + 4 * i, (float) sp[i]);
        }
        h.putFloat(108, 352f);
        h.putFloat(112, 1f);
        h.putFloat(116, 0f);
        h.put(123, (byte) (2 | 8)); // mm, s
        double[] mm = v.minMax();
        if (Double.isFinite(mm[0])) {
            h.putFloat(124, (float) mm[1]);
            h.putFloat(128, (float) mm[0]);
        }
        byte[] desc = v.description().getBytes(StandardCharsets.ISO_8859_1);
        h.position(148);
        h.put(desc, 0, Math.min(desc.length, 79));
        h.putShort(252, (short) XFORM_SCANNER_ANAT);
        h.putShort(254, (short) XFORM_SCANNER_ANAT);
        double[] o = v.origin();
        double[] oRas = {-o[0], -o[1], o[2]};
        for (int i = 0; i < 3; i++) {
            h.putFloat(256 + 4 * i, (float) q[i]);
            h.putFloat(268 + 4 * i, (float) oRas[i]);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                h.putFloat(280 + 16 * r + 4 * c, (float) (rot[r * 3 + c] * sp[c]));
            }
            h.putFloat(280 + 16 * r + 12, (float) oRas[r]);
        }
        h.position(344);
        h.put("n+1\0".getBytes(StandardCharsets.US_ASCII));
        // 4 zero bytes of extension flag at 348..351
        boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                OutputStream out = gz ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            out.write(h.array());
            writeVoxels(out, v.data(), t, ByteOrder.LITTLE_ENDIAN);
        }
    }

    static void writeVoxels(OutputStream out, double[] data, PixelType t, ByteOrder order) throws IOException {
        int per = t.bytes();
        ByteBuffer b = ByteBuffer.allocate(Math.max(per, (1 << 16) / per * per)).order(order);
        for (double x : data) {
            if (b.remaining() < per) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            t.write(b, x);
        }
        out.write(b.array(), 0, b.position());
    }
}
