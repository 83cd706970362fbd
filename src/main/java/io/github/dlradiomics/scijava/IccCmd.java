package io.github.dlradiomics.scijava;

import io.github.dlradiomics.stats.Icc;
import io.github.dlradiomics.stats.RatingsTable;
import io.github.dlradiomics.util.UserInputException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * The six intraclass correlations (Shrout and Fleiss; as R's {@code psych::ICC}) of rater columns of a CSV
 * table, from a script: the same core calls as {@code ./dlrad stats icc --table --raters}:
 *
 * <pre>Icc.compute(RatingsTable.read(table, List.of("J1", "J2")), 0.05).toMap()</pre>
 *
 * Outputs {@code result}: {@code {"ICC1": {"value", "ci": [lo, hi], "F", "p"}, ...}}, the map
 * {@code --json} prints.
 *
 * <pre>cs.run(IccCmd.class, true, "table", csv, "raters", "J1,J2,J3,J4").get().getOutput("result")</pre>
 */
@Plugin(type = Command.class, label = IccCmd.LABEL, headless = true,
        description = "ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k with F tests and confidence intervals (psych::ICC).")
public class IccCmd implements Command {
    /** The title Fiji's search bar shows. */
    public static final String LABEL = "DLRadiomics Intraclass Correlation (ICC)";

    @Parameter(persist = false, label = "Table", description = "CSV, one row per subject", style = FileWidget.OPEN_STYLE)
    private File table;

    @Parameter(persist = false, label = "Raters", description = "the columns holding each rater's values, comma-separated (at least 2)")
    private String raters;

    @Parameter(persist = false, label = "Alpha", description = "1 - confidence level of the intervals", min = "0", max = "1")
    private double alpha = 0.05;

    @Parameter(type = ItemIO.OUTPUT, label = "ICC")
    private Map<String, Object> result;

    @Override
    public void run() {
        if (raters == null || raters.isBlank()) {
            throw new UserInputException("raters: name at least 2 columns, comma-separated (e.g. J1,J2)");
        }
        List<String> columns = new ArrayList<>();
        for (String r : raters.split(",")) {
            columns.add(r.trim());
        }
        try {
            result = Icc.compute(RatingsTable.read(Scripting.path(table, "table"), columns), alpha).toMap();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
