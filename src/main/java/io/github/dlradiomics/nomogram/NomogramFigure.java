package io.github.dlradiomics.nomogram;

import io.github.dlradiomics.report.Plot;
import io.github.dlradiomics.report.Plot.Canvas;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Draws a {@link Nomogram} as rms's {@code plot.nomogram} lays it out: a 0-100 Points axis on top, one axis
 * per variable on the same points scale, then Total Points, the linear predictor and the risk on the total
 * points scale. Optionally one patient's {@link Nomogram.Score} is marked (dots on every axis, a line on the
 * total). PNG (Java2D) and SVG from the same drawing code.
 */
public final class NomogramFigure {
    private static final int WIDTH = 900;
    private static final double ROW = 46;
    private static final double TOP = 58;
    private static final double LEFT = 190;
    private static final double RIGHT = 40;
    private static final float LABEL = 13f;
    private static final float TICK = 11f;
    private static final Color INK = new Color(0x222222);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color MARK = new Color(0xD55E00);

    private final Nomogram nomogram;
    private final String title;
    private final String riskLabel;
    private final Nomogram.Score score;

    /**
     * @param title the figure's title
     * @param riskLabel the label of the risk axis (e.g. "Risk of malignant")
     * @param score a patient to mark, or null
     */
    public NomogramFigure(Nomogram nomogram, String title, String riskLabel, Nomogram.Score score) {
        this.nomogram = nomogram;
        this.title = title;
        this.riskLabel = riskLabel;
        this.score = score;
    }

    /** Height in pixels. */
    public int height() {
        return (int) Math.round(TOP + (nomogram.axes().size() + 3) * ROW + 24 + (score != null ? 30 : 0));
    }

    /** Width in pixels. */
    public int width() {
        return WIDTH;
    }

    /** The image at a scale (2 for crisp figures). */
    public BufferedImage toImage(double scale) {
        return Plot.render(WIDTH, height(), scale, painter());
    }

    /** The SVG document. */
    public String svg() {
        return Plot.renderSvg(WIDTH, height(), title, painter());
    }

    /** Writes {@code base}.png (scale 2) and {@code base}.svg. */
    public void write(Path dir, String base) throws IOException {
        Files.write(dir.resolve(base + ".png"), Plot.pngBytes(toImage(2)));
        Files.writeString(dir.resolve(base + ".svg"), svg());
    }

    private Consumer<Canvas> painter() {
        return this::draw;
    }

