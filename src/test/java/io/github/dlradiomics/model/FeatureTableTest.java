package io.github.dlradiomics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, joining and checking feature tables. */
class FeatureTableTest {
    @TempDir
    Path tmp;

    Path csv(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    interface Io {
        void run() throws Exception;
    }

    String fails(Io r) {
        return assertThrows(UserInputException.class, r::run).getMessage();
    }

    @Test
    void joinsOnIdInFirstFileOrder() throws Exception {
        Path a = csv("radiomics.csv", "ID,f1,f2\nP3,1.5,2\nP1,2.5,4\nP2,3.5,8\n");
        Path b = csv("clinical.csv", "ID,age,label\nP1,60,yes\nP2,70,no\nP3,80,yes\n");
        FeatureTable t = FeatureTable.read(List.of(a, b), new FeatureTable.Options().label("label", "yes"));
        assertEquals(List.of("P3", "P1", "P2"), t.ids());
        assertEquals(List.of("f1", "f2", "age"), t.columns());
        assertArrayEquals(new double[] {1.5, 2, 80}, t.x()[0]);
        assertArrayEquals(new int[] {1, 1, 0}, t.y());
        assertEquals("label", t.labelColumn());
        assertEquals("yes", t.positive());
        FeatureTable s = t.subset(new int[] {2, 0});
        assertEquals(List.of("P2", "P3"), s.ids());
        assertArrayEquals(new int[] {0, 1}, s.y());
        FeatureTable c = t.select(List.of("age", "f1"));
        assertArrayEquals(new double[] {80, 1.5}, c.x()[0]);
        assertTrue(fails(() -> t.select(List.of("nope"))).contains("'nope'"));
    }

    @Test
    void unmatchedIdsAreAnErrorUnlessTheIntersectionIsAsked() throws Exception {
        Path a = csv("a.csv", "ID,f1\nP1,1\nP2,2\nP3,3\nP4,4\nP5,5\nP6,6\nP7,7\nP8,8\nP9,9\n");
        Path b = csv("b.csv", "ID,f2,y\nP1,1,0\nP2,2,1\nP10,3,1\n");
        String m = fails(() -> FeatureTable.read(List.of(a, b), new FeatureTable.Options().label("y", "1")));
        assertTrue(m.contains("a.csv: 7 (P3, P4, P5, P6, P7, ...)") && m.contains("b.csv: 1 (P10)"), m);
        FeatureTable t = FeatureTable.read(List.of(a, b), new FeatureTable.Options().label("y", "1").keepIntersection(true));
        assertEquals(List.of("P1", "P2"), t.ids());
        assertEquals(7, t.droppedIds().get("a.csv").size());
        assertEquals(List.of("P10"), t.droppedIds().get("b.csv"));
    }

    @Test
    void duplicateIdsAndMissingIdColumn() throws Exception {
        Path a = csv("dup.csv", "ID,f1,y\nP1,1,0\nP2,2,1\nP1,3,1\n");
        String m = fails(() -> FeatureTable.read(a, new FeatureTable.Options().label("y", "1")));
        assertTrue(m.contains("dup.csv") && m.contains("duplicate ID 'P1'") && m.contains("rows 2 and 4"), m);
        Path noId = csv("noid.csv", "f1,y\n1,0\n2,1\n");
        FeatureTable t = FeatureTable.read(noId, new FeatureTable.Options().label("y", "1"));
        assertEquals(List.of("1", "2"), t.ids(), "a single table without ID column is numbered by row");
        m = fails(() -> FeatureTable.read(noId, new FeatureTable.Options().id("Case").label("y", "1")));
        assertTrue(m.contains("no ID column 'Case'"), m);
    }

    @Test
    void labelNeedsExactlyTwoClassesAndAKnownPositive() throws Exception {
        Path three = csv("three.csv", "ID,f1,grade\nA,1,low\nB,2,mid\nC,3,high\n");
        String m = fails(() -> FeatureTable.read(three, new FeatureTable.Options().label("grade", "high")));
        assertTrue(m.contains("'grade'") && m.contains("3") && m.contains("high, low, mid"), m);
        Path two = csv("two.csv", "ID,f1,y\nA,1,a\nB,2,b\n");
        m = fails(() -> FeatureTable.read(two, new FeatureTable.Options().label("y", "c")));
        assertTrue(m.contains("'c'") && m.contains("a, b"), m);
        Path empty = csv("empty.csv", "ID,f1,y\nA,1,a\nB,2,\nC,3,b\n");
        m = fails(() -> FeatureTable.read(empty, new FeatureTable.Options().label("y", "a")));
        assertTrue(m.contains("empty for ID 'B'"), m);
        FeatureTable none = FeatureTable.read(two, new FeatureTable.Options().exclude("y"));
        assertNull(none.y());
    }

    @Test
    void missingValuesAreCountedAndRefusedUnlessAllowed() throws Exception {
        Path a = csv("m.csv", "ID,f1,f2,y\nA,1,,0\nB,NA,2,1\nC,3,NaN,0\nD,4,5,1\n");
        String m = fails(() -> FeatureTable.read(a, new FeatureTable.Options().label("y", "1")));
        assertTrue(m.contains("column 'f1' has 1 missing value"), m);
        FeatureTable t = FeatureTable.read(a, new FeatureTable.Options().label("y", "1").allowMissing(true));
        assertEquals(Map.of("f1", 1, "f2", 2), t.missing());
        assertTrue(Double.isNaN(t.x()[1][0]) && Double.isNaN(t.x()[0][1]) && Double.isNaN(t.x()[2][1]));
    }

    @Test
    void textColumnsAreErrorsUnlessCategoricalOrExcluded() throws Exception {
        Path a = csv("c.csv", "ID,f1,sex,site,y\nA,1,M,b,0\nB,2,F,a,1\nC,3,M,c,0\nD,4,F,a,1\n");
        String m = fails(() -> FeatureTable.read(a, new FeatureTable.Options().label("y", "1")));
        assertTrue(m.contains("column 'sex' is not numeric") && m.contains("'M'"), m);
        FeatureTable t = FeatureTable.read(a, new FeatureTable.Options().label("y", "1").categorical("sex", "site"));
        // reference levels: F (sex), a (site)
        assertEquals(List.of("f1", "sex=M", "site=b", "site=c"), t.columns());
        assertArrayEquals(new double[] {1, 1, 1, 0}, t.x()[0]);
        assertArrayEquals(new double[] {2, 0, 0, 0}, t.x()[1]);
        assertArrayEquals(new double[] {3, 1, 0, 1}, t.x()[2]);
        FeatureTable ex = FeatureTable.read(a, new FeatureTable.Options().label("y", "1").exclude("sex").excludePrefix("si"));
        assertEquals(List.of("f1"), ex.columns());
    }

    @Test
    void strictRefusesConstantAndAllMissingFeatures() throws Exception {
        Path a = csv("s.csv", "ID,f1,k,y\nA,1,5,0\nB,2,5,1\nC,3,5,0\n");
        FeatureTable.read(a, new FeatureTable.Options().label("y", "1"));
        String m = fails(() -> FeatureTable.read(a, new FeatureTable.Options().label("y", "1").strict(true)));
        assertTrue(m.contains("'k'") && m.contains("constant"), m);
        Path b = csv("s2.csv", "ID,f1,e,y\nA,1,,0\nB,2,NA,1\nC,3,,0\n");
        m = fails(() -> FeatureTable.read(b, new FeatureTable.Options().label("y", "1").allowMissing(true).strict(true)));
        assertTrue(m.contains("'e'") && m.contains("missing in every case"), m);
    }
}
