package io.github.dlradiomics.scijava;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import net.imglib2.Cursor;
import net.imglib2.Dimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.WrappedImg;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.DoubleArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.LongType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedLongType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * A {@link Volume} seen as an ImgLib2 image and back, without copying the voxels where the layouts
 * agree. A Volume stores doubles x-fastest, which is exactly the layout of a 3D
 * {@code ArrayImg<DoubleType, DoubleArray>} of dimensions (nx, ny, nz), so {@link #wrap} is a view:
 * writes through it change the Volume and the reverse. A 2D Volume (nz = 1) stays a 3D image with a
 * third dimension of size 1 (radiomics treats every image as 3D; {@code Views.hyperSlice(img, 2, 0)}
 * gives the 2D plane, still without copying).
 *
 * <p>ImgLib2 images carry no calibration in imglib2 core (ImageJ2 keeps it in an {@code ImgPlus}'s
 * axes), so the voxel spacing travels separately: {@link #fromImg(RandomAccessibleInterval, double[])}
 * takes it, {@link #fromImgLike(RandomAccessibleInterval, Volume)} copies the whole geometry (spacing,
 * origin, direction) of a reference Volume, and {@link #spacing(double...)} normalises 2- or 3-element
 * spacings.
 *
 * <pre>ArrayImg&lt;DoubleType, DoubleArray&gt; img = VolumeImg.wrap(Volumes.read(Path.of("ct.nii.gz")));
 * Volume back = VolumeImg.fromImg(img, new double[] {0.8, 0.8, 1.0}); // the same double[], no copy</pre>
 */
public final class VolumeImg {
    private VolumeImg() {
    }

    /**
     * The Volume's voxels as a 3D image (nx, ny, nz), sharing {@code v.data()}: no copy. A 2D Volume gives
     * dimensions (nx, ny, 1). Calibration is not part of the image: read it from {@code v.spacing()}.
     */
    public static ArrayImg<DoubleType, DoubleArray> wrap(Volume v) {
        return ArrayImgs.doubles(v.data(), v.nx(), v.ny(), v.nz());
    }

    /**
     * A Volume of {@code img} with voxel spacing {@code spacing} (mm; 3 values, or 2 for a 2D image, whose
     * slice thickness is then 1; null means 1, 1, 1), zero origin and identity direction. Dimensions 0, 1,
     * 2 of the image are x, y, z; a 2D image gives nz = 1; further dimensions must have size 1. When
     * {@code img} is an {@code ArrayImg} of {@link DoubleType} (what {@link #wrap} returns) the Volume
     * shares its array (no copy: writes through either are visible in both); any other image (another
     * pixel type, a cell or planar image, a view) is copied in x-fastest order over its interval, and the
     * Volume remembers the pixel type for writers and diagnostics.
     */
    public static Volume fromImg(RandomAccessibleInterval<? extends RealType<?>> img, double[] spacing) {
        int[] dims = dims(img);
        long n = (long) dims[0] * dims[1] * dims[2];
        Volume v;
        double[] shared = sharedArray(img, n);
        if (shared != null) {
            v = new Volume(dims[0], dims[1], dims[2], shared, PixelType.FLOAT64);
        } else {
            v = new Volume(dims[0], dims[1], dims[2], pixelType(img.getType()));
            double[] data = v.data();
            int i = 0;
            // flatIterable visits the interval x-fastest whatever the image's own iteration order
            Cursor<? extends RealType<?>> c = Views.flatIterable(img).cursor();
            while (c.hasNext()) {
                data[i++] = c.next().getRealDouble();
            }
        }
        return v.setSpacing(spacing(spacing));
    }

    /**
     * As {@link #fromImg(RandomAccessibleInterval, double[])}, with the spacing, origin and direction of
     * {@code geometry} (typically the Volume a script wrapped, filtered, and wants back in place); the
     * dimensions must agree.
     */
    public static Volume fromImgLike(RandomAccessibleInterval<? extends RealType<?>> img, Volume geometry) {
        Volume v = fromImg(img, geometry.spacing());
        if (v.nx() != geometry.nx() || v.ny() != geometry.ny() || v.nz() != geometry.nz()) {
            throw new UserInputException("image of " + v.nx() + "x" + v.ny() + "x" + v.nz() + " voxels does not match"
                    + " the reference grid of " + geometry.nx() + "x" + geometry.ny() + "x" + geometry.nz());
        }
        return v.copyGeometryFrom(geometry);
    }

    /**
     * Voxel spacing as 3 values: null or empty gives {1, 1, 1}, 2 values get a slice thickness of 1, 3 are
     * kept; each must be positive and finite.
     */
    public static double[] spacing(double... s) {
        if (s == null || s.length == 0) {
            return new double[] {1, 1, 1};
        }
        if (s.length > 3) {
            throw new UserInputException("spacing needs 2 or 3 values (x, y[, z] in mm), got " + s.length);
        }
        double[] out = {1, 1, 1};
        if (s.length == 1) {
            throw new UserInputException("spacing needs 2 or 3 values (x, y[, z] in mm), got 1");
        }
        System.arraycopy(s, 0, out, 0, s.length);
        for (double d : out) {
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new UserInputException("spacing must be positive and finite: " + java.util.Arrays.toString(s));
            }
        }
        return out;
    }

    /** The pixel type a Volume records for an ImgLib2 type (FLOAT64 for types without a file equivalent). */
    static PixelType pixelType(Object t) {
        if (t instanceof UnsignedByteType) {
            return PixelType.UINT8;
        } else if (t instanceof ByteType) {
            return PixelType.INT8;
        } else if (t instanceof UnsignedShortType) {
            return PixelType.UINT16;
        } else if (t instanceof ShortType) {
            return PixelType.INT16;
        } else if (t instanceof UnsignedIntType) {
            return PixelType.UINT32;
        } else if (t instanceof IntType) {
            return PixelType.INT32;
        } else if (t instanceof UnsignedLongType) {
            return PixelType.UINT64;
        } else if (t instanceof LongType) {
            return PixelType.INT64;
        } else if (t instanceof FloatType) {
            return PixelType.FLOAT32;
        }
        return PixelType.FLOAT64;
    }

    /** nx, ny, nz of the image: 2 or more dimensions, those after the third of size 1. */
    private static int[] dims(RandomAccessibleInterval<?> img) {
        int nd = img.numDimensions();
        if (nd < 2) {
            throw new UserInputException("a " + nd + "D image cannot be a Volume (2D or 3D needed)");
        }
        for (int d = 3; d < nd; d++) {
            if (img.dimension(d) != 1) {
                throw new UserInputException("image has " + nd + " dimensions and dimension " + d + " has size "
                        + img.dimension(d) + "; a Volume is x, y, z (split channels or time points first)");
            }
        }
        long nx = img.dimension(0);
        long ny = img.dimension(1);
        long nz = nd > 2 ? img.dimension(2) : 1;
        if (nx > Integer.MAX_VALUE || ny > Integer.MAX_VALUE || nz > Integer.MAX_VALUE) {
            throw new UserInputException("image of " + nx + "x" + ny + "x" + nz + " voxels is too large");
        }
        return new int[] {(int) nx, (int) ny, (int) nz};
    }

    /**
     * The image's own double[] when it is a DoubleType ArrayImg holding exactly n voxels, itself or inside
     * wrappers ({@code WrappedImg}: ImageJ2's ImgPlus and Dataset) of the same dimensions; otherwise null.
     */
    private static double[] sharedArray(RandomAccessibleInterval<?> img, long n) {
        RandomAccessibleInterval<?> inner = img;
        while (inner instanceof WrappedImg<?> w && w.getImg() != null && w.getImg() != inner
                && Intervals.equalDimensions((Dimensions) w.getImg(), (Dimensions) img)) {
            inner = w.getImg();
        }
        if (inner instanceof ArrayImg<?, ?> a && a.getType() instanceof DoubleType
                && a.update(null) instanceof ArrayDataAccess<?> access
                && access.getCurrentStorageArray() instanceof double[] array && array.length == n) {
            return array;
        }
        return null;
    }
}
