package io.github.dlradiomics.stats;

/** The chi-square distribution through the regularised incomplete gamma function (series / continued fraction). */
public final class ChiSquare {
    private ChiSquare() {
    }

    /** P(X > x) for X ~ chi-square(df), as R's pchisq(x, df, lower.tail = FALSE). */
    public static double upperTail(double x, double df) {
        if (x <= 0) {
            return 1;
        }
        double a = df / 2;
        double z = x / 2;
        return z < a + 1 ? 1 - lowerSeries(a, z) : upperFraction(a, z);
    }

    private static double lowerSeries(double a, double x) {
        double sum = 1 / a;
        double term = sum;
        for (int n = 1; n < 10000; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * 1e-17) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    private static double upperFraction(double a, double x) {
        // Lentz's continued fraction for Q(a, x)
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /** log Gamma(x), x > 0 (Lanczos, g = 7; about 1e-15 relative). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        x -= 1;
        double a = g[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += g[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
