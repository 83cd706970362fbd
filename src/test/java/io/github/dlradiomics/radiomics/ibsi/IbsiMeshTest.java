package io.github.dlradiomics.radiomics.ibsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Marching-cubes mesh and convex hull of the morphology family, on shapes with known answers. */
class IbsiMeshTest {
    @Test
    void singleVoxelIsAnOctahedron() {
        IbsiMesh m = IbsiMesh.of(new boolean[] {true}, 1, 1, 1, new double[] {2, 2, 2});
        // vertices at the face centres, 1 mm from the voxel centre: volume 4/3, area 8 * sqrt(3)/2 * 2
        assertEquals(6, m.vertexCount());
        assertEquals(4.0 / 3.0, m.volume(), 1e-12);
        assertEquals(4 * Math.sqrt(3), m.area(), 1e-12);
    }

    @Test
    void meshesAreClosedAndConsistentlyOriented() {
        Random r = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int nx = 3 + r.nextInt(6);
            int ny = 3 + r.nextInt(6);
            int nz = 3 + r.nextInt(6);
            boolean[] mask = new boolean[nx * ny * nz];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = r.nextDouble() < 0.5;
            }
            IbsiMesh m = IbsiMesh.of(mask, nx, ny, nz, new double[] {0.7, 0.9, 2.5});
            HashMap<Long, Integer> edges = new HashMap<>();
            int[] t = m.triangles;
            for (int i = 0; i < t.length; i += 3) {
                for (int k = 0; k < 3; k++) {
                    edges.merge(((long) t[i + k] << 32) | t[i + (k + 1) % 3], 1, Integer::sum);
                }
            }
            for (var e : edges.entrySet()) {
                long u = e.getKey() >>> 32;
                long v = e.getKey() & 0xffffffffL;
                assertEquals(1, e.getValue(), "directed edge used twice");
                assertEquals(1, edges.getOrDefault((v << 32) | u, 0), "edge without its opposite: mesh not closed");
            }
        }
    }

    @Test
    void hullOfABlockIsItsBox() {
        int n = 4;
        boolean[] mask = new boolean[n * n * n];
        java.util.Arrays.fill(mask, true);
        IbsiMesh m = IbsiMesh.of(mask, n, n, n, new double[] {1, 2, 3});
        IbsiConvexHull h = IbsiConvexHull.of(m.grid);
        double[] scale = {0.5, 1, 1.5};
        // the mesh of a block is the box shrunk by half a voxel at the faces with chamfered edges and corners;
        // the hull of a convex mesh is the mesh itself
        assertEquals(m.volume(), h.volume(scale), 1e-9);
        assertEquals(m.area(), h.area(scale), 1e-9);
        assertTrue(h.vertices().length >= 8);
    }
}
