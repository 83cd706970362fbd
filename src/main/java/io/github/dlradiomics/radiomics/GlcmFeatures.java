package io.github.dlradiomics.radiomics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Grey Level Co-occurrence Matrix features, computed exactly as PyRadiomics does (cmatrices.c calculate_glcm for the
 * matrix, radiomics/glcm.py for the features).
 *
 * <p>Matrix: for each angle of {@link Angles} (one direction, infinity norm in {@code distances}), P(i, j) counts the
 * ROI voxels of level i whose neighbour at that offset is an ROI voxel of level j. PyRadiomics then keeps only the grey
 * levels present in the ROI, adds the transpose ({@code symmetricalGLCM}), optionally sums the angles with weights
 * W = exp(-||d||^2) (d = angle times voxel spacing, {@code weightingNorm}), drops angles with no pair (when more than one
 * angle is left) and normalises each angle to p(i, j). Each feature is computed per angle and the angles are averaged,
 * ignoring NaN (numpy.nanmean). Grey-level weights i, j are the actual level values; N_g in Idmn and Idn is the
 * largest level present (not the count of levels).
 *
 * <p>Definitions (p = normalised matrix, px/py its marginals, mu_x = sum i p, p_{x+y}(k) over i+j = k,
 * p_{x-y}(k) over |i-j| = k, eps = numpy.spacing(1), logs base 2):
 * Autocorrelation sum p i j; JointAverage mu_x; ClusterProminence/Shade/Tendency sum p (i+j-mu_x-mu_y)^{4,3,2};
 * Contrast sum p (i-j)^2; Correlation (sum p (i-mu_x)(j-mu_y)) / (sigma_x sigma_y + eps), 1 when sigma_x sigma_y = 0;
 * DifferenceAverage/Entropy/Variance on p_{x-y}; Id, Idn, Idm, Idmn sum p_{x-y}(k) / (1 + k), (1 + k/N_g),
 * (1 + k^2), (1 + k^2/N_g^2); InverseVariance sum_{k>0} p_{x-y}(k) / k^2; Imc1 (HXY - HXY1) / max(HX, HY) (0 when the
 * maximum is 0); Imc2 sqrt(1 - e^{-2 (HXY2 - HXY)}) (0 when HXY2 = HXY); JointEnergy sum p^2; JointEntropy HXY;
 * MaximumProbability max p; MCC sqrt of the second largest eigenvalue of Q(i, j) = sum_k p(i,k) p(j,k) /
 * (px(i) py(k) + eps) (1 when fewer than two levels); SumAverage sum k p_{x+y}(k); SumEntropy entropy of p_{x+y};
 * SumSquares sum p (i-mu_x)^2.
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; f = GlcmFeatures.compute(roi, TextureSettings.DEFAULT); f.get("Contrast");</pre>
 */
public final class GlcmFeatures {
    /** numpy.spacing(1), the eps PyRadiomics adds inside logarithms and denominators. */
    static final double EPS = Math.ulp(1.0);

    // PyRadiomics' order: its getFeatureNames sorts the getXxxFeatureValue methods by name (deprecated ones left out).
    private static final List<String> NAMES = List.of("Autocorrelation", "ClusterProminence", "ClusterShade",
            "ClusterTendency", "Contrast", "Correlation", "DifferenceAverage", "DifferenceEntropy",
            "DifferenceVariance", "Id", "Idm", "Idmn", "Idn", "Imc1", "Imc2", "InverseVariance", "JointAverage",
            "JointEnergy", "JointEntropy", "MCC", "MaximumProbability", "SumAverage", "SumEntropy", "SumSquares");

    private static final int AUTOCORRELATION = 0;
    private static final int CLUSTER_PROMINENCE = 1;
    private static final int CLUSTER_SHADE = 2;
    private static final int CLUSTER_TENDENCY = 3;
    private static final int CONTRAST = 4;
    private static final int CORRELATION = 5;
    private static final int DIFFERENCE_AVERAGE = 6;
    private static final int DIFFERENCE_ENTROPY = 7;
    private static final int DIFFERENCE_VARIANCE = 8;
    private static final int ID = 9;
    private static final int IDM = 10;
    private static final int IDMN = 11;
    private static final int IDN = 12;
    private static final int IMC1 = 13;
    private static final int IMC2 = 14;
    private static final int INVERSE_VARIANCE = 15;
    private static final int JOINT_AVERAGE = 16;
    private static final int JOINT_ENERGY = 17;
    private static final int JOINT_ENTROPY = 18;
    private static final int MCC = 19;
    private static final int MAXIMUM_PROBABILITY = 20;
    private static final int SUM_AVERAGE = 21;
    private static final int SUM_ENTROPY = 22;
    private static final int SUM_SQUARES = 23;
    private static final int N_FEATURES = 24;

