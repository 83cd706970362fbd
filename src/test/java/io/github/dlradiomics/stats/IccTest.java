package io.github.dlradiomics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.util.UserInputException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class IccTest {
    /** Shrout and Fleiss (1979), table 2: 6 targets x 4 judges (psych::ICC's help page; ../shared/reference/stats). */
    static final double[][] SF = {{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}};

    @Test
    void shroutFleissAsPsychPrintsIt() {
        Icc.Result r = Icc.compute(SF);
        assertEquals("0.17", String.format(Locale.ROOT, "%.2f", r.get(Icc.Type.ICC1).value()));
        assertEquals("0.29", String.format(Locale.ROOT, "%.2f", r.get(Icc.Type.ICC2).value()));
        assertEquals("0.71", String.format(Locale.ROOT, "%.2f", r.get(Icc.Type.ICC3).value()));
    }

    @Test
    void shroutFleissAllSix() {
        // psych's formulas evaluated in double precision with scipy's F quantiles (psych prints, rounded:
        // ICC1 0.17 [-0.133, 0.72], ICC2 0.29 [0.019, 0.76], ICC3 0.71 [0.342, 0.95], ICC1k 0.44 [-0.884, 0.91],
        // ICC2k 0.62 [0.071, 0.93], ICC3k 0.91 [0.676, 0.99]).
        double[][] expected = {
            {0.16574176840547544, 1.7946784922394681, 0.16476880834463953, -0.13293232487475098, 0.72256006232812098},
            {0.28976377952755911, 11.027247956403272, 0.00013456651648433688, 0.018786513374711999, 0.76108436964895287},
            {0.71484071484071487, 11.027247956403272, 0.00013456651648433688, 0.34246476503392531, 0.94585825995535955},
            {0.44279713367926865, 1.7946784922394681, 0.16476880834463953, -0.88444215523812009, 0.9124154203407755},
            {0.62005054759898914, 11.027247956403272, 0.00013456651648433688, 0.07113681530250332, 0.92723204016772187},
            {0.90931554237706946, 11.027247956403272, 0.00013456651648433688, 0.67567471381630462, 0.98589167816906231}};
        double[][] df = {{5, 18}, {5, 15}, {5, 15}, {5, 18}, {5, 15}, {5, 15}};
        Icc.Result r = Icc.compute(SF);
        assertEquals(11.241666666666669, r.msb(), 1e-12);
        assertEquals(6.263888888888889, r.msw(), 1e-12);
        assertEquals(32.486111111111114, r.msj(), 1e-12);
        assertEquals(1.0194444444444444, r.mse(), 1e-12);
        for (Icc.Type t : Icc.Type.values()) {
            Icc.Estimate e = r.get(t);
            double[] x = expected[t.ordinal()];
            assertEquals(t, e.type());
            assertEquals(x[0], e.value(), 1e-13, t + " value");
            assertEquals(x[1], e.f(), 1e-12, t + " F");
            assertEquals(x[2], e.p(), 1e-12 * x[2], t + " p");
            assertEquals(x[3], e.lower(), 1e-11, t + " lower");
            assertEquals(x[4], e.upper(), 1e-11, t + " upper");
            assertEquals(df[t.ordinal()][0], e.df1());
            assertEquals(df[t.ordinal()][1], e.df2());
        }
    }

    @Test
    void perfectAgreementAndNarrowerIntervals() {
        double[][] x = {{1, 1.1}, {2, 2.1}, {3, 2.9}, {4, 4.2}, {5, 5}};
        Icc.Result r = Icc.compute(x);
        for (Icc.Estimate e : r.estimates()) {
            assertTrue(e.value() > 0.98 && e.lower() < e.value() && e.value() < e.upper() && e.upper() <= 1, e.toString());
        }
        Icc.Result wide = Icc.compute(x, 0.01);
        assertTrue(wide.get(Icc.Type.ICC2).lower() < r.get(Icc.Type.ICC2).lower());
    }

    @Test
    void typeNames() {
        assertEquals(Icc.Type.ICC2, Icc.Type.parse("icc(2,1)"));
        assertEquals(Icc.Type.ICC3k, Icc.Type.parse("ICC(3,k)"));
        assertEquals(Icc.Type.ICC1k, Icc.Type.parse("icc1k"));
        assertThrows(UserInputException.class, () -> Icc.Type.parse("ICC4"));
    }

    @Test
    void clearErrors() {
        UserInputException e = assertThrows(UserInputException.class, () -> Icc.compute(new double[][] {{1, 2}}));
        assertTrue(e.getMessage().contains("2 subjects"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> Icc.compute(new double[][] {{1}, {2}}));
        assertTrue(e.getMessage().contains("2 raters"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> Icc.compute(new double[][] {{1, 2}, {3, Double.NaN}}));
        assertTrue(e.getMessage().contains("subject 2, rater 2"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> Icc.compute(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("subject 2"), e.getMessage());
    }
}
