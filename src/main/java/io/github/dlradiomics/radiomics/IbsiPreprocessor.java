package io.github.dlradiomics.radiomics;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.radiomics.ibsi.IbsiSettings;
import io.github.dlradiomics.radiomics.ibsi.IbsiSettings.Interpolation;
import io.github.dlradiomics.util.UserInputException;
import java.util.Arrays;
import java.util.Map;

/**
 * IBSI image processing (IBSI-1 reference manual, arXiv:1612.07003, chapter 2), the alternative to PyRadiomics'
 * {@link Preprocessor} used in IBSI mode when the parameter file has {@code ibsi: interpolation} or
 * {@code ibsi: outlierFiltering}:
 * <ol>
 * <li>the label is selected from the mask and the image converted to floating point (and rounded to integers when
 * {@code rounding} is on: CT);</li>
 * <li>interpolation (IBSI 2.4) to the requested spacing on a grid whose centre is aligned with the original grid's
 * centre ("align grid centres"): n<sub>new</sub> = ceil(n &middot; s / s<sub>new</sub>) voxels per axis, the first
 * at (n - 1)/2 - (n<sub>new</sub> - 1) s<sub>new</sub> / (2 s) in original voxel indices. The image is interpolated
 * with nearest neighbour, (tri)linear or cubic B-spline interpolation (spline prefilter; beyond the border the edge
 * values repeat), then rounded to the nearest integer when {@code rounding} is on. The ROI mask is interpolated
 * with linear (or nearest) interpolation of its 0/1 values and a voxel is kept when the value, rounded to 6
 * decimals, is at least the partial-volume threshold (IBSI: 0.5). {@code inPlaneOnly} interpolates within the
 * slices (2D configurations) and keeps the slice spacing;</li>
 * <li>re-segmentation (IBSI 2.5) of the intensity mask: range re-segmentation with the PyRadiomics setting
 * {@code resegmentRange} (absolute, bounds included) and intensity outlier filtering, which keeps the voxels
 * within mean &plusmn; k SD (population SD) of the ROI's intensities; combined, the two masks intersect. The morphological
 * mask is the interpolated ROI (with {@code resegmentShape: true} it becomes the re-segmented mask).</li>
 * </ol>
 * The result is cropped to the morphological mask's bounding box as {@link Preprocessor.Prepared} (the whole
 * processed image stays available as its grid, for local intensity). With a diagnostics map the IBSI diagnostic
 * features of the reference tables ({@code img_dim_x_init_img}, {@code int_mask_vox_count_reseg_roi}, ...) are
 * added to it as numbers.
 *
 * <pre>var p = IbsiPreprocessor.prepare(image, mask, params.settings, params.ibsi.preprocessing(), diag);</pre>
 */
public final class IbsiPreprocessor {
    /** Edge padding of a line before the cubic spline prefilter (as scipy does for its "nearest" mode). */
    private static final int SPLINE_PAD = 12;
    /** Pole of the cubic B-spline prefilter. */
    private static final double Z = Math.sqrt(3) - 2;

    private IbsiPreprocessor() {
    }

    /**
     * Runs IBSI image processing; {@code diag} (null: none) receives the IBSI diagnostic features.
     *
     * @param image the image
     * @param mask  the label mask (the label {@code s.label} is the ROI)
     * @param s     PyRadiomics settings: label, resegmentRange, resegmentShape, correctMask, geometryTolerance
     * @param pp    the IBSI processing settings
     * @param diag  diagnostics map or null
     * @return the processed case, cropped to the morphological mask's bounding box
     */
    public static Preprocessor.Prepared prepare(Volume image, Volume mask, RadiomicsSettings s,
            IbsiSettings.Preprocessing pp, Map<String, Object> diag) {
        Volume labelMask = Preprocessor.selectLabel(mask, s.label);
        labelMask = Preprocessor.checkGeometry(image, labelMask, s);
        // image as floating point, rounded for CT
        double[] src = image.data();
        double[] v = new double[src.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = pp.rounding() ? Math.rint(src[i]) : src[i];
        }
        Volume img = new Volume(image.nx(), image.ny(), image.nz(), v, PixelType.FLOAT64);
        img.copyGeometryFrom(image);
        boolean[] roi = Preprocessor.toBoolean(labelMask);
        Map<String, Object> initRoi = new java.util.LinkedHashMap<>(); // listed after interp_img, as IBSI lists them
        if (diag != null) {
            imageDiagnostics(diag, "init_img", img);
            roiDiagnostics(initRoi, "init_roi", img, roi, roi);
        }
        if (pp.method() != Interpolation.NONE) {
            Volume[] r = interpolate(img, labelMask, pp);
            img = r[0];
            roi = Preprocessor.toBoolean(r[1]);
        }
        if (diag != null) {
            imageDiagnostics(diag, "interp_img", img);
            diag.putAll(initRoi);
            roiDiagnostics(diag, "interp_roi", img, roi, roi);
        }
        int roiCount = count(roi);
        if (roiCount == 0) {
            throw new UserInputException("the ROI is empty after interpolation (partial-volume threshold "
                    + pp.roiThreshold() + ")");
        }
        boolean[] morph = roi;
        boolean[] intensity = resegment(img.data(), roi, s, pp.outlierSigma());
        if (diag != null) {
            roiDiagnostics(diag, "reseg_roi", img, intensity, morph);
        }
        if (s.resegmentShape) {
            morph = intensity;
        }
        int[] bb = boundingBox(morph, img.nx(), img.ny(), img.nz());
        return Preprocessor.Prepared.crop(img, morph, intensity, bb);
    }

