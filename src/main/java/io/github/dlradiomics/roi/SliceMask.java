package io.github.dlradiomics.roi;

import java.util.Arrays;

/**
 * A binary 2D mask of {@code width x height} pixels, u (column) fastest: one label on one slice.
 * Pixel (u, v) covers the square [u, u+1] x [v, v+1] in slice pixel coordinates (ImageJ's convention).
 *
 * <pre>SliceMask m = LabelSlices.mask(labels, SliceAxis.X, 59, 28); long n = m.count();</pre>
 *
 * @param width number of columns
 * @param height number of rows
 * @param inside {@code width * height} flags, u fastest (not copied)
 */
public record SliceMask(int width, int height, boolean[] inside) {
    public SliceMask {
        if (width < 1 || height < 1 || inside.length != width * height) {
            throw new IllegalArgumentException("mask of " + inside.length + " pixels is not " + width + "x" + height);
        }
    }

    /** An empty mask. */
    public SliceMask(int width, int height) {
        this(width, height, new boolean[width * height]);
    }

    /** True when pixel (u, v) is inside; false outside the mask's bounds. */
    public boolean get(int u, int v) {
        return u >= 0 && v >= 0 && u < width && v < height && inside[u + width * v];
    }

    public void set(int u, int v, boolean value) {
        inside[u + width * v] = value;
    }

    /** Number of inside pixels. */
    public long count() {
        long n = 0;
        for (boolean b : inside) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceMask m && m.width == width && m.height == height && Arrays.equals(m.inside, inside);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(inside);
    }

    @Override
    public String toString() {
        return "SliceMask[" + width + "x" + height + ", " + count() + " inside]";
    }
}
