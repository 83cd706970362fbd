package io.github.dlradiomics.model.classifiers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The C-SVC dual, min ½ αᵀQα - eᵀα subject to yᵀα = 0 and 0 &lt;= α &lt;= C with Q_ij = y_i y_j K(x_i, x_j),
 * solved by libsvm's SMO ({@code Solver::Solve} in svm.cpp, libsvm 3.x): the second-order working-set
 * selection WSS2 of Fan, Chen &amp; Lin (2005) with τ = 1e-12 for non-positive curvature, the clipped
 * two-variable update, the stopping rule m(α) - M(α) &lt; eps, at most max(10^7, 100 l) iterations, and ρ
 * from the free variables (or the midpoint of the feasible interval when none is free). Differences from
 * libsvm, neither of which changes the solution beyond eps: no shrinking, and kernel values kept in double
 * rather than float precision. Kernel rows are cached (LRU, about 100 MB).
 */
final class SmoSolver {
    private static final double TAU = 1e-12;
    private static final long CACHE_BYTES = 100L << 20;

    /** K(x_a, x_b) on training rows. */
    interface Kernel {
        double value(double[] a, double[] b);
    }

    /** α (one per training case) and the offset ρ of f(x) = Σ α_i y_i K(x_i, x) - ρ. */
    record Solution(double[] alpha, double rho, int iterations) {
    }

    private SmoSolver() {
    }

    static Solution solve(double[][] x, int[] y01, Kernel kernel, double c, double eps) {
        int l = x.length;
        byte[] y = new byte[l];
        for (int i = 0; i < l; i++) {
            y[i] = (byte) (y01[i] == 1 ? 1 : -1);
        }
        double[] qd = new double[l];
        for (int i = 0; i < l; i++) {
            qd[i] = kernel.value(x[i], x[i]);
        }
        int capacity = (int) Math.max(2, Math.min(l, CACHE_BYTES / (8L * l)));
        Map<Integer, double[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, double[]> e) {
                return size() > capacity;
            }
        };
        IntFunction<double[]> row = i -> cache.computeIfAbsent(i, k -> {
            double[] r = new double[l];
            for (int j = 0; j < l; j++) {
                r[j] = y[k] * y[j] * kernel.value(x[k], x[j]);
            }
            return r;
        });

        double[] alpha = new double[l];
        double[] g = new double[l];
        Arrays.fill(g, -1.0);
        int maxIter = (int) Math.max(10_000_000L, Math.min(Integer.MAX_VALUE, 100L * l));
        int iter = 0;
        while (iter < maxIter) {
            // WSS2: i maximises -y_i G_i over I_up; j minimises the second-order decrease over I_low
            double gmax = Double.NEGATIVE_INFINITY;
            double gmax2 = Double.NEGATIVE_INFINITY;
            int gmaxIdx = -1;
            int gminIdx = -1;
            double objDiffMin = Double.POSITIVE_INFINITY;
            for (int t = 0; t < l; t++) {
                if (y[t] == 1) {
                    if (alpha[t] < c && -g[t] >= gmax) {
                        gmax = -g[t];
                        gmaxIdx = t;
                    }
                } else if (alpha[t] > 0 && g[t] >= gmax) {
                    gmax = g[t];
                    gmaxIdx = t;
                }
            }
            int i = gmaxIdx;
            double[] qi = i != -1 ? row.apply(i) : null;
            for (int j = 0; j < l; j++) {
                if (y[j] == 1) {
                    if (alpha[j] > 0) {
                        double gradDiff = gmax + g[j];
                        if (g[j] >= gmax2) {
                            gmax2 = g[j];
                        }
                        if (gradDiff > 0) {
                            double quad = qd[i] + qd[j] - 2.0 * y[i] * qi[j];
                            double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
                            if (objDiff <= objDiffMin) {
                                gminIdx = j;
                                objDiffMin = objDiff;
                            }
                        }
                    }
                } else if (alpha[j] < c) {
                    double gradDiff = gmax - g[j];
                    if (-g[j] >= gmax2) {
                        gmax2 = -g[j];
                    }
                    if (gradDiff > 0) {
                        double quad = qd[i] + qd[j] + 2.0 * y[i] * qi[j];
                        double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
                        if (objDiff <= objDiffMin) {
                            gminIdx = j;
                            objDiffMin = objDiff;
                        }
                    }
                }
            }
            if (gmax + gmax2 < eps || gminIdx == -1) {
                break;
            }
            int j = gminIdx;
            iter++;
            qi = row.apply(i);
            double[] qj = row.apply(j);
            double oldAi = alpha[i];
            double oldAj = alpha[j];
            if (y[i] != y[j]) {
                double quad = qd[i] + qd[j] + 2 * qi[j];
                if (quad <= 0) {
                    quad = TAU;
                }
                double delta = (-g[i] - g[j]) / quad;
                double diff = alpha[i] - alpha[j];
                alpha[i] += delta;
                alpha[j] += delta;
                if (diff > 0) {
                    if (alpha[j] < 0) {
                        alpha[j] = 0;
                        alpha[i] = diff;
                    }
                } else if (alpha[i] < 0) {
                    alpha[i] = 0;
                    alpha[j] = -diff;
                }
                if (diff > 0) { // C_i - C_j = 0: one box for both classes
                    if (alpha[i] > c) {
                        alpha[i] = c;
                        alpha[j] = c - diff;
                    }
                } else if (alpha[j] > c) {
                    alpha[j] = c;
                    alpha[i] = c + diff;
                }
            } else {
                double quad = qd[i] + qd[j] - 2 * qi[j];
                if (quad <= 0) {
                    quad = TAU;
                }
                double delta = (g[i] - g[j]) / quad;
                double sum = alpha[i] + alpha[j];
                alpha[i] -= delta;
                alpha[j] += delta;
                if (sum > c) {
                    if (alpha[i] > c) {
                        alpha[i] = c;
                        alpha[j] = sum - c;
                    }
                } else if (alpha[j] < 0) {
                    alpha[j] = 0;
                    alpha[i] = sum;
                }
                if (sum > c) {
                    if (alpha[j] > c) {
                        alpha[j] = c;
                        alpha[i] = sum - c;
                    }
                } else if (alpha[i] < 0) {
                    alpha[i] = 0;
                    alpha[j] = sum;
                }
            }
            double dai = alpha[i] - oldAi;
            double daj = alpha[j] - oldAj;
            for (int k = 0; k < l; k++) {
                g[k] += qi[k] * dai + qj[k] * daj;
            }
        }
        return new Solution(alpha, rho(alpha, g, y, c), iter);
    }

    private static double rho(double[] alpha, double[] g, byte[] y, double c) {
        double ub = Double.POSITIVE_INFINITY;
        double lb = Double.NEGATIVE_INFINITY;
        double sumFree = 0;
        int nrFree = 0;
        for (int i = 0; i < alpha.length; i++) {
            double yG = y[i] * g[i];
            if (alpha[i] >= c) {
                if (y[i] == -1) {
                    ub = Math.min(ub, yG);
                } else {
                    lb = Math.max(lb, yG);
                }
            } else if (alpha[i] <= 0) {
                if (y[i] == 1) {
                    ub = Math.min(ub, yG);
                } else {
                    lb = Math.max(lb, yG);
                }
            } else {
                nrFree++;
                sumFree += yG;
            }
        }
        return nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;
    }
}