    /** Interpolates image and ROI mask onto the IBSI grid; returns {image, mask (0/1)}. */
    static Volume[] interpolate(Volume img, Volume roi, IbsiSettings.Preprocessing pp) {
        double[] sp = img.spacing();
        int[] dims = img.dims();
        int[] nb = new int[3];
        double[] step = new double[3];
        double[] first = new double[3];
        double[] newSpacing = new double[3];
        for (int a = 0; a < 3; a++) {
            newSpacing[a] = a == 2 && pp.inPlaneOnly() ? sp[a] : pp.spacing()[a];
            step[a] = newSpacing[a] / sp[a];
            // ceil of the extent ratio; the small guard keeps 60 * 3 / 2 at 90 despite floating point
            nb[a] = Math.max(1, (int) Math.ceil(dims[a] * sp[a] / newSpacing[a] - 1e-6));
            first[a] = 0.5 * (dims[a] - 1) - 0.5 * (nb[a] - 1) * step[a];
            if (a == 2 && pp.inPlaneOnly()) {
                nb[a] = dims[a];
                step[a] = 1;
                first[a] = 0;
            }
        }
        double[] iv = resample(img.data(), dims, nb, first, step, pp.method());
        if (pp.rounding()) {
            for (int i = 0; i < iv.length; i++) {
                iv[i] = Math.rint(iv[i]);
            }
        }
        double[] mv = resample(roi.data().clone(), dims, nb, first, step, pp.roiMethod());
        double th = pp.roiThreshold();
        for (int i = 0; i < mv.length; i++) {
            mv[i] = Math.round(mv[i] * 1e6) / 1e6 >= th ? 1 : 0;
        }
        double[] origin = img.indexToPhysical(first[0], first[1], first[2]);
        Volume ri = new Volume(nb[0], nb[1], nb[2], iv, PixelType.FLOAT64);
        ri.setSpacing(newSpacing).setDirection(img.direction()).setOrigin(origin);
        Volume rm = new Volume(nb[0], nb[1], nb[2], mv, PixelType.UINT8);
        rm.setSpacing(newSpacing).setDirection(img.direction()).setOrigin(origin);
        return new Volume[] {ri, rm};
    }

    /**
     * Separable resampling: the grid is axis-aligned, so interpolating along x, then y, then z equals the
     * tensor-product (trilinear / tricubic spline) interpolation. Axes whose grid is unchanged are skipped.
     */
    static double[] resample(double[] data, int[] dims, int[] nb, double[] first, double[] step, Interpolation m) {
        double[] cur = data;
        int[] d = dims.clone();
        for (int a = 0; a < 3; a++) {
            if (nb[a] == d[a] && step[a] == 1 && first[a] == 0) {
                continue;
            }
            cur = resampleAxis(cur, d, a, nb[a], first[a], step[a], m);
            d[a] = nb[a];
        }
        return cur;
    }

    /** Resamples every line along {@code axis} at positions first + i * step (input voxel indices). */
    private static double[] resampleAxis(double[] in, int[] d, int axis, int nOut, double first, double step,
            Interpolation m) {
        int n = d[axis];
        int[] od = d.clone();
        od[axis] = nOut;
        double[] out = new double[od[0] * od[1] * od[2]];
        int strideIn = axis == 0 ? 1 : axis == 1 ? d[0] : d[0] * d[1];
        int strideOut = axis == 0 ? 1 : axis == 1 ? od[0] : od[0] * od[1];
        // the two other axes, as (outer, inner) loops
        int[] others = axis == 0 ? new int[] {1, 2} : axis == 1 ? new int[] {0, 2} : new int[] {0, 1};
        int[] strideA = {1, d[0], d[0] * d[1]};
        int[] strideB = {1, od[0], od[0] * od[1]};
        Kernel k = new Kernel(n, nOut, first, step, m);
        double[] line = new double[n];
        double[] work = m == Interpolation.CUBIC ? new double[n + 2 * SPLINE_PAD] : null;
        for (int q = 0; q < d[others[1]]; q++) {
            for (int p = 0; p < d[others[0]]; p++) {
                int baseIn = p * strideA[others[0]] + q * strideA[others[1]];
                int baseOut = p * strideB[others[0]] + q * strideB[others[1]];
                for (int i = 0; i < n; i++) {
                    line[i] = in[baseIn + i * strideIn];
                }
                double[] c = line;
                if (work != null) {
                    splineCoefficients(line, work);
                    c = work;
                }
                for (int i = 0; i < nOut; i++) {
                    out[baseOut + i * strideOut] = k.apply(c, i);
                }
            }
        }
        return out;
    }

