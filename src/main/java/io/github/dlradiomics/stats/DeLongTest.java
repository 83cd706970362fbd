package io.github.dlradiomics.stats;

import io.github.dlradiomics.util.UserInputException;

/**
 * DeLong's tests of two AUCs as pROC 1.18's {@code roc.test(method = "delong")}.
 *
 * <p><b>Paired</b> ("two correlated ROC curves": both scores on the same patients): with S the 2×2 DeLong
 * covariance of the two AUCs (placement values, n-1 denominators), sig = sqrt(var1 + var2 - 2 cov),
 * Z = (AUC1 - AUC2) / sig, p from the normal distribution (two.sided 2Φ(-|Z|), greater Φ(-Z), less Φ(Z)); the
 * CI of AUC1 - AUC2 is d ∓ qnorm(1 - (1 - level)/2)·sig, always two-sided and not clamped. Identical curves
 * (d = 0, sig = 0) give Z = 0, p = 1 as pROC.
 *
 * <p><b>Unpaired</b> (different patients): D = (AUC1 - AUC2) / sqrt(V1 + V2) with the Student t distribution and
 * pROC's Welch-Satterthwaite-like df = (V1 + V2)² / (V1²/(N1 - 1) + V2²/(N2 - 1)), N = cases + controls of that
 * curve (non-integer df); no CI (pROC gives none).
 *
 * <pre>DeLongTest.Paired t = DeLongTest.paired(Roc.of(a, y, "auto"), Roc.of(b, y, "auto"), "two.sided", 0.95);</pre>
 */
public final class DeLongTest {
    private DeLongTest() {
    }

    /** Paired test: the AUCs, Z, p and the CI of AUC1 - AUC2. */
    public record Paired(double auc1, double auc2, double z, double p, double[] ci) {
    }

    /** Unpaired test: the AUCs, D (t statistic), its df and p. */
    public record Unpaired(double auc1, double auc2, double d, double df, double p) {
    }

    /**
     * The paired test of two curves on the same cases and controls, given in the same order (as
     * {@link Roc#of} makes them from one label vector); {@code alternative} "two.sided", "greater" or "less".
     */
    public static Paired paired(Roc a, Roc b, String alternative, double level) {
        checkAlternative(alternative);
        checkLevel(level);
        double var = a.varDeLong() + b.varDeLong() - 2 * Roc.covDeLong(a, b);
        double sig = Math.sqrt(Math.max(0, var));
        double d = a.auc() - b.auc();
        double z = d / sig;
        if (Double.isNaN(z) && d == 0 && sig == 0) {
            z = 0;
        }
        double p = switch (alternative) {
            case "two.sided" -> 2 * NormalDistribution.cdf(-Math.abs(z));
            case "greater" -> NormalDistribution.cdf(-z);
            default -> NormalDistribution.cdf(z);
        };
        double q = NormalDistribution.quantile(1 - (1 - level) / 2);
        return new Paired(a.auc(), b.auc(), z, p, new double[] {d - q * sig, d + q * sig});
    }

    /** The unpaired test (the curves may have different patients and sizes). */
    public static Unpaired unpaired(Roc a, Roc b, String alternative) {
        checkAlternative(alternative);
        double sr = a.varDeLong();
        double ss = b.varDeLong();
        double t = (a.auc() - b.auc()) / Math.sqrt(sr + ss);
        double ntotR = a.cases() + a.controls();
        double ntotS = b.cases() + b.controls();
        double df = (sr + ss) * (sr + ss) / (sr * sr / (ntotR - 1) + ss * ss / (ntotS - 1));
        double p;
        if (Double.isNaN(t) || !(df > 0)) {
            p = Double.NaN; // both variances 0 (e.g. two perfect curves): pROC's t is NaN too
        } else {
            p = switch (alternative) {
                case "two.sided" -> 2 * StudentT.cdf(-Math.abs(t), df);
                case "greater" -> StudentT.cdf(-t, df);
                default -> StudentT.cdf(t, df);
            };
        }
        return new Unpaired(a.auc(), b.auc(), t, df, p);
    }

    private static void checkAlternative(String alternative) {
        if (!alternative.equals("two.sided") && !alternative.equals("greater") && !alternative.equals("less")) {
            throw new UserInputException("--alternative must be two.sided, greater or less (got '" + alternative + "')");
        }
    }

    private static void checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new UserInputException("confidence level must be between 0 and 1 (got " + level + ")");
        }
    }
}
