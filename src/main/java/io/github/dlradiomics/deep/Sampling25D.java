package io.github.dlradiomics.deep;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.roi.LargestSlice;
import io.github.dlradiomics.roi.SliceAxis;
import io.github.dlradiomics.util.UserInputException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * Turns an ROI of a 3D image into 2D or "2.5D" network inputs ({@link Sample}s): the largest
 * cross-section of the label along a slice axis (the slice the "Largest ROI Slice" command reports,
 * {@link LargestSlice#find(Volume, SliceAxis, int)}) and K neighbours on each side, cropped around the ROI
 * with a margin, resampled to the network's input size and mapped to unit scale by an
 * {@link IntensityRule}. Whole 2D images and colour pictures (PNG, JPEG, BMP) without a mask are sampled
 * by {@link #whole2D}, {@link #rgb} and {@link #readPicture}.
 *
 * <p><b>Orientation.</b> A sample is the {@link SliceAxis} slice image, cropped and scaled, never flipped
 * or rotated: sample column {@code x} runs along the slice's {@link SliceAxis#columnAxis()} (slice
 * coordinate u) and sample row {@code y} along {@link SliceAxis#rowAxis()} (slice coordinate v), both in
 * increasing voxel index. A sagittal sample (slices along X) therefore has columns along voxel y and rows
 * along voxel z, exactly the (u, v) layout of the resliced stack the Fiji layer shows for X (see
 * {@link SliceAxis}); an axial sample is the ImageJ slice itself (x right, y down). Row 0 is the lowest
 * index along the row axis, whatever anatomical direction that is in the file.
 *
 * <p><b>Crop box.</b> Edges are in continuous slice-pixel coordinates (pixel p covers [p - 0.5, p + 0.5]).
 * The box starts as the bounding box of the label over all the slices used (largest slice and
 * neighbours), is widened on each side by {@code ceil(marginMm / pixelSpacing)} pixels per in-plane axis
 * (ceil, so at least {@code marginMm} of context is kept; a 1e-9 slack keeps exact multiples exact), and
 * with {@code square} the side that is short relative to the output's aspect is widened symmetrically in
 * mm until the crop has the output's aspect in mm (a square crop for a square output), so physical
 * proportions survive non-square pixels. Where the box reaches past the image ({@code "padded": true}) the
 * outside is filled with the minimum of the image pixels the box covers (before the intensity rule).
 *
 * <p><b>Resampling.</b> Output pixel (x, y) samples the continuous position
 * {@code u = u0 + (x + 0.5) * (u1 - u0) / width} (likewise v): pixel centres aligned over the crop's physical
 * extent. Intensities are interpolated bilinearly (positions inside the image but within half a pixel of its
 * border use the edge pixel, as ITK's linear interpolator does); positions outside [-0.5, n - 0.5) get the
 * pad value. The mask is resampled by nearest neighbour (half up) for {@link MaskMode#ZERO} and for the
 * minmax/zscore statistics of a masked sample. The intensity rule is then applied per sample (over all its
 * channels together in CHANNELS mode); with ZERO, non-ROI pixels are set to 0 after it. A neighbour slice
 * without any ROI pixel in PER_SLICE mode takes the statistics of the largest slice's sample.
 *
 * <pre>List&lt;Sample&gt; s = Sampling25D.sample("case01", ct, labels, 28, Sampling25D.Settings.defaults().withNeighbours(1));</pre>
 */
public final class Sampling25D {
    /** Tolerance (mm, and for direction cosines) for the image and the mask to be on the same grid. */
    public static final double GEOMETRY_TOLERANCE = 1e-4;

    private static final String INTERPOLATION = "bilinear, pixel centres aligned over the crop; mask nearest neighbour";

    private Sampling25D() {
    }

    /** How the 2K+1 slices become samples. */
    public enum Mode {
        /** Slices s-1, s, s+1 are the 3 channels of one sample (K = 1, 3-channel model). */
        CHANNELS,
        /** Each of the 2K+1 slices is its own sample, grey replicated to the model's channels. */
        PER_SLICE;

        /** Parses "channels" or "per-slice" ("per_slice", "perslice"), any case. */
        public static Mode parse(String s) {
            String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            return switch (t) {
                case "channels" -> CHANNELS;
                case "perslice" -> PER_SLICE;
                default -> throw new UserInputException("mode '" + s + "' is not one of channels, per-slice");
            };
        }
    }

    /** What happens to pixels outside the ROI. */
    public enum MaskMode {
        /** Kept as they are. */
        NONE,
        /** Set to unit value 0 after the intensity rule; statistics come from ROI pixels only. */
        ZERO;

        /** Parses "none" or "zero", any case. */
        public static MaskMode parse(String s) {
            String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "none" -> NONE;
                case "zero" -> ZERO;
                default -> throw new UserInputException("mask mode '" + s + "' is not one of none, zero");
            };
        }
    }

    /**
     * Sampling settings, checked on construction (one-line {@link UserInputException} naming the parameter).
     *
     * @param axis "sagittal", "coronal", "axial" (picked from the direction cosines) or "x", "y", "z"
     * @param neighbours K >= 0 slices on each side of the largest slice
     * @param mode CHANNELS (K = 1, 3 channels) or PER_SLICE
     * @param marginMm context around the ROI's bounding box, mm (>= 0)
     * @param square widen the crop to the output's aspect in mm (square for a square output)
     * @param maskMode NONE or ZERO
     * @param intensity "minmax", "zscore", "window:LO,HI" or "auto" (see {@link IntensityRule})
     * @param width output columns
     * @param height output rows
     * @param channels the model's input channels
     */
    public record Settings(String axis, int neighbours, Mode mode, double marginMm, boolean square, MaskMode maskMode,
            String intensity, int width, int height, int channels) {
        private static final int MAX_SIZE = 16384;

        /** Validates and normalises the axis name to lower case. */
        public Settings {
            String a = axis == null ? "" : axis.trim().toLowerCase(Locale.ROOT);
            if (!List.of("sagittal", "coronal", "axial", "x", "y", "z").contains(a)) {
                throw new UserInputException("axis '" + axis + "' is not one of sagittal, coronal, axial, x, y, z");
            }
            axis = a;
            if (neighbours < 0) {
                throw new UserInputException("neighbours must be >= 0, got " + neighbours);
            }
            if (mode == null) {
                throw new UserInputException("mode is missing (channels or per-slice)");
            }
            if (maskMode == null) {
                throw new UserInputException("mask mode is missing (none or zero)");
            }
            if (!(marginMm >= 0) || !Double.isFinite(marginMm)) {
                throw new UserInputException("margin must be a finite number of mm >= 0, got " + marginMm);
            }
            IntensityRule.parse(intensity);
            if (width < 1 || width > MAX_SIZE || height < 1 || height > MAX_SIZE) {
                throw new UserInputException("output size must be 1.." + MAX_SIZE + " pixels, got " + width + "x" + height);
            }
            if (channels < 1 || channels > 64) {
                throw new UserInputException("channels must be 1..64, got " + channels);
            }
        }

        /** The same settings with a {@link SliceAxis} given directly ("x", "y" or "z"). */
        public Settings(SliceAxis axis, int neighbours, Mode mode, double marginMm, boolean square, MaskMode maskMode,
                String intensity, int width, int height, int channels) {
            this(axis.name(), neighbours, mode, marginMm, square, maskMode, intensity, width, height, channels);
        }

        /** Sagittal, no neighbours, per slice, no margin, square, no masking, auto intensity, 224x224x3. */
        public static Settings defaults() {
            return new Settings("sagittal", 0, Mode.PER_SLICE, 0, true, MaskMode.NONE, "auto", 224, 224, 3);
        }

        /** The slice axis for {@code v}: anatomical names are resolved from its direction cosines. */
        public SliceAxis sliceAxis(Volume v) {
            return switch (axis) {
                case "sagittal" -> SliceAxis.sagittal(v);
                case "coronal" -> SliceAxis.coronal(v);
                case "axial" -> SliceAxis.axial(v);
                default -> SliceAxis.parse(axis);
            };
        }

        /** The parsed intensity rule (before "auto" is resolved). */
        public IntensityRule intensityRule() {
            return IntensityRule.parse(intensity);
        }

        public Settings withAxis(String a) {
            return new Settings(a, neighbours, mode, marginMm, square, maskMode, intensity, width, height, channels);
        }

        public Settings withNeighbours(int k) {
            return new Settings(axis, k, mode, marginMm, square, maskMode, intensity, width, height, channels);
        }

        public Settings withMode(Mode m) {
            return new Settings(axis, neighbours, m, marginMm, square, maskMode, intensity, width, height, channels);
        }

        public Settings withMarginMm(double mm) {
            return new Settings(axis, neighbours, mode, mm, square, maskMode, intensity, width, height, channels);
        }

        public Settings withSquare(boolean sq) {
            return new Settings(axis, neighbours, mode, marginMm, sq, maskMode, intensity, width, height, channels);
        }

        public Settings withMaskMode(MaskMode m) {
            return new Settings(axis, neighbours, mode, marginMm, square, m, intensity, width, height, channels);
        }

        public Settings withIntensity(String rule) {
            return new Settings(axis, neighbours, mode, marginMm, square, maskMode, rule, width, height, channels);
        }

        /** Output size {@code w x h} pixels. */
        public Settings withSize(int w, int h) {
            return new Settings(axis, neighbours, mode, marginMm, square, maskMode, intensity, w, h, channels);
        }

        public Settings withChannels(int c) {
            return new Settings(axis, neighbours, mode, marginMm, square, maskMode, intensity, width, height, c);
        }
    }

    /** A crop in continuous slice-pixel coordinates: u0..u1 along columns, v0..v1 along rows (edges). */
    record Box(double u0, double u1, double v0, double v1) {
        double widthPx() {
            return u1 - u0;
        }

        double heightPx() {
            return v1 - v0;
        }

        boolean exceeds(int w, int h) {
            double eps = 1e-9;
            return u0 < -0.5 - eps || v0 < -0.5 - eps || u1 > w - 0.5 + eps || v1 > h - 0.5 + eps;
        }

        /** Widens the side that is short relative to {@code outW : outH} (in mm) symmetrically. */
        Box squared(double du, double dv, int outW, int outH) {
            double wMm = widthPx() * du;
            double hMm = heightPx() * dv;
            double target = (double) outW / outH;
            if (wMm < target * hMm) {
                double extra = (target * hMm - wMm) / du / 2;
                return new Box(u0 - extra, u1 + extra, v0, v1);
            }
            if (wMm > target * hMm) {
                double extra = (wMm / target - hMm) / dv / 2;
                return new Box(u0, u1, v0 - extra, v1 + extra);
            }
            return this;
        }
    }

    /**
     * The largest-ROI slice of {@code label} along {@code s.axis()} and its neighbours, as samples: one
     * sample of 3 channels (CHANNELS) or 2K+1 samples in slice order s-K..s+K (PER_SLICE). Neighbours past
     * the volume's edge repeat the edge slice ({@code "clamped": true} in the provenance).
     *
     * @throws UserInputException naming the case and label: label absent or 0, image and mask on different
     *     grids, neighbours on a 2D image, CHANNELS without K = 1 and 3 channels, ROI lost by resampling
     */
    public static List<Sample> sample(String caseId, Volume image, Volume labels, int label, Settings s) {
        String what = "case '" + caseId + "', label " + label;
        if (!image.sameGeometry(labels, GEOMETRY_TOLERANCE)) {
            throw new UserInputException(what + ": image and mask grids differ (image " + image.describeGeometry()
                    + "; mask " + labels.describeGeometry() + ")");
        }
        if (label == 0) {
            throw new UserInputException(what + ": label 0 is the background, not an ROI");
        }
        SliceAxis axis = s.sliceAxis(image);
        int k = s.neighbours();
        if (k > 0 && (image.nz() == 1 || axis.count(image) == 1)) {
            throw new UserInputException(what + ": neighbours requested on a 2D image (neighbours = " + k
                    + ", one slice along " + axis.name() + "); use neighbours = 0");
        }
        checkChannelsMode(s, what);
        LargestSlice.Result largest;
        try {
            largest = LargestSlice.find(labels, axis, label);
        } catch (UserInputException e) {
            throw new UserInputException(what + ": " + e.getMessage(), e);
        }
        int centre = largest.slice();
        int n = axis.count(image);
        int[] used = new int[2 * k + 1];
        boolean clamped = false;
        for (int i = 0; i < used.length; i++) {
            int want = centre - k + i;
            used[i] = Math.max(0, Math.min(n - 1, want));
            clamped |= used[i] != want;
        }
        int w = axis.width(image);
        int h = axis.height(image);
        Map<Integer, double[]> planes = new LinkedHashMap<>();
        Map<Integer, boolean[]> masks = new LinkedHashMap<>();
        int[] bbox = {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int slice : new TreeSet<>(Arrays.stream(used).boxed().toList())) {
            int[] off = axis.offsets(image, slice);
            double[] plane = new double[off.length];
            boolean[] mask = new boolean[off.length];
            for (int p = 0; p < off.length; p++) {
                plane[p] = image.data()[off[p]];
                mask[p] = labels.data()[off[p]] == label;
                if (mask[p]) {
                    int u = p % w;
                    int v = p / w;
                    bbox[0] = Math.min(bbox[0], u);
                    bbox[1] = Math.max(bbox[1], u);
                    bbox[2] = Math.min(bbox[2], v);
                    bbox[3] = Math.max(bbox[3], v);
                }
            }
            planes.put(slice, plane);
            masks.put(slice, mask);
        }
        double[] px = axis.pixelSpacing(image);
        int mu = marginPixels(s.marginMm(), px[0]);
        int mv = marginPixels(s.marginMm(), px[1]);
        Box box = new Box(bbox[0] - 0.5 - mu, bbox[1] + 0.5 + mu, bbox[2] - 0.5 - mv, bbox[3] + 0.5 + mv);
        if (s.square()) {
            box = box.squared(px[0], px[1], s.width(), s.height());
        }
        double pad = padValue(planes.values(), w, h, box);
        IntensityRule rule = s.intensityRule().resolve(image.pixelType());

        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("case", caseId);
        prov.put("label", label);
        prov.put("axis", s.axis());
        prov.put("slice_axis", axis.name());
        prov.put("largest_slice", centre);
        prov.put("largest_slice_pixels", largest.pixels());
        prov.put("largest_slice_area_mm2", largest.areaMm2());
        prov.put("neighbours", k);
        prov.put("slices_used", used.clone());
        prov.put("clamped", clamped);
        prov.put("mode", s.mode().name());
        prov.put("pixel_spacing_mm", px);
        prov.put("roi_bbox_px", uv(new int[] {bbox[0], bbox[1]}, new int[] {bbox[2], bbox[3]}));
        putCrop(prov, s, new int[] {mu, mv}, box, px, w, h, pad);
        double[] idx = new double[3];
        idx[axis.axis()] = centre;
        idx[axis.columnAxis()] = (box.u0() + box.u1()) / 2;
        idx[axis.rowAxis()] = (box.v0() + box.v1()) / 2;
        prov.put("crop_centre_lps", image.indexToPhysical(idx[0], idx[1], idx[2]));
        prov.put("mask_mode", s.maskMode().name());
        prov.put("intensity", s.intensityRule().toString());
        prov.put("pixel_type", image.pixelType().name());

        boolean masked = s.maskMode() == MaskMode.ZERO;
        int ow = s.width();
        int oh = s.height();
        int plane = ow * oh;
        List<Sample> out = new ArrayList<>();
        if (s.mode() == Mode.CHANNELS) {
            double[] values = new double[3 * plane];
            boolean[] roi = masked ? new boolean[3 * plane] : null;
            for (int c = 0; c < 3; c++) {
                System.arraycopy(bilinear(planes.get(used[c]), w, h, box, pad, ow, oh), 0, values, c * plane, plane);
                if (masked) {
                    System.arraycopy(nearest(masks.get(used[c]), w, h, box, ow, oh), 0, roi, c * plane, plane);
                }
            }
            checkRoiSurvives(roi, what, s);
            IntensityRule.Mapping m = rule.fit(values, roi, what);
            prov.putAll(m.used());
            out.add(new Sample(caseId, label, s.axis(), used.clone(), 3, oh, ow, map(values, roi, m), prov));
            return out;
        }
        double[][] values = new double[used.length][];
        boolean[][] roi = new boolean[used.length][];
        for (int i = 0; i < used.length; i++) {
            values[i] = bilinear(planes.get(used[i]), w, h, box, pad, ow, oh);
            roi[i] = masked ? nearest(masks.get(used[i]), w, h, box, ow, oh) : null;
        }
        checkRoiSurvives(roi[k], what, s);
        IntensityRule.Mapping centreMapping = rule.fit(values[k], roi[k], what);
        for (int i = 0; i < used.length; i++) {
            boolean empty = masked && !any(roi[i]);
            IntensityRule.Mapping m = i == k || empty ? centreMapping : rule.fit(values[i], roi[i], what);
            Map<String, Object> p = new LinkedHashMap<>(prov);
            p.put("slice", used[i]);
            p.put("offset", i - k);
            if (empty) {
                p.put("statistics_from", "largest slice (no ROI pixel on this slice)");
            }
            p.putAll(m.used());
            out.add(new Sample(caseId, label, s.axis(), new int[] {used[i]}, s.channels(), oh, ow,
                    replicate(map(values[i], roi[i], m), s.channels()), p));
        }
        return out;
    }

    /**
     * A whole 2D image ({@code nz == 1}) without a mask, resized to the output size (bilinear; with
     * {@code square} the short side is padded with the image minimum to the output's aspect in mm), grey
     * replicated to the model's channels. The margin is not used.
     */
    public static Sample whole2D(String caseId, Volume grey, Settings s) {
        String what = "case '" + caseId + "'";
        if (grey.nz() != 1) {
            throw new UserInputException(what + ": whole-image sampling needs a 2D image, this one has " + grey.nz()
                    + " slices (give a label mask to sample an ROI)");
        }
        double[] sp = grey.spacing();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("pixel_type", grey.pixelType().name());
        return picture(caseId, new double[][] {grey.data()}, grey.nx(), grey.ny(), sp[0], sp[1],
                s.intensityRule().resolve(grey.pixelType()), s, s.channels(), extra);
    }

    /**
     * A colour picture as packed ARGB ints (alpha ignored, row-major {@code argb[y * w + x]}): channels R, G, B
     * (or BT.601 luma when the model takes 1 channel), values 0..255 before the intensity rule ("auto" is
     * {@code window:0,255}, i.e. value / 255), resized like {@link #whole2D}.
     */
    public static Sample rgb(String caseId, int[] argb, int w, int h, Settings s) {
        return rgb(caseId, argb, w, h, s, new LinkedHashMap<>());
    }

    private static Sample rgb(String caseId, int[] argb, int w, int h, Settings s, Map<String, Object> extra) {
        if (w < 1 || h < 1 || argb.length != (long) w * h) {
            throw new IllegalArgumentException("ARGB array of " + argb.length + " pixels for a " + w + "x" + h + " picture");
        }
        int outChannels = s.channels();
        if (outChannels != 1 && outChannels != 3) {
            throw new UserInputException("case '" + caseId + "': a colour picture gives 3 channels (or 1 as grey), the "
                    + "model wants " + outChannels);
        }
        double[][] planes = new double[outChannels][w * h];
        for (int i = 0; i < argb.length; i++) {
            int r = (argb[i] >> 16) & 0xFF;
            int g = (argb[i] >> 8) & 0xFF;
            int b = argb[i] & 0xFF;
            if (outChannels == 3) {
                planes[0][i] = r;
                planes[1][i] = g;
                planes[2][i] = b;
            } else {
                planes[0][i] = 0.299 * r + 0.587 * g + 0.114 * b;
            }
        }
        extra.put("pixel_type", outChannels == 3 ? "RGB, 8 bits per channel" : "RGB as BT.601 luma, 8 bits");
        if (outChannels == 3) {
            extra.put("colour", true); // channels are R, G, B: DeepModel reorders them for BGR models
        }
        return picture(caseId, planes, w, h, 1, 1, s.intensityRule().resolve(PixelType.UINT8), s, outChannels, extra);
    }

    /**
     * A decoded picture: grey pictures (one colour component, 8 or 16 bits) go through {@link #whole2D} with
     * their bit depth (so "auto" is window 0..255 for 8 bits, minmax for 16), colour and palette pictures
     * through {@link #rgb}.
     */
    public static Sample fromImage(String caseId, BufferedImage img, Settings s) {
        return fromImage(caseId, img, s, new LinkedHashMap<>());
    }

    private static Sample fromImage(String caseId, BufferedImage img, Settings s, Map<String, Object> extra) {
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        if (cm.getNumColorComponents() == 1 && !(cm instanceof IndexColorModel)) {
            int bits = cm.getComponentSize(0);
            Raster r = img.getRaster();
            double[] data = new double[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    data[x + w * y] = r.getSampleDouble(x, y, 0);
                }
            }
            PixelType type = bits <= 8 ? PixelType.UINT8 : bits <= 16 ? PixelType.UINT16 : PixelType.FLOAT32;
            extra.put("pixel_type", "grey, " + bits + " bits");
            return picture(caseId, new double[][] {data}, w, h, 1, 1, s.intensityRule().resolve(type), s, s.channels(),
                    extra);
        }
        return rgb(caseId, img.getRGB(0, 0, w, h, null, 0, w), w, h, s, extra);
    }

    /**
     * Reads a PNG, JPEG or BMP picture with {@link ImageIO} and samples it by {@link #fromImage}; the file
     * is recorded in the provenance.
     *
     * @throws UserInputException naming the file when it is missing or not a picture Java can decode
     */
    public static Sample readPicture(Path file, String caseId, Settings s) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": no such picture file");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new UserInputException(file + ": cannot decode the picture (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new UserInputException(file + ": not a PNG, JPEG or BMP picture that Java can read");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("file", file.toString());
        return fromImage(caseId, img, s, extra);
    }

    /** Shared by the mask-free entries: the whole picture, resized, intensity-mapped, channels filled. */
    private static Sample picture(String caseId, double[][] planes, int w, int h, double du, double dv, IntensityRule rule,
            Settings s, int outChannels, Map<String, Object> extra) {
        String what = "case '" + caseId + "'";
        if (s.neighbours() > 0) {
            throw new UserInputException(what + ": neighbours requested on a 2D image (neighbours = " + s.neighbours()
                    + "); use neighbours = 0");
        }
        if (s.mode() == Mode.CHANNELS) {
            throw new UserInputException(what + ": mode CHANNELS needs neighbouring slices; a 2D picture uses per-slice");
        }
        if (s.maskMode() == MaskMode.ZERO) {
            throw new UserInputException(what + ": mask mode ZERO needs a label mask; use mask mode none for whole pictures");
        }
        Box box = new Box(-0.5, w - 0.5, -0.5, h - 0.5);
        if (s.square()) {
            box = box.squared(du, dv, s.width(), s.height());
        }
        double pad = padValue(Arrays.asList(planes), w, h, box);
        int ow = s.width();
        int oh = s.height();
        int plane = ow * oh;
        double[] values = new double[planes.length * plane];
        for (int c = 0; c < planes.length; c++) {
            System.arraycopy(bilinear(planes[c], w, h, box, pad, ow, oh), 0, values, c * plane, plane);
        }
        IntensityRule.Mapping m = rule.fit(values, null, what);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("case", caseId);
        prov.put("axis", "2d");
        prov.putAll(extra);
        prov.put("image_size_px", new int[] {w, h});
        prov.put("pixel_spacing_mm", new double[] {du, dv});
        putCrop(prov, s, new int[] {0, 0}, box, new double[] {du, dv}, w, h, pad);
        prov.put("mask_mode", MaskMode.NONE.name());
        prov.put("intensity", s.intensityRule().toString());
        prov.putAll(m.used());
        prov.put("channels", outChannels);
        float[] data = planes.length == outChannels ? map(values, null, m) : replicate(map(values, null, m), outChannels);
        return new Sample(caseId, 0, "2d", new int[0], outChannels, oh, ow, data, prov);
    }

    private static void checkChannelsMode(Settings s, String what) {
        if (s.mode() == Mode.CHANNELS && (s.neighbours() != 1 || s.channels() != 3)) {
            throw new UserInputException(what + ": mode CHANNELS puts slices s-1, s, s+1 in 3 channels: it needs "
                    + "neighbours = 1 and channels = 3, got neighbours = " + s.neighbours() + ", channels = " + s.channels());
        }
    }

    /** ceil(marginMm / spacing) with a 1e-9 slack so that exact multiples (6 mm / 3 mm) stay exact. */
    static int marginPixels(double marginMm, double spacing) {
        return (int) Math.ceil(marginMm / spacing - 1e-9);
    }

    private static void checkRoiSurvives(boolean[] roi, String what, Settings s) {
        if (roi == null || any(roi)) {
            return;
        }
        throw new UserInputException(what + ": the ROI covers no pixel of the " + s.width() + "x" + s.height()
                + " sample after resampling (ROI smaller than one output pixel); reduce the margin or enlarge the output");
    }

    private static boolean any(boolean[] b) {
        for (boolean x : b) {
            if (x) {
                return true;
            }
        }
        return false;
    }

    private static void putCrop(Map<String, Object> prov, Settings s, int[] marginPx, Box box, double[] px, int w, int h,
            double pad) {
        prov.put("margin_mm", s.marginMm());
        prov.put("margin_px", marginPx);
        prov.put("margin_rounding", "ceil(margin_mm / pixel_spacing_mm)");
        prov.put("square", s.square());
        prov.put("crop_px", uv(new double[] {box.u0(), box.u1()}, new double[] {box.v0(), box.v1()}));
        prov.put("crop_mm", new double[] {box.widthPx() * px[0], box.heightPx() * px[1]});
        prov.put("padded", box.exceeds(w, h));
        prov.put("pad_value", pad);
        prov.put("output_size", new int[] {s.width(), s.height()});
        prov.put("sample_pixel_mm", new double[] {box.widthPx() * px[0] / s.width(), box.heightPx() * px[1] / s.height()});
        prov.put("interpolation", INTERPOLATION);
    }

    private static Map<String, Object> uv(Object u, Object v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("u", u);
        m.put("v", v);
        return m;
    }

    /** Minimum of the image pixels the box overlaps, over all planes (the fill for the outside). */
    static double padValue(Iterable<double[]> planes, int w, int h, Box box) {
        int ua = Math.max(0, (int) Math.floor(box.u0() + 0.5));
        int ub = Math.min(w - 1, (int) Math.ceil(box.u1() - 0.5));
        int va = Math.max(0, (int) Math.floor(box.v0() + 0.5));
        int vb = Math.min(h - 1, (int) Math.ceil(box.v1() - 0.5));
        double min = Double.POSITIVE_INFINITY;
        for (double[] p : planes) {
            for (int v = va; v <= vb; v++) {
                for (int u = ua; u <= ub; u++) {
                    min = Math.min(min, p[u + w * v]);
                }
            }
        }
        return Double.isFinite(min) ? min : 0;
    }

    /** Bilinear resampling of a {@code w x h} plane (u fastest) over {@code box} to {@code ow x oh}. */
    static double[] bilinear(double[] plane, int w, int h, Box box, double pad, int ow, int oh) {
        double[] out = new double[ow * oh];
        double su = box.widthPx() / ow;
        double sv = box.heightPx() / oh;
        for (int y = 0; y < oh; y++) {
            double pv = box.v0() + (y + 0.5) * sv;
            boolean vIn = pv >= -0.5 && pv < h - 0.5;
            double cv = Math.max(0, Math.min(h - 1, pv));
            int v0 = (int) Math.floor(cv);
            int v1 = Math.min(v0 + 1, h - 1);
            double fv = cv - v0;
            for (int x = 0; x < ow; x++) {
                double pu = box.u0() + (x + 0.5) * su;
                if (!vIn || pu < -0.5 || pu >= w - 0.5) {
                    out[x + ow * y] = pad;
                    continue;
                }
                double cu = Math.max(0, Math.min(w - 1, pu));
                int u0 = (int) Math.floor(cu);
                int u1 = Math.min(u0 + 1, w - 1);
                double fu = cu - u0;
                double top = plane[u0 + w * v0] + fu * (plane[u1 + w * v0] - plane[u0 + w * v0]);
                double bottom = plane[u0 + w * v1] + fu * (plane[u1 + w * v1] - plane[u0 + w * v1]);
                out[x + ow * y] = top + fv * (bottom - top);
            }
        }
        return out;
    }

    /** Nearest-neighbour (half up) resampling of a mask plane; outside the image is not ROI. */
    static boolean[] nearest(boolean[] mask, int w, int h, Box box, int ow, int oh) {
        boolean[] out = new boolean[ow * oh];
        double su = box.widthPx() / ow;
        double sv = box.heightPx() / oh;
        for (int y = 0; y < oh; y++) {
            double pv = box.v0() + (y + 0.5) * sv;
            if (pv < -0.5 || pv >= h - 0.5) {
                continue;
            }
            int v = Math.min(h - 1, (int) Math.floor(pv + 0.5));
            for (int x = 0; x < ow; x++) {
                double pu = box.u0() + (x + 0.5) * su;
                if (pu >= -0.5 && pu < w - 0.5) {
                    out[x + ow * y] = mask[Math.min(w - 1, (int) Math.floor(pu + 0.5)) + w * v];
                }
            }
        }
        return out;
    }

    /** Applies the mapping and zeroes non-ROI pixels (when {@code roi} is given). */
    private static float[] map(double[] values, boolean[] roi, IntensityRule.Mapping m) {
        float[] mapped = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            mapped[i] = roi != null && !roi[i] ? 0f : (float) m.apply(values[i]);
        }
        return mapped;
    }

    /** One grey plane copied into {@code channels} channels (CHW). */
    private static float[] replicate(float[] grey, int channels) {
        if (channels == 1) {
            return grey;
        }
        float[] out = new float[grey.length * channels];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(grey, 0, out, c * grey.length, grey.length);
        }
        return out;
    }
}
