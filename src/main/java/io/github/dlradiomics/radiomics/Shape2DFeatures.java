package io.github.dlradiomics.radiomics;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * PyRadiomics' 2D shape family ({@code radiomics/shape2D.py} with {@code cshape.c}): the 9 default-enabled features
 * of a single-slice mask, computed the way PyRadiomics computes them.
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; f = Shape2DFeatures.compute(mask, nx, ny, 1, new double[] {0.78, 0.78, 6.5}, 0);</pre>
 *
 * <p>How PyRadiomics defines them (and this class follows):
 * <ul>
 *   <li>The 3D mask must be one voxel thick along {@code force2Ddimension} (numpy axis numbering of the
 *       {@code [z][y][x]} array: 0 = z, i.e. an axial slice; 1 = y; 2 = x). That axis is dropped; the two left form
 *       the 2D array in numpy order (rows = the lower-numbered axis), with their spacings.</li>
 *   <li>MeshSurface and Perimeter come from marching squares with vertices at edge mid-points
 *       ({@link MeshBuilder}); PixelSurface is the pixel count times the pixel area.</li>
 *   <li>MaximumDiameter is the largest distance between contour vertices (hull based here, see {@link HullUtil}).</li>
 *   <li>Major/MinorAxisLength = 4 sqrt(eigenvalue) of the population covariance of the physical pixel-centre
 *       coordinates; Elongation = sqrt(minor / major); Sphericity = 2 sqrt(pi S) / P (circle: 1).</li>
 * </ul>
 * Unlike PyRadiomics, a mask with empty margin slices along {@code force2Ddimension} is accepted (PyRadiomics sees
 * the mask already cropped to the ROI); the ROI itself must lie in a single slice.
 *
 * <p>Cost: linear in the slice's pixels, plus O(n log n) in the n contour vertices for the diameter.
 */
public final class Shape2DFeatures {
    private Shape2DFeatures() {
    }

    /* Sorted by name, as PyRadiomics (inspect.getmembers) enumerates and outputs them. */
    private static final List<String> NAMES = List.of(
            "Elongation",
            "MajorAxisLength",
            "MaximumDiameter",
            "MeshSurface",
            "MinorAxisLength",
            "Perimeter",
            "PerimeterSurfaceRatio",
            "PixelSurface",
            "Sphericity");

    /**
     * The default-enabled 2D shape feature names, in PyRadiomics' order (alphabetical).
     *
     * <pre>List&lt;String&gt; n = Shape2DFeatures.names();</pre>
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Computes the 2D shape features of an axial single-slice mask ({@code force2Ddimension} 0, PyRadiomics'
     * default).
     *
     * <pre>LinkedHashMap&lt;String, Double&gt; f = Shape2DFeatures.compute(mask, nx, ny, 1, spacing);</pre>
     *
     * @see #compute(boolean[], int, int, int, double[], int)
     */
    public static LinkedHashMap<String, Double> compute(boolean[] mask, int nx, int ny, int nz, double[] spacing) {
        return compute(mask, nx, ny, nz, spacing, 0);
    }

