package io.github.dlradiomics.stats;

import io.github.dlradiomics.util.UserInputException;

/**
 * Decision curves as dcurves::dca (binary outcome): at threshold probability pt, net benefit =
 * TP/n - FP/n * pt / (1 - pt), where a patient is treated when risk >= pt; "treat all" = prevalence -
 * (1 - prevalence) * pt / (1 - pt); "treat none" = 0. As dcurves does, risks of exactly 0 or 1 are moved
 * by the machine epsilon (2.2e-16) before comparing, so at pt = 0 a zero-risk patient is not treated.
 *
 * <pre>DecisionCurve.Result r = DecisionCurve.of(risk, y, DecisionCurve.thresholds("0:0.99:0.01"));</pre>
 */
public final class DecisionCurve {
    private DecisionCurve() {
    }

    /** Net benefit of the model, treat-all and treat-none at each threshold. */
    public record Result(double[] threshold, double[] netBenefit, double[] treatAll, double[] treatNone) {
    }

    /** R's seq(lo, hi, by = step): lo + i * step for i = 0..floor((hi - lo)/step + 1e-10), capped at hi. */
    public static double[] thresholds(String spec) {
        String[] p = spec.split(":");
        if (p.length != 3) {
            throw new UserInputException("--thresholds must be LO:HI:STEP, e.g. 0:0.99:0.01 (got '" + spec + "')");
        }
        double lo;
        double hi;
        double step;
        try {
            lo = Double.parseDouble(p[0]);
            hi = Double.parseDouble(p[1]);
            step = Double.parseDouble(p[2]);
        } catch (NumberFormatException e) {
            throw new UserInputException("--thresholds '" + spec + "': LO, HI and STEP must be numbers");
        }
        if (!(step > 0) || hi < lo || lo < 0 || hi >= 1) {
            throw new UserInputException("--thresholds '" + spec + "': needs 0 <= LO <= HI < 1 and STEP > 0");
        }
        int n = (int) Math.floor((hi - lo) / step + 1e-10);
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            t[i] = Math.min(lo + i * step, hi);
        }
        return t;
    }

    /** The decision curve of {@code risk} (probabilities in [0, 1]) against {@code y} (1 = event). */
    public static Result of(double[] risk, int[] y, double[] thresholds) {
        int n = y.length;
        int events = 0;
        for (int i = 0; i < n; i++) {
            if (!(risk[i] >= 0 && risk[i] <= 1)) {
                throw new UserInputException("decision curve: risk of row " + (i + 1) + " is " + risk[i]
                        + ", not a probability in [0, 1]");
            }
            events += y[i];
        }
        double prev = (double) events / n;
        double[] nb = new double[thresholds.length];
        double[] all = new double[thresholds.length];
        double[] none = new double[thresholds.length];
        double eps = Math.ulp(1.0);
        for (int k = 0; k < thresholds.length; k++) {
            double pt = thresholds[k];
            double tp = 0;
            double fp = 0;
            for (int i = 0; i < n; i++) {
                double r = risk[i] == 0 ? 0 - eps : risk[i] == 1 ? 1 + eps : risk[i];
                if (r >= pt) {
                    if (y[i] == 1) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
            }
            double odds = pt / (1 - pt);
            nb[k] = tp / n - fp / n * odds;
            all[k] = prev - (1 - prev) * odds;
            none[k] = 0;
        }
        return new Result(thresholds.clone(), nb, all, none);
    }
}
