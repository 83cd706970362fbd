package io.github.dlradiomics.radiomics.ibsi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * IBSI grey level run length matrix features (IBSI 3.7, tags {@code rlm_*}). A run is a maximal line of
 * voxels of the same grey level inside the intensity mask along one of the 13 (3D) or 4 in-plane (2D)
 * directions. Aggregations as for the GLCM ({@link IbsiGlcm}); N_v of a merged matrix is the sum of the N_v of
 * its parts, so the run percentage of merged matrices is the mean over the parts.
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; rlm = IbsiGlrlm.compute(input, IbsiSettings.DEFAULT);</pre>
 */
public final class IbsiGlrlm {
    static final String[] NAMES = {"sre", "lre", "lgre", "hgre", "srlge", "srhge", "lrlge", "lrhge", "glnu",
        "glnu_norm", "rlnu", "rlnu_norm", "r_perc", "gl_var", "rl_var", "rl_entr"};

    private IbsiGlrlm() {
    }

    /** The {@code rlm_*} features of the aggregations the settings ask for. */
    public static LinkedHashMap<String, Double> compute(IbsiFeatures.Input in, IbsiSettings s) {
        return compute(new IbsiFeatures.Roi(in, s), s);
    }

    static LinkedHashMap<String, Double> compute(IbsiFeatures.Roi roi, IbsiSettings s) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        int w = NAMES.length;
        if (s.compute2D() || s.compute25D()) {
            IbsiZoneMatrix[][] m = new IbsiZoneMatrix[roi.nz][4];
            for (int z = 0; z < roi.nz; z++) {
                for (int k = 0; k < 4; k++) {
                    m[z][k] = runs(roi, IbsiGlcm.DIRECTIONS[k], z);
                }
            }
            if (s.compute2D()) {
                List<double[]> avg = new ArrayList<>();
                List<double[]> comb = new ArrayList<>();
                for (int z = 0; z < roi.nz; z++) {
                    IbsiZoneMatrix merged = new IbsiZoneMatrix();
                    for (int k = 0; k < 4; k++) {
                        if (!m[z][k].isEmpty()) {
                            avg.add(m[z][k].features(w));
                        }
                        merged.merge(m[z][k]);
                    }
                    if (!merged.isEmpty()) {
                        comb.add(merged.features(w));
                    }
                }
                IbsiFeatures.put(out, "rlm_", NAMES, "_2D_avg", IbsiFeatures.average(avg, w));
                IbsiFeatures.put(out, "rlm_", NAMES, "_2D_comb", IbsiFeatures.average(comb, w));
            }
            if (s.compute25D()) {
                List<double[]> avg = new ArrayList<>();
                IbsiZoneMatrix all = new IbsiZoneMatrix();
                for (int k = 0; k < 4; k++) {
                    IbsiZoneMatrix merged = new IbsiZoneMatrix();
                    for (int z = 0; z < roi.nz; z++) {
                        merged.merge(m[z][k]);
                    }
                    if (!merged.isEmpty()) {
                        avg.add(merged.features(w));
                    }
                    all.merge(merged);
                }
                IbsiFeatures.put(out, "rlm_", NAMES, "_2_5D_avg", IbsiFeatures.average(avg, w));
                IbsiFeatures.put(out, "rlm_", NAMES, "_2_5D_comb", all.features(w));
            }
        }
        if (s.compute3D()) {
            List<double[]> avg = new ArrayList<>();
            IbsiZoneMatrix all = new IbsiZoneMatrix();
            for (int[] dir : IbsiGlcm.DIRECTIONS) {
                IbsiZoneMatrix mm = runs(roi, dir, -1);
                if (!mm.isEmpty()) {
                    avg.add(mm.features(w));
                }
                all.merge(mm);
            }
            IbsiFeatures.put(out, "rlm_", NAMES, "_3D_avg", IbsiFeatures.average(avg, w));
            IbsiFeatures.put(out, "rlm_", NAMES, "_3D_comb", all.features(w));
        }
        return out;
    }

    /** Run length matrix along dir, in slice z (z >= 0, in-plane component only) or the whole volume. */
    static IbsiZoneMatrix runs(IbsiFeatures.Roi roi, int[] dir, int z) {
        IbsiZoneMatrix m = new IbsiZoneMatrix();
        int dx = dir[0];
        int dy = dir[1];
        int dz = z >= 0 ? 0 : dir[2];
        int z0 = z >= 0 ? z : 0;
        int z1 = z >= 0 ? z : roi.nz - 1;
        long voxels = 0;
        for (int zz = z0; zz <= z1; zz++) {
            for (int y = 0; y < roi.ny; y++) {
                for (int x = 0; x < roi.nx; x++) {
                    int g = roi.g[roi.index(x, y, zz)];
                    if (g == 0) {
                        continue;
                    }
                    voxels++;
                    if (roi.at(x - dx, y - dy, zz - dz) == g) {
                        continue; // not the start of a run
                    }
                    int len = 1;
                    while (roi.at(x + len * dx, y + len * dy, zz + len * dz) == g) {
                        len++;
                    }
                    m.add(g, len, 1);
                }
            }
        }
        m.voxels = voxels;
        return m;
    }
}
