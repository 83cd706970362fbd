package io.github.dlradiomics.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./dlrad macro}: our commands from a macro, errors, and the watchdog (runs under Xvfb). */
class MacroRunnerTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void display() {
        DlradProcess.assumeDisplay();
    }

    private Path macro(String text) throws Exception {
        Path m = Files.createTempFile(tmp, "m", ".ijm");
        Files.writeString(m, text);
        return m;
    }

    @Test
    void openInfoSaveKeepsVoxelsAndGeometry() throws Exception {
        Path ct = TestData.shared("imaging/totalsegmentator_ct/ct.nii.gz");
        Path out = tmp.resolve("copy.nrrd");
        Path m = macro("run(\"Open Volume...\", \"image=[" + ct + "]\");\n"
                + "print(\"slices=\" + nSlices + \" title=\" + getTitle());\n"
                + "run(\"Volume Info\");\n"
                + "run(\"Save Volume...\", \"output=[" + out + "]\");\n"
                + "print(\"done\");\n");
        DlradProcess.Result r = DlradProcess.run(120, "macro", m.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("slices=112 title=ct.nii.gz"), r.out());
        assertTrue(r.out().contains("done"), r.out());
        Volume a = Volumes.read(ct);
        Volume b = Volumes.read(out);
        assertArrayEquals(a.data(), b.data(), 0);
        assertTrue(a.sameGeometry(b, 1e-9), a.describeGeometry() + " vs " + b.describeGeometry());
    }

    @Test
    void argumentReachesTheMacro() throws Exception {
        DlradProcess.Result r = DlradProcess.run(60, "macro", macro("print(\"arg=\" + getArgument());").toString(),
                "hello world");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("arg=hello world"), r.out());
    }

    @Test
    void modalDialogIsStoppedByTheWatchdog() throws Exception {
        DlradProcess.Result r = DlradProcess.run(60, "macro",
                macro("showMessage(\"Blocking\", \"please click OK\");\nprint(\"never\");").toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("modal dialog") && r.err().contains("please click OK"), r.err());
        assertFalse(r.out().contains("never"));
    }

    @Test
    void dialogGraceLetsADialogStayBeforeTheWatchdogStopsIt() throws Exception {
        long t0 = System.nanoTime();
        DlradProcess.Result r = DlradProcess.run(60, "macro", "--dialog-grace", "2",
                macro("showMessage(\"Shown\", \"for a screenshot\");").toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("for a screenshot"), r.err());
        assertTrue(seconds >= 2, "the dialog stayed at least the grace period: " + seconds + " s");
    }

    @Test
    void timeLimitStopsALoopingMacro() throws Exception {
        DlradProcess.Result r = DlradProcess.run(60, "macro", "--timeout", "3",
                macro("while (true) { wait(100); }").toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("time limit"), r.err());
    }

    @Test
    void macroErrorGivesExitCode1AndTheMessage() throws Exception {
        DlradProcess.Result r = DlradProcess.run(60, "macro", macro("x = ;\n").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("failed"), r.err());
    }

    @Test
    void badInputInACommandIsLoggedAndStopsTheMacroCleanly() throws Exception {
        Path missing = tmp.resolve("missing.nii.gz");
        DlradProcess.Result r = DlradProcess.run(60, "macro",
                macro("run(\"Open Volume...\", \"image=[" + missing + "]\");\nprint(\"after\");").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("DLRadiomics Open Volume: " + missing + ": file not found"), r.out());
        assertTrue(r.err().contains(missing.toString()), r.err());
        assertFalse(r.out().contains("after"), "the macro stopped");

        r = DlradProcess.run(60, "macro", macro("run(\"Volume Info\");").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("no image is open"), r.out());
    }

    @Test
    void missingMacroFile() throws Exception {
        DlradProcess.Result r = DlradProcess.run(60, "macro", tmp.resolve("none.ijm").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("none.ijm: macro file not found"), r.err());
    }
}
