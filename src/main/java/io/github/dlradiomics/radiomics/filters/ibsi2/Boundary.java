package io.github.dlradiomics.radiomics.filters.ibsi2;

import io.github.dlradiomics.util.UserInputException;
import java.util.Locale;

/**
 * How a filter sees voxels outside the image (IBSI 2, section "Boundary conditions").
 * {@link #MIRROR} is IBSI's mirror: a symmetric reflection that repeats the edge voxel
 * ({@code ... c b a | a b c ... }), i.e. numpy's {@code "symmetric"} and scipy.ndimage's {@code "reflect"}
 * (not scipy's {@code "mirror"}, which skips the edge voxel).
 *
 * <pre>int src = Boundary.MIRROR.map(-1, 64); // 0</pre>
 */
enum Boundary {
    /** Zero padding (IBSI "constant"/"zero"). */
    ZERO,
    /** Replicates the edge voxel (IBSI "nearest value"). */
    NEAREST,
    /** Wraps around (IBSI "periodic"). */
    PERIODIC,
    /** Symmetric reflection including the edge voxel (IBSI "mirror"). */
    MIRROR;

    /** Source index of position {@code i} on an axis of length {@code n}, or -1 for a zero (outside) value. */
    int map(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (this) {
            case ZERO:
                return -1;
            case NEAREST:
                return i < 0 ? 0 : n - 1;
            case PERIODIC:
                return Math.floorMod(i, n);
            default:
                int m = Math.floorMod(i, 2 * n);
                return m < n ? m : 2 * n - 1 - m;
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Boundary parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "zero":
            case "constant":
                return ZERO;
            case "nearest":
            case "edge":
            case "replicate":
                return NEAREST;
            case "periodic":
            case "wrap":
            case "circular":
                return PERIODIC;
            case "mirror":
            case "symmetric":
                return MIRROR;
            case "reflect":
                throw new UserInputException("boundary 'reflect' is ambiguous (numpy's reflect skips the edge voxel, "
                        + "scipy's repeats it); use boundary=mirror (IBSI: symmetric, edge voxel repeated); "
                        + "valid boundaries: zero, nearest, periodic, mirror");
            default:
                throw new UserInputException("unknown boundary '" + s
                        + "'; valid boundaries: zero (constant), nearest, periodic (wrap), mirror (symmetric)");
        }
    }
}
