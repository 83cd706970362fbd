package io.github.dlradiomics.nomogram;

import io.github.dlradiomics.model.Pipeline;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A signature score of one patient from a saved model pipeline: the logit of the pipeline's probability
 * (for a logistic model, its linear predictor — the papers' Rad-score). The pipeline's inputs are taken from
 * the feature row (e.g. radiomics of the current image and ROI) and, for clinical inputs, from the values
 * typed for the nomogram: a number by its name, a categorical level "var=level" as 1 when the typed value of
 * var is that level, else 0.
 */
public final class Signature {
    private Signature() {
    }

    /** The logit of the pipeline's probability for one row (0 and 1 clamped to 2^-53 and 1 - 2^-53: logits within +-36.7). */
    public static double logit(Pipeline pipeline, Map<String, ?> features, Map<String, String> typed) {
        List<String> names = pipeline.inputNames();
        double[] row = new double[names.size()];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < row.length; j++) {
            String n = names.get(j);
            Object f = features.get(n);
            if (f instanceof Number num) {
                row[j] = num.doubleValue();
            } else if (typed.containsKey(n)) {
                try {
                    row[j] = Double.parseDouble(typed.get(n).trim());
                } catch (NumberFormatException e) {
                    throw new UserInputException("signature: '" + n + "' must be a number, not '" + typed.get(n) + "'");
                }
            } else if (n.contains("=") && typed.containsKey(n.substring(0, n.indexOf('=')))) {
                row[j] = typed.get(n.substring(0, n.indexOf('='))).trim().equals(n.substring(n.indexOf('=') + 1)) ? 1 : 0;
            } else {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new UserInputException("signature: the pipeline needs " + missing.size() + " input(s) that neither the "
                    + "image's features nor the typed values give: " + String.join(", ", missing.subList(0,
                            Math.min(5, missing.size()))) + (missing.size() > 5 ? ", ..." : ""));
        }
        double p = pipeline.predict(names, new double[][] {row})[0];
        p = Math.min(1 - 0x1p-53, Math.max(0x1p-53, p));
        return Math.log(p / (1 - p));
    }
}
