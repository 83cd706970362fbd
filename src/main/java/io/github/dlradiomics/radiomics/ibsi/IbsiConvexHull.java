package io.github.dlradiomics.radiomics.ibsi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Exact 3D convex hull of integer points (the mesh vertices in doubled voxel-index units, see {@link IbsiMesh}).
 * Incremental construction with exact {@code long} orientation tests, so the many coplanar and collinear points
 * of a voxel mesh cause no robustness problems: a point is added only when it lies strictly in front of some
 * face, and the new faces join it to the horizon. Points that lie strictly between two others along an axis
 * line cannot be hull vertices and are dropped first, which leaves a small candidate set.
 *
 * <p>The hull is invariant under the per-axis scaling to mm, so it is computed in index space and measured in
 * mm ({@link #volume}, {@link #area}).
 */
final class IbsiConvexHull {
    /** Candidate points (exact). */
    final long[][] points;
    /** Hull faces, outward oriented, three indices into {@link #points} each. */
    final int[] faces;

    private IbsiConvexHull(long[][] points, int[] faces) {
        this.points = points;
        this.faces = faces;
    }

    boolean isEmpty() {
        return faces.length == 0;
    }

    /** Indices into {@link #points} of the hull's vertices. */
    int[] vertices() {
        boolean[] used = new boolean[points.length];
        for (int f : faces) {
            used[f] = true;
        }
        int n = 0;
        for (boolean u : used) {
            if (u) {
                n++;
            }
        }
        int[] v = new int[n];
        int k = 0;
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                v[k++] = i;
            }
        }
        return v;
    }

    /** Volume in mm^3 with the given per-axis scale (mm per point unit). */
    double volume(double[] scale) {
        if (faces.length == 0) {
            return 0;
        }
        double[] r = mm(points[faces[0]], scale);
        double v = 0;
        for (int t = 0; t < faces.length; t += 3) {
            double[] a = mm(points[faces[t]], scale);
            double[] b = mm(points[faces[t + 1]], scale);
            double[] c = mm(points[faces[t + 2]], scale);
            for (int i = 0; i < 3; i++) {
                a[i] -= r[i];
                b[i] -= r[i];
                c[i] -= r[i];
            }
            v += a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
        }
        return Math.abs(v) / 6;
    }

    /** Surface area in mm^2 with the given per-axis scale. */
    double area(double[] scale) {
        double s = 0;
        for (int t = 0; t < faces.length; t += 3) {
            s += IbsiMesh.triangleArea(mm(points[faces[t]], scale), mm(points[faces[t + 1]], scale),
                    mm(points[faces[t + 2]], scale));
        }
        return s;
    }

    static double[] mm(long[] p, double[] scale) {
        return new double[] {p[0] * scale[0], p[1] * scale[1], p[2] * scale[2]};
    }

    /** The hull of the given points; empty (no faces) when they are coplanar. */
    static IbsiConvexHull of(long[][] input) {
        long[][] pts = candidates(input);
        int n = pts.length;
        if (n < 4) {
            return new IbsiConvexHull(pts, new int[0]);
        }
        // initial tetrahedron from extreme points
        int i0 = 0;
        for (int i = 1; i < n; i++) {
            if (pts[i][0] < pts[i0][0]) {
                i0 = i;
            }
        }
        int i1 = -1;
        long best = 0;
        for (int i = 0; i < n; i++) {
            long d = dist2(pts[i], pts[i0]);
            if (d > best) {
                best = d;
                i1 = i;
            }
        }
        int i2 = -1;
        best = 0;
        for (int i = 0; i < n && i1 >= 0; i++) {
            long[] c = cross(sub(pts[i1], pts[i0]), sub(pts[i], pts[i0]));
            long d = c[0] * c[0] + c[1] * c[1] + c[2] * c[2];
            if (d > best) {
                best = d;
                i2 = i;
            }
        }
        int i3 = -1;
        best = 0;
        for (int i = 0; i < n && i2 >= 0; i++) {
            long d = Math.abs(orient(pts[i0], pts[i1], pts[i2], pts[i]));
            if (d > best) {
                best = d;
                i3 = i;
            }
        }
        if (i3 < 0) {
            return new IbsiConvexHull(pts, new int[0]);
        }
        Builder b = new Builder(pts);
        int[] t = {i0, i1, i2, i3};
        int[][] tetra = {{0, 1, 2, 3}, {0, 1, 3, 2}, {0, 2, 3, 1}, {1, 2, 3, 0}};
        for (int[] f : tetra) {
            int a = t[f[0]];
            int bb = t[f[1]];
            int c = t[f[2]];
            if (orient(pts[a], pts[bb], pts[c], pts[t[f[3]]]) > 0) {
                b.addFace(a, c, bb);
            } else {
                b.addFace(a, bb, c);
            }
        }
        for (int i = 0; i < n; i++) {
            if (i != i0 && i != i1 && i != i2 && i != i3) {
                b.insert(i);
            }
        }
        return new IbsiConvexHull(pts, b.faces());
    }

    /**
     * Drops duplicates and every point lying strictly between two others on an axis-parallel line (it cannot be a
     * hull vertex): keeps only the extreme points of each x-, y- and z-line.
     */
    private static long[][] candidates(long[][] in) {
        boolean[] keep = new boolean[in.length];
        Arrays.fill(keep, true);
        for (int axis = 0; axis < 3; axis++) {
            int a1 = (axis + 1) % 3;
            int a2 = (axis + 2) % 3;
            HashMap<Long, int[]> ext = new HashMap<>();
            for (int i = 0; i < in.length; i++) {
                if (!keep[i]) {
                    continue;
                }
                long key = (in[i][a1] + (1L << 20)) << 32 | (in[i][a2] + (1L << 20));
                int[] e = ext.get(key);
                if (e == null) {
                    ext.put(key, new int[] {i, i});
                } else {
                    if (in[i][axis] < in[e[0]][axis]) {
                        e[0] = i;
                    }
                    if (in[i][axis] > in[e[1]][axis]) {
                        e[1] = i;
                    }
                }
            }
            boolean[] k2 = new boolean[in.length];
            for (int[] e : ext.values()) {
                k2[e[0]] = true;
                k2[e[1]] = true;
            }
            keep = k2;
        }
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (keep[i]) {
                out.add(in[i]);
            }
        }
        return out.toArray(new long[0][]);
    }

    static long[] sub(long[] a, long[] b) {
        return new long[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static long[] cross(long[] u, long[] v) {
        return new long[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    static long dist2(long[] a, long[] b) {
        long dx = a[0] - b[0];
        long dy = a[1] - b[1];
        long dz = a[2] - b[2];
        return dx * dx + dy * dy + dz * dz;
    }

    /** > 0 when p is in front of the face (a, b, c) (counter-clockwise seen from p). Exact. */
    static long orient(long[] a, long[] b, long[] c, long[] p) {
        long ux = b[0] - a[0];
        long uy = b[1] - a[1];
        long uz = b[2] - a[2];
        long vx = c[0] - a[0];
        long vy = c[1] - a[1];
        long vz = c[2] - a[2];
        long wx = p[0] - a[0];
        long wy = p[1] - a[1];
        long wz = p[2] - a[2];
        return (uy * vz - uz * vy) * wx + (uz * vx - ux * vz) * wy + (ux * vy - uy * vx) * wz;
    }

    private static final class Builder {
        private final long[][] pts;
        private int[] fa = new int[256];
        private int[] fb = new int[256];
        private int[] fc = new int[256];
        private boolean[] alive = new boolean[256];
        private boolean[] visible = new boolean[256];
        private int nf;
        private int[] live = new int[256];
        private int nLive;
        private final HashMap<Long, Integer> edgeFace = new HashMap<>();

        Builder(long[][] pts) {
            this.pts = pts;
        }

        private static long edge(int u, int v) {
            return ((long) u << 32) | v;
        }

        int addFace(int a, int b, int c) {
            if (nf == fa.length) {
                int cap = nf * 2;
                fa = Arrays.copyOf(fa, cap);
                fb = Arrays.copyOf(fb, cap);
                fc = Arrays.copyOf(fc, cap);
                alive = Arrays.copyOf(alive, cap);
                visible = Arrays.copyOf(visible, cap);
            }
            fa[nf] = a;
            fb[nf] = b;
            fc[nf] = c;
            alive[nf] = true;
            edgeFace.put(edge(a, b), nf);
            edgeFace.put(edge(b, c), nf);
            edgeFace.put(edge(c, a), nf);
            if (nLive == live.length) {
                live = Arrays.copyOf(live, nLive * 2);
            }
            live[nLive++] = nf;
            return nf++;
        }

        void insert(int p) {
            long[] q = pts[p];
            int nVis = 0;
            for (int k = 0; k < nLive; k++) {
                int f = live[k];
                if (orient(pts[fa[f]], pts[fb[f]], pts[fc[f]], q) > 0) {
                    visible[f] = true;
                    nVis++;
                }
            }
            if (nVis == 0) {
                return; // inside or on the hull
            }
            // horizon: edges of visible faces whose neighbour is not visible
            List<int[]> horizon = new ArrayList<>();
            for (int k = 0; k < nLive; k++) {
                int f = live[k];
                if (!visible[f]) {
                    continue;
                }
                int[] e = {fa[f], fb[f], fc[f]};
                for (int j = 0; j < 3; j++) {
                    int u = e[j];
                    int v = e[(j + 1) % 3];
                    Integer g = edgeFace.get(edge(v, u));
                    if (g == null || !visible[g]) {
                        horizon.add(new int[] {u, v});
                    }
                }
            }
            // remove the visible faces
            int w = 0;
            for (int k = 0; k < nLive; k++) {
                int f = live[k];
                if (visible[f]) {
                    alive[f] = false;
                    visible[f] = false;
                    edgeFace.remove(edge(fa[f], fb[f]));
                    edgeFace.remove(edge(fb[f], fc[f]));
                    edgeFace.remove(edge(fc[f], fa[f]));
                } else {
                    live[w++] = f;
                }
            }
            nLive = w;
            for (int[] e : horizon) {
                addFace(e[0], e[1], p);
            }
        }

        int[] faces() {
            int[] out = new int[nLive * 3];
            for (int k = 0; k < nLive; k++) {
                int f = live[k];
                out[3 * k] = fa[f];
                out[3 * k + 1] = fb[f];
                out[3 * k + 2] = fc[f];
            }
            return out;
        }
    }
}
