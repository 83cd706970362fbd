package io.github.dlradiomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.NiftiIO;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: output, exit codes, one-line errors. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Run(code, o.toString(), e.toString());
    }

    @Test
    void infoJsonOnTotalSegmentatorCt() {
        Path ct = TestData.shared("imaging/totalsegmentator_ct/ct.nii.gz");
        Run r = run("info", ct.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> m = Json.parseObject(r.out());
        assertEquals(List.of(122.0, 101.0, 112.0), m.get("dims"));
        assertEquals(List.of(3.0, 3.0, 3.0), m.get("spacing_mm"));
        assertEquals("int32", m.get("pixel_type"));
        assertEquals(-1207.0, m.get("min"));
        assertEquals(3382.0, m.get("max"));
        assertEquals(9, ((List<?>) m.get("direction")).size());
        assertEquals(3, ((List<?>) m.get("origin_mm")).size());
    }

    @Test
    void infoText() throws Exception {
        Volume v = new Volume(4, 3, 2, PixelType.INT16);
        v.setSpacing(0.6, 0.6, 3.5);
        v.data()[5] = -7;
        Path f = tmp.resolve("small.nii.gz");
        NiftiIO.write(v, f);
        Run r = run("info", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dims:        (4, 3, 2)"), r.out());
        assertTrue(r.out().contains("spacing_mm:  (0.6, 0.6, 3.5)") || r.out().contains("spacing_mm:  (0.6000000238418579"),
                r.out());
        assertTrue(r.out().contains("pixel_type:  int16"), r.out());
        assertTrue(r.out().contains("min:         -7"), r.out());
    }

    @Test
    void badInputIsOneLineWithExitCode2() throws Exception {
        Path missing = tmp.resolve("nope.nii.gz");
        Run r = run("info", missing.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(missing.toString()) && r.err().contains("not found"), r.err());
        assertFalse(r.err().contains("at io.github"), "no stack trace without --debug");

        Path cut = tmp.resolve("cut.nii.gz");
        Volume v = new Volume(40, 30, 20, PixelType.INT16);
        NiftiIO.write(v, tmp.resolve("full.nii.gz"));
        byte[] b = Files.readAllBytes(tmp.resolve("full.nii.gz"));
        Files.write(cut, java.util.Arrays.copyOf(b, b.length - 20));
        r = run("info", cut.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("dlrad: " + cut) && r.err().contains("truncated"), r.err());

        r = run("--debug", "info", cut.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("at io.github.dlradiomics"), "stack trace with --debug: " + r.err());
    }

    @Test
    void unknownOptionsAndCommands() {
        Run r = run("info");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("IMAGE"), r.err());
        r = run("frobnicate");
        assertEquals(2, r.code());
        r = run("cohort", "--out", tmp.toString(), "--modality", "pet");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--modality") && r.err().contains("pet"), r.err());
    }

    @Test
    void helpListsCommands() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String c : new String[] {"info", "cohort", "fiji", "macro", "./dlrad test"}) {
            assertTrue(r.out().contains(c), c + " in help: " + r.out());
        }
    }
}
