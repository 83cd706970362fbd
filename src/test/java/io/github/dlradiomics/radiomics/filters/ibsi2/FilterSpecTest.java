package io.github.dlradiomics.radiomics.filters.ibsi2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SPEC grammar, bad input, and numerical building blocks (FFT, boundaries, rotations, wavelet tables). */
class FilterSpecTest {

    private static String error(String spec) {
        return assertThrows(UserInputException.class, () -> FilterSpec.parse(spec)).getMessage();
    }

    private static Volume noise(int nx, int ny, int nz, long seed) {
        Random r = new Random(seed);
        Volume v = new Volume(nx, ny, nz, PixelType.FLOAT64);
        for (int i = 0; i < v.size(); i++) {
            v.data()[i] = r.nextGaussian();
        }
        return v.setSpacing(2, 2, 2);
    }

    @Test
    void parsesEveryExampleOfTheBrief() {
        for (String s : new String[] {"log:sigma=3mm,boundary=mirror", "laws:kernel=L5E5E5,energy=7,rot=max,boundary=mirror",
                "gabor:sigma=10mm,lambda=4mm,gamma=0.5,theta=pi/3,rot=avg,boundary=mirror,2d",
                "wavelet:family=db3,level=1,band=LHL,rot=avg,boundary=periodic", "simoncelli:level=2",
                "mean:size=5,boundary=periodic"}) {
            FilterSpec f = FilterSpec.parse(s);
            assertEquals(s.substring(0, s.indexOf(':')), f.name());
            // the canonical form parses to the same canonical form
            assertEquals(f.toString(), FilterSpec.parse(f.toString()).toString());
        }
        assertEquals("simoncelli:level=2,boundary=periodic", FilterSpec.parse("simoncelli:level=2").toString());
        assertEquals("mean:size=3,boundary=mirror,2d", FilterSpec.parse(" MEAN : size=3 , 2d ").toString());
    }