    private void draw(Canvas g) {
        double x0 = LEFT;
        for (Nomogram.Axis a : nomogram.axes()) {
            x0 = Math.max(x0, Plot.textWidth(a.name(), LABEL, true) + 30);
        }
        x0 = Math.min(Math.max(x0, Plot.textWidth(riskLabel, LABEL, true) + 30), WIDTH / 2.0);
        double x1 = WIDTH - RIGHT;
        double maxPts = Nomogram.MAX_SCALE;
        double[] total = nomogram.totalPointsTicks();
        double maxTotal = total[total.length - 1];
        g.text(WIDTH / 2.0, 22, title, 16f, true, INK, 0, false);
        double y = TOP;
        // vertical guide lines every 10 points
        double bottom = TOP + (nomogram.axes().size()) * ROW;
        for (int p = 0; p <= maxPts; p += 10) {
            double x = x0 + (x1 - x0) * p / maxPts;
            g.polyline(new double[] {x, x}, new double[] {TOP, bottom}, GRID, 1f, Plot.Dash.SOLID, false);
        }
        // Points axis
        List<Double> at = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int p = 0; p <= maxPts; p += 10) {
            at.add((double) p);
            labels.add(Integer.toString(p));
        }
        axis(g, "Points", y, x0, x1, maxPts, at, labels, true, Double.NaN);
        y += ROW;
        for (int t = 0; t < nomogram.axes().size(); t++) {
            Nomogram.Axis a = nomogram.axes().get(t);
            List<Double> pts = new ArrayList<>();
            List<String> lab = new ArrayList<>();
            // merge flat pieces (equal points) into one labelled tick, as plot.nomogram does
            int i = 0;
            double[] p = a.points();
            while (i < p.length) {
                int j = i;
                while (j + 1 < p.length && p[j + 1] == p[i]) {
                    j++;
                }
                pts.add(p[j]);
                lab.add(j == i ? a.labels().get(i)
                        : a.labels().get(i) + (a.categorical() || j < p.length - 1 ? "-" + a.labels().get(j) : "+"));
                i = j + 1;
            }
            axis(g, a.name(), y, x0, x1, maxPts, pts, lab, false, score == null ? Double.NaN : score.points()[t]);
            y += ROW;
        }
        // Total points, linear predictor, risk
        List<Double> tat = new ArrayList<>();
        List<String> tlab = new ArrayList<>();
        for (double v : total) {
            tat.add(v);
            tlab.add(Nomogram.format(v));
        }
        axis(g, "Total Points", y, x0, x1, maxTotal, tat, tlab, true, score == null ? Double.NaN : score.total());
        y += ROW;
        List<Double> lat = new ArrayList<>();
        List<String> llab = new ArrayList<>();
        double[] lpPts = nomogram.lpTickPoints();
        double[] lp = nomogram.lpTicks();
        for (int i = 0; i < lp.length; i++) {
            if (lpPts[i] < -1e-9 || lpPts[i] > maxTotal + 1e-9) {
                continue; // off the total points scale (nomogram.json keeps it)
            }
            lat.add(lpPts[i]);
            llab.add(Nomogram.format(lp[i]));
        }
        axis(g, "Linear Predictor", y, x0, x1, maxTotal, lat, llab, false, Double.NaN);
        y += ROW;
        List<Double> rat = new ArrayList<>();
        List<String> rlab = new ArrayList<>();
        double[] rp = nomogram.riskTickPoints();
        double[] rv = nomogram.riskTicks();
        for (int i = 0; i < rp.length; i++) {
            if (rp[i] < -1e-9 || rp[i] > maxTotal + 1e-9) {
                continue;
            }
            rat.add(rp[i]);
            rlab.add(Nomogram.format(rv[i]));
        }
        axis(g, riskLabel, y, x0, x1, maxTotal, rat, rlab, false, score == null ? Double.NaN : score.total());
        if (score != null) {
            y += ROW * 0.7;
            g.text(x0, y, String.format(Locale.ROOT, "Marked: total %.1f points, linear predictor %.3f, risk %.3f",
                    score.total(), score.lp(), score.risk()), LABEL, true, MARK, -1, false);
        }
    }

    /** One axis row: name at left, a line over the ticks' span, ticks with labels (alternating when crowded). */
    private static void axis(Canvas g, String name, double y, double x0, double x1, double scaleMax, List<Double> at,
            List<String> labels, boolean full, double mark) {
        g.text(x0 - 14, y, name, LABEL, true, INK, 1, false);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double p : at) {
            lo = Math.min(lo, p);
            hi = Math.max(hi, p);
        }
        if (full) {
            lo = Math.min(lo, 0);
        }
        double xa = x0 + (x1 - x0) * lo / scaleMax;
        double xb = x0 + (x1 - x0) * hi / scaleMax;
        g.polyline(new double[] {xa, xb}, new double[] {y, y}, INK, 1.2f, Plot.Dash.SOLID, false);
        // labels left to right in screen order; a label that would touch the previous one goes below
        Integer[] order = new Integer[at.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(at.get(a), at.get(b)));
        double lastAbove = Double.NEGATIVE_INFINITY;
        double lastBelow = Double.NEGATIVE_INFINITY;
        for (int k : order) {
            double x = x0 + (x1 - x0) * at.get(k) / scaleMax;
            String s = labels.get(k);
            double w = Plot.textWidth(s, TICK, false);
            g.polyline(new double[] {x, x}, new double[] {y, y - 6}, INK, 1f, Plot.Dash.SOLID, false);
            if (x - w / 2 > lastAbove + 3) {
                g.text(x, y - 14, s, TICK, false, INK, 0, false);
                lastAbove = x + w / 2;
            } else if (x - w / 2 > lastBelow + 3) {
                g.polyline(new double[] {x, x}, new double[] {y, y + 5}, INK, 1f, Plot.Dash.SOLID, false);
                g.text(x, y + 13, s, TICK, false, INK, 0, false);
                lastBelow = x + w / 2;
            }
        }
        if (!Double.isNaN(mark)) {
            double x = x0 + (x1 - x0) * mark / scaleMax;
            g.circle(x, y, 5, MARK);
        }
    }
}