    /** Taps and weights of every output position along one axis. */
    private static final class Kernel {
        final int taps;
        final int[] index;
        final double[] weight;

        Kernel(int n, int nOut, double first, double step, Interpolation m) {
            taps = switch (m) {
                case NEAREST -> 1;
                case LINEAR -> 2;
                default -> 4;
            };
            index = new int[nOut * taps];
            weight = new double[nOut * taps];
            for (int i = 0; i < nOut; i++) {
                double x = first + i * step;
                int o = i * taps;
                switch (m) {
                    case NEAREST -> {
                        index[o] = clamp((int) Math.floor(x + 0.5), n);
                        weight[o] = 1;
                    }
                    case LINEAR -> {
                        // beyond the border the edge value repeats
                        double xc = Math.max(0, Math.min(n - 1, x));
                        int i0 = (int) Math.floor(xc);
                        double t = xc - i0;
                        index[o] = i0;
                        index[o + 1] = Math.min(i0 + 1, n - 1);
                        weight[o] = 1 - t;
                        weight[o + 1] = t;
                    }
                    default -> {
                        // cubic B-spline on the edge-padded coefficients
                        double xp = x + SPLINE_PAD;
                        int i0 = (int) Math.floor(xp);
                        double t = xp - i0;
                        double t2 = t * t;
                        double t3 = t2 * t;
                        int len = n + 2 * SPLINE_PAD;
                        index[o] = clamp(i0 - 1, len);
                        index[o + 1] = clamp(i0, len);
                        index[o + 2] = clamp(i0 + 1, len);
                        index[o + 3] = clamp(i0 + 2, len);
                        weight[o] = (1 - t) * (1 - t) * (1 - t) / 6;
                        weight[o + 1] = (3 * t3 - 6 * t2 + 4) / 6;
                        weight[o + 2] = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6;
                        weight[o + 3] = t3 / 6;
                    }
                }
            }
        }

        double apply(double[] c, int i) {
            int o = i * taps;
            double v = 0;
            for (int k = 0; k < taps; k++) {
                v += weight[o + k] * c[index[o + k]];
            }
            return v;
        }
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    /**
     * Cubic B-spline interpolation coefficients of {@code line} padded by {@link #SPLINE_PAD} edge values on both
     * sides, written to {@code c}: the recursive prefilter (a causal and an anti-causal first-order filter with the
     * pole z = sqrt(3) - 2, gain 6) with mirror-symmetric boundaries.
     */
    static void splineCoefficients(double[] line, double[] c) {
        int n = line.length;
        int len = c.length;
        for (int i = 0; i < len; i++) {
            c[i] = 6 * line[clamp(i - SPLINE_PAD, n)];
        }
        if (len == 1) {
            c[0] = line[0];
            return;
        }
        c[0] = causalStart(c);
        for (int i = 1; i < len; i++) {
            c[i] += Z * c[i - 1];
        }
        c[len - 1] = Z / (Z * Z - 1) * (c[len - 1] + Z * c[len - 2]);
        for (int i = len - 2; i >= 0; i--) {
            c[i] = Z * (c[i + 1] - c[i]);
        }
    }

    /** First value of the causal filter for a mirror-symmetric extension of the line. */
    private static double causalStart(double[] c) {
        int len = c.length;
        int horizon = (int) Math.ceil(Math.log(1e-15) / Math.log(Math.abs(Z)));
        if (horizon < len) {
            double sum = c[0];
            double zn = Z;
            for (int i = 1; i < horizon; i++) {
                sum += zn * c[i];
                zn *= Z;
            }
            return sum;
        }
        // exact sum over the mirrored, periodic extension
        double zn = Z;
        double iz = 1 / Z;
        double z2n = Math.pow(Z, len - 1);
        double sum = c[0] + z2n * c[len - 1];
        z2n *= z2n * iz;
        for (int i = 1; i < len - 1; i++) {
            sum += (zn + z2n) * c[i];
            zn *= Z;
            z2n *= iz;
        }
        return sum / (1 - zn * zn);
    }