    @Test
    void anglesAndLengths() {
        assertEquals(Math.PI / 3, FilterSpec.angle("theta", "pi/3"), 1e-15);
        assertEquals(5 * Math.PI / 4, FilterSpec.angle("theta", "5pi/4"), 1e-15);
        assertEquals(5 * Math.PI / 4, FilterSpec.angle("theta", "5*pi/4"), 1e-15);
        assertEquals(-Math.PI / 4, FilterSpec.angle("theta", "-pi/4"), 1e-15);
        assertEquals(Math.PI / 3, FilterSpec.angle("theta", "60deg"), 1e-15);
        assertEquals(1.5, FilterSpec.angle("theta", "1.5"), 1e-15);
        assertTrue(error("gabor:sigma=1,lambda=1,theta=north").contains("not an angle"));
        // sigma in voxels equals sigma in mm times the spacing
        Volume v = noise(16, 16, 16, 1);
        double[] a = FilterSpec.parse("log:sigma=3mm").apply(v).data();
        double[] b = FilterSpec.parse("log:sigma=1.5vox").apply(v).data();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-12);
        }
    }

    @Test
    void unknownNamesListValidChoices() {
        String m = error("sobel:size=3");
        assertTrue(m.contains("unknown filter 'sobel'") && m.contains("mean, log, laws, gabor, wavelet, simoncelli"), m);
        m = error("log:sigma=3,radius=2");
        assertTrue(m.contains("unknown key 'radius'") && m.contains("sigma, truncate, riesz, boundary"), m);
        m = error("log:sigma=3,boundary=bounce");
        assertTrue(m.contains("zero") && m.contains("nearest") && m.contains("periodic") && m.contains("mirror"), m);
        m = error("log:sigma=3,boundary=reflect");
        assertTrue(m.contains("ambiguous") && m.contains("mirror"), m);
        m = error("wavelet:family=db99,band=LLH");
        assertTrue(m.contains("unknown wavelet family 'db99'") && m.contains("coif1") && m.contains("haar"), m);
        m = error("laws:kernel=L5X5");
        assertTrue(m.contains("unknown Laws kernel 'X5'") && m.contains("W5"), m);
        m = error("laws:kernel=L5E5,rot=sometimes");
        assertTrue(m.contains("none, max, avg"), m);
        m = error("gabor:sigma=2,lambda=2,planes=oblique");
        assertTrue(m.contains("axial") && m.contains("orthogonal"), m);
        m = error("mean:size=3,fast");
        assertTrue(m.contains("2d, 3d"), m);
        assertTrue(error("").contains("valid filters"));
    }

    @Test
    void badValues() {
        assertTrue(error("log:sigma=0").contains("sigma must be > 0"));
        assertTrue(error("log:sigma=-2mm").contains("sigma must be > 0"));
        assertTrue(error("log:sigma=abc").contains("not a length"));
        assertTrue(error("log:truncate=4").contains("needs sigma"));
        assertTrue(error("gabor:sigma=0mm,lambda=4").contains("sigma must be > 0"));
        assertTrue(error("gabor:sigma=2,lambda=4,gamma=0").contains("gamma must be > 0"));
        assertTrue(error("mean:size=4").contains("odd"));
        assertTrue(error("mean:size=0").contains(">= 1"));
        assertTrue(error("mean").contains("size is required"));
        assertTrue(error("wavelet:family=db2,band=LHL,level=0").contains(">= 1"));
        assertTrue(error("wavelet:family=db2,band=LXL").contains("L/H"));
        assertTrue(error("wavelet:family=db2,band=LH,3d").contains("3d"));
        assertTrue(error("laws:kernel=E5L5S5,2d").contains("components"));
        assertTrue(error("laws:kernel=E5L5,energy=-1").contains(">= 0"));
        assertTrue(error("log:sigma=3,riesz=10").contains("3 digits"));
        assertTrue(error("log:sigma=3,riesz=000").contains("all zeros"));
        assertTrue(error("gabor:sigma=2,lambda=2,3d").contains("planes=orthogonal"));
        assertTrue(error("log:sigma=3,sigma=4").contains("twice"));
    }

    @Test
    void levelTooDeepForTheImage() {
        Volume v = noise(16, 16, 8, 2);
        String m = assertThrows(UserInputException.class,
                () -> FilterSpec.parse("wavelet:family=db2,band=HHH,level=4").apply(v)).getMessage();
        assertTrue(m.contains("too deep") && m.contains("valid levels: 1..2"), m);
        m = assertThrows(UserInputException.class, () -> FilterSpec.parse("simoncelli:level=3").apply(v)).getMessage();
        assertTrue(m.contains("too deep") && m.contains("valid levels: 1..2"), m);
        FilterSpec.parse("wavelet:family=db2,band=HHH,level=2").apply(v);
        FilterSpec.parse("simoncelli:level=2").apply(v);
        // a single-slice image needs a 2D filter
        Volume flat = noise(16, 16, 1, 3);
        m = assertThrows(UserInputException.class, () -> FilterSpec.parse("mean:size=3").apply(flat)).getMessage();
        assertTrue(m.contains("2d"), m);
        assertEquals(16 * 16, FilterSpec.parse("mean:size=3,2d").apply(flat).size());
    }

    @Test
    void responseKeepsGeometryAndIsFloat64() {
        Volume v = noise(9, 7, 5, 4);
        v.setOrigin(1, 2, 3);
        Volume r = FilterSpec.parse("laws:kernel=L3E3S3,rot=avg,energy=1").apply(v);
        assertEquals(PixelType.FLOAT64, r.pixelType());
        assertTrue(r.sameGeometry(v, 0));
    }

    @Test
    void boundaryConditions() {
        int n = 4;
        // mirror is symmetric: ... b a | a b c d | d c ...
        int[] mirror = new int[10];
        for (int i = -3; i < 7; i++) {
            mirror[i + 3] = Boundary.MIRROR.map(i, n);
        }
        assertArrayEquals(new int[] {2, 1, 0, 0, 1, 2, 3, 3, 2, 1}, mirror);
        assertEquals(3, Boundary.PERIODIC.map(-1, n));
        assertEquals(0, Boundary.PERIODIC.map(4, n));
        assertEquals(0, Boundary.NEAREST.map(-5, n));
        assertEquals(-1, Boundary.ZERO.map(4, n));
        // mirror with more than one period
        assertEquals(3, Boundary.MIRROR.map(-5, n));
    }

    private static void assertArrayEquals(int[] a, int[] b) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    }

    @Test
    void fftMatchesDirectDftForAnyLength() {
        Random r = new Random(5);
        for (int n : new int[] {1, 2, 3, 5, 8, 12, 60, 64, 201, 204}) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = r.nextGaussian();
                im[i] = r.nextGaussian();
            }
            double[] fr = re.clone();
            double[] fi = im.clone();
            Fft.of(n).transform(fr, fi, false);
            for (int k = 0; k < n; k++) {
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    double a = -2 * Math.PI * ((long) j * k % n) / n;
                    sr += re[j] * Math.cos(a) - im[j] * Math.sin(a);
                    si += re[j] * Math.sin(a) + im[j] * Math.cos(a);
                }
                assertEquals(sr, fr[k], 1e-9 * n);
                assertEquals(si, fi[k], 1e-9 * n);
            }
            Fft.of(n).transform(fr, fi, true);
            for (int i = 0; i < n; i++) {
                assertEquals(re[i], fr[i], 1e-12 * n);
                assertEquals(im[i], fi[i], 1e-12 * n);
            }
        }
    }

    @Test
    void rotationsAreTheProperOnes() {
        assertEquals(4, Grid.rotations(2).length);
        assertEquals(24, Grid.rotations(3).length);
    }

    @Test
    void waveletTablesAreOrthonormal() {
        for (String fam : WaveletFamilies.names().split(", ")) {
            double[] lo = WaveletFamilies.lowPass(fam);
            double[] hi = WaveletFamilies.highPass(fam);
            double sum = 0;
            double hsum = 0;
            for (int i = 0; i < lo.length; i++) {
                sum += lo[i];
                hsum += hi[i];
            }
            assertEquals(Math.sqrt(2), sum, 1e-14, fam);
            assertEquals(0, hsum, 1e-14, fam);
            for (int m = 0; 2 * m < lo.length; m++) {
                double dot = 0;
                for (int k = 0; k + 2 * m < lo.length; k++) {
                    dot += lo[k] * lo[k + 2 * m];
                }
                assertEquals(m == 0 ? 1 : 0, dot, 1e-14, fam + " shift " + m);
            }
        }
    }

    @Test
    void meanOfConstantIsConstantWithMirrorAndNearest() {
        Volume v = new Volume(10, 9, 8, PixelType.FLOAT64);
        java.util.Arrays.fill(v.data(), 7);
        for (String b : new String[] {"mirror", "nearest", "periodic"}) {
            for (double d : FilterSpec.parse("mean:size=5,boundary=" + b).apply(v).data()) {
                assertEquals(7, d, 1e-12);
            }
        }
        // IBSI's LoG kernel is sampled and truncated, so it sums to almost (not exactly) zero: a constant
        // image gives a constant, tiny response
        double[] l = FilterSpec.parse("log:sigma=2mm,boundary=mirror").apply(v).data();
        for (double d : l) {
            assertEquals(l[0], d, 1e-12);
        }
        assertTrue(Math.abs(l[0]) < 0.01 * 7, "LoG of a constant: " + l[0]);
    }
}
