package io.github.dlradiomics.model.steps;

import io.github.dlradiomics.deep.Pca;
import io.github.dlradiomics.model.Step;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds steps from their command-line spelling and restores them from JSON.
 *
 * <p>Spellings ({@code --select a,b,c}, applied in order): {@code variance[:T]}, {@code zscore[:population|sample]},
 * {@code corr[:pearson|spearman][:T]} (default pearson 0.9), {@code ttest[:ALPHA]}, {@code mwu[:ALPHA]} (default 0.05),
 * {@code lasso[:min|1se]} (cross-validated LASSO, nonzero coefficients), {@code rfe:K[:STEP]},
 * {@code pca:PREFIX:K|F}, {@code impute:median|mean}.
 */
public final class Steps {
    private Steps() {
    }

    /** Settings a step may need besides its own spelling. */
    public record Context(long seed, int folds) {
    }

    /** Parses a comma-separated list of step spellings. */
    public static List<Step> parse(String list, Context ctx) {
        List<Step> out = new ArrayList<>();
        if (list == null || list.isBlank() || list.equalsIgnoreCase("none")) {
            return out;
        }
        for (String spec : list.split(",")) {
            out.add(parseOne(spec.trim(), ctx));
        }
        return out;
    }

    /** Parses one step spelling. */
    public static Step parseOne(String spec, Context ctx) {
        String[] p = spec.split(":");
        String type = p[0].toLowerCase(Locale.ROOT);
        try {
            return switch (type) {
                case "variance" -> new VarianceFilter(p.length > 1 ? Double.parseDouble(p[1]) : 0);
                case "zscore" -> new ZScore(p.length > 1 ? p[1] : "population");
                case "corr" -> {
                    String method = "pearson";
                    double t = 0.9;
                    for (int i = 1; i < p.length; i++) {
                        if (p[i].matches("[A-Za-z]+")) {
                            method = p[i];
                        } else {
                            t = Double.parseDouble(p[i]);
                        }
                    }
                    yield new CorrelationFilter(method, t);
                }
                case "ttest", "mwu" -> new UnivariateFilter(type, p.length > 1 ? Double.parseDouble(p[1]) : 0.05);
                case "rfe" -> {
                    if (p.length < 2) {
                        throw new UserInputException("step 'rfe' needs the number of features to keep: rfe:10");
                    }
                    yield new Rfe(Integer.parseInt(p[1]), p.length > 2 ? Double.parseDouble(p[2]) : 0, 1.0, ctx.seed());
                }
                case "pca" -> {
                    if (p.length < 3) {
                        throw new UserInputException("step 'pca' needs a column prefix and a count or fraction: pca:DL_:0.95");
                    }
                    yield new PcaStep(p[1], Pca.Components.parse(p[2]));
                }
                case "impute" -> new Impute(p.length > 1 ? p[1] : "median");
                case "lasso" -> new LassoSelect(p.length > 1 ? p[1] : "1se", ctx.folds(), ctx.seed());
                default -> throw new UserInputException("unknown selection step '" + spec + "' (known: variance, zscore, "
                        + "corr, ttest, mwu, lasso, rfe, pca, impute)");
            };
        } catch (NumberFormatException e) {
            throw new UserInputException("selection step '" + spec + "': a number is not a number");
        }
    }

    /** Restores a step from its JSON. */
    public static Step fromJson(Map<String, Object> json) {
        String type = (String) json.get("type");
        return switch (type == null ? "" : type) {
            case "variance" -> VarianceFilter.fromJson(json);
            case "zscore" -> ZScore.fromJson(json);
            case "corr" -> CorrelationFilter.fromJson(json);
            case "ttest", "mwu" -> UnivariateFilter.fromJson(json);
            case "keep" -> KeepList.fromJson(json);
            case "rfe" -> Rfe.fromJson(json);
            case "pca" -> PcaStep.fromJson(json);
            case "impute" -> Impute.fromJson(json);
            case "lasso" -> LassoSelect.fromJson(json);
            default -> throw new UserInputException("pipeline: unknown step type '" + type + "'");
        };
    }

    /** A JSON number list as double[]. */
    public static double[] doubles(Object o) {
        if (o instanceof double[] d) {
            return d.clone();
        }
        List<?> l = (List<?>) o;
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            Object v = l.get(i);
            d[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
        }
        return d;
    }
}
