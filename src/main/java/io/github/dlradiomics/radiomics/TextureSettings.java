package io.github.dlradiomics.radiomics;

/**
 * PyRadiomics settings that the texture families read.
 *
 * <pre>TextureSettings s = TextureSettings.DEFAULT.withForce2D(true, 0);</pre>
 *
 * @param distances        neighbour distances (PyRadiomics "distances", default [1]); infinity norm
 * @param symmetricalGlcm  PyRadiomics "symmetricalGLCM" (default true)
 * @param weightingNorm    null (average over angles, the default), "manhattan", "euclidean", "infinity" or
 *                         "no_weighting" (PyRadiomics "weightingNorm")
 * @param gldmA            PyRadiomics "gldm_a", the GLDM dependence cut-off alpha (default 0)
 * @param force2D          PyRadiomics "force2D": angles only in the plane perpendicular to force2Ddimension
 * @param force2Ddimension 0 (z: in-plane = x,y), 1 (y) or 2 (x), as PyRadiomics numbers the numpy (z,y,x) axes
 */
public record TextureSettings(int[] distances, boolean symmetricalGlcm, String weightingNorm, double gldmA,
        boolean force2D, int force2Ddimension) {
    /** PyRadiomics' defaults. */
    public static final TextureSettings DEFAULT = new TextureSettings(new int[] {1}, true, null, 0, false, 0);

    public TextureSettings withForce2D(boolean on, int dimension) {
        return new TextureSettings(distances, symmetricalGlcm, weightingNorm, gldmA, on, dimension);
    }
}
