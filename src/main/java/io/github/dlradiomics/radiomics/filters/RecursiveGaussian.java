package io.github.dlradiomics.radiomics.filters;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.util.UserInputException;

/**
 * ITK's recursive (IIR) Gaussian filters as SimpleITK runs them for PyRadiomics' LoG image type:
 * {@code itk::RecursiveGaussianImageFilter} (Deriche's 4th-order recursive approximation of the Gaussian and its
 * derivatives, with Farneback/Westin's normalisation) and {@code itk::LaplacianRecursiveGaussianImageFilter}.
 *
 * <p>Reproduced from ITK's source ({@code itkRecursiveGaussianImageFilter.hxx},
 * {@code itkRecursiveSeparableImageFilter.hxx}, {@code itkLaplacianRecursiveGaussianImageFilter.hxx}):
 * the same published Deriche constants (a0 = 1.3530, b0 = 1.8151, w0 = 0.6681, l0 = -1.3932, ...), the same
 * N/D/M coefficients and normalisations (alpha0, alpha2 and beta for the second order), sigma in millimetres
 * divided by the spacing of the filtered axis, the same causal/anticausal border initialisation that simulates
 * an edge-extended signal, {@code NormalizeAcrossScale} multiplying the second derivative by sigma^2 (the
 * Gaussian smoothing is never scaled), the Laplacian as the sum over axes d of [second derivative along d,
 * then smoothing along the other axes in increasing order] divided by spacing[d]^2, and ITK's float
 * intermediate images (each pass and the running sum are rounded to float; SimpleITK's output is float32).
 * Parity with SimpleITK therefore rests on these coefficients and this order of operations, not on a
 * reference run (SimpleITK is not available here); the tests compare with the analytic LoG of a Gaussian blob.
 *
 * <pre>Volume log = RecursiveGaussian.laplacian(ct, 2.0, true);</pre>
 */
public final class RecursiveGaussian {
    /** Gaussian order: 0 = smoothing, 1 = first derivative, 2 = second derivative. */
    private final int order;
    private double n0;
    private double n1;
    private double n2;
    private double n3;
    private double d1;
    private double d2;
    private double d3;
    private double d4;
    private double m1;
    private double m2;
    private double m3;
    private double m4;
    private double bn1;
    private double bn2;
    private double bn3;
    private double bn4;
    private double bm1;
    private double bm2;
    private double bm3;
    private double bm4;

    /** The 1D filter of the given order for sigma (mm) on an axis with the given spacing (mm). */
    public RecursiveGaussian(int order, double sigma, double spacing, boolean normalizeAcrossScale) {
        if (!(sigma > 0)) {
            throw new UserInputException("LoG: sigma must be > 0 mm (got " + sigma + ")");
        }
        this.order = order;
        setUp(sigma, Math.abs(spacing), normalizeAcrossScale);
    }

    private void setUp(double sigma, double spacing, boolean normalize) {
        double sigmad = sigma / spacing;
        // Deriche's constants as ITK tabulates them (index 0: Gaussian, 1: first, 2: second derivative).
        final double w1 = 0.6681;
        final double l1 = -1.3932;
        final double w2 = 2.0787;
        final double l2 = -1.3732;
        final double[] a1 = {1.3530, -0.6724, -1.3563};
        final double[] b1 = {1.8151, -3.4327, 5.2318};
        final double[] a2 = {-0.3531, 0.6724, 0.3446};
        final double[] b2 = {0.0902, 0.6100, -2.2355};

        double cos1 = Math.cos(w1 / sigmad);
        double cos2 = Math.cos(w2 / sigmad);
        double exp1 = Math.exp(l1 / sigmad);
        double exp2 = Math.exp(l2 / sigmad);
        d4 = exp1 * exp1 * exp2 * exp2;
        d3 = -2 * cos1 * exp1 * exp2 * exp2;
        d3 += -2 * cos2 * exp2 * exp1 * exp1;
        d2 = 4 * cos2 * cos1 * exp1 * exp2;
        d2 += exp1 * exp1 + exp2 * exp2;
        d1 = -2 * (exp2 * cos2 + exp1 * cos1);
        double sd = 1.0 + d1 + d2 + d3 + d4;
        double dd = d1 + 2 * d2 + 3 * d3 + 4 * d4;
        double ed = d1 + 4 * d2 + 9 * d3 + 16 * d4;

        switch (order) {
            case 0 -> {
                double[] n = nCoefficients(sigmad, a1[0], b1[0], w1, l1, a2[0], b2[0], w2, l2);
                double alpha0 = 2 * n[4] / sd - n[0];
                double k = 1.0 / alpha0;
                n0 = n[0] * k;
                n1 = n[1] * k;
                n2 = n[2] * k;
                n3 = n[3] * k;
                remaining(true);
            }
            case 1 -> {
                double scale = normalize ? sigma : 1.0;
                double[] n = nCoefficients(sigmad, a1[1], b1[1], w1, l1, a2[1], b2[1], w2, l2);
                double alpha1 = 2 * (n[4] * dd - n[5] * sd) / (sd * sd);
                double k = scale / alpha1;
                n0 = n[0] * k;
                n1 = n[1] * k;
                n2 = n[2] * k;
                n3 = n[3] * k;
                remaining(false);
            }
            case 2 -> {
                double scale = normalize ? sigma * sigma : 1.0;
                double[] g = nCoefficients(sigmad, a1[0], b1[0], w1, l1, a2[0], b2[0], w2, l2);
                double[] s = nCoefficients(sigmad, a1[2], b1[2], w1, l1, a2[2], b2[2], w2, l2);
                double beta = -(2 * s[4] - sd * s[0]) / (2 * g[4] - sd * g[0]);
                n0 = s[0] + beta * g[0];
                n1 = s[1] + beta * g[1];
                n2 = s[2] + beta * g[2];
                n3 = s[3] + beta * g[3];
                double sn = s[4] + beta * g[4];
                double dn = s[5] + beta * g[5];
                double en = s[6] + beta * g[6];
                double alpha2 = en * sd * sd - ed * sn * sd - 2 * dn * dd * sd + 2 * dd * dd * sn;
                alpha2 /= sd * sd * sd;
                double k = scale / alpha2;
                n0 *= k;
                n1 *= k;
                n2 *= k;
                n3 *= k;
                remaining(true);
            }
            default -> throw new IllegalArgumentException("order must be 0, 1 or 2");
        }
    }

