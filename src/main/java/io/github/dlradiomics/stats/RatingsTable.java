package io.github.dlradiomics.stats;

import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A subjects x raters matrix read from a CSV table (one row per subject, one column per rater), the input
 * of {@link Icc}. Used by {@code ./dlrad stats icc} and the SciJava ICC command.
 *
 * <pre>Icc.Result r = Icc.compute(RatingsTable.read(Path.of("ratings.csv"), List.of("J1", "J2", "J3")));</pre>
 */
public final class RatingsTable {
    private RatingsTable() {
    }

    /** The named columns as {@code ratings[subject][rater]}; a missing or non-numeric value is refused with its row. */
    public static double[][] read(Path table, List<String> raters) throws IOException {
        if (raters.size() < 2) {
            throw new UserInputException("--raters: name at least 2 columns (got " + raters.size() + ")");
        }
        List<Map<String, String>> rows = Csv.read(table);
        List<String> header = Csv.header(table);
        for (String r : raters) {
            if (!header.contains(r)) {
                throw new UserInputException(table + ": no column '" + r + "' (columns: " + String.join(", ", header) + ")");
            }
        }
        double[][] x = new double[rows.size()][raters.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < raters.size(); j++) {
                String s = rows.get(i).get(raters.get(j));
                double v;
                try {
                    v = Csv.number(s);
                } catch (NumberFormatException e) {
                    throw new UserInputException(table + ": row " + (i + 1) + ", column '" + raters.get(j) + "': '" + s
                            + "' is not a number");
                }
                if (!Double.isFinite(v)) {
                    throw new UserInputException(table + ": row " + (i + 1) + ", column '" + raters.get(j)
                            + "' has no value ('" + s + "'); ICC needs complete ratings");
                }
                x[i][j] = v;
            }
        }
        return x;
    }
}
