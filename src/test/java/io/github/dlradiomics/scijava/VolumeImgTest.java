package io.github.dlradiomics.scijava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.DoubleArray;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.view.Views;
import org.junit.jupiter.api.Test;

/** Volume to ImgLib2 and back: views share the voxels, everything else is copied x-fastest. */
class VolumeImgTest {
    private static Volume ramp(int nx, int ny, int nz) {
        Volume v = new Volume(nx, ny, nz, PixelType.INT16);
        for (int i = 0; i < v.size(); i++) {
            v.data()[i] = i * 3 - 7;
        }
        return v.setSpacing(0.6, 0.7, 3.5);
    }

    @Test
    void wrapIsAViewInBothDirections() {
        Volume v = ramp(5, 4, 3);
        ArrayImg<DoubleType, DoubleArray> img = VolumeImg.wrap(v);
        assertArrayEquals(new long[] {5, 4, 3}, img.dimensionsAsLongArray());
        assertSame(v.data(), img.update(null).getCurrentStorageArray());
        RandomAccess<DoubleType> ra = img.randomAccess();
        ra.setPosition(new long[] {4, 2, 1});
        assertEquals(v.get(4, 2, 1), ra.get().get());
        ra.get().set(1234.5);
        assertEquals(1234.5, v.get(4, 2, 1));
        v.set(0, 3, 2, -99);
        ra.setPosition(new long[] {0, 3, 2});
        assertEquals(-99, ra.get().get());
    }

    @Test
    void twoDimensionalVolumeStaysThreeDimensional() {
        Volume v = ramp(6, 5, 1);
        ArrayImg<DoubleType, DoubleArray> img = VolumeImg.wrap(v);
        assertEquals(3, img.numDimensions());
        assertArrayEquals(new long[] {6, 5, 1}, img.dimensionsAsLongArray());
        RandomAccessibleInterval<DoubleType> plane = Views.hyperSlice(img, 2, 0);
        RandomAccess<DoubleType> ra = plane.randomAccess();
        ra.setPosition(new long[] {5, 4});
        assertEquals(v.get(5, 4, 0), ra.get().get());
    }

    @Test
    void fromImgOfDoubleArrayImgWrapsWithoutCopying() {
        Volume v = ramp(5, 4, 3);
        ArrayImg<DoubleType, DoubleArray> img = VolumeImg.wrap(v);
        Volume back = VolumeImg.fromImg(img, new double[] {0.6, 0.7, 3.5});
        assertSame(v.data(), back.data());
        assertArrayEquals(new double[] {0.6, 0.7, 3.5}, back.spacing());
        assertEquals(PixelType.FLOAT64, back.pixelType());
        // a write through the view is visible in the new Volume, and the reverse
        RandomAccess<DoubleType> ra = img.randomAccess();
        ra.setPosition(new long[] {1, 2, 2});
        ra.get().set(42.25);
        assertEquals(42.25, back.get(1, 2, 2));
        back.set(3, 0, 0, 7.5);
        ra.setPosition(new long[] {3, 0, 0});
        assertEquals(7.5, ra.get().get());

        // a double ArrayImg made by ImgLib2 itself is shared too
        double[] own = new double[24];
        Volume w = VolumeImg.fromImg(ArrayImgs.doubles(own, 4, 3, 2), null);
        assertSame(own, w.data());
        assertArrayEquals(new double[] {1, 1, 1}, w.spacing());

        // inside a wrapper (ImageJ2's ImgPlus and Dataset are WrappedImgs) it is still shared
        Volume x = VolumeImg.fromImg(new Wrapper(img), v.spacing());
        assertSame(v.data(), x.data());
    }

    /** The smallest WrappedImg: what an ImgPlus is to ImgLib2, without the metadata. */
    static final class Wrapper extends net.imglib2.img.ImgView<DoubleType> implements net.imglib2.img.WrappedImg<DoubleType> {
        private final net.imglib2.img.Img<DoubleType> img;

