package io.github.dlradiomics.radiomics.ibsi;

import java.util.LinkedHashMap;

/**
 * IBSI intensity-volume histogram features (IBSI 3.5, tags {@code ivh_*}). The intensities of the intensity
 * mask are binned as {@link IbsiSettings#ivhDiscretisation()} says; for each bin intensity i the volume
 * fraction ν(i) is the fraction of voxels with an intensity of at least i and the intensity fraction is
 * γ(i) = (i - i<sub>min</sub>) / (i<sub>max</sub> - i<sub>min</sub>) over the IVH range. V<sub>x</sub> is the
 * largest ν with γ &gt;= x; I<sub>x</sub> the smallest i with ν &lt;= x.
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; ivh = IbsiIvh.compute(input, IbsiSettings.DEFAULT);</pre>
 */
public final class IbsiIvh {
    private IbsiIvh() {
    }

    /** {@code ivh_v10, ivh_v90, ivh_i10, ivh_i90, ivh_diff_v10_v90, ivh_diff_i10_i90, ivh_auc}. */
    public static LinkedHashMap<String, Double> compute(IbsiFeatures.Input in, IbsiSettings s) {
        double[] v = IbsiStatistics.roiValues(in.ivh(), in.intensityMask());
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        String[] names = {"ivh_v10", "ivh_v90", "ivh_i10", "ivh_i90", "ivh_diff_v10_v90", "ivh_diff_i10_i90", "ivh_auc"};
        if (v.length == 0) {
            for (String n : names) {
                out.put(n, Double.NaN);
            }
            return out;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        double rmin = Double.isNaN(s.ivhRangeMin()) ? lo : s.ivhRangeMin();
        double rmax = Double.isNaN(s.ivhRangeMax()) ? hi : s.ivhRangeMax();
        int nb;
        int[] bin = new int[v.length];
        double[] binIntensity;
        switch (s.ivhDiscretisation()) {
            case NONE -> {
                // one bin per integer intensity of the range
                nb = (int) Math.round(rmax - rmin) + 1;
                for (int k = 0; k < v.length; k++) {
                    bin[k] = clamp((int) Math.round(v[k] - rmin), nb);
                }
                binIntensity = new double[nb];
                for (int b = 0; b < nb; b++) {
                    binIntensity[b] = rmin + b;
                }
            }
            case FIXED_BIN_SIZE -> {
                // bins of width w from the range minimum, represented by their centres
                double w = s.ivhBinWidth();
                nb = (int) Math.ceil((rmax - rmin) / w) + 1;
                for (int k = 0; k < v.length; k++) {
                    bin[k] = clamp((int) Math.floor((v[k] - rmin) / w), nb);
                }
                binIntensity = new double[nb];
                for (int b = 0; b < nb; b++) {
                    binIntensity[b] = rmin + (b + 0.5) * w;
                }
            }
            default -> {
                // fixed bin number over the ROI's range, represented by the bin index 1..N
                nb = s.ivhBins();
                for (int k = 0; k < v.length; k++) {
                    bin[k] = hi == lo ? 0 : clamp((int) Math.floor(nb * (v[k] - lo) / (hi - lo)), nb);
                }
                binIntensity = new double[nb];
                for (int b = 0; b < nb; b++) {
                    binIntensity[b] = b + 1;
                }
            }
        }
        long[] count = new long[nb];
        for (int b : bin) {
            count[b]++;
        }
        double[] nu = new double[nb];
        double[] gamma = new double[nb];
        long below = 0;
        double i0 = binIntensity[0];
        double span = binIntensity[nb - 1] - i0;
        for (int b = 0; b < nb; b++) {
            nu[b] = 1.0 - (double) below / v.length;
            below += count[b];
            gamma[b] = span == 0 ? 0 : (binIntensity[b] - i0) / span;
        }
        double v10 = volumeAt(nu, gamma, 0.10);
        double v90 = volumeAt(nu, gamma, 0.90);
        double i10 = intensityAt(nu, binIntensity, 0.10);
        double i90 = intensityAt(nu, binIntensity, 0.90);
        double auc = 0;
        for (int b = 1; b < nb; b++) {
            auc += 0.5 * (nu[b] + nu[b - 1]) * (gamma[b] - gamma[b - 1]);
        }
        out.put("ivh_v10", v10);
        out.put("ivh_v90", v90);
        out.put("ivh_i10", i10);
        out.put("ivh_i90", i90);
        out.put("ivh_diff_v10_v90", v10 - v90);
        out.put("ivh_diff_i10_i90", i10 - i90);
        out.put("ivh_auc", auc);
        return out;
    }

    private static int clamp(int b, int nb) {
        return Math.max(0, Math.min(nb - 1, b));
    }

    /** V_x (BC2M family): the largest volume fraction among bins with intensity fraction >= x. */
    private static double volumeAt(double[] nu, double[] gamma, double x) {
        double best = Double.NaN;
        for (int b = 0; b < nu.length; b++) {
            if (gamma[b] >= x && (Double.isNaN(best) || nu[b] > best)) {
                best = nu[b];
            }
        }
        return best;
    }

    /**
     * I_x (GBPN family): the lowest bin intensity whose volume fraction is at most x; when no bin qualifies, one
     * step above the highest bin.
     */
    private static double intensityAt(double[] nu, double[] intensity, double x) {
        for (int b = 0; b < nu.length; b++) {
            if (nu[b] <= x) {
                return intensity[b];
            }
        }
        int n = intensity.length;
        double step = n > 1 ? intensity[n - 1] - intensity[n - 2] : 1;
        return intensity[n - 1] + step;
    }
}
