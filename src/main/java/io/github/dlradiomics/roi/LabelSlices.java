package io.github.dlradiomics.roi;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A label mask seen slice by slice: per label, the slices (along a {@link SliceAxis}) where it is
 * present, its binary mask on a slice, and its outlines as polygons; and back, polygons rasterised
 * into a label volume with the source geometry.
 *
 * <p>Outlines are exact pixel-edge contours: one outer contour per 8-connected component and one per
 * hole (holes are 4-connected background), vertices at pixel corners, collinear vertices dropped.
 * Rasterising uses ImageJ's rule, a pixel is inside when its centre is inside, with the even-odd rule
 * over all contours of a label on a slice (a hole's contour removes its pixels, an island in a hole is
 * inside again). Because pixel centres never lie on pixel edges, mask -&gt; outlines -&gt; mask is exact.
 *
 * <p>Labels are the non-zero values of the mask; a mask must hold integers (a non-integer voxel is
 * refused with its position).
 *
 * <pre>var rois = LabelSlices.outlines(labels, SliceAxis.X); Volume back = LabelSlices.toVolume(labels, SliceAxis.X, rois);</pre>
 */
public final class LabelSlices {
    // Directions of boundary edges, clockwise on screen (y down): E, S, W, N.
    private static final int[] DU = {1, 0, -1, 0};
    private static final int[] DV = {0, 1, 0, -1};

    private LabelSlices() {
    }

    /** The label at data offset {@code i}, refusing non-integer values with the voxel's position. */
    public static int labelAt(Volume labels, int i) {
        double d = labels.data()[i];
        int l = (int) d;
        if (l != d) {
            int x = i % labels.nx();
            int y = (i / labels.nx()) % labels.ny();
            int z = i / (labels.nx() * labels.ny());
            throw new UserInputException("label mask: voxel (" + x + ", " + y + ", " + z + ") has value " + d
                    + ", not an integer label");
        }
        return l;
    }

    /** The non-zero labels of a mask, ascending. */
    public static SortedSet<Integer> labels(Volume labels) {
        SortedSet<Integer> set = new TreeSet<>();
        int last = 0;
        for (int i = 0; i < labels.size(); i++) {
            int l = labelAt(labels, i);
            if (l != 0 && l != last) {
                set.add(l);
                last = l;
            }
        }
        return set;
    }

    /** Per non-zero label, the ascending slice indices along {@code axis} where it has at least one voxel. */
    public static SortedMap<Integer, int[]> slicesPerLabel(Volume labels, SliceAxis axis) {
        int n = axis.count(labels);
        SortedMap<Integer, boolean[]> present = new TreeMap<>();
        int[] stride = {1, labels.nx(), labels.nx() * labels.ny()};
        int[] dims = labels.dims();
        int a = axis.axis();
        for (int i = 0; i < labels.size(); i++) {
            int l = labelAt(labels, i);
            if (l != 0) {
                int s = (i / stride[a]) % dims[a];
                present.computeIfAbsent(l, k -> new boolean[n])[s] = true;
            }
        }
        SortedMap<Integer, int[]> out = new TreeMap<>();
        for (Map.Entry<Integer, boolean[]> e : present.entrySet()) {
            out.put(e.getKey(), indices(e.getValue()));
        }
        return out;
    }

    /** Ascending slice indices along {@code axis} where {@code label} is present (empty when absent). */
    public static int[] slices(Volume labels, SliceAxis axis, int label) {
        int[] s = slicesPerLabel(labels, axis).get(label);
        return s == null ? new int[0] : s;
    }

