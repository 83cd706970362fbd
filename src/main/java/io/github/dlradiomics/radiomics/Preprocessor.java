package io.github.dlradiomics.radiomics;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * PyRadiomics' preprocessing (featureextractor.loadImage / execute and imageoperations): label
 * selection, image/mask geometry check (geometryTolerance, correctMask), normalisation, resampling
 * with PyRadiomics' output grid and padDistance, pre-cropping, bounding box and ROI-size checks, and
 * re-segmentation (absolute / relative / sigma), giving the morphological mask (shape) and the
 * intensity mask (first order, texture). Diagnostics go into a map with PyRadiomics' names.
 *
 * <pre>Preprocessor.Prepared p = Preprocessor.prepare(image, mask, settings, diagnostics);</pre>
 */
public final class Preprocessor {
    private Preprocessor() {
    }

    /**
     * The preprocessed case, cropped to the bounding box of the morphological mask.
     *
     * @param values        intensities on the cropped grid (x fastest)
     * @param morphMask     the ROI for shape features
     * @param intensityMask the ROI for first-order and texture features (re-segmented)
     * @param nx            cropped size x
     * @param ny            cropped size y
     * @param nz            cropped size z
     * @param spacing       voxel spacing in mm
     * @param grid          the (resampled) image the crop came from, with its geometry
     * @param bbox          bounding box of the morphological mask on {@code grid}: x, y, z, sizeX, sizeY, sizeZ
     */
    public record Prepared(double[] values, boolean[] morphMask, boolean[] intensityMask, int nx, int ny, int nz,
            double[] spacing, Volume grid, int[] bbox) {
        /** Crops an image and its two masks (on the image's grid) to the bounding box {@code bb}. */
        static Prepared crop(Volume img, boolean[] morph, boolean[] intensity, int[] bb) {
            int nx = bb[3];
            int ny = bb[4];
            int nz = bb[5];
            double[] vals = new double[nx * ny * nz];
            boolean[] cm = new boolean[vals.length];
            boolean[] ci = new boolean[vals.length];
            int o = 0;
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    int src = img.index(bb[0], bb[1] + y, bb[2] + z);
                    for (int x = 0; x < nx; x++, o++) {
                        vals[o] = img.data()[src + x];
                        cm[o] = morph[src + x];
                        ci[o] = intensity[src + x];
                    }
                }
            }
            return new Prepared(vals, cm, ci, nx, ny, nz, img.spacing(), img, bb);
        }

        /** Intensities inside the intensity mask, in voxel order. */
        public double[] roiValues() {
            int n = 0;
            for (boolean b : intensityMask) {
                if (b) {
                    n++;
                }
            }
            double[] v = new double[n];
            int k = 0;
            for (int i = 0; i < values.length; i++) {
                if (intensityMask[i]) {
                    v[k++] = values[i];
                }
            }
            return v;
        }
    }

    /** Runs the preprocessing; {@code diag} receives PyRadiomics' diagnostics (null: none are computed). */
    public static Prepared prepare(Volume image, Volume mask, RadiomicsSettings s, Map<String, Object> diag) {
        Map<String, Object> d = diag; // null: no diagnostics (they cost whole-image passes)
        Volume labelMask = selectLabel(mask, s.label);
        if (d != null) {
            addImageDiagnostics(d, "Image-original", image, true);
            addMaskDiagnostics(d, "Mask-original", labelMask, mask, true);
        }
        Volume img = image;
        if (s.normalize) {
            img = normalize(img, s.normalizeScale, s.removeOutliers);
        }
        Volume msk = labelMask;
        if (s.resampledPixelSpacing != null && s.interpolator != null) {
            msk = checkGeometry(img, msk, s);
            Volume[] r = resample(img, msk, s);
            img = r[0];
            msk = r[1];
            if (d != null) {
                addImageDiagnostics(d, "Image-interpolated", img, false);
                addMaskDiagnostics(d, "Mask-interpolated", msk, null, false);
                addRoiIntensity(d, "Mask-interpolated", img, msk);
            }
        } else if (s.preCrop) {
            msk = checkGeometry(img, msk, s);
            int[] bb = boundingBox(msk, s);
            Volume[] c = crop(img, msk, bb, (int) s.padDistance);
            img = c[0];
            msk = c[1];
        }
        msk = checkGeometry(img, msk, s);
        int[] bb = boundingBox(msk, s);
        boolean[] morph = toBoolean(msk);
        boolean[] intensity = morph;
        if (s.resegmentRange != null) {
            intensity = resegment(img, morph, s);
            if (s.resegmentShape) {
                morph = intensity;
                Volume rm = msk.blankLike(PixelType.UINT8);
                for (int i = 0; i < morph.length; i++) {
                    rm.data()[i] = morph[i] ? 1 : 0;
                }
                bb = boundingBox(rm, s);
            }
        }
        return Prepared.crop(img, morph, intensity, bb);
    }

    /** PyRadiomics getMask: cast to uint32 and keep voxels equal to the label. */
    static Volume selectLabel(Volume mask, int label) {
        Volume m = mask.blankLike(PixelType.UINT8);
        double[] src = mask.data();
        double[] dst = m.data();
        int n = 0;
        for (int i = 0; i < src.length; i++) {
            long v = (long) src[i]; // SimpleITK's cast to uint32 truncates
            if (v == label) {
                dst[i] = 1;
                n++;
            }
        }
        if (n == 0) {
            TreeSet<Long> present = new TreeSet<>();
            for (double v : src) {
                if ((long) v != 0 && present.size() < 20) {
                    present.add((long) v);
                }
            }
            if (present.isEmpty()) {
                throw new UserInputException("mask is empty: no labels found (nothing is segmented)");
            }
            throw new UserInputException("label " + label + " is not present in the mask; labels present: " + present);
        }
        return m;
    }

    /** Checks that image and mask share a grid; with correctMask, resamples the mask onto the image. */
    static Volume checkGeometry(Volume img, Volume msk, RadiomicsSettings s) {
        double tol = s.geometryTolerance != null ? s.geometryTolerance : 1e-6;
        boolean same = img.nx() == msk.nx() && img.ny() == msk.ny() && img.nz() == msk.nz();
        double coordTol = s.geometryTolerance != null ? tol : tol * img.spacing()[0];
        if (same) {
            double[] a = img.spacing();
            double[] b = msk.spacing();
            double[] oa = img.origin();
            double[] ob = msk.origin();
            double[] da = img.direction();
            double[] db = msk.direction();
            for (int i = 0; i < 3; i++) {
                same &= Math.abs(a[i] - b[i]) <= coordTol && Math.abs(oa[i] - ob[i]) <= coordTol;
            }
            for (int i = 0; i < 9; i++) {
                same &= Math.abs(da[i] - db[i]) <= tol;
            }
        }
        if (same) {
            return msk;
        }
        if (!s.correctMask) {
            throw new UserInputException("image and mask geometry differ: image " + img.describeGeometry() + "; mask "
                    + msk.describeGeometry() + " (enable correctMask to resample the mask onto the image, or raise"
                    + " geometryTolerance)");
        }
        // correctMask: the mask's ROI must lie inside the image, then nearest-neighbour onto the image grid
        Volume r = Resampler.resample(msk, img.spacing(), img.dims(), img.origin(), img.direction(),
                Resampler.Interpolator.NEAREST, PixelType.UINT8);
        long before = count(msk);
        long after = count(r);
        if (after == 0) {
            throw new UserInputException("the mask's ROI lies outside the image (correctMask found no overlap)");
        }
        if (before > 0 && after == 0) {
            throw new UserInputException("the mask's ROI is lost when resampled onto the image grid");
        }
        return r;
    }

    private static long count(Volume m) {
        long n = 0;
        for (double v : m.data()) {
            if (v != 0) {
                n++;
            }
        }
        return n;
    }

    /** Bounding box (x, y, z, sx, sy, sz) with PyRadiomics' dimension and size checks. */
    static int[] boundingBox(Volume msk, RadiomicsSettings s) {
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        long n = 0;
        for (int z = 0; z < msk.nz(); z++) {
            for (int y = 0; y < msk.ny(); y++) {
                for (int x = 0; x < msk.nx(); x++) {
                    if (msk.get(x, y, z) != 0) {
                        n++;
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
        if (n == 0) {
            throw new UserInputException("the ROI is empty");
        }
        int[] bb = {lo[0], lo[1], lo[2], hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1};
        int ndims = (bb[3] > 1 ? 1 : 0) + (bb[4] > 1 ? 1 : 0) + (bb[5] > 1 ? 1 : 0);
        if (ndims == 0) {
            throw new UserInputException("the ROI is a single voxel: no features can be computed for one voxel");
        }
        if (ndims < s.minimumROIDimensions) {
            throw new UserInputException("the ROI spans " + ndims + " dimension(s), fewer than minimumROIDimensions = "
                    + s.minimumROIDimensions + " (a single-slice ROI needs force2D or minimumROIDimensions: 2)");
        }
        if (s.minimumROISize != null && n <= s.minimumROISize) {
            throw new UserInputException("the ROI has " + n + " voxels, not more than minimumROISize = "
                    + s.minimumROISize);
        }
        return bb;
    }

    static boolean[] toBoolean(Volume m) {
        boolean[] b = new boolean[m.size()];
        double[] d = m.data();
        for (int i = 0; i < b.length; i++) {
            b[i] = d[i] != 0;
        }
        return b;
    }

    /** sitk.Normalize (mean, unbiased SD over the whole image), outlier clipping, then scale. */
    static Volume normalize(Volume img, double scale, Double outliers) {
        double[] d = img.data();
        double sum = 0;
        double sumSq = 0;
        for (double v : d) {
            sum += v;
            sumSq += v * v;
        }
        int n = d.length;
        double mean = sum / n;
        double var = (sumSq - sum * sum / n) / (n - 1);
        double sd = Math.sqrt(var);
        Volume out = img.blankLike(PixelType.FLOAT64);
        double[] o = out.data();
        for (int i = 0; i < n; i++) {
            double v = sd > 0 ? (d[i] - mean) / sd : 0;
            if (outliers != null) {
                v = Math.max(-outliers, Math.min(outliers, v));
            }
            o[i] = v * scale;
        }
        return out;
    }

    /** PyRadiomics resampleImage: a grid around the mask's bounding box with padDistance, image and mask resampled. */
    static Volume[] resample(Volume img, Volume msk, RadiomicsSettings s) {
        double[] maskSpacing = msk.spacing();
        double[] req = s.resampledPixelSpacing.clone();
        for (int i = 0; i < 3; i++) {
            if (req[i] == 0) {
                req[i] = maskSpacing[i];
            }
        }
        int[] bb = boundingBox(msk, s);
        for (int i = 0; i < 3; i++) {
            if (bb[3 + i] == 1) { // do not resample along an axis the ROI spans with one slice
                req[i] = maskSpacing[i];
            }
        }
        boolean same = true;
        for (int i = 0; i < 3; i++) {
            same &= Math.abs(maskSpacing[i] - req[i]) <= 1e-8 + 1e-5 * Math.abs(req[i]); // numpy.allclose
        }
        if (same) {
            return new Volume[] {img, msk};
        }
        int[] size = msk.dims();
        double pad = s.padDistance;
        int[] newSize = new int[3];
        double[] originIndex = new double[3];
        for (int i = 0; i < 3; i++) {
            double ratio = maskSpacing[i] / req[i];
            double lo = Math.floor((bb[i] - 0.5) * ratio - pad);
            double hi = Math.ceil((bb[i] + bb[3 + i] - 0.5) * ratio + pad);
            double maxU = Math.ceil(size[i] * ratio) - 1;
            lo = Math.max(lo, 0);
            hi = Math.min(hi, maxU);
            newSize[i] = (int) (hi - lo + 1);
            double bbOriginalLo = lo / ratio;
            originIndex[i] = 0.5 * (req[i] - maskSpacing[i]) / maskSpacing[i] + bbOriginalLo;
        }
        double[] origin = msk.indexToPhysical(originIndex[0], originIndex[1], originIndex[2]);
        Resampler.Interpolator interp = Resampler.Interpolator.of(s.interpolator);
        Volume ri = Resampler.resample(img, req, newSize, origin, msk.direction(), interp, img.pixelType());
        Volume rm = Resampler.resample(msk, req, newSize, origin, msk.direction(), Resampler.Interpolator.NEAREST,
                PixelType.UINT8);
        return new Volume[] {ri, rm};
    }

    /** PyRadiomics cropToTumorMask with padDistance. */
    static Volume[] crop(Volume img, Volume msk, int[] bb, int pad) {
        int[] lo = new int[3];
        int[] sz = new int[3];
        int[] dims = msk.dims();
        for (int i = 0; i < 3; i++) {
            lo[i] = Math.max(bb[i] - pad, 0);
            int hi = Math.min(bb[i] + bb[3 + i] - 1 + pad, dims[i] - 1);
            sz[i] = hi - lo[i] + 1;
        }
        return new Volume[] {sub(img, lo, sz), sub(msk, lo, sz)};
    }

    private static Volume sub(Volume v, int[] lo, int[] sz) {
        Volume o = new Volume(sz[0], sz[1], sz[2], v.pixelType());
        o.setSpacing(v.spacing()).setDirection(v.direction()).setOrigin(v.indexToPhysical(lo[0], lo[1], lo[2]));
        for (int z = 0; z < sz[2]; z++) {
            for (int y = 0; y < sz[1]; y++) {
                System.arraycopy(v.data(), v.index(lo[0], lo[1] + y, lo[2] + z), o.data(), o.index(0, y, z), sz[0]);
            }
        }
        return o;
    }

    /** PyRadiomics resegmentMask: thresholds in absolute, relative (x max) or sigma (mean + k SD) mode. */
    static boolean[] resegment(Volume img, boolean[] mask, RadiomicsSettings s) {
        double[] d = img.data();
        double[] r = s.resegmentRange.clone();
        java.util.Arrays.sort(r);
        double[] th = r.clone();
        if (s.resegmentMode.equals("relative")) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < d.length; i++) {
                if (mask[i]) {
                    max = Math.max(max, d[i]);
                }
            }
            for (int i = 0; i < th.length; i++) {
                th[i] = max * r[i];
            }
        } else if (s.resegmentMode.equals("sigma")) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < d.length; i++) {
                if (mask[i]) {
                    sum += d[i];
                    n++;
                }
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < d.length; i++) {
                if (mask[i]) {
                    ss += (d[i] - mean) * (d[i] - mean);
                }
            }
            double sd = Math.sqrt(ss / n);
            for (int i = 0; i < th.length; i++) {
                th[i] = mean + sd * r[i];
            }
        }
        boolean[] out = new boolean[mask.length];
        int kept = 0;
        for (int i = 0; i < d.length; i++) {
            if (mask[i] && d[i] >= th[0] && (th.length < 2 || d[i] <= th[1])) {
                out[i] = true;
                kept++;
            }
        }
        if (kept <= 1) {
            throw new UserInputException("re-segmentation (" + s.resegmentMode + " " + java.util.Arrays.toString(
                    s.resegmentRange) + ") kept " + kept + " voxel(s): too few to compute features");
        }
        return out;
    }

    // ---- diagnostics with PyRadiomics' names

    static void addImageDiagnostics(Map<String, Object> d, String prefix, Volume img, boolean original) {
        if (original) {
            d.put("diagnostics_" + prefix + "_Hash", img.sha1());
            d.put("diagnostics_" + prefix + "_Dimensionality", img.nz() > 1 ? "3D" : "2D");
        }
        d.put("diagnostics_" + prefix + "_Spacing", tuple(img.spacing()));
        d.put("diagnostics_" + prefix + "_Size", "(" + img.nx() + ", " + img.ny() + ", " + img.nz() + ")");
        double sum = 0;
        for (double v : img.data()) {
            sum += v;
        }
        double[] mm = img.minMax();
        d.put("diagnostics_" + prefix + "_Mean", sum / img.size());
        d.put("diagnostics_" + prefix + "_Minimum", mm[0]);
        d.put("diagnostics_" + prefix + "_Maximum", mm[1]);
    }

    static void addMaskDiagnostics(Map<String, Object> d, String prefix, Volume labelMask, Volume rawMask,
            boolean original) {
        if (original && rawMask != null) {
            d.put("diagnostics_" + prefix + "_Hash", rawMask.sha1(PixelType.UINT32));
        }
        d.put("diagnostics_" + prefix + "_Spacing", tuple(labelMask.spacing()));
        d.put("diagnostics_" + prefix + "_Size", "(" + labelMask.nx() + ", " + labelMask.ny() + ", " + labelMask.nz()
                + ")");
        RadiomicsSettings loose = new RadiomicsSettings();
        loose.minimumROIDimensions = 1;
        int[] bb;
        try {
            bb = boundingBox(labelMask, loose);
        } catch (UserInputException e) {
            bb = null;
        }
        if (bb != null) {
            d.put("diagnostics_" + prefix + "_BoundingBox", "(" + bb[0] + ", " + bb[1] + ", " + bb[2] + ", " + bb[3]
                    + ", " + bb[4] + ", " + bb[5] + ")");
        }
        long n = 0;
        double[] c = new double[3];
        for (int z = 0; z < labelMask.nz(); z++) {
            for (int y = 0; y < labelMask.ny(); y++) {
                for (int x = 0; x < labelMask.nx(); x++) {
                    if (labelMask.get(x, y, z) != 0) {
                        n++;
                        c[0] += x;
                        c[1] += y;
                        c[2] += z;
                    }
                }
            }
        }
        d.put("diagnostics_" + prefix + "_VoxelNum", n);
        d.put("diagnostics_" + prefix + "_VolumeNum", ConnectedComponents.count(toBoolean(labelMask), labelMask.nx(),
                labelMask.ny(), labelMask.nz()));
        if (n > 0) {
            for (int i = 0; i < 3; i++) {
                c[i] /= n;
            }
            d.put("diagnostics_" + prefix + "_CenterOfMassIndex", tuple(c));
            d.put("diagnostics_" + prefix + "_CenterOfMass", tuple(labelMask.indexToPhysical(c[0], c[1], c[2])));
        }
    }

    /** Mean, minimum and maximum of the image inside the mask, as PyRadiomics reports them for a mask. */
    static void addRoiIntensity(Map<String, Object> d, String prefix, Volume img, Volume msk) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long n = 0;
        double[] v = img.data();
        double[] m = msk.data();
        for (int i = 0; i < v.length; i++) {
            if (m[i] != 0) {
                sum += v[i];
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
                n++;
            }
        }
        if (n > 0) {
            d.put("diagnostics_" + prefix + "_Mean", sum / n);
            d.put("diagnostics_" + prefix + "_Minimum", min);
            d.put("diagnostics_" + prefix + "_Maximum", max);
        }
    }

    static String tuple(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(v[i]);
        }
        return sb.append(')').toString();
    }
}