    /** {N0, N1, N2, N3, SN, DN, EN} of one Deriche term pair. */
    private static double[] nCoefficients(double sigmad, double a1, double b1, double w1, double l1, double a2,
            double b2, double w2, double l2) {
        double sin1 = Math.sin(w1 / sigmad);
        double sin2 = Math.sin(w2 / sigmad);
        double cos1 = Math.cos(w1 / sigmad);
        double cos2 = Math.cos(w2 / sigmad);
        double exp1 = Math.exp(l1 / sigmad);
        double exp2 = Math.exp(l2 / sigmad);
        double c0 = a1 + a2;
        double c1 = exp2 * (b2 * sin2 - (a2 + 2 * a1) * cos2);
        c1 += exp1 * (b1 * sin1 - (a1 + 2 * a2) * cos1);
        double c2 = (a1 + a2) * cos2 * cos1;
        c2 -= b1 * cos2 * sin1 + b2 * cos1 * sin2;
        c2 *= 2 * exp1 * exp2;
        c2 += a2 * exp1 * exp1 + a1 * exp2 * exp2;
        double c3 = exp2 * exp1 * exp1 * (b2 * sin2 - a2 * cos2);
        c3 += exp1 * exp2 * exp2 * (b1 * sin1 - a1 * cos1);
        return new double[] {c0, c1, c2, c3, c0 + c1 + c2 + c3, c1 + 2 * c2 + 3 * c3, c1 + 4 * c2 + 9 * c3};
    }

    private void remaining(boolean symmetric) {
        if (symmetric) {
            m1 = n1 - d1 * n0;
            m2 = n2 - d2 * n0;
            m3 = n3 - d3 * n0;
            m4 = -d4 * n0;
        } else {
            m1 = -(n1 - d1 * n0);
            m2 = -(n2 - d2 * n0);
            m3 = -(n3 - d3 * n0);
            m4 = d4 * n0;
        }
        double sn = n0 + n1 + n2 + n3;
        double sm = m1 + m2 + m3 + m4;
        double sd = 1.0 + d1 + d2 + d3 + d4;
        bn1 = d1 * sn / sd;
        bn2 = d2 * sn / sd;
        bn3 = d3 * sn / sd;
        bn4 = d4 * sn / sd;
        bm1 = d1 * sm / sd;
        bm2 = d2 * sm / sd;
        bm3 = d3 * sm / sd;
        bm4 = d4 * sm / sd;
    }

