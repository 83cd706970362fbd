package io.github.dlradiomics.radiomics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.NrrdIO;
import io.github.dlradiomics.image.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GLCM (and {@link Angles}) against PyRadiomics: its glcm.py docstring example, its reference matrices
 * (matrix_baseline/*_glcm.npy) and its feature baselines for the default, 2d, FBN, combined, flatRegion and
 * resegmentation configurations of brain1 and breast1.
 */
class GlcmFeaturesTest {

    @Test
    void namesAreTheBaselineFeaturesInPyRadiomicsOrder() throws IOException {
        List<String> names = GlcmFeatures.names();
        assertEquals(24, names.size());
        // PyRadiomics sorts its getXxxFeatureValue methods by name
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparing(n -> "get" + n + "FeatureValue"));
        assertEquals(sorted, names);
        assertEquals(new java.util.TreeSet<>(names),
                new java.util.TreeSet<>(ReferenceCase.baselineFeatures("glcm")));
    }

    @Test
    void anglesFollowBuildAngles() {
        int[][] a3d = Angles.generate(new int[] {5, 5, 5}, new int[] {1}, false, -1);
        int[][] expected = {{1, 1, 1}, {1, 1, 0}, {1, 1, -1}, {1, 0, 1}, {1, 0, 0}, {1, 0, -1}, {1, -1, 1},
            {1, -1, 0}, {1, -1, -1}, {0, 1, 1}, {0, 1, 0}, {0, 1, -1}, {0, 0, 1}};
        assertArrayEquals(expected, a3d);
        // force2D along z (numpy axis 0): the in-plane (y, x) angles
        assertArrayEquals(new int[][] {{0, 1, 1}, {0, 1, 0}, {0, 1, -1}, {0, 0, 1}},
                Angles.generate(new int[] {5, 5, 5}, new int[] {1}, false, 0));
        // force2D along x (numpy axis 2)
        assertArrayEquals(new int[][] {{1, 1, 0}, {1, 0, 0}, {1, -1, 0}, {0, 1, 0}},
                Angles.generate(new int[] {5, 5, 5}, new int[] {1}, false, 2));
        // a single slice: no angle may move along z
        assertEquals(4, Angles.generate(new int[] {1, 5, 5}, new int[] {1}, false, -1).length);
        // both directions: 26-connectivity, the second half mirrors the first
        int[][] both = Angles.generate(new int[] {5, 5, 5}, new int[] {1}, true, -1);
        assertEquals(26, both.length);
        for (int i = 0; i < 13; i++) {
            assertArrayEquals(new int[] {-both[i][0], -both[i][1], -both[i][2]}, both[25 - i]);
        }
        // distance 2 alone: the 49 angles of infinity norm 2 (98-connectivity), starting at (2, 2, 2)
        int[][] d2 = Angles.generate(new int[] {5, 5, 5}, new int[] {2}, false, -1);
        assertEquals(49, d2.length);
        assertArrayEquals(new int[] {2, 2, 2}, d2[0]);
        assertEquals(62, Angles.generate(new int[] {5, 5, 5}, new int[] {1, 2}, false, -1).length);
        // an axis of 2 voxels allows no offset of 2 along it: get_angle_count's (2(size-1)+1) factor
        assertEquals((5 * 5 * 3 - 3 * 3 * 3) / 2, Angles.generate(new int[] {2, 5, 5}, new int[] {2}, false, -1).length);
    }

    @Test
    void docstringExampleGivesThePublishedSymmetricalMatrix() {
        // glcm.py class docstring: 5x5 image, distance 1, angle 0 degrees (x neighbours), symmetrical GLCM
        DiscretizedRoi roi = new DiscretizedRoi(5, 5, 1, new int[] {
            1, 2, 5, 2, 3,
            3, 2, 1, 3, 1,
            1, 3, 5, 5, 2,
            1, 1, 1, 1, 2,
            1, 2, 4, 3, 5}, new double[] {1, 1, 1});
        double[][] expected = {
            {6, 4, 3, 0, 0},
            {4, 0, 2, 1, 3},
            {3, 2, 0, 1, 2},
            {0, 1, 1, 0, 0},
            {0, 3, 2, 0, 2}};
        double[][][] raw = GlcmFeatures.matrix(roi, TextureSettings.DEFAULT);
        assertEquals(4, raw.length); // (0,1,1), (0,1,0), (0,1,-1), (0,0,1)
        double[][] horizontal = raw[3];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(expected[i][j], horizontal[i][j] + horizontal[j][i], "P(" + (i + 1) + "," + (j + 1) + ")");
            }
        }
    }

    @Test
    void eigenvaluesOfGeneralMatrices() {
        // symmetric tridiagonal (2, -1): eigenvalues 2 - 2 cos(k pi / (n + 1))
        int n = 12;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            t[i][i] = 2;
            if (i > 0) {
                t[i][i - 1] = -1;
                t[i - 1][i] = -1;
            }
        }
        double[] expected = new double[n];
        for (int k = 1; k <= n; k++) {
            expected[k - 1] = 2 - 2 * Math.cos(k * Math.PI / (n + 1));
        }
        assertEigenvalues(t, expected, new double[n], 1e-13);

        // non-symmetric: Q T Q with Q a Householder reflector (orthogonal, Q = Q^-1) and T upper triangular with a
        // rotation block, so the eigenvalues are T's diagonal plus the pair 0.5 +- 2i
        Random r = new Random(7);
        int m = 9;
        double[][] tri = new double[m][m];
        double[] re = {3, -1, 0.25, 0, 1e-3, 7, 2, 0.5, 0.5};
        double[] im = {0, 0, 0, 0, 0, 0, 0, 2, -2};
        for (int i = 0; i < m; i++) {
            tri[i][i] = re[i];
            for (int j = i + 1; j < m; j++) {
                tri[i][j] = r.nextGaussian();
            }
        }
        tri[7][8] = 2;
        tri[8][7] = -2;
        double[] u = new double[m];
        double uu = 0;
        for (int i = 0; i < m; i++) {
            u[i] = r.nextGaussian();
            uu += u[i] * u[i];
        }
        double[][] q = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                q[i][j] = (i == j ? 1 : 0) - 2 * u[i] * u[j] / uu;
            }
        }
        assertEigenvalues(multiply(q, multiply(tri, q)), re, im, 1e-10);

        // a defective-looking stochastic matrix like MCC's Q: rows sum to 1, so 1 is an eigenvalue
        double[][] stochastic = {{0.5, 0.5, 0}, {0.25, 0.5, 0.25}, {0, 0.5, 0.5}};
        assertEigenvalues(stochastic, new double[] {1, 0.5, 0}, new double[3], 1e-14);
    }

    @Test
    void eigenvaluesConvergeOnMccMatricesWithARepeatedEigenvalueOne() {
        // A GLCM made of 8 disconnected groups of levels (shuffled) gives a Q with eigenvalue 1 eight times. Forming
        // the Francis shift column as H^2 - sH + tI cancelled catastrophically here and the QR iteration stalled.
        for (long seed = 0; seed < 10; seed++) {
            Random r = new Random(seed);
            int blocks = 8;
            int size = 5;
            int n = blocks * size;
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double[][] p = new double[n][n];
            double total = 0;
            for (int b = 0; b < blocks; b++) {
                for (int i = 0; i < size; i++) {
                    for (int j = i; j < size; j++) {
                        double v = 1 + r.nextInt(50);
                        int a = perm[b * size + i];
                        int c = perm[b * size + j];
                        p[a][c] += v;
                        total += v;
                        if (a != c) {
                            p[c][a] += v;
                            total += v;
                        }
                    }
                }
            }
            double[] px = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    p[i][j] /= total;
                    px[i] += p[i][j];
                }
            }
            double[][] q = new double[n][n];
            double trace = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        q[i][j] += p[i][k] * p[j][k] / (px[i] * px[k] + GlcmFeatures.EPS);
                    }
                }
                trace += q[i][i];
            }
            double[] wr = new double[n];
            double[] wi = new double[n];
            assertTrue(GlcmFeatures.Eigenvalues.of(q, wr, wi), "seed " + seed + " converged");
            double[] sorted = wr.clone();
            Arrays.sort(sorted);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += wr[i];
                assertEquals(0, wi[i], 1e-6, "seed " + seed);
            }
            assertEquals(trace, sum, 1e-12, "seed " + seed + ": sum of eigenvalues = trace");
            for (int i = n - blocks; i < n; i++) {
                assertEquals(1, sorted[i], 1e-10, "seed " + seed + ": eigenvalue 1 of each disconnected group");
            }
        }
    }

    @Test
    void matrixMatchesPyRadiomicsReference() throws IOException {
        for (String name : List.of("brain1", "breast1")) {
            // matrix_baseline holds P_glcm after _calculateMatrix: Ng x Ng x 13, present levels only, symmetrical,
            // normalised per angle; its angle axis is in build_angles' order, which Angles reproduces.
            Npy ref = Npy.read(TestData.shared("reference/pyradiomics/matrix_baseline/" + name + "_glcm.npy"));
            DiscretizedRoi roi = ReferenceCase.roi(name, ReferenceCase.config(name));
            GlcmFeatures.Normalized m = GlcmFeatures.normalized(roi, TextureSettings.DEFAULT);
            int n = m.levels().length;
            assertArrayEquals(new int[] {n, n, 13}, ref.shape(), name + " shape");
            assertEquals(13, m.p().length);
            for (int a = 0; a < 13; a++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(ref.get(i, j, a), m.p()[a][i][j], 1e-12, name + " P[" + i + "][" + j + "][" + a + "]");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"brain1", "brain1_2d", "brain1_FBN", "brain1_combined", "brain1_flatRegion",
        "brain1_resegmentation", "breast1", "breast1_2d", "breast1_FBN", "breast1_combined", "breast1_flatRegion",
        "breast1_resegmentation"})
    void featuresMatchPyRadiomicsBaseline(String column) throws IOException {
        ReferenceCase.Config c = ReferenceCase.config(column);
        DiscretizedRoi roi = ReferenceCase.roi(column.substring(0, column.indexOf('1') + 1), c);
        ReferenceCase.assertMatchesBaseline("glcm", column, GlcmFeatures.compute(roi, c.texture()), Map.of());
    }

    @Test
    void aSingleVoxelHasNoPairs() {
        DiscretizedRoi roi = new DiscretizedRoi(1, 1, 1, new int[] {3}, new double[] {1, 1, 1});
        Map<String, Double> f = GlcmFeatures.compute(roi, TextureSettings.DEFAULT);
        // every angle is empty and dropped: nanmean of nothing is NaN; MCC returns 1 below two grey levels
        for (Map.Entry<String, Double> e : f.entrySet()) {
            if (e.getKey().equals("MCC")) {
                assertEquals(1.0, e.getValue());
            } else {
                assertTrue(Double.isNaN(e.getValue()), e.getKey() + " = " + e.getValue());
            }
        }
    }

    private static void assertEigenvalues(double[][] a, double[] re, double[] im, double tol) {
        int n = a.length;
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            copy[i] = a[i].clone();
        }
        double[] wr = new double[n];
        double[] wi = new double[n];
        assertTrue(GlcmFeatures.Eigenvalues.of(copy, wr, wi), "converged");
        boolean[] used = new boolean[n];
        for (int k = 0; k < n; k++) {
            int best = -1;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int l = 0; l < n; l++) {
                double d = Math.hypot(wr[l] - re[k], wi[l] - im[k]);
                if (!used[l] && d < bestDist) {
                    best = l;
                    bestDist = d;
                }
            }
            used[best] = true;
            assertTrue(bestDist <= tol, "eigenvalue " + re[k] + "+" + im[k] + "i: nearest " + wr[best] + "+" + wi[best]
                    + "i; all " + Arrays.toString(wr) + " / " + Arrays.toString(wi));
        }
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    /**
     * PyRadiomics' reference cases without the project's pipeline: reads the NRRD image and label, applies the
     * column's resegmentation, crops to the mask's bounding box and discretises as imageoperations.getBinEdges +
     * numpy.digitize do. Also reads the baseline CSVs. Shared with {@link GlrlmFeaturesTest}.
     */
    static final class ReferenceCase {
        private static final String REF = "reference/pyradiomics/";
        private static final Map<String, Volume> VOLUMES = new ConcurrentHashMap<>();
        private static final Map<String, List<List<String>>> CSVS = new ConcurrentHashMap<>();

        private ReferenceCase() {
        }

        /** The settings of a baseline column that matter to the texture families. */
        record Config(Double binWidth, Integer binCount, double[] resegmentRange, String resegmentMode,
                TextureSettings texture) {
        }

        /** The column's diagnostics_Configuration_Settings, parsed; skips columns needing unsupported preprocessing. */
        static Config config(String column) throws IOException {
            String s = baselineColumn("glcm", column).get("diagnostics_Configuration_Settings");
            assumeTrue(s.contains("'normalize': False") && s.contains("'resampledPixelSpacing': None"),
                    "skipped: " + column + " needs normalisation or resampling");
            Double binWidth = find(s, "'binWidth': ([0-9.]+)") == null ? null
                    : Double.parseDouble(find(s, "'binWidth': ([0-9.]+)"));
            Integer binCount = find(s, "'binCount': (\\d+)") == null ? null
                    : Integer.parseInt(find(s, "'binCount': (\\d+)"));
            if (binWidth == null && binCount == null) {
                binWidth = 25.0; // PyRadiomics' default
            }
            boolean force2D = "True".equals(find(s, "'force2D': (True|False)"));
            String dim = find(s, "'force2Ddimension': (\\d)");
            String norm = find(s, "'weightingNorm': '(\\w+)'");
            String dist = find(s, "'distances': \\[([^\\]]*)\\]");
            int[] distances = dist == null ? new int[] {1}
                    : Arrays.stream(dist.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            String range = find(s, "'resegmentRange': \\[([^\\]]*)\\]");
            double[] reseg = range == null ? null
                    : Arrays.stream(range.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            String mode = find(s, "'resegmentMode': '(\\w+)'");
            String symmetrical = find(s, "'symmetricalGLCM': (True|False)");
            TextureSettings t = new TextureSettings(distances, !"False".equals(symmetrical), norm, 0, force2D,
                    dim == null ? 0 : Integer.parseInt(dim));
            return new Config(binWidth, binCount, reseg, mode == null ? "absolute" : mode, t);
        }

        /** The discretised, cropped ROI of a case ("brain1", "breast1") under a column's settings. */
        static DiscretizedRoi roi(String caseName, Config c) throws IOException {
            Volume img = volume(caseName + "_image.nrrd");
            Volume lab = volume(caseName + "_label.nrrd");
            double[] v = img.data();
            double[] l = lab.data();
            int n = v.length;
            boolean[] mask = new boolean[n];
            for (int i = 0; i < n; i++) {
                mask[i] = l[i] == 1;
            }
            if (c.resegmentRange() != null) {
                resegment(v, mask, c.resegmentRange(), c.resegmentMode());
            }
            int nx = img.nx();
            int ny = img.ny();
            int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
            int[] hi = {-1, -1, -1};
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (mask[i]) {
                    int[] p = {i % nx, (i / nx) % ny, i / (nx * ny)};
                    for (int d = 0; d < 3; d++) {
                        lo[d] = Math.min(lo[d], p[d]);
                        hi[d] = Math.max(hi[d], p[d]);
                    }
                    count++;
                }
            }
            double[] values = new double[count];
            count = 0;
            for (int i = 0; i < n; i++) {
                if (mask[i]) {
                    values[count++] = v[i];
                }
            }
            double[] edges = edges(values, c);
            int cx = hi[0] - lo[0] + 1;
            int cy = hi[1] - lo[1] + 1;
            int cz = hi[2] - lo[2] + 1;
            int[] levels = new int[cx * cy * cz];
            for (int z = 0; z < cz; z++) {
                for (int y = 0; y < cy; y++) {
                    for (int x = 0; x < cx; x++) {
                        int src = img.index(x + lo[0], y + lo[1], z + lo[2]);
                        if (mask[src]) {
                            levels[x + cx * (y + cy * z)] = digitize(v[src], edges);
                        }
                    }
                }
            }
            return new DiscretizedRoi(cx, cy, cz, levels, img.spacing());
        }

        /** imageoperations.resegmentMask: absolute or sigma thresholds, lower bound inclusive, upper inclusive. */
        private static void resegment(double[] v, boolean[] mask, double[] range, String mode) {
            double[] th = range.clone();
            Arrays.sort(th);
            if (mode.equals("sigma")) {
                double sum = 0;
                int n = 0;
                for (int i = 0; i < v.length; i++) {
                    if (mask[i]) {
                        sum += v[i];
                        n++;
                    }
                }
                double mean = sum / n;
                double ss = 0;
                for (int i = 0; i < v.length; i++) {
                    if (mask[i]) {
                        ss += (v[i] - mean) * (v[i] - mean);
                    }
                }
                double sd = Math.sqrt(ss / n); // numpy.std: population standard deviation
                for (int k = 0; k < th.length; k++) {
                    th[k] = mean + sd * th[k];
                }
            } else if (!mode.equals("absolute")) {
                fail("resegmentMode " + mode + " not handled by this test");
            }
            for (int i = 0; i < v.length; i++) {
                if (mask[i] && (v[i] < th[0] || (th.length == 2 && v[i] > th[1]))) {
                    mask[i] = false;
                }
            }
        }

        /** imageoperations.getBinEdges. */
        private static double[] edges(double[] values, Config c) {
            double min = Arrays.stream(values).min().orElseThrow();
            double max = Arrays.stream(values).max().orElseThrow();
            if (c.binCount() != null) {
                // numpy.histogram(values, binCount) edges: linspace(min, max, binCount + 1) (+-0.5 when flat)
                int bins = c.binCount();
                double lo = min == max ? min - 0.5 : min;
                double hi = min == max ? max + 0.5 : max;
                double step = (hi - lo) / bins;
                double[] e = new double[bins + 1];
                for (int k = 0; k < bins; k++) {
                    e[k] = k * step + lo;
                }
                e[bins] = hi + 1; // PyRadiomics: + 1 so that the maximum falls in the top bin
                return e;
            }
            double w = c.binWidth();
            double low = min - (min - w * Math.floor(min / w)); // Python's floor modulo
            double high = max + 2 * w;
            int n = (int) Math.ceil((high - low) / w); // numpy.arange(low, high, w) length
            double[] e = new double[n];
            for (int k = 0; k < n; k++) {
                e[k] = low + k * w;
            }
            return n == 1 ? new double[] {e[0] - 0.5, e[0] + 0.5} : e;
        }

        /** numpy.digitize with increasing edges: the number of edges at or below v. */
        private static int digitize(double v, double[] edges) {
            int k = 0;
            while (k < edges.length && edges[k] <= v) {
                k++;
            }
            return k;
        }

        private static Volume volume(String file) {
            Path p = TestData.shared(REF + "data/" + file);
            return VOLUMES.computeIfAbsent(file, f -> {
                try {
                    return NrrdIO.read(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        /** Feature names (without the original_family_ prefix) that the baseline of a family lists. */
        static List<String> baselineFeatures(String family) throws IOException {
            List<String> names = new ArrayList<>();
            String prefix = "original_" + family + "_";
            for (List<String> row : csv(family)) {
                if (row.get(0).startsWith(prefix)) {
                    names.add(row.get(0).substring(prefix.length()));
                }
            }
            return names;
        }

        /** Row name to value of one column of baseline_family.csv. */
        static Map<String, String> baselineColumn(String family, String column) throws IOException {
            List<List<String>> rows = csv(family);
            int c = rows.get(0).indexOf(column);
            assumeTrue(c > 0, "skipped: no column " + column + " in baseline_" + family + ".csv");
            Map<String, String> out = new LinkedHashMap<>();
            for (List<String> row : rows.subList(1, rows.size())) {
                out.put(row.get(0), row.get(c));
            }
            return out;
        }

        /**
         * Asserts every feature within relative 1e-6 of the baseline (a baseline of 0 within 1e-12 absolute), except
         * those in {@code looser}, which get PyRadiomics' own 3% with the reason given. Prints the counts.
         */
        static void assertMatchesBaseline(String family, String column, Map<String, Double> actual,
                Map<String, String> looser) throws IOException {
            Map<String, String> base = baselineColumn(family, column);
            List<String> failures = new ArrayList<>();
            int within1e6 = 0;
            int within3pc = 0;
            double worst = 0;
            String worstName = "";
            for (Map.Entry<String, Double> e : actual.entrySet()) {
                String row = "original_" + family + "_" + e.getKey();
                String expectedText = base.get(row);
                if (expectedText == null) {
                    failures.add(e.getKey() + ": not in the baseline");
                    continue;
                }
                double expected = Double.parseDouble(expectedText);
                double got = e.getValue();
                double rel = expected == 0 ? (Math.abs(got) <= 1e-12 ? 0 : Double.POSITIVE_INFINITY)
                        : Math.abs(got - expected) / Math.abs(expected);
                if (Double.isNaN(got) != Double.isNaN(expected)) {
                    rel = Double.POSITIVE_INFINITY;
                } else if (Double.isNaN(got)) {
                    rel = 0;
                }
                if (rel <= 1e-6) {
                    within1e6++;
                }
                if (rel <= 0.03) {
                    within3pc++;
                }
                if (rel > worst) {
                    worst = rel;
                    worstName = e.getKey();
                }
                double allowed = looser.containsKey(e.getKey()) ? 0.03 : 1e-6;
                if (!(rel <= allowed)) {
                    failures.add(String.format("%s: %.17g vs baseline %s (relative %.3g)", e.getKey(), got,
                            expectedText, rel));
                }
            }
            System.out.printf("%s %s: %d/%d within 1e-6, %d/%d within 3%%, worst %.3g (%s)%n", family, column,
                    within1e6, actual.size(), within3pc, actual.size(), worst, worstName);
            if (!failures.isEmpty()) {
                fail(family + " " + column + ":\n  " + String.join("\n  ", failures));
            }
        }

        private static List<List<String>> csv(String family) throws IOException {
            Path p = TestData.shared(REF + "baseline/baseline_" + family + ".csv");
            List<List<String>> cached = CSVS.get(family);
            if (cached != null) {
                return cached;
            }
            List<List<String>> rows = new ArrayList<>();
            for (String line : Files.readAllLines(p)) {
                if (!line.isEmpty()) {
                    rows.add(splitCsvLine(line));
                }
            }
            CSVS.put(family, rows);
            return rows;
        }

        /** One CSV line with double-quoted fields ("" inside quotes is a quote); no field spans lines here. */
        private static List<String> splitCsvLine(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cur.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            out.add(cur.toString());
            return out;
        }

        private static String find(String s, String regex) {
            Matcher m = Pattern.compile(regex).matcher(s);
            return m.find() ? m.group(1) : null;
        }
    }
}
