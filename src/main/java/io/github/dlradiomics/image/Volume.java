package io.github.dlradiomics.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A scalar 3D image with its geometry, in ITK's (and PyRadiomics') conventions: voxel (i, j, k) lies at
 * the physical point {@code origin + D * diag(spacing) * (i, j, k)} in LPS millimetres, where D is the
 * 3x3 direction matrix (columns = axis directions). Voxels are stored x-fastest as doubles, which
 * holds every value of the 8-, 16- and 32-bit types and float32/float64 exactly; {@link #pixelType()}
 * remembers the type the file had. A 2D image has {@code nz == 1}.
 *
 * <pre>Volume v = ImageReaders.read(Path.of("ct.nii.gz")); double hu = v.get(10, 20, 5);</pre>
 */
public final class Volume {
    private final int nx;
    private final int ny;
    private final int nz;
    private final double[] data;
    private final double[] spacing;
    private final double[] origin;
    private final double[] direction;
    private PixelType pixelType;
    private String description = "";

    /** A volume of zeros with unit spacing, zero origin and identity direction. */
    public Volume(int nx, int ny, int nz, PixelType type) {
        this(nx, ny, nz, new double[checkedSize(nx, ny, nz)], type);
    }

    /** Wraps {@code data} (x fastest, length nx*ny*nz) without copying. */
    public Volume(int nx, int ny, int nz, double[] data, PixelType type) {
        long n = checkedSize(nx, ny, nz);
        if (data.length != n) {
            throw new IllegalArgumentException("data length " + data.length + " != " + nx + "x" + ny + "x" + nz);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.data = data;
        this.spacing = new double[] {1, 1, 1};
        this.origin = new double[3];
        this.direction = new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        this.pixelType = type;
    }

    private static int checkedSize(int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("image dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        }
        long n = (long) nx * ny * nz;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image of " + n + " voxels is too large (max 2^31)");
        }
        return (int) n;
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    /** Dimensions {nx, ny, nz}. */
    public int[] dims() {
        return new int[] {nx, ny, nz};
    }

    /** Number of voxels. */
    public int size() {
        return data.length;
    }

    /** The voxel array itself (x fastest), not a copy. */
    public double[] data() {
        return data;
    }

    public int index(int x, int y, int z) {
        return x + nx * (y + ny * z);
    }

    public double get(int x, int y, int z) {
        return data[x + nx * (y + ny * z)];
    }

    public void set(int x, int y, int z, double v) {
        data[x + nx * (y + ny * z)] = v;
    }

    /** Voxel spacing in mm {sx, sy, sz} (a copy). */
    public double[] spacing() {
        return spacing.clone();
    }

    /** Physical position of voxel (0,0,0) in LPS mm (a copy). */
    public double[] origin() {
        return origin.clone();
    }

    /** Direction cosines, row-major 3x3; column c is the direction of axis c (a copy). */
    public double[] direction() {
        return direction.clone();
    }

    public PixelType pixelType() {
        return pixelType;
    }

    public Volume setPixelType(PixelType t) {
        this.pixelType = t;
        return this;
    }

    /** Free text carried to writers (NIfTI descrip, NRRD content). */
    public String description() {
        return description;
    }

    public Volume setDescription(String d) {
        this.description = d == null ? "" : d;
        return this;
    }

    public Volume setSpacing(double sx, double sy, double sz) {
        if (!(sx > 0 && sy > 0 && sz > 0) || !Double.isFinite(sx + sy + sz)) {
            throw new IllegalArgumentException("spacing must be positive and finite: " + sx + ", " + sy + ", " + sz);
        }
        spacing[0] = sx;
        spacing[1] = sy;
        spacing[2] = sz;
        return this;
    }

    public Volume setSpacing(double[] s) {
        return setSpacing(s[0], s[1], s[2]);
    }

    public Volume setOrigin(double ox, double oy, double oz) {
        origin[0] = ox;
        origin[1] = oy;
        origin[2] = oz;
        return this;
    }

    public Volume setOrigin(double[] o) {
        return setOrigin(o[0], o[1], o[2]);
    }

    /** Sets the direction matrix (row-major 3x3); it must be orthonormal to within 1e-4. */
    public Volume setDirection(double[] d) {
        if (d.length != 9) {
            throw new IllegalArgumentException("direction needs 9 values");
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = 0;
                for (int r = 0; r < 3; r++) {
                    dot += d[r * 3 + a] * d[r * 3 + b];
                }
                if (Math.abs(dot - (a == b ? 1 : 0)) > 1e-4) {
                    throw new IllegalArgumentException("direction matrix is not orthonormal: " + Arrays.toString(d));
                }
            }
        }
        System.arraycopy(d, 0, direction, 0, 9);
        return this;
    }

    /** Copies spacing, origin and direction from another volume. */
    public Volume copyGeometryFrom(Volume o) {
        System.arraycopy(o.spacing, 0, spacing, 0, 3);
        System.arraycopy(o.origin, 0, origin, 0, 3);
        System.arraycopy(o.direction, 0, direction, 0, 9);
        return this;
    }

    /** Physical LPS position (mm) of a continuous index. */
    public double[] indexToPhysical(double i, double j, double k) {
        double[] idx = {i * spacing[0], j * spacing[1], k * spacing[2]};
        double[] p = new double[3];
        for (int r = 0; r < 3; r++) {
            p[r] = origin[r] + direction[r * 3] * idx[0] + direction[r * 3 + 1] * idx[1] + direction[r * 3 + 2] * idx[2];
        }
        return p;
    }

    /** Continuous index of a physical LPS position (mm). */
    public double[] physicalToIndex(double x, double y, double z) {
        double[] d = {x - origin[0], y - origin[1], z - origin[2]};
        double[] idx = new double[3];
        for (int c = 0; c < 3; c++) {
            // D is orthonormal: its inverse is its transpose.
            idx[c] = (direction[c] * d[0] + direction[3 + c] * d[1] + direction[6 + c] * d[2]) / spacing[c];
        }
        return idx;
    }

    /** A deep copy. */
    public Volume copy() {
        Volume v = new Volume(nx, ny, nz, data.clone(), pixelType);
        v.copyGeometryFrom(this);
        v.description = description;
        return v;
    }

    /** A volume of zeros on the same grid. */
    public Volume blankLike(PixelType type) {
        Volume v = new Volume(nx, ny, nz, type);
        v.copyGeometryFrom(this);
        return v;
    }

    /** {min, max} over all voxels, ignoring NaN ({NaN, NaN} when all are NaN). */
    public double[] minMax() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : data) {
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        return min > max ? new double[] {Double.NaN, Double.NaN} : new double[] {min, max};
    }

    /** True when dimensions agree and spacing, origin and direction agree within {@code tolerance}. */
    public boolean sameGeometry(Volume o, double tolerance) {
        if (nx != o.nx || ny != o.ny || nz != o.nz) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (Math.abs(spacing[i] - o.spacing[i]) > tolerance || Math.abs(origin[i] - o.origin[i]) > tolerance) {
                return false;
            }
        }
        for (int i = 0; i < 9; i++) {
            if (Math.abs(direction[i] - o.direction[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** The voxels encoded as {@link #pixelType()} little-endian, as in memory in SimpleITK. */
    public byte[] voxelBytes() {
        ByteBuffer b = ByteBuffer.allocate(data.length * pixelType.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : data) {
            pixelType.write(b, v);
        }
        return b.array();
    }

    /** SHA-1 (hex) of {@link #voxelBytes()}: PyRadiomics' diagnostics image hash (SimpleITK's Hash). */
    public String sha1() {
        return sha1(pixelType);
    }

    /**
     * SHA-1 (hex) of the voxels encoded as {@code type}, little-endian. PyRadiomics casts masks to uint32
     * before hashing (imageoperations.getMask), so its mask hash is {@code sha1(PixelType.UINT32)}.
     */
    public String sha1(PixelType type) {
        PixelType pixelType = type;
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            int per = pixelType.bytes();
            for (double v : data) {
                if (b.remaining() < per) {
                    md.update(b.array(), 0, b.position());
                    b.clear();
                }
                pixelType.write(b, v);
            }
            md.update(b.array(), 0, b.position());
            StringBuilder sb = new StringBuilder();
            for (byte x : md.digest()) {
                sb.append(String.format(Locale.ROOT, "%02x", x));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One-line geometry, e.g. "122x101x112 voxels, spacing (3, 3, 3) mm, origin (...), direction (...)". */
    public String describeGeometry() {
        return nx + "x" + ny + "x" + nz + " voxels, spacing " + fmt(spacing) + " mm, origin " + fmt(origin)
                + " mm, direction " + fmt(direction);
    }

    static String fmt(double[] a) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(num(a[i]));
        }
        return sb.append(')').toString();
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }

    @Override
    public String toString() {
        return "Volume[" + describeGeometry() + ", " + pixelType.label() + "]";
    }
}
