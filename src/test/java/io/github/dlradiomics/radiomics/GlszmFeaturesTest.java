package io.github.dlradiomics.radiomics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.NrrdIO;
import io.github.dlradiomics.image.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GLSZM against PyRadiomics: its docstring example, its matrix baselines (brain1, breast1) and its feature baselines
 * for the default, 2d, FBN, flatRegion and (sigma) resegmentation configurations.
 */
class GlszmFeaturesTest {

    @Test
    void docstringExampleGivesThePublishedMatrix() {
        // glszm.py class docstring: 5x5 image, 8-connected zones (a single slice has no out-of-plane neighbours)
        DiscretizedRoi roi = new DiscretizedRoi(5, 5, 1, new int[] {
            5, 2, 5, 4, 4,
            3, 3, 3, 1, 3,
            2, 1, 1, 1, 3,
            4, 2, 2, 2, 3,
            3, 5, 3, 3, 2}, new double[] {1, 1, 1});
        double[][] expected = {
            {0, 0, 0, 1, 0},
            {1, 0, 0, 0, 1},
            {1, 0, 1, 0, 1},
            {1, 1, 0, 0, 0},
            {3, 0, 0, 0, 0}};
        assertMatrixEquals(expected, GlszmFeatures.matrix(roi, TextureSettings.DEFAULT), 0, "docstring GLSZM");
        // 11 zones over 25 voxels
        assertEquals(11.0 / 25.0, GlszmFeatures.compute(roi, TextureSettings.DEFAULT).get("ZonePercentage"), 1e-15);
    }

    @Test
    void zonesAre26ConnectedIn3DAnd8ConnectedWithForce2D() {
        // Two voxels touching only by a corner across slices: one zone in 3D, two zones with force2D (dimension 0).
        int[] lv = new int[2 * 2 * 2];
        lv[0] = 1; // (0,0,0)
        lv[1 + 2 * (1 + 2 * 1)] = 1; // (1,1,1)
        DiscretizedRoi roi = new DiscretizedRoi(2, 2, 2, lv, new double[] {1, 1, 1});
        assertMatrixEquals(new double[][] {{1}}, GlszmFeatures.matrix(roi, TextureSettings.DEFAULT), 0, "3D");
        assertMatrixEquals(new double[][] {{2}}, GlszmFeatures.matrix(roi, TextureSettings.DEFAULT.withForce2D(true, 0)),
                0, "2D");
    }

    @Test
    void aHugeSingleZoneNeedsNoRecursion() {
        int n = 80;
        int[] lv = new int[n * n * n];
        Arrays.fill(lv, 3);
        DiscretizedRoi roi = new DiscretizedRoi(n, n, n, lv, new double[] {1, 1, 1});
        double[][] m = GlszmFeatures.matrix(roi, TextureSettings.DEFAULT);
        assertMatrixEquals(new double[][] {{1}}, m, 0, "one zone");
        Map<String, Double> f = GlszmFeatures.compute(roi, TextureSettings.DEFAULT);
        assertEquals((double) n * n * n * n * n * n, f.get("LargeAreaEmphasis"), 0);
        assertEquals(0, f.get("GrayLevelVariance"), 0);
        assertEquals(0, f.get("ZoneVariance"), 0);
    }

    @Test
    void force2DdimensionFollowsNumpyAxes() {
        // Swapping x and z turns "slices along z" (dimension 0) into "slices along x" (dimension 2).
        DiscretizedRoi roi = randomRoi(9, 7, 5, 4, 11);
        DiscretizedRoi swapped = swapXZ(roi);
        TextureSettings z = TextureSettings.DEFAULT.withForce2D(true, 0);
        TextureSettings x = TextureSettings.DEFAULT.withForce2D(true, 2);
        assertMatrixEquals(GlszmFeatures.matrix(roi, z), GlszmFeatures.matrix(swapped, x), 0, "GLSZM");
        assertMatrixEquals(GldmFeatures.matrix(roi, z), GldmFeatures.matrix(swapped, x), 0, "GLDM");
        assertMatrixEquals(NgtdmFeatures.matrix(roi, z), NgtdmFeatures.matrix(swapped, x), 1e-12, "NGTDM");
        assertMatrixEquals(GlszmFeatures.matrix(roi, TextureSettings.DEFAULT),
                GlszmFeatures.matrix(swapped, TextureSettings.DEFAULT), 0, "GLSZM 3D");
    }

