package io.github.dlradiomics.radiomics;

import java.util.Arrays;

/**
 * The neighbour offsets ("angles") of the texture matrices, generated exactly as PyRadiomics' C extension does
 * (cmatrices.c {@code get_angle_count} + {@code build_angles}, the {@code generate_angles} of PyRadiomics).
 *
 * <p>An angle is an offset {dz, dy, dx} in numpy's (z, y, x) axis order. It is kept when
 * <ul>
 * <li>it is not (0, 0, 0) and its infinity norm max(|dz|, |dy|, |dx|) is one of {@code distances};</li>
 * <li>no component reaches the size of the box along its axis (|offset| &lt; size);</li>
 * <li>with force2D, its component along {@code force2Ddimension} (0 = z, 1 = y, 2 = x) is 0.</li>
 * </ul>
 * Angles come in PyRadiomics' order: every component runs from +maxDistance down to -maxDistance, x fastest,
 * so for distance 1 in 3D the 13 one-directional angles are (1,1,1), (1,1,0), (1,1,-1), (1,0,1), (1,0,0), (1,0,-1),
 * (1,-1,1), (1,-1,0), (1,-1,-1), (0,1,1), (0,1,0), (0,1,-1), (0,0,1). The one-directional set (GLCM, GLRLM) is the
 * first half of the bidirectional set (GLSZM, GLDM, NGTDM): the second half is its mirror image.
 *
 * <p>In this project's x-fastest arrays, angle {dz, dy, dx} moves from voxel (x, y, z) to (x+dx, y+dy, z+dz), i.e.
 * by {@code dx + nx * (dy + ny * dz)} in the flat index.
 *
 * <pre>int[][] angles = Angles.generate(roi, new int[] {1}, false, false, 0); // 13 offsets {dz, dy, dx}</pre>
 */
public final class Angles {
    private Angles() {
    }

    /**
     * Angles for a cropped ROI: the box size PyRadiomics checks offsets against is taken as the ROI's bounding box.
     * PyRadiomics checks against its (possibly padded) crop instead; an offset at least as long as the bounding box
     * never links two ROI voxels, so the extra angles it may keep only give empty matrices, which every family drops.
     *
     * @param roi              the cropped ROI (its nx, ny, nz are the box size)
     * @param distances        infinity-norm distances, each &gt;= 1
     * @param bidirectional    true for both directions (GLSZM, GLDM, NGTDM), false for one (GLCM, GLRLM)
     * @param force2D          PyRadiomics' force2D
     * @param force2Ddimension numpy axis (0 = z, 1 = y, 2 = x) excluded when force2D
     * @return offsets {dz, dy, dx}, PyRadiomics order
     */
    public static int[][] generate(DiscretizedRoi roi, int[] distances, boolean bidirectional, boolean force2D,
            int force2Ddimension) {
        return generate(new int[] {roi.nz(), roi.ny(), roi.nx()}, distances, bidirectional,
                force2D ? force2Ddimension : -1);
    }

    /**
     * Angles for a box of {@code size} = {nz, ny, nx} voxels (numpy order).
     *
     * @param outOfPlane numpy axis that angles must not move along, or -1 for none (force2D off)
     * @return offsets {dz, dy, dx}, PyRadiomics order
     */
    public static int[][] generate(int[] size, int[] distances, boolean bidirectional, int outOfPlane) {
        int nd = size.length;
        int maxD = 0;
        for (int d : distances) {
            if (d < 1) {
                throw new IllegalArgumentException("distances must be >= 1, got " + Arrays.toString(distances));
            }
            maxD = Math.max(maxD, d);
        }
        int nOffsets = 2 * maxD + 1;
        int combos = 1;
        for (int d = 0; d < nd; d++) {
            combos *= nOffsets;
        }
        int[][] all = new int[combos][];
        int count = 0;
        // Enumerate every offset in build_angles' order (last axis fastest, each from +maxD down to -maxD) and keep
        // the valid ones whose infinity norm is a requested distance.
        for (int idx = 0; idx < combos; idx++) {
            int[] a = new int[nd];
            int rest = idx;
            int norm = 0;
            boolean ok = true;
            for (int d = nd - 1; d >= 0; d--) {
                int o = maxD - rest % nOffsets;
                rest /= nOffsets;
                if ((d == outOfPlane && o != 0) || o >= size[d] || o <= -size[d]) {
                    ok = false;
                    break;
                }
                a[d] = o;
                norm = Math.max(norm, Math.abs(o));
            }
            if (!ok || norm == 0 || !contains(distances, norm)) {
                continue;
            }
            all[count++] = a;
        }
        // The valid set is symmetric under negation and the enumeration order reverses under negation, so the first
        // half holds exactly one of each pair (get_angle_count halves the count the same way).
        return Arrays.copyOf(all, bidirectional ? count : count / 2);
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
