package io.github.dlradiomics.roi;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import java.util.Locale;

/**
 * The voxel axis that 2D slices are taken across: "slices along axis A" are the planes of constant
 * index A. A slice is a {@code width x height} image with columns along {@link #columnAxis()} and rows
 * along {@link #rowAxis()}; slice pixel (u, v) is voxel
 * <ul>
 * <li>X: (slice, u, v) — columns along y, rows along z;</li>
 * <li>Y: (u, slice, v) — columns along x, rows along z;</li>
 * <li>Z: (u, v, slice) — columns along x, rows along y.</li>
 * </ul>
 * Which anatomical plane an axis gives depends on the direction matrix: for an LPS image whose first
 * axis runs left-right (the usual axial CT), slices along X are sagittal, along Y coronal, along Z axial;
 * {@link #sagittal(Volume)}, {@link #coronal(Volume)} and {@link #axial(Volume)} pick the axis from the
 * direction cosines.
 *
 * <p>ImageJ: the Fiji layer shows a volume as a stack with slices along Z, so for {@code Z} slice index
 * {@code s} is stack position {@code s + 1} and slice pixel (u, v) is ImageJ pixel (x, y) unchanged. For
 * X and Y the Fiji layer reslices first (a stack of {@code count} images of {@code width x height}
 * pixels laid out as above), so ROI coordinates on the resliced stack are the (u, v) used here. The core
 * never reslices an ImagePlus; it only maps indices.
 *
 * <pre>SliceAxis a = SliceAxis.sagittal(mask); int n = a.count(mask); int w = a.width(mask);</pre>
 */
public enum SliceAxis {
    X(0, 1, 2),
    Y(1, 0, 2),
    Z(2, 0, 1);

    private final int normal;
    private final int column;
    private final int row;

    SliceAxis(int normal, int column, int row) {
        this.normal = normal;
        this.column = column;
        this.row = row;
    }

    /** The voxel axis (0, 1, 2) that is constant on a slice. */
    public int axis() {
        return normal;
    }

    /** The voxel axis along a slice's columns (slice coordinate u). */
    public int columnAxis() {
        return column;
    }

    /** The voxel axis along a slice's rows (slice coordinate v). */
    public int rowAxis() {
        return row;
    }

    /** Number of slices of {@code v} along this axis. */
    public int count(Volume v) {
        return v.dims()[normal];
    }

    /** Slice width (number of columns, u range). */
    public int width(Volume v) {
        return v.dims()[column];
    }

    /** Slice height (number of rows, v range). */
    public int height(Volume v) {
        return v.dims()[row];
    }

    /** In-slice pixel size {du, dv} in mm. */
    public double[] pixelSpacing(Volume v) {
        double[] s = v.spacing();
        return new double[] {s[column], s[row]};
    }

    /** Distance between slices in mm. */
    public double sliceSpacing(Volume v) {
        return v.spacing()[normal];
    }

    /** Voxel index {x, y, z} of slice pixel (u, v) on slice {@code slice}. */
    public int[] voxel(int slice, int u, int v) {
        int[] p = new int[3];
        p[normal] = slice;
        p[column] = u;
        p[row] = v;
        return p;
    }

    /** Offset into {@link Volume#data()} of slice pixel (u, v) on slice {@code slice}. */
    public int offset(Volume vol, int slice, int u, int v) {
        int[] p = voxel(slice, u, v);
        return vol.index(p[0], p[1], p[2]);
    }

    /** Throws a clear message when {@code slice} is not a slice of {@code v}. */
    public void checkSlice(Volume v, int slice) {
        if (slice < 0 || slice >= count(v)) {
            throw new UserInputException("slice " + slice + " along " + name() + " is outside the image (0.." + (count(v) - 1)
                    + ")");
        }
    }

    /** Offsets into {@link Volume#data()} of every pixel of slice {@code slice}, u fastest. */
    public int[] offsets(Volume v, int slice) {
        checkSlice(v, slice);
        int w = width(v);
        int h = height(v);
        int[] off = new int[w * h];
        int[] strides = {1, v.nx(), v.nx() * v.ny()};
        int base = slice * strides[normal];
        for (int b = 0; b < h; b++) {
            for (int a = 0; a < w; a++) {
                off[a + w * b] = base + a * strides[column] + b * strides[row];
            }
        }
        return off;
    }

    /** The axis whose direction is closest to left-right (slices along it are sagittal). */
    public static SliceAxis sagittal(Volume v) {
        return closestTo(v, 0);
    }

    /** The axis whose direction is closest to anterior-posterior (slices along it are coronal). */
    public static SliceAxis coronal(Volume v) {
        return closestTo(v, 1);
    }

    /** The axis whose direction is closest to inferior-superior (slices along it are axial). */
    public static SliceAxis axial(Volume v) {
        return closestTo(v, 2);
    }

    private static SliceAxis closestTo(Volume v, int lps) {
        double[] d = v.direction();
        SliceAxis best = X;
        double bestAbs = -1;
        for (SliceAxis a : values()) {
            double c = Math.abs(d[lps * 3 + a.normal]);
            if (c > bestAbs) {
                bestAbs = c;
                best = a;
            }
        }
        return best;
    }

    /** Parses "x", "y", "z" (any case). */
    public static SliceAxis parse(String s) {
        if (s != null) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "x":
                    return X;
                case "y":
                    return Y;
                case "z":
                    return Z;
                default:
                    break;
            }
        }
        throw new UserInputException("slice axis '" + s + "' is not one of x, y, z");
    }
}
