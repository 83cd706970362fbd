package io.github.dlradiomics.radiomics.ibsi;

import java.util.LinkedHashMap;

/**
 * IBSI neighbouring grey level dependence matrix features (IBSI 3.11, tags {@code ngl_*}). For every
 * intensity-mask voxel of level i the dependence count j is 1 (the voxel itself) plus the number of its
 * Chebyshev neighbours (distance δ) inside the intensity mask whose grey level differs from i by at most the
 * coarseness α. {@code _2D}: in-plane neighbourhoods, features per slice averaged; {@code _2_5D}: slice matrices
 * merged; {@code _3D}: volumetric neighbourhoods.
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; ngl = IbsiNgldm.compute(input, IbsiSettings.DEFAULT);</pre>
 */
public final class IbsiNgldm {
    static final String[] NAMES = {"lde", "hde", "lgce", "hgce", "ldlge", "ldhge", "hdlge", "hdhge", "glnu",
        "glnu_norm", "dcnu", "dcnu_norm", "dc_perc", "gl_var", "dc_var", "dc_entr", "dc_energy"};

    private IbsiNgldm() {
    }

    /** The {@code ngl_*} features of the aggregations the settings ask for. */
    public static LinkedHashMap<String, Double> compute(IbsiFeatures.Input in, IbsiSettings s) {
        return compute(new IbsiFeatures.Roi(in, s), s);
    }

    static LinkedHashMap<String, Double> compute(IbsiFeatures.Roi roi, IbsiSettings s) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        int d = s.neighbourhoodDistance();
        int alpha = s.ngldmAlpha();
        if (s.compute2D() || s.compute25D()) {
            int[][] nb = IbsiFeatures.neighbourhood(d, true);
            IbsiZoneMatrix[] perSlice = new IbsiZoneMatrix[roi.nz];
            for (int z = 0; z < roi.nz; z++) {
                perSlice[z] = matrix(roi, nb, alpha, z);
            }
            IbsiGlszm.emit2D(out, "ngl_", NAMES, perSlice, s);
        }
        if (s.compute3D()) {
            IbsiZoneMatrix m = matrix(roi, IbsiFeatures.neighbourhood(d, false), alpha, -1);
            IbsiFeatures.put(out, "ngl_", NAMES, "_3D", m.features(NAMES.length));
        }
        return out;
    }

    private static IbsiZoneMatrix matrix(IbsiFeatures.Roi roi, int[][] nb, int alpha, int z) {
        IbsiZoneMatrix m = new IbsiZoneMatrix();
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
                    int j = 1;
                    for (int[] o : nb) {
                        int h = roi.at(x + o[0], y + o[1], zz + o[2]);
                        if (h > 0 && Math.abs(h - g) <= alpha) {
                            j++;
                        }
                    }
                    m.add(g, j, 1);
                }
            }
        }
        m.voxels = voxels;
        return m;
    }
}
