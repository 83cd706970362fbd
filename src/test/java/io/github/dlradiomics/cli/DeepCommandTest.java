package io.github.dlradiomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.TestData;
import io.github.dlradiomics.image.NiftiIO;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.roi.LargestSlice;
import io.github.dlradiomics.roi.SliceAxis;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./dlrad deep} on the real SqueezeNet weights: the acceptance numbers and the bad-input messages. */
class DeepCommandTest {
    @TempDir
    Path tmp;

    private static Path squeezenet() {
        return TestData.shared("models/squeezenet1.1/squeezenet1.1_imagenet_fp32.onnx");
    }

    @Test
    void kittenIsATabbyWithPointNineThree() throws Exception {
        Path onnx = squeezenet();
        Path kitten = TestData.shared("models/squeezenet1.1/kitten_224.png");
        Path out = tmp.resolve("kitten.csv");
        CliTest.Run r = CliTest.run("deep", "--image", kitten.toString(), "--model", "squeezenet1.1-imagenet",
                "--model-file", onnx.toString(), "--output", "logits", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("281 \"tabby, tabby cat\" p=0.93"), r.err());
        Map<String, String> row = Csv.read(out).get(0);
        assertEquals("281", row.get("Top1"));
        assertEquals("tabby, tabby cat", row.get("Top1 label"));
        assertEquals(0.9316, Double.parseDouble(row.get("Top1 p")), 1e-3);
        assertEquals(0.0653, Double.parseDouble(row.get("p_0285")), 1e-3);
        double sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += Double.parseDouble(row.get(String.format("p_%04d", i)));
        }
        assertEquals(1.0, sum, 1e-3);
        // the provenance beside the CSV names the model file and its hash
        Map<String, Object> prov = Json.parseObject(Files.readString(tmp.resolve("kitten.provenance.json")));
        assertEquals("7bf95a128e0991e68322aa08715e1f98d193b356263dd4932e49d096191f7b23", prov.get("model_file_sha256"));
    }

    @Test
    void kittenFeaturesAreTheReadmesPooledFire9() throws Exception {
        Path onnx = squeezenet();
        Path kitten = TestData.shared("models/squeezenet1.1/kitten_224.png");
        CliTest.Run r = CliTest.run("deep", "--image", kitten.toString(), "--model", "squeezenet1.1-imagenet",
                "--model-file", onnx.toString());
        assertEquals(0, r.code(), r.err());
        Path csv = tmp.resolve("f.csv");
        Files.writeString(csv, r.out());
        Map<String, String> row = Csv.read(csv).get(0);
        // ../shared/models/squeezenet1.1/README.txt: fire9/concat_1 GAP 512-d, mean 2.8622, first 0.0461, 0.0000, 13.3089
        assertEquals(0.0461, Double.parseDouble(row.get("DL_0001")), 1e-4);
        assertEquals(0.0, Double.parseDouble(row.get("DL_0002")), 1e-4);
        assertEquals(13.3089, Double.parseDouble(row.get("DL_0003")), 1e-3);
        double mean = 0;
        for (int i = 1; i <= 512; i++) {
            mean += Double.parseDouble(row.get(String.format("DL_%04d", i)));
        }
        assertEquals(2.8622, mean / 512, 1e-3);
        assertFalse(row.containsKey("DL_0513"));
    }

    @Test
    void lumbarVertebraeAreIdenticalAcrossRunsAndThreadsAndUseTheLargestSlice() throws Exception {
        Path onnx = squeezenet();
        Path ct = TestData.shared("imaging/totalsegmentator_ct/ct.nii.gz");
        Path seg = TestData.shared("imaging/totalsegmentator_ct/vertebrae_labels.nii.gz");
        String[] base = {"deep", "--image", ct.toString(), "--mask", seg.toString(), "--label", "27,28,29,30,31",
            "--model", "squeezenet1.1-imagenet", "--model-file", onnx.toString(), "--neighbours", "1",
            "--intensity", "window:-1000,2000", "--margin", "5"};
        String[] outs = new String[3];
        int[] threads = {1, 2, 1};
        for (int i = 0; i < 3; i++) {
            String[] args = Arrays.copyOf(base, base.length + 2);
            args[base.length] = "--threads";
            args[base.length + 1] = Integer.toString(threads[i]);
            CliTest.Run r = CliTest.run(args);
            assertEquals(0, r.code(), r.err());
            outs[i] = r.out();
        }
        assertEquals(outs[0], outs[1], "1 vs 2 threads");
        assertEquals(outs[0], outs[2], "two runs");
        Path csv = tmp.resolve("ct.csv");
        Files.writeString(csv, outs[0]);
        List<Map<String, String>> rows = Csv.read(csv);
        assertEquals(5, rows.size());
        Volume labels = Volumes.read(seg);
        SliceAxis sag = SliceAxis.sagittal(labels);
        for (Map<String, String> row : rows) {
            int label = Integer.parseInt(row.get("Label"));
            int slice = LargestSlice.find(labels, sag, label).slice();
            assertEquals(slice, Integer.parseInt(row.get("Slice")), "label " + label);
            assertEquals((slice - 1) + ";" + slice + ";" + (slice + 1), row.get("Slices"));
            assertEquals("sagittal", row.get("Axis"));
        }
    }

    @Test
    void channelsModeAndConcatenation() throws Exception {
        Path onnx = squeezenet();
        Path ct = TestData.shared("imaging/totalsegmentator_ct/ct.nii.gz");
        Path seg = TestData.shared("imaging/totalsegmentator_ct/vertebrae_labels.nii.gz");
        CliTest.Run r = CliTest.run("deep", "--image", ct.toString(), "--mask", seg.toString(), "--label", "31",
                "--model", "squeezenet1.1-imagenet", "--model-file", onnx.toString(), "--neighbours", "1",
                "--mode", "channels");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("DL_0512") && !r.out().contains("DL_0513"));
        r = CliTest.run("deep", "--image", ct.toString(), "--mask", seg.toString(), "--label", "31",
                "--model", "squeezenet1.1-imagenet", "--model-file", onnx.toString(), "--neighbours", "1",
                "--aggregate", "concat");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("DL_slice-1_0001") && r.out().contains("DL_slice+0_0512")
                && r.out().contains("DL_slice+1_0512"), r.out().substring(0, 200));
    }

    @Test
    void badInputGivesOneClearLine() throws Exception {
        Path onnx = squeezenet();
        Path ct = TestData.shared("imaging/totalsegmentator_ct/ct.nii.gz");
        Path seg = TestData.shared("imaging/totalsegmentator_ct/vertebrae_labels.nii.gz");
        // missing model file
        CliTest.Run r = CliTest.run("deep", "--image", ct.toString(), "--mask", seg.toString(), "--model",
                "squeezenet1.1-imagenet", "--model-file", tmp.resolve("nope.onnx").toString());
        assertEquals(2, r.code());
        assertOneLine(r, "nope.onnx");
        // corrupt model file (truncated): refused by the hash check, and without a hash by the ONNX reader
        Path cut = tmp.resolve("cut.onnx");
        byte[] all = Files.readAllBytes(onnx);
        Files.write(cut, Arrays.copyOf(all, all.length / 3));
        r = CliTest.run("deep", "--image", ct.toString(), "--mask", seg.toString(), "--model",
                "squeezenet1.1-imagenet", "--model-file", cut.toString());
        assertEquals(2, r.code());
        assertOneLine(r, "cut.onnx");
        String desc = Files.readString(TestData.projectRoot().resolve("models/squeezenet1.1-imagenet.json"))
                .replaceAll("\"sha256\": \"[0-9a-f]+\",", "").replaceAll("\"bytes\": \\d+,", "");
        Path noHash = tmp.resolve("nohash.json");
        Files.writeString(noHash, desc);
        r = CliTest.run("deep", "--image", ct.toString(), "--mask", seg.toString(), "--model", noHash.toString(),
                "--model-file", cut.toString());
        assertEquals(2, r.code(), r.err());
        assertOneLine(r, "not a valid ONNX model");
        // a model whose input does not fit the descriptor
        Path small = tmp.resolve("small.json");
        Files.writeString(small, desc.replace("\"width\": 224", "\"width\": 64").replace("\"height\": 224", "\"height\": 64"));
        r = CliTest.run("deep", "--image", ct.toString(), "--mask", seg.toString(), "--model", small.toString(),
                "--model-file", onnx.toString());
        assertEquals(2, r.code(), r.err());
        assertOneLine(r, "224x224 pixels but the descriptor says 64x64");
        // neighbours on a 2D image
        Volume flat = new Volume(20, 20, 1, PixelType.INT16);
        Volume flatMask = new Volume(20, 20, 1, PixelType.UINT8);
        for (int y = 5; y < 12; y++) {
            for (int x = 4; x < 15; x++) {
                flat.set(x, y, 0, x * y);
                flatMask.set(x, y, 0, 1);
            }
        }
        Path fi = tmp.resolve("flat.nii.gz");
        Path fm = tmp.resolve("flat_mask.nii.gz");
        NiftiIO.write(flat, fi);
        NiftiIO.write(flatMask, fm);
        r = CliTest.run("deep", "--image", fi.toString(), "--mask", fm.toString(), "--axis", "z", "--neighbours", "1",
                "--model", "squeezenet1.1-imagenet", "--model-file", onnx.toString());
        assertEquals(2, r.code(), r.err());
        assertOneLine(r, "neighbours requested on a 2D image");
        // a label that is not in the mask
        r = CliTest.run("deep", "--image", ct.toString(), "--mask", seg.toString(), "--label", "99", "--model",
                "squeezenet1.1-imagenet", "--model-file", onnx.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("99"), r.err());
        // unknown model name lists the known ones
        r = CliTest.run("deep", "--image", ct.toString(), "--mask", seg.toString(), "--model", "resnet51");
        assertEquals(2, r.code());
        assertOneLine(r, "squeezenet1.1-imagenet");
    }

    @Test
    void aBatchGoesOnPastABadCaseAndListsIt() throws Exception {
        Path onnx = squeezenet();
        Path ct = TestData.shared("imaging/totalsegmentator_ct/ct.nii.gz");
        Path seg = TestData.shared("imaging/totalsegmentator_ct/vertebrae_labels.nii.gz");
        Path cases = tmp.resolve("cases.csv");
        Files.writeString(cases, "ID,Image,Mask,Label\n"
                + "a," + ct + "," + seg + ",31\n"
                + "b," + tmp.resolve("missing.nii.gz") + "," + seg + ",31\n"
                + "c," + ct + "," + seg + ",99\n"
                + "d," + ct + "," + seg + ",27\n");
        Path out = tmp.resolve("batch.csv");
        CliTest.Run r = CliTest.run("deep", "--batch", cases.toString(), "--model", "squeezenet1.1-imagenet",
                "--model-file", onnx.toString(), "--out", out.toString(), "--batch-size", "3");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("2 of 4 cases failed"), r.err());
        assertTrue(r.err().contains("b: ") && r.err().contains("missing.nii.gz") && r.err().contains("c: "), r.err());
        List<Map<String, String>> rows = Csv.read(out);
        assertEquals(List.of("a", "d"), rows.stream().map(m -> m.get("ID")).toList());
        Map<String, Object> prov = Json.parseObject(Files.readString(tmp.resolve("batch.provenance.json")));
        assertEquals(2, ((List<?>) prov.get("failed")).size());
    }

    @Test
    void pcaFittedOnTrainingIsAppliedUnchanged() throws Exception {
        java.util.Random rnd = new java.util.Random(3);
        StringBuilder train = new StringBuilder("ID,DL_0001,DL_0002,DL_0003,DL_0004\n");
        for (int i = 0; i < 12; i++) {
            double a = rnd.nextGaussian();
            double b = rnd.nextGaussian();
            train.append("t").append(i).append(',').append(a).append(',').append(2 * a + 0.01 * b).append(',').append(b)
                    .append(',').append(a - b).append('\n');
        }
        Path t = tmp.resolve("train.csv");
        Files.writeString(t, train.toString());
        Path json = tmp.resolve("pca.json");
        Path tr = tmp.resolve("train_pc.csv");
        CliTest.Run r = CliTest.run("pca", "fit", "--table", t.toString(), "--components", "2", "--out", json.toString(),
                "--transformed", tr.toString());
        assertEquals(0, r.code(), r.err());
        CliTest.Run a = CliTest.run("pca", "apply", "--pca", json.toString(), "--table", t.toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(Files.readString(tr), a.out());
        assertTrue(a.out().startsWith("ID,DL_PC1,DL_PC2\n"), a.out());
        Map<String, Object> m = Json.parseObject(Files.readString(json));
        assertEquals("dlradiomics-pca/1", m.get("format"));
        // a table without the training features is refused in one line
        Path other = tmp.resolve("other.csv");
        Files.writeString(other, "ID,DL_0001,DL_0009\nx,1,2\n");
        CliTest.Run bad = CliTest.run("pca", "apply", "--pca", json.toString(), "--table", other.toString());
        assertEquals(2, bad.code());
        assertOneLine(bad, "DL_0002");
    }

    private static void assertOneLine(CliTest.Run r, String expected) {
        String[] lines = r.err().strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("dlrad: ") && last.contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug: " + r.err());
    }
}
