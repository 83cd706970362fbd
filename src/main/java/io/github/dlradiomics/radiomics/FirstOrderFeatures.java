package io.github.dlradiomics.radiomics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * PyRadiomics' first-order features (radiomics/firstorder.py): statistics of the ROI intensities;
 * Entropy and Uniformity use the discretised histogram; Energy, TotalEnergy and RootMeanSquared add
 * voxelArrayShift. Percentiles interpolate linearly between order statistics (numpy.percentile).
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; f = FirstOrderFeatures.compute(roiValues, roiLevels, spacing, 0);</pre>
 */
public final class FirstOrderFeatures {
    private static final double EPS = Math.ulp(1.0); // numpy.spacing(1)
    private static final List<String> NAMES = List.of("10Percentile", "90Percentile", "Energy", "Entropy",
            "InterquartileRange", "Kurtosis", "Maximum", "Mean", "MeanAbsoluteDeviation", "Median", "Minimum", "Range",
            "RobustMeanAbsoluteDeviation", "RootMeanSquared", "Skewness", "TotalEnergy", "Uniformity", "Variance");

    private FirstOrderFeatures() {
    }

    /** The default feature names in PyRadiomics' order. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * @param values          the ROI's intensities
     * @param levels          their discretised grey levels (same order)
     * @param spacing         voxel spacing (mm), for TotalEnergy
     * @param voxelArrayShift PyRadiomics' voxelArrayShift
     */
    public static LinkedHashMap<String, Double> compute(double[] values, int[] levels, double[] spacing,
            double voxelArrayShift) {
        int n = values.length;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double mean = mean(values);
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        double mad = 0;
        double energy = 0;
        for (double v : values) {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
            mad += Math.abs(d);
            double s = v + voxelArrayShift;
            energy += s * s;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        mad /= n;
        double p10 = percentile(sorted, 10);
        double p90 = percentile(sorted, 90);
        // robust MAD: values within [p10, p90]
        double rsum = 0;
        int rn = 0;
        for (double v : values) {
            if (v >= p10 && v <= p90) {
                rsum += v;
                rn++;
            }
        }
        double rmean = rsum / rn;
        double rmad = 0;
        for (double v : values) {
            if (v >= p10 && v <= p90) {
                rmad += Math.abs(v - rmean);
            }
        }
        rmad /= rn;
        // discretised histogram
        int maxLevel = 0;
        for (int l : levels) {
            maxLevel = Math.max(maxLevel, l);
        }
        long[] hist = new long[maxLevel + 1];
        for (int l : levels) {
            hist[l]++;
        }
        double entropy = 0;
        double uniformity = 0;
        for (int l = 1; l <= maxLevel; l++) {
            if (hist[l] > 0) {
                double p = (double) hist[l] / n;
                entropy -= p * (Math.log(p + EPS) / Math.log(2));
                uniformity += p * p;
            }
        }
        double voxelVolume = spacing[0] * spacing[1] * spacing[2];
        LinkedHashMap<String, Double> f = new LinkedHashMap<>();
        f.put("10Percentile", p10);
        f.put("90Percentile", p90);
        f.put("Energy", energy);
        f.put("Entropy", entropy);
        f.put("InterquartileRange", percentile(sorted, 75) - percentile(sorted, 25));
        f.put("Kurtosis", m2 == 0 ? 0 : m4 / (m2 * m2));
        f.put("Maximum", sorted[n - 1]);
        f.put("Mean", mean);
        f.put("MeanAbsoluteDeviation", mad);
        f.put("Median", percentile(sorted, 50));
        f.put("Minimum", sorted[0]);
        f.put("Range", sorted[n - 1] - sorted[0]);
        f.put("RobustMeanAbsoluteDeviation", rmad);
        f.put("RootMeanSquared", Math.sqrt(energy / n));
        f.put("Skewness", m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5));
        f.put("TotalEnergy", voxelVolume * energy);
        f.put("Uniformity", uniformity);
        f.put("Variance", m2);
        return f;
    }

    static double mean(double[] v) {
        // pairwise summation, as numpy's mean, keeps the rounding error at O(log n)
        return pairwiseSum(v, 0, v.length) / v.length;
    }

    static double pairwiseSum(double[] v, int from, int to) {
        int n = to - from;
        if (n <= 128) {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += v[i];
            }
            return s;
        }
        int mid = from + n / 2;
        return pairwiseSum(v, from, mid) + pairwiseSum(v, mid, to);
    }

    /** numpy.percentile with linear interpolation on sorted data. */
    static double percentile(double[] sorted, double p) {
        int n = sorted.length;
        double pos = p / 100.0 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        double t = pos - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        double diff = b - a;
        // numpy's _lerp: a + diff*t, or b - diff*(1-t) for t >= 0.5
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
