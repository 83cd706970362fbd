package io.github.dlradiomics.stats;

import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Intraclass correlation coefficients of Shrout and Fleiss (1979), computed exactly as R's
 * {@code psych::ICC} does, from the mean squares of the two-way ANOVA {@code value ~ subject + rater}
 * on an n subjects x k raters table without missing values:
 * <pre>
 *   MSB = between subjects, MSJ = between raters (judges), MSE = residual,
 *   MSW = (SSJ + SSE) / (n (k - 1))                       (within subjects, one-way model)
 *   ICC1  = (MSB - MSW) / (MSB + (k - 1) MSW)             one-way random, single rater
 *   ICC2  = (MSB - MSE) / (MSB + (k - 1) MSE + k (MSJ - MSE) / n)   two-way random, absolute agreement
 *   ICC3  = (MSB - MSE) / (MSB + (k - 1) MSE)             two-way mixed, consistency
 *   ICC1k = (MSB - MSW) / MSB,  ICC2k = (MSB - MSE) / (MSB + (MSJ - MSE) / n),  ICC3k = (MSB - MSE) / MSB
 *   F = MSB / MSW on (n - 1, n (k - 1)) df for ICC1 and ICC1k; F = MSB / MSE on (n - 1, (n - 1)(k - 1))
 *   df for the others; p = P(F' &gt; F).
 * </pre>
 * Confidence limits (level 1 - alpha) follow psych: with FL = F / qf(1 - alpha/2, df1, df2) and
 * FU = F qf(1 - alpha/2, df2, df1), ICC1 and ICC3 take (FL - 1)/(FL + k - 1) and (FU - 1)/(FU + k - 1),
 * ICC1k and ICC3k take 1 - 1/FL and 1 - 1/FU. ICC2 uses Satterthwaite's approximate degrees of freedom
 * {@code v} (Shrout and Fleiss, eq. 8-9, with Fj = MSJ/MSE):
 * <pre>
 *   v  = (k-1)(n-1) (k ICC2 Fj + n (1 + (k-1) ICC2) - k ICC2)² / ((n-1) k² ICC2² Fj² + (n (1 + (k-1) ICC2) - k ICC2)²)
 *   F* = qf(1 - alpha/2, n - 1, v),  F** = qf(1 - alpha/2, v, n - 1)
 *   L  = n (MSB - F* MSE) / (F* (k MSJ + (k n - k - n) MSE) + n MSB)
 *   U  = n (F** MSB - MSE) / (k MSJ + (k n - k - n) MSE + n F** MSB)
 * </pre>
 * and ICC2k's limits are L k / (1 + L (k - 1)) and U k / (1 + U (k - 1)).
 *
 * <p>psych's default {@code lmer = TRUE} estimates the variance components with lme4; with complete
 * data this gives these same mean squares whenever MSB &gt;= MSE and MSJ &gt;= MSE (REML equals the ANOVA
 * estimates inside the parameter space), which real reader studies meet; this class always uses the
 * ANOVA mean squares ({@code lmer = FALSE}).
 *
 * <pre>Icc.Result r = Icc.compute(ratings); double icc2 = r.get(Icc.Type.ICC2).value();</pre>
 */
public final class Icc {
    private Icc() {
    }

    /** The six coefficients, in psych's order. */
    public enum Type {
        ICC1("Single_raters_absolute"),
        ICC2("Single_random_raters"),
        ICC3("Single_fixed_raters"),
        ICC1k("Average_raters_absolute"),
        ICC2k("Average_random_raters"),
        ICC3k("Average_fixed_raters");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        /** psych's row name, e.g. "Single_random_raters". */
        public String description() {
            return description;
        }

        /** Parses "ICC2", "icc2", "ICC(2,1)", "ICC3k", "ICC(3,k)". */
        public static Type parse(String s) {
            String t = s.trim().replace(" ", "").toUpperCase(java.util.Locale.ROOT);
            for (Type ty : values()) {
                String n = ty.name().toUpperCase(java.util.Locale.ROOT);
                String sf = "ICC(" + n.charAt(3) + "," + (n.length() > 4 ? "K" : "1") + ")";
                if (t.equals(n) || t.equals(sf)) {
                    return ty;
                }
            }
            throw new UserInputException("ICC type '" + s + "' is not one of ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k "
                    + "(or ICC(2,1), ICC(3,k), ...)");
        }
    }

    /**
     * One coefficient with its F test and confidence interval.
     *
     * @param type which coefficient
     * @param value the ICC
     * @param f the F statistic
     * @param df1 numerator degrees of freedom
     * @param df2 denominator degrees of freedom
     * @param p P(F' &gt; f)
     * @param lower lower confidence limit
     * @param upper upper confidence limit
     */
    public record Estimate(Type type, double value, double f, double df1, double df2, double p, double lower,
            double upper) {
    }

    /**
     * All six coefficients with the ANOVA behind them.
     *
     * @param subjects n
     * @param raters k
     * @param alpha 1 - confidence level
     * @param msb between-subjects mean square
     * @param msw within-subjects mean square
     * @param msj between-raters mean square
     * @param mse residual mean square
     * @param estimates the six coefficients in {@link Type} order
     */
    public record Result(int subjects, int raters, double alpha, double msb, double msw, double msj, double mse,
            List<Estimate> estimates) {
        /** One coefficient. */
        public Estimate get(Type t) {
            return estimates.get(t.ordinal());
        }

        /**
         * The JSON-ready map {@code {"ICC1": {"value", "ci": [lo, hi], "F", "p"}, ...}} (the
         * {@code ./dlrad stats icc --json} contract).
         */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Estimate e : estimates) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("value", e.value());
                x.put("ci", new double[] {e.lower(), e.upper()});
                x.put("F", e.f());
                x.put("p", e.p());
                m.put(e.type().name(), x);
            }
            return m;
        }
    }

    /** The six ICCs of {@code ratings[subject][rater]} with 95% confidence intervals. */
    public static Result compute(double[][] ratings) {
        return compute(ratings, 0.05);
    }

    /** The six ICCs of {@code ratings[subject][rater]} with (1 - alpha) confidence intervals. */
    public static Result compute(double[][] ratings, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new UserInputException("alpha must be between 0 and 1 (got " + alpha + ")");
        }
        int n = ratings.length;
        if (n < 2) {
            throw new UserInputException("ICC needs at least 2 subjects (got " + n + ")");
        }
        int k = ratings[0].length;
        if (k < 2) {
            throw new UserInputException("ICC needs at least 2 raters (got " + k + ")");
        }
        for (int i = 0; i < n; i++) {
            if (ratings[i].length != k) {
                throw new UserInputException("ICC: subject " + (i + 1) + " has " + ratings[i].length + " ratings, subject 1 has "
                        + k);
            }
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(ratings[i][j])) {
                    throw new UserInputException("ICC: subject " + (i + 1) + ", rater " + (j + 1) + " has no finite value ("
                            + ratings[i][j] + "); missing values are not allowed");
                }
            }
        }
        double grand = 0;
        double[] row = new double[n];
        double[] col = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                row[i] += ratings[i][j];
                col[j] += ratings[i][j];
                grand += ratings[i][j];
            }
        }
        grand /= (double) n * k;
        for (int i = 0; i < n; i++) {
            row[i] /= k;
        }
        for (int j = 0; j < k; j++) {
            col[j] /= n;
        }
        double ssb = 0;
        double ssj = 0;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            ssb += (row[i] - grand) * (row[i] - grand);
        }
        ssb *= k;
        for (int j = 0; j < k; j++) {
            ssj += (col[j] - grand) * (col[j] - grand);
        }
        ssj *= n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double r = ratings[i][j] - row[i] - col[j] + grand;
                sse += r * r;
            }
        }
        double msb = ssb / (n - 1);
        double msj = ssj / (k - 1);
        double mse = sse / ((double) (n - 1) * (k - 1));
        double msw = (ssj + sse) / ((double) n * (k - 1));
        return fromMeanSquares(n, k, msb, msw, msj, mse, alpha);
    }

    /** The six ICCs from the ANOVA mean squares (psych's formulas; see the class comment). */
    public static Result fromMeanSquares(int n, int k, double msb, double msw, double msj, double mse, double alpha) {
        double icc1 = (msb - msw) / (msb + (k - 1) * msw);
        double icc2 = (msb - mse) / (msb + (k - 1) * mse + k * (msj - mse) / n);
        double icc3 = (msb - mse) / (msb + (k - 1) * mse);
        double icc1k = (msb - msw) / msb;
        double icc2k = (msb - mse) / (msb + (msj - mse) / n);
        double icc3k = (msb - mse) / msb;

        double f11 = msb / msw;
        double df11n = n - 1;
        double df11d = (double) n * (k - 1);
        double p11 = pValue(f11, df11n, df11d);
        double f21 = msb / mse;
        double df21n = n - 1;
        double df21d = (double) (n - 1) * (k - 1);
        double p21 = pValue(f21, df21n, df21d);

        double q = 1 - alpha / 2;
        double f1l = f11 / FDistribution.quantile(q, df11n, df11d);
        double f1u = f11 * FDistribution.quantile(q, df11d, df11n);
        double f3l = f21 / FDistribution.quantile(q, df21n, df21d);
        double f3u = f21 * FDistribution.quantile(q, df21d, df21n);

        double fj = msj / mse;
        double a = k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2;
        double vn = (k - 1) * (n - 1) * a * a;
        double b = n * (1 + (k - 1) * icc2) - k * icc2;
        double vd = (n - 1) * (double) k * k * icc2 * icc2 * fj * fj + b * b;
        double v = vn / vd;
        double fStar = quantileOrNaN(q, n - 1, v);
        double fStar2 = quantileOrNaN(q, v, n - 1);
        double l2 = n * (msb - fStar * mse) / (fStar * (k * msj + (k * n - k - n) * mse) + n * msb);
        double u2 = n * (fStar2 * msb - mse) / (k * msj + (k * n - k - n) * mse + n * fStar2 * msb);

        List<Estimate> e = new ArrayList<>();
        e.add(new Estimate(Type.ICC1, icc1, f11, df11n, df11d, p11, (f1l - 1) / (f1l + (k - 1)), (f1u - 1) / (f1u + k - 1)));
        e.add(new Estimate(Type.ICC2, icc2, f21, df21n, df21d, p21, l2, u2));
        e.add(new Estimate(Type.ICC3, icc3, f21, df21n, df21d, p21, (f3l - 1) / (f3l + k - 1), (f3u - 1) / (f3u + k - 1)));
        e.add(new Estimate(Type.ICC1k, icc1k, f11, df11n, df11d, p11, 1 - 1 / f1l, 1 - 1 / f1u));
        e.add(new Estimate(Type.ICC2k, icc2k, f21, df21n, df21d, p21, l2 * k / (1 + l2 * (k - 1)), u2 * k / (1 + u2 * (k - 1))));
        e.add(new Estimate(Type.ICC3k, icc3k, f21, df21n, df21d, p21, 1 - 1 / f3l, 1 - 1 / f3u));
        return new Result(n, k, alpha, msb, msw, msj, mse, List.copyOf(e));
    }

    private static double pValue(double f, double df1, double df2) {
        return Double.isNaN(f) ? Double.NaN : FDistribution.upperTail(f, df1, df2);
    }

    // Degenerate tables (e.g. identical raters: MSE = 0) give v = NaN or 0; R's qf returns NaN there.
    private static double quantileOrNaN(double p, double df1, double df2) {
        return df1 > 0 && df2 > 0 && Double.isFinite(df2) ? FDistribution.quantile(p, df1, df2) : Double.NaN;
    }
}
