package io.github.dlradiomics.cohort;

import java.util.Locale;

/**
 * The imaging signs simulated in one synthetic study's index vertebra: the answer key of a teaching case
 * (written to findings.csv). Either class can show any sign; see docs/cohort.md for the probabilities.
 *
 * <pre>Findings f = CohortGenerator.generateCase(0, options).findings(); if (f.posteriorBulgeMm() &gt; 0) ...</pre>
 *
 * @param morphology         shape of the compression
 * @param heightLossPercent  largest loss of body height against the nominal height (Genant grading)
 * @param fracturedEndplates "superior", "inferior" or "both"
 * @param endplateBand       band-like oedema (MR) / impaction sclerosis (CT) under the fractured endplate(s)
 * @param diffuseOedema      0..1, oedema of the body beyond the band, diffuse plus patchy (acute benign fractures)
 * @param lesionPattern      tumour matrix: "none", "lytic", "sclerotic" or "mixed"
 * @param focalLesions       number of focal tumour deposits in the index vertebra
 * @param diffuseInfiltration 0..1, patchy diffuse marrow replacement by tumour
 * @param posteriorBulgeMm   convex bulge of the posterior wall into the canal (0 = straight/concave)
 * @param retropulsionMm     posterosuperior corner fragment displaced into the canal (0 = none)
 * @param pedicleInvolvement tumour in the pedicle(s): "none", "left", "right" or "both"
 * @param pedicleOedema      benign oedema reaching the pedicles
 * @param softTissue         "none", "epidural" or "paravertebral" tumour mass, or "haematoma" (thin, benign)
 * @param vacuumCleft        intravertebral gas cleft (Kümmell sign)
 * @param incidental         incidental finding anywhere in the field of view, e.g. "bone island L2", or "none"
 * @param noiseSd            standard deviation of the added noise (HU or MR units)
 */
public record Findings(Morphology morphology, double heightLossPercent, String fracturedEndplates,
        boolean endplateBand, double diffuseOedema, String lesionPattern, int focalLesions, double diffuseInfiltration,
        double posteriorBulgeMm, double retropulsionMm, String pedicleInvolvement, boolean pedicleOedema,
        String softTissue, boolean vacuumCleft, String incidental, double noiseSd) {

    /** Shape of the vertebral compression. */
    public enum Morphology {
        /** Anterior height loss, posterior wall height kept. */
        WEDGE,
        /** Central depression of the superior endplate. */
        SUPERIOR_ENDPLATE,
        /** Central depression of both endplates ("fish vertebra"). */
        BICONCAVE,
        /** Uniform loss of height of the whole body. */
        CRUSH;

        /** Lower-case name with hyphens, as in the CSV ("superior-endplate"). */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Header of findings.csv (after ID). */
    static String csvHeader() {
        return "Morphology,HeightLossPercent,FracturedEndplates,EndplateBand,DiffuseOedema,LesionPattern,"
                + "FocalLesions,DiffuseInfiltration,PosteriorBulgeMm,RetropulsionMm,PedicleInvolvement,PedicleOedema,"
                + "SoftTissue,VacuumCleft,Incidental,NoiseSD";
    }

    /** This record as a findings.csv row (after ID). */
    String csvRow() {
        return String.join(",", morphology.label(), f1(heightLossPercent), fracturedEndplates, yes(endplateBand),
                f2(diffuseOedema), lesionPattern, Integer.toString(focalLesions), f2(diffuseInfiltration),
                f1(posteriorBulgeMm), f1(retropulsionMm), pedicleInvolvement, yes(pedicleOedema), softTissue,
                yes(vacuumCleft), incidental.replace(',', ';'), f1(noiseSd));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