    private static final double LN2 = Math.log(2);

    private GlcmFeatures() {
    }

    /** PyRadiomics' GLCM feature names (the 24 enabled by default), in PyRadiomics' output order. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * All 24 GLCM features of the ROI.
     *
     * <pre>double contrast = GlcmFeatures.compute(roi, TextureSettings.DEFAULT).get("Contrast");</pre>
     *
     * @return feature name to value, PyRadiomics order; NaN where PyRadiomics gives NaN (e.g. no voxel pair at all)
     */
    public static LinkedHashMap<String, Double> compute(DiscretizedRoi roi, TextureSettings s) {
        Normalized m = normalized(roi, s);
        int na = m.p.length;
        int n = m.levels.length;
        double[][] perAngle = new double[na][];
        for (int a = 0; a < na; a++) {
            perAngle[a] = angleFeatures(m.p[a], m.levels, m.ng);
        }
        double[] values = new double[N_FEATURES];
        for (int f = 0; f < N_FEATURES; f++) {
            values[f] = nanMean(perAngle, f);
        }
        values[MCC] = mcc(m.p, n);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (int f = 0; f < N_FEATURES; f++) {
            out.put(NAMES.get(f), values[f]);
        }
        return out;
    }

    /**
     * The raw co-occurrence counts as cmatrices.c calculate_glcm returns them: {@code P[a][i-1][j-1]} = number of ROI
     * voxels of level i whose neighbour at angle a (see {@link Angles}, one direction) is an ROI voxel of level j, for
     * levels 1..maxLevel (empty levels included), not symmetrised, not normalised.
     */
    static double[][][] matrix(DiscretizedRoi roi, TextureSettings s) {
        int[][] angles = angles(roi, s);
        int ng = roi.maxLevel();
        double[][][] p = new double[angles.length][ng][ng];
        int[] counts = new int[ng * ng];
        for (int a = 0; a < angles.length; a++) {
            count(roi, angles[a], ng, counts);
            for (int i = 0; i < ng; i++) {
                for (int j = 0; j < ng; j++) {
                    p[a][i][j] = counts[i * ng + j];
                }
            }
        }
        return p;
    }

    /** The processed matrix (PyRadiomics' P_glcm) with its grey-level values. */
    record Normalized(double[][][] p, int[] levels, int ng) {
    }

