package io.github.dlradiomics.radiomics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the Python dict literals PyRadiomics writes into diagnostics (numbers, strings, None, bools, lists). */
final class PyLiteral {
    private final String s;
    private int i;

    private PyLiteral(String s) {
        this.s = s;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseDict(String text) {
        return (Map<String, Object>) new PyLiteral(text).value();
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private Object value() {
        ws();
        char c = s.charAt(i);
        if (c == '{') {
            i++;
            Map<String, Object> m = new LinkedHashMap<>();
            while (true) {
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                String k = (String) value();
                ws();
                i++; // ':'
                m.put(k, value());
                ws();
                if (s.charAt(i) == ',') {
                    i++;
                }
            }
        }
        if (c == '[' || c == '(') {
            char close = c == '[' ? ']' : ')';
            i++;
            List<Object> l = new ArrayList<>();
            while (true) {
                ws();
                if (s.charAt(i) == close) {
                    i++;
                    return l;
                }
                l.add(value());
                ws();
                if (s.charAt(i) == ',') {
                    i++;
                }
            }
        }
        if (c == '\'' || c == '"') {
            int end = s.indexOf(c, i + 1);
            String v = s.substring(i + 1, end);
            i = end + 1;
            return v;
        }
        int st = i;
        while (i < s.length() && ",}])".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        String tok = s.substring(st, i).trim();
        return switch (tok) {
            case "None" -> null;
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            default -> tok.matches("-?\\d+") ? (Object) Long.parseLong(tok) : (Object) Double.parseDouble(tok);
        };
    }

    static String toYaml(Object v) {
        if (v instanceof String str) {
            return "'" + str + "'";
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int k = 0; k < l.size(); k++) {
                sb.append(k > 0 ? ", " : "").append(toYaml(l.get(k)));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }
}
