package io.github.dlradiomics.radiomics;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * PyRadiomics' 3D shape family ({@code radiomics/shape.py} with its C extension {@code cshape.c}): the 14
 * default-enabled features, computed the way PyRadiomics computes them.
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; f = ShapeFeatures.compute(mask, nx, ny, nz, new double[] {0.78, 0.78, 6.5});</pre>
 *
 * <p>How PyRadiomics defines them (and this class follows):
 * <ul>
 *   <li>MeshVolume and SurfaceArea come from a marching-cubes mesh with vertices at edge mid-points
 *       ({@link MeshBuilder}); VoxelVolume is simply the voxel count times the voxel volume.</li>
 *   <li>Maximum3DDiameter is the largest distance between mesh vertices. Maximum2DDiameterSlice / Column / Row
 *       are the largest distances between vertices whose z / y / x coordinate is exactly equal (cshape.c compares
 *       coordinates with {@code ==}; numpy's axes (0, 1, 2) = (z, y, x) are "slice", "column", "row"). Planes at
 *       half-integer positions (vertices on edges between two slices) count as planes too. PyRadiomics compares
 *       all vertex pairs; here exact convex hulls make that sub-quadratic ({@link HullUtil}).</li>
 *   <li>The axis lengths are 4 * sqrt(eigenvalue) of the population covariance (divided by N, not N - 1) of the
 *       physical voxel-centre coordinates (index * spacing). Eigenvalues in (-1e-10, 0) are rounded to 0 as
 *       PyRadiomics does for flat masks; a still negative one gives NaN.</li>
 *   <li>Sphericity = (36 pi V^2)^(1/3) / A and SurfaceVolumeRatio = A / V use the mesh volume.</li>
 * </ul>
 * MeshVolume can be small, origin-dependent or even negative for sparse masks whose voxels touch only along edges or
 * at corners: PyRadiomics' mesh has cracks there (see {@link MeshBuilder}), and that behaviour is reproduced, not
 * corrected (its prostate phantom label gives -52.8125 mm^3, as PyRadiomics' own C code does).
 * The deprecated features (Compactness1, Compactness2, SphericalDisproportion) are not default-enabled in
 * PyRadiomics and are not offered.
 *
 * <p>Cost: marching cubes is linear in the mask's box; diameters are O(n log n) in the n mesh vertices plus pairs of
 * hull vertices (see {@link HullUtil}); the PCA is linear in the voxel count.
 */
public final class ShapeFeatures {
    private ShapeFeatures() {
    }

    /* PyRadiomics enumerates features with inspect.getmembers, i.e. sorted by name: that is its output order. */
    private static final List<String> NAMES = List.of(
            "Elongation",
            "Flatness",
            "LeastAxisLength",
            "MajorAxisLength",
            "Maximum2DDiameterColumn",
            "Maximum2DDiameterRow",
            "Maximum2DDiameterSlice",
            "Maximum3DDiameter",
            "MeshVolume",
            "MinorAxisLength",
            "Sphericity",
            "SurfaceArea",
            "SurfaceVolumeRatio",
            "VoxelVolume");

    /**
     * The default-enabled 3D shape feature names, in PyRadiomics' order (alphabetical).
     *
     * <pre>for (String n : ShapeFeatures.names()) { ... }</pre>
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Computes the 3D shape features of a binary mask.
     *
     * <pre>LinkedHashMap&lt;String, Double&gt; f = ShapeFeatures.compute(mask, nx, ny, nz, spacing);</pre>
     *
     * @param mask    x-fastest ({@code x + nx * (y + ny * z)}) mask of nx * ny * nz voxels; best cropped to the ROI's
     *                bounding box (any margin is fine: the work is linear in the box)
     * @param spacing voxel spacing in mm {sx, sy, sz}
     * @return feature name to value, in {@link #names()} order
     * @throws IllegalArgumentException if the sizes do not match or the mask is empty
     */
    public static LinkedHashMap<String, Double> compute(boolean[] mask, int nx, int ny, int nz, double[] spacing) {
        if (nx <= 0 || ny <= 0 || nz <= 0 || mask.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException("mask has " + mask.length + " values for " + nx + "x" + ny + "x" + nz);
        }
        if (spacing.length != 3) {
            throw new IllegalArgumentException("spacing needs 3 values {sx, sy, sz}");
        }
        final double sx = spacing[0];
        final double sy = spacing[1];
        final double sz = spacing[2];

        // PCA of the physical voxel-centre coordinates, two passes for accuracy.
        long count = 0;
        double mx = 0;
        double my = 0;
        double mz = 0;
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (mask[i]) {
                        count++;
                        mx += x;
                        my += y;
                        mz += z;
                    }
                }
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the mask is empty: no shape features");
        }
        mx = mx / count * sx;
        my = my / count * sy;
        mz = mz / count * sz;
        double cxx = 0;
        double cxy = 0;
        double cxz = 0;
        double cyy = 0;
        double cyz = 0;
        double czz = 0;
        for (int z = 0, i = 0; z < nz; z++) {
            double dz = z * sz - mz;
            for (int y = 0; y < ny; y++) {
                double dy = y * sy - my;
                for (int x = 0; x < nx; x++, i++) {
                    if (mask[i]) {
                        double dx = x * sx - mx;
                        cxx += dx * dx;
                        cxy += dx * dy;
                        cxz += dx * dz;
                        cyy += dy * dy;
                        cyz += dy * dz;
                        czz += dz * dz;
                    }
                }
            }
        }
        double[] ev = symmetricEigenvalues(new double[][] {
                {cxx / count, cxy / count, cxz / count},
                {cxy / count, cyy / count, cyz / count},
                {cxz / count, cyz / count, czz / count}});
        roundTinyNegatives(ev);

        MeshBuilder.Mesh3D mesh = MeshBuilder.cubes(mask, nx, ny, nz, spacing);
        double area = mesh.surfaceArea();
        double volume = mesh.volume();
        // Doubled lattice units: one unit is half a voxel.
        double hx = sx / 2;
        double hy = sy / 2;
        double hz = sz / 2;
        double[] planes = HullUtil.planeDiameters(mesh.vertices(), mesh.count(), hx, hy, hz);
        double max3d = HullUtil.maxDistance3D(mesh.vertices(), mesh.count(), hx, hy, hz);

        double least = ev[0];
        double minor = ev[1];
        double major = ev[2];
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("Elongation", minor < 0 || major < 0 ? Double.NaN : Math.sqrt(minor / major));
        out.put("Flatness", least < 0 || major < 0 ? Double.NaN : Math.sqrt(least / major));
        out.put("LeastAxisLength", axis(least));
        out.put("MajorAxisLength", axis(major));
        out.put("Maximum2DDiameterColumn", planes[1]);
        out.put("Maximum2DDiameterRow", planes[2]);
        out.put("Maximum2DDiameterSlice", planes[0]);
        out.put("Maximum3DDiameter", max3d);
        out.put("MeshVolume", volume);
        out.put("MinorAxisLength", axis(minor));
        // Math.pow(x, 1/3) rather than cbrt: Python's ** (1.0 / 3.0) is a pow call.
        out.put("Sphericity", Math.pow(36 * Math.PI * volume * volume, 1.0 / 3.0) / area);
        out.put("SurfaceArea", area);
        out.put("SurfaceVolumeRatio", area / volume);
        out.put("VoxelVolume", count * (sz * sx * sy));
        return out;
    }

    /** 4 * sqrt(eigenvalue), NaN for a negative eigenvalue (PyRadiomics logs a warning and returns NaN). */
    static double axis(double eigenvalue) {
        return eigenvalue < 0 ? Double.NaN : 4 * Math.sqrt(eigenvalue);
    }

    /* numpy's eigvals can give -1e-17 instead of 0 for a flat (2D) mask; PyRadiomics rounds (-1e-10, 0) to 0. */
    static void roundTinyNegatives(double[] ev) {
        for (int i = 0; i < ev.length; i++) {
            if (ev[i] < 0 && ev[i] > -1e-10) {
                ev[i] = 0;
            }
        }
    }

    /**
     * Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (accurate to a few ulps of the largest
     * eigenvalue; no external library), sorted ascending. The input is overwritten.
     */
    static double[] symmetricEigenvalues(double[][] a) {
        final int n = a.length;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += Math.abs(a[p][q]);
                }
            }
            if (off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    double g = 100 * Math.abs(apq);
                    if (sweep > 3 && Math.abs(a[p][p]) + g == Math.abs(a[p][p])
                            && Math.abs(a[q][q]) + g == Math.abs(a[q][q])) {
                        // Below the diagonal's precision: dropping it changes no eigenvalue.
                        a[p][q] = 0;
                        a[q][p] = 0;
                        continue;
                    }
                    double h = a[q][q] - a[p][p];
                    double t;
                    if (Math.abs(h) + g == Math.abs(h)) {
                        t = apq / h;
                    } else {
                        double theta = 0.5 * h / apq;
                        t = 1 / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
                        if (theta < 0) {
                            t = -t;
                        }
                    }
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = t * c;
                    double tau = s / (1 + c);
                    a[p][p] -= t * apq;
                    a[q][q] += t * apq;
                    a[p][q] = 0;
                    a[q][p] = 0;
                    for (int r = 0; r < n; r++) {
                        if (r == p || r == q) {
                            continue;
                        }
                        double arp = a[r][p];
                        double arq = a[r][q];
                        a[r][p] = arp - s * (arq + tau * arp);
                        a[p][r] = a[r][p];
                        a[r][q] = arq + s * (arp - tau * arq);
                        a[q][r] = a[r][q];
                    }
                }
            }
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) {
            ev[i] = a[i][i];
        }
        java.util.Arrays.sort(ev);
        return ev;
    }
}
