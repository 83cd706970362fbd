package io.github.dlradiomics.stats;

/**
 * The regularized incomplete beta function I_x(a, b), its inverse in x, and log Gamma: what the F
 * distribution's p values and quantiles rest on. I_x is evaluated by its continued fraction with the
 * modified Lentz algorithm (Press et al., Numerical Recipes 3rd ed., 6.4), using the symmetry
 * I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges slowly; the inverse starts from Numerical
 * Recipes' initial guess and refines with Halley steps kept inside a bisection bracket. I_x is accurate to
 * about 1e-14 relative for moderate a and b (the F distributions of reliability statistics); the inverse
 * is as accurate as a double can resolve the root (roots very near 1 are resolved to 1e-16 absolute).
 *
 * <pre>double p = IncompleteBeta.regularized(0.3, 2.5, 7); double x = IncompleteBeta.inverse(p, 2.5, 7);</pre>
 */
public final class IncompleteBeta {
    private static final double EPS = 1e-16;
    private static final double FPMIN = Double.MIN_NORMAL / EPS;
    private static final int MAX_ITERATIONS = 10_000;
    // Lanczos approximation, g = 607/128, 15 terms (Godfrey's coefficients, as in Boost and Commons Math).
    private static final double LANCZOS_G = 607.0 / 128.0;
    private static final double[] LANCZOS = {0.99999999999999709182, 57.156235665862923517, -59.597960355475491248,
        14.136097974741747174, -0.49191381609762019978, .33994649984811888699e-4, .46523628927048575665e-4,
        -.98374475304879564677e-4, .15808870322491248884e-3, -.21026444172410488319e-3, .21743961811521264320e-3,
        -.16431810653676389022e-3, .84418223983852743293e-4, -.26190838401581408670e-4, .36899182659531622704e-5};
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private IncompleteBeta() {
    }

