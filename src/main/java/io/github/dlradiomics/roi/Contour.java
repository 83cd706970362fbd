package io.github.dlradiomics.roi;

import java.util.Arrays;

/**
 * A closed polygon in slice pixel coordinates (x along columns u, y along rows v; pixel (u, v) is the
 * square [u, u+1] x [v, v+1], as in ImageJ), the last vertex joined to the first. Contours traced by
 * {@link LabelSlices#outlines(SliceMask)} run along pixel edges, so their vertices are integers; outer
 * boundaries run clockwise on screen (y down) and holes counter-clockwise, and {@link #hole()} says which.
 * For ImageJ: one {@code PolygonRoi} (type {@code Roi.POLYGON}) per contour from {@link #x()} and
 * {@link #y()} as float arrays; the contours of one label on one slice combined with {@code ShapeRoi.xor}
 * give the even-odd region that {@link LabelSlices#rasterise} fills.
 *
 * <pre>for (Contour c : LabelSlices.outlines(mask)) System.out.println(c.size() + " vertices, hole=" + c.hole());</pre>
 *
 * @param x vertex x coordinates (not copied)
 * @param y vertex y coordinates (not copied)
 * @param hole true for the boundary of a hole of a component
 */
public record Contour(double[] x, double[] y, boolean hole) {
    public Contour {
        if (x.length != y.length) {
            throw new IllegalArgumentException("contour has " + x.length + " x but " + y.length + " y coordinates");
        }
    }

    /** An outer (non-hole) polygon, e.g. from an ImageJ ROI. */
    public Contour(double[] x, double[] y) {
        this(x, y, false);
    }

    /** Number of vertices. */
    public int size() {
        return x.length;
    }

    /** Signed area in pixels² (shoelace, y down): positive for clockwise-on-screen outer boundaries. */
    public double signedArea() {
        double a = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            a += x[i] * y[j] - x[j] * y[i];
        }
        return a / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Contour c && c.hole == hole && Arrays.equals(c.x, x) && Arrays.equals(c.y, y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y) + (hole ? 1 : 0);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(hole ? "Hole[" : "Contour[");
        for (int i = 0; i < x.length; i++) {
            sb.append(i > 0 ? " " : "").append(Contour.fmt(x[i])).append(',').append(Contour.fmt(y[i]));
        }
        return sb.append(']').toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