    /**
     * The matrix PyRadiomics' RadiomicsGLCM._calculateMatrix returns, {@code p[a][i][j]} over the grey levels present
     * in the ROI ({@code levels}, ascending): empty levels removed, symmetrised, weighted and summed when
     * weightingNorm is set, empty angles dropped (when more than one), each angle normalised to sum 1 (NaN when empty).
     */
    static Normalized normalized(DiscretizedRoi roi, TextureSettings s) {
        int[][] angles = angles(roi, s);
        int ng = roi.maxLevel();
        int[] levels = presentLevels(roi, ng);
        int n = levels.length;
        int[] counts = new int[ng * ng];
        double[][][] p = new double[angles.length][n][n];
        for (int a = 0; a < angles.length; a++) {
            count(roi, angles[a], ng, counts);
            for (int i = 0; i < n; i++) {
                int row = (levels[i] - 1) * ng;
                for (int j = 0; j < n; j++) {
                    p[a][i][j] = counts[row + levels[j] - 1];
                }
            }
            if (s.symmetricalGlcm()) {
                double[][] q = p[a];
                for (int i = 0; i < n; i++) {
                    for (int j = i; j < n; j++) {
                        double sum = q[i][j] + q[j][i];
                        q[i][j] = sum;
                        q[j][i] = sum;
                    }
                }
            }
        }
        if (s.weightingNorm() != null) {
            double[][] sum = new double[n][n];
            for (int a = 0; a < angles.length; a++) {
                double w = weight(s.weightingNorm(), angles[a], roi.spacing());
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        sum[i][j] += p[a][i][j] * w;
                    }
                }
            }
            p = new double[][][] {sum};
        }
        double[] total = new double[p.length];
        int kept = 0;
        for (int a = 0; a < p.length; a++) {
            for (double[] row : p[a]) {
                for (double v : row) {
                    total[a] += v;
                }
            }
            if (total[a] != 0 || p.length == 1) {
                p[kept] = p[a];
                total[kept++] = total[a];
            }
        }
        p = Arrays.copyOf(p, kept);
        for (int a = 0; a < kept; a++) {
            // a lone empty angle stays and becomes NaN, as PyRadiomics divides by a sum it set to NaN
            double t = total[a] == 0 ? Double.NaN : total[a];
            for (double[] row : p[a]) {
                for (int j = 0; j < n; j++) {
                    row[j] /= t;
                }
            }
        }
        return new Normalized(p, levels, ng);
    }

    private static int[][] angles(DiscretizedRoi roi, TextureSettings s) {
        return Angles.generate(roi, s.distances(), false, s.force2D(), s.force2Ddimension());
    }

    /** Fills {@code counts[(i-1)*ng + j-1]} for one angle {dz, dy, dx}: one pass over the voxels whose neighbour is in the box. */
    private static void count(DiscretizedRoi roi, int[] angle, int ng, int[] counts) {
        Arrays.fill(counts, 0);
        int nx = roi.nx();
        int ny = roi.ny();
        int nz = roi.nz();
        int dz = angle[0];
        int dy = angle[1];
        int dx = angle[2];
        int offset = dx + nx * (dy + ny * dz);
        int[] lv = roi.levels();
        int x0 = Math.max(0, -dx);
        int x1 = Math.min(nx, nx - dx);
        for (int z = Math.max(0, -dz); z < Math.min(nz, nz - dz); z++) {
            for (int y = Math.max(0, -dy); y < Math.min(ny, ny - dy); y++) {
                int base = nx * (y + ny * z);
                for (int v = base + x0; v < base + x1; v++) {
                    int i = lv[v];
                    if (i > 0) {
                        int j = lv[v + offset];
                        if (j > 0) {
                            counts[(i - 1) * ng + j - 1]++;
                        }
                    }
                }
            }
        }
    }

    /** The grey levels occurring in the ROI, ascending (PyRadiomics' coefficients["grayLevels"]). */
    static int[] presentLevels(DiscretizedRoi roi, int ng) {
        boolean[] seen = new boolean[ng + 1];
        for (int l : roi.levels()) {
            seen[l] = true;
        }
        int n = 0;
        for (int l = 1; l <= ng; l++) {
            if (seen[l]) {
                n++;
            }
        }
        int[] out = new int[n];
        n = 0;
        for (int l = 1; l <= ng; l++) {
            if (seen[l]) {
                out[n++] = l;
            }
        }
        return out;
    }

    /**
     * glcm.py's weight of an angle {dz, dy, dx}: d = |angle| * spacing (mm), W = exp(-||d||^2) with the infinity,
     * euclidean or manhattan norm; 1 for "no_weighting" and for unknown norms (PyRadiomics warns and uses 1).
     */
    private static double weight(String norm, int[] angle, double[] spacing) {
        // spacing is {sx, sy, sz}; the angle is in numpy order {dz, dy, dx}
        double cz = Math.abs(angle[0]) * spacing[2];
        double cy = Math.abs(angle[1]) * spacing[1];
        double cx = Math.abs(angle[2]) * spacing[0];
        return switch (norm) {
            case "infinity" -> {
                double m = Math.max(cz, Math.max(cy, cx));
                yield Math.exp(-(m * m));
            }
            case "euclidean" -> Math.exp(-(cz * cz + cy * cy + cx * cx));
            case "manhattan" -> {
                double m = cz + cy + cx;
                yield Math.exp(-(m * m));
            }
            default -> 1;
        };
    }

    /** Every feature except MCC for one normalised angle {@code p} (levels = grey-level values, ng = max level). */
    private static double[] angleFeatures(double[][] p, int[] levels, int ng) {
        int n = levels.length;
        double[] px = new double[n];
        double[] py = new double[n];
        double ux = 0;
        double uy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = p[i][j];
                px[i] += v;
                py[j] += v;
                ux += levels[i] * v;
                uy += levels[j] * v;
            }
        }
        // p_{x+y}(k), k = 2..2Ng, and p_{x-y}(k), k = 0..Ng-1, indexed by the level values (Ng = largest level)
        double[] pSum = new double[2 * ng - 1];
        double[] pDiff = new double[ng];
        double autocorrelation = 0;
        double prominence = 0;
        double shade = 0;
        double tendency = 0;
        double contrast = 0;
        double varX = 0;
        double varY = 0;
        double covariance = 0;
        double energy = 0;
        double hxy = 0;
        double hxy1 = 0;
        double hxy2 = 0;
        double maxP = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double li = levels[i];
            for (int j = 0; j < n; j++) {
                double lj = levels[j];
                double v = p[i][j];
                pSum[levels[i] + levels[j] - 2] += v;
                pDiff[Math.abs(levels[i] - levels[j])] += v;
                autocorrelation += v * li * lj;
                double c = li + lj - ux - uy;
                double c2 = c * c;
                tendency += v * c2;
                shade += v * c2 * c;
                prominence += v * c2 * c2;
                contrast += v * (li - lj) * (li - lj);
                double di = li - ux;
                double dj = lj - uy;
                varX += v * di * di;
                varY += v * dj * dj;
                covariance += v * di * dj;
                energy += v * v;
                // zero terms skipped, they are exactly 0: px(i) py(j) = 0 means row i or column j is empty, so p(i,j) = 0
                if (v != 0) {
                    hxy -= v * log2(v + EPS);
                }
                double pxpy = px[i] * py[j];
                if (pxpy != 0) {
                    double logPxpy = log2(pxpy + EPS);
                    hxy1 -= v * logPxpy;
                    hxy2 -= pxpy * logPxpy;
                }
                maxP = Math.max(maxP, v); // NaN propagates as numpy.amax does
            }
        }
        double[] f = new double[N_FEATURES];
        f[AUTOCORRELATION] = autocorrelation;
        f[JOINT_AVERAGE] = ux;
        f[CLUSTER_PROMINENCE] = prominence;
        f[CLUSTER_SHADE] = shade;
        f[CLUSTER_TENDENCY] = tendency;
        f[CONTRAST] = contrast;
        double sigma = Math.sqrt(varX) * Math.sqrt(varY);
        f[CORRELATION] = sigma == 0 ? 1 : covariance / (sigma + EPS);
        f[JOINT_ENERGY] = energy;
        f[JOINT_ENTROPY] = hxy;
        f[MAXIMUM_PROBABILITY] = maxP;
        f[SUM_SQUARES] = varX;

        double hx = 0;
        double hy = 0;
        for (int i = 0; i < n; i++) {
            hx -= px[i] * log2(px[i] + EPS);
            hy -= py[i] * log2(py[i] + EPS);
        }
        double div = fmax(hx, hy);
        f[IMC1] = div == 0 ? 0 : (hxy - hxy1) / div;
        f[IMC2] = hxy2 == hxy ? 0 : Math.sqrt(1 - Math.exp(-2 * (hxy2 - hxy)));

        double diffAverage = 0;
        double diffEntropy = 0;
        double id = 0;
        double idn = 0;
        double idm = 0;
        double idmn = 0;
        double inverseVariance = 0;
        double ng2 = (double) ng * ng;
        for (int k = 0; k < ng; k++) {
            double v = pDiff[k];
            diffAverage += k * v;
            diffEntropy -= v * log2(v + EPS);
            id += v / (1 + k);
            idn += v / (1 + (double) k / ng);
            idm += v / (1 + (double) k * k);
            idmn += v / (1 + k * (double) k / ng2);
            if (k > 0) {
                inverseVariance += v / ((double) k * k);
            }
        }
        double diffVariance = 0;
        for (int k = 0; k < ng; k++) {
            double d = k - diffAverage;
            diffVariance += pDiff[k] * d * d;
        }
        f[DIFFERENCE_AVERAGE] = diffAverage;
        f[DIFFERENCE_ENTROPY] = diffEntropy;
        f[DIFFERENCE_VARIANCE] = diffVariance;
        f[ID] = id;
        f[IDN] = idn;
        f[IDM] = idm;
        f[IDMN] = idmn;
        f[INVERSE_VARIANCE] = inverseVariance;

        double sumAverage = 0;
        double sumEntropy = 0;
        for (int k = 0; k < pSum.length; k++) {
            double v = pSum[k];
            sumAverage += (k + 2) * v;
            sumEntropy -= v * log2(v + EPS);
        }
        f[SUM_AVERAGE] = sumAverage;
        f[SUM_ENTROPY] = sumEntropy;
        return f;
    }

    /**
     * Maximal Correlation Coefficient as glcm.py computes it: per angle, Q(i, j) = sum_k p(i,k) p(j,k) /
     * (px(i) py(k) + eps); numpy.linalg.eigvals(Q), sorted (complex numbers by real then imaginary part); MCC =
     * sqrt(second largest); mean over angles. numpy returns real eigenvalues only when every eigenvalue of every angle
     * is real: then a negative second eigenvalue gives NaN, which the mean ignores; otherwise the square root is
     * complex and its real part is averaged. Fewer than two grey levels give 1.
     */
    private static double mcc(double[][][] p, int n) {
        if (n < 2) {
            return 1;
        }
        int na = p.length;
        double[] re2 = new double[na];
        double[] im2 = new double[na];
        boolean anyComplex = false;
        double[][] q = new double[n][n];
        double[][] pt = new double[n][n];
        double[] wr = new double[n];
        double[] wi = new double[n];
        double[] px = new double[n];
        double[] py = new double[n];
        for (int a = 0; a < na; a++) {
            double[][] pa = p[a];
            Arrays.fill(px, 0);
            Arrays.fill(py, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    px[i] += pa[i][j];
                    py[j] += pa[i][j];
                }
            }
            // Q(i, j) = sum_k p(i,k) p(j,k) / (px(i) py(k) + eps), summed over ascending k like glcm.py's loop. Terms
            // with p(i,k) = 0 are skipped (exact); dividing p(i,k) first instead of the product changes each term by
            // at most an ulp, and keeps the O(n^3) inner loop free of divisions.
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    pt[k][j] = pa[j][k];
                }
            }
            boolean finite = true;
            for (int i = 0; i < n; i++) {
                double[] qi = q[i];
                Arrays.fill(qi, 0);
                double[] pi = pa[i];
                for (int k = 0; k < n; k++) {
                    double pik = pi[k];
                    if (pik == 0) {
                        continue;
                    }
                    double w = pik / (px[i] * py[k] + EPS);
                    double[] ptk = pt[k];
                    for (int j = 0; j < n; j++) {
                        qi[j] += w * ptk[j];
                    }
                }
                for (int j = 0; j < n; j++) {
                    finite &= Double.isFinite(qi[j]);
                }
            }
            if (!finite || !Eigenvalues.of(q, wr, wi)) {
                // numpy.linalg.eigvals refuses NaN input; PyRadiomics then reports the feature as NaN
                return Double.NaN;
            }
            // second largest in numpy's complex sort order (real part, then imaginary part)
            int first = -1;
            int second = -1;
            for (int k = 0; k < n; k++) {
                anyComplex |= wi[k] != 0;
                if (first < 0 || greater(wr, wi, k, first)) {
                    second = first;
                    first = k;
                } else if (second < 0 || greater(wr, wi, k, second)) {
                    second = k;
                }
            }
            re2[a] = wr[second];
            im2[a] = wi[second];
        }
        double sum = 0;
        int count = 0;
        for (int a = 0; a < na; a++) {
            double v;
            if (anyComplex) {
                // real part of the principal complex square root
                v = Math.sqrt((Math.hypot(re2[a], im2[a]) + re2[a]) / 2);
            } else {
                v = Math.sqrt(re2[a]); // NaN for a negative eigenvalue, as numpy.sqrt on a real array
            }
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static boolean greater(double[] wr, double[] wi, int k, int l) {
        return wr[k] > wr[l] || (wr[k] == wr[l] && wi[k] > wi[l]);
    }

    /** numpy.nanmean over the angles of feature f. */
    private static double nanMean(double[][] perAngle, int f) {
        double sum = 0;
        int count = 0;
        for (double[] a : perAngle) {
            if (!Double.isNaN(a[f])) {
                sum += a[f];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** numpy.fmax: the larger value, ignoring a NaN. */
    private static double fmax(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return Math.max(a, b);
    }

    private static double log2(double v) {
        return Math.log(v) / LN2;
    }

    /**
     * Eigenvalues of a general real matrix, for MCC (whose Q is not symmetric): Householder reduction to upper
     * Hessenberg form, then Francis double-shift QR iterations with deflation (Golub and Van Loan, Matrix Computations,
     * algorithms 7.4.2, 7.5.1 and 7.5.2). Only eigenvalues are needed, so each transformation is applied to the active
     * diagonal block only.
     */
    static final class Eigenvalues {
        private static final double ULP = Math.ulp(1.0);

        private Eigenvalues() {
        }

        /**
         * Eigenvalues of the square matrix {@code a} (overwritten) into wr (real parts) and wi (imaginary parts).
         *
         * @return false when the iteration did not converge
         */
        static boolean of(double[][] a, double[] wr, double[] wi) {
            int n = a.length;
            hessenberg(a);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                for (int j = Math.max(0, i - 1); j < n; j++) {
                    norm += Math.abs(a[i][j]);
                }
            }
            int hi = n - 1;
            int iter = 0;
            while (hi >= 0) {
                // find the start l of the unreduced block ending at hi (negligible subdiagonal)
                int l = hi;
                while (l > 0) {
                    double s = Math.abs(a[l - 1][l - 1]) + Math.abs(a[l][l]);
                    if (s == 0) {
                        s = norm;
                    }
                    if (Math.abs(a[l][l - 1]) <= ULP * s) {
                        a[l][l - 1] = 0;
                        break;
                    }
                    l--;
                }
                if (l == hi) {
                    wr[hi] = a[hi][hi];
                    wi[hi] = 0;
                    hi--;
                    iter = 0;
                } else if (l == hi - 1) {
                    twoByTwo(a[hi - 1][hi - 1], a[hi - 1][hi], a[hi][hi - 1], a[hi][hi], hi - 1, wr, wi);
                    hi -= 2;
                    iter = 0;
                } else {
                    if (++iter > 30 * Math.max(10, n)) { // LAPACK dlahqr's limit
                        return false;
                    }
                    francisStep(a, l, hi, iter % 10 == 0);
                }
            }
            return true;
        }

        /** In-place Householder reduction to upper Hessenberg form (a similarity transform). */
        private static void hessenberg(double[][] a) {
            int n = a.length;
            double[] v = new double[n];
            double[] f = new double[n];
            for (int k = 0; k < n - 2; k++) {
                double scale = 0;
                for (int i = k + 1; i < n; i++) {
                    scale += Math.abs(a[i][k]);
                }
                if (scale == 0) {
                    continue;
                }
                double h = 0;
                for (int i = k + 1; i < n; i++) {
                    v[i] = a[i][k] / scale;
                    h += v[i] * v[i];
                }
                double g = Math.sqrt(h);
                if (v[k + 1] > 0) {
                    g = -g;
                }
                // v = x - g e1, with g of opposite sign to x1 to avoid cancellation
                h -= v[k + 1] * g;
                v[k + 1] -= g;
                // left: A = (I - v v^T / h) A, rows k+1.., columns k.. (row-wise, for memory locality)
                Arrays.fill(f, k, n, 0);
                for (int i = k + 1; i < n; i++) {
                    double vi = v[i];
                    double[] ai = a[i];
                    for (int j = k; j < n; j++) {
                        f[j] += vi * ai[j];
                    }
                }
                for (int i = k + 1; i < n; i++) {
                    double vi = v[i] / h;
                    double[] ai = a[i];
                    for (int j = k; j < n; j++) {
                        ai[j] -= f[j] * vi;
                    }
                }
                // right: A = A (I - v v^T / h), all rows, columns k+1..
                for (int i = 0; i < n; i++) {
                    double[] ai = a[i];
                    double dot = 0;
                    for (int j = k + 1; j < n; j++) {
                        dot += ai[j] * v[j];
                    }
                    dot /= h;
                    for (int j = k + 1; j < n; j++) {
                        ai[j] -= dot * v[j];
                    }
                }
                a[k + 1][k] = scale * g;
                for (int i = k + 2; i < n; i++) {
                    a[i][k] = 0;
                }
            }
        }

        /** Eigenvalues of [[a, b], [c, d]] into positions k, k+1, without cancellation in the real case. */
        private static void twoByTwo(double a, double b, double c, double d, int k, double[] wr, double[] wi) {
            double p = 0.5 * (a - d);
            double q = p * p + b * c;
            if (q >= 0) {
                double z = p + Math.copySign(Math.sqrt(q), p);
                wr[k] = d + z;
                wr[k + 1] = z != 0 ? d - b * c / z : d + z;
                wi[k] = 0;
                wi[k + 1] = 0;
            } else {
                double im = Math.sqrt(-q);
                wr[k] = d + p;
                wr[k + 1] = d + p;
                wi[k] = im;
                wi[k + 1] = -im;
            }
        }

        /**
         * One implicit double-shift QR step on the unreduced block l..hi (at least 3x3): the shifts are the
         * eigenvalues of the trailing 2x2 block, or an ad hoc pair every tenth sweep to break cycles (as EISPACK's
         * hqr does). The first column of (H - s1 I)(H - s2 I) is formed from differences to h[l][l], as EISPACK's hqr
         * and LAPACK's dlahqr do: expanding H^2 - (s1 + s2) H + s1 s2 I directly cancels catastrophically when the
         * shifts are close to h[l][l] (clustered eigenvalues, e.g. MCC's repeated eigenvalue 1), and the iteration
         * then stalls.
         */
        private static void francisStep(double[][] h, int l, int hi, boolean exceptional) {
            // the shifts are the eigenvalues of [[a, b], [c, d]] with w = b c
            double a;
            double d;
            double w;
            if (exceptional) {
                double sigma = Math.abs(h[hi][hi - 1]) + Math.abs(h[hi - 1][hi - 2]);
                a = h[hi][hi] + 0.75 * sigma;
                d = a;
                w = -0.4375 * sigma * sigma;
            } else {
                a = h[hi - 1][hi - 1];
                d = h[hi][hi];
                w = h[hi][hi - 1] * h[hi - 1][hi];
            }
            double r = d - h[l][l];
            double q = a - h[l][l];
            // first column divided by h[l+1][l] (non-zero: the block is unreduced), then scaled to avoid underflow
            double x = (r * q - w) / h[l + 1][l] + h[l][l + 1];
            double y = h[l + 1][l + 1] - h[l][l] - r - q;
            double z = h[l + 2][l + 1];
            double scale = Math.abs(x) + Math.abs(y) + Math.abs(z);
            if (scale != 0) {
                x /= scale;
                y /= scale;
                z /= scale;
            }
            for (int k = l; k <= hi - 2; k++) {
                double norm = Math.sqrt(x * x + y * y + z * z);
                if (norm != 0) {
                    double alpha = x > 0 ? -norm : norm;
                    double v0 = x - alpha;
                    double v1 = y;
                    double v2 = z;
                    double beta = 2 / (v0 * v0 + v1 * v1 + v2 * v2);
                    for (int j = Math.max(l, k - 1); j <= hi; j++) {
                        double f = beta * (v0 * h[k][j] + v1 * h[k + 1][j] + v2 * h[k + 2][j]);
                        h[k][j] -= f * v0;
                        h[k + 1][j] -= f * v1;
                        h[k + 2][j] -= f * v2;
                    }
                    int rowEnd = Math.min(k + 3, hi);
                    for (int i = l; i <= rowEnd; i++) {
                        double f = beta * (h[i][k] * v0 + h[i][k + 1] * v1 + h[i][k + 2] * v2);
                        h[i][k] -= f * v0;
                        h[i][k + 1] -= f * v1;
                        h[i][k + 2] -= f * v2;
                    }
                    if (k > l) {
                        h[k + 1][k - 1] = 0;
                        h[k + 2][k - 1] = 0;
                    }
                }
                x = h[k + 1][k];
                y = h[k + 2][k];
                if (k < hi - 2) {
                    z = h[k + 3][k];
                }
            }
            // last 2-vector reflection on rows/columns hi-1, hi
            double norm = Math.sqrt(x * x + y * y);
            if (norm != 0) {
                double alpha = x > 0 ? -norm : norm;
                double v0 = x - alpha;
                double v1 = y;
                double beta = 2 / (v0 * v0 + v1 * v1);
                int k = hi - 1;
                for (int j = Math.max(l, k - 1); j <= hi; j++) {
                    double f = beta * (v0 * h[k][j] + v1 * h[k + 1][j]);
                    h[k][j] -= f * v0;
                    h[k + 1][j] -= f * v1;
                }
                for (int i = l; i <= hi; i++) {
                    double f = beta * (h[i][k] * v0 + h[i][k + 1] * v1);
                    h[i][k] -= f * v0;
                    h[i][k + 1] -= f * v1;
                }
                if (k > l) {
                    h[k + 1][k - 1] = 0;
                }
            }
        }
    }
}
