package io.github.dlradiomics.radiomics.ibsi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * IBSI grey level size zone matrix features (IBSI 3.8, tags {@code szm_*}). A zone is a connected group of
 * intensity-mask voxels of the same grey level; connectivity is the Chebyshev linkage distance (1: 8-connected
 * in a slice, 26-connected in 3D). {@code _2D}: one matrix per slice, features averaged over slices;
 * {@code _2_5D}: the slice matrices merged; {@code _3D}: zones in the volume.
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; szm = IbsiGlszm.compute(input, IbsiSettings.DEFAULT);</pre>
 */
public final class IbsiGlszm {
    static final String[] NAMES = {"sze", "lze", "lgze", "hgze", "szlge", "szhge", "lzlge", "lzhge", "glnu",
        "glnu_norm", "zsnu", "zsnu_norm", "z_perc", "gl_var", "zs_var", "zs_entr"};

    private IbsiGlszm() {
    }

    /** The {@code szm_*} features of the aggregations the settings ask for. */
    public static LinkedHashMap<String, Double> compute(IbsiFeatures.Input in, IbsiSettings s) {
        return compute(new IbsiFeatures.Roi(in, s), s);
    }

    static LinkedHashMap<String, Double> compute(IbsiFeatures.Roi roi, IbsiSettings s) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        if (s.compute2D() || s.compute25D()) {
            Zones zones = Zones.of(roi, true, s.linkageDistance());
            IbsiZoneMatrix[] perSlice = new IbsiZoneMatrix[roi.nz];
            for (int z = 0; z < roi.nz; z++) {
                perSlice[z] = new IbsiZoneMatrix();
                perSlice[z].voxels = roi.sliceCount(z);
            }
            for (int k = 0; k < zones.count; k++) {
                perSlice[zones.slice[k]].add(zones.level[k], zones.size[k], 1);
            }
            emit2D(out, "szm_", NAMES, perSlice, s);
        }
        if (s.compute3D()) {
            Zones zones = Zones.of(roi, false, s.linkageDistance());
            IbsiZoneMatrix m = new IbsiZoneMatrix();
            m.voxels = roi.count;
            for (int k = 0; k < zones.count; k++) {
                m.add(zones.level[k], zones.size[k], 1);
            }
            IbsiFeatures.put(out, "szm_", NAMES, "_3D", m.features(NAMES.length));
        }
        return out;
    }

    /** Writes the {@code _2D} (slice average) and {@code _2_5D} (slices merged) features of slice matrices. */
    static void emit2D(LinkedHashMap<String, Double> out, String prefix, String[] names, IbsiZoneMatrix[] perSlice,
            IbsiSettings s) {
        int w = names.length;
        if (s.compute2D()) {
            List<double[]> rows = new ArrayList<>();
            for (IbsiZoneMatrix m : perSlice) {
                if (!m.isEmpty()) {
                    rows.add(m.features(w));
                }
            }
            IbsiFeatures.put(out, prefix, names, "_2D", IbsiFeatures.average(rows, w));
        }
        if (s.compute25D()) {
            IbsiFeatures.put(out, prefix, names, "_2_5D", IbsiZoneMatrix.merged(Arrays.asList(perSlice)).features(w));
        }
    }

    /** Connected zones of equal grey level: label per voxel (-1 outside the ROI), and per zone its level, size, slice. */
    static final class Zones {
        int[] label;
        int count;
        int[] level;
        long[] size;
        int[] slice;

        static Zones of(IbsiFeatures.Roi roi, boolean flat, int linkage) {
            int[][] nb = IbsiFeatures.neighbourhood(linkage, flat);
            Zones zs = new Zones();
            int n = roi.g.length;
            zs.label = new int[n];
            Arrays.fill(zs.label, -1);
            int[] stack = new int[Math.max(1, roi.count)];
            int cap = 64;
            zs.level = new int[cap];
            zs.size = new long[cap];
            zs.slice = new int[cap];
            int nxy = roi.nx * roi.ny;
            for (int start = 0; start < n; start++) {
                int g = roi.g[start];
                if (g == 0 || zs.label[start] >= 0) {
                    continue;
                }
                int id = zs.count++;
                if (id == zs.level.length) {
                    cap *= 2;
                    zs.level = Arrays.copyOf(zs.level, cap);
                    zs.size = Arrays.copyOf(zs.size, cap);
                    zs.slice = Arrays.copyOf(zs.slice, cap);
                }
                zs.level[id] = g;
                zs.slice[id] = start / nxy;
                long size = 0;
                int top = 0;
                stack[top++] = start;
                zs.label[start] = id;
                while (top > 0) {
                    int v = stack[--top];
                    size++;
                    int z = v / nxy;
                    int y = (v % nxy) / roi.nx;
                    int x = v % roi.nx;
                    for (int[] o : nb) {
                        int xx = x + o[0];
                        int yy = y + o[1];
                        int zz = z + o[2];
                        if (roi.at(xx, yy, zz) != g) {
                            continue;
                        }
                        int u = roi.index(xx, yy, zz);
                        if (zs.label[u] < 0) {
                            zs.label[u] = id;
                            stack[top++] = u;
                        }
                    }
                }
                zs.size[id] = size;
            }
            return zs;
        }
    }
}
