package io.github.dlradiomics.radiomics.filters.ibsi2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The separable spatial-domain filters of IBSI 2: mean, Laplacian of Gaussian, Laws kernels and the
 * undecimated separable wavelets, with rotation invariance by pooling over the right-angle rotations.
 * All work on x-fastest arrays over the filtered {@code axes} ({0, 1} in 2D, each axial slice alone;
 * {0, 1, 2} in 3D).
 *
 * <pre>double[] m = SpatialFilters.mean(data, dims, new int[] {0, 1, 2}, 15, Boundary.ZERO);</pre>
 */
final class SpatialFilters {
    private SpatialFilters() {
    }

    /** IBSI mean filter: the average over a cube (or square) of {@code size} voxels a side. */
    static double[] mean(double[] x, int[] dims, int[] axes, int size, Boundary b) {
        return Grid.boxMean(x, dims, axes, size, b);
    }

    /**
     * IBSI Laplacian of Gaussian, {@code -1/s^2 (2 pi s^2)^(-D/2) (D - |k|^2/s^2) exp(-|k|^2 / (2 s^2))},
     * evaluated as the sum over axes d of g''(k_d) times g(k_e) on the other axes (exactly that kernel),
     * truncated at {@code truncate} sigma. {@code sigmaVox[a]} is sigma in voxels along axis a.
     */
    static double[] laplacianOfGaussian(double[] x, int[] dims, int[] axes, double[] sigmaVox, double truncate,
            Boundary b) {
        double[] sum = new double[x.length];
        for (int d : axes) {
            double[] t = x;
            for (int a : axes) {
                double s = sigmaVox[a];
                int r = (int) Math.ceil(truncate * s);
                double[] w = new double[2 * r + 1];
                for (int k = -r; k <= r; k++) {
                    double g = Math.exp(-k * (double) k / (2 * s * s)) / (Math.sqrt(2 * Math.PI) * s);
                    w[k + r] = a == d ? g * (k * (double) k - s * s) / (s * s * s * s) : g;
                }
                t = Grid.convolveAxis(t, dims, a, w, r, 1, b);
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += t[i];
            }
        }
        return sum;
    }

    /** Pooling of the responses of rotated filters. */
    enum Pooling {
        NONE, MAX, AVG
    }

    /**
     * One separable filter chain: per axis of the grid, the 1D kernel, its centre index and its dilation
     * step, one stage per decomposition level. Used to deduplicate rotated copies.
     */
    private record Stage(double[][] kernels, int[] centers, int[] steps) {
        String key() {
            StringBuilder sb = new StringBuilder();
            for (int a = 0; a < kernels.length; a++) {
                sb.append(java.util.Arrays.toString(kernels[a])).append('@').append(centers[a]).append('/')
                        .append(steps[a]).append(';');
            }
            return sb.toString();
        }
    }

    /**
     * Applies every (deduplicated) rotation of a separable chain and pools the responses. {@code chain}
     * lists the stages (levels); each stage has one 1D kernel per kernel component k1..kD with its centre
     * and step. A rotation gives output axis a the component {@code perm[a]}, mirrored in space when
     * {@code sign[a] < 0} (reversed kernel, centre {@code len - 1 - c}). Average pooling weights each
     * distinct rotated chain by how many of the 4 (2D) or 24 (3D) rotations produce it.
     */
    static double[] rotatePool(double[] x, int[] dims, int[] axes, List<double[][]> chainKernels,
            List<int[]> chainCenters, List<int[]> chainSteps, Pooling pooling, Boundary b) {
        int dim = axes.length;
        int[][][] rots = pooling == Pooling.NONE ? new int[][][] {{identity(dim), ones(dim)}} : Grid.rotations(dim);
        Map<String, List<Stage>> unique = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (int[][] rot : rots) {
            int[] p = rot[0];
            int[] s = rot[1];
            List<Stage> stages = new java.util.ArrayList<>();
            StringBuilder key = new StringBuilder();
            for (int st = 0; st < chainKernels.size(); st++) {
                double[][] ks = new double[dim][];
                int[] cs = new int[dim];
                int[] steps = new int[dim];
                for (int a = 0; a < dim; a++) {
                    double[] k = chainKernels.get(st)[p[a]];
                    int c = chainCenters.get(st)[p[a]];
                    int step = chainSteps.get(st)[p[a]];
                    if (s[a] < 0) {
                        k = Grid.reversed(k);
                        c = k.length - 1 - c;
                    }
                    ks[a] = k;
                    cs[a] = c;
                    steps[a] = step;
                }
                Stage stage = new Stage(ks, cs, steps);
                stages.add(stage);
                key.append(stage.key()).append('|');
            }
            String k = key.toString();
            unique.putIfAbsent(k, stages);
            count.merge(k, 1, Integer::sum);
        }
        double[] pooled = null;
        for (Map.Entry<String, List<Stage>> e : unique.entrySet()) {
            double[] r = x;
            for (Stage stage : e.getValue()) {
                for (int a = 0; a < dim; a++) {
                    r = Grid.convolveAxis(r, dims, axes[a], stage.kernels()[a], stage.centers()[a],
                            stage.steps()[a], b);
                }
            }
            if (pooled == null) {
                pooled = r == x ? x.clone() : r;
                if (pooling == Pooling.AVG) {
                    double w = count.get(e.getKey());
                    for (int i = 0; i < pooled.length; i++) {
                        pooled[i] *= w;
                    }
                }
            } else if (pooling == Pooling.MAX) {
                for (int i = 0; i < pooled.length; i++) {
                    if (r[i] > pooled[i]) {
                        pooled[i] = r[i];
                    }
                }
            } else {
                double w = count.get(e.getKey());
                for (int i = 0; i < pooled.length; i++) {
                    pooled[i] += w * r[i];
                }
            }
        }
        if (pooling == Pooling.AVG) {
            double n = rots.length;
            for (int i = 0; i < pooled.length; i++) {
                pooled[i] /= n;
            }
        }
        return pooled;
    }

