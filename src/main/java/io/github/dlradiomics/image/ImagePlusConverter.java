package io.github.dlradiomics.image;

import io.github.dlradiomics.util.UserInputException;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import java.util.Locale;

/**
 * Converts between ImageJ1's {@link ImagePlus} and {@link Volume}, keeping calibrated values (signed
 * 16-bit images, which ImageJ stores offset by 32768 with a calibration function, come back signed),
 * pixel size in mm, and the full geometry: origin and direction travel as image properties
 * {@value #PROP_ORIGIN} and {@value #PROP_DIRECTION}, since ImageJ1 has no direction cosines.
 * Uses only ImageJ's data classes, never windows.
 *
 * <pre>Volume v = ImagePlusConverter.toVolume(IJ.getImage()); ImagePlus imp = ImagePlusConverter.toImagePlus(v, "ct");</pre>
 */
public final class ImagePlusConverter {
    /** Image property holding the LPS origin (mm) of voxel (0,0,0): "x,y,z". */
    public static final String PROP_ORIGIN = "DLRadiomics.origin";
    /** Image property holding the row-major direction matrix: nine comma-separated numbers. */
    public static final String PROP_DIRECTION = "DLRadiomics.direction";
    /** Image property holding the source pixel type (e.g. "int16"). */
    public static final String PROP_PIXEL_TYPE = "DLRadiomics.pixelType";

    private ImagePlusConverter() {
    }

    /**
     * A Volume from a single-channel, single-frame image (a stack is a 3D volume). Hyperstacks with
     * several channels or frames and RGB images are refused with a message naming the image.
     */
    public static Volume toVolume(ImagePlus imp) {
        String name = "image '" + imp.getTitle() + "'";
        if (imp.getNChannels() > 1 || imp.getNFrames() > 1) {
            throw new UserInputException(name + " is a hyperstack with " + imp.getNChannels() + " channels and "
                    + imp.getNFrames() + " frames; choose one channel and frame (Image > Duplicate...) first");
        }
        if (imp.getType() == ImagePlus.COLOR_RGB || imp.getType() == ImagePlus.COLOR_256) {
            throw new UserInputException(name + " is a colour image; convert it to 8-bit, 16-bit or 32-bit grey first");
        }
        int nx = imp.getWidth();
        int ny = imp.getHeight();
        int nz = imp.getStackSize();
        double[] data = new double[Math.multiplyExact(Math.multiplyExact(nx, ny), nz)];
        Calibration cal = imp.getCalibration();
        boolean calibrated = cal.calibrated();
        ImageStack stack = imp.getStack();
        int plane = nx * ny;
        for (int z = 0; z < nz; z++) {
            ImageProcessor ip = stack.getProcessor(z + 1);
            int off = z * plane;
            switch (imp.getBitDepth()) {
                case 8 -> {
                    byte[] p = (byte[]) ip.getPixels();
                    for (int i = 0; i < plane; i++) {
                        data[off + i] = calibrated ? cal.getCValue(p[i] & 0xFF) : p[i] & 0xFF;
                    }
                }
                case 16 -> {
                    short[] p = (short[]) ip.getPixels();
                    for (int i = 0; i < plane; i++) {
                        data[off + i] = calibrated ? cal.getCValue(p[i] & 0xFFFF) : p[i] & 0xFFFF;
                    }
                }
                default -> {
                    float[] p = (float[]) ip.getPixels();
                    for (int i = 0; i < plane; i++) {
                        data[off + i] = p[i];
                    }
                }
            }
        }
        PixelType type = pixelType(imp, data);
        Volume v = new Volume(nx, ny, nz, data, type);
        double unit = unitToMm(cal.getUnit(), name);
        v.setSpacing(positive(cal.pixelWidth) * unit, positive(cal.pixelHeight) * unit, positive(cal.pixelDepth) * unit);
        double[] origin = parse(imp.getProp(PROP_ORIGIN), 3);
        double[] dir = parse(imp.getProp(PROP_DIRECTION), 9);
        if (origin != null) {
            v.setOrigin(origin);
        } else {
            v.setOrigin(-cal.xOrigin * cal.pixelWidth * unit, -cal.yOrigin * cal.pixelHeight * unit,
                    -cal.zOrigin * cal.pixelDepth * unit);
        }
        if (dir != null) {
            try {
                v.setDirection(dir);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(name + ": property " + PROP_DIRECTION + " is not a rotation matrix");
            }
        }
        String info = imp.getProp("DLRadiomics.description");
        if (info != null) {
            v.setDescription(info);
        }
        return v;
    }

    private static double positive(double s) {
        return s > 0 && Double.isFinite(s) ? s : 1.0;
    }

