package io.github.dlradiomics.scijava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlradiomics.cli.Main;
import io.github.dlradiomics.cohort.CohortGenerator;
import io.github.dlradiomics.cohort.CohortSummary;
import io.github.dlradiomics.cohort.Modality;
import io.github.dlradiomics.image.NiftiIO;
import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.radiomics.FeatureExtractor;
import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.stats.Icc;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import net.imglib2.img.array.ArrayImgs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/**
 * The SciJava commands run headless through scijava-common's CommandService, as a Groovy or Python script
 * in Fiji runs them, and give exactly what the core (and so the CLI and the ImageJ1 commands) gives.
 */
class SciJavaCommandsTest {
    static final List<Class<? extends Command>> COMMANDS = List.of(RadiomicsFeaturesCmd.class,
            ImgRadiomicsFeaturesCmd.class, TeachingCohortCmd.class, IccCmd.class);

    @TempDir
    static Path tmp;

    static Context context;
    static CommandService commands;
    static Volume image;
    static Volume mask;
    static Path imageFile;
    static Path maskFile;
    /** The volumes as read back from the files (NIfTI stores the spacing as float32). */
    static Volume imageRead;
    static Volume maskRead;

    @BeforeAll
    static void setUp() throws Exception {
        // SciJava's PrefService writes java.util.prefs; keep any stray write out of the user's home
        if (System.getProperty("java.util.prefs.userRoot") == null) {
            System.setProperty("java.util.prefs.userRoot", tmp.resolve("prefs").toString());
        }
        // only the services CommandService needs: no UI, nothing else discovered
        context = new Context(CommandService.class);
        commands = context.service(CommandService.class);
        image = new Volume(24, 22, 12, PixelType.INT16).setSpacing(0.8, 0.7, 2.0);
        mask = image.blankLike(PixelType.UINT8);
        Random r = new Random(3);
        for (int z = 0; z < image.nz(); z++) {
            for (int y = 0; y < image.ny(); y++) {
                for (int x = 0; x < image.nx(); x++) {
                    image.set(x, y, z, 100 + 8 * x - 5 * y + 3 * z + r.nextInt(60));
                    double dx = (x - 9) * 0.8;
                    double dy = (y - 10) * 0.7;
                    double dz = (z - 6) * 2.0;
                    if (dx * dx + dy * dy + dz * dz <= 36) {
                        mask.set(x, y, z, 1);
                    } else if (x >= 16 && x <= 21 && y >= 4 && y <= 12 && z >= 2 && z <= 8) {
                        mask.set(x, y, z, 2);
                    }
                }
            }
        }
        imageFile = tmp.resolve("image.nii.gz");
        maskFile = tmp.resolve("mask.nii.gz");
        NiftiIO.write(image, imageFile);
        NiftiIO.write(mask, maskFile);
        imageRead = Volumes.read(imageFile);
        maskRead = Volumes.read(maskFile);
    }

    @AfterAll
    static void tearDown() {
        if (context != null) {
            context.dispose();
        }
    }

    static Map<String, Object> run(Class<? extends Command> c, Object... inputs) throws Exception {
        CommandModule m = commands.run(c, true, inputs).get();
        assertFalse(m.isCanceled(), m.getCancelReason());
        return m.getOutputs();
    }

