package io.github.dlradiomics.radiomics;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.util.CancelledException;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Feature extraction over many cases (a CSV with Image, Mask and optional Label columns; other columns
 * pass through). Runs cases on N threads, writes each row as soon as it and the rows before it are done
 * (so nothing computed is lost), goes on past bad cases, and records their problem in an {@code errors}
 * column; {@link Result#failed()} lists them.
 *
 * <pre>BatchExtraction.Result r = BatchExtraction.run(cases, extractor, out, 2, true, listener);</pre>
 */
public final class BatchExtraction {
    /** One input case. */
    public record Case(Map<String, String> inputs, Path image, Path mask, Integer label) {
    }

    /** What a batch did: rows written and the failed cases ("id: problem"). */
    public record Result(int written, List<String> failed) {
    }

    private BatchExtraction() {
    }

    /** Reads a batch CSV: Image and Mask columns required (case-insensitive), Label optional; paths relative to the CSV. */
    public static List<Case> readCases(Path csv) throws IOException {
        List<Map<String, String>> rows = Csv.read(csv);
        if (rows.isEmpty()) {
            throw new UserInputException(csv + ": no cases (only a header)");
        }
        String img = column(rows.get(0), "Image", csv);
        String msk = column(rows.get(0), "Mask", csv);
        String lab = null;
        for (String k : rows.get(0).keySet()) {
            if (k.equalsIgnoreCase("Label")) {
                lab = k;
            }
        }
        Path base = csv.toAbsolutePath().getParent();
        List<Case> cases = new ArrayList<>();
        for (Map<String, String> r : rows) {
            Integer label = null;
            if (lab != null && !r.get(lab).isBlank()) {
                try {
                    label = Integer.parseInt(r.get(lab).trim());
                } catch (NumberFormatException e) {
                    label = -1; // reported per case: a non-numeric Label (e.g. benign/malignant) is not a mask label
                }
            }
            cases.add(new Case(r, resolve(base, r.get(img)), resolve(base, r.get(msk)), label));
        }
        return cases;
    }

    private static String column(Map<String, String> row, String name, Path csv) {
        for (String k : row.keySet()) {
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new UserInputException(csv + ": no '" + name + "' column (columns: " + String.join(", ", row.keySet())
                + ")");
    }

    private static Path resolve(Path base, String p) {
        Path path = Path.of(p.trim());
        if (path.isAbsolute()) {
            return path;
        }
        Path rel = base.resolve(path).normalize();
        return Files.exists(rel) || !Files.exists(path) ? rel : path.toAbsolutePath();
    }

    /** Extracts one case (the label column, when numeric, overrides the settings' label). */
    public static LinkedHashMap<String, Object> extractCase(Case c, RadiomicsParams params, boolean diagnostics,
            FeatureExtractor.Naming naming) throws IOException {
        if (c.label() != null && c.label() < 1) {
            throw new UserInputException("Label '" + c.inputs().entrySet().stream().filter(e -> e.getKey()
                    .equalsIgnoreCase("Label")).findFirst().map(Map.Entry::getValue).orElse("") + "' is not a mask label"
                    + " number >= 1 (rename a class column to something other than Label)");
        }
        Volume image = Volumes.read(c.image());
        Volume mask = Volumes.read(c.mask());
        RadiomicsParams p = params;
        if (c.label() != null && c.label() != params.settings.label) {
            p = params.withLabel(c.label());
        }
        return new FeatureExtractor(p).extract(image, mask, diagnostics, naming);
    }

    /** Runs the batch, writing {@code out} incrementally. */
    public static Result run(List<Case> cases, RadiomicsParams params, Path out, int jobs, boolean diagnostics,
            ProgressListener listener) throws IOException {
        return run(cases, params, out, jobs, diagnostics, FeatureExtractor.Naming.PYRADIOMICS, listener);
    }

    /** Runs the batch with the given naming, writing {@code out} incrementally. */
    public static Result run(List<Case> cases, RadiomicsParams params, Path out, int jobs, boolean diagnostics,
            FeatureExtractor.Naming naming, ProgressListener listener) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, "dlrad-features");
            t.setDaemon(true);
            return t;
        });
        List<Future<LinkedHashMap<String, Object>>> futures = new ArrayList<>();
        for (Case c : cases) {
            futures.add(pool.submit(() -> {
                if (listener.isCancelled()) {
                    throw new CancelledException();
                }
                return extractCase(c, params, diagnostics, naming);
            }));
        }
        List<String> failed = new ArrayList<>();
        int written = 0;
        List<String> header = null;
        List<String> inputCols = new ArrayList<>(cases.get(0).inputs().keySet());
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<Object[]> pending = new ArrayList<>(); // failures before the first success (header unknown)
        try (Writer w = Files.newBufferedWriter(out)) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                String id = c.inputs().values().iterator().next();
                LinkedHashMap<String, Object> row = null;
                String error = null;
                try {
                    row = futures.get(i).get();
                } catch (ExecutionException e) {
                    Throwable t = e.getCause();
                    if (t instanceof CancelledException ce) {
                        pool.shutdownNow();
                        throw ce;
                    }
                    error = t instanceof UserInputException || t instanceof IOException ? t.getMessage()
                            : "internal error: " + t;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                }
                if (error != null) {
                    failed.add(id + ": " + error);
                }
                if (header == null && row != null) {
                    header = new ArrayList<>(inputCols);
                    header.addAll(row.keySet());
                    header.add("errors");
                    Csv.writeLine(w, header);
                    for (Object[] pr : pending) {
                        writeRow(w, header, inputCols, (Case) pr[0], null, (String) pr[1]);
                        written++;
                    }
                    pending.clear();
                }
                if (header == null) {
                    pending.add(new Object[] {c, error});
                } else {
                    writeRow(w, header, inputCols, c, row, error);
                    written++;
                }
                w.flush();
                listener.progress(i + 1, cases.size(), error == null ? "case " + id : "case " + id + " failed");
            }
            if (header == null) { // every case failed: still write what we know
                header = new ArrayList<>(inputCols);
                header.add("errors");
                Csv.writeLine(w, header);
                for (Object[] pr : pending) {
                    writeRow(w, header, inputCols, (Case) pr[0], null, (String) pr[1]);
                    written++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(written, failed);
    }

    private static void writeRow(Writer w, List<String> header, List<String> inputCols, Case c,
            Map<String, Object> row, String error) throws IOException {
        List<Object> fields = new ArrayList<>();
        for (String h : header) {
            if (h.equals("errors")) {
                fields.add(error == null ? "" : error);
            } else if (inputCols.contains(h)) {
                fields.add(c.inputs().get(h));
            } else {
                fields.add(row == null ? "" : row.get(h));
            }
        }
        Csv.writeLine(w, fields);
    }
}
