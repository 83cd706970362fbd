package io.github.dlradiomics.radiomics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact convex hulls of integer lattice points, used to find mesh diameters without comparing every pair of
 * surface vertices.
 *
 * <p>Why this is exact: the largest distance within a point set is always attained between two vertices of its
 * convex hull (distance is convex, so its maximum over the hull polytope sits at a vertex, for each end in turn).
 * The mesh vertices are integers in doubled lattice units ({@link MeshBuilder}), and per-axis spacing is a linear
 * map, which maps hull vertices onto hull vertices; so hulls are built on the integers with exact {@code long}
 * arithmetic (no epsilon, no robustness issue with the many coplanar and collinear lattice points) and spacing is
 * applied only when measuring distances.
 *
 * <p>Complexity, for n vertices:
 * <ul>
 *   <li>{@link #planeDiameters}: three sorts, O(n log n), then a monotone-chain hull per plane, O(n) in total,
 *       then all pairs of each plane's hull vertices, sum of h_k^2 (h_k = hull vertices of plane k: a convex lattice
 *       polygon of extent R has O(R^(2/3)) vertices, a few dozen in practice).</li>
 *   <li>{@link #maxDistance3D}: the candidates are only the points that are 2D-hull vertices within their own
 *       z-plane (any other point is a convex combination of points of its plane, hence not a 3D hull vertex), then
 *       Quickhull with exact integer predicates, O(m log m) expected for m candidates, then all pairs of the h 3D hull
 *       vertices, O(h^2). A convex lattice polytope of extent R has O(R^(3/2)) vertices (Andrews), i.e.
 *       h = O(n^(3/4)) for n ~ R^2 surface vertices, so this step is O(n^1.5) at worst; real ROIs give a few hundred
 *       hull vertices.</li>
 * </ul>
 * PyRadiomics compares all vertex pairs, O(n^2), in a single loop.
 *
 * <pre>double d = HullUtil.maxDistance3D(mesh.vertices(), mesh.count(), sx / 2, sy / 2, sz / 2);</pre>
 */
final class HullUtil {
    private HullUtil() {
    }

    /* Plane keys pack three non-negative coordinates into a long; doubled lattice coordinates of masks up to a
     * million voxels per axis fit. */
    private static final int BITS = 21;
    private static final long LOW = (1L << BITS) - 1;
    private static final int QUICKHULL_LIMIT = 1 << 18;

    /**
     * Largest distance between two points that share one coordinate exactly, for each axis: PyRadiomics'
     * Maximum2DDiameterSlice (same z), Column (same y) and Row (same x).
     *
     * @param xyz interleaved non-negative integer coordinates (x, y, z)
     * @param n   number of points
     * @param hx  physical length of one unit along x (spacing / 2 for doubled lattice coordinates); same for hy, hz
     * @return {slice (same z), column (same y), row (same x)} in mm
     */
    static double[] planeDiameters(int[] xyz, int n, double hx, double hy, double hz) {
        checkRange(xyz, 3 * n);
        return new double[] {
                planeMax(xyz, n, 2, 0, 1, hx, hy, null),
                planeMax(xyz, n, 1, 0, 2, hx, hz, null),
                planeMax(xyz, n, 0, 1, 2, hy, hz, null)};
    }

    /**
     * Largest distance between any two of the points (the Feret diameter), after scaling the axes.
     *
     * @param xyz interleaved non-negative integer coordinates (x, y, z)
     * @param n   number of points
     */
    static double maxDistance3D(int[] xyz, int n, double hx, double hy, double hz) {
        if (n < 2) {
            return 0;
        }
        checkRange(xyz, 3 * n);
        for (int i = 0; i < 3 * n; i++) {
            if (xyz[i] >= QUICKHULL_LIMIT) {
                // Keeps every exact predicate below 2^63 (|normal| < 2^37, |coordinate| < 2^18).
                throw new IllegalArgumentException("lattice coordinate too large for the exact hull: " + xyz[i]);
            }
        }
        // Cheap exact pre-filter: keep the hull vertices of each z-plane.
        IntList cand = new IntList(256);
        planeMax(xyz, n, 2, 0, 1, hx, hy, cand);
        int[] pts = cand.data;
        int m = cand.size / 3;
        int[] hullIdx = Quickhull.vertices(pts, m);
        if (hullIdx == null) {
            // Degenerate (all candidates coplanar): cannot happen for a mask's mesh, kept for safety.
            hullIdx = new int[m];
            for (int i = 0; i < m; i++) {
                hullIdx[i] = i;
            }
        }
        int h = hullIdx.length;
        double[] px = new double[h];
        double[] py = new double[h];
        double[] pz = new double[h];
        for (int i = 0; i < h; i++) {
            px[i] = pts[3 * hullIdx[i]] * hx;
            py[i] = pts[3 * hullIdx[i] + 1] * hy;
            pz[i] = pts[3 * hullIdx[i] + 2] * hz;
        }
        double best = 0;
        for (int i = 0; i < h; i++) {
            for (int j = i + 1; j < h; j++) {
                double dx = px[i] - px[j];
                double dy = py[i] - py[j];
                double dz = pz[i] - pz[j];
                double d = dx * dx + dy * dy + dz * dz;
                if (d > best) {
                    best = d;
                }
            }
        }
        return Math.sqrt(best);
    }

    /**
     * Largest distance between any two 2D points, after scaling the axes.
     *
     * @param uv interleaved non-negative integer coordinates (u, v)
     * @param n  number of points
     * @param hu physical length of one unit along u; hv the same along v
     */
    static double maxDistance2D(int[] uv, int n, double hu, double hv) {
        int[] xyz = new int[3 * n];
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = uv[2 * i];
            xyz[3 * i + 1] = uv[2 * i + 1];
        }
        checkRange(xyz, 3 * n);
        return planeMax(xyz, n, 2, 0, 1, hu, hv, null);
    }

    private static void checkRange(int[] p, int len) {
        for (int i = 0; i < len; i++) {
            if (p[i] < 0 || p[i] > LOW) {
                throw new IllegalArgumentException("lattice coordinate out of range: " + p[i]);
            }
        }
    }

    /**
     * For every plane "coordinate {@code fixed} = constant", the largest distance between two points of the plane,
     * measured in the (u, v) axes with unit lengths hu, hv; returns the maximum over planes. When {@code hullOut}
     * is given, the (x, y, z) of every plane's hull vertices are appended to it.
     */
    private static double planeMax(int[] xyz, int n, int fixed, int u, int v, double hu, double hv, IntList hullOut) {
        // One sort groups the points by plane and orders each plane by (u, v), as the monotone chain needs.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) xyz[3 * i + fixed] << (2 * BITS)) | ((long) xyz[3 * i + u] << BITS) | xyz[3 * i + v];
        }
        Arrays.sort(keys);
        long[] lower = new long[n];
        long[] upper = new long[n];
        double[] hu2 = new double[n];
        double[] hv2 = new double[n];
        double best = 0;
        int start = 0;
        while (start < n) {
            long plane = keys[start] >>> (2 * BITS);
            int end = start;
            while (end < n && (keys[end] >>> (2 * BITS)) == plane) {
                end++;
            }
            int h = chain(keys, start, end, lower, upper);
            // lower[0..h) is the hull, counter-clockwise, without collinear points.
            for (int i = 0; i < h; i++) {
                hu2[i] = ((lower[i] >>> BITS) & LOW) * hu;
                hv2[i] = (lower[i] & LOW) * hv;
                if (hullOut != null) {
                    int[] p = new int[3];
                    p[fixed] = (int) plane;
                    p[u] = (int) ((lower[i] >>> BITS) & LOW);
                    p[v] = (int) (lower[i] & LOW);
                    hullOut.add(p[0], p[1], p[2]);
                }
            }
            for (int i = 0; i < h; i++) {
                for (int j = i + 1; j < h; j++) {
                    double du = hu2[i] - hu2[j];
                    double dv = hv2[i] - hv2[j];
                    double d = du * du + dv * dv;
                    if (d > best) {
                        best = d;
                    }
                }
            }
            start = end;
        }
        return Math.sqrt(best);
    }

    /**
     * Andrew's monotone chain on keys[start, end) (sorted by (u, v), plane bits ignored). Writes the hull vertices
     * to {@code out} and returns how many; duplicates and collinear points are dropped.
     */
    private static int chain(long[] keys, int start, int end, long[] out, long[] scratch) {
        int k = 0;
        long prev = -1;
        // lower hull
        for (int i = start; i < end; i++) {
            long p = keys[i] & ((1L << (2 * BITS)) - 1);
            if (p == prev) {
                continue;
            }
            prev = p;
            while (k >= 2 && cross(out[k - 2], out[k - 1], p) <= 0) {
                k--;
            }
            out[k++] = p;
        }
        int distinct = 0;
        // upper hull (into scratch), then splice
        int m = 0;
        prev = -1;
        for (int i = end - 1; i >= start; i--) {
            long p = keys[i] & ((1L << (2 * BITS)) - 1);
            if (p == prev) {
                continue;
            }
            prev = p;
            distinct++;
            while (m >= 2 && cross(scratch[m - 2], scratch[m - 1], p) <= 0) {
                m--;
            }
            scratch[m++] = p;
        }
        if (distinct <= 2) {
            // One or two distinct points: the lower chain already holds them.
            return k;
        }
        // lower ends with the rightmost point, upper starts with it and ends with the leftmost: drop both repeats.
        for (int i = 1; i < m - 1; i++) {
            out[k++] = scratch[i];
        }
        return k;
    }

    /** z of (b - a) x (c - a) for packed (u, v) points: > 0 for a left turn. */
    private static long cross(long a, long b, long c) {
        long au = a >>> BITS;
        long av = a & LOW;
        long bu = b >>> BITS;
        long bv = b & LOW;
        long cu = c >>> BITS;
        long cv = c & LOW;
        return (bu - au) * (cv - av) - (bv - av) * (cu - au);
    }

    /**
     * 3D Quickhull (Barber, Dobkin, Huhdanpaa 1996) on integer points with exact predicates: a point is outside a
     * face only when strictly above its plane, so coplanar points are never inserted and no face is degenerate.
     */
    static final class Quickhull {
        private final int[] p;
        private int stamp;

        private Quickhull(int[] p) {
            this.p = p;
        }

        /**
         * Indices of the hull vertices of the m points (interleaved x, y, z), or null when the points do not span
         * 3D (fewer than 4 points, all collinear or all coplanar).
         */
        static int[] vertices(int[] pts, int m) {
            return new Quickhull(pts).run(m);
        }

        private final class Face {
            final int a;
            final int b;
            final int c;
            final long nx;
            final long ny;
            final long nz;
            final long off;
            /* Neighbours across edges a->b, b->c, c->a. */
            final Face[] nb = new Face[3];
            IntList outside;
            boolean dead;
            int mark;
            boolean visible;

            Face(int a, int b, int c) {
                this.a = a;
                this.b = b;
                this.c = c;
                long ux = p[3 * b] - p[3 * a];
                long uy = p[3 * b + 1] - p[3 * a + 1];
                long uz = p[3 * b + 2] - p[3 * a + 2];
                long vx = p[3 * c] - p[3 * a];
                long vy = p[3 * c + 1] - p[3 * a + 1];
                long vz = p[3 * c + 2] - p[3 * a + 2];
                nx = uy * vz - uz * vy;
                ny = uz * vx - ux * vz;
                nz = ux * vy - uy * vx;
                off = nx * p[3 * a] + ny * p[3 * a + 1] + nz * p[3 * a + 2];
            }

            /** Height of point i above the face's plane, times |normal|; exact. */
            long above(int i) {
                return nx * p[3 * i] + ny * p[3 * i + 1] + nz * p[3 * i + 2] - off;
            }

            int vertex(int k) {
                return k == 0 ? a : k == 1 ? b : c;
            }

            void addOutside(int i) {
                if (outside == null) {
                    outside = new IntList(8);
                }
                outside.add(i);
            }
        }

        private int[] run(int m) {
            if (m < 4) {
                return null;
            }
            // Initial tetrahedron from extreme points.
            int i0 = 0;
            for (int i = 1; i < m; i++) {
                if (p[3 * i] < p[3 * i0]) {
                    i0 = i;
                }
            }
            int i1 = -1;
            long best = 0;
            for (int i = 0; i < m; i++) {
                long d = sq(i, i0);
                if (d > best) {
                    best = d;
                    i1 = i;
                }
            }
            if (i1 < 0) {
                return null;
            }
            int i2 = -1;
            best = 0;
            for (int i = 0; i < m; i++) {
                long[] cr = crossAt(i0, i1, i);
                long d = cr[0] * cr[0] + cr[1] * cr[1] + cr[2] * cr[2];
                if (d > best) {
                    best = d;
                    i2 = i;
                }
            }
            if (i2 < 0) {
                return null;
            }
            Face base = new Face(i0, i1, i2);
            int i3 = -1;
            best = 0;
            for (int i = 0; i < m; i++) {
                long d = Math.abs(base.above(i));
                if (d > best) {
                    best = d;
                    i3 = i;
                }
            }
            if (i3 < 0) {
                return null;
            }
            if (base.above(i3) > 0) {
                // Make (i0, i1, i2) face away from i3, so that all four faces point outward.
                int t = i1;
                i1 = i2;
                i2 = t;
            }
            List<Face> faces = new ArrayList<>();
            faces.add(new Face(i0, i1, i2));
            faces.add(new Face(i0, i3, i1));
            faces.add(new Face(i1, i3, i2));
            faces.add(new Face(i2, i3, i0));
            link(faces);
            for (int i = 0; i < m; i++) {
                if (i == i0 || i == i1 || i == i2 || i == i3) {
                    continue;
                }
                for (Face f : faces) {
                    if (f.above(i) > 0) {
                        f.addOutside(i);
                        break;
                    }
                }
            }
            ArrayDeque<Face> work = new ArrayDeque<>();
            for (Face f : faces) {
                if (f.outside != null) {
                    work.push(f);
                }
            }
            Face[] startAt = new Face[m];
            Face[] endAt = new Face[m];
            List<Face> visible = new ArrayList<>();
            List<int[]> horizon = new ArrayList<>();
            List<Face> horizonFace = new ArrayList<>();
            List<Face> created = new ArrayList<>();
            ArrayDeque<Face> stack = new ArrayDeque<>();
            while (!work.isEmpty()) {
                Face f = work.pop();
                if (f.dead || f.outside == null || f.outside.size == 0) {
                    continue;
                }
                // The farthest outside point is certainly a hull vertex.
                int eye = -1;
                long far = 0;
                for (int k = 0; k < f.outside.size; k++) {
                    int i = f.outside.data[k];
                    long d = f.above(i);
                    if (d > far) {
                        far = d;
                        eye = i;
                    }
                }
                // Faces visible from the eye form a disc; walk it and collect the horizon edges.
                stamp++;
                visible.clear();
                horizon.clear();
                horizonFace.clear();
                f.mark = stamp;
                f.visible = true;
                visible.add(f);
                stack.push(f);
                while (!stack.isEmpty()) {
                    Face g = stack.pop();
                    for (int k = 0; k < 3; k++) {
                        Face h = g.nb[k];
                        if (h.mark != stamp) {
                            h.mark = stamp;
                            h.visible = h.above(eye) > 0;
                            if (h.visible) {
                                visible.add(h);
                                stack.push(h);
                                continue;
                            }
                        }
                        if (!h.visible) {
                            horizon.add(new int[] {g.vertex(k), g.vertex((k + 1) % 3)});
                            horizonFace.add(h);
                        }
                    }
                }
                // A cone of new faces from the eye to the horizon; (u, v) keeps the visible face's orientation.
                created.clear();
                for (int e = 0; e < horizon.size(); e++) {
                    int u = horizon.get(e)[0];
                    int v = horizon.get(e)[1];
                    Face nf = new Face(u, v, eye);
                    Face h = horizonFace.get(e);
                    nf.nb[0] = h;
                    for (int k = 0; k < 3; k++) {
                        if (h.vertex(k) == v && h.vertex((k + 1) % 3) == u) {
                            h.nb[k] = nf;
                        }
                    }
                    startAt[u] = nf;
                    endAt[v] = nf;
                    created.add(nf);
                }
                for (Face nf : created) {
                    nf.nb[1] = startAt[nf.b]; // edge v -> eye borders the face that starts at v (eye -> v)
                    nf.nb[2] = endAt[nf.a]; // edge eye -> u borders the face that ends at u (u -> eye)
                }
                for (Face nf : created) {
                    startAt[nf.a] = null;
                    endAt[nf.b] = null;
                }
                // Points outside a removed face are either outside one of the new faces or inside the new hull.
                for (Face g : visible) {
                    g.dead = true;
                    if (g.outside == null) {
                        continue;
                    }
                    for (int k = 0; k < g.outside.size; k++) {
                        int i = g.outside.data[k];
                        if (i == eye) {
                            continue;
                        }
                        for (Face nf : created) {
                            if (nf.above(i) > 0) {
                                nf.addOutside(i);
                                break;
                            }
                        }
                    }
                    g.outside = null;
                }
                for (Face nf : created) {
                    faces.add(nf);
                    if (nf.outside != null) {
                        work.push(nf);
                    }
                }
            }
            boolean[] used = new boolean[m];
            int count = 0;
            for (Face f : faces) {
                if (f.dead) {
                    continue;
                }
                for (int k = 0; k < 3; k++) {
                    int v = f.vertex(k);
                    if (!used[v]) {
                        used[v] = true;
                        count++;
                    }
                }
            }
            int[] out = new int[count];
            int j = 0;
            for (int i = 0; i < m; i++) {
                if (used[i]) {
                    out[j++] = i;
                }
            }
            return out;
        }

        private void link(List<Face> faces) {
            Map<Long, Face> byEdge = new HashMap<>();
            for (Face f : faces) {
                for (int k = 0; k < 3; k++) {
                    byEdge.put(edgeKey(f.vertex(k), f.vertex((k + 1) % 3)), f);
                }
            }
            for (Face f : faces) {
                for (int k = 0; k < 3; k++) {
                    f.nb[k] = byEdge.get(edgeKey(f.vertex((k + 1) % 3), f.vertex(k)));
                }
            }
        }

        private static long edgeKey(int u, int v) {
            return ((long) u << 32) | (v & 0xFFFFFFFFL);
        }

        private long sq(int i, int j) {
            long dx = p[3 * i] - p[3 * j];
            long dy = p[3 * i + 1] - p[3 * j + 1];
            long dz = p[3 * i + 2] - p[3 * j + 2];
            return dx * dx + dy * dy + dz * dz;
        }

        private long[] crossAt(int o, int a, int b) {
            long ux = p[3 * a] - p[3 * o];
            long uy = p[3 * a + 1] - p[3 * o + 1];
            long uz = p[3 * a + 2] - p[3 * o + 2];
            long vx = p[3 * b] - p[3 * o];
            long vy = p[3 * b + 1] - p[3 * o + 1];
            long vz = p[3 * b + 2] - p[3 * o + 2];
            return new long[] {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
        }
    }

    /** A growable int array. */
    static final class IntList {
        int[] data;
        int size;

        IntList(int capacity) {
            data = new int[capacity];
        }

        void add(int i) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * data.length);
            }
            data[size++] = i;
        }

        void add(int i, int j, int k) {
            if (size + 3 > data.length) {
                data = Arrays.copyOf(data, Math.max(2 * data.length, size + 3));
            }
            data[size++] = i;
            data[size++] = j;
            data[size++] = k;
        }
    }
}
