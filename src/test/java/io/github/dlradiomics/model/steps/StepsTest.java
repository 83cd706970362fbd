package io.github.dlradiomics.model.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.model.Step;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The selection steps: what each keeps, on data where the answer is known, and their JSON round trips. */
class StepsTest {
    static List<String> names(int p) {
        List<String> n = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            n.add("f" + j);
        }
        return n;
    }

    /** Applies the step's JSON round trip and checks it transforms identically. */
    @SuppressWarnings("unchecked")
    static void roundTrip(Step s, double[][] x) {
        Step back = Steps.fromJson((Map<String, Object>) Json.parse(Json.write(s.toJson())));
        double[][] a = s.transform(x);
        double[][] b = back.transform(x);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0);
        }
        assertEquals(s.outputNames(), back.outputNames());
    }

    @Test
    void zscoreUsesTrainingStatisticsOnly() {
        double[][] train = {{1, 5}, {3, 5}, {5, 5}};
        ZScore z = new ZScore("population");
        z.fit(train, new int[] {0, 1, 0}, names(2));
        double sd = Math.sqrt(8.0 / 3);
        assertEquals((7 - 3) / sd, z.transform(new double[][] {{7, 9}})[0][0], 1e-12);
        assertEquals(0, z.transform(new double[][] {{7, 9}})[0][1], 0, "constant in training -> 0");
        ZScore s = new ZScore("sample");
        s.fit(train, new int[] {0, 1, 0}, names(2));
        assertEquals((7 - 3) / 2.0, s.transform(new double[][] {{7, 9}})[0][0], 1e-12);
        roundTrip(z, new double[][] {{7, 9}, {0, 1}});
        assertThrows(UserInputException.class, () -> new ZScore("robust"));
    }

    @Test
    void correlationFilterDropsTheMostRedundantFirst() {
        // f0 ~ f1 ~ f2 (one group), f3 independent, f4 constant
        Random r = new Random(1);
        int n = 60;
        double[][] x = new double[n][5];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            x[i][0] = a + 0.05 * r.nextGaussian();
            x[i][1] = a;
            x[i][2] = a + 0.05 * r.nextGaussian();
            x[i][3] = r.nextGaussian();
            x[i][4] = 2;
        }
        CorrelationFilter f = new CorrelationFilter("pearson", 0.9);
        f.fit(x, new int[n], names(5));
        // f1 is correlated with both others (2 partners) and goes first; then f0 and f2 remain correlated:
        // equal partner counts, the larger mean |r| goes, so exactly one of them stays
        List<String> kept = f.outputNames();
        assertEquals(2, kept.size(), kept.toString());
        assertTrue(kept.contains("f3"));
        assertTrue(!kept.contains("f1") && !kept.contains("f4"), kept.toString());
        roundTrip(f, x);
        // spearman is invariant to monotone transforms: exp of a column does not change the result
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            y[i] = x[i].clone();
            y[i][3] = Math.exp(x[i][3]);
        }
        CorrelationFilter s1 = new CorrelationFilter("spearman", 0.9);
        s1.fit(x, new int[n], names(5));
        CorrelationFilter s2 = new CorrelationFilter("spearman", 0.9);
        s2.fit(y, new int[n], names(5));
        assertEquals(s1.outputNames(), s2.outputNames());
    }

    @Test
    void welchAndMannWhitneyMatchR() {
        // R: t.test(c(5.1,4.9,6.2,5.8,6.0), c(4.1,4.5,3.9,5.0)) p-value = 0.007446 (Welch, df 6.98)
        double[] v = {4.1, 4.5, 3.9, 5.0, 5.1, 4.9, 6.2, 5.8, 6.0};
        int[] y = {0, 0, 0, 0, 1, 1, 1, 1, 1};
        double mean1 = (5.1 + 4.9 + 6.2 + 5.8 + 6.0) / 5;
        double mean0 = (4.1 + 4.5 + 3.9 + 5.0) / 4;
        double v1 = 0;
        double v0 = 0;
        for (int i = 0; i < 9; i++) {
            double d = v[i] - (y[i] == 1 ? mean1 : mean0);
            if (y[i] == 1) {
                v1 += d * d / 4;
            } else {
                v0 += d * d / 3;
            }
        }
        double se2 = v1 / 5 + v0 / 4;
        double t = (mean1 - mean0) / Math.sqrt(se2);
        double df = se2 * se2 / ((v1 / 5) * (v1 / 5) / 4 + (v0 / 4) * (v0 / 4) / 3);
        // independent p: numeric integration of the t density
        double p = 2 * tailByIntegration(Math.abs(t), df);
        assertEquals(p, UnivariateFilter.welch(v, y), 1e-8);
        // Mann-Whitney: all 5 cases above all 4 controls but one tie-free overlap: U = 19 of 20;
        // normal approximation: z = (19 - 10 - 0.5) / sqrt(4*5*10/12)
        double z = (19 - 10 - 0.5) / Math.sqrt(4.0 * 5 * 10 / 12);
        double expected = 2 * (1 - normalCdfByIntegration(z));
        assertEquals(expected, UnivariateFilter.mannWhitney(v, y), 1e-7);
        UnivariateFilter f = new UnivariateFilter("ttest", 0.05);
        double[][] x = new double[9][2];
        for (int i = 0; i < 9; i++) {
            x[i][0] = v[i];
            x[i][1] = i % 2;
        }
        f.fit(x, y, names(2));
        assertEquals(List.of("f0"), f.outputNames());
        roundTrip(f, x);
    }

    static double tailByIntegration(double t, double df) {
        // integral of the t density from t to a large bound, Simpson's rule on a fine grid
        double c = Math.exp(lgamma((df + 1) / 2) - lgamma(df / 2)) / Math.sqrt(df * Math.PI);
        double hi = t + 2000;
        int n = 4_000_000;
        double h = (hi - t) / n;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double x = t + i * h;
            double f = c * Math.pow(1 + x * x / df, -(df + 1) / 2);
            s += f * (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        return s * h / 3;
    }

    static double normalCdfByIntegration(double z) {
        int n = 2_000_000;
        double lo = -12;
        double h = (z - lo) / n;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double x = lo + i * h;
            double f = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
            s += f * (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        return s * h / 3;
    }

    static double lgamma(double x) {
        // Lanczos (g = 7, n = 9)
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        x -= 1;
        double a = g[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += g[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    @Test
    void rfeKeepsTheInformativeFeatures() {
        Random r = new Random(7);
        int n = 120;
        int p = 12;
        double[][] x = new double[n][p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = 2 * x[i][3] - 1.5 * x[i][8] + 0.3 * r.nextGaussian() > 0 ? 1 : 0;
        }
        Rfe rfe = new Rfe(2, 0, 1.0, 42);
        rfe.fit(x, y, names(p));
        assertEquals(List.of("f3", "f8"), rfe.outputNames());
        roundTrip(rfe, x);
    }

    @Test
    void varianceImputeKeepListAndParsing() {
        double[][] x = {{1, 2, Double.NaN}, {1, 4, 3}, {1, 6, 5}, {1, 8, Double.NaN}};
        Impute imp = new Impute("median");
        imp.fit(x, new int[] {0, 1, 0, 1}, names(3));
        double[][] filled = imp.transform(x);
        assertEquals(4, filled[0][2], 0);
        roundTrip(imp, x);
        VarianceFilter v = new VarianceFilter(0);
        v.fit(filled, new int[] {0, 1, 0, 1}, names(3));
        assertEquals(List.of("f1", "f2"), v.outputNames());
        KeepList k = new KeepList("ICC test", List.of("f2", "f9"));
        k.fit(filled, new int[] {0, 1, 0, 1}, names(3));
        assertEquals(List.of("f2"), k.outputNames());
        assertTrue(k.summary().contains("1 listed features not in the table"), k.summary());
        List<Step> steps = Steps.parse("impute:mean,variance,zscore:sample,corr:spearman:0.8,mwu:0.1,rfe:3,pca:DL_:0.9",
                new Steps.Context(1, 5));
        assertEquals(List.of("impute", "variance", "zscore", "corr", "mwu", "rfe", "pca"),
                steps.stream().map(Step::type).toList());
        UserInputException e = assertThrows(UserInputException.class, () -> Steps.parse("corr,boruta", new Steps.Context(1, 5)));
        assertTrue(e.getMessage().contains("boruta"), e.getMessage());
    }
}
