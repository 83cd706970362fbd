package io.github.dlradiomics.nomogram;

import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table a nomogram of a trained run is fitted on: the training cases of {@code ./dlrad model train}'s
 * predictions.csv, with chosen clinical columns from the run's input tables, the signature (the logit of one
 * model's probability: for a logistic model its linear predictor, the papers' Rad-score) and the label as it
 * is in the input tables. Only training cases: the test cases stay for validation.
 */
public final class NomogramInput {
    private NomogramInput() {
    }

    /**
     * A signature variable: its column name, the predictions of a {@code model train} run (predictions.csv: the
     * refitted model on its own training cases; cv_predictions.csv: their out-of-fold probabilities) and the
     * classifier whose probability's logit it is.
     */
    public record Source(String name, Path predictions, String model) {
    }

    /**
     * Writes the table (ID, clinical columns, one column per signature, the label) of the training cases of
     * {@code predictions} and returns the label column's name. Every signature's run must have the same
     * training cases (the same tables, label, seed and test fraction give the same split).
     *
     * @param predictions predictions.csv of the run whose training cases and label are used
     * @param tables the run's input tables (the clinical columns and the label are looked up by ID)
     * @param id the ID column (a table without it is numbered by row, as model train numbers it)
     * @param clinical the clinical columns to carry
     * @param signatures the signature columns
     */
    public static String write(Path predictions, List<Path> tables, String id, List<String> clinical,
            List<Source> signatures, Path out) throws IOException {
        List<String> head = Csv.header(predictions);
        if (head.size() < 3 || !head.get(2).contains("=")) {
            throw new UserInputException(predictions + ": not a predictions.csv of ./dlrad model train");
        }
        String label = head.get(2).substring(0, head.get(2).indexOf('='));
        List<Map<String, Double>> logits = new ArrayList<>();
        List<String> trainIds = trainIds(predictions);
        for (Source src : signatures) {
            if (clinical.contains(src.name())) {
                throw new UserInputException("nomogram: a clinical column is named like the signature '" + src.name() + "'");
            }
            logits.add(logits(src, trainIds));
        }
        List<String> wanted = new ArrayList<>(clinical);
        wanted.add(label);
        Map<String, Map<String, String>> byColumn = new HashMap<>(); // column -> ID -> value
        for (Path t : tables) {
            List<String> th = Csv.header(t);
            List<Map<String, String>> rows = Csv.read(t);
            for (String c : wanted) {
                if (th.contains(c) && !byColumn.containsKey(c)) {
                    Map<String, String> m = new HashMap<>();
                    for (int r = 0; r < rows.size(); r++) {
                        String key = th.contains(id) ? rows.get(r).get(id).trim() : Integer.toString(r + 1);
                        m.put(key, rows.get(r).get(c));
                    }
                    byColumn.put(c, m);
                }
            }
        }
        for (String c : wanted) {
            if (!byColumn.containsKey(c)) {
                throw new UserInputException("nomogram: no input table has a column '" + c + "'");
            }
        }
        if (trainIds.isEmpty()) {
            throw new UserInputException(predictions + ": no training cases");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(out)) {
            List<String> h = new ArrayList<>();
            h.add(id);
            h.addAll(clinical);
            signatures.forEach(src -> h.add(src.name()));
            h.add(label);
            Csv.writeLine(w, h);
            for (String caseId : trainIds) {
                List<Object> line = new ArrayList<>();
                line.add(caseId);
                for (String c : clinical) {
                    line.add(byColumn.get(c).get(caseId));
                }
                for (Map<String, Double> l : logits) {
                    line.add(l.get(caseId));
                }
                line.add(byColumn.get(label).get(caseId));
                Csv.writeLine(w, line);
            }
        }
        return label;
    }

    private static List<String> trainIds(Path predictions) throws IOException {
        String idCol = Csv.header(predictions).get(0);
        List<String> ids = new ArrayList<>();
        for (Map<String, String> r : Csv.read(predictions)) {
            if ("train".equals(r.get("Set"))) {
                ids.add(r.get(idCol));
            }
        }
        return ids;
    }

    /** ID -> logit of the source model's probability, for exactly the training cases {@code ids}. */
    private static Map<String, Double> logits(Source src, List<String> ids) throws IOException {
        List<String> head = Csv.header(src.predictions());
        String p = "p_" + src.model();
        if (!head.contains(p)) {
            throw new UserInputException("nomogram: no model '" + src.model() + "' in " + src.predictions()
                    + " (models: " + String.join(", ", head.stream().filter(h -> h.startsWith("p_"))
                            .map(h -> h.substring(2)).toList()) + ")");
        }
        Map<String, Double> out = new HashMap<>();
        for (Map<String, String> r : Csv.read(src.predictions())) {
            if ("train".equals(r.get("Set"))) {
                double prob = Math.min(1 - 0x1p-53, Math.max(0x1p-53, Csv.number(r.get(p))));
                out.put(r.get(head.get(0)), Math.log(prob / (1 - prob)));
            }
        }
        if (!out.keySet().equals(new java.util.HashSet<>(ids))) {
            throw new UserInputException("nomogram: signature '" + src.name() + "' (" + src.predictions() + ") comes from a "
                    + "run with other training cases; train the runs on the same cases with the same seed and test fraction");
        }
        return out;
    }
}
