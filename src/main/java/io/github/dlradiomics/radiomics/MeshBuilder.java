package io.github.dlradiomics.radiomics;

import java.util.Arrays;

/**
 * Marching cubes (3D) and marching squares (2D) on a binary mask, built the way PyRadiomics' C extension
 * {@code cshape.c} builds its mesh, so that MeshVolume, SurfaceArea, Perimeter and MeshSurface agree with PyRadiomics
 * to rounding error.
 *
 * <p>What has to match PyRadiomics, and why:
 * <ul>
 *   <li>The mask is padded with one empty voxel on every side, so every boundary voxel sits inside some cube.</li>
 *   <li>Cubes are visited z-outer, y, x-inner (numpy's {@code [z][y][x]} order, which is our x-fastest memory
 *       order); every coordinate is handled as (z, y, x) and scaled by (sz, sy, sx), as the C code does with the
 *       numpy array. Keeping that order keeps the sign of the tetrahedron volumes (the table's triangles point
 *       outward in (z, y, x) handedness) and the summation order.</li>
 *   <li>Vertices sit exactly halfway along a cube edge (binary mask: no interpolation).</li>
 *   <li>Only the 128 cube configurations with corner 7 outside are tabulated; a cube with corner 7 inside is
 *       complemented and its tetrahedron volumes are negated (the complement has the same surface, reversed).</li>
 *   <li>That complement rule leaves cracks, and they are reproduced: on a cube face with exactly two inside corners,
 *       diagonally opposite, a cube with corner 7 outside cuts the two corners apart while a complemented cube
 *       (corner 7 inside) joins them, so where two such cubes share that face their triangles do not meet. The
 *       signed-tetrahedron sum of a mesh with cracks depends on where the grid origin lies, i.e. on the crop
 *       (PyRadiomics crops to the bounding box, then pads by one voxel), and for sparse masks with only edge or
 *       corner contacts it can be negative. Solid masks rarely have such faces (brain1 and breast1 have no crack);
 *       the surface area never depends on the origin.</li>
 *   <li>The triangle table is the classic Lorensen-Cline marching-cubes table as P. Bourke published it
 *       ("Polygonising a scalar field", 1994; public domain), each triangle's vertices taken in the rotation
 *       PyRadiomics' cshape.c uses (the same triangles and orientation). Ambiguous configurations are split as
 *       that table splits them; another table would change area and volume.</li>
 * </ul>
 *
 * <p>The vertices used for the diameters are the mid-points of every grid edge that joins an inside and an outside
 * voxel (PyRadiomics stores each one once, from the cube whose corner 7 touches that edge). They are returned in
 * doubled lattice units of the padded grid (2 * index, +1 for a half step), so they are exact integers: the hull
 * code can then use exact integer arithmetic, and "same plane" is an exact integer comparison, like the C code's
 * exact {@code ==} on coordinates.
 *
 * <pre>MeshBuilder.Mesh3D m = MeshBuilder.cubes(mask, nx, ny, nz, new double[] {0.78, 0.78, 6.5});</pre>
 *
 * <p>Cost: one pass over the (nx+2)(ny+2)(nz+2) cubes, 8 mask reads each; memory for the padded copy of the mask.
 */
final class MeshBuilder {
    private MeshBuilder() {
    }

    /**
     * A marching-cubes mesh, reduced to what the shape features need.
     *
     * @param surfaceArea sum of triangle areas, mm^2
     * @param volume      signed-tetrahedron volume, mm^3 (positive: normals point outward)
     * @param vertices    interleaved (x2, y2, z2) doubled lattice coordinates of the padded grid
     * @param count       number of vertices (vertices holds 3 * count values)
     */
    record Mesh3D(double surfaceArea, double volume, int[] vertices, int count) {
    }

    /**
     * A marching-squares contour.
     *
     * @param perimeter sum of segment lengths, mm
     * @param surface   enclosed area by the shoelace formula, mm^2
     * @param vertices  interleaved (r2, c2) doubled lattice coordinates (row, column) of the padded grid
     * @param count     number of vertices (vertices holds 2 * count values)
     */
    record Mesh2D(double perimeter, double surface, int[] vertices, int count) {
    }

