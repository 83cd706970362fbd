package io.github.dlradiomics.model.steps;

import io.github.dlradiomics.model.Step;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step that keeps a subset of its input columns, chosen when fitted. Subclasses decide which; the
 * JSON state is the input and kept column names, so a loaded filter needs no refitting.
 */
public abstract class ColumnFilter implements Step {
    protected List<String> input;
    protected int[] kept;
    protected String detail = "";

    /** Decides the kept columns (indices into the input, ascending). */
    protected abstract int[] choose(double[][] x, int[] y, List<String> names);

    /** The step's parameters for JSON. */
    protected abstract Map<String, Object> params();

    @Override
    public void fit(double[][] x, int[] y, List<String> names) {
        input = List.copyOf(names);
        kept = choose(x, y, names);
        if (kept.length == 0) {
            throw new UserInputException("selection step " + type() + " (" + paramsText() + "): none of the " + names.size()
                    + " features passes on the " + x.length + " training cases; relax it or leave the step out of --select");
        }
    }

    @Override
    public double[][] transform(double[][] x) {
        double[][] out = new double[x.length][kept.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != input.size()) {
                throw new IllegalArgumentException(type() + ": row has " + x[i].length + " columns, fitted on " + input.size());
            }
            for (int j = 0; j < kept.length; j++) {
                out[i][j] = x[i][kept[j]];
            }
        }
        return out;
    }

    @Override
    public List<String> outputNames() {
        List<String> out = new ArrayList<>();
        for (int k : kept) {
            out.add(input.get(k));
        }
        return out;
    }

    @Override
    public String summary() {
        return type() + " (" + paramsText() + "): kept " + kept.length + " of " + input.size() + " features"
                + (detail.isEmpty() ? "" : "; " + detail);
    }

    private String paramsText() {
        StringBuilder sb = new StringBuilder();
        for (var e : params().entrySet()) {
            sb.append(sb.length() > 0 ? ", " : "").append(e.getKey()).append(' ').append(e.getValue());
        }
        return sb.toString();
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type());
        m.put("params", params());
        m.put("input", input);
        m.put("kept", outputNames());
        return m;
    }

    /** Restores the fitted state from {@link #toJson}. */
    @SuppressWarnings("unchecked")
    protected void restore(Map<String, Object> json) {
        input = List.copyOf((List<String>) json.get("input"));
        List<String> names = (List<String>) json.get("kept");
        kept = new int[names.size()];
        for (int j = 0; j < kept.length; j++) {
            kept[j] = input.indexOf(names.get(j));
            if (kept[j] < 0) {
                throw new UserInputException(type() + ": kept feature '" + names.get(j) + "' is not among its inputs");
            }
        }
    }

    /** Column j of x. */
    static double[] column(double[][] x, int j) {
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i][j];
        }
        return c;
    }

    static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
