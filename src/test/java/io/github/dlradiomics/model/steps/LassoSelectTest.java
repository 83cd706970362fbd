package io.github.dlradiomics.model.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.model.Lasso;
import io.github.dlradiomics.model.Splits;
import io.github.dlradiomics.model.Step;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The "lasso" selection step: keeps the nonzero features of a cross-validated LASSO, JSON round trip. */
class LassoSelectTest {
    /** y depends on f0 (+) and f1 (-); f2..f7 noise; features on very different scales. */
    static double[][] data(int n, long seed, int[] y, boolean signal) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][8];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 8; j++) {
                x[i][j] = r.nextGaussian() * Math.pow(10, j % 4 - 1) + 3 * j;
            }
            double eta = signal ? 2.0 * (x[i][0] - 0) / 0.1 - 1.5 * (x[i][1] - 3) : 0;
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        return x;
    }

    @Test
    void keepsTheNonzeroFeaturesAtLambda1se() {
        int n = 200;
        int[] y = new int[n];
        double[][] x = data(n, 1, y, true);
        List<String> names = StepsTest.names(8);
        LassoSelect s = new LassoSelect("1se", 5, 42);
        s.fit(x, y, names);
        assertTrue(s.outputNames().containsAll(List.of("f0", "f1")), s.outputNames().toString());
        // the same selection computed directly
        Lasso lasso = new Lasso();
        Lasso.Cv cv = lasso.cv(x, y, Splits.stratifiedFolds(y, 5, 42));
        Lasso.Fit f = lasso.coefficients(x, y, names, cv.path(), cv.lambda1se());
        assertEquals(f.nonzero(), s.outputNames());
        assertEquals(cv.lambda1se(), s.lambda());
        assertEquals(f.coefficients().get("f0"), s.coefficients().get("f0"));
        assertTrue(s.coefficients().get("f0") > 0 && s.coefficients().get("f1") < 0);
        assertTrue(s.summary().contains("lambda.1se"), s.summary());
        // min keeps at least as many
        LassoSelect m = new LassoSelect("min", 5, 42);
        m.fit(x, y, names);
        assertTrue(m.outputNames().containsAll(s.outputNames()));
        // transform and JSON round trip
        double[][] t = s.transform(x);
        assertEquals(s.outputNames().size(), t[0].length);
        StepsTest.roundTrip(s, x);
        @SuppressWarnings("unchecked")
        LassoSelect back = (LassoSelect) Steps.fromJson((Map<String, Object>) Json.parse(Json.write(s.toJson())));
        assertEquals(s.coefficients(), back.coefficients());
        assertEquals(s.lambda(), back.lambda());
        assertEquals(s.summary(), back.summary());
        Step parsed = Steps.parseOne("lasso:min", new Steps.Context(42, 5));
        parsed.fit(x, y, names);
        assertEquals(m.outputNames(), parsed.outputNames());
    }

    @Test
    void traceIsWhatLassoComputesDirectly() {
        int n = 200;
        int[] y = new int[n];
        double[][] x = data(n, 1, y, true);
        List<String> names = StepsTest.names(8);
        LassoSelect s = new LassoSelect("1se", 5, 42);
        s.fit(x, y, names);
        LassoSelect.Trace t = s.trace();
        Lasso.Cv cv = new Lasso().cv(x, y, Splits.stratifiedFolds(y, 5, 42));
        assertArrayEquals(cv.lambda(), t.lambda());
        assertArrayEquals(cv.cvm(), t.cvm());
        assertArrayEquals(cv.cvsd(), t.cvsd());
        assertEquals(cv.lambdaMin(), t.lambdaMin());
        assertEquals(cv.lambda1se(), t.lambda1se());
        assertTrue(t.lambda1se() >= t.lambdaMin());
        // the path: every feature that is ever nonzero, with its coefficients; the others are zero throughout
        double[][] beta = cv.path().beta();
        for (int j = 0; j < names.size(); j++) {
            int k = t.features().indexOf(names.get(j));
            boolean ever = false;
            for (int i = 0; i < beta.length; i++) {
                ever |= beta[i][j] != 0;
                if (k >= 0) {
                    assertEquals(beta[i][j], t.path()[k][i]);
                    assertEquals(beta[i][j], t.beta()[i][k]);
                }
            }
            assertEquals(ever, k >= 0, names.get(j));
        }
        // the number nonzero at lambda.1se is the step's kept count
        int at = cv.path().indexOf(t.lambda1se());
        assertTrue(at >= 0);
        assertEquals(s.outputNames().size(), t.df()[at]);
        assertEquals(s.outputNames().size(), t.kept());
        assertEquals("1se", t.ruleUsed());
        assertEquals(t.lambda1se(), t.chosen());
        assertEquals(8, t.featuresIn());
        // JSON round trip (as run.json carries it); the pipeline JSON does not carry it
        @SuppressWarnings("unchecked")
        LassoSelect.Trace back = LassoSelect.Trace.fromJson((Map<String, Object>) Json.parse(Json.write(t.toJson())));
        assertArrayEquals(t.lambda(), back.lambda());
        assertArrayEquals(t.cvm(), back.cvm());
        assertEquals(t.features(), back.features());
        assertArrayEquals(t.path()[0], back.path()[0]);
        assertEquals(t.kept(), back.kept());
        assertEquals(t.lambda1se(), back.lambda1se());
        assertFalse(s.toJson().containsKey("lasso") || Json.write(s.toJson()).contains("cvm"));
        @SuppressWarnings("unchecked")
        LassoSelect loaded = (LassoSelect) Steps.fromJson((Map<String, Object>) Json.parse(Json.write(s.toJson())));
        assertNull(loaded.trace());
    }

    @Test
    void noSignalFallsBackToLambdaMinOrFails() {
        int n = 120;
        int[] y = new int[n];
        double[][] x = data(n, 9, y, false);
        LassoSelect s = new LassoSelect("1se", 5, 3);
        try {
            s.fit(x, y, StepsTest.names(8));
            assertTrue(s.summary().contains("used lambda.min"), s.summary());
            assertEquals("min", s.ruleUsed());
            LassoSelect.Trace t = s.trace();
            assertEquals("min", t.ruleUsed());
            assertEquals(t.lambdaMin(), t.chosen());
            assertEquals(s.outputNames().size(), t.df()[java.util.Arrays.binarySearch(negate(t.lambda()), -t.lambdaMin())]);
        } catch (UserInputException e) {
            assertTrue(e.getMessage().contains("no feature has a nonzero coefficient"), e.getMessage());
        }
    }

    private static double[] negate(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = -v[i];
        }
        return o;
    }

    @Test
    void refusesMissingValuesAndBadParameters() {
        int n = 60;
        int[] y = new int[n];
        double[][] x = data(n, 2, y, true);
        x[4][3] = Double.NaN;
        UserInputException e = assertThrows(UserInputException.class, () -> new LassoSelect("1se", 5, 1).fit(x, y,
                StepsTest.names(8)));
        assertTrue(e.getMessage().contains("'f3'") && e.getMessage().contains("impute"), e.getMessage());
        assertThrows(UserInputException.class, () -> new LassoSelect("max", 5, 1));
        assertThrows(UserInputException.class, () -> new LassoSelect("1se", 2, 1));
    }
}
