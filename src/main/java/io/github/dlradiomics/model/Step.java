package io.github.dlradiomics.model;

import java.util.List;
import java.util.Map;

/**
 * One fitted step of a {@link Pipeline}: imputation, z-scoring, a feature filter, LASSO selection, RFE,
 * PCA. It is fitted on training rows only and then applied unchanged to any rows; its state is JSON.
 *
 * <pre>step.fit(xTrain, yTrain, names); double[][] z = step.transform(xTest);</pre>
 */
public interface Step {
    /** The step's type as written in JSON and on the command line ("zscore", "corr", "lasso", ...). */
    String type();

    /** Fits on training rows ({@code y} 0/1; {@code names} the input columns). */
    void fit(double[][] x, int[] y, List<String> names);

    /** Applies the fitted step to rows with the input columns of {@link #fit}. */
    double[][] transform(double[][] x);

    /** The output column names after {@link #fit}. */
    List<String> outputNames();

    /** What the step did, for the log and the report ("kept 12 of 1,630 features: ..."). */
    String summary();

    /** The fitted state: {"type", "params", ...}. */
    Map<String, Object> toJson();
}