    /* Cube corners as (dz, dy, dx), numbered as in cshape.c:
     *           e0
     *   p0 ------------ p1          O - x
     *    |\             |\          |\
     *    | \ e3         | \ e1      y  z
     *  e8|  \      e2   |e9\
     *    |  p3 ------------ p2
     *    |   |  e4      |   |
     *   p4 --|--------- p5  |
     *     \  |e11        \  |e10
     *   e7 \ |         e5 \ |
     *       \|             \|
     *       p7 ------------ p6
     *              e6
     */
    private static final int[][] CORNER = {
            {0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0}, {1, 0, 0}, {1, 0, 1}, {1, 1, 1}, {1, 1, 0}};

    /* Mid-point of each cube edge, (z, y, x) relative to the cube origin, doubled (so 1 means 0.5). */
    private static final int[][] EDGE_MID2 = {
            {0, 0, 1}, {0, 1, 2}, {0, 2, 1}, {0, 1, 0},
            {2, 0, 1}, {2, 1, 2}, {2, 2, 1}, {2, 1, 0},
            {1, 0, 0}, {1, 0, 2}, {1, 2, 2}, {1, 2, 0}};

    /*
     * Triangles per cube configuration (bit k set = corner pk inside; corner 7 always outside here), as triples of
     * edge numbers: the classic table (see the class comment), without -1 padding.
     */
    private static final int[][] TRIANGLES = {
            {}, // 0
            {0, 8, 3}, // 1
            {1, 9, 0}, // 2
            {1, 8, 3, 1, 9, 8}, // 3
            {1, 2, 10}, // 4
            {0, 8, 3, 1, 2, 10}, // 5
            {9, 2, 10, 0, 2, 9}, // 6
            {2, 8, 3, 2, 10, 8, 10, 9, 8}, // 7
            {11, 2, 3}, // 8
            {11, 2, 0, 0, 8, 11}, // 9
            {1, 9, 0, 11, 2, 3}, // 10
            {11, 2, 1, 1, 9, 11, 9, 8, 11}, // 11
            {3, 10, 1, 11, 10, 3}, // 12
            {10, 1, 0, 0, 8, 10, 8, 11, 10}, // 13
            {9, 0, 3, 3, 11, 9, 11, 10, 9}, // 14
            {9, 8, 10, 11, 10, 8}, // 15
            {4, 7, 8}, // 16
            {0, 4, 3, 4, 7, 3}, // 17
            {1, 9, 0, 4, 7, 8}, // 18
            {1, 9, 4, 1, 4, 7, 1, 7, 3}, // 19
            {1, 2, 10, 4, 7, 8}, // 20
            {3, 4, 7, 3, 0, 4, 1, 2, 10}, // 21
            {9, 2, 10, 9, 0, 2, 4, 7, 8}, // 22
            {2, 10, 9, 2, 9, 7, 2, 7, 3, 4, 7, 9}, // 23
            {4, 7, 8, 11, 2, 3}, // 24
            {11, 4, 7, 11, 2, 4, 2, 0, 4}, // 25
            {1, 9, 0, 4, 7, 8, 11, 2, 3}, // 26
            {4, 7, 11, 9, 4, 11, 11, 2, 9, 1, 9, 2}, // 27
            {3, 10, 1, 11, 10, 3, 4, 7, 8}, // 28
            {11, 10, 1, 1, 4, 11, 1, 0, 4, 4, 7, 11}, // 29
            {4, 7, 8, 9, 0, 3, 3, 11, 9, 11, 10, 9}, // 30
            {4, 7, 11, 4, 11, 9, 9, 11, 10}, // 31
            {9, 5, 4}, // 32
            {9, 5, 4, 0, 8, 3}, // 33
            {0, 5, 4, 0, 1, 5}, // 34
            {8, 5, 4, 8, 3, 5, 3, 1, 5}, // 35
            {1, 2, 10, 9, 5, 4}, // 36
            {0, 8, 3, 1, 2, 10, 9, 5, 4}, // 37
            {2, 10, 5, 5, 4, 2, 2, 4, 0}, // 38
            {2, 10, 5, 3, 2, 5, 3, 5, 4, 8, 3, 4}, // 39
            {9, 5, 4, 11, 2, 3}, // 40
            {11, 2, 0, 0, 8, 11, 9, 5, 4}, // 41
            {0, 5, 4, 0, 1, 5, 11, 2, 3}, // 42
            {2, 1, 5, 2, 5, 8, 11, 2, 8, 5, 4, 8}, // 43
            {3, 10, 1, 11, 10, 3, 9, 5, 4}, // 44
            {5, 4, 9, 10, 1, 0, 0, 8, 10, 8, 11, 10}, // 45
            {5, 4, 0, 5, 0, 11, 10, 5, 11, 11, 0, 3}, // 46
            {5, 4, 8, 10, 5, 8, 11, 10, 8}, // 47
            {7, 8, 9, 5, 7, 9}, // 48
            {3, 0, 9, 5, 3, 9, 3, 5, 7}, // 49
            {7, 8, 0, 0, 1, 7, 7, 1, 5}, // 50
            {1, 5, 7, 1, 7, 3}, // 51
            {7, 8, 9, 5, 7, 9, 1, 2, 10}, // 52
            {1, 2, 10, 3, 0, 9, 3, 9, 5, 3, 5, 7}, // 53
            {0, 2, 8, 8, 2, 5, 8, 5, 7, 2, 10, 5}, // 54
            {2, 10, 5, 2, 5, 3, 3, 5, 7}, // 55
            {5, 7, 9, 7, 8, 9, 11, 2, 3}, // 56
            {5, 7, 9, 9, 7, 2, 2, 0, 9, 11, 2, 7}, // 57
            {11, 2, 3, 0, 1, 8, 1, 7, 8, 1, 5, 7}, // 58
            {2, 1, 11, 1, 7, 11, 1, 5, 7}, // 59
            {7, 8, 9, 5, 7, 9, 3, 10, 1, 11, 10, 3}, // 60
            {5, 7, 0, 5, 0, 9, 7, 11, 0, 10, 1, 0, 11, 10, 0}, // 61
            {11, 10, 0, 0, 3, 11, 10, 5, 0, 0, 7, 8, 5, 7, 0}, // 62
            {11, 10, 5, 5, 7, 11}, // 63
            {6, 5, 10}, // 64
            {0, 8, 3, 6, 5, 10}, // 65
            {1, 9, 0, 6, 5, 10}, // 66
            {1, 8, 3, 1, 9, 8, 6, 5, 10}, // 67
            {1, 6, 5, 1, 2, 6}, // 68
            {1, 6, 5, 1, 2, 6, 0, 8, 3}, // 69
            {9, 6, 5, 9, 0, 6, 0, 2, 6}, // 70
            {5, 9, 8, 5, 8, 2, 5, 2, 6, 8, 3, 2}, // 71
            {11, 2, 3, 6, 5, 10}, // 72
            {11, 2, 0, 0, 8, 11, 6, 5, 10}, // 73
            {1, 9, 0, 11, 2, 3, 6, 5, 10}, // 74
            {11, 2, 1, 1, 9, 11, 9, 8, 11, 6, 5, 10}, // 75
            {6, 3, 11, 6, 5, 3, 5, 1, 3}, // 76
            {0, 8, 11, 0, 11, 5, 0, 5, 1, 5, 11, 6}, // 77
            {6, 3, 11, 0, 3, 6, 0, 6, 5, 0, 5, 9}, // 78
            {6, 5, 9, 6, 9, 11, 11, 9, 8}, // 79
            {4, 7, 8, 6, 5, 10}, // 80
            {0, 4, 3, 4, 7, 3, 6, 5, 10}, // 81
            {1, 9, 0, 4, 7, 8, 6, 5, 10}, // 82
            {1, 9, 4, 1, 4, 7, 1, 7, 3, 6, 5, 10}, // 83
            {4, 7, 8, 1, 6, 5, 1, 2, 6}, // 84
            {0, 4, 3, 4, 7, 3, 1, 6, 5, 1, 2, 6}, // 85
            {4, 7, 8, 9, 6, 5, 9, 0, 6, 0, 2, 6}, // 86
            {7, 3, 9, 4, 7, 9, 3, 2, 9, 5, 9, 6, 2, 6, 9}, // 87
            {11, 2, 3, 4, 7, 8, 6, 5, 10}, // 88
            {11, 4, 7, 11, 2, 4, 2, 0, 4, 6, 5, 10}, // 89
            {1, 9, 0, 11, 2, 3, 4, 7, 8, 6, 5, 10}, // 90
            {4, 7, 11, 9, 4, 11, 11, 2, 9, 1, 9, 2, 6, 5, 10}, // 91
            {4, 7, 8, 6, 3, 11, 6, 5, 3, 5, 1, 3}, // 92
            {5, 1, 11, 5, 11, 6, 1, 0, 11, 4, 7, 11, 0, 4, 11}, // 93
            {4, 7, 8, 6, 3, 11, 0, 3, 6, 0, 6, 5, 0, 5, 9}, // 94
            {6, 5, 9, 6, 9, 11, 4, 7, 9, 7, 11, 9}, // 95
            {10, 4, 9, 6, 4, 10}, // 96
            {10, 4, 9, 6, 4, 10, 0, 8, 3}, // 97
            {0, 1, 10, 10, 6, 0, 6, 4, 0}, // 98
            {1, 8, 3, 1, 6, 8, 8, 6, 4, 6, 1, 10}, // 99
            {1, 4, 9, 1, 2, 4, 2, 6, 4}, // 100
            {1, 4, 9, 1, 2, 4, 2, 6, 4, 0, 8, 3}, // 101
            {0, 2, 4, 4, 2, 6}, // 102
            {8, 3, 2, 8, 2, 4, 4, 2, 6}, // 103
            {11, 2, 3, 10, 4, 9, 6, 4, 10}, // 104
            {11, 2, 0, 0, 8, 11, 10, 4, 9, 6, 4, 10}, // 105
            {11, 2, 3, 0, 1, 10, 10, 6, 0, 6, 4, 0}, // 106
            {6, 4, 1, 6, 1, 10, 1, 4, 8, 11, 2, 1, 1, 8, 11}, // 107
            {9, 6, 4, 3, 6, 9, 1, 3, 9, 11, 6, 3}, // 108
            {1, 8, 11, 0, 8, 1, 11, 6, 1, 1, 4, 9, 6, 4, 1}, // 109
            {6, 3, 11, 0, 3, 6, 6, 4, 0}, // 110
            {8, 6, 4, 6, 8, 11}, // 111
            {6, 7, 10, 7, 8, 10, 8, 9, 10}, // 112
            {6, 7, 10, 0, 10, 7, 0, 9, 10, 0, 7, 3}, // 113
            {6, 7, 10, 1, 10, 7, 1, 7, 8, 0, 1, 8}, // 114
            {6, 7, 10, 1, 10, 7, 1, 7, 3}, // 115
            {1, 2, 6, 1, 6, 8, 1, 8, 9, 6, 7, 8}, // 116
            {2, 6, 9, 1, 2, 9, 6, 7, 9, 3, 0, 9, 7, 3, 9}, // 117
            {0, 7, 8, 7, 0, 6, 6, 0, 2}, // 118
            {2, 7, 3, 2, 6, 7}, // 119
            {11, 2, 3, 6, 7, 10, 7, 8, 10, 8, 9, 10}, // 120
            {2, 0, 7, 11, 2, 7, 0, 9, 7, 6, 7, 10, 9, 10, 7}, // 121
            {6, 7, 10, 1, 10, 7, 1, 7, 8, 0, 1, 8, 11, 2, 3}, // 122
            {11, 2, 1, 1, 7, 11, 10, 6, 1, 1, 6, 7}, // 123
            {8, 9, 6, 6, 7, 8, 1, 6, 9, 11, 6, 3, 1, 3, 6}, // 124
            {0, 9, 1, 6, 7, 11}, // 125
            {0, 7, 8, 7, 0, 6, 0, 3, 11, 11, 6, 0}, // 126
            {6, 7, 11}, // 127
    };

