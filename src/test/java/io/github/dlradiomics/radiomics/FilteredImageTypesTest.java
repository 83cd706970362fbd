package io.github.dlradiomics.radiomics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.NrrdIO;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Image types through the extractor: PyRadiomics' prefixes, per-type settings, clear refusals. */
class FilteredImageTypesTest {
    static Map<String, Object> run(String yaml) throws Exception {
        Path d = TestData.shared("reference/pyradiomics/data");
        Volume img = NrrdIO.read(d.resolve("breast1_image.nrrd"));
        Volume mask = NrrdIO.read(d.resolve("breast1_label.nrrd"));
        return new FeatureExtractor(RadiomicsParams.parse(yaml, "test")).extract(img, mask, false);
    }

    @Test
    void prefixesAndPerTypeSettingsFollowPyRadiomics() throws Exception {
        Map<String, Object> f = run("imageType:\n  Original: {}\n  LoG:\n    sigma: [1.0, 2]\n    binWidth: 5\n"
                + "  Wavelet: {}\n  Square: {}\nfeatureClass:\n  firstorder:\n  glcm: [Contrast]\n");
        List<String> prefixes = f.keySet().stream().map(k -> k.substring(0, k.indexOf('_'))).distinct().toList();
        assertEquals(List.of("original", "log-sigma-1-0-mm-3D", "log-sigma-2-mm-3D", "wavelet-LLH", "wavelet-LHL",
                "wavelet-LHH", "wavelet-HLL", "wavelet-HLH", "wavelet-HHL", "wavelet-HHH", "wavelet-LLL", "square"),
                prefixes);
        for (var e : f.entrySet()) {
            assertTrue(Double.isFinite((Double) e.getValue()), e.getKey());
        }
        // the LoG's own binWidth (5) gives more grey levels than the global 25 on the same image
        Map<String, Object> g = run("imageType:\n  LoG:\n    sigma: [1.0]\nfeatureClass:\n  firstorder: [Entropy]\n");
        assertTrue((Double) f.get("log-sigma-1-0-mm-3D_firstorder_Entropy")
                > (Double) g.get("log-sigma-1-0-mm-3D_firstorder_Entropy"));
    }

    @Test
    void lbp3DGivesPyRadiomicsPrefixesAndFiniteFeatures() throws Exception {
        Map<String, Object> f = run("imageType:\n  LBP3D:\n    binWidth: 1\nfeatureClass:\n"
                + "  firstorder: [Mean, Entropy]\n  glcm: [Contrast]\n");
        List<String> prefixes = f.keySet().stream().map(k -> k.substring(0, k.indexOf('_'))).distinct().toList();
        assertEquals(List.of("lbp-3D-m1", "lbp-3D-m2", "lbp-3D-k"), prefixes);
        for (var e : f.entrySet()) {
            assertTrue(Double.isFinite((Double) e.getValue()), e.getKey() + " = " + e.getValue());
        }
    }

    @Test
    void unavailableOrWrongFilterSettingsAreClearErrors() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> run("imageType:\n  LBP3D:\n    lbp3DLevels: 1\n"));
        assertTrue(e.getMessage().contains("lbp3DLevels"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> run("imageType:\n  Wavelet:\n    wavelet: coif99\n"));
        assertTrue(e.getMessage().contains("coif99") && e.getMessage().contains("coif1"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> run("imageType:\n  Wavelet:\n    level: 9\n"));
        assertTrue(e.getMessage().contains("too deep"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> RadiomicsParams.parse("imageType:\n  LoG:\n    sigma: [0]\n",
                "p"));
        assertTrue(e.getMessage().contains("sigma"), e.getMessage());
    }
}
