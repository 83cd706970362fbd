package io.github.dlradiomics.radiomics.ibsi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * IBSI neighbourhood grey tone difference matrix features (IBSI 3.10, tags {@code ngt_*}). For every
 * intensity-mask voxel the mean grey level of its Chebyshev neighbourhood (distance δ, centre excluded; only
 * neighbours inside the intensity mask) is taken; voxels without any such neighbour are left out (IBSI's
 * "valid neighbourhood"). s_i sums |i - mean| over the voxels of level i, n_i counts them.
 * {@code _2D}: in-plane neighbourhoods, features per slice averaged; {@code _2_5D}: slice matrices merged;
 * {@code _3D}: volumetric neighbourhoods.
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; ngt = IbsiNgtdm.compute(input, IbsiSettings.DEFAULT);</pre>
 */
public final class IbsiNgtdm {
    static final String[] NAMES = {"coarseness", "contrast", "busyness", "complexity", "strength"};

    private IbsiNgtdm() {
    }

    /** The {@code ngt_*} features of the aggregations the settings ask for. */
    public static LinkedHashMap<String, Double> compute(IbsiFeatures.Input in, IbsiSettings s) {
        return compute(new IbsiFeatures.Roi(in, s), s);
    }

    static LinkedHashMap<String, Double> compute(IbsiFeatures.Roi roi, IbsiSettings s) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        int ng = roi.ng;
        int d = s.neighbourhoodDistance();
        if (s.compute2D() || s.compute25D()) {
            int[][] nb = IbsiFeatures.neighbourhood(d, true);
            List<double[]> rows = new ArrayList<>();
            double[] sAll = new double[ng + 1];
            double[] nAll = new double[ng + 1];
            for (int z = 0; z < roi.nz; z++) {
                double[] si = new double[ng + 1];
                double[] ni = new double[ng + 1];
                fill(roi, nb, z, si, ni);
                double[] f = features(si, ni);
                if (f != null) {
                    rows.add(f);
                }
                for (int i = 0; i <= ng; i++) {
                    sAll[i] += si[i];
                    nAll[i] += ni[i];
                }
            }
            if (s.compute2D()) {
                IbsiFeatures.put(out, "ngt_", NAMES, "_2D", IbsiFeatures.average(rows, NAMES.length));
            }
            if (s.compute25D()) {
                double[] f = features(sAll, nAll);
                IbsiFeatures.put(out, "ngt_", NAMES, "_2_5D", f == null ? IbsiFeatures.nans(NAMES.length) : f);
            }
        }
        if (s.compute3D()) {
            double[] si = new double[ng + 1];
            double[] ni = new double[ng + 1];
            fill(roi, IbsiFeatures.neighbourhood(d, false), -1, si, ni);
            double[] f = features(si, ni);
            IbsiFeatures.put(out, "ngt_", NAMES, "_3D", f == null ? IbsiFeatures.nans(NAMES.length) : f);
        }
        return out;
    }

    /** Accumulates s_i and n_i over slice z (z >= 0) or the volume. */
    private static void fill(IbsiFeatures.Roi roi, int[][] nb, int z, double[] si, double[] ni) {
        int z0 = z >= 0 ? z : 0;
        int z1 = z >= 0 ? z : roi.nz - 1;
        for (int zz = z0; zz <= z1; zz++) {
            for (int y = 0; y < roi.ny; y++) {
                for (int x = 0; x < roi.nx; x++) {
                    int g = roi.g[roi.index(x, y, zz)];
                    if (g == 0) {
                        continue;
                    }
                    double sum = 0;
                    int n = 0;
                    for (int[] o : nb) {
                        int h = roi.at(x + o[0], y + o[1], zz + o[2]);
                        if (h > 0) {
                            sum += h;
                            n++;
                        }
                    }
                    if (n > 0) {
                        si[g] += Math.abs(g - sum / n);
                        ni[g]++;
                    }
                }
            }
        }
    }

    /** Coarseness (QCDE), contrast (65HE), busyness (NQ30), complexity (HDEZ), strength (1X9X); null if empty. */
    static double[] features(double[] s, double[] n) {
        int ng = s.length - 1;
        double nv = 0;
        for (int i = 1; i <= ng; i++) {
            nv += n[i];
        }
        if (nv == 0) {
            return null;
        }
        double[] p = new double[ng + 1];
        int levels = 0;
        double sumS = 0;
        double sumPS = 0;
        for (int i = 1; i <= ng; i++) {
            p[i] = n[i] / nv;
            if (p[i] > 0) {
                levels++;
            }
            sumS += s[i];
            sumPS += p[i] * s[i];
        }
        double pairC = 0;
        double busyDen = 0;
        double complexity = 0;
        double strengthNum = 0;
        for (int i = 1; i <= ng; i++) {
            if (p[i] == 0) {
                continue;
            }
            for (int j = 1; j <= ng; j++) {
                if (p[j] == 0) {
                    continue;
                }
                double d2 = (double) (i - j) * (i - j);
                pairC += p[i] * p[j] * d2;
                busyDen += Math.abs(i * p[i] - j * p[j]);
                complexity += Math.abs(i - j) * (p[i] * s[i] + p[j] * s[j]) / (p[i] + p[j]);
                strengthNum += (p[i] + p[j]) * d2;
            }
        }
        // a homogeneous ROI has s = 0: coarseness is capped at 1e6 as in the reference implementations
        double coarseness = sumPS == 0 ? 1e6 : 1 / sumPS;
        double contrast = levels > 1 ? pairC / (levels * (levels - 1.0)) * sumS / nv : 0;
        double busyness = levels > 1 && busyDen > 0 ? sumPS / busyDen : 0;
        double strength = sumS > 0 ? strengthNum / sumS : 0;
        return new double[] {coarseness, contrast, busyness, complexity / nv, strength};
    }
}
