package io.github.dlradiomics.stats;

import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The radiomics papers' reproducibility filter: each reader (or each repeated segmentation) gives a
 * feature table, rows = cases identified by an ID column, columns = features; per feature the cases
 * found in every table form an n cases x k readers matrix, and {@link Icc} gives ICC(2,1) (two-way
 * random, absolute agreement) and ICC(3,1) (two-way mixed, consistency) with confidence intervals.
 * Features whose chosen ICC (default ICC(2,1)) is at least the threshold (default 0.75) are kept.
 *
 * <p>Columns that are not numbers for every matched case (e.g. PyRadiomics' diagnostics columns) are
 * skipped and listed; a feature with a missing value (empty, NA, nan) for a matched case gets NaN ICCs and
 * a note, and is not kept; a feature constant over all cases and readers has undefined ICCs (NaN).
 * Cases missing from some table are left out and listed.
 *
 * <pre>IccFilter.Result r = IccFilter.compute(List.of(Path.of("readerA.csv"), Path.of("readerB.csv")), "ID"); r.writeCsv(Path.of("icc.csv"));</pre>
 */
public final class IccFilter {
    /** The papers' threshold: "good" reliability (Koo and Li 2016). */
    public static final double DEFAULT_THRESHOLD = 0.75;

    private IccFilter() {
    }

    /**
     * One reader's table.
     *
     * @param name how messages call it (e.g. the file name)
     * @param rows rows as column -&gt; value (as {@link Csv#read} returns them)
     */
    public record Table(String name, List<Map<String, String>> rows) {
    }

    /**
     * One feature's reliability.
     *
     * @param feature column name
     * @param cases number of matched cases used
     * @param icc2 ICC(2,1) with CI
     * @param icc3 ICC(3,1) with CI
     * @param kept whether the filter's ICC reaches the threshold
     * @param note why the ICCs are NaN (empty when they are not)
     */
    public record Row(String feature, int cases, Icc.Estimate icc2, Icc.Estimate icc3, boolean kept, String note) {
    }

    /**
     * The filter's outcome.
     *
     * @param rows one per numeric feature, in column order
     * @param type the ICC that decides
     * @param threshold the threshold
     * @param alpha 1 - confidence level of the intervals
     * @param matchedIds cases present in every table (in the first table's order)
     * @param unmatchedIds cases missing from at least one table
     * @param skippedColumns non-numeric columns, or columns missing from some table
     */
    public record Result(List<Row> rows, Icc.Type type, double threshold, double alpha, List<String> matchedIds,
            List<String> unmatchedIds, List<String> skippedColumns) {
        /** Names of the kept features. */
        public List<String> keptFeatures() {
            return rows.stream().filter(Row::kept).map(Row::feature).toList();
        }

        /** The CSV header: feature, cases, ICC2 with limits and p, ICC3 with limits and p, kept, note. */
        public List<String> header() {
            return List.of("feature", "cases", "ICC2", "ICC2_lower", "ICC2_upper", "ICC2_p", "ICC3", "ICC3_lower",
                    "ICC3_upper", "ICC3_p", String.format(Locale.ROOT, "kept (%s >= %s)", type.name(), Csv.field(threshold)),
                    "note");
        }

        /** Writes one row per feature (see {@link #header()}). */
        public void writeCsv(Path file) throws IOException {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writeCsv(w);
            }
        }

        /** Writes one row per feature (see {@link #header()}). */
        public void writeCsv(Writer w) throws IOException {
            Csv.writeLine(w, header());
            for (Row r : rows) {
                Csv.writeLine(w, List.of(r.feature(), r.cases(), r.icc2().value(), r.icc2().lower(), r.icc2().upper(),
                        r.icc2().p(), r.icc3().value(), r.icc3().lower(), r.icc3().upper(), r.icc3().p(), r.kept(),
                        r.note()));
            }
        }
    }

    /** ICC(2,1) filter at 0.75 over CSV files (one per reader), cases matched by {@code idColumn}. */
    public static Result compute(List<Path> readerCsvs, String idColumn) throws IOException {
        List<Table> tables = new ArrayList<>();
        for (Path p : readerCsvs) {
            tables.add(new Table(p.getFileName().toString(), Csv.read(p)));
        }
        return compute(tables, idColumn, Icc.Type.ICC2, DEFAULT_THRESHOLD, 0.05);
    }

    /** The filter over in-memory tables: {@code type} &gt;= {@code threshold} keeps a feature. */
    public static Result compute(List<Table> tables, String idColumn, Icc.Type type, double threshold, double alpha) {
        if (tables.size() < 2) {
            throw new UserInputException("ICC filter needs the feature tables of at least 2 readers (got " + tables.size() + ")");
        }
        if (!Double.isFinite(threshold)) {
            throw new UserInputException("ICC threshold must be a number (got " + threshold + ")");
        }
        List<Map<String, Map<String, String>>> byId = new ArrayList<>();
        for (Table t : tables) {
            if (t.rows().isEmpty()) {
                throw new UserInputException(t.name() + ": the feature table has no rows");
            }
            if (!t.rows().get(0).containsKey(idColumn)) {
                throw new UserInputException(t.name() + ": no ID column '" + idColumn + "' (columns: "
                        + shortList(t.rows().get(0).keySet()) + ")");
            }
            Map<String, Map<String, String>> m = new LinkedHashMap<>();
            for (Map<String, String> row : t.rows()) {
                String id = row.get(idColumn).trim();
                if (id.isEmpty()) {
                    throw new UserInputException(t.name() + ": a row has an empty " + idColumn);
                }
                if (m.put(id, row) != null) {
                    throw new UserInputException(t.name() + ": case " + idColumn + " = '" + id + "' appears twice");
                }
            }
            byId.add(m);
        }
        List<String> matched = new ArrayList<>();
        Set<String> unmatched = new LinkedHashSet<>();
        for (Map<String, Map<String, String>> m : byId) {
            for (String id : m.keySet()) {
                boolean all = byId.stream().allMatch(o -> o.containsKey(id));
                if (all) {
                    if (m == byId.get(0)) {
                        matched.add(id);
                    }
                } else {
                    unmatched.add(id);
                }
            }
        }
        if (matched.size() < 2) {
            throw new UserInputException("ICC filter: only " + matched.size() + " case(s) appear in every table (column '"
                    + idColumn + "'); at least 2 are needed");
        }
        List<String> skipped = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int k = tables.size();
        for (String col : tables.get(0).rows().get(0).keySet()) {
            if (col.equals(idColumn)) {
                continue;
            }
            if (!tables.stream().allMatch(t -> t.rows().get(0).containsKey(col))) {
                skipped.add(col);
                continue;
            }
            double[][] x = new double[matched.size()][k];
            boolean numeric = true;
            String note = "";
            for (int i = 0; i < matched.size() && numeric; i++) {
                for (int j = 0; j < k && numeric; j++) {
                    String s = byId.get(j).get(matched.get(i)).get(col);
                    try {
                        x[i][j] = Csv.number(s);
                    } catch (NumberFormatException e) {
                        numeric = false;
                    }
                    if (numeric && Double.isNaN(x[i][j]) && note.isEmpty()) {
                        note = "missing value for case " + matched.get(i) + " in " + tables.get(j).name();
                    } else if (numeric && Double.isInfinite(x[i][j]) && note.isEmpty()) {
                        note = "infinite value for case " + matched.get(i) + " in " + tables.get(j).name();
                    }
                }
            }
            if (!numeric) {
                skipped.add(col);
                continue;
            }
            Icc.Estimate icc2;
            Icc.Estimate icc3;
            if (note.isEmpty()) {
                Icc.Result r = Icc.compute(x, alpha);
                icc2 = r.get(Icc.Type.ICC2);
                icc3 = r.get(Icc.Type.ICC3);
                if (Double.isNaN(icc2.value())) {
                    note = "constant over all cases and readers";
                }
                double decisive = r.get(type).value();
                rows.add(new Row(col, matched.size(), icc2, icc3, decisive >= threshold, note));
            } else {
                icc2 = nan(Icc.Type.ICC2);
                icc3 = nan(Icc.Type.ICC3);
                rows.add(new Row(col, matched.size(), icc2, icc3, false, note));
            }
        }
        return new Result(List.copyOf(rows), type, threshold, alpha, List.copyOf(matched), List.copyOf(unmatched),
                List.copyOf(skipped));
    }

    private static Icc.Estimate nan(Icc.Type t) {
        return new Icc.Estimate(t, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static String shortList(Set<String> names) {
        List<String> l = new ArrayList<>(names);
        return l.size() <= 8 ? String.join(", ", l) : String.join(", ", l.subList(0, 8)) + ", ... (" + l.size() + " in all)";
    }
}
