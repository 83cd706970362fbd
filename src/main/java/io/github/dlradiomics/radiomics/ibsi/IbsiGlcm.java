package io.github.dlradiomics.radiomics.ibsi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * IBSI grey level co-occurrence matrix features (IBSI 3.6, tags {@code cm_*}). Matrices are symmetric
 * (each pair counted in both orders) for the 13 (3D) or 4 in-plane (2D) directions scaled by the distance δ;
 * both voxels of a pair must lie in the intensity mask. Aggregations: {@code _2D_avg} (features per slice and
 * direction, averaged), {@code _2D_comb} (directions merged per slice, averaged over slices),
 * {@code _2_5D_avg} (slices merged per direction, averaged over directions), {@code _2_5D_comb} (all merged),
 * {@code _3D_avg} (per 3D direction, averaged) and {@code _3D_comb} (all 13 merged).
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; cm = IbsiGlcm.compute(input, IbsiSettings.DEFAULT);</pre>
 */
public final class IbsiGlcm {
    static final String[] NAMES = {"joint_max", "joint_avg", "joint_var", "joint_entr", "diff_avg", "diff_var",
        "diff_entr", "sum_avg", "sum_var", "sum_entr", "energy", "contrast", "dissimilarity", "inv_diff",
        "inv_diff_norm", "inv_diff_mom", "inv_diff_mom_norm", "inv_var", "corr", "auto_corr", "clust_tend",
        "clust_shade", "clust_prom", "info_corr1", "info_corr2"};

    /** The 4 in-plane directions, then the 9 out-of-plane ones: the 13 unique 3D directions. */
    static final int[][] DIRECTIONS = {{1, 0, 0}, {0, 1, 0}, {1, 1, 0}, {1, -1, 0}, {0, 0, 1}, {1, 0, 1},
        {-1, 0, 1}, {0, 1, 1}, {0, -1, 1}, {1, 1, 1}, {-1, 1, 1}, {1, -1, 1}, {-1, -1, 1}};

    private IbsiGlcm() {
    }

    /** The {@code cm_*} features of the aggregations the settings ask for. */
    public static LinkedHashMap<String, Double> compute(IbsiFeatures.Input in, IbsiSettings s) {
        return compute(new IbsiFeatures.Roi(in, s), s);
    }

    static LinkedHashMap<String, Double> compute(IbsiFeatures.Roi roi, IbsiSettings s) {
        int ng = roi.ng;
        int d = s.glcmDistance();
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        if (s.compute2D() || s.compute25D()) {
            // per slice, per in-plane direction
            double[][][] m = new double[roi.nz][4][];
            for (int z = 0; z < roi.nz; z++) {
                for (int k = 0; k < 4; k++) {
                    m[z][k] = matrix(roi, DIRECTIONS[k], d, z);
                }
            }
            if (s.compute2D()) {
                List<double[]> avg = new ArrayList<>();
                List<double[]> comb = new ArrayList<>();
                for (int z = 0; z < roi.nz; z++) {
                    double[] merged = new double[(ng + 1) * (ng + 1)];
                    for (int k = 0; k < 4; k++) {
                        addIfUsed(avg, m[z][k], ng);
                        add(merged, m[z][k]);
                    }
                    addIfUsed(comb, merged, ng);
                }
                IbsiFeatures.put(out, "cm_", NAMES, "_2D_avg", IbsiFeatures.average(avg, NAMES.length));
                IbsiFeatures.put(out, "cm_", NAMES, "_2D_comb", IbsiFeatures.average(comb, NAMES.length));
            }
            if (s.compute25D()) {
                List<double[]> avg = new ArrayList<>();
                double[] all = new double[(ng + 1) * (ng + 1)];
                for (int k = 0; k < 4; k++) {
                    double[] merged = new double[(ng + 1) * (ng + 1)];
                    for (int z = 0; z < roi.nz; z++) {
                        add(merged, m[z][k]);
                    }
                    addIfUsed(avg, merged, ng);
                    add(all, merged);
                }
                IbsiFeatures.put(out, "cm_", NAMES, "_2_5D_avg", IbsiFeatures.average(avg, NAMES.length));
                IbsiFeatures.put(out, "cm_", NAMES, "_2_5D_comb", features(all, ng));
            }
        }
        if (s.compute3D()) {
            List<double[]> avg = new ArrayList<>();
            double[] all = new double[(ng + 1) * (ng + 1)];
            for (int[] dir : DIRECTIONS) {
                double[] mm = matrix(roi, dir, d, -1);
                addIfUsed(avg, mm, ng);
                add(all, mm);
            }
            IbsiFeatures.put(out, "cm_", NAMES, "_3D_avg", IbsiFeatures.average(avg, NAMES.length));
            IbsiFeatures.put(out, "cm_", NAMES, "_3D_comb", features(all, ng));
        }
        return out;
    }

    private static void add(double[] to, double[] from) {
        for (int i = 0; i < to.length; i++) {
            to[i] += from[i];
        }
    }

    private static void addIfUsed(List<double[]> rows, double[] m, int ng) {
        double sum = 0;
        for (double v : m) {
            sum += v;
        }
        if (sum > 0) {
            rows.add(features(m, ng));
        }
    }

