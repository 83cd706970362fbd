package io.github.dlradiomics.radiomics;

/**
 * The sums that the run-length (GLRLM), size-zone (GLSZM) and dependence (GLDM) features share: each of
 * these matrices has grey levels i on its rows and a count-like quantity j (run length, zone size,
 * dependence) on its columns, and PyRadiomics defines the same emphasis, non-uniformity, variance and
 * entropy features on all three (glrlm.py, glszm.py, gldm.py). Sums are over cells, not yet divided by
 * the total {@code n} except where the feature itself is normalised (variances, entropy).
 *
 * <pre>MatrixSums s = MatrixSums.of(p, levels, sizes, 1.0); double sae = s.smallJ() / s.n();</pre>
 *
 * @param n        sum of all cells (zones, runs or voxels); replaced when 0 as the caller asked
 * @param nVoxels  sum over columns of (column total x j): voxels the matrix represents
 * @param smallJ   sum P / j^2 (small run/area/dependence emphasis, before division by n)
 * @param largeJ   sum P j^2
 * @param jNonUniformity  sum over j of (column total)^2
 * @param jVariance       variance of j under P / n
 * @param greyNonUniformity sum over i of (row total)^2
 * @param lowGrey  sum P / i^2
 * @param highGrey sum P i^2
 * @param greyVariance variance of i under P / n
 * @param entropy  -sum (P/n) log2(P/n + eps), eps = numpy.spacing(1)
 * @param smallJLowGrey  sum P / (i^2 j^2)
 * @param smallJHighGrey sum P i^2 / j^2
 * @param largeJLowGrey  sum P j^2 / i^2
 * @param largeJHighGrey sum P i^2 j^2
 */
record MatrixSums(double n, double nVoxels, double smallJ, double largeJ, double jNonUniformity, double jVariance,
        double greyNonUniformity, double lowGrey, double highGrey, double greyVariance, double entropy,
        double smallJLowGrey, double smallJHighGrey, double largeJLowGrey, double largeJHighGrey) {
    private static final double EPS = Math.ulp(1.0); // numpy.spacing(1)
    private static final double LN2 = Math.log(2);

    /**
     * The sums of matrix {@code p[i][j]} with row values {@code iv} and column values {@code jv};
     * {@code ifEmpty} replaces a zero total (PyRadiomics uses 1 for GLSZM/GLDM, NaN for a GLRLM angle).
     */
    static MatrixSums of(double[][] p, double[] iv, double[] jv, double ifEmpty) {
        int ng = iv.length;
        int nj = jv.length;
        double[] pg = new double[ng];
        double[] pj = new double[nj];
        double n = 0;
        for (int i = 0; i < ng; i++) {
            for (int j = 0; j < nj; j++) {
                pg[i] += p[i][j];
                pj[j] += p[i][j];
            }
            n += pg[i];
        }
        if (n == 0) {
            n = ifEmpty;
        }
        double small = 0;
        double large = 0;
        double jn = 0;
        double muJ = 0;
        double voxels = 0;
        for (int j = 0; j < nj; j++) {
            double j2 = jv[j] * jv[j];
            small += pj[j] / j2;
            large += pj[j] * j2;
            jn += pj[j] * pj[j];
            muJ += pj[j] / n * jv[j];
            voxels += pj[j] * jv[j];
        }
        double jVar = 0;
        for (int j = 0; j < nj; j++) {
            double d = jv[j] - muJ;
            jVar += pj[j] / n * d * d;
        }
        double gn = 0;
        double low = 0;
        double high = 0;
        double muI = 0;
        for (int i = 0; i < ng; i++) {
            double i2 = iv[i] * iv[i];
            gn += pg[i] * pg[i];
            low += pg[i] / i2;
            high += pg[i] * i2;
            muI += pg[i] / n * iv[i];
        }
        double gVar = 0;
        for (int i = 0; i < ng; i++) {
            double d = iv[i] - muI;
            gVar += pg[i] / n * d * d;
        }
        double ent = 0;
        double sl = 0;
        double sh = 0;
        double ll = 0;
        double lh = 0;
        for (int i = 0; i < ng; i++) {
            double i2 = iv[i] * iv[i];
            for (int j = 0; j < nj; j++) {
                double v = p[i][j];
                if (v == 0) {
                    continue; // empty cells add nothing (0 * log2(eps) = 0)
                }
                double j2 = jv[j] * jv[j];
                double q = v / n;
                ent -= q * (Math.log(q + EPS) / LN2);
                sl += v / (i2 * j2);
                sh += v * i2 / j2;
                ll += v * j2 / i2;
                lh += v * i2 * j2;
            }
        }
        if (Double.isNaN(n)) {
            ent = Double.NaN; // an empty GLRLM angle: every feature NaN, ignored by the average over angles
        }
        return new MatrixSums(n, voxels, small, large, jn, jVar, gn, low, high, gVar, ent, sl, sh, ll, lh);
    }
}
