package io.github.dlradiomics.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every writer, every pixel type: write, read back, identical voxels and geometry. */
class WritersRoundTripTest {
    @TempDir
    Path tmp;

    static Volume sample(PixelType t) {
        int nx = 7;
        int ny = 5;
        int nz = 3;
        SplittableRandom r = new SplittableRandom(t.ordinal() + 11);
        double[] d = new double[nx * ny * nz];
        for (int i = 0; i < d.length; i++) {
            d[i] = switch (t) {
                case FLOAT32 -> (float) (r.nextDouble() * 2000 - 1000);
                case FLOAT64 -> r.nextDouble() * 2e6 - 1e6;
                case INT64 -> r.nextLong(-(1L << 52), 1L << 52);
                case UINT64 -> r.nextLong(0, 1L << 53);
                default -> Math.rint(t.min() + r.nextDouble() * (t.max() - t.min()));
            };
        }
        d[0] = t.min() > -1e30 ? t.min() : -1e30; // extremes survive
        d[1] = t.isFloating() ? 1e30 : Math.min(t.max(), 9007199254740992.0);
        if (t == PixelType.FLOAT32) {
            d[0] = (float) d[0];
            d[1] = (float) d[1];
        }
        Volume v = new Volume(nx, ny, nz, d, t);
        v.setSpacing(0.6, 0.6, 3.5);
        v.setOrigin(-12.25, 30.5, -800.75);
        // a rotation about z by 30 degrees plus an axis flip (det -1)
        double c = Math.cos(Math.PI / 6);
        double s = Math.sin(Math.PI / 6);
        v.setDirection(new double[] {c, -s, 0, s, c, 0, 0, 0, -1});
        v.setDescription("round trip " + t.label());
        return v;
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void niftiRoundTrip(PixelType t) throws Exception {
        for (String name : new String[] {"a.nii", "a.nii.gz"}) {
            Volume v = sample(t);
            Path f = tmp.resolve(t + name);
            Volumes.write(v, f);
            Volume back = Volumes.read(f);
            assertEquals(t, back.pixelType());
            assertArrayEquals(v.data(), back.data(), 0, name);
            // NIfTI-1 stores geometry as float32
            assertTrue(back.sameGeometry(v, 1e-4), back.describeGeometry() + " vs " + v.describeGeometry());
            assertEquals(v.description(), back.description());
        }
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void nrrdRoundTrip(PixelType t) throws Exception {
        for (boolean gz : new boolean[] {true, false}) {
            Volume v = sample(t);
            Path f = tmp.resolve(t + (gz ? "gz" : "raw") + ".nrrd");
            NrrdIO.write(v, f, gz);
            Volume back = NrrdIO.read(f);
            assertEquals(t, back.pixelType());
            assertArrayEquals(v.data(), back.data(), 0);
            assertTrue(back.sameGeometry(v, 1e-12), back.describeGeometry() + " vs " + v.describeGeometry());
            assertEquals(v.description(), back.description());
            assertEquals(v.sha1(), back.sha1());
        }
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void imagePlusRoundTrip(PixelType t) {
        Volume v = sample(t);
        if (t == PixelType.INT32 || t == PixelType.UINT32 || t == PixelType.INT64 || t == PixelType.UINT64
                || t == PixelType.FLOAT64) {
            // ImageJ holds these as 32-bit float: only values a float holds exactly survive (|v| <= 2^24)
            double[] d = v.data();
            double lo = Math.max(t.min(), -(1 << 24));
            for (int i = 0; i < d.length; i++) {
                d[i] = t.isFloating() ? (float) d[i] : lo + Math.floorMod((long) d[i], 1L << 24);
            }
        }
        Volume back = ImagePlusConverter.toVolume(ImagePlusConverter.toImagePlus(v, "x"));
        assertArrayEquals(v.data(), back.data(), 0);
        assertTrue(back.sameGeometry(v, 1e-12), back.describeGeometry() + " vs " + v.describeGeometry());
        assertEquals(t, back.pixelType());
    }
}