    /**
     * Symmetric co-occurrence counts, index i * (ng + 1) + j, for direction dir scaled by d; in slice z only
     * (z >= 0) or in the whole volume (z < 0).
     */
    static double[] matrix(IbsiFeatures.Roi roi, int[] dir, int d, int z) {
        int n1 = roi.ng + 1;
        double[] m = new double[n1 * n1];
        int dx = dir[0] * d;
        int dy = dir[1] * d;
        int dz = z >= 0 ? 0 : dir[2] * d;
        int z0 = z >= 0 ? z : 0;
        int z1 = z >= 0 ? z : roi.nz - 1;
        for (int zz = z0; zz <= z1; zz++) {
            for (int y = 0; y < roi.ny; y++) {
                for (int x = 0; x < roi.nx; x++) {
                    int a = roi.g[roi.index(x, y, zz)];
                    if (a == 0) {
                        continue;
                    }
                    int b = roi.at(x + dx, y + dy, zz + dz);
                    if (b == 0) {
                        continue;
                    }
                    m[a * n1 + b]++;
                    m[b * n1 + a]++;
                }
            }
        }
        return m;
    }

    /** The 25 features of one matrix of counts (normalised here). */
    static double[] features(double[] counts, int ng) {
        int n1 = ng + 1;
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        if (total == 0) {
            return IbsiFeatures.nans(NAMES.length);
        }
        double[] px = new double[n1];
        double[] py = new double[n1];
        double[] pSum = new double[2 * n1];
        double[] pDiff = new double[n1];
        double max = 0;
        double mu = 0;
        double entropy = 0;
        double energy = 0;
        double contrast = 0;
        double dissim = 0;
        double invDiff = 0;
        double invDiffNorm = 0;
        double invDiffMom = 0;
        double invDiffMomNorm = 0;
        double invVar = 0;
        double autoCorr = 0;
        for (int i = 1; i <= ng; i++) {
            for (int j = 1; j <= ng; j++) {
                double p = counts[i * n1 + j] / total;
                if (p == 0) {
                    continue;
                }
                px[i] += p;
                py[j] += p;
                int k = Math.abs(i - j);
                pSum[i + j] += p;
                pDiff[k] += p;
                max = Math.max(max, p);
                mu += i * p;
                entropy -= p * IbsiFeatures.log2(p);
                energy += p * p;
                contrast += (double) k * k * p;
                dissim += k * p;
                invDiff += p / (1.0 + k);
                invDiffNorm += p / (1.0 + (double) k / ng);
                invDiffMom += p / (1.0 + (double) k * k);
                invDiffMomNorm += p / (1.0 + (double) k * k / ((double) ng * ng));
                if (k > 0) {
                    invVar += p / ((double) k * k);
                }
                autoCorr += (double) i * j * p;
            }
        }
        double var = 0;
        double muX = 0;
        double muY = 0;
        for (int i = 1; i <= ng; i++) {
            muX += i * px[i];
            muY += i * py[i];
        }
        double sdX = 0;
        double sdY = 0;
        for (int i = 1; i <= ng; i++) {
            sdX += (i - muX) * (i - muX) * px[i];
            sdY += (i - muY) * (i - muY) * py[i];
        }
        sdX = Math.sqrt(sdX);
        sdY = Math.sqrt(sdY);
        double corrNum = 0;
        double tend = 0;
        double shade = 0;
        double prom = 0;
        double hxy1 = 0;
        double hxy2 = 0;
        for (int i = 1; i <= ng; i++) {
            for (int j = 1; j <= ng; j++) {
                double q = px[i] * py[j];
                if (q > 0) {
                    hxy2 -= q * IbsiFeatures.log2(q);
                }
                double p = counts[i * n1 + j] / total;
                if (p == 0) {
                    continue;
                }
                var += (i - mu) * (i - mu) * p;
                corrNum += (i - muX) * (j - muY) * p;
                double c = i + j - muX - muY;
                tend += c * c * p;
                shade += c * c * c * p;
                prom += c * c * c * c * p;
                hxy1 -= p * IbsiFeatures.log2(q);
            }
        }
        double diffAvg = 0;
        double diffEntr = 0;
        for (int k = 0; k < n1; k++) {
            diffAvg += k * pDiff[k];
            if (pDiff[k] > 0) {
                diffEntr -= pDiff[k] * IbsiFeatures.log2(pDiff[k]);
            }
        }
        double diffVar = 0;
        for (int k = 0; k < n1; k++) {
            diffVar += (k - diffAvg) * (k - diffAvg) * pDiff[k];
        }
        double sumAvg = 0;
        double sumEntr = 0;
        for (int k = 2; k <= 2 * ng; k++) {
            sumAvg += k * pSum[k];
            if (pSum[k] > 0) {
                sumEntr -= pSum[k] * IbsiFeatures.log2(pSum[k]);
            }
        }
        double sumVar = 0;
        for (int k = 2; k <= 2 * ng; k++) {
            sumVar += (k - sumAvg) * (k - sumAvg) * pSum[k];
        }
        double hx = 0;
        double hy = 0;
        for (int i = 1; i <= ng; i++) {
            if (px[i] > 0) {
                hx -= px[i] * IbsiFeatures.log2(px[i]);
            }
            if (py[i] > 0) {
                hy -= py[i] * IbsiFeatures.log2(py[i]);
            }
        }
        // correlation (NI2N): undefined for a single grey level; information correlations (R8DG, JN9H)
        double corr = sdX * sdY == 0 ? Double.NaN : corrNum / (sdX * sdY);
        double ic1 = Math.max(hx, hy) == 0 ? 0 : (entropy - hxy1) / Math.max(hx, hy);
        double ic2 = Math.sqrt(Math.max(0, 1 - Math.exp(-2 * (hxy2 - entropy))));
        return new double[] {max, mu, var, entropy, diffAvg, diffVar, diffEntr, sumAvg, sumVar, sumEntr, energy,
            contrast, dissim, invDiff, invDiffNorm, invDiffMom, invDiffMomNorm, invVar, corr, autoCorr, tend, shade,
            prom, ic1, ic2};
    }
}
