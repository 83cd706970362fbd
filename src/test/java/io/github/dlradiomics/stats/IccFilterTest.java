package io.github.dlradiomics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IccFilterTest {
    @TempDir
    Path tmp;

    static Map<String, String> row(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<IccFilter.Table> readers() {
        Random r = new Random(1);
        List<Map<String, String>> a = new java.util.ArrayList<>();
        List<Map<String, String>> b = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double truth = 10 * r.nextGaussian();
            String id = "case" + i;
            a.add(row("ID", id, "diagnostics_Versions", "v3.1", "stable", Double.toString(truth + 0.1 * r.nextGaussian()),
                    "noisy", Double.toString(r.nextGaussian()), "gappy", i == 4 ? "" : "1" + i));
            b.add(row("gappy", "1" + i, "noisy", Double.toString(r.nextGaussian()), "stable", Double.toString(truth + 0.1 * r.nextGaussian()),
                    "ID", id, "diagnostics_Versions", "v3.1"));
        }
        b.remove(0); // case0 only in reader A
        b.add(row("gappy", "1", "noisy", "0", "stable", "0", "ID", "extra", "diagnostics_Versions", "v3.1"));
        return List.of(new IccFilter.Table("A.csv", a), new IccFilter.Table("B.csv", b));
    }

    @Test
    void keepsReproducibleFeatures() throws Exception {
        IccFilter.Result r = IccFilter.compute(readers(), "ID", Icc.Type.ICC2, 0.75, 0.05);
        assertEquals(List.of("stable"), r.keptFeatures());
        assertEquals(List.of("diagnostics_Versions"), r.skippedColumns());
        assertEquals(List.of("case0", "extra"), r.unmatchedIds());
        assertEquals(11, r.matchedIds().size());
        IccFilter.Row stable = r.rows().get(0);
        assertEquals("stable", stable.feature());
        assertEquals(11, stable.cases());
        assertTrue(stable.icc2().value() > 0.99 && stable.icc3().value() > 0.99);
        assertTrue(stable.icc2().lower() < stable.icc2().value() && stable.icc2().value() < stable.icc2().upper());
        IccFilter.Row noisy = r.rows().get(1);
        assertFalse(noisy.kept());
        IccFilter.Row gappy = r.rows().get(2);
        assertTrue(Double.isNaN(gappy.icc2().value()));
        assertTrue(gappy.note().contains("case4") && gappy.note().contains("A.csv"), gappy.note());

        Path out = tmp.resolve("icc.csv");
        r.writeCsv(out);
        List<Map<String, String>> back = Csv.read(out);
        assertEquals(3, back.size());
        assertEquals("true", back.get(0).get("kept (ICC2 >= 0.75)"));
        assertEquals(stable.icc3().upper(), Csv.number(back.get(0).get("ICC3_upper")));
        assertEquals("nan", back.get(2).get("ICC2"));
    }

    @Test
    void matchesIccOnTheSameMatrix() {
        List<Map<String, String>> a = new java.util.ArrayList<>();
        List<Map<String, String>> b = new java.util.ArrayList<>();
        double[][] x = {{9, 2}, {6, 1}, {8, 4}, {7, 1}, {10, 5}, {6, 2}};
        for (int i = 0; i < x.length; i++) {
            a.add(row("Case", "p" + i, "f", Double.toString(x[i][0])));
            b.add(0, row("Case", "p" + i, "f", Double.toString(x[i][1])));
        }
        IccFilter.Result r = IccFilter.compute(List.of(new IccFilter.Table("a", a), new IccFilter.Table("b", b)), "Case",
                Icc.Type.ICC3, 0.5, 0.05);
        Icc.Result direct = Icc.compute(x);
        assertEquals(direct.get(Icc.Type.ICC2), r.rows().get(0).icc2());
        assertEquals(direct.get(Icc.Type.ICC3), r.rows().get(0).icc3());
        assertEquals(direct.get(Icc.Type.ICC3).value() >= 0.5, r.rows().get(0).kept());
    }

    @Test
    void fromFiles() throws Exception {
        Path a = tmp.resolve("a.csv");
        Path b = tmp.resolve("b.csv");
        Files.writeString(a, "ID,f\n1,1\n2,2\n3,3\n");
        Files.writeString(b, "ID,f\n3,3.1\n2,2\n1,1.1\n");
        IccFilter.Result r = IccFilter.compute(List.of(a, b), "ID");
        assertEquals(List.of("f"), r.keptFeatures());
        assertEquals(Icc.Type.ICC2, r.type());
        assertEquals(0.75, r.threshold());
    }

    @Test
    void clearErrors() {
        List<IccFilter.Table> t = readers();
        UserInputException e = assertThrows(UserInputException.class,
                () -> IccFilter.compute(t, "PatientID", Icc.Type.ICC2, 0.75, 0.05));
        assertTrue(e.getMessage().contains("A.csv") && e.getMessage().contains("'PatientID'"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> IccFilter.compute(List.of(t.get(0)), "ID", Icc.Type.ICC2, 0.75, 0.05));
        assertTrue(e.getMessage().contains("at least 2 readers"), e.getMessage());
        List<Map<String, String>> dup = List.of(row("ID", "x", "f", "1"), row("ID", "x", "f", "2"));
        e = assertThrows(UserInputException.class, () -> IccFilter.compute(
                List.of(new IccFilter.Table("d.csv", dup), t.get(1)), "ID", Icc.Type.ICC2, 0.75, 0.05));
        assertTrue(e.getMessage().contains("'x' appears twice"), e.getMessage());
    }
}
