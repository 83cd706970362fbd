package io.github.dlradiomics.radiomics;

import java.util.Arrays;

/**
 * Grey-level discretisation exactly as PyRadiomics does it (imageoperations.getBinEdges and binImage):
 * fixed bin width with edges starting at the largest multiple of the width at or below the minimum, or
 * a fixed bin count with numpy.histogram's equal-width edges (last edge + 1), then numpy.digitize, so
 * that levels are 1-based.
 *
 * <pre>double[] edges = Discretizer.edges(roiValues, 25, null); int level = Discretizer.digitize(v, edges);</pre>
 */
public final class Discretizer {
    private Discretizer() {
    }

    /** Bin edges for the ROI values, by {@code binCount} when not null, else by {@code binWidth}. */
    public static double[] edges(double[] values, double binWidth, Integer binCount) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        if (binCount != null) {
            // numpy.histogram(values, binCount): equal-width bins over [min, max] (+-0.5 when flat)
            double lo = min;
            double hi = max;
            if (lo == hi) {
                lo -= 0.5;
                hi += 0.5;
            }
            double[] e = new double[binCount + 1];
            double step = (hi - lo) / binCount;
            for (int i = 0; i <= binCount; i++) {
                e[i] = i * step + lo; // numpy.linspace
            }
            e[binCount] = hi;
            e[binCount] += 1; // PyRadiomics: include the maximum in the top bin
            return e;
        }
        // Python's floor modulo: lowBound <= minimum also for negative values
        double lowBound = min - pyMod(min, binWidth);
        double highBound = max + 2 * binWidth;
        int n = (int) Math.ceil((highBound - lowBound) / binWidth); // numpy.arange length
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = lowBound + i * binWidth;
        }
        if (e.length == 1) { // flat region: one bin
            return new double[] {e[0] - 0.5, e[0] + 0.5};
        }
        return e;
    }

    /** Python's {@code a % b} for floats (result has the sign of b). */
    static double pyMod(double a, double b) {
        double m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) {
            m += b;
        }
        return m;
    }

    /** numpy.digitize(v, edges) for increasing edges: the number of edges at or below v. */
    public static int digitize(double v, double[] edges) {
        int i = Arrays.binarySearch(edges, v);
        if (i >= 0) {
            while (i + 1 < edges.length && edges[i + 1] == v) {
                i++;
            }
            return i + 1;
        }
        return -i - 1;
    }

    /** Discretises every value (levels are 1-based). */
    public static int[] digitize(double[] values, double[] edges) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = digitize(values[i], edges);
        }
        return out;
    }
}
