package io.github.dlradiomics.radiomics;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * Gray Level Size Zone Matrix features, computed as PyRadiomics computes them ({@code radiomics/glszm.py} with the
 * matrix of {@code calculate_glszm} in {@code cmatrices.c}).
 *
 * <p>A zone is a connected set of ROI voxels of equal grey level; connectivity is every offset of infinity-norm 1
 * (26-connectivity in 3D, 8-connectivity in the plane with force2D). PyRadiomics always uses distance 1 here, whatever
 * the "distances" setting says. {@code P(i, j)} counts the zones of grey level i and j voxels. Rows of grey levels
 * absent from the ROI and columns of zone sizes that never occur are removed; the features then use the real sizes
 * (PyRadiomics' jvector keeps the size of each kept column).
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; f = GlszmFeatures.compute(roi, TextureSettings.DEFAULT);</pre>
 */
public final class GlszmFeatures {
    /** PyRadiomics' output order: get*FeatureValue methods as inspect.getmembers sorts them (by name). */
    private static final List<String> NAMES = List.of(
            "GrayLevelNonUniformity",
            "GrayLevelNonUniformityNormalized",
            "GrayLevelVariance",
            "HighGrayLevelZoneEmphasis",
            "LargeAreaEmphasis",
            "LargeAreaHighGrayLevelEmphasis",
            "LargeAreaLowGrayLevelEmphasis",
            "LowGrayLevelZoneEmphasis",
            "SizeZoneNonUniformity",
            "SizeZoneNonUniformityNormalized",
            "SmallAreaEmphasis",
            "SmallAreaHighGrayLevelEmphasis",
            "SmallAreaLowGrayLevelEmphasis",
            "ZoneEntropy",
            "ZonePercentage",
            "ZoneVariance");

    private static final int[] DISTANCE_ONE = {1};

    private GlszmFeatures() {
    }

    /**
     * The 16 GLSZM feature names, without the {@code original_glszm_} prefix, in PyRadiomics' output order.
     *
     * <pre>for (String n : GlszmFeatures.names()) { ... }</pre>
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Computes the 16 GLSZM features of a discretised ROI.
     *
     * <pre>double zp = GlszmFeatures.compute(roi, settings).get("ZonePercentage");</pre>
     *
     * @param roi discretised ROI (levels &gt;= 1 inside, 0 outside); must hold at least one voxel
     * @param s   texture settings: only force2D and force2Ddimension are used (zones are always distance 1)
     * @return feature name (no prefix) to value, in {@link #names()} order
     */
    public static LinkedHashMap<String, Double> compute(DiscretizedRoi roi, TextureSettings s) {
        GldmFeatures.Matrix m = build(roi, s);
        MatrixSums t = MatrixSums.of(m.p(), m.ivector(), m.jvector(), 1);
        double nz = t.n();
        double np = t.nVoxels() == 0 ? 1 : t.nVoxels(); // Np = sum_j ps_j * j (glszm.py _calculateCoefficients)
        LinkedHashMap<String, Double> f = new LinkedHashMap<>();
        f.put("GrayLevelNonUniformity", t.greyNonUniformity() / nz);
        f.put("GrayLevelNonUniformityNormalized", t.greyNonUniformity() / (nz * nz));
        f.put("GrayLevelVariance", t.greyVariance());
        f.put("HighGrayLevelZoneEmphasis", t.highGrey() / nz);
        f.put("LargeAreaEmphasis", t.largeJ() / nz);
        f.put("LargeAreaHighGrayLevelEmphasis", t.largeJHighGrey() / nz);
        f.put("LargeAreaLowGrayLevelEmphasis", t.largeJLowGrey() / nz);
        f.put("LowGrayLevelZoneEmphasis", t.lowGrey() / nz);
        f.put("SizeZoneNonUniformity", t.jNonUniformity() / nz);
        f.put("SizeZoneNonUniformityNormalized", t.jNonUniformity() / (nz * nz));
        f.put("SmallAreaEmphasis", t.smallJ() / nz);
        f.put("SmallAreaHighGrayLevelEmphasis", t.smallJHighGrey() / nz);
        f.put("SmallAreaLowGrayLevelEmphasis", t.smallJLowGrey() / nz);
        f.put("ZoneEntropy", t.entropy());
        f.put("ZonePercentage", nz / np);
        f.put("ZoneVariance", t.jVariance());
        return f;
    }

    /**
     * The GLSZM as PyRadiomics' features see it: rows = grey levels present (ascending), columns = zone sizes that
     * occur (ascending), i.e. {@code P_glszm} after the deletions in glszm.py.
     */
    static double[][] matrix(DiscretizedRoi roi, TextureSettings s) {
        return build(roi, s).p();
    }

    static GldmFeatures.Matrix build(DiscretizedRoi roi, TextureSettings s) {
        int[] lv = roi.levels();
        int nx = roi.nx(), ny = roi.ny(), nz = roi.nz();
        int n = lv.length;
        // calculate_glszm builds its angles with distances = NULL, i.e. [1], both directions: 26 (8 with force2D).
        int[][] angles = Angles.generate(roi, DISTANCE_ONE, true, s.force2D(), s.force2Ddimension());
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
            throw new IllegalArgumentException("GLSZM: the ROI is empty");
        }

        // Iterative flood fill with an explicit stack: each voxel is pushed at most once (marked when pushed), so
        // the stack never exceeds n and the whole pass is O(n * angles); no recursion depth to blow up on big zones.
        boolean[] done = new boolean[n];
        int[] stack = new int[n];
        int[] zoneLevel = new int[n];
        int[] zoneSize = new int[n];
        int zones = 0;
        int maxSize = 0;
        int nxy = nx * ny;
        for (int start = 0; start < n; start++) {
            int g = lv[start];
            if (g == 0 || done[start]) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            done[start] = true;
            int size = 0;
            while (top > 0) {
                int k = stack[--top];
                size++;
                int z = k / nxy;
                int rem = k - z * nxy;
                int y = rem / nx;
                int x = rem - y * nx;
                for (int a = 0; a < na; a++) {
                    int xx = x + adx[a], yy = y + ady[a], zz = z + adz[a];
                    if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) {
                        continue;
                    }
                    int j = k + step[a];
                    if (!done[j] && lv[j] == g) {
                        done[j] = true;
                        stack[top++] = j;
                    }
                }
            }
            zoneLevel[zones] = g;
            zoneSize[zones] = size;
            zones++;
            maxSize = Math.max(maxSize, size);
        }

        double[][] raw = new double[ngMax][maxSize];
        for (int z = 0; z < zones; z++) {
            raw[zoneLevel[z] - 1][zoneSize[z] - 1]++;
        }
        return GldmFeatures.trim(raw);
    }
}