    /**
     * Range re-segmentation (absolute resegmentRange, bounds included) and mean +- k SD outlier filtering; when both
     * are set the result is their intersection, with mean and SD taken over the ROI before re-segmentation (IBSI 2.5,
     * as the IBSI consensus implementation MIRP does).
     */
    static boolean[] resegment(double[] v, boolean[] roi, RadiomicsSettings s, double sigma) {
        boolean[] out = roi.clone();
        if (s.resegmentRange != null) {
            double[] r = s.resegmentRange.clone();
            Arrays.sort(r);
            double lo = r[0];
            double hi = r.length > 1 ? r[r.length - 1] : Double.POSITIVE_INFINITY;
            for (int i = 0; i < v.length; i++) {
                out[i] = out[i] && v[i] >= lo && v[i] <= hi;
            }
        }
        if (!Double.isNaN(sigma)) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (roi[i]) {
                    sum += v[i];
                    n++;
                }
            }
            if (n > 0) {
                double mean = sum / n;
                double ss = 0;
                for (int i = 0; i < v.length; i++) {
                    if (roi[i]) {
                        ss += (v[i] - mean) * (v[i] - mean);
                    }
                }
                double sd = Math.sqrt(ss / n);
                double lo = mean - sigma * sd;
                double hi = mean + sigma * sd;
                for (int i = 0; i < v.length; i++) {
                    out[i] = out[i] && v[i] >= lo && v[i] <= hi;
                }
            }
        }
        int kept = count(out);
        if (kept <= 1) {
            throw new UserInputException("IBSI re-segmentation (range " + Arrays.toString(s.resegmentRange)
                    + (Double.isNaN(sigma) ? "" : ", outliers beyond " + sigma + " SD") + ") kept " + kept
                    + " voxel(s): too few to compute features");
        }
        return out;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            if (x) {
                n++;
            }
        }
        return n;
    }

    /** Bounding box {x, y, z, sx, sy, sz} of a non-empty mask. */
    static int[] boundingBox(boolean[] m, int nx, int ny, int nz) {
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        int i = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (m[i]) {
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
        if (hi[0] < 0) {
            throw new UserInputException("the ROI is empty");
        }
        return new int[] {lo[0], lo[1], lo[2], hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1};
    }

    // ---- IBSI diagnostic features (tags of the reference tables)

    private static void imageDiagnostics(Map<String, Object> d, String stage, Volume img) {
        String[] ax = {"x", "y", "z"};
        for (int a = 0; a < 3; a++) {
            d.put("img_dim_" + ax[a] + "_" + stage, (double) img.dims()[a]);
        }
        for (int a = 0; a < 3; a++) {
            d.put("vox_dim_" + ax[a] + "_" + stage, img.spacing()[a]);
        }
        double sum = 0;
        for (double x : img.data()) {
            sum += x;
        }
        double[] mm = img.minMax();
        d.put("mean_int_" + stage, sum / img.size());
        d.put("min_int_" + stage, mm[0]);
        d.put("max_int_" + stage, mm[1]);
    }

    private static void roiDiagnostics(Map<String, Object> d, String stage, Volume img, boolean[] intensity,
            boolean[] morph) {
        String[] ax = {"x", "y", "z"};
        for (int a = 0; a < 3; a++) {
            d.put("int_mask_dim_" + ax[a] + "_" + stage, (double) img.dims()[a]);
        }
        int ni = count(intensity);
        int nm = count(morph);
        int[] bi = ni == 0 ? null : boundingBox(intensity, img.nx(), img.ny(), img.nz());
        int[] bm = nm == 0 ? null : boundingBox(morph, img.nx(), img.ny(), img.nz());
        for (int a = 0; a < 3; a++) {
            d.put("int_mask_bb_dim_" + ax[a] + "_" + stage, bi == null ? Double.NaN : bi[3 + a]);
        }
        for (int a = 0; a < 3; a++) {
            d.put("morph_mask_bb_dim_" + ax[a] + "_" + stage, bm == null ? Double.NaN : bm[3 + a]);
        }
        d.put("int_mask_vox_count_" + stage, (double) ni);
        d.put("morph_mask_vox_count_" + stage, (double) nm);
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] v = img.data();
        for (int i = 0; i < v.length; i++) {
            if (intensity[i]) {
                sum += v[i];
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
            }
        }
        d.put("int_mask_mean_int_" + stage, ni == 0 ? Double.NaN : sum / ni);
        d.put("int_mask_min_int_" + stage, ni == 0 ? Double.NaN : min);
        d.put("int_mask_max_int_" + stage, ni == 0 ? Double.NaN : max);
    }
}
