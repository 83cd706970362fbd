package io.github.dlradiomics.radiomics.ibsi;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.stream.IntStream;

/**
 * IBSI morphological features (IBSI 3.1, tags {@code morph_*}): mesh volume and area from marching cubes
 * ({@link IbsiMesh}), voxel-counting volume, the derived compactness/sphericity family, centre of mass shift,
 * maximum 3D diameter (over the convex hull's vertices), PCA axes of the voxel centres, volume and area
 * densities for the axis-aligned bounding box, the oriented minimum bounding box, the approximate enclosing
 * ellipsoid, the minimum volume enclosing ellipsoid and the convex hull, integrated intensity, Moran's I and
 * Geary's C.
 *
 * <p>Shape uses the morphological mask; intensity-weighted features (centre of mass shift, integrated
 * intensity, Moran's I, Geary's C) use the intensity mask. OMBB and MVEE have no IBSI consensus: OMBB here is
 * the smallest box with one face flush with a convex-hull face (minimum-area rectangle by rotating the
 * projection's hull edges), MVEE is Khachiyan's algorithm on the hull vertices (tolerance 1e-3).
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; morph = IbsiMorphology.compute(input, IbsiSettings.DEFAULT);</pre>
 */
public final class IbsiMorphology {
    /** The tags, in the order of the IBSI reference tables. */
    static final String[] TAGS = {"morph_volume", "morph_vol_approx", "morph_area_mesh", "morph_av", "morph_comp_1",
        "morph_comp_2", "morph_sph_dispr", "morph_sphericity", "morph_asphericity", "morph_com", "morph_diam",
        "morph_pca_maj_axis", "morph_pca_min_axis", "morph_pca_least_axis", "morph_pca_elongation",
        "morph_pca_flatness", "morph_vol_dens_aabb", "morph_area_dens_aabb", "morph_vol_dens_ombb",
        "morph_area_dens_ombb", "morph_vol_dens_aee", "morph_area_dens_aee", "morph_vol_dens_mvee",
        "morph_area_dens_mvee", "morph_vol_dens_conv_hull", "morph_area_dens_conv_hull", "morph_integ_int",
        "morph_moran_i", "morph_geary_c"};

    private IbsiMorphology() {
    }