    private static int[] indices(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            if (f) {
                c++;
            }
        }
        int[] out = new int[c];
        c = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                out[c++] = i;
            }
        }
        return out;
    }

    /** The binary mask of {@code label} on slice {@code slice} along {@code axis}. */
    public static SliceMask mask(Volume labels, SliceAxis axis, int slice, int label) {
        int[] off = axis.offsets(labels, slice);
        boolean[] in = new boolean[off.length];
        for (int i = 0; i < off.length; i++) {
            in[i] = labelAt(labels, off[i]) == label;
        }
        return new SliceMask(axis.width(labels), axis.height(labels), in);
    }

    /**
     * Outlines of every label on every slice where it is present: label -&gt; slice -&gt; contours
     * (outer contours and holes, in tracing order: raster order of their first edge).
     */
    public static SortedMap<Integer, SortedMap<Integer, List<Contour>>> outlines(Volume labels, SliceAxis axis) {
        SortedMap<Integer, SortedMap<Integer, List<Contour>>> out = new TreeMap<>();
        for (Map.Entry<Integer, int[]> e : slicesPerLabel(labels, axis).entrySet()) {
            SortedMap<Integer, List<Contour>> perSlice = new TreeMap<>();
            for (int s : e.getValue()) {
                perSlice.put(s, outlines(mask(labels, axis, s, e.getKey())));
            }
            out.put(e.getKey(), perSlice);
        }
        return out;
    }

    /**
     * Pixel-edge contours of a binary mask: one outer contour (clockwise on screen) per 8-connected
     * component and one hole contour (counter-clockwise) per hole, vertices at pixel corners.
     * Where two pixels touch only at a corner the outer contour passes through that corner twice.
     */
    public static List<Contour> outlines(SliceMask mask) {
        int w = mask.width();
        int h = mask.height();
        int vw = w + 1;
        int nv = vw * (h + 1);
        // Each vertex has at most two outgoing boundary edges (two only at a saddle).
        int[] out = new int[nv * 2];
        Arrays.fill(out, -1);
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                if (!mask.get(u, v)) {
                    continue;
                }
                if (!mask.get(u, v - 1)) {
                    addEdge(out, u + vw * v, 0);
                }
                if (!mask.get(u + 1, v)) {
                    addEdge(out, u + 1 + vw * v, 1);
                }
                if (!mask.get(u, v + 1)) {
                    addEdge(out, u + 1 + vw * (v + 1), 2);
                }
                if (!mask.get(u - 1, v)) {
                    addEdge(out, u + vw * (v + 1), 3);
                }
            }
        }
        boolean[] used = new boolean[nv * 2];
        List<Contour> contours = new ArrayList<>();
        List<int[]> path = new ArrayList<>();
        for (int start = 0; start < nv; start++) {
            for (int slot = 0; slot < 2; slot++) {
                int e0 = start * 2 + slot;
                if (out[e0] < 0 || used[e0]) {
                    continue;
                }
                path.clear();
                int e = e0;
                int vertex = start;
                int inDir = -1;
                do {
                    used[e] = true;
                    int dir = out[e];
                    if (dir != inDir) {
                        path.add(new int[] {vertex % vw, vertex / vw});
                    }
                    vertex += DU[dir] + vw * DV[dir];
                    inDir = dir;
                    e = nextEdge(out, vertex, dir);
                } while (e != e0);
                if (out[e0] == inDir) {
                    // The start vertex lies inside a straight run: it is not a corner.
                    path.remove(0);
                }
                double[] xs = new double[path.size()];
                double[] ys = new double[path.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = path.get(i)[0];
                    ys[i] = path.get(i)[1];
                }
                Contour c = new Contour(xs, ys, false);
                contours.add(c.signedArea() < 0 ? new Contour(xs, ys, true) : c);
            }
        }
        return contours;
    }

    private static void addEdge(int[] out, int vertex, int dir) {
        out[out[vertex * 2] < 0 ? vertex * 2 : vertex * 2 + 1] = dir;
    }

    private static int nextEdge(int[] out, int vertex, int inDir) {
        int a = vertex * 2;
        if (out[a + 1] < 0) {
            return a;
        }
        // Saddle: turning left (towards the diagonal foreground pixel) keeps 8-connected pixels in one contour.
        int left = (inDir + 3) % 4;
        return out[a] == left ? a : a + 1;
    }

    /**
     * Rasterises polygons into a {@code width x height} mask: a pixel is inside when its centre
     * (u + 0.5, v + 0.5) is inside by the even-odd rule over all contours (the {@link Contour#hole()}
     * flag is not needed). A centre exactly on a vertical edge counts as inside to the edge's right,
     * on a horizontal edge as inside below it (half-open intervals).
     */
    public static SliceMask rasterise(List<Contour> contours, int width, int height) {
        SliceMask m = new SliceMask(width, height);
        double[] xs = new double[16];
        for (int v = 0; v < height; v++) {
            double yc = v + 0.5;
            int n = 0;
            for (Contour c : contours) {
                double[] px = c.x();
                double[] py = c.y();
                int k = px.length;
                for (int i = 0; i < k; i++) {
                    int j = (i + 1) % k;
                    double y1 = py[i];
                    double y2 = py[j];
                    if ((y1 <= yc) != (y2 <= yc)) {
                        if (n == xs.length) {
                            xs = Arrays.copyOf(xs, n * 2);
                        }
                        xs[n++] = px[i] + (yc - y1) * (px[j] - px[i]) / (y2 - y1);
                    }
                }
            }
            Arrays.sort(xs, 0, n);
            for (int p = 0; p + 1 < n; p += 2) {
                // centre u + 0.5 in [xs[p], xs[p+1])
                int from = (int) Math.max(0, Math.ceil(xs[p] - 0.5));
                int to = (int) Math.min(width, Math.ceil(xs[p + 1] - 0.5));
                for (int u = from; u < to; u++) {
                    m.inside()[u + width * v] = true;
                }
            }
        }
        return m;
    }

    /** Writes {@code label} into every voxel of slice {@code slice} (along {@code axis}) that is inside {@code mask}. */
    public static void paint(Volume target, SliceAxis axis, int slice, int label, SliceMask mask) {
        if (mask.width() != axis.width(target) || mask.height() != axis.height(target)) {
            throw new UserInputException("label " + label + ", slice " + slice + ": a " + mask.width() + "x" + mask.height()
                    + " mask does not fit slices of " + axis.width(target) + "x" + axis.height(target) + " along "
                    + axis.name());
        }
        int[] off = axis.offsets(target, slice);
        double[] d = target.data();
        for (int i = 0; i < off.length; i++) {
            if (mask.inside()[i]) {
                d[off[i]] = label;
            }
        }
    }

    /**
     * A label volume on the grid of {@code geometry} (dimensions, spacing, origin, direction) built from
     * outlines: label -&gt; slice -&gt; contours, rasterised with {@link #rasterise}. Labels are painted
     * in the map's order (ascending for a sorted map), so where two labels' polygons overlap the later
     * one wins. The pixel type is the smallest integer type holding the labels.
     */
    public static Volume toVolume(Volume geometry, SliceAxis axis,
            Map<Integer, ? extends Map<Integer, List<Contour>>> outlines) {
        int max = 0;
        int min = 0;
        for (int l : outlines.keySet()) {
            max = Math.max(max, l);
            min = Math.min(min, l);
        }
        Volume out = geometry.blankLike(PixelType.fitting(min, max, true));
        int w = axis.width(geometry);
        int h = axis.height(geometry);
        for (Map.Entry<Integer, ? extends Map<Integer, List<Contour>>> e : outlines.entrySet()) {
            int label = e.getKey();
            if (label == 0) {
                throw new UserInputException("label 0 is the background: it cannot be drawn");
            }
            for (Map.Entry<Integer, List<Contour>> s : e.getValue().entrySet()) {
                int slice = s.getKey();
                if (slice < 0 || slice >= axis.count(geometry)) {
                    throw new UserInputException("label " + label + ": slice " + slice + " along " + axis.name()
                            + " is outside the image (0.." + (axis.count(geometry) - 1) + ")");
                }
                paint(out, axis, slice, label, rasterise(s.getValue(), w, h));
            }
        }
        return out;
    }
}
