package io.github.dlradiomics.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import io.github.dlradiomics.util.UserInputException;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests {@link DicomSeriesReader} on the IBSI CT phantom (vs its NIfTI), the TotalSegmentator JPEG 2000
 * series (vs its segmentation's grid), bad folders and files, and small synthetic DICOM files written
 * here in every supported encoding.
 */
class DicomSeriesReaderTest {
    private static final Path SHARED = Path.of(System.getProperty("dlrad.shared", "../shared"));
    private static final Path IBSI = SHARED.resolve("reference/ibsi1/ct_phantom");
    private static final Path IBSI_DICOM = IBSI.resolve("dicom/image");
    private static final Path TOTALSEG = SHARED.resolve("imaging/totalsegmentator_ct");
    private static final Path TOTALSEG_DICOM = TOTALSEG.resolve("dicom_series");

    @TempDir
    Path tmp;

    private static void assumeDir(Path p, String what) {
        Assumptions.assumeTrue(Files.isDirectory(p), "skipping " + what + ": reference data " + p + " not found");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Reference data

    @Test
    void ibsiCtPhantomEqualsNifti() throws IOException {
        assumeDir(IBSI_DICOM, "IBSI CT phantom DICOM vs NIfTI");
        Volume d = DicomSeriesReader.read(IBSI_DICOM);
        Volume n = NiftiIO.read(IBSI.resolve("nifti/image/phantom.nii.gz"));
        assertArrayEquals(new int[] {204, 201, 60}, d.dims());
        assertArrayEquals(n.dims(), d.dims());
        assertArrayEquals(n.spacing(), d.spacing(), 1e-4);
        assertArrayEquals(n.origin(), d.origin(), 1e-3);
        assertArrayEquals(n.direction(), d.direction(), 1e-5);
        assertArrayEquals(new double[] {-174.3945, -79.6255, -100.4}, d.origin(), 1e-3);
        // The NIfTI is float32 holding whole numbers: the DICOM voxels equal it exactly.
        double maxDiff = 0;
        for (int i = 0; i < d.size(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(d.data()[i] - n.data()[i]));
        }
        assertEquals(0.0, maxDiff, "max |DICOM - NIfTI|");
        assertArrayEquals(new double[] {-1000, 3065}, d.minMax());
        // 12 bits stored unsigned, intercept -1000: -1000..3095 -> int16, as GDCM/SimpleITK report.
        assertEquals(PixelType.INT16, d.pixelType());
    }

    @Test
    void ibsiReadViaOneFileAndListing() throws IOException {
        assumeDir(IBSI_DICOM, "IBSI CT phantom read via one file");
        Volume v = DicomSeriesReader.read(IBSI_DICOM.resolve("DCM_IMG_00007.dcm"));
        assertArrayEquals(new int[] {204, 201, 60}, v.dims());
        List<DicomSeriesReader.SeriesInfo> list = DicomSeriesReader.listSeries(IBSI_DICOM);
        assertEquals(1, list.size());
        assertEquals(60, list.get(0).fileCount());
        assertEquals("CT", list.get(0).modality());
        assertEquals("1.3.6.1.4.1.9590.100.1.2.296658988911737913102339329841519593982", list.get(0).uid());
    }

    @Test
    void totalSegmentatorJpeg2000SeriesMatchesSegmentationGrid() throws IOException {
        assumeDir(TOTALSEG_DICOM, "TotalSegmentator JPEG 2000 series");
        Assumptions.assumeTrue(DicomJpeg2000.available(), "skipping JPEG 2000 test: no JPEG 2000 ImageIO reader");
        Volume ct = DicomSeriesReader.read(TOTALSEG_DICOM);
        assertArrayEquals(new int[] {512, 512, 20}, ct.dims());
        assertArrayEquals(new double[] {0.9765625, 0.9765625, 2.0}, ct.spacing(), 1e-6);
        assertArrayEquals(new double[] {-249.51171875, -437.51171875, -804.5}, ct.origin(), 1e-4);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, ct.direction(), 1e-9);
        assertEquals(PixelType.INT16, ct.pixelType());
        double[] mm = ct.minMax();
        assertTrue(mm[0] <= -1000 && mm[0] >= -1024, "min HU " + mm[0]);
        assertTrue(mm[1] > 1000 && mm[1] < 3072, "max HU " + mm[1]);

        // The segmentation covers the same voxel centres, but its y axis runs the other way (it was
        // written from a row-flipped array): same dims and spacing, origin = our last row, y negated.
        Volume seg = NiftiIO.read(TOTALSEG.resolve("dicom_series_seg_total.nii.gz"));
        assertArrayEquals(seg.dims(), ct.dims());
        assertArrayEquals(seg.spacing(), ct.spacing(), 1e-5);
        assertArrayEquals(seg.origin(), ct.indexToPhysical(0, ct.ny() - 1, 0), 1e-3);
        double[] flipY = ct.direction();
        for (int r = 0; r < 3; r++) {
            flipY[r * 3 + 1] = -flipY[r * 3 + 1];
        }
        assertArrayEquals(seg.direction(), flipY, 1e-5);

        // Physically aligned: vertebrae (labels 26-50) are bone (mean ~274 HU). Mapping by voxel index
        // instead of by physical position would give ~-290 HU: masks must be matched in physical space.
        double boneSum = 0;
        long bone = 0;
        for (int k = 0; k < seg.nz(); k++) {
            for (int j = 0; j < seg.ny(); j++) {
                for (int i = 0; i < seg.nx(); i++) {
                    int label = (int) seg.get(i, j, k);
                    if (label >= 26 && label <= 50) {
                        double[] p = seg.indexToPhysical(i, j, k);
                        double[] idx = ct.physicalToIndex(p[0], p[1], p[2]);
                        boneSum += ct.get((int) Math.round(idx[0]), (int) Math.round(idx[1]), (int) Math.round(idx[2]));
                        bone++;
                    }
                }
            }
        }
        assertTrue(bone > 1000, "vertebra voxels " + bone);
        assertTrue(boneSum / bone > 200, "mean HU in vertebrae " + boneSum / bone);

        List<DicomSeriesReader.SeriesInfo> list = DicomSeriesReader.listSeries(TOTALSEG_DICOM);
        assertEquals(1, list.size());
        assertEquals(20, list.get(0).fileCount());
        assertEquals("CT Body 3.0", list.get(0).description());
        assertEquals("CT", list.get(0).modality());
    }

    @Test
    void jpeg2000WithoutDecoderGivesClearMessage() {
        assumeDir(TOTALSEG_DICOM, "JPEG 2000 without decoder");
        DicomJpeg2000.disabled = true;
        try {
            UserInputException e = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(TOTALSEG_DICOM));
            assertTrue(e.getMessage().contains("compressed transfer syntax 1.2.840.10008.1.2.4.90 (JPEG 2000 lossless)"
                    + " is not supported without a JPEG 2000 decoder"), e.getMessage());
            assertTrue(e.getMessage().startsWith(TOTALSEG_DICOM.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("Bio-Formats"), e.getMessage());
        } finally {
            DicomJpeg2000.disabled = false;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Bad folders and files

    @Test
    void twoSeriesInOneFolderAreRefusedAndListed() throws IOException {
        assumeDir(IBSI_DICOM, "mixed series");
        assumeDir(TOTALSEG_DICOM, "mixed series");
        Path dir = Files.createDirectory(tmp.resolve("mixed"));
        List<Path> ibsi = files(IBSI_DICOM);
        List<Path> ts = files(TOTALSEG_DICOM);
        for (int i = 0; i < 3; i++) {
            Files.copy(ibsi.get(i), dir.resolve(ibsi.get(i).getFileName()));
            Files.copy(ts.get(i), dir.resolve(ts.get(i).getFileName()));
        }
        // Non-image files are ignored.
        Files.copy(IBSI.resolve("dicom/mask/DCM_RS_00060.dcm"), dir.resolve("rtstruct.dcm"));
        Files.writeString(dir.resolve("notes.txt"), "not DICOM\n");
        Files.createDirectory(dir.resolve("sub"));

        UserInputException e = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(dir));
        assertTrue(e.getMessage().startsWith(dir + ": 2 DICOM series in one folder"), e.getMessage());
        assertTrue(e.getMessage().contains("'CT Body 3.0' 3 files"), e.getMessage());
        assertTrue(e.getMessage().contains("--series"), e.getMessage());

        List<DicomSeriesReader.SeriesInfo> list = DicomSeriesReader.listSeries(dir);
        assertEquals(2, list.size());
        assertEquals(List.of(3, 3), list.stream().map(DicomSeriesReader.SeriesInfo::fileCount).toList());
        String ibsiUid = list.stream().filter(s -> !s.uid().isEmpty()).findFirst().orElseThrow().uid();
        assertTrue(ibsiUid.startsWith("1.3.6.1.4.1.9590"), ibsiUid);

        // Choosing one works, by UID or by naming one of its files.
        Volume v = DicomSeriesReader.read(dir, ibsiUid, null);
        assertArrayEquals(new int[] {204, 201, 3}, v.dims());
        assertEquals(3.0, v.spacing()[2], 1e-4);
        if (DicomJpeg2000.available()) {
            Volume w = DicomSeriesReader.read(dir.resolve(ts.get(0).getFileName()));
            assertArrayEquals(new int[] {512, 512, 3}, w.dims());
        }
        UserInputException missing = assertThrows(UserInputException.class,
                () -> DicomSeriesReader.read(dir, "1.2.3.4", null));
        assertTrue(missing.getMessage().contains("no DICOM image series with UID 1.2.3.4"), missing.getMessage());
    }

    @Test
    void truncatedFilesNameTheFileAndTheProblem() throws IOException {
        assumeDir(IBSI_DICOM, "truncated file");
        byte[] full = Files.readAllBytes(IBSI_DICOM.resolve("DCM_IMG_00000.dcm"));
        Path dir = Files.createDirectory(tmp.resolve("trunc"));
        Path half = dir.resolve("half.dcm");
        Files.write(half, Arrays.copyOf(full, full.length / 2));
        UserInputException e = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(half));
        assertTrue(e.getMessage().startsWith(half + ": pixel data ends after "), e.getMessage());
        assertTrue(e.getMessage().contains("of " + (204 * 201 * 2) + " bytes"), e.getMessage());

        Path head = Files.createDirectory(tmp.resolve("trunc2")).resolve("head.dcm");
        Files.write(head, Arrays.copyOf(full, 700));
        UserInputException e2 = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(head.getParent()));
        assertTrue(e2.getMessage().startsWith(head + ": corrupt DICOM file: file ends inside"), e2.getMessage());
    }

    @Test
    void foldersWithoutImagesGiveClearMessages() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        UserInputException e = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(empty));
        assertEquals(empty + ": no DICOM image files (the folder is empty)", e.getMessage());

        Path text = Files.createDirectory(tmp.resolve("text"));
        Files.writeString(text.resolve("readme.txt"), "hello");
        Files.write(text.resolve("junk.bin"), new byte[] {8, 0, 5, 0, 1, 2, 3});
        UserInputException e2 = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(text));
        assertTrue(e2.getMessage().startsWith(text + ": no DICOM image files (2 files; 2 not DICOM"), e2.getMessage());
        assertTrue(DicomSeriesReader.listSeries(text).isEmpty());

        UserInputException e3 = assertThrows(UserInputException.class,
                () -> DicomSeriesReader.read(text.resolve("readme.txt")));
        assertTrue(e3.getMessage().startsWith(text.resolve("readme.txt") + ": not a DICOM file"), e3.getMessage());

        UserInputException e4 = assertThrows(UserInputException.class,
                () -> DicomSeriesReader.read(tmp.resolve("nowhere")));
        assertTrue(e4.getMessage().endsWith("nowhere: no such file or folder"), e4.getMessage());

        if (Files.isDirectory(IBSI.resolve("dicom/mask"))) {
            UserInputException rt = assertThrows(UserInputException.class,
                    () -> DicomSeriesReader.read(IBSI.resolve("dicom/mask")));
            assertTrue(rt.getMessage().contains("DICOM without images: 1 RTSTRUCT"), rt.getMessage());
            UserInputException parent = assertThrows(UserInputException.class,
                    () -> DicomSeriesReader.read(IBSI.resolve("dicom")));
            assertTrue(parent.getMessage().contains("subfolders: image, mask"), parent.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Synthetic files in every encoding

    private static final int NX = 4;
    private static final int NY = 3;

    /** Signed 12-bit values stored in 16 bits, with garbage in the 4 unused high bits. */
    private static short[] signed12(int slice) {
        short[] s = new short[NX * NY];
        for (int i = 0; i < s.length; i++) {
            int v = (i * 331 + slice * 97) % 4096 - 2048;
            s[i] = (short) ((v & 0x0FFF) | 0xA000);
        }
        return s;
    }

    private static double expectedSigned12(int slice, int i) {
        return (i * 331 + slice * 97) % 4096 - 2048;
    }

    /** A CT-like slice at z (axial, identity orientation) in the given encoding. */
    private static Ds slice(int z, int slice, String uid) {
        return new Ds()
                .str(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.2")
                .str(0x00080060, "CS", "CT")
                .str(0x0008103E, "LO", "synthetic")
                // Nested sequences of undefined length, and a defined-length one, to be skipped.
                .sq(0x00081140, true, new Ds().str(0x00081150, "UI", "1.2.3")
                        .sq(0x00081199, true, new Ds().str(0x00081155, "UI", "1.2.3.4")))
                .sq(0x00082112, false, new Ds().str(0x00081150, "UI", "1.2.3"))
                .str(0x00180050, "DS", "2.5")
                .str(0x0020000E, "UI", uid)
                .str(0x00200013, "IS", Integer.toString(slice + 1))
                .str(0x00200032, "DS", "-10\\-20\\" + z)
                .str(0x00200037, "DS", "1\\0\\0\\0\\1\\0")
                .us(0x00280002, 1)
                .str(0x00280004, "CS", "MONOCHROME2")
                .us(0x00280010, NY)
                .us(0x00280011, NX)
                .str(0x00280030, "DS", "0.5\\0.75")
                .us(0x00280100, 16)
                .us(0x00280101, 12)
                .us(0x00280102, 11)
                .us(0x00280103, 1)
                .words(0x7FE00010, signed12(slice));
    }

    private void writeSeries(Path dir, String ts, boolean preamble) throws IOException {
        Files.createDirectories(dir);
        // Written in reverse order and named so that name order is not slice order.
        for (int s = 0; s < 3; s++) {
            Files.write(dir.resolve("f" + (9 - s)), slice(5 + 3 * s, s, "1.2.826.0.1.99").encode(ts, preamble));
        }
    }

    private static void checkSynthetic(Volume v) {
        assertArrayEquals(new int[] {NX, NY, 3}, v.dims());
        assertArrayEquals(new double[] {0.75, 0.5, 3.0}, v.spacing(), 1e-9);
        assertArrayEquals(new double[] {-10, -20, 5}, v.origin(), 1e-9);
        assertEquals(PixelType.INT16, v.pixelType());
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < NX * NY; i++) {
                assertEquals(expectedSigned12(s, i), v.data()[s * NX * NY + i], "slice " + s + " pixel " + i);
            }
        }
    }

    @Test
    void syntheticEncodingsAllDecodeAlike() throws IOException {
        for (String ts : new String[] {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2",
            "1.2.840.10008.1.2.1.99"}) {
            Path dir = tmp.resolve("ts" + ts);
            writeSeries(dir, ts, true);
            checkSynthetic(DicomSeriesReader.read(dir));
        }
        // Raw data set without preamble and meta header (implicit VR little endian).
        Path raw = tmp.resolve("raw");
        writeSeries(raw, "1.2.840.10008.1.2", false);
        checkSynthetic(DicomSeriesReader.read(raw));
    }

    @Test
    void rescaleChoosesPixelType() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("slope"));
        Files.write(dir.resolve("a"), slice(0, 0, "1.2.3").str(0x00281052, "DS", "-1024")
                .str(0x00281053, "DS", "0.5").encode("1.2.840.10008.1.2.1", true));
        Volume v = DicomSeriesReader.read(dir);
        assertEquals(PixelType.FLOAT64, v.pixelType());
        assertEquals(expectedSigned12(0, 5) * 0.5 - 1024, v.data()[5]);
        assertEquals(2.5, v.spacing()[2], 1e-12, "one slice: z spacing = SliceThickness");

        Path dir2 = Files.createDirectory(tmp.resolve("intercept"));
        Files.write(dir2.resolve("a"), slice(0, 0, "1.2.3").str(0x00281052, "DS", "100")
                .encode("1.2.840.10008.1.2.1", true));
        Volume w = DicomSeriesReader.read(dir2);
        // signed 12 bits: -2048..2047 + 100 fits int16
        assertEquals(PixelType.INT16, w.pixelType());
        assertEquals(expectedSigned12(0, 7) + 100, w.data()[7]);
    }

    @Test
    void obliqueSeriesIsSortedAlongTheNormal() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("oblique"));
        double c = Math.cos(Math.toRadians(30));
        double s = Math.sin(Math.toRadians(30));
        // rows along (c, s, 0), columns along (0, 0, -1): normal = row x col = (-s, c, 0)
        for (int k = 0; k < 4; k++) {
            double[] p = {5 - 2 * k * s, 7 + 2 * k * c, 1};
            Files.write(dir.resolve("s" + (3 - k)), slice(0, 0, "1.2.9").str(0x00200032, "DS", p[0] + "\\" + p[1] + "\\" + p[2])
                    .str(0x00200037, "DS", c + "\\" + s + "\\0\\0\\0\\-1")
                    .str(0x00200013, "IS", Integer.toString(10 - k)).encode("1.2.840.10008.1.2.1", true));
        }
        Volume v = DicomSeriesReader.read(dir);
        assertArrayEquals(new double[] {5, 7, 1}, v.origin(), 1e-9);
        assertArrayEquals(new double[] {c, 0, -s, s, 0, c, 0, -1, 0}, v.direction(), 1e-9);
        assertEquals(2.0, v.spacing()[2], 1e-9);
    }

    @Test
    void inconsistentSeriesAreRefused() throws IOException {
        Path gap = Files.createDirectory(tmp.resolve("gap"));
        for (int z : new int[] {0, 2, 4, 8}) {
            Files.write(gap.resolve("z" + z), slice(z, 0, "1.2.5").encode("1.2.840.10008.1.2.1", true));
        }
        UserInputException e = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(gap));
        assertTrue(e.getMessage().contains("non-uniform slice spacing: the gap between z4 and z8 is 4 mm"),
                e.getMessage());

        Path dup = Files.createDirectory(tmp.resolve("dup"));
        Files.write(dup.resolve("a"), slice(0, 0, "1.2.5").encode("1.2.840.10008.1.2.1", true));
        Files.write(dup.resolve("b"), slice(0, 1, "1.2.5").encode("1.2.840.10008.1.2.1", true));
        UserInputException d = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(dup));
        assertTrue(d.getMessage().contains("are slices at the same position"), d.getMessage());

        Path size = Files.createDirectory(tmp.resolve("size"));
        Files.write(size.resolve("a"), slice(0, 0, "1.2.5").encode("1.2.840.10008.1.2.1", true));
        Files.write(size.resolve("b"), slice(1, 0, "1.2.5").us(0x00280010, 2)
                .words(0x7FE00010, new short[NX * 2]).encode("1.2.840.10008.1.2.1", true));
        UserInputException sz = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(size));
        assertTrue(sz.getMessage().contains("mixes image sizes: 4x3 (a) and 4x2 (b)"), sz.getMessage());

        Path orient = Files.createDirectory(tmp.resolve("orient"));
        Files.write(orient.resolve("a"), slice(0, 0, "1.2.5").encode("1.2.840.10008.1.2.1", true));
        Files.write(orient.resolve("b"), slice(1, 0, "1.2.5").str(0x00200037, "DS", "0\\1\\0\\0\\0\\-1")
                .encode("1.2.840.10008.1.2.1", true));
        UserInputException o = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(orient));
        assertTrue(o.getMessage().contains("mixes slice orientations"), o.getMessage());

        Path rgb = Files.createDirectory(tmp.resolve("rgb"));
        Files.write(rgb.resolve("a"), slice(0, 0, "1.2.5").us(0x00280002, 3).str(0x00280004, "CS", "RGB")
                .encode("1.2.840.10008.1.2.1", true));
        UserInputException r = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(rgb));
        assertTrue(r.getMessage().contains("colour images (PhotometricInterpretation RGB"), r.getMessage());

        Path jpeg = Files.createDirectory(tmp.resolve("jpeg"));
        Files.write(jpeg.resolve("a"), slice(0, 0, "1.2.5").encapsulated(0x7FE00010, new byte[] {(byte) 0xFF, (byte) 0xD8})
                .encode("1.2.840.10008.1.2.4.50", true));
        UserInputException j = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(jpeg));
        assertEquals(jpeg.resolve("a") + ": compressed transfer syntax 1.2.840.10008.1.2.4.50 (JPEG baseline) is not"
                + " supported; decompress the series first (e.g. with dcmdjpeg or gdcmconv --raw)",
                j.getMessage());
    }

    @Test
    void multiFrameFileIsAVolume() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("mf"));
        short[] all = new short[NX * NY * 3];
        for (int s = 0; s < 3; s++) {
            System.arraycopy(signed12(s), 0, all, s * NX * NY, NX * NY);
        }
        Files.write(dir.resolve("mf.dcm"), slice(5, 0, "1.2.7").str(0x00280008, "IS", "3")
                .str(0x00180088, "DS", "3").words(0x7FE00010, all).encode("1.2.840.10008.1.2.1", true));
        checkSynthetic(DicomSeriesReader.read(dir));

        Path enh = Files.createDirectory(tmp.resolve("enhanced"));
        Files.write(enh.resolve("e.dcm"), slice(5, 0, "1.2.7").str(0x00280008, "IS", "3")
                .sq(0x52009230, true, new Ds().str(0x00081150, "UI", "1.2")).words(0x7FE00010, all)
                .encode("1.2.840.10008.1.2.1", true));
        UserInputException e = assertThrows(UserInputException.class, () -> DicomSeriesReader.read(enh));
        assertTrue(e.getMessage().contains("enhanced multi-frame DICOM"), e.getMessage());
    }

    @Test
    void signedJpeg2000IsSignExtended() throws IOException {
        Assumptions.assumeTrue(DicomJpeg2000.available(), "skipping signed JPEG 2000 test: no JPEG 2000 ImageIO reader");
        // Signed 16-bit values written as an unsigned 16-bit codestream (a common encoder behaviour):
        // the decoder returns 0..65535 and the reader must sign-extend from BitsStored.
        BufferedImage img = new BufferedImage(NX, NY, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        int[] values = new int[NX * NY];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 2731 - 16000; // -16000 .. 14041
            r.setSample(i % NX, i / NX, 0, values[i] & 0xFFFF);
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg2000").next();
        J2KImageWriteParam p = (J2KImageWriteParam) w.getDefaultWriteParam();
        p.setLossless(true);
        p.setWriteCodeStreamOnly(true);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bos)) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        }
        w.dispose();
        Path dir = Files.createDirectory(tmp.resolve("j2k"));
        Files.write(dir.resolve("a"), slice(0, 0, "1.2.8").us(0x00280101, 16).us(0x00280102, 15)
                .str(0x00281052, "DS", "-1024").encapsulated(0x7FE00010, bos.toByteArray())
                .encode("1.2.840.10008.1.2.4.90", true));
        Volume v = DicomSeriesReader.read(dir);
        // 16 bits signed with intercept -1024 spans -33792..31743: int32, as GDCM decides.
        assertEquals(PixelType.INT32, v.pixelType());
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i] - 1024, v.data()[i], "pixel " + i);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // A tiny DICOM writer for the synthetic tests

    /** An ordered data set; values are kept as tags with VR and a value writer per byte order. */
    private static final class Ds {
        private record El(int tag, String vr, Object value) {
        }

        private final List<El> els = new ArrayList<>();

        Ds put(int tag, String vr, Object value) {
            els.removeIf(e -> e.tag == tag);
            els.add(new El(tag, vr, value));
            return this;
        }

        Ds str(int tag, String vr, String s) {
            return put(tag, vr, s);
        }

        Ds us(int tag, int v) {
            return put(tag, "US", new int[] {v});
        }

        Ds words(int tag, short[] w) {
            return put(tag, "OW", w);
        }

        Ds encapsulated(int tag, byte[] frame) {
            return put(tag, "OB", new Object[] {frame});
        }

        Ds sq(int tag, boolean undefined, Ds... items) {
            return put(tag, "SQ", new Object[] {undefined, items});
        }

        byte[] encode(String ts, boolean preamble) throws IOException {
            boolean explicit = !ts.equals("1.2.840.10008.1.2");
            boolean be = ts.equals("1.2.840.10008.1.2.2");
            byte[] body = body(explicit, be);
            if (ts.equals("1.2.840.10008.1.2.1.99")) {
                ByteArrayOutputStream d = new ByteArrayOutputStream();
                try (DeflaterOutputStream z = new DeflaterOutputStream(d, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
                    z.write(body);
                }
                body = d.toByteArray();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (preamble) {
                out.write(new byte[128]);
                out.write("DICM".getBytes(StandardCharsets.US_ASCII));
                Ds meta = new Ds().put(0x00020001, "OB", new byte[] {0, 1}).str(0x00020010, "UI", ts);
                out.write(meta.body(true, false));
            }
            out.write(body);
            return out.toByteArray();
        }

        private byte[] body(boolean explicit, boolean be) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<El> sorted = new ArrayList<>(els);
            sorted.sort(Comparator.comparingLong(e -> e.tag & 0xFFFFFFFFL));
            for (El e : sorted) {
                writeElement(out, e, explicit, be);
            }
            return out.toByteArray();
        }

        private static void writeElement(ByteArrayOutputStream out, El e, boolean explicit, boolean be)
                throws IOException {
            ByteOrder order = be ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            byte[] value;
            boolean undefined = false;
            if (e.value instanceof String s) {
                byte[] b = s.getBytes(StandardCharsets.US_ASCII);
                value = Arrays.copyOf(b, b.length + (b.length & 1));
                if ((b.length & 1) == 1) {
                    value[b.length] = (byte) (e.vr.equals("UI") ? 0 : ' ');
                }
            } else if (e.value instanceof int[] us) {
                ByteBuffer bb = ByteBuffer.allocate(2 * us.length).order(order);
                for (int v : us) {
                    bb.putShort((short) v);
                }
                value = bb.array();
            } else if (e.value instanceof short[] w) {
                ByteBuffer bb = ByteBuffer.allocate(2 * w.length).order(order);
                for (short v : w) {
                    bb.putShort(v);
                }
                value = bb.array();
            } else if (e.value instanceof byte[] b) {
                value = b;
            } else if (e.vr.equals("OB")) {
                byte[] frame = (byte[]) ((Object[]) e.value)[0];
                ByteArrayOutputStream v = new ByteArrayOutputStream();
                v.write(itemHeader(0xFFFEE000, 0, order)); // empty basic offset table
                byte[] f = Arrays.copyOf(frame, frame.length + (frame.length & 1));
                v.write(itemHeader(0xFFFEE000, f.length, order));
                v.write(f);
                v.write(itemHeader(0xFFFEE0DD, 0, order));
                value = v.toByteArray();
                undefined = true;
            } else {
                Object[] sq = (Object[]) e.value;
                undefined = (Boolean) sq[0];
                ByteArrayOutputStream v = new ByteArrayOutputStream();
                for (Ds item : (Ds[]) sq[1]) {
                    byte[] content = item.body(explicit, be);
                    v.write(itemHeader(0xFFFEE000, undefined ? -1 : content.length, order));
                    v.write(content);
                    if (undefined) {
                        v.write(itemHeader(0xFFFEE00D, 0, order));
                    }
                }
                if (undefined) {
                    v.write(itemHeader(0xFFFEE0DD, 0, order));
                }
                value = v.toByteArray();
            }
            int len = undefined ? -1 : value.length;
            ByteBuffer h = ByteBuffer.allocate(12).order(order);
            h.putShort((short) (e.tag >>> 16)).putShort((short) e.tag);
            if (explicit) {
                h.put(e.vr.getBytes(StandardCharsets.US_ASCII));
                if (Set.of("OB", "OW", "SQ", "UN", "UT").contains(e.vr)) {
                    h.putShort((short) 0).putInt(len);
                } else {
                    h.putShort((short) len);
                }
            } else {
                h.putInt(len);
            }
            out.write(h.array(), 0, h.position());
            out.write(value);
        }

        private static byte[] itemHeader(int tag, int len, ByteOrder order) {
            return ByteBuffer.allocate(8).order(order).putShort((short) (tag >>> 16)).putShort((short) tag)
                    .putInt(len).array();
        }
    }
}
