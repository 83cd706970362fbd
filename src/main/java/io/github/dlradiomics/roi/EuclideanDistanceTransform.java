package io.github.dlradiomics.roi;

/**
 * Exact Euclidean distance transform in millimetres (Felzenszwalb and Huttenlocher 2012, "Distance
 * transforms of sampled functions"): separable lower envelopes of parabolas, one pass per axis, with
 * the voxel spacing of each axis honoured. Grids of 1 to 3 dimensions, x fastest; distances are
 * between voxel centres.
 *
 * <pre>double[] d2 = EuclideanDistanceTransform.squared(isFeature, new int[] {nx, ny}, new double[] {0.6, 0.6});</pre>
 */
public final class EuclideanDistanceTransform {
    private EuclideanDistanceTransform() {
    }

    /**
     * Squared distance (mm²) from each voxel to the nearest voxel where {@code feature} is true
     * (0 on features); {@code Double.POSITIVE_INFINITY} everywhere when there is no feature.
     */
    public static double[] squared(boolean[] feature, int[] dims, double[] spacing) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (feature.length != n || spacing.length != dims.length) {
            throw new IllegalArgumentException("feature grid of " + feature.length + " voxels does not match dims");
        }
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = feature[i] ? 0 : Double.POSITIVE_INFINITY;
        }
        int maxLen = 0;
        for (int d : dims) {
            maxLen = Math.max(maxLen, d);
        }
        double[] line = new double[maxLen];
        double[] out = new double[maxLen];
        int[] v = new int[maxLen];
        double[] z = new double[maxLen + 1];
        int stride = 1;
        for (int a = 0; a < dims.length; a++) {
            int len = dims[a];
            int outer = n / (len * stride);
            for (int o = 0; o < outer; o++) {
                for (int in = 0; in < stride; in++) {
                    int base = o * len * stride + in;
                    for (int i = 0; i < len; i++) {
                        line[i] = f[base + i * stride];
                    }
                    transform1d(line, len, spacing[a], out, v, z);
                    for (int i = 0; i < len; i++) {
                        f[base + i * stride] = out[i];
                    }
                }
            }
            stride *= len;
        }
        return f;
    }

    /** One line: d(q) = min_p ((q - p)² s² + f(p)), skipping infinite f(p). */
    static void transform1d(double[] f, int n, double s, double[] d, int[] v, double[] z) {
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] == Double.POSITIVE_INFINITY) {
                continue;
            }
            double pq = q * s;
            double hq = f[q] + pq * pq;
            if (k < 0) {
                k = 0;
                v[0] = q;
                z[0] = Double.NEGATIVE_INFINITY;
                z[1] = Double.POSITIVE_INFINITY;
                continue;
            }
            double pv = v[k] * s;
            double x = (hq - (f[v[k]] + pv * pv)) / (2 * (pq - pv));
            while (x <= z[k]) {
                // z[0] is -infinity, so this stops at k = 0
                k--;
                pv = v[k] * s;
                x = (hq - (f[v[k]] + pv * pv)) / (2 * (pq - pv));
            }
            k++;
            v[k] = q;
            z[k] = x;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            for (int q = 0; q < n; q++) {
                d[q] = Double.POSITIVE_INFINITY;
            }
            return;
        }
        int j = 0;
        for (int q = 0; q < n; q++) {
            double pq = q * s;
            while (z[j + 1] < pq) {
                j++;
            }
            double dx = pq - v[j] * s;
            d[q] = dx * dx + f[v[j]];
        }
    }
}
