package io.github.dlradiomics.image;

import java.nio.ByteBuffer;

/** The voxel type an image had in its file; {@link Volume} keeps values as doubles but remembers this. */
public enum PixelType {
    INT8(1, true, false), UINT8(1, false, false), INT16(2, true, false), UINT16(2, false, false),
    INT32(4, true, false), UINT32(4, false, false), INT64(8, true, false), UINT64(8, false, false),
    FLOAT32(4, true, true), FLOAT64(8, true, true);

    private final int bytes;
    private final boolean signed;
    private final boolean floating;

    PixelType(int bytes, boolean signed, boolean floating) {
        this.bytes = bytes;
        this.signed = signed;
        this.floating = floating;
    }

    /** Bytes per voxel. */
    public int bytes() {
        return bytes;
    }

    public boolean isSigned() {
        return signed;
    }

    public boolean isFloating() {
        return floating;
    }

    /** Smallest value the type holds (for floats: -Double.MAX_VALUE). */
    public double min() {
        return switch (this) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case UINT8, UINT16, UINT32, UINT64 -> 0;
            case FLOAT32 -> -Float.MAX_VALUE;
            case FLOAT64 -> -Double.MAX_VALUE;
        };
    }

    /** Largest value the type holds. */
    public double max() {
        return switch (this) {
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 255;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 65535;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 4294967295.0;
            case INT64 -> Long.MAX_VALUE;
            case UINT64 -> 18446744073709551615.0;
            case FLOAT32 -> Float.MAX_VALUE;
            case FLOAT64 -> Double.MAX_VALUE;
        };
    }

    /** Reads one voxel of this type at the buffer's position (the buffer's byte order applies). */
    public double read(ByteBuffer b) {
        return switch (this) {
            case INT8 -> b.get();
            case UINT8 -> b.get() & 0xFF;
            case INT16 -> b.getShort();
            case UINT16 -> b.getShort() & 0xFFFF;
            case INT32 -> b.getInt();
            case UINT32 -> b.getInt() & 0xFFFFFFFFL;
            case INT64 -> b.getLong();
            case UINT64 -> unsignedLongToDouble(b.getLong());
            case FLOAT32 -> b.getFloat();
            case FLOAT64 -> b.getDouble();
        };
    }

    /** Writes one voxel of this type (values are rounded and clamped for integer types). */
    public void write(ByteBuffer b, double v) {
        switch (this) {
            case INT8 -> b.put((byte) clampRound(v));
            case UINT8 -> b.put((byte) clampRound(v));
            case INT16 -> b.putShort((short) clampRound(v));
            case UINT16 -> b.putShort((short) clampRound(v));
            case INT32 -> b.putInt((int) clampRound(v));
            case UINT32 -> b.putInt((int) clampRound(v));
            case INT64 -> b.putLong(clampRound(v));
            case UINT64 -> b.putLong(doubleToUnsignedLong(v));
            case FLOAT32 -> b.putFloat((float) v);
            case FLOAT64 -> b.putDouble(v);
        }
    }

    private long clampRound(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        double r = Math.rint(v);
        if (r < min()) {
            r = min();
        }
        if (r > max()) {
            r = max();
        }
        return (long) r;
    }

    private static double unsignedLongToDouble(long v) {
        double d = (double) (v & 0x7FFFFFFFFFFFFFFFL);
        return v < 0 ? d + 9223372036854775808.0 : d;
    }

    private static long doubleToUnsignedLong(double v) {
        if (Double.isNaN(v) || v <= 0) {
            return 0;
        }
        double r = Math.rint(v);
        if (r >= 18446744073709551615.0) {
            return -1L;
        }
        if (r >= 9223372036854775808.0) {
            return ((long) (r - 9223372036854775808.0)) | Long.MIN_VALUE;
        }
        return (long) r;
    }

    /** The smallest type that holds every value exactly (integers when all values are whole). */
    public static PixelType fitting(double min, double max, boolean allIntegers) {
        if (!allIntegers) {
            return FLOAT64;
        }
        for (PixelType t : new PixelType[] {UINT8, INT8, UINT16, INT16, UINT32, INT32}) {
            if (min >= t.min() && max <= t.max()) {
                return t;
            }
        }
        return FLOAT64;
    }

    /** Lower-case name as used in messages and JSON ("int16", "float32"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
