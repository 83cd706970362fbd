package io.github.dlradiomics.radiomics.filters;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * PyRadiomics' LBP3D image type ({@code imageoperations.getLBP3DImage}, Banerjee et al. 2013): for every ROI voxel,
 * the image is sampled on the vertices of trimesh's icosphere ({@code lbp3DIcosphereSubdivision},
 * {@code lbp3DIcosphereRadius}) centred on the voxel, with scipy's cubic-spline {@code map_coordinates}; the samples
 * give the kurtosis image "lbp-3D-k" and, thresholded against the centre ({@code sample >= centre}), a binary
 * pattern on the sphere expanded in spherical harmonics; each degree n &lt; {@code lbp3DLevels} gives the
 * rotation-invariant image "lbp-3D-m(n+1)". {@code lbp3DLevels} must be at least 2: PyRadiomics fails with 1.
 *
 * <p>What is reproduced, step by step, as PyRadiomics' code computes it:
 * <ul>
 * <li>vertices: {@code trimesh.creation.icosphere} (its stored unit icosahedron, {@code subdivide} with midpoints in
 * trimesh's edge order, each step pushed back onto the sphere: {@code v + v / |v| * (radius - |v|)}; with 0
 * subdivisions the icosahedron itself is pushed onto the radius). Vertex component 0, 1, 2 is added to the numpy
 * index (z, y, x) of the voxel, as PyRadiomics adds them.</li>
 * <li>samples: {@code scipy.ndimage.map_coordinates(image, coords, order=3)} with its defaults: mode 'constant'
 * (cval 0), i.e. the spline prefilter with mirror boundary initialisation along numpy axes 0, 1, 2, any sample
 * with a coordinate outside [0, size - 1] is 0, others interpolate with mirrored taps near the border; the output
 * has the image's own pixel type (integers rounded half away from zero and clipped, float32 rounded).</li>
 * <li>harmonics: {@code scipy.special.sph_harm(m, n, theta, phi)} called as PyRadiomics calls it, with the polar
 * angle {@code arccos(z / radius)} in scipy's azimuth slot and the azimuth {@code arctan2(y, x)} in the polar slot
 * (scipy's definition: {@code sqrt((2n+1)/(4 pi) (n-m)!/(n+m)!) P_n^m(cos(phi)) e^(i m theta)}, Condon-Shortley
 * phase, specfun's LPMV for P).</li>
 * <li>level n: {@code c_nm = sum_v b_v Y_nm(v)}, {@code f_v = sum_m c_nm Y_nm(v)} (no conjugate), the value is
 * {@code Re(sqrt(sum_v f_v^2))} with complex squares and the principal complex square root.</li>
 * <li>kurtosis: {@code scipy.stats.kurtosis(samples)} (Fisher, biased; NaN where the sample variance is
 * {@code <= (1e-15 * mean)^2}, e.g. a flat neighbourhood), in float32 arithmetic for a float32 image as numpy
 * does, numpy's pairwise summation order.</li>
 * </ul>
 * All outputs are float64 images; voxels outside the ROI are 0 (PyRadiomics leaves them uninitialised; they are
 * never used by features).
 *
 * <pre>List&lt;DerivedImage&gt; lbp = LocalBinaryPattern3D.apply(ct, roi, 2, 1.0, 1); // m1, m2, k</pre>
 */
public final class LocalBinaryPattern3D {
    /** trimesh's stored icosahedron (resources/creation.json): unit vertices and faces. */
    private static final double A = 0.5257311121191336;
    private static final double B = 0.85065080835204;
    private static final double[][] ICOSAHEDRON = {
        {-A, B, 0}, {A, B, 0}, {-A, -B, 0}, {A, -B, 0}, {0, -A, B}, {0, A, B},
        {0, -A, -B}, {0, A, -B}, {B, 0, -A}, {B, 0, A}, {-B, 0, -A}, {-B, 0, A}};
    private static final int[][] ICOSAHEDRON_FACES = {
        {0, 11, 5}, {0, 5, 1}, {0, 1, 7}, {0, 7, 10}, {0, 10, 11}, {1, 5, 9}, {5, 11, 4}, {11, 10, 2},
        {10, 7, 6}, {7, 1, 8}, {3, 9, 4}, {3, 4, 2}, {3, 2, 6}, {3, 6, 8}, {3, 8, 9}, {4, 9, 5}, {2, 4, 11},
        {6, 2, 10}, {8, 6, 7}, {9, 8, 1}};
    /** scipy's cubic B-spline pole, sqrt(3) - 2. */
    private static final double POLE = -0.267949192431122706472553658494127633;
    /** Largest lbp3DIcosphereSubdivision accepted (10 * 4^6 + 2 = 40962 samples per voxel). */
    public static final int MAX_SUBDIVISION = 6;

    private LocalBinaryPattern3D() {
    }

    /**
     * The LBP3D images, in PyRadiomics' order: "lbp-3D-m1" ... "lbp-3D-m{levels}", then "lbp-3D-k". The ROI is the
     * voxels where {@code mask} is non-zero (the whole image when {@code mask} is null); float64 images on the
     * input's grid, 0 outside the ROI.
     */
    public static List<DerivedImage> apply(Volume image, Volume mask, int levels, double radius, int subdivision) {
        if (levels < 2) {
            throw new UserInputException("lbp3DLevels must be >= 2 (got " + levels + "): with 1 level PyRadiomics'"
                    + " getLBP3DImage fails (IndexError: its harmonics array stays one-dimensional)");
        }
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new UserInputException("lbp3DIcosphereRadius must be > 0 (got " + radius + ")");
        }
        if (subdivision < 0 || subdivision > MAX_SUBDIVISION) {
            throw new UserInputException("lbp3DIcosphereSubdivision must be between 0 and " + MAX_SUBDIVISION
                    + " (got " + subdivision + ")");
        }
        int[] n = image.dims();
        if (mask != null && !Arrays.equals(mask.dims(), n)) {
            throw new UserInputException("LBP3D: mask size " + Arrays.toString(mask.dims()) + " differs from the"
                    + " image size " + Arrays.toString(n));
        }
        double[][] vert = icosphere(subdivision, radius);
        int nv = vert.length;
        int harmonics = levels * levels;
        double[][] yr = new double[nv][harmonics];
        double[][] yi = new double[nv][harmonics];
        for (int v = 0; v < nv; v++) {
            double theta = StrictMath.acos(vert[v][2] / radius);
            double phi = StrictMath.atan2(vert[v][1], vert[v][0]);
            int j = 0;
            for (int deg = 0; deg < levels; deg++) {
                for (int m = -deg; m <= deg; m++, j++) {
                    double[] y = sphHarm(m, deg, theta, phi);
                    yr[v][j] = y[0];
                    yi[v][j] = y[1];
                }
            }
        }
        Sampler sampler = new Sampler(image, vert);
        PixelType type = image.pixelType();
        double[] in = image.data();
        double[] mk = mask == null ? null : mask.data();
        double[][] out = new double[levels + 1][in.length];
        int sz = n[0] * n[1];
        IntStream.range(0, n[2]).parallel().forEach(z -> {
            double[] samples = new double[nv];
            boolean[] bits = new boolean[nv];
            Work w = new Work(nv, harmonics, levels);
            for (int y = 0; y < n[1]; y++) {
                for (int x = 0; x < n[0]; x++) {
                    int q = z * sz + y * n[0] + x;
                    if (mk != null && mk[q] == 0) {
                        continue;
                    }
                    sampler.sample(z, y, x, samples);
                    double centre = in[q];
                    for (int v = 0; v < nv; v++) {
                        bits[v] = samples[v] >= centre;
                    }
                    levels(bits, yr, yi, levels, w);
                    for (int l = 0; l < levels; l++) {
                        out[l][q] = w.result[l];
                    }
                    out[levels][q] = type == PixelType.FLOAT32 ? kurtosis32(samples) : kurtosis(samples);
                }
            }
        });
        List<DerivedImage> list = new ArrayList<>();
        for (int l = 0; l <= levels; l++) {
            Volume v = new Volume(n[0], n[1], n[2], out[l], PixelType.FLOAT64);
            v.copyGeometryFrom(image);
            list.add(new DerivedImage(l < levels ? "lbp-3D-m" + (l + 1) : "lbp-3D-k", v));
        }
        return list;
    }

    // --------------------------------------------------------------------------------------- icosphere

    /**
     * {@code trimesh.creation.icosphere(subdivisions, radius).vertices}: trimesh's unit icosahedron, subdivided
     * {@code subdivisions} times (new vertices after the old ones, the edge midpoints {@code (a + b) / 2} in the
     * order of the unique edges sorted by (larger, smaller) vertex index, as trimesh's row hash sorts them), each
     * time moved onto the sphere by {@code v + v / s * (radius - s)}, {@code s = sqrt((x^2 + y^2) + z^2)}.
     */
    static double[][] icosphere(int subdivisions, double radius) {
        List<double[]> verts = new ArrayList<>();
        for (double[] p : ICOSAHEDRON) {
            verts.add(p.clone());
        }
        int[][] faces = ICOSAHEDRON_FACES;
        for (int it = 0; it < subdivisions; it++) {
            int nf = faces.length;
            int base = verts.size();
            // edges (f0,f1), (f1,f2), (f2,f0) of every face, each sorted; unique edges sorted by (max, min)
            long[] keys = new long[3 * nf];
            for (int f = 0; f < nf; f++) {
                for (int e = 0; e < 3; e++) {
                    int a = faces[f][e];
                    int b = faces[f][(e + 1) % 3];
                    keys[3 * f + e] = ((long) Math.max(a, b) << 32) | Math.min(a, b);
                }
            }
            long[] unique = Arrays.stream(keys).distinct().sorted().toArray();
            for (long k : unique) {
                double[] a = verts.get((int) (k & 0xffffffffL));
                double[] b = verts.get((int) (k >>> 32));
                verts.add(new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2});
            }
            int[][] next = new int[4 * nf][];
            for (int f = 0; f < nf; f++) {
                int[] mid = new int[3];
                for (int e = 0; e < 3; e++) {
                    mid[e] = base + Arrays.binarySearch(unique, keys[3 * f + e]);
                }
                int[] fc = faces[f];
                next[4 * f] = new int[] {fc[0], mid[0], mid[2]};
                next[4 * f + 1] = new int[] {mid[0], fc[1], mid[1]};
                next[4 * f + 2] = new int[] {mid[2], mid[1], fc[2]};
                next[4 * f + 3] = new int[] {mid[0], mid[1], mid[2]};
            }
            faces = next;
            toSphere(verts, radius);
        }
        if (subdivisions <= 0) {
            toSphere(verts, radius);
        }
        return verts.toArray(new double[0][]);
    }

    private static void toSphere(List<double[]> verts, double radius) {
        for (double[] p : verts) {
            double s = Math.sqrt((p[0] * p[0] + p[1] * p[1]) + p[2] * p[2]);
            double off = radius - s;
            for (int d = 0; d < 3; d++) {
                p[d] = p[d] + (p[d] / s) * off;
            }
        }
    }

    // ---------------------------------------------------------------------------------- map_coordinates

    /**
     * scipy.ndimage.map_coordinates(image, order=3, mode='constant', cval=0) at every voxel + every vertex offset:
     * per axis and per (voxel index, vertex) the tap positions (mirrored at the border, scipy's spline boundary for
     * 'constant') and the four B-spline weights, tabulated when the table is small (else computed per sample),
     * then the 64 taps summed in scipy's order.
     */
    static final class Sampler {
        /** Largest (axis length x vertices) tabulated per axis (48 bytes each). */
        private static final long TABLE_LIMIT = 1 << 19;
        private final double[] coef;
        private final PixelType type;
        private final double[][] vert;
        private final int nv;
        private final int[] numpyLen;
        private final int[] strides;
        /** [axis][(index * nv + v) * 4 + tap]: tap positions times the stride (tap 0 is -1 when outside). */
        private final int[][] taps;
        private final double[][] weights;

        Sampler(Volume image, double[][] vert) {
            this(image, vert, TABLE_LIMIT);
        }

        /** With tables only for axes where (length x vertices) &lt;= {@code tableLimit}. */
        Sampler(Volume image, double[][] vert, long tableLimit) {
            int[] n = image.dims();
            numpyLen = new int[] {n[2], n[1], n[0]};
            strides = new int[] {n[0] * n[1], n[0], 1};
            type = image.pixelType();
            coef = splineFilter(image);
            this.vert = vert;
            nv = vert.length;
            taps = new int[3][];
            weights = new double[3][];
            for (int ax = 0; ax < 3; ax++) {
                int len = numpyLen[ax];
                if ((long) len * nv > tableLimit) {
                    continue;
                }
                taps[ax] = new int[len * nv * 4];
                weights[ax] = new double[len * nv * 4];
                for (int i = 0; i < len; i++) {
                    for (int v = 0; v < nv; v++) {
                        axis(ax, i, v, taps[ax], weights[ax], 4 * (i * nv + v));
                    }
                }
            }
        }

        /**
         * Taps and weights along numpy axis {@code ax} for index {@code i} + vertex {@code v}, at {@code o};
         * {@code tap[o] = -1} when the coordinate is outside [0, size - 1] (the sample is then cval = 0).
         */
        private void axis(int ax, int i, int v, int[] tap, double[] w, int o) {
            int len = numpyLen[ax];
            double cc = i + vert[v][ax];
            if (cc < 0 || cc > len - 1) {
                tap[o] = -1;
                return;
            }
            long start = (long) Math.floor(cc) - 1;
            boolean edge = start < 0 || start + 3 >= len;
            for (int t = 0; t < 4; t++) {
                long idx = edge ? (long) mirror(start + t, len) : start + t;
                tap[o + t] = (int) idx * strides[ax];
            }
            splineWeights(cc, w, o);
        }

        /** The nv samples around numpy index (z, y, x), in the image's pixel type. */
        void sample(int z, int y, int x, double[] out) {
            int[] idx = {z, y, x};
            int[][] tp = new int[3][];
            double[][] wt = new double[3][];
            int[] base = new int[3];
            for (int ax = 0; ax < 3; ax++) {
                if (taps[ax] != null) {
                    tp[ax] = taps[ax];
                    wt[ax] = weights[ax];
                    base[ax] = 4 * idx[ax] * nv;
                } else {
                    tp[ax] = new int[4 * nv];
                    wt[ax] = new double[4 * nv];
                    for (int v = 0; v < nv; v++) {
                        axis(ax, idx[ax], v, tp[ax], wt[ax], 4 * v);
                    }
                }
            }
            int[] tz = tp[0];
            int[] ty = tp[1];
            int[] tx = tp[2];
            double[] wz = wt[0];
            double[] wy = wt[1];
            double[] wx = wt[2];
            for (int v = 0; v < nv; v++) {
                int kz = base[0] + 4 * v;
                int ky = base[1] + 4 * v;
                int kx = base[2] + 4 * v;
                if (tz[kz] < 0 || ty[ky] < 0 || tx[kx] < 0) {
                    out[v] = 0;
                    continue;
                }
                double t = 0.0;
                for (int a = 0; a < 4; a++) {
                    int oz = tz[kz + a];
                    double wa = wz[kz + a];
                    for (int b = 0; b < 4; b++) {
                        int oy = oz + ty[ky + b];
                        double wb = wy[ky + b];
                        for (int c = 0; c < 4; c++) {
                            double coeff = coef[oy + tx[kx + c]];
                            coeff *= wa;
                            coeff *= wb;
                            coeff *= wx[kx + c];
                            t += coeff;
                        }
                    }
                }
                out[v] = castOut(type, t);
            }
        }
    }

    /** scipy's mirror mapping (map_coordinate, NI_EXTEND_MIRROR) of an out-of-range tap index. */
    static double mirror(double in, long len) {
        if (in < 0) {
            if (len <= 1) {
                return 0;
            }
            long sz2 = 2 * len - 2;
            in = sz2 * (long) (-in / sz2) + in;
            return in <= 1 - len ? in + sz2 : -in;
        } else if (in > len - 1) {
            if (len <= 1) {
                return 0;
            }
            long sz2 = 2 * len - 2;
            in -= sz2 * (long) (in / sz2);
            if (in >= len) {
                in = sz2 - in;
            }
        }
        return in;
    }

    /** scipy's get_spline_interpolation_weights for order 3, in its order of operations. */
    static void splineWeights(double x, double[] w, int o) {
        x -= Math.floor(x);
        double y = x;
        double z = 1.0 - x;
        w[o + 1] = (y * y * (y - 2.0) * 3.0 + 4.0) / 6.0;
        w[o + 2] = (z * z * (z - 2.0) * 3.0 + 4.0) / 6.0;
        w[o] = z * z * z / 6.0;
        double last = 1.0;
        for (int i = 0; i < 3; i++) {
            last -= w[o + i];
        }
        w[o + 3] = last;
    }

    /** map_coordinates' store of an interpolated value into an array of the input's type. */
    static double castOut(PixelType type, double t) {
        return switch (type) {
            case FLOAT64 -> t;
            case FLOAT32 -> (float) t;
            case UINT8, UINT16, UINT32, UINT64 -> {
                double u = t > 0 ? t + 0.5 : 0;
                u = u > type.max() ? type.max() : u;
                yield u >= 0x1p63 ? Math.floor(u) : (double) (long) u;
            }
            default -> {
                double u = t > 0 ? t + 0.5 : t - 0.5;
                u = u > type.max() ? type.max() : u;
                u = u < type.min() ? type.min() : u;
                yield (double) (long) u;
            }
        };
    }

    /**
     * scipy.ndimage.spline_filter(image, order=3, output=float64, mode='constant'): the 1D cubic B-spline filter
     * along numpy axes 0, 1, 2 (z, y, x) in turn, with the mirror initialisation scipy uses for 'constant' mode.
     */
    static double[] splineFilter(Volume image) {
        int[] n = image.dims();
        double[] c = image.data().clone();
        int[] numpyLen = {n[2], n[1], n[0]};
        int[] strides = {n[0] * n[1], n[0], 1};
        for (int ax = 0; ax < 3; ax++) {
            int len = numpyLen[ax];
            if (len <= 1) {
                continue;
            }
            int st = strides[ax];
            double zn1 = powRounded(POLE, len - 1);
            double[] line = new double[len];
            for (int q0 = 0; q0 < c.length; q0++) {
                // q0 runs over the first voxel of every line along this axis
                if ((q0 / st) % len != 0) {
                    continue;
                }
                for (int i = 0; i < len; i++) {
                    line[i] = c[q0 + i * st];
                }
                filterLine(line, len, zn1);
                for (int i = 0; i < len; i++) {
                    c[q0 + i * st] = line[i];
                }
            }
        }
        return c;
    }

    /** ni_splines.c apply_filter for one pole, mirror initialisation (gain, causal, anticausal). */
    static void filterLine(double[] c, int n, double zn1) {
        double z = POLE;
        double gain = 1.0;
        gain *= (1.0 - z) * (1.0 - 1.0 / z);
        for (int i = 0; i < n; i++) {
            c[i] *= gain;
        }
        double zi = z;
        c[0] = c[0] + zn1 * c[n - 1];
        for (int i = 1; i < n - 1; i++) {
            c[0] += zi * (c[i] + zn1 * c[n - 1 - i]);
            zi *= z;
        }
        c[0] /= 1 - zn1 * zn1;
        for (int i = 1; i < n; i++) {
            c[i] += z * c[i - 1];
        }
        c[n - 1] = (z * c[n - 2] + c[n - 1]) * z / (z * z - 1);
        for (int i = n - 2; i >= 0; i--) {
            c[i] = z * (c[i + 1] - c[i]);
        }
    }

    /** z^k rounded once to the nearest double (what C's pow returns for these arguments). */
    static double powRounded(double z, int k) {
        if (k == 0) {
            return 1.0;
        }
        double sign = (k % 2 == 1 && z < 0) ? -1.0 : 1.0;
        if (k * Math.log10(Math.abs(z)) < -330) {
            return sign * 0.0;
        }
        return new BigDecimal(z).pow(k).doubleValue();
    }

    // ---------------------------------------------------------------------------------------- harmonics

    /** Per-thread scratch for {@link #levels}. */
    private static final class Work {
        final double[] cr;
        final double[] ci;
        final double[] pr;
        final double[] pi;
        final double[] fr;
        final double[] fi;
        final double[] result;

        Work(int nv, int harmonics, int levels) {
            cr = new double[harmonics];
            ci = new double[harmonics];
            pr = new double[2 * levels + 1];
            pi = new double[2 * levels + 1];
            fr = new double[nv];
            fi = new double[nv];
            result = new double[levels];
        }
    }

    /**
     * The level images of one voxel from its binary pattern, in numpy's order of operations: c = sum over the
     * vertices (numpy sums the middle axis of an (Np, Nv, x) array, x &gt; 1, vertex after vertex), f_v per degree
     * (pairwise complex sum over m), then sqrt(sum_v f_v^2) and its real part.
     */
    private static void levels(boolean[] bits, double[][] yr, double[][] yi, int levels, Work w) {
        int nv = bits.length;
        int harmonics = levels * levels;
        Arrays.fill(w.cr, 0.0);
        Arrays.fill(w.ci, 0.0);
        for (int v = 0; v < nv; v++) {
            if (bits[v]) {
                for (int j = 0; j < harmonics; j++) {
                    w.cr[j] += yr[v][j];
                    w.ci[j] += yi[v][j];
                }
            }
        }
        for (int deg = 0; deg < levels; deg++) {
            int j0 = deg * deg;
            int count = 2 * deg + 1;
            for (int v = 0; v < nv; v++) {
                double re;
                double im;
                if (deg == 0) {
                    re = w.cr[0] * yr[v][0] - w.ci[0] * yi[v][0];
                    im = w.cr[0] * yi[v][0] + w.ci[0] * yr[v][0];
                } else {
                    for (int k = 0; k < count; k++) {
                        int j = j0 + k;
                        w.pr[k] = w.cr[j] * yr[v][j] - w.ci[j] * yi[v][j];
                        w.pi[k] = w.cr[j] * yi[v][j] + w.ci[j] * yr[v][j];
                    }
                    double[] s = complexPairwise(w.pr, w.pi, 0, count);
                    re = s[0];
                    im = s[1];
                }
                // f ** 2 (numpy's complex square)
                w.fr[v] = re * re - im * im;
                w.fi[v] = re * im + im * re;
            }
            double sr = 0.0;
            double si = 0.0;
            for (int v = 0; v < nv; v++) {
                sr += w.fr[v];
                si += w.fi[v];
            }
            w.result[deg] = csqrtReal(sr, si);
        }
    }

    /** numpy's pairwise sum of complex values (CDOUBLE_pairwise_sum), {re, im}. */
    static double[] complexPairwise(double[] re, double[] im, int off, int count) {
        if (count < 4) {
            double rr = -0.0;
            double ri = -0.0;
            for (int i = 0; i < count; i++) {
                rr += re[off + i];
                ri += im[off + i];
            }
            return new double[] {rr, ri};
        } else if (count <= 64) {
            double r0 = re[off];
            double r1 = im[off];
            double r2 = re[off + 1];
            double r3 = im[off + 1];
            double r4 = re[off + 2];
            double r5 = im[off + 2];
            double r6 = re[off + 3];
            double r7 = im[off + 3];
            int i = 4;
            for (; i < count - (count % 4); i += 4) {
                r0 += re[off + i];
                r1 += im[off + i];
                r2 += re[off + i + 1];
                r3 += im[off + i + 1];
                r4 += re[off + i + 2];
                r5 += im[off + i + 2];
                r6 += re[off + i + 3];
                r7 += im[off + i + 3];
            }
            double rr = (r0 + r2) + (r4 + r6);
            double ri = (r1 + r3) + (r5 + r7);
            for (; i < count; i++) {
                rr += re[off + i];
                ri += im[off + i];
            }
            return new double[] {rr, ri};
        }
        int n2 = count; // in doubles: n = 2 count; n2 = n / 2 - (n / 2) % 8, i.e. count - count % 8, in complex
        n2 -= n2 % 8;
        int half = n2 / 2;
        double[] a = complexPairwise(re, im, off, half);
        double[] b = complexPairwise(re, im, off + half, count - half);
        return new double[] {a[0] + b[0], a[1] + b[1]};
    }

    /** Real part of the principal square root of re + i im (glibc's csqrt). */
    static double csqrtReal(double re, double im) {
        if (Double.isNaN(re) || Double.isNaN(im)) {
            return Double.isInfinite(im) ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (im == 0) {
            return re < 0 ? 0.0 : Math.abs(Math.sqrt(re));
        }
        if (re == 0) {
            double a = Math.abs(im);
            return a >= 2 * Double.MIN_NORMAL ? Math.sqrt(0.7071067811865476 * a) : 0.5 * Math.sqrt(2 * a);
        }
        double d = Math.hypot(re, im);
        if (re > 0) {
            return Math.sqrt(0.5 * (d + re));
        }
        double s = Math.sqrt(0.5 * (d - re));
        return Math.abs(0.5 * (im / s));
    }

    /**
     * scipy.special.sph_harm(m, n, theta, phi) (scipy &lt;= 1.14, sph_harm.pxd): theta the azimuthal argument, phi
     * the polar one; {re, im}.
     */
    static double[] sphHarm(int m, int n, double theta, double phi) {
        double x = StrictMath.cos(phi);
        int mp = Math.abs(m);
        double val = lpmv(mp, n, x);
        if (m < 0) {
            double prefactor = (mp % 2 == 0 ? 1 : -1) * poch(n + mp + 1, -2.0 * mp);
            val *= prefactor;
        }
        val *= Math.sqrt((2 * n + 1) / 4.0 / Math.PI);
        val *= Math.sqrt(poch(n + m + 1, -2.0 * m));
        double arg = m * theta;
        return new double[] {val * StrictMath.cos(arg), val * StrictMath.sin(arg)};
    }

    /** specfun LPMV(v = n, m, x) for integer degree n &gt;= 0 and order 0 &lt;= m (up-recursion for n &gt; 2). */
    static double lpmv(int m, int n, double x) {
        if (n > 2 && n > m) {
            double p0 = lpmv0(m, m, x);
            double p1 = lpmv0(m + 1, m, x);
            double pmv = p1;
            for (int j = m + 2; j <= n; j++) {
                pmv = ((2 * (0.0 + j) - 1) * x * p1 - (0.0 + j - 1 + m) * p0) / (0.0 + j - m);
                p0 = p1;
                p1 = pmv;
            }
            return pmv;
        }
        return lpmv0(n, m, x);
    }

    /** specfun LPMV0 for an integer degree v (DLMF 14.3.4 series), in its order of operations. */
    static double lpmv0(int nvDeg, int m, double x) {
        double v = nvDeg;
        double c0 = 1.0;
        if (m != 0) {
            double rg = v * (v + m);
            for (int j = 1; j <= m - 1; j++) {
                rg = rg * (v * v - j * j);
            }
            double xq = Math.sqrt(1.0 - x * x);
            double r0 = 1.0;
            for (int j = 1; j <= m; j++) {
                r0 = 0.5 * r0 * xq / j;
            }
            c0 = r0 * rg;
        }
        double pmv = 1.0;
        double r = 1.0;
        for (int k = 1; k <= nvDeg - m; k++) {
            r = 0.5 * r * ((-nvDeg + m + k) - 1.0) * (nvDeg + m + k) / (k * (k + m)) * (1.0 + x);
            pmv = pmv + r;
        }
        return (nvDeg % 2 == 0 ? 1 : -1) * c0 * pmv;
    }

    /** cephes poch(a, m) = Gamma(a + m) / Gamma(a) for an integer m (the recurrences of its first step). */
    static double poch(double a, double m) {
        double r = 1.0;
        while (m >= 1.0) {
            if (a + m == 1) {
                break;
            }
            m -= 1.0;
            r *= a + m;
            if (!Double.isFinite(r) || r == 0) {
                break;
            }
        }
        while (m <= -1.0) {
            if (a + m == 0) {
                break;
            }
            r /= a + m;
            m += 1.0;
            if (!Double.isFinite(r) || r == 0) {
                break;
            }
        }
        return r;
    }

    // ----------------------------------------------------------------------------------------- kurtosis

    /** numpy's pairwise sum (DOUBLE_pairwise_sum). */
    static double pairwise(double[] a, int off, int n) {
        if (n < 8) {
            double res = -0.0;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else if (n <= 128) {
            double r0 = a[off];
            double r1 = a[off + 1];
            double r2 = a[off + 2];
            double r3 = a[off + 3];
            double r4 = a[off + 4];
            double r5 = a[off + 5];
            double r6 = a[off + 6];
            double r7 = a[off + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                r0 += a[off + i];
                r1 += a[off + i + 1];
                r2 += a[off + i + 2];
                r3 += a[off + i + 3];
                r4 += a[off + i + 4];
                r5 += a[off + i + 5];
                r6 += a[off + i + 6];
                r7 += a[off + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwise(a, off, n2) + pairwise(a, off + n2, n - n2);
    }

    /** numpy's pairwise sum in float32 arithmetic (FLOAT_pairwise_sum). */
    static float pairwise32(float[] a, int off, int n) {
        if (n < 8) {
            float res = -0.0f;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else if (n <= 128) {
            float r0 = a[off];
            float r1 = a[off + 1];
            float r2 = a[off + 2];
            float r3 = a[off + 3];
            float r4 = a[off + 4];
            float r5 = a[off + 5];
            float r6 = a[off + 6];
            float r7 = a[off + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                r0 += a[off + i];
                r1 += a[off + i + 1];
                r2 += a[off + i + 2];
                r3 += a[off + i + 3];
                r4 += a[off + i + 4];
                r5 += a[off + i + 5];
                r6 += a[off + i + 6];
                r7 += a[off + i + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwise32(a, off, n2) + pairwise32(a, off + n2, n - n2);
    }

    /**
     * scipy.stats.kurtosis(a) (Fisher, bias=True) of float64 (or integer) samples: m4 / m2^2 - 3, NaN when
     * m2 &lt;= (1e-15 * mean)^2.
     */
    static double kurtosis(double[] a) {
        int n = a.length;
        double mean = pairwise(a, 0, n) / n;
        double[] d2 = new double[n];
        double[] d4 = new double[n];
        for (int i = 0; i < n; i++) {
            double d = a[i] - mean;
            d2[i] = d * d;
            d4[i] = d2[i] * d2[i];
        }
        double m2 = pairwise(d2, 0, n) / n;
        double m4 = pairwise(d4, 0, n) / n;
        double lim = 1e-15 * mean;
        if (m2 <= lim * lim) {
            return Double.NaN;
        }
        return m4 / (m2 * m2) - 3;
    }

    /** scipy.stats.kurtosis of float32 samples, in float32 arithmetic as numpy computes it. */
    static double kurtosis32(double[] samples) {
        int n = samples.length;
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) samples[i];
        }
        float mean = pairwise32(a, 0, n) / n;
        float[] d2 = new float[n];
        float[] d4 = new float[n];
        for (int i = 0; i < n; i++) {
            float d = a[i] - mean;
            d2[i] = d * d;
            d4[i] = d2[i] * d2[i];
        }
        float m2 = pairwise32(d2, 0, n) / n;
        float m4 = pairwise32(d4, 0, n) / n;
        float lim = 1e-6f * mean;
        if (m2 <= lim * lim) {
            return Double.NaN;
        }
        return m4 / (m2 * m2) - 3f;
    }
}
