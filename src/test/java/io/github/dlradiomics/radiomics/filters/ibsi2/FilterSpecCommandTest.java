package io.github.dlradiomics.radiomics.filters.ibsi2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.cli.FilterCommand;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.util.UserInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./dlrad filter}: reads, filters, writes float64 on the same grid; bad SPECs are user errors. */
class FilterSpecCommandTest {

    @Test
    void writesTheResponseMap(@TempDir Path dir) throws Exception {
        Volume v = new Volume(12, 10, 8, PixelType.INT16);
        for (int i = 0; i < v.size(); i++) {
            v.data()[i] = (i * 37) % 101;
        }
        v.setSpacing(2, 2, 2).setOrigin(-5, 3, 7);
        Path in = dir.resolve("in.nii.gz");
        Path out = dir.resolve("sub/out.nii.gz");
        Volumes.write(v, in);
        StringWriter text = new StringWriter();
        CommandLine cl = new CommandLine(new FilterCommand());
        cl.setOut(new PrintWriter(text));
        int rc = cl.execute("--image", in.toString(), "--filter", "log:sigma=3mm,boundary=mirror", "--out",
                out.toString());
        assertEquals(0, rc, text.toString());
        Volume r = Volumes.read(out);
        assertTrue(r.sameGeometry(v, 1e-6));
        Volume expected = FilterSpec.parse("log:sigma=3mm,boundary=mirror").apply(Volumes.read(in));
        for (int i = 0; i < r.size(); i++) {
            assertEquals(expected.data()[i], r.data()[i], 1e-9);
        }
        assertTrue(text.toString().contains("log:sigma=3mm,boundary=mirror"), text.toString());
    }

    @Test
    void badSpecIsAUserError(@TempDir Path dir) {
        FilterCommand c = new FilterCommand();
        CommandLine cl = new CommandLine(c);
        cl.parseArgs("--image", dir.resolve("x.nii.gz").toString(), "--filter", "blur:size=3", "--out",
                dir.resolve("o.nii.gz").toString());
        String m = assertThrows(UserInputException.class, c::call).getMessage();
        assertTrue(m.contains("valid filters"), m);
    }
}
