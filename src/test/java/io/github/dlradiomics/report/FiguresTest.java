package io.github.dlradiomics.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Plot and Figures: PNG and SVG written, SVG well-formed, ROC geometry, deterministic output. */
class FiguresTest {
    @TempDir
    Path tmp;

    static Figures.Model noisy(String name, long seed, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 120;
        double[] p = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
            double z = (y[i] == 1 ? shift : -shift) + r.nextGaussian();
            p[i] = 1 / (1 + Math.exp(-z));
        }
        return new Figures.Model(name, p, y);
    }

    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void everyFigureWritesPngAndWellFormedSvg() throws Exception {
        List<Figures.Model> ms = List.of(noisy("lr", 1, 1), noisy("rf <&> \"x\"", 2, 0.6));
        int k = 30;
        double[] lambda = new double[k];
        double[][] beta = new double[k][3];
        double[] cvm = new double[k];
        double[] cvsd = new double[k];
        for (int i = 0; i < k; i++) {
            lambda[i] = 0.3 * Math.pow(0.85, i);
            beta[i][0] = Math.max(0, 0.1 * i - 0.5);
            beta[i][1] = -Math.max(0, 0.05 * i - 0.8);
            cvm[i] = 1.3 - 0.4 * Math.sin(i / 10.0);
            cvsd[i] = 0.05;
        }
        List<Plot> plots = List.of(Figures.roc("ROC", ms, 200, 7), Figures.calibration("Calibration", ms, 10),
                Figures.decisionCurve("DCA", ms), Figures.lassoPath(lambda, beta, List.of("a", "b", "c"), lambda[12],
                        lambda[8]), Figures.lassoCv(lambda, cvm, cvsd, lambda[12], lambda[8]),
                Figures.bars("Coefficients", List.of("x1", "x2", "x3"), new double[] {0.5, -1.2, 0.1}, "Coefficient"),
                Figures.confusion("Confusion", ms.get(0).prob(), ms.get(0).y(), 0.5));
        int i = 0;
        for (Plot p : plots) {
            Path png = tmp.resolve("f" + i + ".png");
            Path svg = tmp.resolve("f" + i + ".svg");
            p.writePng(png);
            p.writeSvg(svg);
            BufferedImage img = ImageIO.read(png.toFile());
            assertTrue(img.getWidth() > 400 && img.getHeight() > 400, "PNG " + i);
            Document d = parse(Files.readString(svg));
            assertEquals("svg", d.getDocumentElement().getTagName());
            assertTrue(d.getElementsByTagName("text").getLength() > 5, "SVG " + i + " has labels");
            i++;
        }
    }

    @Test
    void perfectClassifierCurvePassesThroughTopLeft() throws Exception {
        double[] p = {0.1, 0.2, 0.3, 0.35, 0.7, 0.8, 0.9, 0.95};
        int[] y = {0, 0, 0, 0, 1, 1, 1, 1};
        double[][] c = Figures.curve(p, y);
        boolean through = false;
        for (int i = 0; i < c[0].length; i++) {
            through |= c[0][i] == 0 && c[1][i] == 1;
        }
        assertTrue(through, "ROC point (0, 1)");
        assertEquals(1.0, Figures.sensitivityAt(c[0], c[1], 0.0));
        // in the drawing: the model's polyline passes through the plotting area's top-left corner
        String svg = Figures.roc("Perfect", List.of(new Figures.Model("perfect", p, y)), 50, 1).svg();
        parse(svg);
        Matcher clip = Pattern.compile("<clipPath id=\"area\"><rect x=\"([^\"]+)\" y=\"([^\"]+)\"").matcher(svg);
        assertTrue(clip.find());
        String corner = clip.group(1) + "," + clip.group(2);
        String color = String.format("#%06x", Plot.color(0).getRGB() & 0xFFFFFF);
        Matcher line = Pattern.compile("<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\"[^>]*points=\"([^\"]+)\"")
                .matcher(svg);
        assertTrue(line.find(), "model line drawn");
        assertTrue((" " + line.group(1) + " ").contains(" " + corner + " "), "curve through (0, 1): " + line.group(1));
        // the band of a perfect classifier is degenerate at sensitivity 1 from specificity 1 on
        double[][] band = Figures.band(p, y, 100, 3);
        assertEquals(1.0, band[1][0]);
        assertEquals(1.0, band[2][0]);
    }

    @Test
    void sameInputSameBytes() {
        List<Figures.Model> ms = new ArrayList<>(List.of(noisy("a", 5, 1), noisy("b", 6, 0.3)));
        assertEquals(Figures.roc("R", ms, 300, 11).svg(), Figures.roc("R", ms, 300, 11).svg());
        assertArrayEquals(Figures.roc("R", ms, 300, 11).png(), Figures.roc("R", ms, 300, 11).png());
        assertArrayEquals(Figures.decisionCurve("D", ms).png(), Figures.decisionCurve("D", ms).png());
    }

    @Test
    void niceTicks() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, Plot.ticks(0, 1), 1e-12);
        assertEquals(0.5, Plot.niceStep(3));
        assertEquals("\u22120.5", Plot.tickLabel(-0.5, 0.5));
        assertEquals("0", Plot.tickLabel(-0.0, 1));
    }
}