    /** Same keys in the same order and bit-identical values. */
    static void assertSameRow(Map<String, Object> expected, Object actual) {
        assertInstanceOf(Map.class, actual);
        Map<?, ?> a = (Map<?, ?>) actual;
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(a.keySet()));
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue(), a.get(e.getKey()), e.getKey()); // Double.equals: bit-identical, NaN = NaN
        }
    }

    @Test
    void pluginIndexListsEveryCommandForTheSearchBarButNoMenu() throws Exception {
        List<String> all = commands.getCommands().stream().map(CommandInfo::getClassName).toList();
        for (Class<? extends Command> c : COMMANDS) {
            assertTrue(all.contains(c.getName()), c + " missing from the plugin index");
            CommandInfo info = commands.getCommand(c);
            assertNotNull(info, c.getName());
            // Fiji's search bar (scijava-search ModuleSearcher) lists visible, enabled modules with a label
            assertTrue(info.isVisible() && info.isEnabled(), c.getName());
            String label = info.getLabel();
            assertTrue(label != null && label.startsWith("DLRadiomics "), label);
            // no menu path: the ImageJ1 menu (plugins.config) keeps its entries, unduplicated
            assertTrue(info.getMenuPath() == null || info.getMenuPath().isEmpty(), info.getMenuPath().toString());
            assertTrue(info.canRunHeadless(), c.getName());
        }
        // the index the annotation processor wrote (SciJava finds plugins only through it)
        String index = new String(SciJavaCommandsTest.class.getClassLoader()
                .getResourceAsStream("META-INF/json/org.scijava.plugin.Plugin").readAllBytes());
        for (Class<? extends Command> c : COMMANDS) {
            assertTrue(index.contains(c.getName()), c.getName());
        }
        CommandInfo info = commands.getCommand(RadiomicsFeaturesCmd.class);
        List<String> inputs = new ArrayList<>();
        for (ModuleItem<?> item : info.inputs()) {
            inputs.add(item.getName());
        }
        assertEquals(List.of("image", "mask", "label", "params", "naming", "diagnostics"), inputs);
    }

    @Test
    void radiomicsFeaturesEqualTheExtractorAndTheCli() throws Exception {
        Map<String, Object> out = run(RadiomicsFeaturesCmd.class, "image", imageFile.toFile(), "mask",
                maskFile.toFile(), "label", 2, "naming", "pyradiomics");
        Map<String, Object> expected = new FeatureExtractor(RadiomicsParams.defaults().withLabel(2))
                .extract(imageRead, maskRead, false, FeatureExtractor.Naming.PYRADIOMICS);
        assertTrue(expected.size() > 100, "" + expected.size());
        assertSameRow(expected, out.get("features"));

        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new String[] {"features", "--image", imageFile.toString(), "--mask", maskFile.toString(),
            "--label", "2"}, new PrintWriter(o, true), new PrintWriter(e, true));
        assertEquals(0, code, e.toString());
        assertEquals(o.toString(), out.get("csv"));
    }

    @Test
    void parameterFileLabelAndIbsiNaming() throws Exception {
        Path yaml = tmp.resolve("params.yaml");
        Files.writeString(yaml, "setting:\n  binWidth: 10\n  label: 2\nfeatureClass:\n  firstorder:\n  glcm:\n");
        // label 0: the parameter file's label
        Map<String, Object> out = run(RadiomicsFeaturesCmd.class, "image", imageFile.toFile(), "mask",
                maskFile.toFile(), "label", 0, "params", yaml.toFile(), "naming", "ibsi");
        Map<String, Object> expected = new FeatureExtractor(RadiomicsParams.read(yaml))
                .extract(imageRead, maskRead, false, FeatureExtractor.Naming.IBSI);
        assertSameRow(expected, out.get("features"));
        assertTrue(((String) out.get("csv")).startsWith("Image,Mask,Label,"), (String) out.get("csv"));
        assertTrue(((String) out.get("csv")).split("\n")[1].contains(",2,"), (String) out.get("csv"));
    }

    /** The UserInputException behind a failed module: SciJava's ModuleRunner wraps it in a RuntimeException. */
    static UserInputException cause(ExecutionException e) {
        assertInstanceOf(RuntimeException.class, e.getCause());
        return assertInstanceOf(UserInputException.class, e.getCause().getCause());
    }

    @Test
    void inputsAreNotRememberedBetweenRuns() throws Exception {
        Path yaml = tmp.resolve("firstorder.yaml");
        Files.writeString(yaml, "featureClass:\n  firstorder:\n");
        Map<String, Object> first = run(RadiomicsFeaturesCmd.class, "image", imageFile.toFile(), "mask",
                maskFile.toFile(), "label", 1, "params", yaml.toFile(), "diagnostics", true);
        assertTrue(((Map<?, ?>) first.get("features")).containsKey("diagnostics_Versions_Java"));
        // a later script run that leaves params and diagnostics out gets the defaults, not the last values
        Map<String, Object> second = run(RadiomicsFeaturesCmd.class, "image", imageFile.toFile(), "mask",
                maskFile.toFile(), "label", 1);
        assertSameRow(new FeatureExtractor(RadiomicsParams.defaults().withLabel(1)).extract(imageRead, maskRead, false,
                FeatureExtractor.Naming.PYRADIOMICS), second.get("features"));
        for (Class<? extends Command> c : COMMANDS) {
            assertFalse(java.util.prefs.Preferences.userRoot().nodeExists(c.getName().replace('.', '/')),
                    c.getName() + " persisted its inputs");
        }
    }

    @Test
    void badInputFailsWithTheOneLineMessage() {
        File missing = tmp.resolve("nope.nii.gz").toFile();
        ExecutionException e = assertThrows(ExecutionException.class, () -> commands.run(RadiomicsFeaturesCmd.class,
                true, "image", imageFile.toFile(), "mask", missing, "label", 1).get());
        assertTrue(cause(e).getMessage().contains("nope.nii.gz: file not found"), cause(e).getMessage());

        ExecutionException absent = assertThrows(ExecutionException.class, () -> commands.run(
                RadiomicsFeaturesCmd.class, true, "image", imageFile.toFile(), "mask", maskFile.toFile(), "label", 7)
                .get());
        assertTrue(cause(absent).getMessage().startsWith(maskFile.toFile() + ": "), cause(absent).getMessage());
    }

    @Test
    void imgFeaturesEqualTheExtractorForViewsAndCopies() throws Exception {
        Map<String, Object> expected = new FeatureExtractor(RadiomicsParams.defaults().withLabel(1))
                .extract(image, mask, false, FeatureExtractor.Naming.PYRADIOMICS);
        double[] s = image.spacing();
        // views on the Volumes (no copy) ...
        Map<String, Object> out = run(ImgRadiomicsFeaturesCmd.class, "image", VolumeImg.wrap(image), "mask",
                VolumeImg.wrap(mask), "spacingX", s[0], "spacingY", s[1], "spacingZ", s[2], "label", 1);
        assertSameRow(expected, out.get("features"));
        // ... and an ImageJ-like short image with a byte mask (copied)
        var shorts = ArrayImgs.shorts(image.nx(), image.ny(), image.nz());
        var bytes = ArrayImgs.unsignedBytes(image.nx(), image.ny(), image.nz());
        int i = 0;
        var cs = shorts.cursor();
        var cb = bytes.cursor();
        while (cs.hasNext()) {
            cs.next().set((short) image.data()[i]);
            cb.next().set((int) mask.data()[i]);
            i++;
        }
        Map<String, Object> copied = run(ImgRadiomicsFeaturesCmd.class, "image", shorts, "mask", bytes,
                "spacingX", s[0], "spacingY", s[1], "spacingZ", s[2]);
        assertSameRow(expected, copied.get("features"));
    }

    @Test
    void teachingCohortWritesWhatTheCoreWrites() throws Exception {
        Path viaCommand = tmp.resolve("cohort-cmd");
        Map<String, Object> out = run(TeachingCohortCmd.class, "outDir", viaCommand.toFile(), "cases", 2, "seed", 7L,
                "modality", "CT");
        Path viaCore = tmp.resolve("cohort-core");
        CohortSummary s = CohortGenerator.generate(viaCore, new CohortGenerator.Options(2, 7, Modality.CT),
                ProgressListener.NONE);
        assertEquals(s.describe().replace(viaCore.toString(), viaCommand.toString()), out.get("summary"));
        assertEquals(viaCommand.resolve("cases.csv").toFile(), out.get("casesCsv"));
        for (String f : List.of("cases.csv", "clinical.csv", "images/SYN001.nii.gz", "masks/SYN002.nii.gz")) {
            assertArrayEquals(Files.readAllBytes(viaCore.resolve(f)), Files.readAllBytes(viaCommand.resolve(f)), f);
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> commands.run(TeachingCohortCmd.class,
                true, "outDir", viaCommand.toFile(), "cases", 1, "modality", "PET").get());
        assertTrue(cause(e).getMessage().contains("'PET' is not one of MR, CT"), cause(e).getMessage());
    }

    @Test
    void iccEqualsTheCore() throws Exception {
        // Shrout and Fleiss (1979), Table 2: 6 subjects, 4 judges
        double[][] x = {{9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}};
        StringBuilder csv = new StringBuilder("Subject,J1,J2,J3,J4\n");
        for (int i = 0; i < x.length; i++) {
            csv.append(i + 1);
            for (double v : x[i]) {
                csv.append(',').append((int) v);
            }
            csv.append('\n');
        }
        Path table = tmp.resolve("ratings.csv");
        Files.writeString(table, csv);
        Map<String, Object> out = run(IccCmd.class, "table", table.toFile(), "raters", "J1, J2,J3,J4");
        assertEquals(Json.write(Icc.compute(x, 0.05).toMap()), Json.write(out.get("result")));
        assertEquals(0.29, ((Map<?, ?>) ((Map<?, ?>) out.get("result")).get("ICC2")).get("value") instanceof Double d
                ? Math.round(d * 100) / 100.0 : Double.NaN);

        ExecutionException e = assertThrows(ExecutionException.class, () -> commands.run(IccCmd.class, true,
                "table", table.toFile(), "raters", "J1").get());
        assertTrue(cause(e).getMessage().contains("at least 2"), cause(e).getMessage());
    }
}
