package io.github.dlradiomics.model.steps;

import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the features of a list decided outside the training data — the ICC filter's reproducible features
 * from two readers' tables ({@code stats icc-filter}); features of the table not on the list are dropped,
 * listed features missing from the table are reported.
 */
public final class KeepList extends ColumnFilter {
    private final String source;
    private final List<String> list;

    /** Keeps {@code list} (from {@code source}, e.g. "ICC2 >= 0.75 on readers A, B"). */
    public KeepList(String source, List<String> list) {
        this.source = source;
        this.list = List.copyOf(list);
    }

    @Override
    public String type() {
        return "keep";
    }

    @Override
    protected int[] choose(double[][] x, int[] y, List<String> names) {
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (list.contains(names.get(j))) {
                keep.add(j);
            }
        }
        List<String> absent = new ArrayList<>(list);
        absent.removeAll(names);
        detail = source + (absent.isEmpty() ? "" : "; " + absent.size() + " listed features not in the table");
        if (keep.isEmpty()) {
            throw new UserInputException(source + ": none of its " + list.size() + " features is a column of the table");
        }
        return toArray(keep);
    }

    @Override
    protected Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", source);
        p.put("listed", list.size());
        return p;
    }

    /** From {@link #toJson}. */
    @SuppressWarnings("unchecked")
    public static KeepList fromJson(Map<String, Object> json) {
        Map<String, Object> p = (Map<String, Object>) json.get("params");
        KeepList k = new KeepList((String) p.get("source"), (List<String>) json.get("kept"));
        k.restore(json);
        return k;
    }
}
