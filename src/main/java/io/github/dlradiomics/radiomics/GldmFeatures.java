package io.github.dlradiomics.radiomics;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * Gray Level Dependence Matrix features, computed as PyRadiomics computes them ({@code radiomics/gldm.py} with the
 * matrix of {@code calculate_gldm} in {@code cmatrices.c}).
 *
 * <p>A neighbour (every angle of the requested distances, both directions, inside the ROI) is <em>dependent</em> on
 * the centre voxel when their grey levels differ by at most {@code gldm_a}. {@code P(i, j)} counts the voxels of grey
 * level i with j - 1 dependent neighbours: column j = 1 means "no dependent neighbour", exactly as PyRadiomics' jvector
 * starts at 1 for dependence 0. Rows of grey levels absent from the ROI and columns of dependence counts that never
 * occur are removed before the features are computed. Every ROI voxel yields one entry, so Nz = Np.
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; f = GldmFeatures.compute(roi, TextureSettings.DEFAULT);</pre>
 */
public final class GldmFeatures {
    /**
     * Feature names in the order PyRadiomics emits them: its base class enumerates the get*FeatureValue methods with
     * inspect.getmembers, which sorts by name. The deprecated GrayLevelNonUniformityNormalized (= firstorder
     * Uniformity) and DependencePercentage (always 1) are not computed by PyRadiomics and are not here either.
     */
    private static final List<String> NAMES = List.of(
            "DependenceEntropy",
            "DependenceNonUniformity",
            "DependenceNonUniformityNormalized",
            "DependenceVariance",
            "GrayLevelNonUniformity",
            "GrayLevelVariance",
            "HighGrayLevelEmphasis",
            "LargeDependenceEmphasis",
            "LargeDependenceHighGrayLevelEmphasis",
            "LargeDependenceLowGrayLevelEmphasis",
            "LowGrayLevelEmphasis",
            "SmallDependenceEmphasis",
            "SmallDependenceHighGrayLevelEmphasis",
            "SmallDependenceLowGrayLevelEmphasis");

    private GldmFeatures() {
    }

    /**
     * The 14 GLDM feature names, without the {@code original_gldm_} prefix, in PyRadiomics' output order.
     *
     * <pre>for (String n : GldmFeatures.names()) { ... }</pre>
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Computes the 14 GLDM features of a discretised ROI.
     *
     * <pre>double sde = GldmFeatures.compute(roi, settings).get("SmallDependenceEmphasis");</pre>
     *
     * @param roi discretised ROI (levels &gt;= 1 inside, 0 outside); must hold at least one voxel
     * @param s   texture settings: distances, gldm_a, force2D and force2Ddimension are used
     * @return feature name (no prefix) to value, in {@link #names()} order
     */
    public static LinkedHashMap<String, Double> compute(DiscretizedRoi roi, TextureSettings s) {
        Matrix m = build(roi, s);
        MatrixSums t = MatrixSums.of(m.p, m.ivector, m.jvector, 1); // Nz[Nz == 0] = 1, as gldm.py
        double nz = t.n();
        LinkedHashMap<String, Double> f = new LinkedHashMap<>();
        f.put("DependenceEntropy", t.entropy());
        f.put("DependenceNonUniformity", t.jNonUniformity() / nz);
        f.put("DependenceNonUniformityNormalized", t.jNonUniformity() / (nz * nz));
        f.put("DependenceVariance", t.jVariance());
        f.put("GrayLevelNonUniformity", t.greyNonUniformity() / nz);
        f.put("GrayLevelVariance", t.greyVariance());
        f.put("HighGrayLevelEmphasis", t.highGrey() / nz);
        f.put("LargeDependenceEmphasis", t.largeJ() / nz);
        f.put("LargeDependenceHighGrayLevelEmphasis", t.largeJHighGrey() / nz);
        f.put("LargeDependenceLowGrayLevelEmphasis", t.largeJLowGrey() / nz);
        f.put("LowGrayLevelEmphasis", t.lowGrey() / nz);
        f.put("SmallDependenceEmphasis", t.smallJ() / nz);
        f.put("SmallDependenceHighGrayLevelEmphasis", t.smallJHighGrey() / nz);
        f.put("SmallDependenceLowGrayLevelEmphasis", t.smallJLowGrey() / nz);
        return f;
    }

    /**
     * The GLDM as PyRadiomics' features see it: rows = grey levels present (ascending), columns = dependence counts
     * that occur (ascending), i.e. {@code P_gldm} after both deletions in gldm.py.
     */
    static double[][] matrix(DiscretizedRoi roi, TextureSettings s) {
        return build(roi, s).p;
    }

    /**
     * A trimmed matrix with the grey level of each row (ivector) and the 1-based size of each column (jvector);
     * GLSZM uses the same shape, so it shares this record and {@link #trim}.
     */
    record Matrix(double[][] p, double[] ivector, double[] jvector) {
    }

    static Matrix build(DiscretizedRoi roi, TextureSettings s) {
        int[] lv = roi.levels();
        int nx = roi.nx(), ny = roi.ny(), nz = roi.nz();
        // Both directions of every offset of the requested distances (calculate_gldm is called bidirectional).
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
            throw new IllegalArgumentException("GLDM: the ROI is empty");
        }
        // gldm.py hands gldm_a to C as an int; levels are integers, so |i - j| <= a is |i - j| <= floor(a).
        long alpha = (long) Math.floor(s.gldmA());
        // calculate_gldm: dependence ranges 0..Na (Na = angles in both directions)
        double[][] raw = new double[ngMax][na + 1];
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    int g = lv[i];
                    if (g == 0) {
                        continue;
                    }
                    int dep = 0;
                    for (int a = 0; a < na; a++) {
                        int xx = x + adx[a], yy = y + ady[a], zz = z + adz[a];
                        if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) {
                            continue;
                        }
                        int h = lv[i + step[a]];
                        // cmatrices compares an int difference with an int alpha: |i - j| <= alpha
                        if (h != 0 && Math.abs(g - h) <= alpha) {
                            dep++;
                        }
                    }
                    raw[g - 1][dep]++;
                }
            }
        }
        return trim(raw);
    }

    /**
     * Removes all-zero rows (grey levels absent from the ROI) and all-zero columns (counts that never occur), keeping
     * the 1-based grey level and 1-based column number of what stays, as gldm.py and glszm.py do with numpy.delete.
     */
    static Matrix trim(double[][] raw) {
        int rows = raw.length, cols = rows == 0 ? 0 : raw[0].length;
        boolean[] keepRow = new boolean[rows];
        boolean[] keepCol = new boolean[cols];
        int nr = 0, nc = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (raw[i][j] != 0) {
                    keepRow[i] = true;
                    keepCol[j] = true;
                }
            }
        }
        for (boolean k : keepRow) {
            nr += k ? 1 : 0;
        }
        for (boolean k : keepCol) {
            nc += k ? 1 : 0;
        }
        double[] iv = new double[nr];
        double[] jv = new double[nc];
        for (int j = 0, c = 0; j < cols; j++) {
            if (keepCol[j]) {
                jv[c++] = j + 1;
            }
        }
        double[][] p = new double[nr][nc];
        for (int i = 0, r = 0; i < rows; i++) {
            if (!keepRow[i]) {
                continue;
            }
            iv[r] = i + 1;
            for (int j = 0, c = 0; j < cols; j++) {
                if (keepCol[j]) {
                    p[r][c++] = raw[i][j];
                }
            }
            r++;
        }
        return new Matrix(p, iv, jv);
    }
}