    /* Square corners as (dy, dx) and edge mid-points (doubled), numbered as in cshape.c:
     *        e0
     *   p0 ------ p1      O - x
     *    |        |       |
     * e3 |        | e1    y
     *    |        |
     *   p3 ------ p2
     *        e2
     */
    private static final int[][] CORNER_2D = {{0, 0}, {0, 1}, {1, 1}, {1, 0}};
    private static final int[][] EDGE_MID2_2D = {{0, 1}, {1, 2}, {2, 1}, {1, 0}};

    /* Segments per square configuration, as pairs of edge numbers (PyRadiomics' lineTable2D, without padding).
     * Their direction makes the shoelace sum positive; the saddles 5 and 10 are split as PyRadiomics splits them. */
    private static final int[][] SEGMENTS = {
            {}, {3, 0}, {0, 1}, {3, 1}, {1, 2}, {1, 2, 3, 0}, {0, 2}, {3, 2},
            {2, 3}, {2, 0}, {0, 1, 2, 3}, {2, 1}, {1, 3}, {1, 0}, {0, 3}, {}};

    /**
     * Marching cubes over a binary mask.
     *
     * @param mask    x-fastest mask of nx * ny * nz voxels
     * @param spacing {sx, sy, sz} in mm
     */
    static Mesh3D cubes(boolean[] mask, int nx, int ny, int nz, double[] spacing) {
        final int px = nx + 2;
        final int py = ny + 2;
        final int pz = nz + 2;
        final long paddedSize = (long) px * py * pz;
        if (paddedSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mask too large for marching cubes: " + nx + "x" + ny + "x" + nz
                    + " (crop it to the ROI's bounding box first)");
        }
        boolean[] padded = new boolean[(int) paddedSize];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int src = nx * (y + ny * z);
                int dst = 1 + px * ((y + 1) + py * (z + 1));
                System.arraycopy(mask, src, padded, dst, nx);
            }
        }
        final int[] cornerOffset = new int[8];
        for (int k = 0; k < 8; k++) {
            cornerOffset[k] = CORNER[k][2] + px * (CORNER[k][1] + py * CORNER[k][0]);
        }
        // (z, y, x) order throughout, as in cshape.c: see the class comment.
        final double s0 = spacing[2];
        final double s1 = spacing[1];
        final double s2 = spacing[0];

        double area = 0;
        double volume6 = 0;
        IntBuffer verts = new IntBuffer(3 * 1024);
        double[] a = new double[3];
        double[] b = new double[3];
        double[] c = new double[3];
        for (int iz = 0; iz < pz - 1; iz++) {
            for (int iy = 0; iy < py - 1; iy++) {
                int base = px * (iy + py * iz);
                for (int ix = 0; ix < px - 1; ix++) {
                    int origin = base + ix;
                    int idx = 0;
                    for (int k = 0; k < 8; k++) {
                        if (padded[origin + cornerOffset[k]]) {
                            idx |= 1 << k;
                        }
                    }
                    if (idx == 0) {
                        continue; // all outside: no surface and no vertex on the edges at corner 7
                    }
                    double sign = 1;
                    if ((idx & 0x80) != 0) {
                        idx ^= 0xFF; // complement so that corner 7 is outside; its triangles face inward
                        sign = -1;
                    }
                    // Edges 6, 7 and 11 all end at corner 7 (outside after the flip): each carries a vertex exactly
                    // when its other corner (6, 4, 3) is inside. Every grid edge is the "corner 7 edge" of exactly
                    // one cube, so each vertex is stored once.
                    if ((idx & (1 << 6)) != 0) {
                        verts.add(2 * ix + 1, 2 * iy + 2, 2 * iz + 2);
                    }
                    if ((idx & (1 << 4)) != 0) {
                        verts.add(2 * ix, 2 * iy + 1, 2 * iz + 2);
                    }
                    if ((idx & (1 << 3)) != 0) {
                        verts.add(2 * ix, 2 * iy + 2, 2 * iz + 1);
                    }
                    int[] tri = TRIANGLES[idx];
                    for (int t = 0; t < tri.length; t += 3) {
                        corner(iz, iy, ix, EDGE_MID2[tri[t]], s0, s1, s2, a);
                        corner(iz, iy, ix, EDGE_MID2[tri[t + 1]], s0, s1, s2, b);
                        corner(iz, iy, ix, EDGE_MID2[tri[t + 2]], s0, s1, s2, c);
                        // Signed volume of the tetrahedron (origin, a, b, c), times 6: (a x b) . c
                        double ab0 = a[1] * b[2] - b[1] * a[2];
                        double ab1 = a[2] * b[0] - b[2] * a[0];
                        double ab2 = a[0] * b[1] - b[0] * a[1];
                        volume6 += sign * (ab0 * c[0] + ab1 * c[1] + ab2 * c[2]);
                        // Triangle area: half the norm of (a - c) x (b - c)
                        double u0 = a[0] - c[0];
                        double u1 = a[1] - c[1];
                        double u2 = a[2] - c[2];
                        double v0 = b[0] - c[0];
                        double v1 = b[1] - c[1];
                        double v2 = b[2] - c[2];
                        double n0 = u1 * v2 - v1 * u2;
                        double n1 = u2 * v0 - v2 * u0;
                        double n2 = u0 * v1 - v0 * u1;
                        area += 0.5 * Math.sqrt(n0 * n0 + n1 * n1 + n2 * n2);
                    }
                }
            }
        }
        return new Mesh3D(area, volume6 / 6, verts.data, verts.size / 3);
    }

    /* Physical (z, y, x) position of an edge mid-point of the cube at (iz, iy, ix): (index + offset) * spacing,
     * the same arithmetic as cshape.c so that rounding matches. */
    private static void corner(int iz, int iy, int ix, int[] mid2, double s0, double s1, double s2, double[] out) {
        out[0] = (iz + 0.5 * mid2[0]) * s0;
        out[1] = (iy + 0.5 * mid2[1]) * s1;
        out[2] = (ix + 0.5 * mid2[2]) * s2;
    }

    /**
     * Marching squares over a 2D binary mask.
     *
     * @param mask    row-major mask (index r * cols + c); rows are numpy's first axis of the 2D array
     * @param spacing {row spacing, column spacing} in mm
     */
    static Mesh2D squares(boolean[] mask, int rows, int cols, double[] spacing) {
        final int pr = rows + 2;
        final int pc = cols + 2;
        if ((long) pr * pc > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mask too large: " + rows + "x" + cols);
        }
        boolean[] padded = new boolean[pr * pc];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(mask, r * cols, padded, (r + 1) * pc + 1, cols);
        }
        final int[] cornerOffset = new int[4];
        for (int k = 0; k < 4; k++) {
            cornerOffset[k] = CORNER_2D[k][1] + pc * CORNER_2D[k][0];
        }
        final double s0 = spacing[0];
        final double s1 = spacing[1];
        double perimeter = 0;
        double surface2 = 0;
        IntBuffer verts = new IntBuffer(2 * 256);
        for (int iy = 0; iy < pr - 1; iy++) {
            for (int ix = 0; ix < pc - 1; ix++) {
                int origin = iy * pc + ix;
                int idx = 0;
                for (int k = 0; k < 4; k++) {
                    if (padded[origin + cornerOffset[k]]) {
                        idx |= 1 << k;
                    }
                }
                if (idx == 0 || idx == 0xF) {
                    continue;
                }
                int[] seg = SEGMENTS[idx];
                for (int t = 0; t < seg.length; t += 2) {
                    int[] ea = EDGE_MID2_2D[seg[t]];
                    int[] eb = EDGE_MID2_2D[seg[t + 1]];
                    double a0 = (iy + 0.5 * ea[0]) * s0;
                    double a1 = (ix + 0.5 * ea[1]) * s1;
                    double b0 = (iy + 0.5 * eb[0]) * s0;
                    double b1 = (ix + 0.5 * eb[1]) * s1;
                    // Shoelace term (z component of a x b); halved once at the end, as cshape.c does.
                    surface2 += a0 * b1 - b0 * a1;
                    double d0 = a0 - b0;
                    double d1 = a1 - b1;
                    perimeter += Math.sqrt(d0 * d0 + d1 * d1);
                }
                // Edges 3 and 2 end at corner 3; after complementing so that corner 3 is outside, each carries a
                // vertex exactly when its other corner (0, resp. 2) is inside. Each grid edge is stored once.
                if (idx > 7) {
                    idx ^= 0xF;
                }
                if ((idx & 1) != 0) {
                    verts.add(2 * iy + 1, 2 * ix);
                }
                if ((idx & (1 << 2)) != 0) {
                    verts.add(2 * iy + 2, 2 * ix + 1);
                }
            }
        }
        return new Mesh2D(perimeter, surface2 / 2, verts.data, verts.size / 2);
    }

    /** A growable int array: the vertex count is not known before the pass. */
    private static final class IntBuffer {
        int[] data;
        int size;

        IntBuffer(int capacity) {
            data = new int[capacity];
        }

        void add(int p, int q) {
            ensure(2);
            data[size++] = p;
            data[size++] = q;
        }

        void add(int p, int q, int r) {
            ensure(3);
            data[size++] = p;
            data[size++] = q;
            data[size++] = r;
        }

        private void ensure(int more) {
            if (size + more > data.length) {
                data = Arrays.copyOf(data, Math.max(2 * data.length, size + more));
            }
        }
    }
}
