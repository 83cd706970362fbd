package io.github.dlradiomics.cli;

import io.github.dlradiomics.cohort.CohortGenerator;
import io.github.dlradiomics.cohort.CohortSummary;
import io.github.dlradiomics.cohort.Modality;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./dlrad cohort --out DIR [--cases N] [--seed S] [--modality ct|mr]}: the synthetic teaching cohort. */
@Command(name = "cohort", mixinStandardHelpOptions = true,
        description = {"Generate the SYNTHETIC teaching cohort: N spine studies (NIfTI image + vertebra label mask),",
            "clinical.csv (ID, age, sex, label benign/malignant, index vertebra) and cases.csv (batch input).",
            "Deterministic per seed. See docs/cohort.md. Not patient data: for teaching and testing only."})
final class CohortCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--cases", defaultValue = "100", paramLabel = "N", description = "number of cases (default: ${DEFAULT-VALUE})")
    int cases;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--modality", defaultValue = "mr", paramLabel = "ct|mr",
            description = "MR-like sagittal 0.6x0.6x3.5 mm or CT-like 0.8x0.8x1 mm (default: ${DEFAULT-VALUE})")
    String modality;

    @Option(names = "--malignant-fraction", defaultValue = "0.5", paramLabel = "F",
            description = "fraction of malignant cases (default: ${DEFAULT-VALUE})")
    double malignantFraction;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Modality m = switch (modality.toLowerCase(java.util.Locale.ROOT)) {
            case "ct" -> Modality.CT;
            case "mr", "mri" -> Modality.MR;
            default -> throw new UserInputException("--modality: '" + modality + "' is not one of ct, mr");
        };
        if (cases < 1) {
            throw new UserInputException("--cases: must be at least 1 (got " + cases + ")");
        }
        if (!(malignantFraction >= 0 && malignantFraction <= 1)) {
            throw new UserInputException("--malignant-fraction: must be between 0 and 1 (got " + malignantFraction + ")");
        }
        CohortSummary s = CohortGenerator.generate(out, new CohortGenerator.Options(cases, seed, m, malignantFraction),
                new ConsoleProgress(spec.commandLine().getErr()));
        spec.commandLine().getOut().println("Wrote " + s.describe());
        spec.commandLine().getOut().println("  cases:    " + s.casesCsv());
        spec.commandLine().getOut().println("  clinical: " + s.clinicalCsv());
        return 0;
    }
}
