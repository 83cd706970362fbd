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
     * Writes the table and returns the label column's name.
     *
     * @param predictions predictions.csv of the run (ID, Set, label=positive, p_model...)
     * @param tables the run's input tables (the clinical columns and the label are looked up by ID)
     * @param id the ID column (a table without it is numbered by row, as model train numbers it)
     * @param clinical the clinical columns to carry
     * @param model the classifier whose probability gives the signature (e.g. lr-l2)
     * @param signature the signature column's name
     */
    public static String write(Path predictions, List<Path> tables, String id, List<String> clinical, String model,
            String signature, Path out) throws IOException {
        List<String> head = Csv.header(predictions);
        if (head.size() < 3 || !head.get(2).contains("=")) {
            throw new UserInputException(predictions + ": not a predictions.csv of ./dlrad model train");
        }
        String label = head.get(2).substring(0, head.get(2).indexOf('='));
        String p = "p_" + model;
        if (!head.contains(p)) {
            throw new UserInputException("nomogram: no model '" + model + "' in " + predictions.getFileName()
                    + " (models: " + String.join(", ", head.stream().filter(h -> h.startsWith("p_"))
                            .map(h -> h.substring(2)).toList()) + ")");
        }
        if (clinical.contains(signature)) {
            throw new UserInputException("nomogram: a clinical column is named like the signature '" + signature + "'");
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
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(out)) {
            List<String> h = new ArrayList<>();
            h.add(id);
            h.addAll(clinical);
            h.add(signature);
            h.add(label);
            Csv.writeLine(w, h);
            int n = 0;
            for (Map<String, String> r : Csv.read(predictions)) {
                if (!"train".equals(r.get("Set"))) {
                    continue;
                }
                String caseId = r.get("ID");
                List<Object> line = new ArrayList<>();
                line.add(caseId);
                for (String c : clinical) {
                    line.add(byColumn.get(c).get(caseId));
                }
                double prob = Math.min(1 - 1e-12, Math.max(1e-12, Csv.number(r.get(p))));
                line.add(Math.log(prob / (1 - prob)));
                line.add(byColumn.get(label).get(caseId));
                Csv.writeLine(w, line);
                n++;
            }
            if (n == 0) {
                throw new UserInputException(predictions + ": no training cases");
            }
        }
        return label;
    }
}
