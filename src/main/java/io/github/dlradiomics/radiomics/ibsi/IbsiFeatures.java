package io.github.dlradiomics.radiomics.ibsi;

import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * The IBSI-1 feature engine: morphology, local intensity, intensity statistics, intensity histogram,
 * intensity-volume histogram and the six texture families (GLCM, GLRLM, GLSZM, GLDZM, NGTDM, NGLDM) with every
 * IBSI aggregation, named with the IBSI tags of the reference tables ({@code morph_volume},
 * {@code cm_joint_max_3D_avg}, {@code szm_sze_2_5D}, ...). Definitions follow the IBSI reference manual
 * (arXiv:1612.07003); the engine reaches all 482 reference values of the IBSI digital phantom.
 *
 * <p>2D means per axial slice: slices are the planes of constant z (the third array axis), neighbours are
 * taken in the x-y plane. "avg" aggregations average the features of the individual matrices; "comb" (IBSI
 * "merged") aggregations add the matrices before computing the features.
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; f = IbsiFeatures.compute(new IbsiFeatures.Input(img, mask, mask, nx, ny, nz, sp, levels, null), IbsiSettings.DEFAULT);</pre>
 */
public final class IbsiFeatures {
    private IbsiFeatures() {
    }

    /**
     * Input prepared by the caller: the intensity image, the two IBSI masks (morphological mask and intensity
     * mask, the latter after re-segmentation), geometry and the discretised grey levels. Voxel (x, y, z) is at
     * index {@code x + nx * (y + ny * z)}.
     *
     * <pre>new IbsiFeatures.Input(ct, roi, resegmentedRoi, nx, ny, nz, new double[] {2, 2, 2}, binIndex, null);</pre>
     *
     * @param intensity     intensities (after interpolation and rounding, before discretisation), whole image
     * @param morphMask     morphological ROI mask (mesh, volume, shape)
     * @param intensityMask intensity ROI mask (after re-segmentation): statistics and texture
     * @param nx            size along x
     * @param ny            size along y
     * @param nz            size along z (the slice axis of the 2D and 2.5D aggregations)
     * @param spacing       voxel spacing {sx, sy, sz} in mm
     * @param levels        discretised grey levels, >= 1 inside the intensity mask (ignored outside): intensity
     *                      histogram and texture
     * @param ivhValues     intensities for the intensity-volume histogram, binned according to
     *                      {@link IbsiSettings#ivhDiscretisation()}; null: {@code intensity}
     */
    public record Input(double[] intensity, boolean[] morphMask, boolean[] intensityMask, int nx, int ny, int nz,
            double[] spacing, int[] levels, double[] ivhValues) {
        public Input {
            long n = (long) nx * ny * nz;
            if (nx < 1 || ny < 1 || nz < 1) {
                throw new IllegalArgumentException("empty image " + nx + "x" + ny + "x" + nz);
            }
            if (intensity.length != n || morphMask.length != n || intensityMask.length != n || levels.length != n
                    || (ivhValues != null && ivhValues.length != n)) {
                throw new IllegalArgumentException("array lengths differ from " + nx + "x" + ny + "x" + nz + " = " + n);
            }
            if (spacing == null || spacing.length != 3) {
                throw new IllegalArgumentException("spacing needs 3 values");
            }
            for (int i = 0; i < n; i++) {
                if (intensityMask[i] && levels[i] < 1) {
                    throw new IllegalArgumentException("grey level " + levels[i] + " < 1 inside the intensity mask at index " + i);
                }
            }
        }

        /** Intensities used by the IVH. */
        double[] ivh() {
            return ivhValues == null ? intensity : ivhValues;
        }

        int size() {
            return nx * ny * nz;
        }
    }

