package io.github.dlradiomics.radiomics.ibsi;

import java.util.LinkedHashMap;

/**
 * IBSI intensity histogram features (IBSI 3.4, tags {@code ih_*}) on the discretised grey levels of the
 * intensity mask. The histogram has one bin per grey level 1..N<sub>g</sub> (empty bins included), which
 * matters for the histogram gradient (first-order differences at the ends, central differences inside).
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; ih = IbsiHistogram.compute(input, IbsiSettings.DEFAULT);</pre>
 */
public final class IbsiHistogram {
    private IbsiHistogram() {
    }

    /** The 23 {@code ih_*} features. */
    public static LinkedHashMap<String, Double> compute(IbsiFeatures.Input in, IbsiSettings s) {
        return compute(new IbsiFeatures.Roi(in, s));
    }

    static LinkedHashMap<String, Double> compute(IbsiFeatures.Roi roi) {
        double[] v = new double[roi.count];
        int k = 0;
        for (int g : roi.g) {
            if (g > 0) {
                v[k++] = g;
            }
        }
        IbsiStatistics.Moments m = new IbsiStatistics.Moments(v);
        int ng = roi.ng;
        double[] h = new double[ng + 1];
        for (double x : v) {
            h[(int) x]++;
        }
        int n = v.length;
        // mode (AMMC): the most frequent level; among ties the one closest to the mean
        int mode = -1;
        for (int i = 1; i <= ng; i++) {
            if (mode < 0 || h[i] > h[mode] || (h[i] == h[mode] && Math.abs(i - m.mean) < Math.abs(mode - m.mean))) {
                mode = i;
            }
        }
        double entropy = 0;
        double uniformity = 0;
        for (int i = 1; i <= ng; i++) {
            double p = h[i] / n;
            if (p > 0) {
                entropy -= p * IbsiFeatures.log2(p);
            }
            uniformity += p * p;
        }
        // histogram gradient (12CE, 8E6O, VQB3, RHQZ) on the counts
        double maxGrad = Double.NaN;
        double minGrad = Double.NaN;
        int maxG = -1;
        int minG = -1;
        for (int i = 1; i <= ng; i++) {
            double grad;
            if (ng == 1) {
                grad = 0;
            } else if (i == 1) {
                grad = h[2] - h[1];
            } else if (i == ng) {
                grad = h[ng] - h[ng - 1];
            } else {
                grad = (h[i + 1] - h[i - 1]) / 2;
            }
            if (maxG < 0 || grad > maxGrad) {
                maxGrad = grad;
                maxG = i;
            }
            if (minG < 0 || grad < minGrad) {
                minGrad = grad;
                minG = i;
            }
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("ih_mean", m.mean);
        out.put("ih_var", m.var);
        out.put("ih_skew", m.skew);
        out.put("ih_kurt", m.kurt);
        out.put("ih_median", m.median);
        out.put("ih_min", m.min);
        out.put("ih_p10", m.p10);
        out.put("ih_p90", m.p90);
        out.put("ih_max", m.max);
        out.put("ih_mode", n == 0 ? Double.NaN : (double) mode);
        out.put("ih_iqr", m.p75 - m.p25);
        out.put("ih_range", m.max - m.min);
        out.put("ih_mad", m.mad);
        out.put("ih_rmad", m.rmad);
        out.put("ih_medad", m.medad);
        out.put("ih_cov", m.var == 0 ? 0 : m.cov);
        out.put("ih_qcod", m.qcod);
        out.put("ih_entropy", n == 0 ? Double.NaN : entropy);
        out.put("ih_uniformity", n == 0 ? Double.NaN : uniformity);
        out.put("ih_max_grad", n == 0 ? Double.NaN : maxGrad);
        out.put("ih_max_grad_g", n == 0 ? Double.NaN : (double) maxG);
        out.put("ih_min_grad", n == 0 ? Double.NaN : minGrad);
        out.put("ih_min_grad_g", n == 0 ? Double.NaN : (double) minG);
        return out;
    }
}
