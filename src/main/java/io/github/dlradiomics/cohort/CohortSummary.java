package io.github.dlradiomics.cohort;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link CohortGenerator#generate} wrote.
 *
 * <pre>CohortSummary s = CohortGenerator.generate(dir, options, ProgressListener.NONE); Path csv = s.casesCsv();</pre>
 *
 * @param directory   the output folder
 * @param options     the options used
 * @param ids         case identifiers in order
 * @param malignant   number of malignant cases
 * @param benign      number of benign cases
 * @param casesCsv    DIR/cases.csv (ID, Image, Mask, Label: the batch input of later commands)
 * @param clinicalCsv DIR/clinical.csv
 */
public record CohortSummary(Path directory, CohortGenerator.Options options, List<String> ids, int malignant,
        int benign, Path casesCsv, Path clinicalCsv) {
    public CohortSummary {
        ids = List.copyOf(ids);
    }

    /** One line, e.g. "100 synthetic MR cases (50 malignant, 50 benign), seed 42, in /tmp/cohort". */
    public String describe() {
        return ids.size() + " synthetic " + options.modality() + " cases (" + malignant + " malignant, " + benign
                + " benign), seed " + options.seed() + ", in " + directory;
    }
}
