package io.github.dlradiomics.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Our readers against data and hashes nobody here wrote. */
class ImageReadersTest {

    /**
     * SHA-1 of the decompressed voxel bytes, as PyRadiomics' baselines record them (SimpleITK's Hash); masks
     * are hashed after PyRadiomics' cast to uint32 (imageoperations.getMask).
     */
    @Test
    void pyradiomicsHashesMatchBaselines() throws Exception {
        Path data = TestData.shared("reference/pyradiomics/data");
        assertEquals("5c9ce3ca174f0f8324aa4d277e0fef82dc5ac566", NrrdIO.read(data.resolve("brain1_image.nrrd")).sha1());
        assertEquals("9dc2c3137b31fd872997d92c9a92d5178126d9d3", NrrdIO.read(data.resolve("brain1_label.nrrd")).sha1(PixelType.UINT32));
        assertEquals("016951a8f9e8e5de21092d9d62b77262f92e04a5", NrrdIO.read(data.resolve("breast1_image.nrrd")).sha1());
        assertEquals("c45601d81c387b7c809948af79ebf173738c0b02", NrrdIO.read(data.resolve("breast1_label.nrrd")).sha1(PixelType.UINT32));
    }

    @Test
    void hashesAlsoReadFromBaselineCsv() throws Exception {
        // the same check, taking the expected values from the baseline file itself
        Path csv = TestData.shared("reference/pyradiomics/baseline/baseline_firstorder.csv");
        Map<String, String> img = new TreeMap<>();
        Map<String, String> msk = new TreeMap<>();
        for (String line : java.nio.file.Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (f[0].equals("diagnostics_Image-original_Hash")) {
                img.put("brain1", f[1]);
                img.put("breast1", f[5]);
            } else if (f[0].equals("diagnostics_Mask-original_Hash")) {
                msk.put("brain1", f[1]);
                msk.put("breast1", f[5]);
            }
        }
        Path data = csv.getParent().getParent().resolve("data");
        for (String c : img.keySet()) {
            assertEquals(img.get(c), Volumes.read(data.resolve(c + "_image.nrrd")).sha1(), c + " image");
            assertEquals(msk.get(c), Volumes.read(data.resolve(c + "_label.nrrd")).sha1(PixelType.UINT32), c + " mask");
        }
    }

    /** Geometry against PyRadiomics' diagnostics (SimpleITK's reading): size, spacing, mask centre of mass in mm. */
    @Test
    void geometryMatchesSimpleItkDiagnostics() throws Exception {
        Path data = TestData.shared("reference/pyradiomics/data");
        Volume img = NrrdIO.read(data.resolve("brain1_image.nrrd"));
        Volume mask = NrrdIO.read(data.resolve("brain1_label.nrrd"));
        assertEquals(PixelType.INT16, img.pixelType());
        assertArrayEquals(new int[] {256, 256, 25}, img.dims());
        assertArrayEquals(new double[] {0.7812499999999999, 0.7812499999999999, 6.499999999999998}, img.spacing(), 0);
        double[] mm = img.minMax();
        assertEquals(0, mm[0]);
        assertEquals(3057, mm[1]);
        assertCentreOfMass(mask, new double[] {186.98549673676578, 106.3562968334542, 14.38917089678511},
                new double[] {46.47304432559825, 16.518518098863908, 15.529610829103234});
        Volume bmask = NrrdIO.read(data.resolve("breast1_label.nrrd"));
        assertCentreOfMass(bmask, new double[] {24.58041958041958, 69.27272727272727, 9.132867132867133},
                new double[] {-100.22011741258741, -2.1432681818181933, 28.629020979021007});
    }

    private static void assertCentreOfMass(Volume mask, double[] expectedIndex, double[] expectedMm) {
        double[] c = new double[3];
        long n = 0;
        for (int z = 0; z < mask.nz(); z++) {
            for (int y = 0; y < mask.ny(); y++) {
                for (int x = 0; x < mask.nx(); x++) {
                    if (mask.get(x, y, z) == 1) {
                        c[0] += x;
                        c[1] += y;
                        c[2] += z;
                        n++;
                    }
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            c[i] /= n;
        }
        assertArrayEquals(expectedIndex, c, 1e-9);
        assertArrayEquals(expectedMm, mask.indexToPhysical(c[0], c[1], c[2]), 1e-9);
    }

    @Test
    void ibsiDigitalPhantom() throws Exception {
        Path dir = TestData.shared("reference/ibsi1/digital_phantom/nifti");
        Volume img = NiftiIO.read(dir.resolve("image/phantom.nii.gz"));
        assertArrayEquals(new int[] {5, 4, 4}, img.dims());
        assertArrayEquals(new double[] {2, 2, 2}, img.spacing(), 1e-9);
        TreeSet<Double> levels = new TreeSet<>();
        for (double d : img.data()) {
            levels.add(d);
        }
        assertEquals(new TreeSet<>(java.util.List.of(1.0, 3.0, 4.0, 6.0, 9.0)), levels);
        Volume mask = NiftiIO.read(dir.resolve("mask/mask.nii.gz"));
        assertTrue(mask.sameGeometry(img, 1e-6));
    }

    @Test
    void totalSegmentatorVertebrae() throws Exception {
        Path dir = TestData.shared("imaging/totalsegmentator_ct");
        Volume ct = Volumes.read(dir.resolve("ct.nii.gz"));
        Volume lab = Volumes.read(dir.resolve("vertebrae_labels.nii.gz"));
        assertArrayEquals(new int[] {122, 101, 112}, ct.dims());
        assertArrayEquals(new double[] {3, 3, 3}, ct.spacing(), 1e-6);
        assertTrue(lab.sameGeometry(ct, 1e-4), lab.describeGeometry() + " vs " + ct.describeGeometry());
        double[] mm = ct.minMax();
        assertEquals(-1207, mm[0], 0);
        assertEquals(3382, mm[1], 0);
        int[] counts = new int[256];
        for (double d : lab.data()) {
            counts[(int) d]++;
        }
        // imaging/README.txt: S1 1723, L5 2431, L4 2406, L3 2335, L2 2242, L1 2143, T12 1773, T11 76
        int[][] expected = {{26, 1723}, {27, 2431}, {28, 2406}, {29, 2335}, {30, 2242}, {31, 2143}, {32, 1773}, {33, 76}};
        for (int[] e : expected) {
            assertEquals(e[1], counts[e[0]], "voxels of label " + e[0]);
        }
    }
}
