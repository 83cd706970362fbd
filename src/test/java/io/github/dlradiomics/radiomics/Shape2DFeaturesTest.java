package io.github.dlradiomics.radiomics;

import static io.github.dlradiomics.radiomics.ShapeFeaturesTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.radiomics.ShapeFeaturesTest.Mask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PyRadiomics parity and geometric checks of the 2D shape family. */
class Shape2DFeaturesTest {

    @Test
    void namesAreTheDefaultFeaturesInPyRadiomicsOrder() {
        List<String> names = Shape2DFeatures.names();
        assertEquals(9, names.size());
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names);
    }

    /**
     * The baselines' shape2D columns use slice z=16 (brain1) and z=9 (breast1) of the 3D label, force2D with
     * force2Ddimension 0: every feature within 1e-6.
     */
    @ParameterizedTest
    @CsvSource({"brain1, brain1_shape2D, 16", "breast1, breast1_shape2D, 9"})
    void matchesPyRadiomicsBaseline(String testCase, String column, int slice) throws IOException {
        Map<String, Double> expected = ShapeFeaturesTest.baseline("baseline_shape2D.csv", column, "original_shape2D_");
        Mask m = Mask.load(TestData.shared("reference/pyradiomics/data/" + testCase + "_label.nrrd"), 3);
        boolean[] single = keepSlice(m, slice - m.min[2]);
        Map<String, Double> actual = Shape2DFeatures.compute(single, m.nx, m.ny, m.nz, m.spacing, 0);
        assertEquals(Shape2DFeatures.names(), List.copyOf(actual.keySet()));
        assertEquals(Set.copyOf(Shape2DFeatures.names()), expected.keySet(), "baseline rows");
        for (String name : Shape2DFeatures.names()) {
            assertRelative(expected.get(name), actual.get(name), 1e-6, column + " " + name);
        }
    }

    /** Zero everywhere except z = k (a margin of empty slices stays around it). */
    private static boolean[] keepSlice(Mask m, int k) {
        boolean[] out = new boolean[m.mask.length];
        int plane = m.nx * m.ny;
        System.arraycopy(m.mask, k * plane, out, k * plane, plane);
        return out;
    }

    /**
     * force2Ddimension 1 (coronal) and 2 (sagittal) drop y resp. x; the 2D array keeps numpy order (rows = z).
     * The same 2D shape placed in those planes, with the spacings moved along, gives the same features.
     */
    @Test
    void otherForce2DDimensionsUseTheRemainingAxesInNumpyOrder() throws IOException {
        Mask m = Mask.load(TestData.shared("reference/pyradiomics/data/brain1_label.nrrd"), 0);
        int k = 16 - m.min[2];
        int rows = m.ny;
        int cols = m.nx;
        double sr = m.spacing[1];
        double sc = m.spacing[0];
        boolean[] axial = new boolean[cols * rows];
        System.arraycopy(m.mask, k * cols * rows, axial, 0, cols * rows);
        Map<String, Double> ref = Shape2DFeatures.compute(axial, cols, rows, 1, new double[] {sc, sr, 9.9}, 0);

        // Coronal: rows along z, columns along x; the ROI sits at y = 1 of 3 (empty margin slices around it).
        boolean[] coronal = new boolean[cols * 3 * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                coronal[c + cols * (1 + 3 * r)] = axial[r * cols + c];
            }
        }
        Map<String, Double> fy = Shape2DFeatures.compute(coronal, cols, 3, rows, new double[] {sc, 9.9, sr}, 1);
        // Sagittal: rows along z, columns along y.
        boolean[] sagittal = new boolean[cols * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                sagittal[c + cols * r] = axial[r * cols + c];
            }
        }
        Map<String, Double> fx = Shape2DFeatures.compute(sagittal, 1, cols, rows, new double[] {9.9, sc, sr}, 2);
        for (String name : Shape2DFeatures.names()) {
            assertRelative(ref.get(name), fy.get(name), 1e-12, "coronal " + name);
            assertRelative(ref.get(name), fx.get(name), 1e-12, "sagittal " + name);
        }
        assertThrows(IllegalArgumentException.class,
                () -> Shape2DFeatures.compute(coronal, cols, 3, rows, new double[] {1, 1, 1}, 0),
                "an ROI spanning several z slices is not 2D along z");
        assertThrows(IllegalArgumentException.class,
                () -> Shape2DFeatures.compute(axial, cols, rows, 1, new double[] {1, 1, 1}, 3));
    }

    @Test
    void singlePixelIsADiamond() {
        double sx = 0.6;
        double sy = 1.7;
        Map<String, Double> f = Shape2DFeatures.compute(new boolean[] {true}, 1, 1, 1, new double[] {sx, sy, 3}, 0);
        assertRelative(0.5 * sx * sy, f.get("MeshSurface"), 1e-14, "surface");
        assertRelative(2 * Math.hypot(sx, sy), f.get("Perimeter"), 1e-14, "perimeter");
        assertRelative(Math.max(sx, sy), f.get("MaximumDiameter"), 1e-14, "diameter");
        assertRelative(sx * sy, f.get("PixelSurface"), 1e-14, "pixel surface");
    }

    /** An a x b rectangle: the mid-point contour is the rectangle with its corners cut at 45 degrees (in pixels). */
    @ParameterizedTest
    @CsvSource({"1, 1", "0.664062, 0.664062", "0.5, 1.9", "1.9, 0.5"})
    void rectangleHasClosedFormFeatures(double sx, double sy) {
        int a = 9;
        int b = 5;
        int nx = a + 2;
        int ny = b + 4;
        boolean[] m = new boolean[nx * ny];
        for (int y = 2; y < 2 + b; y++) {
            for (int x = 1; x < 1 + a; x++) {
                m[x + nx * y] = true;
            }
        }
        Map<String, Double> f = Shape2DFeatures.compute(m, nx, ny, 1, new double[] {sx, sy, 1}, 0);
        assertRelative((a * b - 0.5) * sx * sy, f.get("MeshSurface"), 1e-13, "surface");
        double perimeter = 2 * (a - 1) * sx + 2 * (b - 1) * sy + 2 * Math.hypot(sx, sy);
        assertRelative(perimeter, f.get("Perimeter"), 1e-13, "perimeter");
        double diameter = Math.max(Math.max(Math.hypot(a * sx, (b - 1) * sy), Math.hypot((a - 1) * sx, b * sy)),
                Math.hypot((a - 0.5) * sx, (b - 0.5) * sy));
        assertRelative(diameter, f.get("MaximumDiameter"), 1e-14, "diameter");
        double vx = (a * a - 1) / 12.0 * sx * sx;
        double vy = (b * b - 1) / 12.0 * sy * sy;
        assertRelative(4 * Math.sqrt(Math.max(vx, vy)), f.get("MajorAxisLength"), 1e-12, "major");
        assertRelative(4 * Math.sqrt(Math.min(vx, vy)), f.get("MinorAxisLength"), 1e-12, "minor");
        assertRelative(Math.sqrt(Math.min(vx, vy) / Math.max(vx, vy)), f.get("Elongation"), 1e-12, "elongation");
    }

    @Test
    void diskIsCloseToAnalytic() {
        int r = 20;
        int n = 2 * r + 5;
        int c = n / 2;
        boolean[] m = new boolean[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                m[x + n * y] = (x - c) * (x - c) + (y - c) * (y - c) <= r * r;
            }
        }
        Map<String, Double> f = Shape2DFeatures.compute(m, n, n, 1, new double[] {1, 1, 1}, 0);
        assertRelative(Math.PI * r * r, f.get("MeshSurface"), 0.01, "surface");
        // Mid-point contours only have segments at multiples of 45 degrees (in pixels), so they overestimate a
        // smooth curve's length: by 4/pi (2 sqrt 2 - 2) - 1 = 5.5% on average over directions, 7.2% for this disk.
        double ratio = f.get("Perimeter") / (2 * Math.PI * r);
        assertTrue(ratio > 1.0 && ratio < 1.09, "perimeter ratio " + ratio);
        // Follows from the perimeter excess: 1 / 1.072 = 0.933.
        assertTrue(f.get("Sphericity") > 0.9 && f.get("Sphericity") <= 1, "sphericity " + f.get("Sphericity"));
        assertEquals(2 * r + 1, f.get("MaximumDiameter"), 1e-12);
        assertRelative(1, f.get("Elongation"), 1e-9, "elongation");
    }

    /** The hull-based diameter equals the all-pairs definition on random blobs. */
    @Test
    void diameterEqualsTheAllPairsDefinition() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            int nx = 1 + rnd.nextInt(25);
            int ny = 1 + rnd.nextInt(25);
            double density = 0.05 + 0.9 * rnd.nextDouble();
            boolean[] m = new boolean[nx * ny];
            for (int i = 0; i < m.length; i++) {
                m[i] = rnd.nextDouble() < density;
            }
            m[rnd.nextInt(m.length)] = true;
            double sx = trial % 3 == 0 ? 1 : 0.3 + rnd.nextDouble();
            double sy = trial % 3 == 0 ? 1 : 0.3 + 2 * rnd.nextDouble();
            Map<String, Double> f = Shape2DFeatures.compute(m, nx, ny, 1, new double[] {sx, sy, 1}, 0);
            // Vertices: mid-points of the edges between an inside and an outside pixel (outside the grid = out).
            List<double[]> v = new ArrayList<>();
            for (int y = -1; y < ny; y++) {
                for (int x = -1; x < nx; x++) {
                    boolean in = at(m, nx, ny, x, y);
                    if (y >= 0 && in != at(m, nx, ny, x + 1, y)) {
                        v.add(new double[] {(x + 0.5) * sx, y * sy});
                    }
                    if (x >= 0 && in != at(m, nx, ny, x, y + 1)) {
                        v.add(new double[] {x * sx, (y + 0.5) * sy});
                    }
                }
            }
            double best = 0;
            for (int i = 0; i < v.size(); i++) {
                for (int j = i + 1; j < v.size(); j++) {
                    best = Math.max(best, Math.hypot(v.get(i)[0] - v.get(j)[0], v.get(i)[1] - v.get(j)[1]));
                }
            }
            assertEquals(best, f.get("MaximumDiameter"), 1e-12 * best, "trial " + trial);
        }
    }

    private static boolean at(boolean[] m, int nx, int ny, int x, int y) {
        return x >= 0 && y >= 0 && x < nx && y < ny && m[x + nx * y];
    }
}
