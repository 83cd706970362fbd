package io.github.dlradiomics.roi;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Agreement between two segmentations of the same image (two readers, or a reader and a model), per
 * label: Dice coefficient, 95th-percentile Hausdorff distance, Hausdorff distance and volume difference.
 *
 * <p>Definitions (those of MedPy's {@code medpy.metric.binary.dc}, {@code hd95} and {@code hd}):
 * <ul>
 * <li>Dice = 2 |A ∩ B| / (|A| + |B|).</li>
 * <li>Surface voxels of a mask: its voxels with at least one of their 6 face neighbours outside the mask;
 * beyond the image border counts as outside (MedPy: {@code A XOR binary_erosion(A, connectivity 1)}).</li>
 * <li>Surface distances A→B: for every surface voxel of A, the Euclidean distance in mm (voxel spacing
 * honoured, between voxel centres) to the nearest surface voxel of B; likewise B→A.</li>
 * <li>HD95 = the 95th percentile of the pooled distances (A→B followed by B→A, all of them), with
 * NumPy's default ("linear") percentile: sort the N distances d[0..N-1], r = 0.95 (N - 1),
 * HD95 = d[floor r] + (r - floor r) (d[floor r + 1] - d[floor r]).</li>
 * <li>Hausdorff = the largest pooled distance.</li>
 * <li>Volume difference = volume(B) - volume(A) in mm³; relative = that / volume(A).</li>
 * </ul>
 * When a label is absent from one mask the surface distances are undefined (MedPy raises an error):
 * they are NaN here, and Dice is 0.
 *
 * <pre>SortedMap&lt;Integer, Agreement.Result&gt; byLabel = Agreement.compare(readerA, readerB); double d = byLabel.get(28).dice();</pre>
 */
public final class Agreement {
    private Agreement() {
    }

    /**
     * Agreement for one label.
     *
     * @param label the label
     * @param voxelsA voxels of the label in A
     * @param voxelsB voxels of the label in B
     * @param overlapVoxels voxels of the label in both
     * @param dice Dice coefficient
     * @param hd95Mm 95th-percentile Hausdorff distance (mm); NaN when the label is absent from A or B
     * @param hausdorffMm Hausdorff distance (mm); NaN when the label is absent from A or B
     * @param volumeAMm3 volume in A (mm³)
     * @param volumeBMm3 volume in B (mm³)
     * @param volumeDifferenceMm3 volume(B) - volume(A) (mm³)
     * @param relativeVolumeDifference (volume(B) - volume(A)) / volume(A); NaN when absent from A
     */
    public record Result(int label, long voxelsA, long voxelsB, long overlapVoxels, double dice, double hd95Mm,
            double hausdorffMm, double volumeAMm3, double volumeBMm3, double volumeDifferenceMm3,
            double relativeVolumeDifference) {
    }

    /** Per non-zero label present in either mask. */
    public static SortedMap<Integer, Result> compare(Volume a, Volume b) {
        return compare(a, b, ProgressListener.NONE);
    }

    /** Per non-zero label present in either mask; the two masks must share their geometry. */
    public static SortedMap<Integer, Result> compare(Volume a, Volume b, ProgressListener progress) {
        if (a.nx() != b.nx() || a.ny() != b.ny() || a.nz() != b.nz()) {
            throw new UserInputException("the two masks differ in size: " + a.nx() + "x" + a.ny() + "x" + a.nz() + " and "
                    + b.nx() + "x" + b.ny() + "x" + b.nz() + " voxels");
        }
        if (!a.sameGeometry(b, 1e-4)) {
            throw new UserInputException("the two masks are not on the same grid (spacing, origin or direction differ): "
                    + a.describeGeometry() + " vs " + b.describeGeometry());
        }
        SortedSet<Integer> labels = new TreeSet<>(LabelSlices.labels(a));
        labels.addAll(LabelSlices.labels(b));
        SortedMap<Integer, Result> out = new TreeMap<>();
        long done = 0;
        for (int label : labels) {
            progress.checkCancelled();
            progress.progress(done++, labels.size(), "label " + label);
            boolean[] ma = new boolean[a.size()];
            boolean[] mb = new boolean[b.size()];
            for (int i = 0; i < ma.length; i++) {
                ma[i] = a.data()[i] == label;
                mb[i] = b.data()[i] == label;
            }
            out.put(label, compare(label, ma, mb, a.dims(), a.spacing()));
        }
        progress.progress(labels.size(), labels.size(), null);
        return out;
    }

    /** Agreement of two binary masks (x fastest) on a grid of {@code dims} with {@code spacing} (mm). */
    public static Result compare(int label, boolean[] a, boolean[] b, int[] dims, double[] spacing) {
        int nx = dims[0];
        int ny = dims[1];
        int nz = dims[2];
        long na = 0;
        long nb = 0;
        long both = 0;
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (a[i]) {
                        na++;
                    }
                    if (b[i]) {
                        nb++;
                    }
                    if (a[i] && b[i]) {
                        both++;
                    }
                    if (a[i] || b[i]) {
                        lo[0] = Math.min(lo[0], x);
                        lo[1] = Math.min(lo[1], y);
                        lo[2] = Math.min(lo[2], z);
                        hi[0] = Math.max(hi[0], x);
                        hi[1] = Math.max(hi[1], y);
                        hi[2] = Math.max(hi[2], z);
                    }
                }
            }
        }
        double voxel = spacing[0] * spacing[1] * spacing[2];
        double dice = na + nb == 0 ? Double.NaN : 2.0 * both / (na + nb);
        double hd95 = Double.NaN;
        double hd = Double.NaN;
        if (na > 0 && nb > 0) {
            // Everything beyond the union's bounding box is outside both masks, so the box is enough.
            int[] bd = {hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1};
            boolean[] sa = surface(crop(a, dims, lo, bd), bd);
            boolean[] sb = surface(crop(b, dims, lo, bd), bd);
            double[] toB = EuclideanDistanceTransform.squared(sb, bd, spacing);
            double[] toA = EuclideanDistanceTransform.squared(sa, bd, spacing);
            int count = 0;
            for (int i = 0; i < sa.length; i++) {
                count += (sa[i] ? 1 : 0) + (sb[i] ? 1 : 0);
            }
            double[] d = new double[count];
            int k = 0;
            for (int i = 0; i < sa.length; i++) {
                if (sa[i]) {
                    d[k++] = Math.sqrt(toB[i]);
                }
            }
            for (int i = 0; i < sb.length; i++) {
                if (sb[i]) {
                    d[k++] = Math.sqrt(toA[i]);
                }
            }
            Arrays.sort(d);
            hd95 = percentile(d, 95);
            hd = d[d.length - 1];
        }
        double va = na * voxel;
        double vb = nb * voxel;
        return new Result(label, na, nb, both, dice, hd95, hd, va, vb, vb - va, na == 0 ? Double.NaN : (vb - va) / va);
    }

    private static boolean[] crop(boolean[] m, int[] dims, int[] lo, int[] bd) {
        boolean[] out = new boolean[bd[0] * bd[1] * bd[2]];
        for (int z = 0, j = 0; z < bd[2]; z++) {
            for (int y = 0; y < bd[1]; y++) {
                int base = lo[0] + dims[0] * (lo[1] + y + dims[1] * (lo[2] + z));
                for (int x = 0; x < bd[0]; x++) {
                    out[j++] = m[base + x];
                }
            }
        }
        return out;
    }

    /** Voxels of {@code m} with a face neighbour outside {@code m} or beyond the grid. */
    static boolean[] surface(boolean[] m, int[] dims) {
        int nx = dims[0];
        int ny = dims[1];
        int nz = dims[2];
        int sxy = nx * ny;
        boolean[] s = new boolean[m.length];
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (m[i]) {
                        s[i] = x == 0 || !m[i - 1] || x == nx - 1 || !m[i + 1]
                                || y == 0 || !m[i - nx] || y == ny - 1 || !m[i + nx]
                                || z == 0 || !m[i - sxy] || z == nz - 1 || !m[i + sxy];
                    }
                }
            }
        }
        return s;
    }

    /**
     * The {@code q}-th percentile (0..100) of ascending values with NumPy's default linear
     * interpolation: r = q/100 (N - 1), v[floor r] + (r - floor r)(v[floor r + 1] - v[floor r]).
     */
    public static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double r = q / 100.0 * (sorted.length - 1);
        int i = (int) Math.floor(r);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double f = r - i;
        double diff = sorted[i + 1] - sorted[i];
        // NumPy's _lerp, rounding included: from the nearer end.
        return f >= 0.5 ? sorted[i + 1] - diff * (1 - f) : sorted[i] + diff * f;
    }
}
