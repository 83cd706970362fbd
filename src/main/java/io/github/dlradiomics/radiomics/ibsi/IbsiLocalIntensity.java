package io.github.dlradiomics.radiomics.ibsi;

import java.util.LinkedHashMap;

/**
 * IBSI local intensity features (IBSI 3.2): the local intensity peak (VJGA) and the global intensity peak
 * (0F91). The "peak" of a voxel is the mean intensity of all image voxels (inside or outside the ROI) whose
 * centres lie within a 1 cm<sup>3</sup> sphere (radius 6.2 mm) around it. The local peak is taken at the
 * ROI voxel(s) of maximum intensity (the highest peak among ties), the global peak is the highest peak over
 * the intensity mask.
 *
 * <p>Each peak is summed from row prefix sums along x: O(N<sub>ROI</sub> · rows in the sphere).
 *
 * <pre>LinkedHashMap&lt;String, Double&gt; li = IbsiLocalIntensity.compute(input);</pre>
 */
public final class IbsiLocalIntensity {
    /** Radius in mm of a sphere of 1 cm^3. */
    static final double RADIUS = Math.cbrt(3000.0 / (4 * Math.PI));

    private IbsiLocalIntensity() {
    }

    /** {@code loc_peak_loc} and {@code loc_peak_glob}. */
    public static LinkedHashMap<String, Double> compute(IbsiFeatures.Input in) {
        int nx = in.nx();
        int ny = in.ny();
        int nz = in.nz();
        double[] sp = in.spacing();
        double[] img = in.intensity();
        // prefix sums along x, per (y, z) row: pre[row * (nx + 1) + x] = sum of the first x values
        double[] pre = new double[ny * nz * (nx + 1)];
        for (int r = 0; r < ny * nz; r++) {
            int o = r * (nx + 1);
            for (int x = 0; x < nx; x++) {
                pre[o + x + 1] = pre[o + x] + img[r * nx + x];
            }
        }
        // sphere rows: for each (dy, dz) the half-width in x
        int ry = (int) Math.floor(RADIUS / sp[1]);
        int rz = (int) Math.floor(RADIUS / sp[2]);
        int rows = 0;
        int[] rdy = new int[(2 * ry + 1) * (2 * rz + 1)];
        int[] rdz = new int[rdy.length];
        int[] rhw = new int[rdy.length];
        for (int dz = -rz; dz <= rz; dz++) {
            for (int dy = -ry; dy <= ry; dy++) {
                double rest = RADIUS * RADIUS - Math.pow(dy * sp[1], 2) - Math.pow(dz * sp[2], 2);
                if (rest < 0) {
                    continue;
                }
                rdy[rows] = dy;
                rdz[rows] = dz;
                rhw[rows] = (int) Math.floor(Math.sqrt(rest) / sp[0] + 1e-9);
                rows++;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        boolean[] mask = in.intensityMask();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                max = Math.max(max, img[i]);
            }
        }
        double local = Double.NaN;
        double global = Double.NaN;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * (y + ny * z);
                    if (!mask[i]) {
                        continue;
                    }
                    double sum = 0;
                    long n = 0;
                    for (int r = 0; r < rows; r++) {
                        int yy = y + rdy[r];
                        int zz = z + rdz[r];
                        if (yy < 0 || zz < 0 || yy >= ny || zz >= nz) {
                            continue;
                        }
                        int x0 = Math.max(0, x - rhw[r]);
                        int x1 = Math.min(nx - 1, x + rhw[r]);
                        int o = (yy + ny * zz) * (nx + 1);
                        sum += pre[o + x1 + 1] - pre[o + x0];
                        n += x1 - x0 + 1;
                    }
                    double peak = sum / n;
                    if (Double.isNaN(global) || peak > global) {
                        global = peak;
                    }
                    if (img[i] == max && (Double.isNaN(local) || peak > local)) {
                        local = peak;
                    }
                }
            }
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("loc_peak_loc", local);
        out.put("loc_peak_glob", global);
        return out;
    }
}
