package io.github.dlradiomics.nomogram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NomogramTest {
    @TempDir
    Path tmp;

    private static double[] seq(double from, double by, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = from + i * by;
        }
        return s;
    }

    /** Values printed by R 4.x for these calls (base R's documented pretty() examples and common ranges). */
    @Test
    void prettyAsR() {
        assertArrayEquals(seq(0, 2, 6), Pretty.pretty(1, 10, 5), 1e-12); // pretty(1:10)
        assertArrayEquals(seq(0, 20, 6), Pretty.pretty(1, 100, 5), 1e-12); // pretty(c(1, 100))
        assertArrayEquals(seq(15, 5, 15), Pretty.pretty(18, 81, 10), 1e-12); // pretty(c(18, 81), 10)
        assertArrayEquals(seq(0, 0.2, 6), Pretty.pretty(0, 1, 5), 1e-12); // pretty(c(0, 1))
        assertArrayEquals(seq(0, 0.1, 11), Pretty.pretty(0.01, 0.99, 10), 1e-12);
        assertArrayEquals(seq(-4, 2, 6), Pretty.pretty(-3.2, 4.7, 5), 1e-12);
        assertArrayEquals(new double[] {-1, 0}, Pretty.pretty(0, 0, 5), 1e-12); // pretty(0)
        assertArrayEquals(seq(0, 0.1, 11), Pretty.pretty(0, 1, 9), 1e-12); // pretty(c(0, 1), 9)
        assertArrayEquals(seq(2, 0.5, 3), Pretty.pretty(2.2, 2.9, 1), 1e-12); // pretty(c(2.2, 2.9), 1)
        assertArrayEquals(seq(0, 10, 11), Pretty.pretty(0, 100, 10), 1e-12);
        // the zero of a sequence through 0 is exactly 0 (R zaps rounding errors)
        double[] z = Pretty.pretty(-0.3, 0.3, 6);
        assertTrue(List.of(0.0).stream().anyMatch(v -> java.util.Arrays.stream(z).anyMatch(d -> d == v)));
    }

    @Test
    void approxAsR() {
        double[] x = {1, 2, 2, 4};
        double[] y = {10, 20, 30, 40};
        double[] out = Nomogram.approx(x, y, new double[] {0.5, 1, 1.5, 2, 3, 4, 5});
        assertTrue(Double.isNaN(out[0]));
        assertEquals(10, out[1], 0);
        assertEquals(17.5, out[2], 1e-12); // ties = mean: (2, 25)
        assertEquals(25, out[3], 0);
        assertEquals(32.5, out[4], 1e-12);
        assertEquals(40, out[5], 0);
        assertTrue(Double.isNaN(out[6]));
    }

    /**
     * aSAH, glm(outcome ~ age + wfns + s100b + ndka, binomial): the reference file holds R's fitted
     * probabilities, so every patient's points must add up to R's risk. The axis values, the scale and the
     * risk ticks are checked against rms's definitions computed here independently.
     */
    @Test
    void asahPointsAddUpToRsFittedRisk() throws Exception {
        Path csv = TestData.shared("reference/stats/aSAH_glm_fitted.csv");
        List<String> vars = List.of("age", "wfns", "s100b", "ndka");
        NomogramModel.Result r = NomogramModel.fit(csv, "ID", "outcome", "1", vars, List.of(), null);
        Nomogram n = r.nomogram();
        List<Map<String, String>> rows = Csv.read(csv);
        assertEquals(113, r.n());
        double maxDiff = 0;
        for (Map<String, String> row : rows) {
            Map<String, String> v = new LinkedHashMap<>();
            for (String name : vars) {
                v.put(name, row.get(name));
            }
            Nomogram.Score s = n.score(v);
            maxDiff = Math.max(maxDiff, Math.abs(s.risk() - Double.parseDouble(row.get("fitted"))));
            double sum = 0;
            for (double p : s.points()) {
                sum += p;
            }
            assertEquals(sum, s.total(), 1e-9);
        }
        assertTrue(maxDiff < 1e-8, "max |risk - R fitted| = " + maxDiff);

        // axes: wfns has 5 distinct values -> all kept; the others pretty(range, 10)
        double[] b = r.fit().coefficients();
        double widest = 0;
        for (int t = 0; t < vars.size(); t++) {
            Nomogram.Axis a = n.axes().get(t);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Map<String, String> row : rows) {
                double d = Double.parseDouble(row.get(vars.get(t)));
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
            double[] expected = vars.get(t).equals("wfns") ? new double[] {1, 2, 3, 4, 5} : Pretty.pretty(lo, hi, 10);
            assertArrayEquals(expected, a.values(), 1e-12, vars.get(t));
            widest = Math.max(widest, Math.abs(b[t]) * (expected[expected.length - 1] - expected[0]));
        }
        assertEquals(100 / widest, n.pointsPerLpUnit(), 1e-12 * n.pointsPerLpUnit());
        double maxPoints = 0;
        for (int t = 0; t < vars.size(); t++) {
            Nomogram.Axis a = n.axes().get(t);
            double min = Double.POSITIVE_INFINITY;
            for (double x : a.values()) {
                min = Math.min(min, b[t] * x);
            }
            for (int i = 0; i < a.values().length; i++) {
                assertEquals((b[t] * a.values()[i] - min) * n.pointsPerLpUnit(), a.points()[i], 1e-9);
                maxPoints = Math.max(maxPoints, a.points()[i]);
            }
        }
        assertEquals(100, maxPoints, 1e-9);
        // lp axis: pretty over the fitted linear predictors; risk ticks at their points within approx's error
        double lpLo = Double.POSITIVE_INFINITY;
        double lpHi = Double.NEGATIVE_INFINITY;
        for (Map<String, String> row : rows) {
            double p = Double.parseDouble(row.get("fitted"));
            double lp = Math.log(p / (1 - p));
            lpLo = Math.min(lpLo, lp);
            lpHi = Math.max(lpHi, lp);
        }
        assertArrayEquals(Pretty.pretty(lpLo, lpHi, 10), n.lpTicks(), 1e-12);
        double[] rp = n.riskTickPoints();
        double[] rv = n.riskTicks();
        assertTrue(rv.length >= 5);
        for (int i = 0; i < rp.length; i++) {
            double risk = Nomogram.plogis(rp[i] / n.pointsPerLpUnit() + n.lpAtZeroPoints());
            assertEquals(rv[i], risk, 2e-4, "risk tick " + rv[i]);
            assertTrue(rv[i] > 0 && rv[i] < 1);
        }
        // total points axis covers the lp axis, as rms: pretty(c(0, max(100, sc * max(lp.at - Intercept))))
        double[] lpAt = n.lpTicks();
        double sumMax = Math.max(100, n.pointsPerLpUnit() * (lpAt[lpAt.length - 1] - n.lpAtZeroPoints()));
        assertArrayEquals(Pretty.pretty(0, sumMax, 10), n.totalPointsTicks(), 1e-12);
    }

    @Test
    void categoricalLevelsJsonRoundTripAndErrors() throws Exception {
        Path csv = tmp.resolve("t.csv");
        StringBuilder sb = new StringBuilder("ID,sex,score,y\n");
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 120; i++) {
            String sex = rnd.nextBoolean() ? "M" : "F";
            double score = rnd.nextGaussian();
            double p = Nomogram.plogis(-0.5 + (sex.equals("M") ? 0.8 : 0) + 1.2 * score);
            sb.append("p").append(i).append(',').append(sex).append(',').append(score).append(',')
                    .append(rnd.nextDouble() < p ? "yes" : "no").append('\n');
        }
        Files.writeString(csv, sb.toString());
        NomogramModel.Result r = NomogramModel.fit(csv, "ID", "y", "yes", List.of("sex", "score"), List.of(), null);
        Nomogram.Axis sex = r.nomogram().axes().get(0);
        assertTrue(sex.categorical());
        assertEquals(List.of("F", "M"), sex.labels());
        assertEquals(List.of("sex=M", "score"), r.design());
        double bM = r.fit().coefficients()[0];
        assertEquals(0, sex.xbeta()[0], 0);
        assertEquals(bM, sex.xbeta()[1], 0);
        // the risk of every patient is the model's probability
        double[][] x = {{1, 0.3}, {0, -1.1}};
        double[] prob = r.fit().predictProba(x);
        assertEquals(prob[0], r.nomogram().score(Map.of("sex", "M", "score", "0.3")).risk(), 1e-12);
        assertEquals(prob[1], r.nomogram().score(Map.of("sex", "F", "score", "-1.1")).risk(), 1e-12);
        // JSON round trip
        Map<String, Object> json = Json.parseObject(Json.write(r.toJson()));
        Nomogram back = Nomogram.fromJson(json);
        assertEquals(r.nomogram().score(Map.of("sex", "M", "score", "0.3")).risk(),
                back.score(Map.of("sex", "M", "score", "0.3")).risk(), 1e-12);
        assertArrayEquals(r.nomogram().riskTickPoints(), back.riskTickPoints(), 1e-12);
        // errors name the variable
        UserInputException e = assertThrows(UserInputException.class,
                () -> r.nomogram().score(Map.of("sex", "X", "score", "0")));
        assertTrue(e.getMessage().contains("'X' is not a level of 'sex'"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> r.nomogram().score(Map.of("sex", "M")));
        assertTrue(e.getMessage().contains("no value for 'score'"), e.getMessage());
        e = assertThrows(UserInputException.class,
                () -> NomogramModel.fit(csv, "ID", "y", "yes", List.of("age"), List.of(), null));
        assertTrue(e.getMessage().contains("no column 'age'"), e.getMessage());
        // the figure draws (PNG and SVG) with a patient marked
        Nomogram.Score s = r.nomogram().score(Map.of("sex", "M", "score", "0.3"));
        new NomogramFigure(r.nomogram(), "t", "Risk of y = yes", s).write(tmp, "fig");
        assertTrue(Files.size(tmp.resolve("fig.png")) > 10_000);
        String svg = Files.readString(tmp.resolve("fig.svg"));
        assertTrue(svg.contains(">Total Points<") && svg.contains(">Risk of y = yes<") && svg.contains(">sex<"));
        List<String> labels = new ArrayList<>(sex.labels());
        assertEquals(2, labels.size());
    }
}
