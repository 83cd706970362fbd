package io.github.dlradiomics.cohort;

/**
 * The imaging technique a synthetic cohort imitates. {@link #CT}: axial grid 0.8 x 0.8 x 1 mm in Hounsfield
 * units; {@link #MR}: sagittal T1-weighted stack, 0.6 x 0.6 mm in plane, 3.5 mm slices, arbitrary units.
 *
 * <pre>CohortGenerator.generateCase(0, new CohortGenerator.Options(10, 42, Modality.MR));</pre>
 */
public enum Modality {
    /** Axial CT, voxel axes R-to-L, A-to-P, I-to-S (identity direction), HU. */
    CT(0.8, 0.8, 1.0),
    /** Sagittal T1-weighted MR, voxel axes A-to-P, S-to-I, L-to-R (slices), arbitrary units 0..~1000. */
    MR(0.6, 0.6, 3.5);

    private final double[] spacing;

    Modality(double sx, double sy, double sz) {
        this.spacing = new double[] {sx, sy, sz};
    }

    /** Voxel spacing in mm along the volume's i, j, k axes (a copy). */
    public double[] spacing() {
        return spacing.clone();
    }
}
