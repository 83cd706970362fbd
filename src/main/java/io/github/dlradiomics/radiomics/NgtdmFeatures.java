package io.github.dlradiomics.radiomics;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * Neighbouring Gray Tone Difference Matrix features, computed as PyRadiomics computes them ({@code radiomics/ngtdm.py}
 * with the matrix of {@code calculate_ngtdm} in {@code cmatrices.c}).
 *
 * <p>For every ROI voxel, the neighbourhood average A is the mean grey level of its neighbours (every offset of the
 * requested distances, both directions) that lie inside the ROI. Per grey level i: n_i = voxel count, s_i = sum of
 * |i - A|. As in cmatrices.c, a voxel without any neighbour in the ROI still counts in n_i and adds 0 to s_i (the
 * docstring's "voxels with a valid region" notwithstanding), so N_vp equals the ROI's voxel count.
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; f = NgtdmFeatures.compute(roi, TextureSettings.DEFAULT);</pre>
 */
public final class NgtdmFeatures {
    /** PyRadiomics' output order: get*FeatureValue methods as inspect.getmembers sorts them (by name). */
    private static final List<String> NAMES = List.of("Busyness", "Coarseness", "Complexity", "Contrast", "Strength");

    private NgtdmFeatures() {
    }

    /**
     * The 5 NGTDM feature names, without the {@code original_ngtdm_} prefix, in PyRadiomics' output order.
     *
     * <pre>for (String n : NgtdmFeatures.names()) { ... }</pre>
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Computes the 5 NGTDM features of a discretised ROI.
     *
     * <pre>double coarseness = NgtdmFeatures.compute(roi, settings).get("Coarseness");</pre>
     *
     * @param roi discretised ROI (levels &gt;= 1 inside, 0 outside); must hold at least one voxel
     * @param s   texture settings: distances, force2D and force2Ddimension are used
     * @return feature name (no prefix) to value, in {@link #names()} order
     */
    public static LinkedHashMap<String, Double> compute(DiscretizedRoi roi, TextureSettings s) {
        double[][] m = matrix(roi, s);
        int ng = m.length;
        double nvp = 0;
        double sumS = 0;
        for (double[] row : m) {
            nvp += row[0];
            sumS += row[1];
        }
        double[] p = new double[ng];
        double[] si = new double[ng];
        double[] iv = new double[ng];
        double sumPS = 0;
        for (int k = 0; k < ng; k++) {
            p[k] = m[k][0] / nvp;
            si[k] = m[k][1];
            iv[k] = m[k][2];
            sumPS += p[k] * si[k];
        }
        // After removal of empty grey levels every p_i > 0, so Ngp = Ng and PyRadiomics' p_zero masks are empty.
        int ngp = ng;

        // Coarseness = 1 / sum p_i s_i; a homogeneous ROI (sum 0) gets PyRadiomics' arbitrary 1e6.
        double coarseness = sumPS != 0 ? 1 / sumPS : 1e6;

        double contrastSum = 0, busyDen = 0, complexity = 0, strengthNum = 0;
        for (int i = 0; i < ng; i++) {
            for (int j = 0; j < ng; j++) {
                double d = iv[i] - iv[j];
                double d2 = d * d;
                contrastSum += p[i] * p[j] * d2;
                busyDen += Math.abs(iv[i] * p[i] - iv[j] * p[j]);
                // p_i + p_j > 0 always here; PyRadiomics' divisor == 0 guard never triggers after the row removal
                complexity += Math.abs(d) * (p[i] * si[i] + p[j] * si[j]) / (p[i] + p[j]);
                strengthNum += (p[i] + p[j]) * d2;
            }
        }
        // Contrast = [sum p_i p_j (i-j)^2 / (Ngp (Ngp-1))] * [sum s_i / Nvp]; 0 when Ngp = 1 (division by 0).
        double div = (double) ngp * (ngp - 1);
        double contrast = div != 0 ? contrastSum * sumS / nvp / div : 0;
        // Busyness = sum p_i s_i / sum |i p_i - j p_j|; 0 when the denominator is 0 (single grey level).
        double busyness = busyDen != 0 ? sumPS / busyDen : 0;
        complexity /= nvp;
        // Strength = sum (p_i + p_j)(i-j)^2 / sum s_i; 0 when sum s_i = 0.
        double strength = sumS != 0 ? strengthNum / sumS : 0;

        LinkedHashMap<String, Double> f = new LinkedHashMap<>();
        f.put("Busyness", busyness);
        f.put("Coarseness", coarseness);
        f.put("Complexity", complexity);
        f.put("Contrast", contrast);
        f.put("Strength", strength);
        return f;
    }

    /**
     * The NGTDM as PyRadiomics keeps it: one row per grey level present (ascending), columns {n_i, s_i, i}.
     */
    static double[][] matrix(DiscretizedRoi roi, TextureSettings s) {
        int[] lv = roi.levels();
        int nx = roi.nx(), ny = roi.ny(), nz = roi.nz();
        int[][] angles = Angles.generate(roi, s.distances(), true, s.force2D(), s.force2Ddimension());
        int na = angles.length;
        int[] adx = new int[na], ady = new int[na], adz = new int[na], step = new int[na];
        for (int a = 0; a < na; a++) {
            adz[a] = angles[a][0];
            ady[a] = angles[a][1];
            adx[a] = angles[a][2];
            step[a] = adx[a] + nx * (ady[a] + ny * adz[a]);
        }
        int ngMax = roi.maxLevel();
        if (ngMax < 1) {
            throw new IllegalArgumentException("NGTDM: the ROI is empty");
        }
        double[] count = new double[ngMax];
        double[] sum = new double[ngMax];
        // Voxels in the same (z, y, x) order as cmatrices.c, and the same arithmetic (double sum of integer levels,
        // then centre - sum / count), so s_i accumulates bit for bit as in PyRadiomics.
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    int g = lv[i];
                    if (g == 0) {
                        continue;
                    }
                    double c = 0, total = 0;
                    for (int a = 0; a < na; a++) {
                        int xx = x + adx[a], yy = y + ady[a], zz = z + adz[a];
                        if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) {
                            continue;
                        }
                        int h = lv[i + step[a]];
                        if (h != 0) {
                            c++;
                            total += h;
                        }
                    }
                    double diff = c == 0 ? 0 : Math.abs(g - total / c);
                    count[g - 1]++;
                    sum[g - 1] += diff;
                }
            }
        }
        int rows = 0;
        for (double c : count) {
            rows += c > 0 ? 1 : 0;
        }
        double[][] m = new double[rows][];
        for (int g = 0, r = 0; g < ngMax; g++) {
            if (count[g] > 0) {
                m[r++] = new double[] {count[g], sum[g], g + 1};
            }
        }
        return m;
    }
}