    /** The 29 {@code morph_*} features (Moran's I and Geary's C NaN when the settings switch them off). */
    public static LinkedHashMap<String, Double> compute(IbsiFeatures.Input in, IbsiSettings s) {
        int nx = in.nx();
        int ny = in.ny();
        int nz = in.nz();
        double[] sp = in.spacing();
        boolean[] morph = in.morphMask();
        boolean[] intMask = in.intensityMask();
        double[] img = in.intensity();
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();

        IbsiMesh mesh = IbsiMesh.of(morph, nx, ny, nz, sp);
        double v = mesh.volume();
        double a = mesh.area();
        long nMorph = 0;
        double[] com = new double[3];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    if (morph[x + nx * (y + ny * z)]) {
                        nMorph++;
                        com[0] += x;
                        com[1] += y;
                        com[2] += z;
                    }
                }
            }
        }
        double voxelVolume = sp[0] * sp[1] * sp[2];
        if (nMorph == 0) {
            for (String t : TAGS) {
                out.put(t, t.equals("morph_vol_approx") ? 0.0 : Double.NaN);
            }
            return out;
        }
        // 36 pi V^2 / A^3 is the base of compactness 2, sphericity, spherical disproportion and asphericity
        double base = 36 * Math.PI * v * v / (a * a * a);
        out.put("morph_volume", v);
        out.put("morph_vol_approx", nMorph * voxelVolume);
        out.put("morph_area_mesh", a);
        out.put("morph_av", a / v);
        out.put("morph_comp_1", v / (Math.sqrt(Math.PI) * Math.pow(a, 1.5)));
        out.put("morph_comp_2", base);
        out.put("morph_sph_dispr", Math.cbrt(1 / base));
        out.put("morph_sphericity", Math.cbrt(base));
        out.put("morph_asphericity", Math.cbrt(1 / base) - 1);

        // centre of mass shift (KLMA): geometric centre of the morphological mask vs the intensity-weighted centre
        double[] comI = new double[3];
        double iSum = 0;
        int nInt = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * (y + ny * z);
                    if (intMask[i]) {
                        comI[0] += img[i] * x;
                        comI[1] += img[i] * y;
                        comI[2] += img[i] * z;
                        iSum += img[i];
                        nInt++;
                    }
                }
            }
        }
        double shift = 0;
        for (int k = 0; k < 3; k++) {
            double d = (com[k] / nMorph - comI[k] / iSum) * sp[k];
            shift += d * d;
        }
        out.put("morph_com", Math.sqrt(shift));

        // convex hull, exact, in doubled index units (scale: half a voxel per unit)
        double[] scale = {sp[0] / 2, sp[1] / 2, sp[2] / 2};
        IbsiConvexHull hull = IbsiConvexHull.of(mesh.grid);
        int[] hv = hull.vertices();
        double[][] hullMm = new double[hv.length][];
        for (int k = 0; k < hv.length; k++) {
            hullMm[k] = IbsiConvexHull.mm(hull.points[hv[k]], scale);
        }
        out.put("morph_diam", diameter(hullMm));

        // PCA of the voxel centres (mm), sample covariance as the reference implementations use
        double[] lambda = pcaEigenvalues(morph, nx, ny, nz, sp, com, nMorph);
        double major = lambda[0];
        double minor = lambda[1];
        double least = lambda[2];
        out.put("morph_pca_maj_axis", 4 * Math.sqrt(major));
        out.put("morph_pca_min_axis", 4 * Math.sqrt(minor));
        out.put("morph_pca_least_axis", 4 * Math.sqrt(least));
        out.put("morph_pca_elongation", Math.sqrt(minor / major));
        out.put("morph_pca_flatness", Math.sqrt(least / major));

        // axis-aligned bounding box of the mesh (= of the hull vertices)
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] p : hullMm) {
            for (int k = 0; k < 3; k++) {
                lo[k] = Math.min(lo[k], p[k]);
                hi[k] = Math.max(hi[k], p[k]);
            }
        }
        double ex = hi[0] - lo[0];
        double ey = hi[1] - lo[1];
        double ez = hi[2] - lo[2];
        out.put("morph_vol_dens_aabb", v / (ex * ey * ez));
        out.put("morph_area_dens_aabb", a / (2 * (ex * ey + ex * ez + ey * ez)));

        double[] ombb = hull.isEmpty() ? new double[] {Double.NaN, Double.NaN, Double.NaN} : orientedBox(hull, scale);
        out.put("morph_vol_dens_ombb", v / (ombb[0] * ombb[1] * ombb[2]));
        out.put("morph_area_dens_ombb", a / (2 * (ombb[0] * ombb[1] + ombb[0] * ombb[2] + ombb[1] * ombb[2])));

        // approximate enclosing ellipsoid: semi-axes 2 sqrt(lambda)
        double sa = 2 * Math.sqrt(major);
        double sb = 2 * Math.sqrt(minor);
        double sc = 2 * Math.sqrt(least);
        out.put("morph_vol_dens_aee", 3 * v / (4 * Math.PI * sa * sb * sc));
        out.put("morph_area_dens_aee", a / ellipsoidArea(sa, sb, sc));

        double[] mvee = hv.length < 4 ? new double[] {Double.NaN, Double.NaN, Double.NaN} : mvee(hullMm, 1e-3);
        out.put("morph_vol_dens_mvee", 3 * v / (4 * Math.PI * mvee[0] * mvee[1] * mvee[2]));
        out.put("morph_area_dens_mvee", a / ellipsoidArea(mvee[0], mvee[1], mvee[2]));

        out.put("morph_vol_dens_conv_hull", v / hull.volume(scale));
        out.put("morph_area_dens_conv_hull", a / hull.area(scale));

        out.put("morph_integ_int", nInt == 0 ? Double.NaN : v * iSum / nInt);
        double[] geo = s.geospatial() ? moranGeary(in) : new double[] {Double.NaN, Double.NaN};
        out.put("morph_moran_i", geo[0]);
        out.put("morph_geary_c", geo[1]);
        return out;
    }

    /** Largest distance between two points (hull vertices): O(h^2). */
    static double diameter(double[][] p) {
        double best = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = i + 1; j < p.length; j++) {
                double dx = p[i][0] - p[j][0];
                double dy = p[i][1] - p[j][1];
                double dz = p[i][2] - p[j][2];
                best = Math.max(best, dx * dx + dy * dy + dz * dz);
            }
        }
        return p.length == 0 ? Double.NaN : Math.sqrt(best);
    }

    /** Eigenvalues, descending, of the sample covariance (N - 1) of the mask's voxel centres in mm. */
    private static double[] pcaEigenvalues(boolean[] mask, int nx, int ny, int nz, double[] sp, double[] comSum,
            long n) {
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double mx = comSum[0] / n;
        double my = comSum[1] / n;
        double mz = comSum[2] / n;
        double[][] c = new double[3][3];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    if (!mask[x + nx * (y + ny * z)]) {
                        continue;
                    }
                    double[] d = {(x - mx) * sp[0], (y - my) * sp[1], (z - mz) * sp[2]};
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            c[i][j] += d[i] * d[j];
                        }
                    }
                }
            }
        }
        for (double[] row : c) {
            for (int j = 0; j < 3; j++) {
                row[j] /= n - 1;
            }
        }
        double[] ev = symmetricEigenvalues(c);
        Arrays.sort(ev);
        return new double[] {ev[2], ev[1], Math.max(0, ev[0])};
    }

    /** Eigenvalues of a symmetric 3x3 matrix by cyclic Jacobi rotations. */
    static double[] symmetricEigenvalues(double[][] m) {
        double[][] a = {m[0].clone(), m[1].clone(), m[2].clone()};
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
            if (off < 1e-30 * (a[0][0] * a[0][0] + a[1][1] * a[1][1] + a[2][2] * a[2][2]) || off == 0) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double cs = 1 / Math.sqrt(t * t + 1);
                    double sn = t * cs;
                    for (int k = 0; k < 3; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = cs * akp - sn * akq;
                        a[k][q] = sn * akp + cs * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = cs * apk - sn * aqk;
                        a[q][k] = sn * apk + cs * aqk;
                    }
                }
            }
        }
        return new double[] {a[0][0], a[1][1], a[2][2]};
    }

    /**
     * Surface area of an ellipsoid with semi-axes a &gt;= b &gt;= c: IBSI's Legendre series (20 terms) for the
     * tri-axial case, exact formulas for spheres and spheroids.
     */
    static double ellipsoidArea(double a, double b, double c) {
        double[] s = {a, b, c};
        Arrays.sort(s);
        c = s[0];
        b = s[1];
        a = s[2];
        if (!(c > 0)) {
            return Double.NaN;
        }
        double alpha = Math.sqrt(Math.max(0, 1 - b * b / (a * a)));
        double beta = Math.sqrt(Math.max(0, 1 - c * c / (a * a)));
        if (beta == 0) {
            return 4 * Math.PI * a * a; // sphere
        }
        if (alpha == 0) {
            // oblate spheroid (a = b > c)
            double e = beta;
            return 2 * Math.PI * a * a * (1 + (1 - e * e) / e * atanh(e));
        }
        if (alpha == beta) {
            // prolate spheroid (a > b = c)
            double e = beta;
            return 2 * Math.PI * c * c * (1 + a / (c * e) * Math.asin(e));
        }
        double x = (alpha * alpha + beta * beta) / (2 * alpha * beta);
        double ab = alpha * beta;
        double sum = 0;
        double pPrev = 1; // P_0
        double p = x; // P_1
        double pow = 1;
        for (int nu = 0; nu <= 20; nu++) {
            double legendre;
            if (nu == 0) {
                legendre = 1;
            } else if (nu == 1) {
                legendre = x;
            } else {
                double pn = ((2 * nu - 1) * x * p - (nu - 1) * pPrev) / nu;
                pPrev = p;
                p = pn;
                legendre = pn;
            }
            sum += pow * legendre / (1 - 4.0 * nu * nu);
            pow *= ab;
        }
        return 4 * Math.PI * a * b * sum;
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    /**
     * Oriented bounding box extents (mm): for every distinct hull face normal, the hull is projected onto the
     * face plane and the minimum-area rectangle found among the projection hull's edge directions; the box with
     * the smallest volume wins. Exact for boxes flush with a hull face (IBSI has no consensus on OMBB).
     */
    private static double[] orientedBox(IbsiConvexHull hull, double[] scale) {
        int[] hv = hull.vertices();
        double[][] p = new double[hv.length][];
        for (int k = 0; k < hv.length; k++) {
            p[k] = IbsiConvexHull.mm(hull.points[hv[k]], scale);
        }
        double bestVol = Double.POSITIVE_INFINITY;
        double[] best = {Double.NaN, Double.NaN, Double.NaN};
        java.util.HashSet<String> seen = new java.util.HashSet<>();
        int[] f = hull.faces;
        double[] px = new double[p.length];
        double[] py = new double[p.length];
        for (int t = 0; t < f.length; t += 3) {
            double[] a = IbsiConvexHull.mm(hull.points[f[t]], scale);
            double[] b = IbsiConvexHull.mm(hull.points[f[t + 1]], scale);
            double[] c = IbsiConvexHull.mm(hull.points[f[t + 2]], scale);
            double[] n = normalise(crossD(sub(b, a), sub(c, a)));
            if (n == null || !seen.add(Math.round(n[0] * 1e6) + "," + Math.round(n[1] * 1e6) + "," + Math.round(n[2] * 1e6))) {
                continue;
            }
            double[] e1 = normalise(sub(b, a));
            double[] e2 = crossD(n, e1);
            double hMin = Double.POSITIVE_INFINITY;
            double hMax = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < p.length; k++) {
                double h = dot(p[k], n);
                hMin = Math.min(hMin, h);
                hMax = Math.max(hMax, h);
                px[k] = dot(p[k], e1);
                py[k] = dot(p[k], e2);
            }
            double[] rect = minAreaRectangle(px, py);
            double vol = rect[0] * rect[1] * (hMax - hMin);
            if (vol < bestVol) {
                bestVol = vol;
                best = new double[] {rect[0], rect[1], hMax - hMin};
            }
        }
        return best;
    }

    /** Minimum-area enclosing rectangle of 2D points: sides of the rectangle along each convex hull edge. */
    private static double[] minAreaRectangle(double[] x, double[] y) {
        int n = x.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (i, j) -> x[i] != x[j] ? Double.compare(x[i], x[j]) : Double.compare(y[i], y[j]));
        int[] h = new int[2 * n];
        int k = 0;
        for (int t = 0; t < n; t++) {
            int i = idx[t];
            while (k >= 2 && cross2(x, y, h[k - 2], h[k - 1], i) <= 0) {
                k--;
            }
            h[k++] = i;
        }
        for (int t = n - 2, lower = k + 1; t >= 0; t--) {
            int i = idx[t];
            while (k >= lower && cross2(x, y, h[k - 2], h[k - 1], i) <= 0) {
                k--;
            }
            h[k++] = i;
        }
        int m = Math.max(1, k - 1);
        double bestArea = Double.POSITIVE_INFINITY;
        double[] best = {0, 0};
        for (int e = 0; e < m; e++) {
            int i = h[e];
            int j = h[(e + 1) % m];
            double dx = x[j] - x[i];
            double dy = y[j] - y[i];
            double len = Math.hypot(dx, dy);
            if (len == 0) {
                continue;
            }
            dx /= len;
            dy /= len;
            double uMin = Double.POSITIVE_INFINITY;
            double uMax = Double.NEGATIVE_INFINITY;
            double wMin = Double.POSITIVE_INFINITY;
            double wMax = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < m; t++) {
                double u = x[h[t]] * dx + y[h[t]] * dy;
                double w = -x[h[t]] * dy + y[h[t]] * dx;
                uMin = Math.min(uMin, u);
                uMax = Math.max(uMax, u);
                wMin = Math.min(wMin, w);
                wMax = Math.max(wMax, w);
            }
            double area = (uMax - uMin) * (wMax - wMin);
            if (area < bestArea) {
                bestArea = area;
                best = new double[] {uMax - uMin, wMax - wMin};
            }
        }
        return best;
    }

    private static double cross2(double[] x, double[] y, int o, int a, int b) {
        return (x[a] - x[o]) * (y[b] - y[o]) - (y[a] - y[o]) * (x[b] - x[o]);
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] crossD(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] normalise(double[] v) {
        double l = Math.sqrt(dot(v, v));
        return l == 0 ? null : new double[] {v[0] / l, v[1] / l, v[2] / l};
    }

    /**
     * Semi-axes of the minimum volume enclosing ellipsoid of the points (Khachiyan's barycentric coordinate
     * ascent; stops when the weight update is below tol).
     */
    static double[] mvee(double[][] pts, double tol) {
        int n = pts.length;
        double[] u = new double[n];
        Arrays.fill(u, 1.0 / n);
        double[][] q = new double[n][];
        for (int i = 0; i < n; i++) {
            q[i] = new double[] {pts[i][0], pts[i][1], pts[i][2], 1};
        }
        // X = sum u_i q_i q_i^T, updated in O(16) per step: X <- (1 - step) X + step q_j q_j^T
        double[][] x = new double[4][4];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    x[r][c] += u[i] * q[i][r] * q[i][c];
                }
            }
        }
        for (int iter = 0; iter < 100000; iter++) {
            double[][] xi = invert(x);
            if (xi == null) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN};
            }
            int jMax = 0;
            double mMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double[] qi = q[i];
                double m = 0;
                for (int r = 0; r < 4; r++) {
                    m += qi[r] * (xi[r][0] * qi[0] + xi[r][1] * qi[1] + xi[r][2] * qi[2] + xi[r][3] * qi[3]);
                }
                if (m > mMax) {
                    mMax = m;
                    jMax = i;
                }
            }
            double step = (mMax - 4) / (4 * (mMax - 1));
            // |u_new - u|^2 = step^2 (|u|^2 - 2 u_j + 1)
            double uu = 0;
            for (double ui : u) {
                uu += ui * ui;
            }
            double err = Math.abs(step) * Math.sqrt(Math.max(0, uu - 2 * u[jMax] + 1));
            for (int i = 0; i < n; i++) {
                u[i] *= 1 - step;
            }
            u[jMax] += step;
            double[] qj = q[jMax];
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    x[r][c] = (1 - step) * x[r][c] + step * qj[r] * qj[c];
                }
            }
            if (err < tol) {
                break;
            }
        }
        double[] centre = new double[3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                centre[k] += u[i] * pts[i][k];
            }
        }
        double[][] cov = new double[3][3];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    cov[r][c] += u[i] * (pts[i][r] - centre[r]) * (pts[i][c] - centre[c]);
                }
            }
        }
        // A = (1/d) cov^-1; semi-axes are 1/sqrt(eig(A)) = sqrt(d * eig(cov))
        double[] ev = symmetricEigenvalues(cov);
        double[] axes = new double[3];
        for (int k = 0; k < 3; k++) {
            axes[k] = Math.sqrt(3 * Math.max(0, ev[k]));
        }
        Arrays.sort(axes);
        return new double[] {axes[2], axes[1], axes[0]};
    }

    /** Gauss-Jordan inverse with partial pivoting; null when singular. */
    private static double[][] invert(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            if (Math.abs(a[piv][c]) < 1e-300) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            double d = a[c][c];
            for (int k = 0; k < 2 * n; k++) {
                a[c][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double fct = a[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        a[r][k] -= fct * a[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /**
     * Moran's I (N365) and Geary's C (NPT7) over the intensity-mask voxels with inverse-distance weights
     * (distances in mm). Exact and O(N^2) by definition: every voxel pair is visited once (i &lt; j), in parallel
     * over i, with the weights computed on the fly (no N x N storage).
     */
    static double[] moranGeary(IbsiFeatures.Input in) {
        int nx = in.nx();
        int ny = in.ny();
        double[] sp = in.spacing();
        double[] img = in.intensity();
        boolean[] mask = in.intensityMask();
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] px = new double[n];
        double[] py = new double[n];
        double[] pz = new double[n];
        double[] dev = new double[n];
        double mean = 0;
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                px[k] = (i % nx) * sp[0];
                py[k] = ((i / nx) % ny) * sp[1];
                pz[k] = (i / (nx * ny)) * sp[2];
                dev[k] = img[i];
                mean += img[i];
                k++;
            }
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            dev[i] -= mean;
            ss += dev[i] * dev[i];
        }
        final int nn = n;
        // per i: {sum w, sum w dev_i dev_j, sum w (dev_i - dev_j)^2}
        double[][] part = IntStream.range(0, n - 1).parallel().mapToObj(i -> {
            double w = 0;
            double mor = 0;
            double gea = 0;
            double xi = px[i];
            double yi = py[i];
            double zi = pz[i];
            double di = dev[i];
            for (int j = i + 1; j < nn; j++) {
                double dx = xi - px[j];
                double dy = yi - py[j];
                double dz = zi - pz[j];
                double wij = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
                double dj = dev[j];
                w += wij;
                mor += wij * di * dj;
                gea += wij * (di - dj) * (di - dj);
            }
            return new double[] {w, mor, gea};
        }).toArray(double[][]::new);
        double w = 0;
        double mor = 0;
        double gea = 0;
        for (double[] p : part) {
            w += p[0];
            mor += p[1];
            gea += p[2];
        }
        if (ss == 0) {
            return new double[] {1, 1}; // constant ROI: perfect autocorrelation, as the reference implementations
        }
        return new double[] {n * mor / (w * ss), (n - 1) * gea / (2 * w * ss)};
    }
}
