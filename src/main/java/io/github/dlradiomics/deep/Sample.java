package io.github.dlradiomics.deep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One network input: a {@code channels x height x width} float image (CHW, row-major:
 * {@code data[(c * height + y) * width + x]}) in "unit" scale, i.e. after the intensity rule of
 * {@link Sampling25D.Settings#intensity()}, with every choice that produced it in {@link #provenance()}
 * (slice axis, largest slice, neighbours, crop box in pixels and mm, margin, square, mask mode,
 * intensity rule and the values it used, output size, interpolation).
 *
 * <pre>Sample s = Sampling25D.sample("case01", ct, labels, 28, settings).get(0); float v = s.at(0, 10, 12);</pre>
 *
 * @param caseId the case the sample comes from
 * @param label the ROI label (0 for a whole picture without a mask)
 * @param axis the slice axis as the settings named it ("sagittal", "coronal", "axial", "x", "y", "z"), or "2d"
 * @param slices the slice indices used, in channel (CHANNELS mode) or sequence order; empty for a 2D picture
 * @param channels number of channels
 * @param height number of rows
 * @param width number of columns
 * @param data the values, CHW row-major, length {@code channels * height * width}
 * @param provenance every choice made, insertion-ordered, unmodifiable
 */
public record Sample(String caseId, int label, String axis, int[] slices, int channels, int height, int width, float[] data,
        Map<String, Object> provenance) {

    /** Checks the shape and freezes the provenance (insertion order kept). */
    public Sample {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("sample shape must be positive: " + channels + "x" + height + "x" + width);
        }
        if (data.length != channels * height * width) {
            throw new IllegalArgumentException("sample data length " + data.length + " != " + channels + "x" + height + "x"
                    + width);
        }
        slices = slices == null ? new int[0] : slices;
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance == null ? Map.of() : provenance));
    }

    /** The value of channel {@code c} at column {@code x}, row {@code y}. */
    public float at(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    /** A copy of channel {@code c} ({@code height x width}, row-major). */
    public float[] channel(int c) {
        float[] out = new float[height * width];
        System.arraycopy(data, c * height * width, out, 0, out.length);
        return out;
    }
}