    private static int[] identity(int d) {
        int[] p = new int[d];
        for (int i = 0; i < d; i++) {
            p[i] = i;
        }
        return p;
    }

    private static int[] ones(int d) {
        int[] s = new int[d];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    /** Normalised Laws 1D kernels (IBSI 2, table of Laws kernels). */
    static double[] lawsKernel(String name) {
        double[] k;
        double norm;
        switch (name) {
            case "L3" -> { k = new double[] {1, 2, 1}; norm = Math.sqrt(6); }
            case "E3" -> { k = new double[] {-1, 0, 1}; norm = Math.sqrt(2); }
            case "S3" -> { k = new double[] {-1, 2, -1}; norm = Math.sqrt(6); }
            case "L5" -> { k = new double[] {1, 4, 6, 4, 1}; norm = Math.sqrt(70); }
            case "E5" -> { k = new double[] {-1, -2, 0, 2, 1}; norm = Math.sqrt(10); }
            case "S5" -> { k = new double[] {-1, 0, 2, 0, -1}; norm = Math.sqrt(6); }
            case "W5" -> { k = new double[] {-1, 2, 0, -2, 1}; norm = Math.sqrt(10); }
            case "R5" -> { k = new double[] {1, -4, 6, -4, 1}; norm = Math.sqrt(70); }
            default -> throw new IllegalArgumentException(name);
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= norm;
        }
        return k;
    }

    static final String LAWS_NAMES = "L3, E3, S3, L5, E5, S5, W5, R5";

    /**
     * Laws filter: the outer product of the 1D kernels (component i along axis i), optionally pooled over
     * rotations, then optionally the energy map (mean of the absolute response over a (2 delta + 1)-voxel
     * cube or square); delta &lt; 0 skips the energy step.
     */
    static double[] laws(double[] x, int[] dims, int[] axes, List<String> kernels, Pooling pooling, int delta,
            Boundary b) {
        int d = axes.length;
        double[][] ks = new double[d][];
        int[] cs = new int[d];
        int[] steps = new int[d];
        for (int i = 0; i < d; i++) {
            ks[i] = lawsKernel(kernels.get(i));
            cs[i] = ks[i].length / 2;
            steps[i] = 1;
        }
        double[] r = rotatePool(x, dims, axes, List.<double[][]>of(ks), List.<int[]>of(cs), List.<int[]>of(steps),
                pooling, b);
        if (delta >= 0) {
            double[] abs = new double[r.length];
            for (int i = 0; i < r.length; i++) {
                abs[i] = Math.abs(r[i]);
            }
            r = Grid.boxMean(abs, dims, axes, 2 * delta + 1, b);
        }
        return r;
    }

    /**
     * Undecimated (a trous) separable wavelet response for {@code band} (one letter L/H per axis, k1 first)
     * at {@code level}: levels 1..level-1 apply the all-low-pass filter, the last level the band's filters;
     * at level j the filters are dilated by 2^(j-1) (2^(j-1) - 1 zeros between taps), with centre
     * {@code (len / 2) * 2^(j-1)} of the dilated filter.
     */
    static double[] wavelet(double[] x, int[] dims, int[] axes, String family, String band, int level,
            Pooling pooling, Boundary b) {
        int d = axes.length;
        double[] lo = WaveletFamilies.lowPass(family);
        double[] hi = WaveletFamilies.highPass(family);
        List<double[][]> chainK = new java.util.ArrayList<>();
        List<int[]> chainC = new java.util.ArrayList<>();
        List<int[]> chainS = new java.util.ArrayList<>();
        for (int lev = 1; lev <= level; lev++) {
            int step = 1 << (lev - 1);
            double[][] ks = new double[d][];
            int[] cs = new int[d];
            int[] ss = new int[d];
            for (int i = 0; i < d; i++) {
                char c = lev < level ? 'L' : band.charAt(i);
                double[] f = c == 'L' ? lo : hi;
                // dilation is done by the step of the convolution; the centre scales with it
                ks[i] = f;
                cs[i] = f.length / 2;
                ss[i] = step;
            }
            chainK.add(ks);
            chainC.add(cs);
            chainS.add(ss);
        }
        return rotatePool(x, dims, axes, chainK, chainC, chainS, pooling, b);
    }
}