    /**
     * Filters one line (length &gt;= 4) as ITK's {@code RecursiveSeparableImageFilter::FilterDataArray}: a causal
     * and an anticausal 4th-order recursion whose borders assume the edge value repeated to infinity.
     */
    void filterLine(double[] out, double[] x, double[] s2, int len) {
        double[] s1 = out;
        double v = x[0];
        s1[0] = v * n0 + v * n1 + v * n2 + v * n3;
        s1[1] = x[1] * n0 + v * n1 + v * n2 + v * n3;
        s1[2] = x[2] * n0 + x[1] * n1 + v * n2 + v * n3;
        s1[3] = x[3] * n0 + x[2] * n1 + x[1] * n2 + v * n3;
        s1[0] -= v * bn1 + v * bn2 + v * bn3 + v * bn4;
        s1[1] -= s1[0] * d1 + v * bn2 + v * bn3 + v * bn4;
        s1[2] -= s1[1] * d1 + s1[0] * d2 + v * bn3 + v * bn4;
        s1[3] -= s1[2] * d1 + s1[1] * d2 + s1[0] * d3 + v * bn4;
        for (int i = 4; i < len; i++) {
            s1[i] = x[i] * n0 + x[i - 1] * n1 + x[i - 2] * n2 + x[i - 3] * n3;
            s1[i] -= s1[i - 1] * d1 + s1[i - 2] * d2 + s1[i - 3] * d3 + s1[i - 4] * d4;
        }
        int e = len - 1;
        double w = x[e];
        s2[e] = w * m1 + w * m2 + w * m3 + w * m4;
        s2[e - 1] = x[e] * m1 + w * m2 + w * m3 + w * m4;
        s2[e - 2] = x[e - 1] * m1 + x[e] * m2 + w * m3 + w * m4;
        s2[e - 3] = x[e - 2] * m1 + x[e - 1] * m2 + x[e] * m3 + w * m4;
        s2[e] -= w * bm1 + w * bm2 + w * bm3 + w * bm4;
        s2[e - 1] -= s2[e] * d1 + w * bm2 + w * bm3 + w * bm4;
        s2[e - 2] -= s2[e - 1] * d1 + s2[e] * d2 + w * bm3 + w * bm4;
        s2[e - 3] -= s2[e - 2] * d1 + s2[e - 1] * d2 + s2[e] * d3 + w * bm4;
        for (int i = len - 4; i > 0; i--) {
            s2[i - 1] = x[i] * m1 + x[i + 1] * m2 + x[i + 2] * m3 + x[i + 3] * m4;
            s2[i - 1] -= s2[i] * d1 + s2[i + 1] * d2 + s2[i + 2] * d3 + s2[i + 3] * d4;
        }
        for (int i = 0; i < len; i++) {
            out[i] += s2[i];
        }
    }

    /**
     * Applies this filter along {@code axis} (0 = x, 1 = y, 2 = z) of an x-fastest array of dims {@code n};
     * the result is rounded to float (ITK's float intermediate image).
     */
    void applyAlong(double[] in, double[] out, int[] n, int axis) {
        int len = n[axis];
        double[] line = new double[len];
        double[] res = new double[len];
        double[] scratch = new double[len];
        int stride = axis == 0 ? 1 : axis == 1 ? n[0] : n[0] * n[1];
        int a = axis == 0 ? 1 : 0;
        int b = axis == 2 ? 1 : 2;
        int sa = a == 0 ? 1 : n[0];
        int sb = b == 1 ? n[0] : n[0] * n[1];
        for (int j = 0; j < n[b]; j++) {
            for (int i = 0; i < n[a]; i++) {
                int start = i * sa + j * sb;
                for (int k = 0, q = start; k < len; k++, q += stride) {
                    line[k] = in[q];
                }
                filterLine(res, line, scratch, len);
                for (int k = 0, q = start; k < len; k++, q += stride) {
                    out[q] = (float) res[k];
                }
            }
        }
    }

    /**
     * SimpleITK's {@code LaplacianRecursiveGaussian(image, sigma, normalizeAcrossScale)} of a 3D image (every
     * dimension &gt;= 4 voxels): float32 values, same geometry.
     */
    public static Volume laplacian(Volume image, double sigma, boolean normalizeAcrossScale) {
        int[] n = image.dims();
        for (int d = 0; d < 3; d++) {
            if (n[d] < 4) {
                throw new UserInputException("LoG needs at least 4 voxels along every axis (image is " + n[0] + "x"
                        + n[1] + "x" + n[2] + ")");
            }
        }
        double[] sp = image.spacing();
        double[] in = image.data();
        double[] cum = new double[in.length];
        double[] t1 = new double[in.length];
        double[] t2 = new double[in.length];
        for (int dim = 0; dim < 3; dim++) {
            new RecursiveGaussian(2, sigma, sp[dim], normalizeAcrossScale).applyAlong(in, t1, n, dim);
            double[] src = t1;
            double[] dst = t2;
            for (int other = 0; other < 3; other++) {
                if (other == dim) {
                    continue;
                }
                new RecursiveGaussian(0, sigma, sp[other], normalizeAcrossScale).applyAlong(src, dst, n, other);
                double[] t = src;
                src = dst;
                dst = t;
            }
            double scale = 1.0 / (sp[dim] * sp[dim]);
            for (int i = 0; i < cum.length; i++) {
                cum[i] = (float) (cum[i] + src[i] * scale);
            }
        }
        Volume v = new Volume(n[0], n[1], n[2], cum, PixelType.FLOAT32);
        v.copyGeometryFrom(image);
        return v;
    }
}