    /**
     * Computes every IBSI-1 feature the settings ask for.
     *
     * <pre>var features = IbsiFeatures.compute(input, IbsiSettings.DEFAULT); double v = features.get("morph_volume");</pre>
     *
     * @return tag to value, in the order of the IBSI reference tables; NaN where a feature is undefined
     *         (e.g. an empty ROI)
     */
    public static LinkedHashMap<String, Double> compute(Input in, IbsiSettings s) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        Roi roi = new Roi(in, s);
        if (s.morphology()) {
            out.putAll(IbsiMorphology.compute(in, s));
        }
        out.putAll(IbsiLocalIntensity.compute(in));
        out.putAll(IbsiStatistics.compute(in));
        out.putAll(IbsiHistogram.compute(roi));
        out.putAll(IbsiIvh.compute(in, s));
        out.putAll(IbsiGlcm.compute(roi, s));
        out.putAll(IbsiGlrlm.compute(roi, s));
        out.putAll(IbsiGlszm.compute(roi, s));
        out.putAll(IbsiGldzm.compute(roi, s));
        out.putAll(IbsiNgtdm.compute(roi, s));
        out.putAll(IbsiNgldm.compute(roi, s));
        return out;
    }

    /**
     * The discretised ROI as the texture families see it: grey level per voxel, 0 outside the intensity mask.
     */
    static final class Roi {
        final int nx;
        final int ny;
        final int nz;
        final int[] g;
        final boolean[] morph;
        /** Number of grey levels N_g. */
        final int ng;
        /** Voxels in the intensity mask. */
        final int count;

        Roi(Input in, IbsiSettings s) {
            nx = in.nx();
            ny = in.ny();
            nz = in.nz();
            morph = in.morphMask();
            g = new int[in.size()];
            int max = 0;
            int c = 0;
            for (int i = 0; i < g.length; i++) {
                if (in.intensityMask()[i]) {
                    g[i] = in.levels()[i];
                    max = Math.max(max, g[i]);
                    c++;
                }
            }
            count = c;
            ng = s.greyLevels() > 0 ? Math.max(s.greyLevels(), max) : max;
        }

        int index(int x, int y, int z) {
            return x + nx * (y + ny * z);
        }

        /** Grey level at (x, y, z); 0 outside the image or the ROI. */
        int at(int x, int y, int z) {
            if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) {
                return 0;
            }
            return g[x + nx * (y + ny * z)];
        }

        /** Number of ROI voxels in slice z. */
        int sliceCount(int z) {
            int c = 0;
            int base = nx * ny * z;
            for (int i = 0; i < nx * ny; i++) {
                if (g[base + i] > 0) {
                    c++;
                }
            }
            return c;
        }
    }

    /** Chebyshev neighbourhood offsets {dx, dy, dz} of distance 1..d, without the centre; in-plane when flat. */
    static int[][] neighbourhood(int d, boolean flat) {
        int dz = flat ? 0 : d;
        int[][] tmp = new int[(2 * d + 1) * (2 * d + 1) * (2 * dz + 1)][];
        int k = 0;
        for (int z = -dz; z <= dz; z++) {
            for (int y = -d; y <= d; y++) {
                for (int x = -d; x <= d; x++) {
                    if (x != 0 || y != 0 || z != 0) {
                        tmp[k++] = new int[] {x, y, z};
                    }
                }
            }
        }
        return Arrays.copyOf(tmp, k);
    }

    /** Feature value helper: a/b, NaN when b is 0. */
    static double div(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** Averages feature vectors (features of several matrices), skipping NaN entries as IBSI's averaging does. */
    static double[] average(java.util.List<double[]> rows, int width) {
        double[] sum = new double[width];
        int[] n = new int[width];
        for (double[] r : rows) {
            for (int i = 0; i < width; i++) {
                if (!Double.isNaN(r[i])) {
                    sum[i] += r[i];
                    n[i]++;
                }
            }
        }
        for (int i = 0; i < width; i++) {
            sum[i] = n[i] == 0 ? Double.NaN : sum[i] / n[i];
        }
        return sum;
    }

    static void put(LinkedHashMap<String, Double> out, String prefix, String[] names, String suffix, double[] v) {
        for (int i = 0; i < names.length; i++) {
            out.put(prefix + names[i] + suffix, v[i]);
        }
    }

    static double[] nans(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }
}
