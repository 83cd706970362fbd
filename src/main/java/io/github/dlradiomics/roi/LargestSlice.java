package io.github.dlradiomics.roi;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per label, the slice (along a {@link SliceAxis}) where the label's cross-section is largest: the
 * slice index, the area in mm² (pixel count x in-slice pixel area) and the slice's position in LPS mm.
 * Ties (equal pixel counts) go to the slice nearest the label's centre of mass along the axis (the
 * mean slice index of its voxels); a remaining tie (two slices equally near) goes to the lower index.
 *
 * <pre>LargestSlice.Result r = LargestSlice.find(labels, SliceAxis.sagittal(labels)).get(28); int x = r.slice();</pre>
 */
public final class LargestSlice {
    private LargestSlice() {
    }

    /**
     * One label's largest cross-section.
     *
     * @param label the label
     * @param axis the slice axis
     * @param slice slice index along the axis
     * @param pixels number of the label's pixels on that slice
     * @param areaMm2 {@code pixels} x in-slice pixel area (mm²)
     * @param slicePositionMm distance of the slice plane from the image origin along the axis (index x spacing, mm)
     * @param centroidLps the LPS point (mm) of the centroid of the label's pixels on that slice: a point of the slice plane
     * @param centreOfMassSlice the label's centre of mass along the axis (fractional slice index)
     */
    public record Result(int label, SliceAxis axis, int slice, long pixels, double areaMm2, double slicePositionMm,
            double[] centroidLps, double centreOfMassSlice) {
    }

    /** The largest cross-section of every non-zero label along {@code axis}. */
    public static SortedMap<Integer, Result> find(Volume labels, SliceAxis axis) {
        int n = axis.count(labels);
        int a = axis.axis();
        int[] dims = labels.dims();
        int[] stride = {1, labels.nx(), labels.nx() * labels.ny()};
        SortedMap<Integer, long[]> counts = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            int l = LabelSlices.labelAt(labels, i);
            if (l != 0) {
                counts.computeIfAbsent(l, k -> new long[n])[(i / stride[a]) % dims[a]]++;
            }
        }
        double[] px = axis.pixelSpacing(labels);
        SortedMap<Integer, Result> out = new TreeMap<>();
        for (var e : counts.entrySet()) {
            out.put(e.getKey(), best(labels, axis, e.getKey(), e.getValue(), px));
        }
        return out;
    }

    /** The largest cross-section of one label; a label absent from the mask is refused. */
    public static Result find(Volume labels, SliceAxis axis, int label) {
        if (label == 0) {
            throw new UserInputException("label 0 is the background, not an ROI");
        }
        // one pass counting this label's voxels per slice (the same result as find(labels, axis).get(label))
        int n = axis.count(labels);
        int a = axis.axis();
        long[] c = new long[n];
        double[] d = labels.data();
        int i = 0;
        for (int z = 0; z < labels.nz(); z++) {
            for (int y = 0; y < labels.ny(); y++) {
                for (int x = 0; x < labels.nx(); x++, i++) {
                    if (d[i] == label) {
                        c[a == 0 ? x : a == 1 ? y : z]++;
                    }
                }
            }
        }
        boolean any = false;
        for (long v : c) {
            any |= v > 0;
        }
        if (!any) {
            throw new UserInputException("label " + label + " is not in the mask");
        }
        return best(labels, axis, label, c, axis.pixelSpacing(labels));
    }

    /** The slice with the most pixels; ties to the slice nearest the centre of mass, then the lower index. */
    private static Result best(Volume labels, SliceAxis axis, int label, long[] c, double[] px) {
        int n = c.length;
        long total = 0;
        double sum = 0;
        long max = 0;
        for (int s = 0; s < n; s++) {
            total += c[s];
            sum += (double) s * c[s];
            max = Math.max(max, c[s]);
        }
        double com = sum / total;
        int best = -1;
        for (int s = 0; s < n; s++) {
            if (c[s] == max && (best < 0 || Math.abs(s - com) < Math.abs(best - com))) {
                best = s;
            }
        }
        return result(labels, axis, label, best, c[best], px, com);
    }

    private static Result result(Volume labels, SliceAxis axis, int label, int slice, long pixels, double[] px, double com) {
        int w = axis.width(labels);
        int[] off = axis.offsets(labels, slice);
        double su = 0;
        double sv = 0;
        for (int p = 0; p < off.length; p++) {
            if (labels.data()[off[p]] == label) {
                su += p % w;
                sv += p / w;
            }
        }
        double[] idx = new double[3];
        idx[axis.axis()] = slice;
        idx[axis.columnAxis()] = su / pixels;
        idx[axis.rowAxis()] = sv / pixels;
        double[] lps = labels.indexToPhysical(idx[0], idx[1], idx[2]);
        return new Result(label, axis, slice, pixels, pixels * px[0] * px[1], slice * axis.sliceSpacing(labels), lps, com);
    }
}
