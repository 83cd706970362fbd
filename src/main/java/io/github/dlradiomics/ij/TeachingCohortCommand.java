package io.github.dlradiomics.ij;

import io.github.dlradiomics.cohort.CohortGenerator;
import io.github.dlradiomics.cohort.CohortSummary;
import io.github.dlradiomics.cohort.Modality;
import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import java.nio.file.Path;

/**
 * Plugins &gt; DLRadiomics &gt; Teaching Cohort...: writes the SYNTHETIC teaching cohort (the same core
 * call as {@code ./dlrad cohort}). Macro:
 * {@code run("Teaching Cohort...", "output=/tmp/cohort cases=20 seed=42 modality=MR");}
 */
public class TeachingCohortCommand implements PlugIn {
    static final String NAME = "Teaching Cohort";

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, () -> {
            GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
            gd.addMessage("Synthetic spine studies for teaching and testing (not patient data).");
            gd.addDirectoryField("Output folder", CommandSupport.pref("cohort.output", ""));
            gd.addNumericField("Cases", CommandSupport.pref("cohort.cases", 20), 0);
            gd.addNumericField("Seed", CommandSupport.pref("cohort.seed", 42), 0);
            gd.addChoice("Modality", new String[] {"MR", "CT"}, CommandSupport.pref("cohort.modality", "MR"));
            gd.addNumericField("Malignant fraction", CommandSupport.pref("cohort.fraction", 0.5), 2);
            gd.showDialog();
            if (gd.wasCanceled()) {
                return;
            }
            String out = gd.getNextString().trim();
            double cases = gd.getNextNumber();
            double seed = gd.getNextNumber();
            String modality = gd.getNextChoice();
            double fraction = gd.getNextNumber();
            if (out.isEmpty()) {
                CommandSupport.fail(NAME, "no output folder given (key 'output')");
                return;
            }
            if (Double.isNaN(cases) || cases < 1 || cases != Math.rint(cases)) {
                CommandSupport.fail(NAME, "'cases' must be a whole number >= 1");
                return;
            }
            if (Double.isNaN(seed) || seed != Math.rint(seed)) {
                CommandSupport.fail(NAME, "'seed' must be a whole number");
                return;
            }
            if (!(fraction >= 0 && fraction <= 1)) {
                CommandSupport.fail(NAME, "'malignant' fraction must be between 0 and 1");
                return;
            }
            CommandSupport.setPref("cohort.output", out);
            CommandSupport.setPref("cohort.cases", (int) cases);
            CommandSupport.setPref("cohort.seed", (long) seed);
            CommandSupport.setPref("cohort.modality", modality);
            CommandSupport.setPref("cohort.fraction", fraction);
            CohortSummary s = CohortGenerator.generate(Path.of(out), new CohortGenerator.Options((int) cases,
                    (long) seed, Modality.valueOf(modality), fraction), CommandSupport.progress(NAME));
            IJ.showProgress(1.0);
            IJ.log(NAME + ": wrote " + s.describe());
        });
    }
}
