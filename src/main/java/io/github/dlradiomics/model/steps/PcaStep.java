package io.github.dlradiomics.model.steps;

import io.github.dlradiomics.deep.Pca;
import io.github.dlradiomics.model.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PCA of the features whose names start with a prefix (e.g. the 2048 deep features "DL_"), fitted on the
 * training rows; other columns pass through unchanged, the components follow as {@code <prefix>PC1...}.
 */
public final class PcaStep implements Step {
    private final String prefix;
    private final Pca.Components components;
    private List<String> input;
    private int[] inPca;
    private int[] passThrough;
    private Pca pca;
    private List<String> output;

    /** PCA of the columns starting with {@code prefix} ("" = all), keeping {@code components}. */
    public PcaStep(String prefix, Pca.Components components) {
        this.prefix = prefix;
        this.components = components;
    }

    @Override
    public String type() {
        return "pca";
    }

    @Override
    public void fit(double[][] x, int[] y, List<String> names) {
        input = List.copyOf(names);
        split();
        if (inPca.length == 0) {
            throw new io.github.dlradiomics.util.UserInputException("pca: no feature starts with '" + prefix + "'");
        }
        List<String> pcaNames = new java.util.ArrayList<>();
        for (int j : inPca) {
            pcaNames.add(names.get(j));
        }
        pca = Pca.fit(pcaNames, pick(x, inPca), components, false);
        names();
    }

    private void split() {
        List<Integer> a = new java.util.ArrayList<>();
        List<Integer> b = new java.util.ArrayList<>();
        for (int j = 0; j < input.size(); j++) {
            (input.get(j).startsWith(prefix) ? a : b).add(j);
        }
        inPca = ColumnFilter.toArray(a);
        passThrough = ColumnFilter.toArray(b);
    }

    private void names() {
        output = new java.util.ArrayList<>();
        for (int j : passThrough) {
            output.add(input.get(j));
        }
        for (String pc : pca.columnNames()) {
            output.add(prefix + pc);
        }
    }

    private static double[][] pick(double[][] x, int[] cols) {
        double[][] out = new double[x.length][cols.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                out[i][j] = x[i][cols[j]];
            }
        }
        return out;
    }

    @Override
    public double[][] transform(double[][] x) {
        double[][] keep = pick(x, passThrough);
        double[][] z = pca.transform(pick(x, inPca));
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[keep[i].length + z[i].length];
            System.arraycopy(keep[i], 0, out[i], 0, keep[i].length);
            System.arraycopy(z[i], 0, out[i], keep[i].length, z[i].length);
        }
        return out;
    }

    @Override
    public List<String> outputNames() {
        return output;
    }

    @Override
    public String summary() {
        double kept = 0;
        for (double r : pca.explainedVarianceRatio()) {
            kept += r;
        }
        return String.format(java.util.Locale.ROOT, "pca of %d '%s' features: %d components (%.1f%% of their variance)",
                inPca.length, prefix, pca.componentCount(), 100 * kept);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("prefix", prefix);
        p.put("components", components.toString());
        m.put("params", p);
        m.put("input", input);
        m.put("pca", pca.toJson());
        return m;
    }

    /** From {@link #toJson}. */
    @SuppressWarnings("unchecked")
    public static PcaStep fromJson(Map<String, Object> json) {
        Map<String, Object> p = (Map<String, Object>) json.get("params");
        PcaStep s = new PcaStep((String) p.get("prefix"), Pca.Components.parse((String) p.get("components")));
        s.input = List.copyOf((List<String>) json.get("input"));
        s.split();
        s.pca = Pca.fromJson((Map<String, Object>) json.get("pca"));
        s.names();
        return s;
    }
}
