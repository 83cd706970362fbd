package io.github.dlradiomics.cohort;

import io.github.dlradiomics.image.Volume;

/**
 * One synthetic spine study in memory: image (INT16), vertebra label mask (UINT8) on the same grid, the
 * clinical record and the imaging signs that were simulated (the answer key).
 *
 * <pre>SyntheticCase c = CohortGenerator.generateCase(6, options); Volume img = c.image();</pre>
 */
public record SyntheticCase(String id, Volume image, Volume mask, ClinicalRecord clinical, Findings findings) {
}
