package io.github.dlradiomics.radiomics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Grey Level Run Length Matrix features, computed exactly as PyRadiomics does (cmatrices.c calculate_glrlm for the
 * matrix, radiomics/glrlm.py for the features).
 *
 * <p>Matrix: for each angle of {@link Angles} with distance 1 (one direction; PyRadiomics ignores the
 * {@code distances} setting here), every line of the ROI's bounding box along that angle is walked and P(i, j) counts
 * the runs of j consecutive ROI voxels of level i. An angle along which no line holds two ROI voxels is emptied (the
 * ROI is flat in that direction). PyRadiomics then removes the grey levels absent from the ROI, optionally sums the
 * angles weighted by the angle's length in mm ({@code weightingNorm}: infinity, euclidean or manhattan norm of
 * angle times spacing, or 1), drops empty angles (when more than one), and removes run lengths that occur in no
 * angle. Features are computed per angle and averaged ignoring NaN.
 *
 * <p>Definitions (N_r = number of runs of the angle, p(i,j) = P/N_r, p_g(i) = sum_j P, p_r(j) = sum_i P, i = grey
 * level value, j = run length, N_p = sum_j p_r(j) j):
 * ShortRunEmphasis sum p_r/j^2 / N_r; LongRunEmphasis sum p_r j^2 / N_r; GrayLevelNonUniformity sum p_g^2 / N_r
 * (Normalized: / N_r^2); RunLengthNonUniformity sum p_r^2 / N_r (Normalized: / N_r^2); RunPercentage N_r / N_p;
 * GrayLevelVariance and RunVariance the variances of p_g/N_r over i and p_r/N_r over j; RunEntropy
 * -sum p log2(p + eps); Low/HighGrayLevelRunEmphasis sum p_g i^{-2}, i^2 / N_r; ShortRunLow/HighGrayLevelEmphasis
 * sum P i^{-2}, i^2 / j^2 / N_r; LongRunLow/HighGrayLevelEmphasis sum P j^2 i^{-2}, j^2 i^2 / N_r.
 *
 * <pre>double sre = GlrlmFeatures.compute(roi, TextureSettings.DEFAULT).get("ShortRunEmphasis");</pre>
 */
public final class GlrlmFeatures {
    private static final int[] DISTANCE_ONE = {1};

    // PyRadiomics' order: getFeatureNames sorts the getXxxFeatureValue methods by name.
    private static final List<String> NAMES = List.of("GrayLevelNonUniformity", "GrayLevelNonUniformityNormalized",
            "GrayLevelVariance", "HighGrayLevelRunEmphasis", "LongRunEmphasis", "LongRunHighGrayLevelEmphasis",
            "LongRunLowGrayLevelEmphasis", "LowGrayLevelRunEmphasis", "RunEntropy", "RunLengthNonUniformity",
            "RunLengthNonUniformityNormalized", "RunPercentage", "RunVariance", "ShortRunEmphasis",
            "ShortRunHighGrayLevelEmphasis", "ShortRunLowGrayLevelEmphasis");

    private static final int GLN = 0;
    private static final int GLNN = 1;
    private static final int GLV = 2;
    private static final int HGLRE = 3;
    private static final int LRE = 4;
    private static final int LRHGLE = 5;
    private static final int LRLGLE = 6;
    private static final int LGLRE = 7;
    private static final int RE = 8;
    private static final int RLN = 9;
    private static final int RLNN = 10;
    private static final int RP = 11;
    private static final int RV = 12;
    private static final int SRE = 13;
    private static final int SRHGLE = 14;
    private static final int SRLGLE = 15;
    private static final int N_FEATURES = 16;


    private GlrlmFeatures() {
    }

