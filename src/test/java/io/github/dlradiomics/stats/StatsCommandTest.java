package io.github.dlradiomics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.cli.StatsCommand;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./dlrad stats ...} through picocli (Main registers StatsCommand; its error handler maps UserInputException to exit 2). */
class StatsCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, Throwable error) {
    }

    static Run run(String... args) {
        StringWriter o = new StringWriter();
        Throwable[] err = new Throwable[1];
        CommandLine cl = new CommandLine(new StatsCommand());
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            err[0] = ex;
            return 2;
        });
        int code = cl.execute(args);
        return new Run(code, o.toString(), err[0]);
    }

    Path shroutFleiss() throws Exception {
        Path f = tmp.resolve("sf.csv");
        Files.writeString(f, "\"J1\",\"J2\",\"J3\",\"J4\"\n9,2,5,8\n6,1,3,2\n8,4,6,8\n7,1,2,6\n10,5,6,9\n6,2,4,7");
        return f;
    }

    @Test
    @SuppressWarnings("unchecked")
    void iccJsonContract() throws Exception {
        Run r = run("icc", "--table", shroutFleiss().toString(), "--raters", "J1,J2,J3,J4", "--json");
        assertEquals(0, r.code(), String.valueOf(r.error()));
        Map<String, Object> m = Json.parseObject(r.out());
        assertEquals(List.of("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"), List.copyOf(m.keySet()));
        for (Object o : m.values()) {
            Map<String, Object> e = (Map<String, Object>) o;
            assertEquals(List.of("value", "ci", "F", "p"), List.copyOf(e.keySet()));
            assertEquals(2, ((List<?>) e.get("ci")).size());
        }
        Map<String, Object> icc2 = (Map<String, Object>) m.get("ICC2");
        assertEquals(0.28976377952755911, (Double) icc2.get("value"), 1e-14);
        assertEquals(0.018786513374711999, (Double) ((List<?>) icc2.get("ci")).get(0), 1e-11);
        assertEquals(11.027247956403272, (Double) icc2.get("F"), 1e-12);
    }

    @Test
    void iccText() throws Exception {
        Run r = run("icc", "--table", shroutFleiss().toString(), "--raters", "J1,J2,J3,J4");
        assertEquals(0, r.code(), String.valueOf(r.error()));
        assertTrue(r.out().contains("Single_random_raters     ICC2     0.2898"), r.out());
        assertTrue(r.out().contains("Average_fixed_raters     ICC3k    0.9093"), r.out());
    }

    @Test
    void iccErrorsNameTheColumnAndRow() throws Exception {
        Run r = run("icc", "--table", shroutFleiss().toString(), "--raters", "J1,J9");
        assertEquals(2, r.code());
        assertInstanceOf(UserInputException.class, r.error());
        assertTrue(r.error().getMessage().contains("no column 'J9'"), r.error().getMessage());
        Path gap = tmp.resolve("gap.csv");
        Files.writeString(gap, "A,B\n1,2\n3,\n");
        r = run("icc", "--table", gap.toString(), "--raters", "A,B");
        assertInstanceOf(UserInputException.class, r.error());
        assertTrue(r.error().getMessage().contains("row 2, column 'B'"), r.error().getMessage());
        r = run("icc", "--table", gap.toString(), "--raters", "A");
        assertTrue(r.error().getMessage().contains("at least 2"), r.error().getMessage());
    }

    @Test
    void iccFilterSubcommand() throws Exception {
        Path a = tmp.resolve("a.csv");
        Path b = tmp.resolve("b.csv");
        Files.writeString(a, "ID,f,g\n1,1,5\n2,2,1\n3,3,9\n4,4,2\n");
        Files.writeString(b, "ID,f,g\n1,1.1,0\n2,2,8\n3,3.1,1\n4,3.9,7\n");
        Path out = tmp.resolve("icc.csv");
        Run r = run("icc-filter", "--reader", a.toString(), "--reader", b.toString(), "--out", out.toString(), "--json");
        assertEquals(0, r.code(), String.valueOf(r.error()));
        Map<String, Object> m = Json.parseObject(r.out());
        assertEquals(List.of("f"), m.get("kept"));
        assertTrue(Files.readString(out).startsWith("feature,cases,ICC2,"));
    }
}
