package io.github.dlradiomics.roi;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fills the slices between key slices of a label by shape-based interpolation (Raya and Udupa 1990,
 * "Shape-based interpolation of multidimensional objects", IEEE TMI 9:32-42). The key slices of a label
 * are the slices (along a {@link SliceAxis}) where it is present; for two consecutive key slices
 * {@code k0 < k1} more than one slice apart, each slice {@code s} between them gets
 * <pre>  value = (1 - t) * sd0 + t * sd1,   t = (s - k0) / (k1 - k0),   inside when value &gt; 0</pre>
 * where {@code sd} is the signed Euclidean distance map of a key slice in mm: for a pixel inside the
 * label, the distance from its centre to the nearest outside pixel centre of that slice (+infinity when
 * the slice has none); for a pixel outside, minus the distance to the nearest inside pixel centre. The
 * map is never 0, so two identical key slices give the same mask in between; an exact tie (value 0)
 * is outside. Distances are exact ({@link EuclideanDistanceTransform}) with the in-slice pixel spacing
 * honoured, so anisotropic pixels interpolate correctly.
 *
 * <p>Key slices are never altered, nor are voxels of other labels: a filled pixel is written only where
 * the input and the output so far are background (0). Labels are filled independently from the input,
 * in ascending order (where two labels' fills compete for a background voxel, the smaller label wins).
 *
 * <pre>ShapeBasedInterpolation.Result r = ShapeBasedInterpolation.fill(labels, SliceAxis.Z, List.of(28), ProgressListener.NONE);</pre>
 */
public final class ShapeBasedInterpolation {
    private ShapeBasedInterpolation() {
    }

    /**
     * The outcome of a fill.
     *
     * @param volume the labels with the gaps filled (a new volume; the input is unchanged)
     * @param filledSlices per label, the slices that received interpolated pixels (ascending)
     */
    public record Result(Volume volume, SortedMap<Integer, int[]> filledSlices) {
    }

    /** Fills the gaps of every label along {@code axis}. */
    public static Result fill(Volume labels, SliceAxis axis) {
        return fill(labels, axis, null, ProgressListener.NONE);
    }

    /**
     * Fills the gaps of the given labels (all non-zero labels when {@code which} is null) along {@code axis}.
     * A label that is absent from the mask is refused with its number.
     */
    public static Result fill(Volume labels, SliceAxis axis, Collection<Integer> which, ProgressListener progress) {
        SortedMap<Integer, int[]> keys = LabelSlices.slicesPerLabel(labels, axis);
        List<Integer> todo = new ArrayList<>();
        if (which == null) {
            todo.addAll(keys.keySet());
        } else {
            for (int l : which) {
                if (l == 0) {
                    throw new UserInputException("label 0 is the background: it cannot be interpolated");
                }
                if (!keys.containsKey(l)) {
                    throw new UserInputException("label " + l + " is not in the mask (labels present: " + keys.keySet() + ")");
                }
            }
            todo.addAll(new TreeSet<>(which));
        }
        Volume out = labels.copy();
        SortedMap<Integer, int[]> filled = new TreeMap<>();
        double[] px = axis.pixelSpacing(labels);
        int w = axis.width(labels);
        int h = axis.height(labels);
        long done = 0;
        for (int label : todo) {
            progress.checkCancelled();
            progress.progress(done++, todo.size(), "interpolating label " + label);
            int[] k = keys.get(label);
            List<Integer> slicesFilled = new ArrayList<>();
            double[] sdNext = null;
            for (int i = 0; i + 1 < k.length; i++) {
                int k0 = k[i];
                int k1 = k[i + 1];
                if (k1 - k0 < 2) {
                    sdNext = null;
                    continue;
                }
                double[] sd0 = sdNext != null ? sdNext : signedDistance(LabelSlices.mask(labels, axis, k0, label), px);
                double[] sd1 = signedDistance(LabelSlices.mask(labels, axis, k1, label), px);
                sdNext = sd1;
                for (int s = k0 + 1; s < k1; s++) {
                    double t = (s - k0) / (double) (k1 - k0);
                    int[] off = axis.offsets(out, s);
                    double[] d = out.data();
                    boolean any = false;
                    for (int p = 0; p < w * h; p++) {
                        double value = (1 - t) * sd0[p] + t * sd1[p];
                        if (value > 0 && d[off[p]] == 0) {
                            d[off[p]] = label;
                            any = true;
                        }
                    }
                    if (any) {
                        slicesFilled.add(s);
                    }
                }
            }
            filled.put(label, slicesFilled.stream().mapToInt(Integer::intValue).toArray());
        }
        progress.progress(todo.size(), todo.size(), null);
        return new Result(out, filled);
    }

    /**
     * Signed distance map (mm) of a slice mask as used for blending: +distance to the nearest outside
     * pixel for inside pixels, -distance to the nearest inside pixel for outside pixels.
     */
    public static double[] signedDistance(SliceMask m, double[] pixelSpacing) {
        boolean[] in = m.inside();
        boolean[] out = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = !in[i];
        }
        int[] dims = {m.width(), m.height()};
        double[] toOutside = EuclideanDistanceTransform.squared(out, dims, pixelSpacing);
        double[] toInside = EuclideanDistanceTransform.squared(in, dims, pixelSpacing);
        double[] sd = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            sd[i] = in[i] ? Math.sqrt(toOutside[i]) : -Math.sqrt(toInside[i]);
        }
        return sd;
    }
}
