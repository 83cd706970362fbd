package io.github.dlradiomics.model;

import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A numeric feature table: row IDs, feature column names, the values (missing = NaN) and an optional 0/1
 * label. {@link #read} takes one or more CSV files and inner-joins them on the ID column.
 *
 * <ul>
 * <li>IDs: one column (default "ID"; with a single file and no such column, when the ID column was not
 * named explicitly, rows are numbered "1", "2", ...). An empty or duplicated ID is an error naming the file
 * and rows. IDs missing from another file are an error listing up to 5 per file, unless
 * {@link Options#keepIntersection}: then only the IDs in every file are kept and the dropped ones are
 * reported by {@link #droppedIds()}. Rows follow the first file's order.</li>
 * <li>Label: {@link Options#label(String, String)} names the column and the positive value (compared as
 * trimmed text); it must hold exactly two classes, with no empty value. y = 1 for the positive value.</li>
 * <li>Features: every other column in file order, except excluded names or prefixes. A column with a
 * value that is not a number is an error naming it, unless it is declared categorical: then it becomes
 * k - 1 indicator columns "col=level" for its k levels, the reference level being the first in sorted
 * order (numeric order when all levels are numbers, else text order). The same column name in two files
 * is an error unless the values agree.</li>
 * <li>Missing values (empty, NA, NaN; case-insensitive) are counted per column ({@link #missing()}); they
 * are kept as NaN only with {@link Options#allowMissing} (for an imputation step), else the first column
 * with missing values is an error naming it and the count. Infinite values are an error.</li>
 * <li>{@link Options#strict}: a constant or all-missing feature is an error naming it.</li>
 * </ul>
 *
 * <pre>FeatureTable t = FeatureTable.read(List.of(radiomics, clinical), new FeatureTable.Options()
 *         .label("fracture", "1").categorical("sex").exclude("Image_"));</pre>
 */
public final class FeatureTable {
    private final List<String> ids;
    private final List<String> columns;
    private final double[][] x;
    private final int[] y;
    private final String labelColumn;
    private final String positive;
    private final Map<String, Integer> missing;
    private final Map<String, List<String>> droppedIds;

    /** How to read: ID and label columns, exclusions, categorical columns, missing values, strictness. */
    public static final class Options {
        private String id = "ID";
        private boolean idExplicit;
        private String label;
        private String positive;
        private final Set<String> exclude = new LinkedHashSet<>();
        private final List<String> excludePrefixes = new ArrayList<>();
        private final Set<String> categorical = new LinkedHashSet<>();
        private boolean allowMissing;
        private boolean keepIntersection;
        private boolean strict;

        /** The ID column (default "ID"). */
        public Options id(String column) {
            this.id = column;
            this.idExplicit = true;
            return this;
        }

        /** The label column and its positive value (y = 1). */
        public Options label(String column, String positiveValue) {
            this.label = column;
            this.positive = positiveValue;
            return this;
        }

        /** Columns left out by exact name. */
        public Options exclude(String... names) {
            exclude.addAll(List.of(names));
            return this;
        }

        /** Columns left out by name prefix. */
        public Options excludePrefix(String... prefixes) {
            excludePrefixes.addAll(List.of(prefixes));
            return this;
        }

        /** Text columns to one-hot encode (k - 1 indicators). */
        public Options categorical(String... names) {
            categorical.addAll(List.of(names));
            return this;
        }

        /** Keep missing values as NaN (an imputation step fills them). */
        public Options allowMissing(boolean allow) {
            this.allowMissing = allow;
            return this;
        }

        /** Keep only IDs present in every file (report the dropped ones) instead of an error. */
        public Options keepIntersection(boolean keep) {
            this.keepIntersection = keep;
            return this;
        }

        /** Refuse constant and all-missing features. */
        public Options strict(boolean s) {
            this.strict = s;
            return this;
        }

        boolean excluded(String column) {
            if (exclude.contains(column)) {
                return true;
            }
            for (String p : excludePrefixes) {
                if (column.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A table from its parts (x is copied; y may be null). */
    public FeatureTable(List<String> ids, List<String> columns, double[][] x, int[] y, String labelColumn, String positive) {
        this(ids, columns, x, y, labelColumn, positive, Map.of(), Map.of());
    }

    private FeatureTable(List<String> ids, List<String> columns, double[][] x, int[] y, String labelColumn,
            String positive, Map<String, Integer> missing, Map<String, List<String>> droppedIds) {
        if (ids.size() != x.length || y != null && y.length != x.length) {
            throw new IllegalArgumentException("feature table: " + ids.size() + " IDs, " + x.length + " rows"
                    + (y == null ? "" : ", " + y.length + " labels"));
        }
        for (double[] r : x) {
            if (r.length != columns.size()) {
                throw new IllegalArgumentException("feature table: a row has " + r.length + " values for " + columns.size()
                        + " columns");
            }
        }
        this.ids = List.copyOf(ids);
        this.columns = List.copyOf(columns);
        this.x = copy(x);
        this.y = y == null ? null : y.clone();
        this.labelColumn = labelColumn;
        this.positive = positive;
        this.missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
        this.droppedIds = Collections.unmodifiableMap(new LinkedHashMap<>(droppedIds));
    }

    /** One CSV file. */
    public static FeatureTable read(Path file, Options options) throws IOException {
        return read(List.of(file), options);
    }

    /** One or more CSV files, inner-joined on the ID column. */
    public static FeatureTable read(List<Path> files, Options o) throws IOException {
        if (files == null || files.isEmpty()) {
            throw new UserInputException("feature table: no CSV file given");
        }
        List<List<Map<String, String>>> tables = new ArrayList<>();
        List<List<String>> headers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            List<Map<String, String>> rows = Csv.read(f);
            tables.add(rows);
            headers.add(Csv.header(f));
            names.add(f.getFileName().toString());
        }
        return build(names, headers, tables, o);
    }

    /** The same from already parsed tables (name = how to call each in messages). */
    static FeatureTable build(List<String> fileNames, List<List<String>> headers, List<List<Map<String, String>>> tables,
            Options o) {
        int nf = tables.size();
        boolean rowNumbers = false;
        for (int t = 0; t < nf; t++) {
            if (!headers.get(t).contains(o.id)) {
                if (nf == 1 && !o.idExplicit) {
                    rowNumbers = true;
                } else {
                    throw new UserInputException(fileNames.get(t) + ": no ID column '" + o.id + "' (columns: "
                            + preview(headers.get(t)) + ")");
                }
            }
        }
        // ID -> row per file
        List<Map<String, Integer>> index = new ArrayList<>();
        for (int t = 0; t < nf; t++) {
            Map<String, Integer> m = new LinkedHashMap<>();
            List<Map<String, String>> rows = tables.get(t);
            for (int r = 0; r < rows.size(); r++) {
                String id = rowNumbers ? Integer.toString(r + 1) : rows.get(r).get(o.id).trim();
                if (id.isEmpty()) {
                    throw new UserInputException(fileNames.get(t) + ": empty ID in column '" + o.id + "' (row " + (r + 2) + ")");
                }
                Integer prev = m.put(id, r);
                if (prev != null) {
                    throw new UserInputException(fileNames.get(t) + ": duplicate ID '" + id + "' (rows " + (prev + 2) + " and "
                            + (r + 2) + ")");
                }
            }
            index.add(m);
        }
        List<String> ids = new ArrayList<>();
        for (String id : index.get(0).keySet()) {
            boolean all = true;
            for (int t = 1; t < nf; t++) {
                all &= index.get(t).containsKey(id);
            }
            if (all) {
                ids.add(id);
            }
        }
        Set<String> joined = new HashSet<>(ids);
        Map<String, List<String>> dropped = new LinkedHashMap<>();
        for (int t = 0; t < nf; t++) {
            List<String> d = new ArrayList<>();
            for (String id : index.get(t).keySet()) {
                if (!joined.contains(id)) {
                    d.add(id);
                }
            }
            if (!d.isEmpty()) {
                dropped.put(fileNames.get(t), d);
            }
        }
        if (!dropped.isEmpty() && !o.keepIntersection) {
            StringBuilder sb = new StringBuilder("IDs not in every table (join on '" + o.id + "'): ");
            int k = 0;
            for (var e : dropped.entrySet()) {
                sb.append(k++ > 0 ? "; " : "").append(e.getKey()).append(": ").append(e.getValue().size()).append(" (")
                        .append(String.join(", ", e.getValue().subList(0, Math.min(5, e.getValue().size()))))
                        .append(e.getValue().size() > 5 ? ", ..." : "").append(')');
            }
            throw new UserInputException(sb.append("; keep only the common IDs to go on").toString());
        }
        if (ids.isEmpty()) {
            throw new UserInputException("feature table: no case is in every table (join on '" + o.id + "')");
        }
        int n = ids.size();
        // columns (first occurrence wins; a repeated column must agree)
        Map<String, String[]> values = new LinkedHashMap<>();
        Map<String, String> origin = new HashMap<>();
        for (int t = 0; t < nf; t++) {
            for (String c : headers.get(t)) {
                if (!rowNumbers && c.equals(o.id)) {
                    continue;
                }
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    String s = tables.get(t).get(index.get(t).get(ids.get(i))).get(c);
                    v[i] = s == null ? "" : s.trim();
                }
                String[] prev = values.get(c);
                if (prev != null) {
                    if (!java.util.Arrays.equals(prev, v) && !o.excluded(c)) {
                        throw new UserInputException("column '" + c + "' is in both " + origin.get(c) + " and " + fileNames.get(t)
                                + " with different values; exclude or rename one");
                    }
                    continue;
                }
                values.put(c, v);
                origin.put(c, fileNames.get(t));
            }
        }
        for (String c : o.categorical) {
            if (!values.containsKey(c)) {
                throw new UserInputException("categorical column '" + c + "' is not in the table");
            }
        }
        // label
        int[] y = null;
        String positive = o.positive;
        if (o.label != null) {
            String[] lab = values.get(o.label);
            if (lab == null) {
                throw new UserInputException("label column '" + o.label + "' is not in the table (columns: "
                        + preview(new ArrayList<>(values.keySet())) + ")");
            }
            TreeSet<String> classes = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                if (isMissing(lab[i])) {
                    throw new UserInputException("label column '" + o.label + "' is empty for ID '" + ids.get(i) + "'");
                }
                classes.add(lab[i]);
            }
            if (classes.size() != 2) {
                throw new UserInputException("label column '" + o.label + "' must hold exactly two classes, found "
                        + classes.size() + ": " + preview(new ArrayList<>(classes)));
            }
            if (positive == null && classes.equals(new TreeSet<>(List.of("0", "1")))) {
                positive = "1";
            }
            if (positive == null) {
                throw new UserInputException("label column '" + o.label + "': say which class is positive (classes: "
                        + String.join(", ", classes) + ")");
            }
            positive = positive.trim();
            if (!classes.contains(positive)) {
                throw new UserInputException("label column '" + o.label + "': positive value '" + positive
                        + "' is not one of its classes (" + String.join(", ", classes) + ")");
            }
            y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = lab[i].equals(positive) ? 1 : 0;
            }
        }
        // features
        List<String> cols = new ArrayList<>();
        List<double[]> data = new ArrayList<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (var e : values.entrySet()) {
            String c = e.getKey();
            if (c.equals(o.label) || o.excluded(c)) {
                continue;
            }
            String[] v = e.getValue();
            int miss = 0;
            for (String s : v) {
                miss += isMissing(s) ? 1 : 0;
            }
            if (o.categorical.contains(c)) {
                oneHot(c, v, ids, cols, data, o);
            } else {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    if (isMissing(v[i])) {
                        d[i] = Double.NaN;
                        continue;
                    }
                    try {
                        d[i] = Double.parseDouble(v[i]);
                    } catch (NumberFormatException ex) {
                        throw new UserInputException("column '" + c + "' is not numeric (value '" + v[i] + "' for ID '" + ids.get(i)
                                + "'); declare it categorical or exclude it");
                    }
                    if (Double.isInfinite(d[i])) {
                        throw new UserInputException("column '" + c + "' has an infinite value for ID '" + ids.get(i) + "'");
                    }
                }
                cols.add(c);
                data.add(d);
            }
            if (miss > 0) {
                missing.put(c, miss);
            }
        }
        if (cols.isEmpty()) {
            throw new UserInputException("feature table: no feature columns (after the ID, label and excluded columns)");
        }
        if (!o.allowMissing) {
            for (var e : missing.entrySet()) {
                throw new UserInputException("column '" + e.getKey() + "' has " + e.getValue() + " missing value"
                        + (e.getValue() == 1 ? "" : "s") + " (of " + n + "); impute them (allow missing) or exclude the column");
            }
        }
        if (o.strict) {
            for (int j = 0; j < cols.size(); j++) {
                double first = Double.NaN;
                boolean varies = false;
                for (double d : data.get(j)) {
                    if (Double.isNaN(d)) {
                        continue;
                    }
                    if (Double.isNaN(first)) {
                        first = d;
                    } else if (d != first) {
                        varies = true;
                        break;
                    }
                }
                if (Double.isNaN(first)) {
                    throw new UserInputException("feature '" + cols.get(j) + "' is missing in every case");
                }
                if (!varies) {
                    throw new UserInputException("feature '" + cols.get(j) + "' is constant (" + first + " in every case)");
                }
            }
        }
        double[][] x = new double[n][cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            double[] d = data.get(j);
            for (int i = 0; i < n; i++) {
                x[i][j] = d[i];
            }
        }
        return new FeatureTable(ids, cols, x, y, o.label, o.label == null ? null : positive, missing,
                o.keepIntersection ? dropped : Map.of());
    }

    private static void oneHot(String c, String[] v, List<String> ids, List<String> cols, List<double[]> data, Options o) {
        Set<String> levelSet = new HashSet<>();
        for (String s : v) {
            if (!isMissing(s)) {
                levelSet.add(s);
            }
        }
        List<String> levels = levels(levelSet);
        if (levels.size() < 2 && o.strict) {
            throw new UserInputException("categorical column '" + c + "' has " + levels.size() + " level"
                    + (levels.isEmpty() ? "s" : " ('" + levels.get(0) + "')") + "; it cannot separate cases");
        }
        for (int k = 1; k < levels.size(); k++) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = isMissing(v[i]) ? Double.NaN : v[i].equals(levels.get(k)) ? 1 : 0;
            }
            cols.add(c + "=" + levels.get(k));
            data.add(d);
        }
    }

    /**
     * The distinct values in the order a categorical column's levels take (the first is the reference level):
     * numeric order when all are numbers, else text order.
     */
    public static List<String> levels(java.util.Collection<String> values) {
        List<String> levels = new ArrayList<>(new TreeSet<>(values));
        boolean numeric = true;
        for (String s : levels) {
            try {
                Double.parseDouble(s);
            } catch (NumberFormatException e) {
                numeric = false;
            }
        }
        levels.sort(numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder());
        return levels;
    }

    /** True for an empty, NA or NaN cell (case-insensitive). */
    public static boolean isMissing(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.isEmpty() || t.equals("na") || t.equals("nan");
    }

    private static String preview(List<String> l) {
        return l.size() <= 8 ? String.join(", ", l) : String.join(", ", l.subList(0, 8)) + ", ... (" + l.size() + ")";
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** Row IDs, in row order. */
    public List<String> ids() {
        return ids;
    }

    /** Feature column names, in column order. */
    public List<String> columns() {
        return columns;
    }

    /** The values (a copy; missing = NaN). */
    public double[][] x() {
        return copy(x);
    }

    /** Labels 0/1 (a copy), or null when no label column was named. */
    public int[] y() {
        return y == null ? null : y.clone();
    }

    /** The label column, or null. */
    public String labelColumn() {
        return labelColumn;
    }

    /** The positive label value (y = 1), or null. */
    public String positive() {
        return positive;
    }

    /** Number of rows. */
    public int rows() {
        return x.length;
    }

    /** Missing values per source column (only columns with some). */
    public Map<String, Integer> missing() {
        return missing;
    }

    /** IDs left out by the join per file (only with keepIntersection; empty otherwise). */
    public Map<String, List<String>> droppedIds() {
        return droppedIds;
    }

    /** The rows at {@code rows} (indices, in the given order). */
    public FeatureTable subset(int[] rows) {
        List<String> i2 = new ArrayList<>();
        double[][] x2 = new double[rows.length][];
        int[] y2 = y == null ? null : new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || rows[k] >= x.length) {
                throw new IllegalArgumentException("feature table: row " + rows[k] + " of " + x.length);
            }
            i2.add(ids.get(rows[k]));
            x2[k] = x[rows[k]];
            if (y2 != null) {
                y2[k] = y[rows[k]];
            }
        }
        return new FeatureTable(i2, columns, x2, y2, labelColumn, positive, missing, droppedIds);
    }

    /** The named columns, in the given order; an unknown name is an error naming it. */
    public FeatureTable select(List<String> names) {
        int[] idx = new int[names.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = columns.indexOf(names.get(k));
            if (idx[k] < 0) {
                throw new UserInputException("feature '" + names.get(k) + "' is not in the table");
            }
        }
        double[][] x2 = new double[x.length][idx.length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < idx.length; k++) {
                x2[i][k] = x[i][idx[k]];
            }
        }
        return new FeatureTable(ids, names, x2, y, labelColumn, positive, missing, droppedIds);
    }
}
