package io.github.dlradiomics.cohort;

import java.util.Locale;

/**
 * Thoracolumbar vertebral levels drawn by the cohort generator, with their mask label values (the
 * TotalSegmentator "total" v2 map: L5 = 27 ... T8 = 36) and nominal adult vertebral-body size.
 *
 * <pre>int label = VertebraLevel.L1.label(); // 31</pre>
 */
public enum VertebraLevel {
    T8(36, 33, 27, 21, 5.0),
    T9(35, 35, 28, 21.5, 5.5),
    T10(34, 36, 29, 22, 6.0),
    T11(33, 38, 30, 23, 6.5),
    T12(32, 40, 31, 24, 7.5),
    L1(31, 42, 32, 25, 8.5),
    L2(30, 44, 33, 26, 9.5),
    L3(29, 46, 34, 26.5, 10.0),
    L4(28, 48, 34, 26.5, 10.5),
    L5(27, 50, 34, 25.5, 10.5);

    private static final int L1_LABEL = 31;
    private final int label;
    private final double width;
    private final double depth;
    private final double height;
    private final double discBelow;

    VertebraLevel(int label, double width, double depth, double height, double discBelow) {
        this.label = label;
        this.width = width;
        this.depth = depth;
        this.height = height;
        this.discBelow = discBelow;
    }

    /** Mask value of this vertebra (TotalSegmentator "total" v2 numbering). */
    public int label() {
        return label;
    }

    /** Nominal vertebral-body width (left-right) in mm. */
    public double width() {
        return width;
    }

    /** Nominal vertebral-body depth (antero-posterior) in mm. */
    public double depth() {
        return depth;
    }

    /** Nominal vertebral-body height (cranio-caudal) in mm. */
    public double height() {
        return height;
    }

    /** Nominal height of the intervertebral disc below this vertebra in mm. */
    public double discBelow() {
        return discBelow;
    }

    /** True for lumbar levels. */
    public boolean isLumbar() {
        return label <= L1_LABEL;
    }

    /** The level with this mask label. */
    public static VertebraLevel ofLabel(int label) {
        for (VertebraLevel l : values()) {
            if (l.label == label) {
                return l;
            }
        }
        throw new IllegalArgumentException("no vertebra has label " + label);
    }

    /** The level named like "L1" or "t12" (case-insensitive). */
    public static VertebraLevel ofName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
