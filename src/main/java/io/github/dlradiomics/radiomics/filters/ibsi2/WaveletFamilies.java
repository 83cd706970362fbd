package io.github.dlradiomics.radiomics.filters.ibsi2;

import io.github.dlradiomics.util.UserInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decomposition filters of the orthogonal wavelet families, tabulated as published.
 *
 * <p>Each table is the decomposition low-pass filter in PyWavelets' {@code dec_lo} order (the filter that is
 * convolved with the image); the high-pass follows by the quadrature-mirror relation
 * {@code hi[k] = (-1)^(k+1) lo[N-1-k]}. Sources: Daubechies, <i>Ten Lectures on Wavelets</i> (SIAM 1992),
 * Table 6.1 (minimum-phase Daubechies filters dbN, N vanishing moments, length 2N; db1 = Haar) and
 * Table 8.1 (coiflets coifK, length 6K); the same numbers as PyWavelets (Lee et al., JOSS 2019). The values
 * here were regenerated at 40-digit precision (Daubechies' spectral factorisation; the coif1 closed form in
 * sqrt(7); coif2 by Newton iteration on the coiflet moment and orthonormality conditions, residual below
 * 1e-40) and rounded to 17 significant digits.
 *
 * <pre>double[] lo = WaveletFamilies.lowPass("db2");</pre>
 */
final class WaveletFamilies {
    private static final Map<String, double[]> TABLE = table();

    private WaveletFamilies() {
    }

    /** The valid family names, e.g. "haar, db1, ..., coif2". */
    static String names() {
        return "haar, " + String.join(", ", TABLE.keySet());
    }

    static double[] lowPass(String family) {
        double[] lo = TABLE.get("haar".equals(family) ? "db1" : family);
        if (lo == null) {
            throw new UserInputException("unknown wavelet family '" + family + "'; valid families: " + names());
        }
        return lo.clone();
    }

    static double[] highPass(String family) {
        double[] lo = lowPass(family);
        int n = lo.length;
        double[] hi = new double[n];
        for (int k = 0; k < n; k++) {
            hi[k] = ((k & 1) == 0 ? -1 : 1) * lo[n - 1 - k];
        }
        return hi;
    }

    private static Map<String, double[]> table() {
        Map<String, double[]> t = new LinkedHashMap<>();
        t.put("db1", new double[] {
                0.70710678118654752, 0.70710678118654752});
        t.put("db2", new double[] {
                -0.12940952255126038, 0.22414386804201338, 0.83651630373780791,
                0.48296291314453414});
        t.put("db3", new double[] {
                0.035226291885709537, -0.085441273882026662, -0.13501102001025459,
                0.45987750211849157, 0.80689150931109258, 0.33267055295008262});
        t.put("db4", new double[] {
                -0.010597401785069032, 0.0328830116668852, 0.030841381835560764,
                -0.18703481171909308, -0.027983769416859854, 0.63088076792985891,
                0.71484657055291565, 0.2303778133088965});
        t.put("db5", new double[] {
                0.0033357252854737713, -0.012580751999081999, -0.0062414902127982743,
                0.077571493840045714, -0.032244869584638375, -0.24229488706638203,
                0.13842814590132073, 0.72430852843777293, 0.60382926979718967,
                0.16010239797419291});
        t.put("db6", new double[] {
                -0.0010773010853084796, 0.0047772575109455106, 0.00055384220116149614,
                -0.03158203931748603, 0.027522865530305729, 0.097501605587323049,
                -0.12976686756726194, -0.22626469396543982, 0.31525035170919763,
                0.75113390802109535, 0.49462389039845309, 0.11154074335010946});
        t.put("db7", new double[] {
                0.00035371379997452025, -0.0018016407040474909, 0.00042957797292136652,
                0.012550998556099841, -0.016574541630666881, -0.038029936935014414,
                0.080612609151083072, 0.071309219266830265, -0.22403618499387498,
                -0.14390600392856498, 0.46978228740519312, 0.72913209084623512,
                0.39653931948191731, 0.077852054085009179});
        t.put("db8", new double[] {
                -0.00011747678412476953, 0.00067544940645056937, -0.00039174037337694705,
                -0.0048703529934515743, 0.0087460940474057767, 0.013981027917398282,
                -0.044088253930794752, -0.017369301001807546, 0.12874742662047846,
                0.00047248457391328277, -0.28401554296154693, -0.015829105256349306,
                0.58535468365420671, 0.67563073629728981, 0.31287159091429997,
                0.05441584224310401});
        t.put("db9", new double[] {
                0.000039347320316271599, -0.00025196318894271014, 0.00023038576352319597,
                0.0018476468830562265, -0.0042815036824634298, -0.0047232047577513973,
                0.022361662123679097, 0.00025094711483145196, -0.067632829061329974,
                0.030725681479333379, 0.14854074933810638, -0.096840783222976461,
                -0.29327378327917491, 0.13319738582500758, 0.65728807805130054,
                0.60482312369011111, 0.24383467461259035, 0.038077947363878347});
        t.put("db10", new double[] {
                -0.000013264202894521245, 0.000093588670320069591, -0.00011646685512928545,
                -0.00068585669495971163, 0.0019924052951850561, 0.0013953517470529012,
                -0.010733175483330575, 0.0036065535669561697, 0.033212674059341002,
                -0.029457536821875813, -0.071394147166397087, 0.093057364603572351,
                0.12736934033579326, -0.19594627437737704, -0.24984642432731538,
                0.28117234366057746, 0.68845903945360357, 0.52720118893172559,
                0.18817680007769149, 0.026670057900555554});
        t.put("coif1", new double[] {
                -0.015655728135791993, -0.072732619512526448, 0.38486484686485775,
                0.85257202021160042, 0.33789766245748177, -0.072732619512526448});
        t.put("coif2", new double[] {
                -0.000720549445520347, -0.0018232088709110321, 0.0056114348193688342,
                0.023680171946847769, -0.059434418646431087, -0.076488599078280754,
                0.41700518442323905, 0.8127236354494135, 0.38611006682276285,
                -0.067372554723725594, -0.041464936786871774, 0.01638733646320364});
        return t;
    }
}
