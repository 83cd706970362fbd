package io.github.dlradiomics.radiomics.ibsi;

import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * IBSI intensity-based statistical features (IBSI 3.3, family "Statistics", tags {@code stat_*}) on the raw
 * intensities inside the intensity mask. Moments are population moments (divided by N); percentiles
 * interpolate linearly between order statistics (rank p(N-1), as numpy's default, which the IBSI
 * reference implementations use).
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; stats = IbsiStatistics.compute(input);</pre>
 */
public final class IbsiStatistics {
    private IbsiStatistics() {
    }

    /** The 18 {@code stat_*} features of the intensity-mask voxels. */
    public static LinkedHashMap<String, Double> compute(IbsiFeatures.Input in) {
        double[] v = roiValues(in.intensity(), in.intensityMask());
        Moments m = new Moments(v);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("stat_mean", m.mean);
        out.put("stat_var", m.var);
        out.put("stat_skew", m.skew);
        out.put("stat_kurt", m.kurt);
        out.put("stat_median", m.median);
        out.put("stat_min", m.min);
        out.put("stat_p10", m.p10);
        out.put("stat_p90", m.p90);
        out.put("stat_max", m.max);
        out.put("stat_iqr", m.p75 - m.p25);
        out.put("stat_range", m.max - m.min);
        out.put("stat_mad", m.mad);
        out.put("stat_rmad", m.rmad);
        out.put("stat_medad", m.medad);
        out.put("stat_cov", m.cov);
        out.put("stat_qcod", m.qcod);
        out.put("stat_energy", m.energy);
        out.put("stat_rms", m.rms);
        return out;
    }

    static double[] roiValues(double[] img, boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        double[] v = new double[n];
        int k = 0;
        for (int i = 0; i < img.length; i++) {
            if (mask[i]) {
                v[k++] = img[i];
            }
        }
        return v;
    }

    /** Linear-interpolation percentile of sorted values, p in [0, 1]. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double r = p * (sorted.length - 1);
        int lo = (int) Math.floor(r);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (r - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The statistics shared by {@code stat_*} and {@code ih_*}. */
    static final class Moments {
        final double mean;
        final double var;
        final double skew;
        final double kurt;
        final double median;
        final double min;
        final double max;
        final double p10;
        final double p25;
        final double p75;
        final double p90;
        final double mad;
        final double rmad;
        final double medad;
        final double cov;
        final double qcod;
        final double energy;
        final double rms;

        Moments(double[] values) {
            double[] s = values.clone();
            Arrays.sort(s);
            int n = s.length;
            double sum = 0;
            double sq = 0;
            for (double x : s) {
                sum += x;
                sq += x * x;
            }
            mean = n == 0 ? Double.NaN : sum / n;
            double m2 = 0;
            double m3 = 0;
            double m4 = 0;
            double absDev = 0;
            for (double x : s) {
                double d = x - mean;
                m2 += d * d;
                m3 += d * d * d;
                m4 += d * d * d * d;
                absDev += Math.abs(d);
            }
            m2 /= n;
            m3 /= n;
            m4 /= n;
            var = m2;
            // IBSI KE6J / IPH6: skewness m3/m2^1.5 and excess kurtosis m4/m2^2 - 3; 0 for a constant ROI
            skew = m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5);
            kurt = m2 == 0 ? 0 : m4 / (m2 * m2) - 3;
            median = percentile(s, 0.5);
            min = n == 0 ? Double.NaN : s[0];
            max = n == 0 ? Double.NaN : s[n - 1];
            p10 = percentile(s, 0.10);
            p25 = percentile(s, 0.25);
            p75 = percentile(s, 0.75);
            p90 = percentile(s, 0.90);
            mad = absDev / n;
            // robust mean absolute deviation (1128): only the values between the 10th and 90th percentile
            double rs = 0;
            int rn = 0;
            for (double x : s) {
                if (x >= p10 && x <= p90) {
                    rs += x;
                    rn++;
                }
            }
            double rmean = rs / rn;
            double rd = 0;
            for (double x : s) {
                if (x >= p10 && x <= p90) {
                    rd += Math.abs(x - rmean);
                }
            }
            rmad = rd / rn;
            double md = 0;
            for (double x : s) {
                md += Math.abs(x - median);
            }
            medad = md / n;
            cov = Math.sqrt(var) / mean;
            qcod = (p75 - p25) / (p75 + p25);
            energy = sq;
            rms = Math.sqrt(sq / n);
        }
    }
}
