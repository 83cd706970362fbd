package io.github.dlradiomics.model.classifiers;

/**
 * Platt's sigmoid P(y = 1 | f) = 1 / (1 + exp(A·f + B)) fitted to decision values f, exactly as libsvm's
 * {@code sigmoid_train} (Lin, Lin &amp; Weng 2007, "A note on Platt's probabilistic outputs for support
 * vector machines"), which scikit-learn's {@code SVC(probability=True)} calls: targets smoothed by
 * Platt's prior, (N₊ + 1)/(N₊ + 2) for positives and 1/(N₋ + 2) for negatives; start A = 0,
 * B = log((N₋ + 1)/(N₊ + 1)); Newton's method on the cross-entropy with the Hessian shifted by 1e-12·I,
 * backtracking (step halving from 1 down to 1e-10, sufficient decrease 1e-4·step·gᵀd), at most 100
 * iterations, stopping when both gradient components are below 1e-5; the loss and probabilities are
 * evaluated in the overflow-free forms of libsvm.
 *
 * <pre>PlattScaling s = PlattScaling.fit(decisionValues, labels); double p = s.probability(0.7);</pre>
 *
 * @param a slope A (negative when larger f means class 1)
 * @param b offset B
 */
public record PlattScaling(double a, double b) {
    private static final int MAX_ITER = 100;
    private static final double MIN_STEP = 1e-10;
    private static final double SIGMA = 1e-12;
    private static final double EPS = 1e-5;

    /** Fits A and B to decision values {@code f} and labels {@code y} (1 = positive, anything else negative). */
    public static PlattScaling fit(double[] f, int[] y) {
        int l = f.length;
        double prior1 = 0;
        double prior0 = 0;
        for (int yi : y) {
            if (yi == 1) {
                prior1++;
            } else {
                prior0++;
            }
        }
        double hiTarget = (prior1 + 1.0) / (prior1 + 2.0);
        double loTarget = 1 / (prior0 + 2.0);
        double[] t = new double[l];
        for (int i = 0; i < l; i++) {
            t[i] = y[i] == 1 ? hiTarget : loTarget;
        }
        double a = 0.0;
        double b = Math.log((prior0 + 1.0) / (prior1 + 1.0));
        double fval = loss(f, t, a, b);
        for (int iter = 0; iter < MAX_ITER; iter++) {
            double h11 = SIGMA;
            double h22 = SIGMA;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < l; i++) {
                double fApB = f[i] * a + b;
                double p;
                double q;
                if (fApB >= 0) {
                    p = Math.exp(-fApB) / (1.0 + Math.exp(-fApB));
                    q = 1.0 / (1.0 + Math.exp(-fApB));
                } else {
                    p = 1.0 / (1.0 + Math.exp(fApB));
                    q = Math.exp(fApB) / (1.0 + Math.exp(fApB));
                }
                double d2 = p * q;
                h11 += f[i] * f[i] * d2;
                h22 += d2;
                h21 += f[i] * d2;
                double d1 = t[i] - p;
                g1 += f[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < EPS && Math.abs(g2) < EPS) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1;
            while (step >= MIN_STEP) {
                double newA = a + step * dA;
                double newB = b + step * dB;
                double newf = loss(f, t, newA, newB);
                if (newf < fval + 0.0001 * step * gd) {
                    a = newA;
                    b = newB;
                    fval = newf;
                    break;
                }
                step /= 2.0;
            }
            if (step < MIN_STEP) {
                break; // line search failed: libsvm keeps the current A, B
            }
        }
        return new PlattScaling(a, b);
    }

    /** The smoothed-target cross-entropy that the fit minimises (for tests and diagnostics). */
    public static double loss(double[] f, int[] y, double a, double b) {
        double prior1 = 0;
        for (int yi : y) {
            prior1 += yi == 1 ? 1 : 0;
        }
        double prior0 = y.length - prior1;
        double[] t = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            t[i] = y[i] == 1 ? (prior1 + 1.0) / (prior1 + 2.0) : 1 / (prior0 + 2.0);
        }
        return loss(f, t, a, b);
    }

    private static double loss(double[] f, double[] t, double a, double b) {
        double v = 0;
        for (int i = 0; i < f.length; i++) {
            double fApB = f[i] * a + b;
            if (fApB >= 0) {
                v += t[i] * fApB + Math.log(1 + Math.exp(-fApB));
            } else {
                v += (t[i] - 1) * fApB + Math.log(1 + Math.exp(fApB));
            }
        }
        return v;
    }

    /** P(y = 1) for decision value {@code f} (libsvm's {@code sigmoid_predict}). */
    public double probability(double f) {
        double fApB = f * a + b;
        if (fApB >= 0) {
            return Math.exp(-fApB) / (1.0 + Math.exp(-fApB));
        }
        return 1.0 / (1 + Math.exp(fApB));
    }
}