    /**
     * Computes the 2D shape features of a mask whose ROI lies in one slice along {@code force2Ddimension}.
     *
     * <pre>LinkedHashMap&lt;String, Double&gt; f = Shape2DFeatures.compute(mask, nx, 1, nz, spacing, 1); // coronal</pre>
     *
     * @param mask              x-fastest ({@code x + nx * (y + ny * z)}) mask of nx * ny * nz voxels
     * @param spacing           voxel spacing in mm {sx, sy, sz}
     * @param force2Ddimension  the dropped axis in numpy numbering: 0 = z (axial), 1 = y, 2 = x
     * @return feature name to value, in {@link #names()} order
     * @throws IllegalArgumentException if the sizes do not match, the mask is empty, or the ROI spans more than one
     *                                  slice along {@code force2Ddimension}
     */
    public static LinkedHashMap<String, Double> compute(boolean[] mask, int nx, int ny, int nz, double[] spacing,
                                                        int force2Ddimension) {
        if (nx <= 0 || ny <= 0 || nz <= 0 || mask.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException("mask has " + mask.length + " values for " + nx + "x" + ny + "x" + nz);
        }
        if (spacing.length != 3) {
            throw new IllegalArgumentException("spacing needs 3 values {sx, sy, sz}");
        }
        // Rows / columns of the 2D array in numpy order after dropping the axis: (y, x), (z, x) or (z, y).
        final int rows;
        final int cols;
        final double rowSpacing;
        final double colSpacing;
        switch (force2Ddimension) {
            case 0 -> {
                rows = ny;
                cols = nx;
                rowSpacing = spacing[1];
                colSpacing = spacing[0];
            }
            case 1 -> {
                rows = nz;
                cols = nx;
                rowSpacing = spacing[2];
                colSpacing = spacing[0];
            }
            case 2 -> {
                rows = nz;
                cols = ny;
                rowSpacing = spacing[2];
                colSpacing = spacing[1];
            }
            default -> throw new IllegalArgumentException("force2Ddimension must be 0, 1 or 2, not " + force2Ddimension);
        }
        boolean[] slice = new boolean[rows * cols];
        int plane = -1;
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (!mask[i]) {
                        continue;
                    }
                    int p = force2Ddimension == 0 ? z : force2Ddimension == 1 ? y : x;
                    if (plane < 0) {
                        plane = p;
                    } else if (p != plane) {
                        throw new IllegalArgumentException("the ROI spans more than one slice along dimension "
                                + force2Ddimension + " (numpy axis: 0 = z, 1 = y, 2 = x): no 2D shape");
                    }
                    int r = force2Ddimension == 0 ? y : z;
                    int c = force2Ddimension == 2 ? y : x;
                    slice[r * cols + c] = true;
                }
            }
        }
        if (plane < 0) {
            throw new IllegalArgumentException("the mask is empty: no shape features");
        }
        return compute2D(slice, rows, cols, rowSpacing, colSpacing);
    }

    private static LinkedHashMap<String, Double> compute2D(boolean[] slice, int rows, int cols, double sr, double sc) {
        long count = 0;
        double mr = 0;
        double mc = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (slice[r * cols + c]) {
                    count++;
                    mr += r;
                    mc += c;
                }
            }
        }
        mr = mr / count * sr;
        mc = mc / count * sc;
        double crr = 0;
        double crc = 0;
        double ccc = 0;
        for (int r = 0; r < rows; r++) {
            double dr = r * sr - mr;
            for (int c = 0; c < cols; c++) {
                if (slice[r * cols + c]) {
                    double dc = c * sc - mc;
                    crr += dr * dr;
                    crc += dr * dc;
                    ccc += dc * dc;
                }
            }
        }
        double[] ev = ShapeFeatures.symmetricEigenvalues(new double[][] {
                {crr / count, crc / count},
                {crc / count, ccc / count}});
        ShapeFeatures.roundTinyNegatives(ev);
        double minor = ev[0];
        double major = ev[1];

        MeshBuilder.Mesh2D mesh = MeshBuilder.squares(slice, rows, cols, new double[] {sr, sc});
        double perimeter = mesh.perimeter();
        double surface = mesh.surface();
        double diameter = HullUtil.maxDistance2D(mesh.vertices(), mesh.count(), sr / 2, sc / 2);

        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("Elongation", minor < 0 || major < 0 ? Double.NaN : Math.sqrt(minor / major));
        out.put("MajorAxisLength", ShapeFeatures.axis(major));
        out.put("MaximumDiameter", diameter);
        out.put("MeshSurface", surface);
        out.put("MinorAxisLength", ShapeFeatures.axis(minor));
        out.put("Perimeter", perimeter);
        out.put("PerimeterSurfaceRatio", perimeter / surface);
        out.put("PixelSurface", count * (sc * sr));
        out.put("Sphericity", 2 * Math.sqrt(Math.PI * surface) / perimeter);
        return out;
    }
}
