package io.github.dlradiomics.cli;

import io.github.dlradiomics.model.FeatureTable;
import io.github.dlradiomics.model.Lasso;
import io.github.dlradiomics.model.Splits;
import io.github.dlradiomics.model.steps.ZScore;
import io.github.dlradiomics.util.Json;
import io.github.dlradiomics.util.UserInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./dlrad model SUBCOMMAND}: model building on feature tables. Each action is one nested
 * subcommand class listed in {@code subcommands}; add new ones there.
 *
 * <pre>./dlrad model lasso --table features.csv --label target --positive 1 --zscore population --folds 10 --json</pre>
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Model building on CSV feature tables: LASSO (glmnet-compatible) feature selection and Rad-score.",
        subcommands = {ModelCommand.LassoCommand.class, ModelTrainCommands.Train.class, ModelTrainCommands.Evaluate.class,
            ModelTrainCommands.Predict.class, CommandLine.HelpCommand.class})
public final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code ./dlrad model lasso --table CSV --label COL --positive VALUE [--id ID] [--zscore population|sample|none]
     * [--folds K] [--fold-assignment stratified|sequential] [--seed S] [--lambda L] [--thresh T] [--json]}.
     */
    @Command(name = "lasso", mixinStandardHelpOptions = true,
            description = {"LASSO logistic regression as R's glmnet/cv.glmnet (family binomial, alpha 1): the lambda path",
                "(df, deviance ratio), cross-validated binomial deviance with lambda.min and lambda.1se, and the",
                "coefficients (Rad-score) at --lambda or at lambda.min."})
    static final class LassoCommand implements Callable<Integer> {
        @Option(names = "--table", required = true, paramLabel = "CSV",
                description = "feature table (repeat to join several on --id)")
        List<Path> tables = new ArrayList<>();

        @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "the label column (two classes)")
        String label;

        @Option(names = "--positive", required = true, paramLabel = "VALUE", description = "the label value of the positive class")
        String positive;

        @Option(names = "--id", paramLabel = "COLUMN",
                description = "case ID column (default: ID; a single table without one is numbered by row)")
        String id;

        @Option(names = "--exclude", split = ",", paramLabel = "NAME",
                description = "columns to leave out (a trailing * makes a prefix: Image_*)")
        List<String> exclude = new ArrayList<>();

        @Option(names = "--categorical", split = ",", paramLabel = "NAME", description = "text columns to one-hot encode")
        List<String> categorical = new ArrayList<>();

        @Option(names = "--zscore", defaultValue = "population", paramLabel = "SD",
                description = {"population: z-score with the population SD (1/n) and fit with standardize = FALSE (the reference "
                    + "setting); sample: the same with the sample SD; none: raw features, glmnet's internal standardisation "
                    + "(standardize = TRUE), coefficients on the original scale (default: ${DEFAULT-VALUE})"})
        String zscore;

        @Option(names = "--folds", defaultValue = "10", paramLabel = "K", description = "cross-validation folds, >= 3 (default: ${DEFAULT-VALUE})")
        int folds;

        @Option(names = "--fold-assignment", defaultValue = "stratified", paramLabel = "HOW",
                description = {"stratified (seeded, per class) or sequential (row i -> fold ((i-1) mod K)+1, R's "
                    + "rep_len(1:K, n)) (default: ${DEFAULT-VALUE})"})
        String foldAssignment;

        @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "seed of the stratified folds (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--lambda", paramLabel = "L", description = "report the coefficients at this lambda (exact refit) instead of lambda.min")
        Double lambda;

        @Option(names = "--thresh", defaultValue = "1e-7", paramLabel = "T",
                description = "glmnet's convergence threshold (default: ${DEFAULT-VALUE}; the R reference path used 1e-12)")
        double thresh;

        @Option(names = "--json", description = "print JSON: lambda_min, lambda_1se, coefficients, path, cv, seed, folds")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String z = zscore.trim().toLowerCase(Locale.ROOT);
            if (!List.of("population", "sample", "none").contains(z)) {
                throw new UserInputException("--zscore must be population, sample or none (got '" + zscore + "')");
            }
            String assign = foldAssignment.trim().toLowerCase(Locale.ROOT);
            if (!assign.equals("stratified") && !assign.equals("sequential")) {
                throw new UserInputException("--fold-assignment must be stratified or sequential (got '" + foldAssignment + "')");
            }
            if (lambda != null && !(lambda >= 0 && Double.isFinite(lambda))) {
                throw new UserInputException("--lambda must be a number >= 0 (got " + lambda + ")");
            }
            FeatureTable.Options o = new FeatureTable.Options().label(label, positive);
            if (id != null) {
                o.id(id);
            }
            for (String e : exclude) {
                if (e.endsWith("*")) {
                    o.excludePrefix(e.substring(0, e.length() - 1));
                } else {
                    o.exclude(e);
                }
            }
            o.categorical(categorical.toArray(new String[0]));
            FeatureTable t = FeatureTable.read(tables, o);
            double[][] x = t.x();
            int[] y = t.y();
            List<String> names = t.columns();
            if (!z.equals("none")) {
                ZScore step = new ZScore(z);
                step.fit(x, y, names);
                x = step.transform(x);
            }
            int[] foldId = assign.equals("sequential") ? Splits.sequentialFolds(y, folds) : Splits.stratifiedFolds(y, folds, seed);
            Lasso lasso = new Lasso().standardize(z.equals("none")).thresh(thresh);
            Lasso.Cv cv = lasso.cv(x, y, foldId);
            Lasso.Fit fit = lasso.coefficients(x, y, names, cv.path(), lambda != null ? lambda : cv.lambdaMin());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(toMap(t, cv, fit, z, assign)));
                return 0;
            }
            out.printf(Locale.ROOT, "LASSO logistic regression (glmnet binomial, alpha 1): %d cases (%s = %s: %d), %d features%n",
                    y.length, label, t.positive(), count(y), names.size());
            out.printf(Locale.ROOT, "Features: %s; thresh %s; %d-fold CV (%s%s), binomial deviance%n",
                    z.equals("none") ? "raw, standardize = TRUE" : "z-scored (" + z + " SD), standardize = FALSE",
                    Json.plain(thresh), cv.nfolds(), assign, assign.equals("stratified") ? ", seed " + seed : "");
            Lasso.Path p = cv.path();
            out.printf(Locale.ROOT, "Path: %d lambdas, %.6g .. %.6g%n", p.size(), p.lambda()[0], p.lambda()[p.size() - 1]);
            int iMin = p.indexOf(cv.lambdaMin());
            int i1se = p.indexOf(cv.lambda1se());
            out.printf(Locale.ROOT, "lambda.min = %.6g (cvm %.6f, df %d)%n", cv.lambdaMin(), cv.cvm()[iMin], p.df()[iMin]);
            out.printf(Locale.ROOT, "lambda.1se = %.6g (cvm %.6f, df %d)%n", cv.lambda1se(), cv.cvm()[i1se], p.df()[i1se]);
            out.printf(Locale.ROOT, "Coefficients at lambda %s%s (%d nonzero of %d):%n", Json.plain(fit.lambda()),
                    lambda != null ? "" : " (lambda.min)", fit.nonzero().size(), names.size());
            out.printf(Locale.ROOT, "  %-40s %14.6g%n", "(Intercept)", fit.intercept());
            Map<String, Double> c = fit.coefficients();
            for (String nz : fit.nonzero()) {
                out.printf(Locale.ROOT, "  %-40s %14.6g%n", nz, c.get(nz));
            }
            out.println(fit.radScoreFormula());
            for (String w : cv.warnings()) {
                out.println("Warning: " + w);
            }
            if (!z.equals("none")) {
                out.println("(the Rad-score takes the z-scored features)");
            }
            return 0;
        }

        private Map<String, Object> toMap(FeatureTable t, Lasso.Cv cv, Lasso.Fit fit, String z, String assign) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lambda_min", cv.lambdaMin());
            m.put("lambda_1se", cv.lambda1se());
            if (lambda != null) {
                m.put("lambda", lambda);
            }
            Map<String, Object> coef = new LinkedHashMap<>();
            coef.put("(Intercept)", fit.intercept());
            coef.putAll(fit.coefficients());
            m.put("coefficients", coef);
            m.put("nonzero", fit.nonzero());
            m.put("rad_score", fit.radScoreFormula());
            List<Object> path = new ArrayList<>();
            Lasso.Path p = cv.path();
            for (int i = 0; i < p.size(); i++) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("lambda", p.lambda()[i]);
                r.put("df", p.df()[i]);
                r.put("dev_ratio", p.devRatio()[i]);
                path.add(r);
            }
            m.put("path", path);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("lambda", p.lambda());
            c.put("cvm", cv.cvm());
            c.put("cvsd", cv.cvsd());
            m.put("cv", c);
            m.put("seed", seed);
            m.put("folds", cv.nfolds());
            m.put("fold_assignment", assign);
            m.put("zscore", z);
            m.put("thresh", thresh);
            m.put("cases", t.rows());
            m.put("positive", t.positive());
            m.put("features", t.columns().size());
            m.put("warnings", cv.warnings());
            return m;
        }

        private static int count(int[] y) {
            int s = 0;
            for (int v : y) {
                s += v;
            }
            return s;
        }
    }
}
