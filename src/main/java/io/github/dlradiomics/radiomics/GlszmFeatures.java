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
        double[][] p = m.p();
        double[] iv = m.ivector();
        double[] jv = m.jvector();
        int ng = iv.length;
        int ns = jv.length;

        double[] pg = new double[ng];
        double[] ps = new double[ns];
        double nz = 0;
        for (int i = 0; i < ng; i++) {
            for (int j = 0; j < ns; j++) {
                pg[i] += p[i][j];
                ps[j] += p[i][j];
            }
            nz += pg[i];
        }
        // Np = voxels represented by the zones = sum_j ps_j * j (glszm.py _calculateCoefficients)
        double np = 0;
        for (int j = 0; j < ns; j++) {
            np += ps[j] * jv[j];
        }
        if (nz == 0) {
            nz = 1; // PyRadiomics guards both against 0 (cannot happen for a non-empty ROI)
        }
        if (np == 0) {
            np = 1;
        }

        double sae = 0, lae = 0, szn = 0, muJ = 0;
        for (int j = 0; j < ns; j++) {
            double j2 = jv[j] * jv[j];
            sae += ps[j] / j2;
            lae += ps[j] * j2;
            szn += ps[j] * ps[j];
            muJ += ps[j] / nz * jv[j];
        }
        double zv = 0;
        for (int j = 0; j < ns; j++) {
            double d = jv[j] - muJ;
            zv += ps[j] / nz * d * d;
        }

        double gln = 0, lglze = 0, hglze = 0, muI = 0;
        for (int i = 0; i < ng; i++) {
            double i2 = iv[i] * iv[i];
            gln += pg[i] * pg[i];
            lglze += pg[i] / i2;
            hglze += pg[i] * i2;
            muI += pg[i] / nz * iv[i];
        }
        double glv = 0;
        for (int i = 0; i < ng; i++) {
            double d = iv[i] - muI;
            glv += pg[i] / nz * d * d;
        }

        // ZoneEntropy = -sum p log2(p + eps), eps = numpy.spacing(1); empty cells contribute 0.
        double eps = Math.ulp(1.0);
        double ze = 0, salgle = 0, sahgle = 0, lalgle = 0, lahgle = 0;
        for (int i = 0; i < ng; i++) {
            double i2 = iv[i] * iv[i];
            for (int j = 0; j < ns; j++) {
                double v = p[i][j];
                if (v == 0) {
                    continue;
                }
                double j2 = jv[j] * jv[j];
                double pn = v / nz;
                ze -= pn * (Math.log(pn + eps) / Math.log(2));
                salgle += v / (i2 * j2);
                sahgle += v * i2 / j2;
                lalgle += v * j2 / i2;
                lahgle += v * i2 * j2;
            }
        }

        LinkedHashMap<String, Double> f = new LinkedHashMap<>();
        f.put("GrayLevelNonUniformity", gln / nz);
        f.put("GrayLevelNonUniformityNormalized", gln / (nz * nz));
        f.put("GrayLevelVariance", glv);
        f.put("HighGrayLevelZoneEmphasis", hglze / nz);
        f.put("LargeAreaEmphasis", lae / nz);
        f.put("LargeAreaHighGrayLevelEmphasis", lahgle / nz);
        f.put("LargeAreaLowGrayLevelEmphasis", lalgle / nz);
        f.put("LowGrayLevelZoneEmphasis", lglze / nz);
        f.put("SizeZoneNonUniformity", szn / nz);
        f.put("SizeZoneNonUniformityNormalized", szn / (nz * nz));
        f.put("SmallAreaEmphasis", sae / nz);
        f.put("SmallAreaHighGrayLevelEmphasis", sahgle / nz);
        f.put("SmallAreaLowGrayLevelEmphasis", salgle / nz);
        f.put("ZoneEntropy", ze);
        f.put("ZonePercentage", nz / np);
        f.put("ZoneVariance", zv);
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