    /** ln Γ(x) for x &gt; 0. */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        if (x < 0.5) {
            // Γ(x) = Γ(x + 1) / x keeps the series in its accurate range.
            return logGamma(x + 1) - Math.log(x);
        }
        double sum = 0;
        for (int i = LANCZOS.length - 1; i > 0; i--) {
            sum += LANCZOS[i] / (x + i);
        }
        sum += LANCZOS[0];
        double t = x + LANCZOS_G + 0.5;
        return (x + 0.5) * Math.log(t) - t + HALF_LOG_2PI + Math.log(sum / x);
    }

    /**
     * ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b). When an argument is 10 or more the large log-gammas are not
     * subtracted from each other (they cancel to a few digits when a + b is large, e.g. B(df/2, 1/2) of a t
     * distribution with df = 1e5): as R's lbeta, Stirling's formula with the corrections {@link #stirlingCorrection}.
     */
    public static double logBeta(double a, double b) {
        double p = Math.min(a, b);
        double q = Math.max(a, b);
        if (p >= 10) {
            double corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
            return -0.5 * Math.log(q) + HALF_LOG_2PI + corr + (p - 0.5) * Math.log(p / (p + q))
                    + q * Math.log1p(-p / (p + q));
        }
        if (q >= 10) {
            double corr = stirlingCorrection(q) - stirlingCorrection(p + q);
            return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
        }
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /**
     * ln Γ(x) - ((x - 1/2) ln x - x + ln sqrt(2π)) for x &gt;= 10, by the Stirling series to the x^-15 term
     * (truncation below 1e-17 there).
     */
    static double stirlingCorrection(double x) {
        double r = 1 / x;
        double r2 = r * r;
        return r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680 + r2 * (1.0 / 1188
                + r2 * (-691.0 / 360360 + r2 * (1.0 / 156 + r2 * (-3617.0 / 122400))))))));
    }

    /** I_x(a, b) for 0 &lt;= x &lt;= 1, a, b &gt; 0. */
    public static double regularized(double x, double a, double b) {
        check(a, b);
        if (Double.isNaN(x) || x < 0 || x > 1) {
            throw new IllegalArgumentException("incomplete beta needs 0 <= x <= 1, got " + x);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - front(x, a, b) * continuedFraction(1 - x, b, a) / b;
        }
        return front(x, a, b) * continuedFraction(x, a, b) / a;
    }

    /**
     * I_x(a, b) given both x and y = 1 - x, each to full relative precision (the Student t distribution has
     * x = df/(df+t²) and y = t²/(df+t²)): no 1 - x is formed, so an x near 1 loses nothing.
     */
    static double regularized(double x, double y, double a, double b) {
        check(a, b);
        if (x <= 0) {
            return 0;
        }
        if (y <= 0) {
            return 1;
        }
        double lx = x > 0.5 ? Math.log1p(-y) : Math.log(x);
        double ly = y > 0.5 ? Math.log1p(-x) : Math.log(y);
        double front = Math.exp(a * lx + b * ly - logBeta(a, b));
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - front * continuedFraction(y, b, a) / b;
        }
        return front * continuedFraction(x, a, b) / a;
    }

    /** 1 - I_x(a, b), computed without cancellation when it is small. */
    public static double complement(double x, double a, double b) {
        return regularized(1 - x, b, a);
    }

    private static void check(double a, double b) {
        if (!(a > 0 && b > 0) || Double.isInfinite(a) || Double.isInfinite(b)) {
            throw new IllegalArgumentException("incomplete beta needs finite a, b > 0, got a = " + a + ", b = " + b);
        }
    }

    private static double front(double x, double a, double b) {
        return Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b));
    }

    private static double continuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < FPMIN) {
            d = FPMIN;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < FPMIN) {
                d = FPMIN;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < FPMIN) {
                c = FPMIN;
            }
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < FPMIN) {
                d = FPMIN;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < FPMIN) {
                c = FPMIN;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta: continued fraction did not converge for x = " + x + ", a = " + a
                + ", b = " + b);
    }

    /** The x in [0, 1] with I_x(a, b) = p. */
    public static double inverse(double p, double a, double b) {
        check(a, b);
        if (Double.isNaN(p) || p < 0 || p > 1) {
            throw new IllegalArgumentException("inverse incomplete beta needs 0 <= p <= 1, got " + p);
        }
        if (p == 0 || p == 1) {
            return p;
        }
        if (p > 0.5) {
            // Solve the complement: 1 - p is exact here and its root 1 - x is resolved better near x = 1.
            return 1 - solve(1 - p, b, a);
        }
        return solve(p, a, b);
    }

    private static double solve(double p, double a, double b) {
        double x = initialGuess(p, a, b);
        double lo = 0;
        double hi = 1;
        double lbeta = logBeta(a, b);
        for (int it = 0; it < 300; it++) {
            double f = regularized(x, a, b) - p;
            if (f == 0) {
                return x;
            }
            if (f > 0) {
                hi = x;
            } else {
                lo = x;
            }
            double logPdf = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lbeta;
            double u = f / Math.exp(logPdf);
            double corr = u * ((a - 1) / x - (b - 1) / (1 - x));
            double step = u / (1 - 0.5 * Math.min(1, Math.max(-1, corr)));
            double next = x - step;
            if (!(next > lo && next < hi) || Double.isNaN(next)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - x) <= 4 * Math.ulp(x) || hi - lo <= 4 * Math.ulp(x)) {
                return next;
            }
            x = next;
        }
        return x;
    }

    // Numerical Recipes 3rd ed., Beta::invbetai: a good start for the iteration.
    private static double initialGuess(double p, double a, double b) {
        double x;
        if (a >= 1 && b >= 1) {
            double pp = p < 0.5 ? p : 1 - p;
            double t = Math.sqrt(-2 * Math.log(pp));
            x = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
            if (p < 0.5) {
                x = -x;
            }
            double al = (x * x - 3) / 6;
            double h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
            double w = (x * Math.sqrt(al + h) / h) - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h));
            x = a / (a + b * Math.exp(2 * w));
        } else {
            double lna = Math.log(a / (a + b));
            double lnb = Math.log(b / (a + b));
            double t = Math.exp(a * lna) / a;
            double u = Math.exp(b * lnb) / b;
            double w = t + u;
            x = p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
        }
        if (!(x > 0 && x < 1)) {
            x = 0.5;
        }
        return x;
    }
}
