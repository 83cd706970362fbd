package io.github.dlradiomics.radiomics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.NrrdIO;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Parity with PyRadiomics' own baselines (../shared/reference/pyradiomics): for every baseline column of
 * brain1 and breast1, the parameter file is rebuilt from the column's diagnostics_Configuration_Settings,
 * our features are computed and compared with PyRadiomics' rule (relative difference < 3%) and 1e-6.
 */
class PyRadiomicsParityTest {
    static final String[] CLASSES = {"firstorder", "shape", "shape2D", "glcm", "glrlm", "glszm", "gldm", "ngtdm"};
    static final Map<String, Object> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("minimumROIDimensions", 2L);
        DEFAULTS.put("minimumROISize", null);
        DEFAULTS.put("normalize", false);
        DEFAULTS.put("normalizeScale", 1L);
        DEFAULTS.put("removeOutliers", null);
        DEFAULTS.put("resampledPixelSpacing", null);
        DEFAULTS.put("interpolator", "sitkBSpline");
        DEFAULTS.put("preCrop", false);
        DEFAULTS.put("padDistance", 5L);
        DEFAULTS.put("distances", List.of(1L));
        DEFAULTS.put("force2D", false);
        DEFAULTS.put("force2Ddimension", 0L);
        DEFAULTS.put("resegmentRange", null);
        DEFAULTS.put("label", 1L);
        DEFAULTS.put("additionalInfo", true);
    }

    /** baseline column -> (row name -> value) over all class files. */
    static Map<String, Map<String, String>> baselines(Path dir) throws Exception {
        Map<String, Map<String, String>> cols = new TreeMap<>();
        for (String cls : CLASSES) {
            Path f = dir.resolve("baseline_" + cls + ".csv");
            if (!Files.exists(f)) {
                continue;
            }
            for (Map<String, String> row : Csv.read(f)) {
                String name = row.get("featureName");
                for (var e : row.entrySet()) {
                    if (!e.getKey().equals("featureName")) {
                        cols.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(name, e.getValue());
                    }
                }
            }
        }
        return cols;
    }

    /** A PyRadiomics-schema YAML rebuilt from a column's settings dict and the classes it has values for. */
    static String yamlFor(Map<String, String> col) {
        Map<String, Object> settings = PyLiteral.parseDict(col.get("diagnostics_Configuration_Settings"));
        StringBuilder y = new StringBuilder("imageType:\n  Original: {}\nfeatureClass:\n");
        for (String cls : CLASSES) {
            boolean has = col.keySet().stream().anyMatch(k -> k.startsWith("original_" + cls + "_")
                    && !col.get(k).isEmpty());
            if (has) {
                y.append("  ").append(cls).append(": []\n");
            }
        }
        y.append("setting:\n");
        for (var e : settings.entrySet()) {
            Object v = e.getValue();
            if (v == null || (DEFAULTS.containsKey(e.getKey()) && v.equals(DEFAULTS.get(e.getKey()))
                    && !e.getKey().equals("label"))) {
                continue;
            }
            y.append("  ").append(e.getKey()).append(": ").append(PyLiteral.toYaml(v)).append('\n');
        }
        return y.toString();
    }

    record Score(int compared, int within3, int within1e6, List<String> worst) {
    }

    static Score score(Map<String, Object> ours, Map<String, String> col) {
        int n = 0;
        int w3 = 0;
        int w6 = 0;
        List<String> bad = new ArrayList<>();
        for (var e : col.entrySet()) {
            if (!e.getKey().startsWith("original_") || e.getValue().isEmpty()) {
                continue;
            }
            n++;
            double ref = Double.parseDouble(e.getValue());
            Object o = ours.get(e.getKey());
            if (!(o instanceof Double v)) {
                bad.add(e.getKey() + " missing");
                continue;
            }
            double rel = ref == 0 ? Math.abs(v) : Math.abs(v - ref) / Math.abs(ref);
            boolean ok3 = ref == 0 ? Math.abs(v) < 1e-12 : rel < 0.03;
            if (ok3) {
                w3++;
            }
            if (ref == 0 ? Math.abs(v) < 1e-12 : rel < 1e-6) {
                w6++;
            } else {
                bad.add(String.format(Locale.ROOT, "%s ours %s ref %s rel %.3g", e.getKey(), v, ref, rel));
            }
        }
        return new Score(n, w3, w6, bad);
    }

    @Test
    void everyBaselineConfiguration() throws Exception {
        Path ref = TestData.shared("reference/pyradiomics");
        Map<String, Map<String, String>> cols = baselines(ref.resolve("baseline"));
        int total = 0;
        int total3 = 0;
        int total6 = 0;
        StringBuilder report = new StringBuilder();
        for (var e : cols.entrySet()) {
            String column = e.getKey();
            Map<String, String> col = e.getValue();
            String c = col.get("diagnostics_Configuration_TestCase");
            String caseName = column.startsWith("brain1") ? "brain1" : "breast1";
            Volume image = NrrdIO.read(ref.resolve("data/" + caseName + "_image.nrrd"));
            Volume mask = NrrdIO.read(ref.resolve("data/" + caseName + "_label.nrrd"));
            if (column.endsWith("_shape2D")) {
                mask = slice(mask, caseName.equals("brain1") ? 16 : 9);
            }
            RadiomicsParams p = RadiomicsParams.parse(yamlFor(col), column);
            Map<String, Object> ours = new FeatureExtractor(p).extract(image, mask, false);
            Score s = score(ours, col);
            total += s.compared();
            total3 += s.within3();
            total6 += s.within1e6();
            report.append(String.format(Locale.ROOT, "%-24s %4d compared, %4d < 3%%, %4d < 1e-6%n", column + " (" + c
                    + ")", s.compared(), s.within3(), s.within1e6()));
            for (String w : s.worst()) {
                report.append("    ").append(w).append('\n');
            }
        }
        report.append(String.format(Locale.ROOT, "TOTAL %d compared, %d within 3%%, %d within 1e-6 (%.2f%%)%n", total,
                total3, total6, 100.0 * total6 / total));
        System.out.println(report);
        Path out = TestData.projectRoot().resolve("target/pyradiomics-parity.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        assertTrue(total > 0);
        assertTrue(total3 == total, "every feature within PyRadiomics' 3% rule:\n" + report);
        assertTrue(total6 >= 0.99 * total, ">= 99% within 1e-6:\n" + report);
    }

    /** The single-slice mask PyRadiomics' shape2D baselines use: slice z of the 3D label. */
    static Volume slice(Volume mask, int z) {
        Volume m = mask.blankLike(PixelType.UINT8);
        for (int y = 0; y < mask.ny(); y++) {
            for (int x = 0; x < mask.nx(); x++) {
                m.set(x, y, z, mask.get(x, y, z));
            }
        }
        return m;
    }
}
