package io.github.dlradiomics.cohort;

/**
 * The clinical row of one synthetic study, as written to clinical.csv.
 *
 * <pre>ClinicalRecord c = CohortGenerator.generateCase(3, options).clinical(); boolean m = c.malignant();</pre>
 *
 * @param id         case identifier, e.g. "SYN004"
 * @param age        age in years
 * @param sex        "F" or "M"
 * @param malignant  true for a malignant (metastatic) fracture, false for a benign osteoporotic one
 * @param indexLevel the fractured ("index") vertebra
 */
public record ClinicalRecord(String id, int age, String sex, boolean malignant, VertebraLevel indexLevel) {
    /** "malignant" or "benign", the Label column. */
    public String label() {
        return malignant ? "malignant" : "benign";
    }

    /** Mask label value of the index vertebra. */
    public int indexLabel() {
        return indexLevel.label();
    }
}
