package io.github.dlradiomics.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.image.NiftiIO;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.CancelledException;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortGeneratorTest {
    @TempDir
    Path tmp;

    @Test
    void sameSeedGivesIdenticalFilesAndOtherSeedDiffers() throws IOException {
        CohortGenerator.Options o = new CohortGenerator.Options(3, 11, Modality.MR);
        CohortGenerator.generate(tmp.resolve("a"), o, ProgressListener.NONE);
        CohortGenerator.generate(tmp.resolve("b"), o, ProgressListener.NONE);
        CohortGenerator.generate(tmp.resolve("c"), new CohortGenerator.Options(3, 12, Modality.MR), ProgressListener.NONE);
        Map<String, String> a = hashes(tmp.resolve("a"));
        assertEquals(a, hashes(tmp.resolve("b")));
        assertEquals(10, a.size(), a.keySet().toString()); // 3 images, 3 masks, 3 CSV files, README
        Map<String, String> c = hashes(tmp.resolve("c"));
        for (String f : List.of("images/SYN001.nii.gz", "masks/SYN002.nii.gz", "clinical.csv", "README.txt")) {
            assertNotEquals(a.get(f), c.get(f), f);
        }
    }

    @Test
    void oneCaseAloneEqualsTheSameCaseInACohort() throws IOException {
        CohortGenerator.Options o = new CohortGenerator.Options(3, 5, Modality.CT);
        CohortGenerator.generate(tmp, o, ProgressListener.NONE);
        // Independent of the cohort size, and identical to the file written.
        SyntheticCase alone = CohortGenerator.generateCase(2, new CohortGenerator.Options(50, 5, Modality.CT));
        assertEquals("SYN003", alone.id());
        Volume img = NiftiIO.read(tmp.resolve("images/SYN003.nii.gz"));
        Volume mask = NiftiIO.read(tmp.resolve("masks/SYN003.nii.gz"));
        assertArrayEquals(alone.image().data(), img.data());
        assertArrayEquals(alone.mask().data(), mask.data());
        assertEquals(alone.image().sha1(), CohortGenerator.generateCase(2, o).image().sha1());
    }

    @Test
    void everyFileSaysSynthetic() throws IOException {
        CohortGenerator.generate(tmp, new CohortGenerator.Options(2, 3, Modality.MR), ProgressListener.NONE);
        for (String f : List.of("images/SYN001.nii.gz", "masks/SYN001.nii.gz", "images/SYN002.nii.gz",
                "masks/SYN002.nii.gz")) {
            String d = NiftiIO.read(tmp.resolve(f)).description();
            assertTrue(d.startsWith("SYNTHETIC DLRadiomics teaching cohort"), f + ": " + d);
            assertTrue(d.length() <= 79, d);
        }
        for (String f : List.of("clinical.csv", "cases.csv", "findings.csv")) {
            List<String> lines = Files.readAllLines(tmp.resolve(f), StandardCharsets.UTF_8);
            List<String> header = List.of(lines.get(0).split(","));
            int col = header.indexOf("synthetic");
            assertTrue(col >= 0, f + " has no synthetic column: " + header);
            assertEquals(3, lines.size(), f);
            for (String row : lines.subList(1, lines.size())) {
                String[] cells = row.split(",", -1);
                assertEquals(header.size(), cells.length, row);
                assertEquals("yes", cells[col], f + ": " + row);
            }
        }
        String readme = Files.readString(tmp.resolve("README.txt"));
        assertTrue(readme.startsWith("SYNTHETIC DATA"), readme);
        assertTrue(readme.contains("Seed: 3") && readme.contains("Modality: MR") && readme.contains("Cases: 2")
                && readme.contains("Generator version: " + CohortGenerator.GENERATOR_VERSION), readme);
    }

    @Test
    void casesCsvIsTheBatchInputWithRelativePaths() throws IOException {
        CohortSummary s = CohortGenerator.generate(tmp, new CohortGenerator.Options(2, 9, Modality.MR),
                ProgressListener.NONE);
        List<String> lines = Files.readAllLines(s.casesCsv());
        assertEquals("ID,Image,Mask,Label,Outcome,synthetic", lines.get(0));
        List<String> clinical = Files.readAllLines(s.clinicalCsv());
        assertEquals("ID,Age,Sex,Label,IndexLevel,IndexLabel,synthetic", clinical.get(0));
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",");
            assertTrue(Files.isRegularFile(tmp.resolve(c[1])), c[1]);
            assertTrue(Files.isRegularFile(tmp.resolve(c[2])), c[2]);
            String[] k = clinical.get(i).split(",");
            assertEquals(k[5], c[3], "Label = the index vertebra's mask label");
            assertEquals(k[3], c[4], "Outcome = benign/malignant");
        }
        assertEquals(List.of("SYN001", "SYN002"), s.ids());
        assertEquals(2, s.malignant() + s.benign());
    }

    @Test
    void geometryMatchesTheModality() throws IOException {
        for (Modality m : Modality.values()) {
            CohortGenerator.Options o = new CohortGenerator.Options(1, 21, m);
            CohortGenerator.generate(tmp.resolve(m.name()), o, ProgressListener.NONE);
            Volume img = NiftiIO.read(tmp.resolve(m.name()).resolve("images/SYN001.nii.gz"));
            Volume mask = NiftiIO.read(tmp.resolve(m.name()).resolve("masks/SYN001.nii.gz"));
            SyntheticCase c = CohortGenerator.generateCase(0, o);
            double[] expected = m == Modality.CT ? new double[] {0.8, 0.8, 1.0} : new double[] {0.6, 0.6, 3.5};
            assertArrayEquals(expected, c.image().spacing(), 0.0, "in memory");
            assertArrayEquals(expected, img.spacing(), 1e-6, "from the file");
            assertTrue(mask.sameGeometry(img, 1e-6));
            assertTrue(img.sameGeometry(c.image(), 1e-4));
            assertEquals(PixelType.INT16, img.pixelType());
            assertEquals(PixelType.UINT8, mask.pixelType());
            if (m == Modality.MR) {
                // Sagittal: i anterior->posterior, j superior->inferior, k (3.5 mm slices) left->right.
                assertArrayEquals(new double[] {0, 0, -1, 1, 0, 0, 0, -1, 0}, img.direction(), 1e-6);
            } else {
                assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, img.direction(), 1e-6);
            }

            // Several vertebrae, all with known labels, the index one among them; cranial levels lie higher (LPS z).
            Map<Integer, double[]> centroids = centroids(mask);
            assertTrue(centroids.size() >= 4, m + ": labels " + centroids.keySet());
            int index = c.clinical().indexLabel();
            assertTrue(centroids.containsKey(index), "index label " + index + " in " + centroids.keySet());
            double indexVolumeMl = centroids.get(index)[3] * 0.001 * prod(expected);
            assertTrue(indexVolumeMl > 10 && indexVolumeMl < 80, m + ": index vertebra " + indexVolumeMl + " ml");
            Integer previous = null;
            for (int label : centroids.keySet()) {
                VertebraLevel.ofLabel(label);
                if (previous != null && centroids.get(label)[3] > 10000 && centroids.get(previous)[3] > 10000) {
                    double[] lo = mask.indexToPhysical(centroids.get(previous)[0], centroids.get(previous)[1],
                            centroids.get(previous)[2]);
                    double[] hi = mask.indexToPhysical(centroids.get(label)[0], centroids.get(label)[1],
                            centroids.get(label)[2]);
                    assertTrue(hi[2] > lo[2] + 15, m + ": " + label + " should lie above " + previous);
                }
                previous = label;
            }
            List<String> row = List.of(Files.readAllLines(tmp.resolve(m.name()).resolve("clinical.csv")).get(1).split(","));
            assertEquals(c.clinical().indexLevel().name(), row.get(4));
            assertEquals(Integer.toString(index), row.get(5));
        }
    }

    @Test
    void sameSeedGivesSamePatientsInCtAndMr() {
        SyntheticCase ct = CohortGenerator.generateCase(4, new CohortGenerator.Options(10, 8, Modality.CT));
        SyntheticCase mr = CohortGenerator.generateCase(4, new CohortGenerator.Options(10, 8, Modality.MR));
        assertEquals(ct.clinical(), mr.clinical());
        assertEquals(ct.findings().morphology(), mr.findings().morphology());
        assertEquals(ct.findings().posteriorBulgeMm(), mr.findings().posteriorBulgeMm());
    }

    @Test
    void malignantFractionIsKeptBlockByBlock() {
        for (double f : new double[] {0, 0.3, 0.5, 1}) {
            int n = 0;
            for (int i = 0; i < 40; i++) {
                n += SpineModel.isMalignant(17, i, f) ? 1 : 0;
            }
            assertEquals(Math.round(40 * f), n, "fraction " + f);
        }
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(UserInputException.class, () -> new CohortGenerator.Options(0, 1, Modality.CT));
        assertThrows(UserInputException.class, () -> new CohortGenerator.Options(5, 1, Modality.CT, 1.5));
        assertThrows(UserInputException.class, () -> new CohortGenerator.Options(5, 1, null));
        assertThrows(UserInputException.class,
                () -> CohortGenerator.generateCase(-1, new CohortGenerator.Options(5, 1, Modality.CT)));
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() throws IOException {
        AtomicLong last = new AtomicLong(-1);
        CohortGenerator.generate(tmp.resolve("p"), new CohortGenerator.Options(2, 1, Modality.MR), (done, total, msg) -> {
            assertEquals(2, total);
            last.set(done);
        });
        assertEquals(2, last.get());
        ProgressListener cancelled = new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancelledException.class, () -> CohortGenerator.generate(tmp.resolve("q"),
                new CohortGenerator.Options(4, 1, Modality.MR), cancelled));
        assertFalse(Files.exists(tmp.resolve("q/clinical.csv")));
    }

    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString().replace('\\', '/'), sha256(Files.readAllBytes(f)));
            }
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** label -> {mean i, mean j, mean k, voxel count}. */
    private static Map<Integer, double[]> centroids(Volume mask) {
        Map<Integer, double[]> c = new TreeMap<>();
        for (int k = 0; k < mask.nz(); k++) {
            for (int j = 0; j < mask.ny(); j++) {
                for (int i = 0; i < mask.nx(); i++) {
                    int l = (int) mask.get(i, j, k);
                    if (l != 0) {
                        double[] s = c.computeIfAbsent(l, x -> new double[4]);
                        s[0] += i;
                        s[1] += j;
                        s[2] += k;
                        s[3]++;
                    }
                }
            }
        }
        for (double[] s : c.values()) {
            s[0] /= s[3];
            s[1] /= s[3];
            s[2] /= s[3];
        }
        return c;
    }

    private static double prod(double[] a) {
        return a[0] * a[1] * a[2];
    }
}