    private static PixelType pixelType(ImagePlus imp, double[] data) {
        String recorded = imp.getProp(PROP_PIXEL_TYPE);
        Calibration cal = imp.getCalibration();
        PixelType natural = switch (imp.getBitDepth()) {
            case 8 -> PixelType.UINT8;
            case 16 -> cal.isSigned16Bit() ? PixelType.INT16 : PixelType.UINT16;
            default -> PixelType.FLOAT32;
        };
        if (imp.getBitDepth() != 32 && cal.calibrated() && !cal.isSigned16Bit()) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            boolean ints = true;
            for (double d : data) {
                min = Math.min(min, d);
                max = Math.max(max, d);
                ints &= d == Math.rint(d);
            }
            natural = PixelType.fitting(min, max, ints);
            if (natural == PixelType.FLOAT64) {
                natural = PixelType.FLOAT32;
            }
        }
        if (recorded != null) {
            for (PixelType t : PixelType.values()) {
                if (t.label().equals(recorded) && fits(t, data)) {
                    return t;
                }
            }
        }
        return natural;
    }

    private static boolean fits(PixelType t, double[] data) {
        for (double d : data) {
            if (d < t.min() || d > t.max() || (!t.isFloating() && d != Math.rint(d))) {
                return false;
            }
        }
        return true;
    }

    /** Millimetres per calibration unit; "pixel" and empty units count as 1 mm. */
    public static double unitToMm(String unit, String what) {
        String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
        return switch (u) {
            case "", "pixel", "pixels", "mm", "millimeter", "millimetre", "millimeters", "millimetres" -> 1.0;
            case "cm", "centimeter", "centimetre", "centimeters", "centimetres" -> 10.0;
            case "m", "meter", "metre", "meters", "metres" -> 1000.0;
            case "um", "\u00b5m", "\u03bcm", "micron", "microns", "micrometer", "micrometre" -> 0.001;
            case "nm", "nanometer", "nanometre" -> 1e-6;
            case "inch", "inches", "in" -> 25.4;
            default -> throw new UserInputException(what + " has the calibration unit '" + unit
                    + "', which is not a length (use mm, cm, um, m or pixel)");
        };
    }

    private static double[] parse(String s, int n) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String[] p = s.trim().split("[,\\s]+");
        if (p.length != n) {
            return null;
        }
        double[] out = new double[n];
        try {
            for (int i = 0; i < n; i++) {
                out[i] = Double.parseDouble(p[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return out;
    }

    /**
     * An ImagePlus showing the volume: uint8 as 8-bit; int8, int16, uint16 as 16-bit (signed types with
     * ImageJ's signed 16-bit calibration); other types as 32-bit float (int32 values beyond 2^24 lose
     * precision). Calibration in mm; origin, direction and pixel type as image properties.
     */
    public static ImagePlus toImagePlus(Volume v, String title) {
        int nx = v.nx();
        int ny = v.ny();
        int plane = nx * ny;
        ImageStack stack = new ImageStack(nx, ny);
        double[] d = v.data();
        PixelType t = v.pixelType();
        boolean signed16 = t == PixelType.INT16 || t == PixelType.INT8;
        for (int z = 0; z < v.nz(); z++) {
            int off = z * plane;
            ImageProcessor ip;
            switch (t) {
                case UINT8 -> {
                    byte[] p = new byte[plane];
                    for (int i = 0; i < plane; i++) {
                        p[i] = (byte) (int) Math.max(0, Math.min(255, Math.rint(d[off + i])));
                    }
                    ip = new ByteProcessor(nx, ny, p);
                }
                case INT8, INT16, UINT16 -> {
                    short[] p = new short[plane];
                    int shift = signed16 ? 32768 : 0;
                    for (int i = 0; i < plane; i++) {
                        p[i] = (short) (int) Math.max(0, Math.min(65535, Math.rint(d[off + i]) + shift));
                    }
                    ip = new ShortProcessor(nx, ny, p, null);
                }
                default -> {
                    float[] p = new float[plane];
                    for (int i = 0; i < plane; i++) {
                        p[i] = (float) d[off + i];
                    }
                    ip = new FloatProcessor(nx, ny, p);
                }
            }
            stack.addSlice("", ip);
        }
        ImagePlus imp = new ImagePlus(title, stack);
        Calibration cal = new Calibration(imp);
        if (signed16) {
            cal.setSigned16BitCalibration();
        }
        double[] sp = v.spacing();
        cal.pixelWidth = sp[0];
        cal.pixelHeight = sp[1];
        cal.pixelDepth = sp[2];
        cal.setUnit("mm");
        double[] o = v.origin();
        double[] dir = v.direction();
        boolean identity = true;
        for (int i = 0; i < 9; i++) {
            identity &= Math.abs(dir[i] - (i % 4 == 0 ? 1 : 0)) < 1e-9;
        }
        if (identity) {
            cal.xOrigin = -o[0] / sp[0];
            cal.yOrigin = -o[1] / sp[1];
            cal.zOrigin = -o[2] / sp[2];
        }
        imp.setCalibration(cal);
        imp.setProp(PROP_ORIGIN, o[0] + "," + o[1] + "," + o[2]);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            sb.append(i > 0 ? "," : "").append(dir[i]);
        }
        imp.setProp(PROP_DIRECTION, sb.toString());
        imp.setProp(PROP_PIXEL_TYPE, t.label());
        if (!v.description().isEmpty()) {
            imp.setProp("DLRadiomics.description", v.description());
        }
        imp.resetDisplayRange();
        return imp;
    }
}