        @SuppressWarnings("deprecation") // ImgView's constructor; a full Img delegate would be 60 lines
        Wrapper(net.imglib2.img.Img<DoubleType> img) {
            super(img, img.factory());
            this.img = img;
        }

        @Override
        public net.imglib2.img.Img<DoubleType> getImg() {
            return img;
        }
    }

    @Test
    void fromImgCopiesOtherTypesAndLayouts() {
        Volume v = ramp(5, 4, 3);
        ArrayImg<UnsignedShortType, ?> shorts = ArrayImgs.unsignedShorts(5, 4, 3);
        var c = shorts.localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            c.get().set(c.getIntPosition(0) + 10 * c.getIntPosition(1) + 100 * c.getIntPosition(2));
        }
        Volume u = VolumeImg.fromImg(shorts, new double[] {1, 2, 3});
        assertEquals(PixelType.UINT16, u.pixelType());
        assertEquals(234, u.get(4, 3, 2));
        assertEquals(12, u.get(2, 1, 0));
        c.reset();
        c.next().set(999); // the copy does not follow the image
        assertEquals(0, u.get(0, 0, 0));

        // a planar image (ImageJ1's layout) and an offset view are copied in x-fastest order
        var planar = PlanarImgs.doubles(5, 4, 3);
        var pc = planar.localizingCursor();
        while (pc.hasNext()) {
            pc.fwd();
            pc.get().set(v.get(pc.getIntPosition(0), pc.getIntPosition(1), pc.getIntPosition(2)));
        }
        Volume p = VolumeImg.fromImg(planar, v.spacing());
        assertArrayEquals(v.data(), p.data());
        assertNotSame(v.data(), p.data());

        RandomAccessibleInterval<DoubleType> crop = Views.interval(VolumeImg.wrap(v), new long[] {1, 1, 1},
                new long[] {3, 2, 2});
        Volume q = VolumeImg.fromImg(crop, v.spacing());
        assertArrayEquals(new int[] {3, 2, 2}, q.dims());
        assertEquals(v.get(1, 1, 1), q.get(0, 0, 0));
        assertEquals(v.get(3, 2, 2), q.get(2, 1, 1));
        assertEquals(v.get(2, 2, 1), q.get(1, 1, 0));
    }

    @Test
    void dimensionsAndSpacingRules() {
        Volume flat = VolumeImg.fromImg(ArrayImgs.unsignedBytes(7, 6), new double[] {0.5, 0.25});
        assertArrayEquals(new int[] {7, 6, 1}, flat.dims());
        assertArrayEquals(new double[] {0.5, 0.25, 1}, flat.spacing());
        assertEquals(PixelType.UINT8, flat.pixelType());

        Volume fourD = VolumeImg.fromImg(ArrayImgs.floats(3, 2, 2, 1), null);
        assertArrayEquals(new int[] {3, 2, 2}, fourD.dims());
        UserInputException e = assertThrows(UserInputException.class,
                () -> VolumeImg.fromImg(ArrayImgs.floats(3, 2, 2, 2), null));
        assertTrue(e.getMessage().contains("dimension 3 has size 2"), e.getMessage());
        assertThrows(UserInputException.class, () -> VolumeImg.fromImg(ArrayImgs.floats(3), null));
        assertThrows(UserInputException.class, () -> VolumeImg.spacing(1.0));
        assertThrows(UserInputException.class, () -> VolumeImg.spacing(1, 0, 1));
        assertThrows(UserInputException.class, () -> VolumeImg.spacing(1, 1, Double.NaN));
    }

    @Test
    void fromImgWithReferenceGeometry() {
        Volume v = ramp(5, 4, 3).setOrigin(10, -20, 30).setDirection(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0});
        Volume back = VolumeImg.fromImgLike(VolumeImg.wrap(v.copy()), v);
        assertTrue(back.sameGeometry(v, 0));
        assertArrayEquals(v.data(), back.data());
        assertThrows(UserInputException.class, () -> VolumeImg.fromImgLike(ArrayImgs.doubles(5, 4, 2), v));
    }
}
