package io.github.dlradiomics.image;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.UserInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing, truncated, unsupported or inconsistent files: one line naming the file and the problem. */
class BadImageInputTest {
    @TempDir
    Path tmp;

    private static void assertOneLine(UserInputException e, Path file, String... words) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), "names the file: " + m);
        assertTrue(!m.contains("\n"), "one line: " + m);
        for (String w : words) {
            assertTrue(m.contains(w), "says '" + w + "': " + m);
        }
    }

    @Test
    void truncatedNiftiGz() throws Exception {
        Volume v = WritersRoundTripTest.sample(PixelType.INT16);
        Path full = tmp.resolve("full.nii.gz");
        NiftiIO.write(v, full);
        byte[] b = Files.readAllBytes(full);
        Path cut = tmp.resolve("cut.nii.gz");
        Files.write(cut, Arrays.copyOf(b, b.length / 2));
        UserInputException e = assertThrows(UserInputException.class, () -> Volumes.read(cut));
        assertOneLine(e, cut, "truncated");
    }

    @Test
    void truncatedNiftiHeader() throws Exception {
        Path cut = tmp.resolve("short.nii");
        Files.write(cut, new byte[100]);
        UserInputException e = assertThrows(UserInputException.class, () -> NiftiIO.read(cut));
        assertOneLine(e, cut, "truncated", "header");
    }

    @Test
    void nrrdWithWrongHeaderSize() throws Exception {
        // header says 10x10x10 int16 (2000 bytes) but only 1000 bytes of data follow
        Path f = tmp.resolve("wrong.nrrd");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("NRRD0004\ntype: short\ndimension: 3\nsizes: 10 10 10\nencoding: raw\nendian: little\n\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[1000]);
        Files.write(f, out.toByteArray());
        UserInputException e = assertThrows(UserInputException.class, () -> Volumes.read(f));
        assertOneLine(e, f, "10x10x10", "2000 bytes", "1000");
        // and too many bytes: the sizes are wrong too
        Path g = tmp.resolve("wrong2.nrrd");
        out.write(new byte[2000]);
        Files.write(g, out.toByteArray());
        e = assertThrows(UserInputException.class, () -> Volumes.read(g));
        assertOneLine(e, g, "inconsistent", "3000");
    }

    @Test
    void nrrdGzipTooShort() throws Exception {
        Volume v = WritersRoundTripTest.sample(PixelType.FLOAT32);
        Path f = tmp.resolve("v.nrrd");
        NrrdIO.write(v, f, true);
        String header = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        Path g = tmp.resolve("bigger.nrrd");
        Files.write(g, header.replace("sizes: 7 5 3", "sizes: 7 5 9").getBytes(StandardCharsets.ISO_8859_1));
        UserInputException e = assertThrows(UserInputException.class, () -> Volumes.read(g));
        assertOneLine(e, g, "7x5x9");
    }

    @Test
    void missingAndUnknownFiles() throws Exception {
        Path none = tmp.resolve("nothing.nii.gz");
        assertOneLine(assertThrows(UserInputException.class, () -> Volumes.read(none)), none, "not found");
        Path txt = tmp.resolve("notes.xyz");
        Files.writeString(txt, "hello");
        assertOneLine(assertThrows(UserInputException.class, () -> Volumes.read(txt)), txt, "unknown image format");
        Path fake = tmp.resolve("fake.nii");
        Files.write(fake, new byte[400]);
        assertOneLine(assertThrows(UserInputException.class, () -> Volumes.read(fake)), fake, "NIfTI");
    }

    @Test
    void unsupportedNiftiDatatype() throws Exception {
        Volume v = WritersRoundTripTest.sample(PixelType.UINT8);
        Path f = tmp.resolve("rgb.nii");
        NiftiIO.write(v, f);
        byte[] b = Files.readAllBytes(f);
        b[70] = (byte) 128; // DT_RGB24
        b[71] = 0;
        Files.write(f, b);
        assertOneLine(assertThrows(UserInputException.class, () -> Volumes.read(f)), f, "RGB");
    }
}
