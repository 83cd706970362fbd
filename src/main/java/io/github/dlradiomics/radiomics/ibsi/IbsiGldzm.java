package io.github.dlradiomics.radiomics.ibsi;

import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * IBSI grey level distance zone matrix features (IBSI 3.9, tags {@code dzm_*}). Zones are those of the GLSZM
 * ({@link IbsiGlszm}); the distance of a zone is the smallest distance of its voxels to the ROI edge, where the
 * distance map counts taxicab steps (4-connected in a slice for 2D/2.5D, 6-connected in 3D) to the nearest voxel
 * outside the morphological mask or the image, voxels on the edge having distance 1 (as in the manual, which
 * takes the distance map from the morphological mask so that re-segmentation holes do not create edges).
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; dzm = IbsiGldzm.compute(input, IbsiSettings.DEFAULT);</pre>
 */
public final class IbsiGldzm {
    static final String[] NAMES = {"sde", "lde", "lgze", "hgze", "sdlge", "sdhge", "ldlge", "ldhge", "glnu",
        "glnu_norm", "zdnu", "zdnu_norm", "z_perc", "gl_var", "zd_var", "zd_entr"};

    private IbsiGldzm() {
    }

    /** The {@code dzm_*} features of the aggregations the settings ask for. */
    public static LinkedHashMap<String, Double> compute(IbsiFeatures.Input in, IbsiSettings s) {
        return compute(new IbsiFeatures.Roi(in, s), s);
    }

    static LinkedHashMap<String, Double> compute(IbsiFeatures.Roi roi, IbsiSettings s) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        if (s.compute2D() || s.compute25D()) {
            IbsiGlszm.Zones zones = IbsiGlszm.Zones.of(roi, true, s.linkageDistance());
            long[] dist = zoneDistances(zones, distanceMap(roi, true));
            IbsiZoneMatrix[] perSlice = new IbsiZoneMatrix[roi.nz];
            for (int z = 0; z < roi.nz; z++) {
                perSlice[z] = new IbsiZoneMatrix();
                perSlice[z].voxels = roi.sliceCount(z);
            }
            for (int k = 0; k < zones.count; k++) {
                perSlice[zones.slice[k]].add(zones.level[k], dist[k], 1);
            }
            IbsiGlszm.emit2D(out, "dzm_", NAMES, perSlice, s);
        }
        if (s.compute3D()) {
            IbsiGlszm.Zones zones = IbsiGlszm.Zones.of(roi, false, s.linkageDistance());
            long[] dist = zoneDistances(zones, distanceMap(roi, false));
            IbsiZoneMatrix m = new IbsiZoneMatrix();
            m.voxels = roi.count;
            for (int k = 0; k < zones.count; k++) {
                m.add(zones.level[k], dist[k], 1);
            }
            IbsiFeatures.put(out, "dzm_", NAMES, "_3D", m.features(NAMES.length));
        }
        return out;
    }

    private static long[] zoneDistances(IbsiGlszm.Zones zones, int[] map) {
        long[] d = new long[zones.count];
        Arrays.fill(d, Long.MAX_VALUE);
        for (int v = 0; v < zones.label.length; v++) {
            int k = zones.label[v];
            if (k >= 0) {
                // an intensity-mask voxel outside the morphological mask (should not happen) counts as edge
                d[k] = Math.min(d[k], Math.max(1, map[v]));
            }
        }
        return d;
    }

    /**
     * Taxicab distance to the nearest voxel outside the morphological mask (or the image), 1 on the edge, 0
     * outside; in-plane when flat. Multi-source breadth-first search: O(N).
     */
    static int[] distanceMap(IbsiFeatures.Roi roi, boolean flat) {
        int nx = roi.nx;
        int ny = roi.ny;
        int nz = roi.nz;
        int n = nx * ny * nz;
        int[] d = new int[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        int[][] nb = flat ? new int[][] {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}}
                : new int[][] {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int v = x + nx * (y + ny * z);
                    if (!roi.morph[v]) {
                        continue;
                    }
                    for (int[] o : nb) {
                        int xx = x + o[0];
                        int yy = y + o[1];
                        int zz = z + o[2];
                        if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz
                                || !roi.morph[xx + nx * (yy + ny * zz)]) {
                            d[v] = 1;
                            queue[tail++] = v;
                            break;
                        }
                    }
                }
            }
        }
        while (head < tail) {
            int v = queue[head++];
            int z = v / (nx * ny);
            int y = (v / nx) % ny;
            int x = v % nx;
            for (int[] o : nb) {
                int xx = x + o[0];
                int yy = y + o[1];
                int zz = z + o[2];
                if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) {
                    continue;
                }
                int u = xx + nx * (yy + ny * zz);
                if (roi.morph[u] && d[u] == 0) {
                    d[u] = d[v] + 1;
                    queue[tail++] = u;
                }
            }
        }
        return d;
    }
}
