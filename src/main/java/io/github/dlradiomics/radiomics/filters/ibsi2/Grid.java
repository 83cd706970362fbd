package io.github.dlradiomics.radiomics.filters.ibsi2;

/**
 * Voxel-array helpers shared by the filters: x-fastest {@code double[]} with dimensions {nx, ny, nz},
 * separable 1D convolution along one axis, padding and cropping, and the right-angle rotations used for
 * rotation invariance.
 *
 * <pre>double[] y = Grid.convolveAxis(x, dims, 0, kernel, kernel.length / 2, 1, Boundary.MIRROR);</pre>
 */
final class Grid {
    private Grid() {
    }

    static int stride(int[] dims, int axis) {
        return axis == 0 ? 1 : axis == 1 ? dims[0] : dims[0] * dims[1];
    }

    /**
     * 1D convolution along {@code axis}: {@code out[i] = sum_j w[j] * in[i + (center - j) * step]}, reading
     * outside voxels through {@code b}. {@code step > 1} is the a-trous dilation of a wavelet filter.
     */
    static double[] convolveAxis(double[] in, int[] dims, int axis, double[] w, int center, int step, Boundary b) {
        int n = dims[axis];
        int st = stride(dims, axis);
        int nw = w.length;
        int left = Math.max(0, (nw - 1 - center) * step);
        int right = Math.max(0, center * step);
        int len = n + left + right;
        int[] src = new int[len];
        for (int k = 0; k < len; k++) {
            src[k] = b.map(k - left, n);
        }
        int[] off = new int[nw];
        for (int j = 0; j < nw; j++) {
            off[j] = left + (center - j) * step;
        }
        double[] out = new double[in.length];
        double[] buf = new double[len];
        int lines = in.length / n;
        for (int line = 0; line < lines; line++) {
            int base = lineBase(dims, axis, line);
            for (int k = 0; k < len; k++) {
                int s = src[k];
                buf[k] = s < 0 ? 0 : in[base + s * st];
            }
            for (int i = 0; i < n; i++) {
                double acc = 0;
                for (int j = 0; j < nw; j++) {
                    acc += w[j] * buf[i + off[j]];
                }
                out[base + i * st] = acc;
            }
        }
        return out;
    }

    /** Flat index of the first voxel of line number {@code line} along {@code axis}. */
    static int lineBase(int[] dims, int axis, int line) {
        if (axis == 0) {
            return line * dims[0];
        }
        if (axis == 1) {
            int x = line % dims[0];
            int z = line / dims[0];
            return x + dims[0] * dims[1] * z;
        }
        return line;
    }

    /** Moving average of width {@code size} (odd) along each of {@code axes}. */
    static double[] boxMean(double[] in, int[] dims, int[] axes, int size, Boundary b) {
        double[] w = new double[size];
        java.util.Arrays.fill(w, 1.0 / size);
        double[] x = in;
        for (int a : axes) {
            x = convolveAxis(x, dims, a, w, size / 2, 1, b);
        }
        return x;
    }

    /** Pads each axis by {@code pad[axis]} voxels on both sides, filling through {@code b}. */
    static double[] pad(double[] in, int[] dims, int[] pad, Boundary b, int[] newDims) {
        return pad(in, dims, pad, pad, b, newDims);
    }

    /** Pads axis a by {@code lo[a]} voxels before and {@code hi[a]} after, filling through {@code b}. */
    static double[] pad(double[] in, int[] dims, int[] lo, int[] hi, Boundary b, int[] newDims) {
        int[] pad = lo;
        for (int a = 0; a < 3; a++) {
            newDims[a] = dims[a] + lo[a] + hi[a];
        }
        int[][] src = new int[3][];
        for (int a = 0; a < 3; a++) {
            src[a] = new int[newDims[a]];
            for (int k = 0; k < newDims[a]; k++) {
                src[a][k] = b.map(k - pad[a], dims[a]);
            }
        }
        double[] out = new double[newDims[0] * newDims[1] * newDims[2]];
        int o = 0;
        for (int z = 0; z < newDims[2]; z++) {
            int sz = src[2][z];
            for (int y = 0; y < newDims[1]; y++) {
                int sy = src[1][y];
                for (int x = 0; x < newDims[0]; x++, o++) {
                    int sx = src[0][x];
                    if (sx >= 0 && sy >= 0 && sz >= 0) {
                        out[o] = in[sx + dims[0] * (sy + dims[1] * sz)];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Padding for an FFT over {@code axes}: each axis grows to the power of two at least
     * {@code n + 2 max(margin[a], ceil(n / 8))}, split evenly before/after; returns {lo, hi}.
     */
    static int[][] fftPadding(int[] dims, int[] axes, int[] margin) {
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int a : axes) {
            int n = dims[a];
            int m = Math.max(margin[a], (n + 7) / 8);
            int total = Fft.nextPow2(n + 2 * m) - n;
            lo[a] = total / 2;
            hi[a] = total - lo[a];
        }
        return new int[][] {lo, hi};
    }

    /** The inverse of {@link #pad}: the {@code dims} block starting at {@code pad} of a padded array. */
    static double[] crop(double[] in, int[] paddedDims, int[] pad, int[] dims) {
        double[] out = new double[dims[0] * dims[1] * dims[2]];
        int o = 0;
        for (int z = 0; z < dims[2]; z++) {
            for (int y = 0; y < dims[1]; y++) {
                int base = pad[0] + paddedDims[0] * ((y + pad[1]) + paddedDims[1] * (z + pad[2]));
                System.arraycopy(in, base, out, o, dims[0]);
                o += dims[0];
            }
        }
        return out;
    }

    /**
     * The proper right-angle rotations of a D-dimensional grid (D = 2: 4, D = 3: 24), each as {perm, sign}:
     * output axis a takes the kernel component {@code perm[a]}, mirrored when {@code sign[a] < 0}.
     */
    static int[][][] rotations(int d) {
        java.util.List<int[][]> out = new java.util.ArrayList<>();
        int[][] perms = d == 2 ? new int[][] {{0, 1}, {1, 0}}
                : new int[][] {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] p : perms) {
            int parity = permutationSign(p);
            for (int mask = 0; mask < (1 << d); mask++) {
                int[] s = new int[d];
                int prod = 1;
                for (int a = 0; a < d; a++) {
                    s[a] = ((mask >> a) & 1) == 0 ? 1 : -1;
                    prod *= s[a];
                }
                if (prod * parity == 1) {
                    out.add(new int[][] {p.clone(), s});
                }
            }
        }
        return out.toArray(new int[0][][]);
    }

    private static int permutationSign(int[] p) {
        int inv = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = i + 1; j < p.length; j++) {
                if (p[i] > p[j]) {
                    inv++;
                }
            }
        }
        return inv % 2 == 0 ? 1 : -1;
    }

    static double[] reversed(double[] w) {
        double[] r = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            r[i] = w[w.length - 1 - i];
        }
        return r;
    }
}