    @Test
    void matrixBaselines() {
        for (String c : new String[] {"brain1", "breast1"}) {
            DiscretizedRoi roi = PyRadiomicsCases.roi(c, PyRadiomicsCases.DEFAULT_SETTINGS);
            double[][] expected = PyRadiomicsCases.npy("matrix_baseline/" + c + "_glszm.npy");
            assertMatrixEquals(expected, GlszmFeatures.matrix(roi, TextureSettings.DEFAULT), 1e-12, c + " GLSZM");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"brain1", "brain1_2d", "brain1_FBN", "brain1_flatRegion", "brain1_resegmentation",
        "breast1", "breast1_2d", "breast1_FBN", "breast1_flatRegion", "breast1_resegmentation"})
    void featureBaselines(String column) {
        PyRadiomicsCases.checkColumn("glszm", column, GlszmFeatures.names(),
                (roi, s) -> GlszmFeatures.compute(roi, s));
    }

    // ------------------------------------------------------------------------------------------------------------

    static void assertMatrixEquals(double[][] expected, double[][] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + ": columns of row " + i);
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tol, what + " [" + i + "][" + j + "]");
            }
        }
    }

    static DiscretizedRoi randomRoi(int nx, int ny, int nz, int levels, long seed) {
        Random r = new Random(seed);
        int[] lv = new int[nx * ny * nz];
        for (int i = 0; i < lv.length; i++) {
            lv[i] = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(levels); // some holes: neighbours outside the ROI
        }
        return new DiscretizedRoi(nx, ny, nz, lv, new double[] {1, 1, 1});
    }

    static DiscretizedRoi swapXZ(DiscretizedRoi roi) {
        int nx = roi.nx(), ny = roi.ny(), nz = roi.nz();
        int[] out = new int[nx * ny * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    out[z + nz * (y + ny * x)] = roi.levels()[roi.index(x, y, z)];
                }
            }
        }
        return new DiscretizedRoi(nz, ny, nx, out, new double[] {1, 1, 1});
    }

    /**
     * The PyRadiomics reference cases in ../shared/reference/pyradiomics, rebuilt without the lead's pipeline: label 1
     * cropped to its bounding box, resegmented and discretised as imageoperations.py does (getBinEdges + digitize),
     * plus readers for the baseline CSVs and the .npy matrices. Shared by the GLSZM, GLDM and NGTDM tests.
     */
    static final class PyRadiomicsCases {
        /** The default column's settings (what the matrix baselines were made with). */
        static final String DEFAULT_SETTINGS = "{'binWidth': 25}";

        private static final Map<String, Volume[]> VOLUMES = new ConcurrentHashMap<>();
        private static final Map<String, Map<String, Map<String, String>>> BASELINES = new ConcurrentHashMap<>();

        private PyRadiomicsCases() {
        }

        static Path dir() {
            return TestData.shared("reference/pyradiomics");
        }

        interface Family {
            Map<String, Double> compute(DiscretizedRoi roi, TextureSettings s);
        }

        /**
         * Compares every feature of one baseline column: each must agree within relative 1e-6 (a baseline 0 within
         * absolute 1e-12). PyRadiomics' own rule is 3%; no feature of these three families needs that slack, since
         * the matrices are identical and only the summation order of the features differs from numpy's.
         */
        static void checkColumn(String family, String column, List<String> names, Family f) {
            Map<String, Map<String, String>> base = baseline(family);
            String caseName = column.contains("_") ? column.substring(0, column.indexOf('_')) : column;
            String settings = base.get("diagnostics_Configuration_Settings").get(column);
            assertEquals(caseName, base.get("diagnostics_Configuration_TestCase").get(column));
            DiscretizedRoi roi = roi(caseName, settings);
            Map<String, Double> actual = f.compute(roi, textureSettings(settings));

            String prefix = "original_" + family + "_";
            Set<String> baselineNames = new TreeSet<>();
            for (String k : base.keySet()) {
                if (k.startsWith(prefix)) {
                    baselineNames.add(k.substring(prefix.length()));
                }
            }
            assertEquals(baselineNames, new TreeSet<>(names), "feature set of the baseline");
            assertEquals(names, new ArrayList<>(actual.keySet()), "compute() order");

            int strict = 0, within3 = 0;
            double worst = 0;
            List<String> failures = new ArrayList<>();
            for (String n : names) {
                double want = Double.parseDouble(base.get(prefix + n).get(column));
                double got = actual.get(n);
                boolean ok6, ok3;
                if (want == 0) {
                    ok6 = ok3 = Math.abs(got) <= 1e-12;
                } else {
                    double rel = Math.abs(got - want) / Math.abs(want);
                    worst = Math.max(worst, rel);
                    ok6 = rel <= 1e-6;
                    ok3 = rel <= 0.03;
                }
                strict += ok6 ? 1 : 0;
                within3 += ok3 ? 1 : 0;
                if (!ok6) {
                    failures.add(String.format("%s: got %.17g, PyRadiomics %.17g", n, got, want));
                }
            }
            System.out.printf("%s %-22s %2d/%d within 1e-6, %2d/%d within 3%%, worst relative difference %.2g%n",
                    family, column, strict, names.size(), within3, names.size(), worst);
            if (!failures.isEmpty()) {
                fail(family + " " + column + ":\n  " + String.join("\n  ", failures));
            }
        }

        /** PyRadiomics' texture settings from a diagnostics_Configuration_Settings dict literal. */
        static TextureSettings textureSettings(String settings) {
            String d = find(settings, "'distances': \\[([^\\]]*)\\]", "1");
            int[] distances = Arrays.stream(d.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            double gldmA = Double.parseDouble(find(settings, "'gldm_a': ([-0-9.e]+)", "0"));
            boolean force2D = find(settings, "'force2D': (True|False)", "False").equals("True");
            int dim = Integer.parseInt(find(settings, "'force2Ddimension': (\\d)", "0"));
            return new TextureSettings(distances, true, null, gldmA, force2D, dim);
        }

        private static String find(String s, String regex, String dflt) {
            Matcher m = Pattern.compile(regex).matcher(s);
            return m.find() ? m.group(1) : dflt;
        }

        /**
         * The discretised ROI of label 1 for a case, as PyRadiomics computes it for the given settings (only the
         * settings these baselines use: binWidth / binCount, absolute or sigma resegmentRange; no resampling or
         * normalisation, which the checked columns do not ask for).
         */
        static DiscretizedRoi roi(String caseName, String settings) {
            if (!find(settings, "'resampledPixelSpacing': (\\[)", "").isEmpty()
                    || settings.contains("'normalize': True")) {
                throw new IllegalArgumentException("resampling / normalisation is not rebuilt here: " + settings);
            }
            Volume[] v = VOLUMES.computeIfAbsent(caseName, c -> {
                try {
                    return new Volume[] {NrrdIO.read(dir().resolve("data/" + c + "_image.nrrd")),
                        NrrdIO.read(dir().resolve("data/" + c + "_label.nrrd"))};
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Volume image = v[0], label = v[1];
            int nx = image.nx(), ny = image.ny(), nz = image.nz();
            double[] im = image.data(), la = label.data();

            // Bounding box of label == 1 (before resegmentation: cropping does not change the matrices anyway)
            int[] lo = {nx, ny, nz}, hi = {-1, -1, -1};
            for (int z = 0, i = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++, i++) {
                        if (la[i] == 1) {
                            lo[0] = Math.min(lo[0], x); hi[0] = Math.max(hi[0], x);
                            lo[1] = Math.min(lo[1], y); hi[1] = Math.max(hi[1], y);
                            lo[2] = Math.min(lo[2], z); hi[2] = Math.max(hi[2], z);
                        }
                    }
                }
            }
            int cx = hi[0] - lo[0] + 1, cy = hi[1] - lo[1] + 1, cz = hi[2] - lo[2] + 1;
            double[] vals = new double[cx * cy * cz];
            boolean[] in = new boolean[vals.length];
            for (int z = 0, k = 0; z < cz; z++) {
                for (int y = 0; y < cy; y++) {
                    for (int x = 0; x < cx; x++, k++) {
                        int i = image.index(x + lo[0], y + lo[1], z + lo[2]);
                        vals[k] = im[i];
                        in[k] = la[i] == 1;
                    }
                }
            }

            // resegmentMask: absolute thresholds, or mean + k * std (population std, numpy.std) in sigma mode
            String range = find(settings, "'resegmentRange': \\[([^\\]]*)\\]", null);
            if (range != null) {
                double[] t = Arrays.stream(range.split(",")).map(String::trim).mapToDouble(Double::parseDouble)
                        .sorted().toArray();
                if ("sigma".equals(find(settings, "'resegmentMode': '(\\w+)'", "absolute"))) {
                    double sum = 0, n = 0;
                    for (int k = 0; k < vals.length; k++) {
                        if (in[k]) {
                            sum += vals[k];
                            n++;
                        }
                    }
                    double mean = sum / n, ss = 0;
                    for (int k = 0; k < vals.length; k++) {
                        if (in[k]) {
                            ss += (vals[k] - mean) * (vals[k] - mean);
                        }
                    }
                    double sd = Math.sqrt(ss / n);
                    for (int k = 0; k < t.length; k++) {
                        t[k] = mean + sd * t[k];
                    }
                }
                for (int k = 0; k < vals.length; k++) {
                    if (in[k] && (vals[k] < t[0] || (t.length == 2 && vals[k] > t[1]))) {
                        in[k] = false;
                    }
                }
            }

            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < vals.length; k++) {
                if (in[k]) {
                    min = Math.min(min, vals[k]);
                    max = Math.max(max, vals[k]);
                }
            }
            double[] edges = binEdges(settings, min, max);
            int[] levels = new int[vals.length];
            for (int k = 0; k < vals.length; k++) {
                if (in[k]) {
                    // numpy.digitize (increasing edges, right=False): number of edges <= value
                    int c = 0;
                    while (c < edges.length && edges[c] <= vals[k]) {
                        c++;
                    }
                    levels[k] = c;
                }
            }
            return new DiscretizedRoi(cx, cy, cz, levels, image.spacing().clone());
        }

        /** imageoperations.getBinEdges for binCount (numpy.histogram edges, last + 1) or binWidth. */
        static double[] binEdges(String settings, double min, double max) {
            String count = find(settings, "'binCount': (\\d+)", null);
            if (count != null) {
                int nb = Integer.parseInt(count);
                // numpy.linspace(min, max, nb + 1): start + k * step, the last one set to max exactly
                double step = (max - min) / nb;
                double[] e = new double[nb + 1];
                for (int k = 0; k <= nb; k++) {
                    e[k] = k * step + min;
                }
                e[nb] = max;
                e[nb] += 1;
                return e;
            }
            double w = Double.parseDouble(find(settings, "'binWidth': ([0-9.]+)", "25"));
            double lowBound = min - (min - w * Math.floor(min / w)); // Python's floor modulo
            double highBound = max + 2 * w;
            int n = (int) Math.ceil((highBound - lowBound) / w); // numpy.arange length
            double[] e = new double[n];
            for (int k = 0; k < n; k++) {
                e[k] = lowBound + k * w;
            }
            if (n == 1) {
                return new double[] {e[0] - 0.5, e[0] + 0.5}; // PyRadiomics' flat-region special case
            }
            return e;
        }

        /** Baseline CSV as row name -> column name -> cell. */
        static Map<String, Map<String, String>> baseline(String family) {
            return BASELINES.computeIfAbsent(family, fam -> {
                try {
                    List<String> lines = Files.readAllLines(dir().resolve("baseline/baseline_" + fam + ".csv"),
                            StandardCharsets.UTF_8);
                    List<String> header = csvRow(lines.get(0));
                    Map<String, Map<String, String>> out = new HashMap<>();
                    for (String line : lines.subList(1, lines.size())) {
                        if (line.isBlank()) {
                            continue;
                        }
                        List<String> cells = csvRow(line);
                        Map<String, String> row = new HashMap<>();
                        for (int c = 1; c < header.size() && c < cells.size(); c++) {
                            row.put(header.get(c), cells.get(c));
                        }
                        out.put(cells.get(0), row);
                    }
                    return out;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        private static List<String> csvRow(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        sb.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    cells.add(sb.toString());
                    sb.setLength(0);
                } else {
                    sb.append(ch);
                }
            }
            cells.add(sb.toString());
            return cells;
        }

        /** A 2-D little-endian float64 .npy file (C or Fortran order) as [row][column]. */
        static double[][] npy(String relative) {
            try {
                byte[] b = Files.readAllBytes(dir().resolve(relative));
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                int major = b[6];
                int headerLen = major == 1 ? Short.toUnsignedInt(bb.getShort(8)) : bb.getInt(8);
                int dataStart = (major == 1 ? 10 : 12) + headerLen;
                String header = new String(b, major == 1 ? 10 : 12, headerLen, StandardCharsets.ISO_8859_1);
                assertTrue(header.contains("'descr': '<f8'"), relative + ": " + header);
                boolean fortran = header.contains("'fortran_order': True");
                Matcher m = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
                assertTrue(m.find(), relative + ": not 2-D: " + header);
                int rows = Integer.parseInt(m.group(1)), cols = Integer.parseInt(m.group(2));
                double[][] out = new double[rows][cols];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        int k = fortran ? j * rows + i : i * cols + j;
                        out[i][j] = bb.getDouble(dataStart + 8 * k);
                    }
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void referenceBinningMatchesTheDocumentedExample() {
        // getBinEdges docstring: values 54..166, binWidth 25 -> [50, 75, ..., 175]; the code's arange up to
        // max + 2 * binWidth adds 200 too (the docstring predates that change).
        double[] e = PyRadiomicsCases.binEdges("{'binWidth': 25}", 54, 166);
        assertArrayEquals(new double[] {50, 75, 100, 125, 150, 175, 200}, e, 0);
        // A flat region still gets two edges (arange to max + 2 * binWidth), so the code's len(binEdges) == 1
        // special case never fires: the single level is 1.
        assertArrayEquals(new double[] {0, 25}, PyRadiomicsCases.binEdges("{'binWidth': 25}", 0, 0), 0);
    }
}
