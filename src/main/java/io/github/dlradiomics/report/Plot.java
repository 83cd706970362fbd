package io.github.dlradiomics.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small 2D plot that renders the same figure to PNG (Java2D, antialiased, headless) and to SVG (written
 * by hand): axes with 1-2-5 ticks and a light grid, title, axis labels, legend, lines (solid, dashed, steps),
 * shaded bands, rectangles (bars, matrix cells), points, error bars and text, all in data coordinates and
 * clipped to the plotting area. Layout uses Java2D font metrics for both outputs, so the SVG matches the PNG.
 *
 * <pre>Plot p = new Plot("ROC", "1 - Specificity", "Sensitivity").xRange(0, 1).yRange(0, 1);
 * p.line(x, y, Plot.color(0), "lr  AUC 0.91"); p.writePng(Path.of("roc.png")); p.writeSvg(Path.of("roc.svg"));</pre>
 */
public final class Plot {
    /** Okabe-Ito colours (readable by colour-blind readers) without black and yellow, then Tol's muted ones. */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x882255), new Color(0x44AA99),
        new Color(0x332288), new Color(0x999933), new Color(0x8C564B), new Color(0xAA4499)};
    private static final String FONT = "DejaVu Sans";
    private static final String SVG_FONT = "DejaVu Sans, Arial, Helvetica, sans-serif";

    /** Where the legend goes. */
    public enum Legend {
        TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT, RIGHT_OUTSIDE, NONE
    }

    /** Line styles. */
    public enum Dash {
        SOLID, DASHED, DOTTED
    }

    private sealed interface Item permits Line, Band, Rect, Points, ErrorBars, Text {
    }

    private record Line(double[] x, double[] y, Color color, float width, Dash dash, boolean step) implements Item {
    }

    private record Band(double[] x, double[] lo, double[] hi, Color color) implements Item {
    }

    private record Rect(double x0, double y0, double x1, double y1, Color fill, Color stroke) implements Item {
    }

    private record Points(double[] x, double[] y, Color color, float radius) implements Item {
    }

    private record ErrorBars(double[] x, double[] lo, double[] hi, Color color) implements Item {
    }

    private record Text(double x, double y, String text, float size, boolean bold, Color color) implements Item {
    }

    private record Entry(String label, Color color, Dash dash, boolean filled) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Item> items = new ArrayList<>();
    private final List<Entry> legend = new ArrayList<>();
    private double[] xr;
    private double[] yr;
    private double[] xTickAt;
    private String[] xTickLabels;
    private double[] yTickAt;
    private String[] yTickLabels;
    private Legend legendAt = Legend.TOP_RIGHT;
    private boolean grid = true;
    private int width = 640;
    private int height = 560;
    private String subtitle;

    /** A plot with a title and axis labels (any may be empty). */
    public Plot(String title, String xLabel, String yLabel) {
        this.title = title == null ? "" : title;
        this.xLabel = xLabel == null ? "" : xLabel;
        this.yLabel = yLabel == null ? "" : yLabel;
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** The k-th palette colour (cycling). */
    public static Color color(int k) {
        return PALETTE[Math.floorMod(k, PALETTE.length)];
    }

    /** The colour with alpha a in [0, 1]. */
    public static Color alpha(Color c, double a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * a));
    }

    /** Size in CSS pixels (the PNG is rendered at a scale factor of this). */
    public Plot size(int w, int h) {
        width = w;
        height = h;
        return this;
    }

    /** A second, smaller line under the title. */
    public Plot subtitle(String s) {
        subtitle = s;
        return this;
    }

    /** Fixed x range (default: the data's, widened to nice ticks). */
    public Plot xRange(double lo, double hi) {
        xr = new double[] {lo, hi};
        return this;
    }

    /** Fixed y range; everything outside is clipped. */
    public Plot yRange(double lo, double hi) {
        yr = new double[] {lo, hi};
        return this;
    }

    /** Explicit x ticks with labels (categories), replacing the numeric ones. */
    public Plot xTicks(double[] at, String[] labels) {
        xTickAt = at.clone();
        xTickLabels = labels.clone();
        return this;
    }

    /** Explicit y ticks with labels (categories), replacing the numeric ones. */
    public Plot yTicks(double[] at, String[] labels) {
        yTickAt = at.clone();
        yTickLabels = labels.clone();
        return this;
    }

    /** Where the legend goes (default top right, inside). */
    public Plot legend(Legend where) {
        legendAt = where;
        return this;
    }

    /** Whether to draw the grid (default true). */
    public Plot grid(boolean on) {
        grid = on;
        return this;
    }

    /** A solid line; a non-null label adds a legend entry. */
    public Plot line(double[] x, double[] y, Color c, String label) {
        return line(x, y, c, 2f, Dash.SOLID, false, label);
    }

    /** A line: width in pixels, dash style, {@code step} draws a right-continuous step (horizontal first). */
    public Plot line(double[] x, double[] y, Color c, float w, Dash dash, boolean step, String label) {
        items.add(new Line(x.clone(), y.clone(), c, w, dash, step));
        if (label != null) {
            legend.add(new Entry(label, c, dash, false));
        }
        return this;
    }

    /** A vertical line across the plotting area at data x. */
    public Plot vline(double x, Color c, Dash dash, String label) {
        double[] y = range(false);
        return line(new double[] {x, x}, new double[] {y[0] - 1e9, y[1] + 1e9}, c, 1.5f, dash, false, label);
    }

    /** A shaded band between lo and hi (a polygon); usually a translucent colour. */
    public Plot band(double[] x, double[] lo, double[] hi, Color c, String label) {
        items.add(new Band(x.clone(), lo.clone(), hi.clone(), c));
        if (label != null) {
            legend.add(new Entry(label, c, Dash.SOLID, true));
        }
        return this;
    }

    /** A rectangle in data coordinates (fill and stroke may be null). */
    public Plot rect(double x0, double y0, double x1, double y1, Color fill, Color stroke) {
        items.add(new Rect(x0, y0, x1, y1, fill, stroke));
        return this;
    }

    /** A legend entry with a filled swatch (for bars). */
    public Plot legendSwatch(String label, Color c) {
        legend.add(new Entry(label, c, Dash.SOLID, true));
        return this;
    }

    /** Filled circles of radius r pixels. */
    public Plot points(double[] x, double[] y, Color c, float r, String label) {
        items.add(new Points(x.clone(), y.clone(), c, r));
        if (label != null) {
            legend.add(new Entry(label, c, null, true));
        }
        return this;
    }

    /** Vertical error bars from lo to hi at each x. */
    public Plot errorBars(double[] x, double[] lo, double[] hi, Color c) {
        items.add(new ErrorBars(x.clone(), lo.clone(), hi.clone(), c));
        return this;
    }

    /** Text centred at data (x, y). */
    public Plot text(double x, double y, String s, float size, boolean bold, Color c) {
        items.add(new Text(x, y, s, size, bold, c));
        return this;
    }

    // ---------------------------------------------------------------- layout

    private double[] range(boolean x) {
        double[] fixed = x ? xr : yr;
        if (fixed != null) {
            return fixed;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Item it : items) {
            double[][] vs = switch (it) {
                case Line l -> new double[][] {x ? l.x : l.y};
                case Band b -> x ? new double[][] {b.x} : new double[][] {b.lo, b.hi};
                case Rect r -> new double[][] {x ? new double[] {r.x0, r.x1} : new double[] {r.y0, r.y1}};
                case Points p -> new double[][] {x ? p.x : p.y};
                case ErrorBars e -> x ? new double[][] {e.x} : new double[][] {e.lo, e.hi};
                case Text t -> new double[][] {{x ? t.x : t.y}};
            };
            for (double[] v : vs) {
                for (double d : v) {
                    if (Double.isFinite(d) && Math.abs(d) < 1e8) {
                        lo = Math.min(lo, d);
                        hi = Math.max(hi, d);
                    }
                }
            }
        }
        if (!(lo <= hi)) {
            return new double[] {0, 1};
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double step = niceStep(hi - lo);
        return new double[] {Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step};
    }

    /** A 1-2-5 step giving about 5 to 10 ticks over a span. */
    static double niceStep(double span) {
        double raw = span / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag;
        return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
    }

    /** Tick positions in [lo, hi] at a nice step. */
    static double[] ticks(double lo, double hi) {
        double step = niceStep(hi - lo);
        List<Double> t = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
            t.add(k * step);
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String tickLabel(double v, double step) {
        int digits = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        String s = String.format(Locale.ROOT, "%." + digits + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s.replace('-', '\u2212');
    }

    // ---------------------------------------------------------------- rendering

    /** Drawing primitives in pixels; implemented by Java2D and by the SVG writer. */
    public interface Canvas {
        void polyline(double[] px, double[] py, Color c, float w, Dash dash, boolean clip);

        void polygon(double[] px, double[] py, Color fill, Color stroke, boolean clip);

        void circle(double x, double y, double r, Color c);

        /** anchor: -1 left, 0 centre, 1 right; baseline at y + size * 0.35 (vertically centred). */
        void text(double x, double y, String s, float size, boolean bold, Color c, int anchor, boolean vertical);
    }

    private static final FontMetrics[] METRICS = new FontMetrics[2];

    /** Width in pixels of a text in the figures' font. */
    public static synchronized double textWidth(String s, float size, boolean bold) {
        int k = bold ? 1 : 0;
        if (METRICS[k] == null) {
            Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            METRICS[k] = g.getFontMetrics(new Font(FONT, bold ? Font.BOLD : Font.PLAIN, 100));
            g.dispose();
        }
        return METRICS[k].getStringBounds(s, null).getWidth() * size / 100;
    }

    private void draw(Canvas g) {
        double[] xRange = range(true);
        double[] yRange = range(false);
        double[] xt = xTickAt != null ? xTickAt : ticks(xRange[0], xRange[1]);
        double[] yt = yTickAt != null ? yTickAt : ticks(yRange[0], yRange[1]);
        String[] xl = xTickLabels != null ? xTickLabels : labels(xt, xRange);
        String[] yl = yTickLabels != null ? yTickLabels : labels(yt, yRange);
        float tickSize = 12f;
        float legendSize = 12f;
        double yTickW = 0;
        for (String s : yl) {
            yTickW = Math.max(yTickW, textWidth(s, tickSize, false));
        }
        double legendW = 0;
        for (Entry e : legend) {
            legendW = Math.max(legendW, textWidth(e.label, legendSize, false) + 34);
        }
        double left = 14 + (yLabel.isEmpty() ? 0 : 22) + yTickW + 8;
        double right = width - 18 - (legendAt == Legend.RIGHT_OUTSIDE && !legend.isEmpty() ? legendW + 16 : 0);
        double top = 14 + (title.isEmpty() ? 0 : 24) + (subtitle == null ? 0 : 18) + 6;
        double bottom = height - 14 - (xLabel.isEmpty() ? 0 : 22) - 20;
        java.util.function.DoubleUnaryOperator px = v -> left + (v - xRange[0]) / (xRange[1] - xRange[0]) * (right - left);
        java.util.function.DoubleUnaryOperator py = v -> bottom - (v - yRange[0]) / (yRange[1] - yRange[0]) * (bottom - top);
        Color axis = new Color(0x333333);
        Color gridC = new Color(0xE3E3E3);
        // background, grid and ticks
        g.polygon(new double[] {0, width, width, 0}, new double[] {0, 0, height, height}, Color.WHITE, null, false);
        for (int i = 0; i < xt.length; i++) {
            double x = px.applyAsDouble(xt[i]);
            if (x < left - 0.5 || x > right + 0.5) {
                continue;
            }
            if (grid) {
                g.polyline(new double[] {x, x}, new double[] {top, bottom}, gridC, 1f, Dash.SOLID, false);
            }
            g.polyline(new double[] {x, x}, new double[] {bottom, bottom + 5}, axis, 1f, Dash.SOLID, false);
            g.text(x, bottom + 15, xl[i], tickSize, false, axis, 0, false);
        }
        for (int i = 0; i < yt.length; i++) {
            double y = py.applyAsDouble(yt[i]);
            if (y < top - 0.5 || y > bottom + 0.5) {
                continue;
            }
            if (grid) {
                g.polyline(new double[] {left, right}, new double[] {y, y}, gridC, 1f, Dash.SOLID, false);
            }
            g.polyline(new double[] {left - 5, left}, new double[] {y, y}, axis, 1f, Dash.SOLID, false);
            g.text(left - 8, y, yl[i], tickSize, false, axis, 1, false);
        }
        // data, clipped to the plotting area
        for (Item it : items) {
            switch (it) {
                case Band b -> {
                    int n = b.x.length;
                    double[] xs = new double[2 * n];
                    double[] ys = new double[2 * n];
                    for (int i = 0; i < n; i++) {
                        xs[i] = px.applyAsDouble(b.x[i]);
                        ys[i] = py.applyAsDouble(b.hi[i]);
                        xs[2 * n - 1 - i] = xs[i];
                        ys[2 * n - 1 - i] = py.applyAsDouble(b.lo[i]);
                    }
                    g.polygon(xs, ys, b.color, null, true);
                }
                case Rect r -> {
                    double x0 = px.applyAsDouble(r.x0);
                    double x1 = px.applyAsDouble(r.x1);
                    double y0 = py.applyAsDouble(r.y0);
                    double y1 = py.applyAsDouble(r.y1);
                    g.polygon(new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1}, r.fill, r.stroke, true);
                }
                case Line l -> {
                    int n = l.x.length;
                    int m = l.step && n > 1 ? 2 * n - 1 : n;
                    double[] xs = new double[m];
                    double[] ys = new double[m];
                    for (int i = 0, k = 0; i < n; i++) {
                        if (l.step && i > 0) {
                            xs[k] = px.applyAsDouble(l.x[i]);
                            ys[k++] = py.applyAsDouble(l.y[i - 1]);
                        }
                        xs[k] = px.applyAsDouble(l.x[i]);
                        ys[k++] = py.applyAsDouble(l.y[i]);
                    }
                    g.polyline(xs, ys, l.color, l.width, l.dash, true);
                }
                case Points p -> {
                    for (int i = 0; i < p.x.length; i++) {
                        double x = px.applyAsDouble(p.x[i]);
                        double y = py.applyAsDouble(p.y[i]);
                        if (x >= left && x <= right && y >= top && y <= bottom) {
                            g.circle(x, y, p.radius, p.color);
                        }
                    }
                }
                case ErrorBars e -> {
                    for (int i = 0; i < e.x.length; i++) {
                        double x = px.applyAsDouble(e.x[i]);
                        double lo = py.applyAsDouble(e.lo[i]);
                        double hi = py.applyAsDouble(e.hi[i]);
                        g.polyline(new double[] {x, x}, new double[] {lo, hi}, e.color, 1f, Dash.SOLID, true);
                        g.polyline(new double[] {x - 3, x + 3}, new double[] {lo, lo}, e.color, 1f, Dash.SOLID, true);
                        g.polyline(new double[] {x - 3, x + 3}, new double[] {hi, hi}, e.color, 1f, Dash.SOLID, true);
                    }
                }
                case Text t -> g.text(px.applyAsDouble(t.x), py.applyAsDouble(t.y), t.text, t.size, t.bold, t.color, 0,
                        false);
            }
        }
        // frame, labels, title
        g.polygon(new double[] {left, right, right, left}, new double[] {top, top, bottom, bottom}, null, axis, false);
        if (!xLabel.isEmpty()) {
            g.text((left + right) / 2, height - 16, xLabel, 14f, false, Color.BLACK, 0, false);
        }
        if (!yLabel.isEmpty()) {
            g.text(18, (top + bottom) / 2, yLabel, 14f, false, Color.BLACK, 0, true);
        }
        if (!title.isEmpty()) {
            g.text(width / 2.0, 24, title, fit(title, 16f, true), true, Color.BLACK, 0, false);
        }
        if (subtitle != null) {
            g.text(width / 2.0, 44, subtitle, fit(subtitle, 12f, false), false, new Color(0x555555), 0, false);
        }
        drawLegend(g, left, right, top, bottom, legendW, legendSize);
    }

    /** The font size at which s fits the figure's width (at most {@code size}). */
    private float fit(String s, float size, boolean bold) {
        double w = textWidth(s, size, bold);
        return w <= width - 24 ? size : (float) (size * (width - 24) / w);
    }

    private void drawLegend(Canvas g, double left, double right, double top, double bottom, double w, float size) {
        if (legend.isEmpty() || legendAt == Legend.NONE) {
            return;
        }
        double row = size + 7;
        double h = legend.size() * row + 8;
        double bw = w + 8;
        double x = switch (legendAt) {
            case TOP_LEFT, BOTTOM_LEFT -> left + 8;
            case RIGHT_OUTSIDE -> right + 12;
            default -> right - bw - 8;
        };
        double y = switch (legendAt) {
            case BOTTOM_LEFT, BOTTOM_RIGHT -> bottom - h - 8;
            default -> top + 8;
        };
        g.polygon(new double[] {x, x + bw, x + bw, x}, new double[] {y, y, y + h, y + h}, alpha(Color.WHITE, 0.88),
                new Color(0xBBBBBB), false);
        for (int i = 0; i < legend.size(); i++) {
            Entry e = legend.get(i);
            double cy = y + 4 + row * (i + 0.5);
            if (e.filled && e.dash == null) {
                g.circle(x + 17, cy, 4, e.color);
            } else if (e.filled) {
                g.polygon(new double[] {x + 8, x + 26, x + 26, x + 8}, new double[] {cy - 5, cy - 5, cy + 5, cy + 5},
                        e.color, null, false);
            } else {
                g.polyline(new double[] {x + 6, x + 28}, new double[] {cy, cy}, e.color, 2.5f, e.dash, false);
            }
            g.text(x + 34, cy, e.label, size, false, Color.BLACK, -1, false);
        }
    }

    private static String[] labels(double[] t, double[] range) {
        double step = t.length > 1 ? t[1] - t[0] : niceStep(range[1] - range[0]);
        String[] s = new String[t.length];
        for (int i = 0; i < t.length; i++) {
            s[i] = tickLabel(t[i], step);
        }
        return s;
    }

    // ---------------------------------------------------------------- PNG

    /** The figure as an image at {@code scale} times its size (2 gives crisp figures on screens and in print). */
    public BufferedImage toImage(double scale) {
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img, scale, false);
        draw(new Java2D(g, plotArea()));
        g.dispose();
        return img;
    }

    /** Graphics of an image with the figures' rendering hints, scaled; optionally cleared to white first. */
    private static Graphics2D graphics(BufferedImage img, double scale, boolean white) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        if (white) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
        }
        g.scale(scale, scale);
        return g;
    }

    /** PNG bytes at scale 2. */
    public byte[] png() {
        return pngBytes(toImage(2));
    }

    /** Writes the PNG (scale 2). */
    public void writePng(Path file) throws IOException {
        Files.write(file, png());
    }

    /** Writes the SVG. */
    public void writeSvg(Path file) throws IOException {
        Files.writeString(file, svg());
    }

    /** The plotting area {left, top, right, bottom} in pixels (the same computation as draw's). */
    private double[] plotArea() {
        double[] out = new double[4];
        draw(new Canvas() {
            boolean first = true;

            @Override
            public void polyline(double[] x, double[] y, Color c, float w, Dash d, boolean clip) {
            }

            @Override
            public void polygon(double[] x, double[] y, Color f, Color s, boolean clip) {
                // the frame is the only unclipped polygon with a stroke and no fill
                if (f == null && s != null && !clip && first) {
                    out[0] = x[0];
                    out[1] = y[0];
                    out[2] = x[1];
                    out[3] = y[2];
                    first = false;
                }
            }

            @Override
            public void circle(double x, double y, double r, Color c) {
            }

            @Override
            public void text(double x, double y, String s, float size, boolean bold, Color c, int a, boolean v) {
            }
        });
        return out;
    }

    private static final class Java2D implements Canvas {
        private final Graphics2D g;
        private final Rectangle2D clip;

        Java2D(Graphics2D g, double[] area) {
            this.g = g;
            this.clip = new Rectangle2D.Double(area[0], area[1], area[2] - area[0], area[3] - area[1]);
        }

        private static Path2D path(double[] x, double[] y, boolean close) {
            Path2D.Double p = new Path2D.Double();
            for (int i = 0; i < x.length; i++) {
                if (i == 0) {
                    p.moveTo(x[i], y[i]);
                } else {
                    p.lineTo(x[i], y[i]);
                }
            }
            if (close) {
                p.closePath();
            }
            return p;
        }

        private static BasicStroke stroke(float w, Dash d) {
            float[] pattern = switch (d == null ? Dash.SOLID : d) {
                case SOLID -> null;
                case DASHED -> new float[] {6 * Math.max(1, w / 2), 4 * Math.max(1, w / 2)};
                case DOTTED -> new float[] {1.5f * w, 2.5f * w};
            };
            return new BasicStroke(w, d == Dash.DOTTED ? BasicStroke.CAP_ROUND : BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 10f, pattern, 0f);
        }

        @Override
        public void polyline(double[] x, double[] y, Color c, float w, Dash d, boolean clipped) {
            g.setClip(clipped ? clip : null);
            g.setColor(c);
            g.setStroke(stroke(w, d));
            g.draw(path(x, y, false));
            g.setClip(null);
        }

        @Override
        public void polygon(double[] x, double[] y, Color fill, Color stroke, boolean clipped) {
            g.setClip(clipped ? clip : null);
            Path2D p = path(x, y, true);
            if (fill != null) {
                g.setColor(fill);
                g.fill(p);
            }
            if (stroke != null) {
                g.setColor(stroke);
                g.setStroke(new BasicStroke(1f));
                g.draw(p);
            }
            g.setClip(null);
        }

        @Override
        public void circle(double x, double y, double r, Color c) {
            g.setColor(c);
            g.fill(new java.awt.geom.Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }

        @Override
        public void text(double x, double y, String s, float size, boolean bold, Color c, int anchor, boolean vertical) {
            g.setFont(new Font(FONT, bold ? Font.BOLD : Font.PLAIN, 100).deriveFont(size));
            g.setColor(c);
            double w = textWidth(s, size, bold);
            double dx = anchor < 0 ? 0 : anchor == 0 ? -w / 2 : -w;
            AffineTransform saved = g.getTransform();
            g.translate(x, y);
            if (vertical) {
                g.rotate(-Math.PI / 2);
            }
            g.drawString(s, (float) dx, size * 0.35f);
            g.setTransform(saved);
        }
    }

    /**
     * A free drawing (no axes) of {@code width x height} pixels as an image at {@code scale}: white background,
     * then {@code painter} (unclipped); for figures that are not x-y plots, such as nomograms.
     */
    public static BufferedImage render(int width, int height, double scale, java.util.function.Consumer<Canvas> painter) {
        BufferedImage img = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img, scale, true);
        painter.accept(new Java2D(g, new double[] {0, 0, width, height}));
        g.dispose();
        return img;
    }

    /** The same free drawing as an SVG document. */
    public static String renderSvg(int width, int height, String title, java.util.function.Consumer<Canvas> painter) {
        StringBuilder sb = svgHead(width, height, title == null ? "" : title);
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width, height));
        painter.accept(new Svg(sb));
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** PNG bytes of an image. */
    public static byte[] pngBytes(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- SVG

    /** The figure as an SVG document (UTF-8 text). */
    public String svg() {
        StringBuilder sb = svgHead(width, height, title);
        double[] a = plotArea();
        sb.append(String.format(Locale.ROOT, "<defs><clipPath id=\"area\"><rect x=\"%s\" y=\"%s\" width=\"%s\" "
                + "height=\"%s\"/></clipPath></defs>\n", f(a[0]), f(a[1]), f(a[2] - a[0]), f(a[3] - a[1])));
        draw(new Svg(sb));
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** The XML declaration, the svg element and the title. */
    private static StringBuilder svgHead(int width, int height, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"%s\">\n", width, height, width, height, SVG_FONT));
        sb.append(String.format(Locale.ROOT, "<title>%s</title>\n", esc(title)));
        return sb;
    }

    private static String f(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String rgb(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String paint(String attr, Color c) {
        if (c == null) {
            return " " + attr + "=\"none\"";
        }
        String s = " " + attr + "=\"" + rgb(c) + "\"";
        return c.getAlpha() < 255 ? s + " " + attr + "-opacity=\"" + f(c.getAlpha() / 255.0) + "\"" : s;
    }

    private record Svg(StringBuilder sb) implements Canvas {
        private void points(double[] x, double[] y) {
            sb.append(" points=\"");
            for (int i = 0; i < x.length; i++) {
                sb.append(i == 0 ? "" : " ").append(f(x[i])).append(',').append(f(y[i]));
            }
            sb.append('"');
        }

        @Override
        public void polyline(double[] x, double[] y, Color c, float w, Dash d, boolean clip) {
            sb.append("<polyline fill=\"none\"").append(paint("stroke", c)).append(" stroke-width=\"").append(f(w))
                    .append("\" stroke-linejoin=\"round\"");
            if (d == Dash.DASHED) {
                double k = Math.max(1, w / 2);
                sb.append(" stroke-dasharray=\"").append(f(6 * k)).append(' ').append(f(4 * k)).append('"');
            } else if (d == Dash.DOTTED) {
                sb.append(" stroke-linecap=\"round\" stroke-dasharray=\"").append(f(1.5 * w)).append(' ')
                        .append(f(2.5 * w)).append('"');
            }
            if (clip) {
                sb.append(" clip-path=\"url(#area)\"");
            }
            points(x, y);
            sb.append("/>\n");
        }

        @Override
        public void polygon(double[] x, double[] y, Color fill, Color stroke, boolean clip) {
            sb.append("<polygon").append(paint("fill", fill)).append(paint("stroke", stroke));
            if (clip) {
                sb.append(" clip-path=\"url(#area)\"");
            }
            points(x, y);
            sb.append("/>\n");
        }

        @Override
        public void circle(double x, double y, double r, Color c) {
            sb.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"").append(f(r))
                    .append('"').append(paint("fill", c)).append("/>\n");
        }

        @Override
        public void text(double x, double y, String s, float size, boolean bold, Color c, int anchor, boolean vertical) {
            String a = anchor < 0 ? "start" : anchor == 0 ? "middle" : "end";
            sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y + size * 0.35)).append("\" font-size=\"")
                    .append(f(size)).append("\" text-anchor=\"").append(a).append('"').append(paint("fill", c));
            if (bold) {
                sb.append(" font-weight=\"bold\"");
            }
            if (vertical) {
                sb.append(" transform=\"rotate(-90 ").append(f(x)).append(' ').append(f(y)).append(")\"");
            }
            sb.append('>').append(esc(s)).append("</text>\n");
        }
    }

    /** The SVG as UTF-8 bytes. */
    public byte[] svgBytes() {
        return svg().getBytes(StandardCharsets.UTF_8);
    }
}
