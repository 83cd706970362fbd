package io.github.dlradiomics.scijava;

import io.github.dlradiomics.cohort.CohortGenerator;
import io.github.dlradiomics.cohort.CohortSummary;
import io.github.dlradiomics.cohort.Modality;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Writes the SYNTHETIC teaching cohort (not patient data) from a script: the same core call as
 * {@code ./dlrad cohort} and Plugins &gt; DLRadiomics &gt; Teaching Cohort...:
 *
 * <pre>CohortGenerator.generate(outDir, new CohortGenerator.Options(cases, seed, Modality.MR, 0.5), listener);</pre>
 *
 * Outputs {@code summary} (one line: cases, malignant/benign, seed, folder) and {@code casesCsv} (the
 * Image, Mask, Label table the radiomics batch reads).
 *
 * <pre>cs.run(TeachingCohortCmd.class, true, "outDir", new File("/tmp/cohort"), "cases", 20, "seed", 42L, "modality", "MR").get().getOutput("summary")</pre>
 */
@Plugin(type = Command.class, label = TeachingCohortCmd.LABEL, headless = true,
        description = "Synthetic spine studies (images, masks, clinical table) for teaching and testing.")
public class TeachingCohortCmd implements Command {
    /** The title Fiji's search bar shows. */
    public static final String LABEL = "DLRadiomics Teaching Cohort (script)";

    @Parameter(persist = false, label = "Output folder", style = FileWidget.DIRECTORY_STYLE)
    private File outDir;

    @Parameter(persist = false, label = "Cases", min = "1")
    private int cases = 20;

    @Parameter(persist = false, label = "Seed", description = "the same seed gives identical files")
    private long seed = 42;

    @Parameter(persist = false, label = "Modality", choices = {"MR", "CT"})
    private String modality = "MR";

    @Parameter(persist = false, label = "Malignant fraction", min = "0", max = "1")
    private double malignantFraction = CohortGenerator.DEFAULT_MALIGNANT_FRACTION;

    @Parameter(required = false)
    private StatusService status;

    @Parameter(required = false)
    private LogService log;

    @Parameter(type = ItemIO.OUTPUT, label = "Summary")
    private String summary;

    @Parameter(type = ItemIO.OUTPUT, label = "Cases table")
    private File casesCsv;

    @Override
    public void run() {
        Modality m = Modality.valueOf(modality(modality));
        try {
            CohortSummary s = CohortGenerator.generate(Scripting.path(outDir, "outDir"),
                    new CohortGenerator.Options(cases, seed, m, malignantFraction),
                    new StatusProgress("Teaching Cohort", status, log));
            summary = s.describe();
            casesCsv = s.casesCsv().toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String modality(String s) {
        String u = s == null ? "" : s.trim().toUpperCase(java.util.Locale.ROOT);
        if (!u.equals("MR") && !u.equals("CT")) {
            throw new io.github.dlradiomics.util.UserInputException("modality: '" + s + "' is not one of MR, CT");
        }
        return u;
    }
}