    /** PyRadiomics' GLRLM feature names (all 16), in PyRadiomics' output order. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * All 16 GLRLM features of the ROI.
     *
     * <pre>double rp = GlrlmFeatures.compute(roi, TextureSettings.DEFAULT).get("RunPercentage");</pre>
     *
     * @return feature name to value, PyRadiomics order; NaN where PyRadiomics gives NaN (no run in any angle)
     */
    public static LinkedHashMap<String, Double> compute(DiscretizedRoi roi, TextureSettings s) {
        Reduced m = reduced(roi, s);
        int na = m.p.length;
        double[][] perAngle = new double[na][];
        for (int a = 0; a < na; a++) {
            perAngle[a] = angleFeatures(m.p[a], m.levels, m.runLengths);
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (int f = 0; f < N_FEATURES; f++) {
            double sum = 0;
            int count = 0;
            for (double[] a : perAngle) {
                if (!Double.isNaN(a[f])) {
                    sum += a[f];
                    count++;
                }
            }
            out.put(NAMES.get(f), count == 0 ? Double.NaN : sum / count); // numpy.nanmean
        }
        return out;
    }

    /**
     * The raw run counts as cmatrices.c calculate_glrlm returns them: {@code P[a][i-1][r-1]} = number of runs of
     * length r of level i along angle a (see {@link Angles}, distance 1, one direction), levels 1..maxLevel (empty
     * levels included), run lengths 1..max(nx, ny, nz). An angle whose lines never hold two ROI voxels is all zero.
     */
    static double[][][] matrix(DiscretizedRoi roi, TextureSettings s) {
        int[][] angles = angles(roi, s);
        int ng = roi.maxLevel();
        int nr = Math.max(roi.nx(), Math.max(roi.ny(), roi.nz()));
        double[][][] p = new double[angles.length][][];
        int[] counts = new int[ng * nr];
        for (int a = 0; a < angles.length; a++) {
            runs(roi, angles[a], nr, counts);
            p[a] = new double[ng][nr];
            for (int i = 0; i < ng; i++) {
                for (int r = 0; r < nr; r++) {
                    p[a][i][r] = counts[i * nr + r];
                }
            }
        }
        return p;
    }

    /** The matrix the GLRLM features use, with the grey-level values of its rows and run lengths of its columns. */
    record Reduced(double[][][] p, int[] levels, int[] runLengths) {
    }

    /**
     * The matrix as PyRadiomics' RadiomicsGLRLM holds it after _calculateCoefficients, {@code p[a][i][r]}: grey levels
     * absent from the ROI removed, angles weighted and summed when weightingNorm is set, empty angles dropped (when
     * more than one), run lengths that occur in no angle removed. Not normalised.
     */
    static Reduced reduced(DiscretizedRoi roi, TextureSettings s) {
        int[][] angles = angles(roi, s);
        int ng = roi.maxLevel();
        int[] levels = GlcmFeatures.presentLevels(roi, ng);
        int n = levels.length;
        int nr = Math.max(roi.nx(), Math.max(roi.ny(), roi.nz()));
        int[] counts = new int[ng * nr];
        double[][][] p = new double[angles.length][n][nr];
        for (int a = 0; a < angles.length; a++) {
            runs(roi, angles[a], nr, counts);
            for (int i = 0; i < n; i++) {
                int row = (levels[i] - 1) * nr;
                for (int r = 0; r < nr; r++) {
                    p[a][i][r] = counts[row + r];
                }
            }
        }
        if (s.weightingNorm() != null) {
            double[][] sum = new double[n][nr];
            for (int a = 0; a < angles.length; a++) {
                double w = weight(s.weightingNorm(), angles[a], roi.spacing());
                for (int i = 0; i < n; i++) {
                    for (int r = 0; r < nr; r++) {
                        sum[i][r] += p[a][i][r] * w;
                    }
                }
            }
            p = new double[][][] {sum};
        }
        int kept = 0;
        for (int a = 0; a < p.length; a++) {
            double total = 0;
            for (double[] row : p[a]) {
                for (double v : row) {
                    total += v;
                }
            }
            if (total != 0 || p.length == 1) {
                p[kept++] = p[a];
            }
        }
        p = Arrays.copyOf(p, kept);
        // keep the run lengths present in some angle (anywhere, not only trailing ones)
        boolean[] present = new boolean[nr];
        int nPresent = 0;
        for (int r = 0; r < nr; r++) {
            for (int a = 0; a < kept && !present[r]; a++) {
                for (int i = 0; i < n; i++) {
                    if (p[a][i][r] != 0) {
                        present[r] = true;
                        nPresent++;
                        break;
                    }
                }
            }
        }
        int[] runLengths = new int[nPresent];
        for (int r = 0, c = 0; r < nr; r++) {
            if (present[r]) {
                runLengths[c++] = r + 1;
            }
        }
        for (int a = 0; a < kept; a++) {
            for (int i = 0; i < n; i++) {
                double[] row = new double[nPresent];
                for (int c = 0; c < nPresent; c++) {
                    row[c] = p[a][i][runLengths[c] - 1];
                }
                p[a][i] = row;
            }
        }
        return new Reduced(p, levels, runLengths);
    }

    private static int[][] angles(DiscretizedRoi roi, TextureSettings s) {
        // calculate_glrlm is called without distances, so build_angles_arr uses distance 1
        return Angles.generate(roi, DISTANCE_ONE, false, s.force2D(), s.force2Ddimension());
    }

    /**
     * Fills {@code counts[(i-1)*nr + r-1]} with the runs along one angle {dz, dy, dx}. Each box voxel lies on exactly
     * one line along the angle; a line starts where stepping back leaves the box, as calculate_glrlm's start voxels
     * do. Runs end at a voxel outside the ROI or of another level. The direction of walking does not change the runs.
     */
    private static void runs(DiscretizedRoi roi, int[] angle, int nr, int[] counts) {
        Arrays.fill(counts, 0);
        int nx = roi.nx();
        int ny = roi.ny();
        int nz = roi.nz();
        int dz = angle[0];
        int dy = angle[1];
        int dx = angle[2];
        int step = dx + nx * (dy + ny * dz);
        int[] lv = roi.levels();
        boolean multiElement = false;
        for (int z = 0; z < nz; z++) {
            boolean startZ = dz != 0 && (z - dz < 0 || z - dz >= nz);
            for (int y = 0; y < ny; y++) {
                boolean startZy = startZ || (dy != 0 && (y - dy < 0 || y - dy >= ny));
                for (int x = 0; x < nx; x++) {
                    if (!startZy && !(dx != 0 && (x - dx < 0 || x - dx >= nx))) {
                        continue;
                    }
                    // walk the line from (x, y, z)
                    int cx = x;
                    int cy = y;
                    int cz = z;
                    int v = x + nx * (y + ny * z);
                    int gl = 0;
                    int rl = 0;
                    int elements = 0;
                    while (cx >= 0 && cx < nx && cy >= 0 && cy < ny && cz >= 0 && cz < nz) {
                        int l = lv[v];
                        if (l > 0) {
                            elements++;
                            if (gl == l) {
                                rl++;
                            } else {
                                if (gl > 0) {
                                    counts[(gl - 1) * nr + rl - 1]++;
                                }
                                gl = l;
                                rl = 1;
                            }
                        } else if (gl > 0) {
                            counts[(gl - 1) * nr + rl - 1]++;
                            gl = 0;
                        }
                        cx += dx;
                        cy += dy;
                        cz += dz;
                        v += step;
                    }
                    if (gl > 0) {
                        counts[(gl - 1) * nr + rl - 1]++;
                    }
                    multiElement |= elements > 1;
                }
            }
        }
        if (!multiElement) {
            // calculate_glrlm: the ROI is flat along this angle (every run has length 1 by construction); drop it
            Arrays.fill(counts, 0);
        }
    }

    /**
     * glrlm.py's weight of an angle {dz, dy, dx}: the infinity, euclidean or manhattan norm of |angle| * spacing (mm);
     * 1 for "no_weighting" and unknown norms (PyRadiomics warns and uses 1).
     */
    private static double weight(String norm, int[] angle, double[] spacing) {
        double cz = Math.abs(angle[0]) * spacing[2];
        double cy = Math.abs(angle[1]) * spacing[1];
        double cx = Math.abs(angle[2]) * spacing[0];
        return switch (norm) {
            case "infinity" -> Math.max(cz, Math.max(cy, cx));
            case "euclidean" -> Math.sqrt(cz * cz + cy * cy + cx * cx);
            case "manhattan" -> cz + cy + cx;
            default -> 1;
        };
    }

    /** The 16 features of one angle's matrix {@code p[i][r]} (rows = levels, columns = runLengths). */
    private static double[] angleFeatures(double[][] p, int[] levels, int[] runLengths) {
        double[] iv = new double[levels.length];
        for (int i = 0; i < iv.length; i++) {
            iv[i] = levels[i];
        }
        double[] jv = new double[runLengths.length];
        for (int r = 0; r < jv.length; r++) {
            jv[r] = runLengths[r];
        }
        // glrlm.py: Nr[Nr == 0] = nan, so every feature of an empty angle is NaN
        MatrixSums t = MatrixSums.of(p, iv, jv, Double.NaN);
        double nRuns = t.n();
        double[] f = new double[N_FEATURES];
        f[SRE] = t.smallJ() / nRuns;
        f[LRE] = t.largeJ() / nRuns;
        f[GLN] = t.greyNonUniformity() / nRuns;
        f[GLNN] = t.greyNonUniformity() / (nRuns * nRuns);
        f[RLN] = t.jNonUniformity() / nRuns;
        f[RLNN] = t.jNonUniformity() / (nRuns * nRuns);
        f[RP] = nRuns / t.nVoxels();
        f[GLV] = t.greyVariance();
        f[RV] = t.jVariance();
        f[RE] = t.entropy();
        f[LGLRE] = t.lowGrey() / nRuns;
        f[HGLRE] = t.highGrey() / nRuns;
        f[SRLGLE] = t.smallJLowGrey() / nRuns;
        f[SRHGLE] = t.smallJHighGrey() / nRuns;
        f[LRLGLE] = t.largeJLowGrey() / nRuns;
        f[LRHGLE] = t.largeJHighGrey() / nRuns;
        return f;
    }
}
