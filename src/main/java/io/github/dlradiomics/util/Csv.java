package io.github.dlradiomics.util;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 4180 CSV reading and writing (quoted fields, embedded commas, quotes and newlines). Numbers are
 * written with {@link Double#toString} precision so values read back exactly.
 *
 * <pre>List&lt;Map&lt;String, String&gt;&gt; rows = Csv.read(Path.of("cases.csv"));</pre>
 */
public final class Csv {
    private Csv() {
    }

    /** Rows as header -> value maps (header order kept); a UTF-8 BOM is ignored. */
    public static List<Map<String, String>> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": CSV file not found");
        }
        List<List<String>> rows = parse(Files.readString(file));
        if (rows.isEmpty()) {
            throw new UserInputException(file + ": the CSV file is empty (no header)");
        }
        List<String> header = rows.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw new UserInputException(file + ": row " + (r + 1) + " has " + row.size() + " fields but the header has "
                        + header.size());
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                m.put(header.get(c), row.get(c));
            }
            out.add(m);
        }
        return out;
    }

    /** The header of a CSV file. */
    public static List<String> header(Path file) throws IOException {
        List<List<String>> rows = parse(Files.readString(file));
        return rows.isEmpty() ? List.of() : rows.get(0);
    }

    static List<List<String>> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                row.add(f.toString());
                f.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(f.toString());
                f.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else {
                f.append(c);
                any = true;
            }
        }
        if (any || f.length() > 0 || !row.isEmpty()) {
            row.add(f.toString());
            rows.add(row);
        }
        return rows;
    }

    /** A field, quoted when needed. */
    public static String field(Object v) {
        String s;
        if (v == null) {
            s = "";
        } else if (v instanceof Double d) {
            s = Double.isNaN(d) ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : Double.toString(d);
            if (s.endsWith(".0") && Math.abs(d) < 1e15) {
                s = s.substring(0, s.length() - 2);
            }
        } else if (v instanceof Float f) {
            return field((double) f);
        } else {
            s = v.toString();
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Writes one line of fields. */
    public static void writeLine(Writer w, List<?> fields) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        w.write(sb.append('\n').toString());
    }

    /** Parses a number as written by {@link #field} (also "nan", "inf"). */
    public static double number(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "nan", "na", "" -> Double.NaN;
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }
}
