package io.github.dlradiomics.cohort;

import io.github.dlradiomics.image.PixelType;
import io.github.dlradiomics.image.Volume;
import java.util.SplittableRandom;

/**
 * Renders a {@link SpineModel} on the modality's voxel grid: a continuous tissue model evaluated per voxel
 * (soft edges one in-plane voxel wide for partial volume, and three sub-samples across each 3.5 mm MR
 * slice),
 * then bias field and gain, noise (Gaussian for CT, Rician for MR), an in-plane [1 2 1] point-spread blur
 * that also correlates the noise, and rounding to INT16. The mask takes the vertebra whose bone contains
 * the voxel centre.
 */
final class SpineRenderer {
    /** Grid sizes (i, j, k) covering the field of view. */
    static final int[] CT_DIMS = {75, 112, 140};
    static final int[] MR_DIMS = {150, 233, 17};
    /** Direction matrices (row-major, columns = axis directions in LPS). */
    static final double[] CT_DIRECTION = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    static final double[] MR_DIRECTION = {0, 0, -1, 1, 0, 0, 0, -1, 0};
    /** Variance of white noise is multiplied by (6/16)^2 by the separable 2D [1 2 1]/4 blur. */
    private static final double BLUR_NOISE_FACTOR = 0.375;

    private final SpineModel m;
    private final SpineModel.Tissue t;
    private final ValueNoise noise;
    private final double edge;
    private final SpineModel.Vertebra[] vs;
    private final double[] la;
    private final double[] lp;
    private final double[] ls;
    private final boolean[] near;
    private final int ix;
    private int label;

    private SpineRenderer(SpineModel model) {
        this.m = model;
        this.t = model.tissue;
        this.noise = new ValueNoise(model.textureSeed);
        this.edge = model.modality.spacing()[0];
        this.vs = model.vertebrae;
        this.la = new double[vs.length];
        this.lp = new double[vs.length];
        this.ls = new double[vs.length];
        this.near = new boolean[vs.length];
        this.ix = java.util.Arrays.asList(vs).indexOf(model.index);
    }

    /** Renders image and mask; index 0 of the result is the image, 1 the mask. */
    static Volume[] render(SpineModel model, String description) {
        return new SpineRenderer(model).render(description);
    }

    private Volume[] render(String description) {
        boolean ct = m.modality == Modality.CT;
        int[] n = ct ? CT_DIMS : MR_DIMS;
        double[] dir = ct ? CT_DIRECTION : MR_DIRECTION;
        double[] sp = m.modality.spacing();
        Volume img = new Volume(n[0], n[1], n[2], PixelType.INT16);
        img.setSpacing(sp).setDirection(dir);
        double[] origin = new double[3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                origin[r] -= dir[r * 3 + c] * sp[c] * (n[c] - 1) / 2.0;
            }
        }
        img.setOrigin(origin);
        Volume mask = img.blankLike(PixelType.UINT8);
        img.setDescription(description + " image");
        mask.setDescription(description + " mask");

        // Sub-samples across the slice (k) axis: 1 for CT, 3 across the 3.5 mm MR slice (partial volume).
        double[] sub = ct ? new double[] {0} : new double[] {-1 / 3.0, 0, 1 / 3.0};
        double[] data = img.data();
        double[] labels = mask.data();
        SplittableRandom rnd = new SplittableRandom(m.noiseSeed);
        double sd = m.noiseSd / BLUR_NOISE_FACTOR;
        int q = 0;
        for (int k = 0; k < n[2]; k++) {
            for (int j = 0; j < n[1]; j++) {
                for (int i = 0; i < n[0]; i++, q++) {
                    double bx = origin[0] + dir[0] * sp[0] * i + dir[1] * sp[1] * j;
                    double by = origin[1] + dir[3] * sp[0] * i + dir[4] * sp[1] * j;
                    double bz = origin[2] + dir[6] * sp[0] * i + dir[7] * sp[1] * j;
                    double sum = 0;
                    for (double f : sub) {
                        double kk = (k + f) * sp[2];
                        label = 0;
                        sum += sample(bx + dir[2] * kk, by + dir[5] * kk, bz + dir[8] * kk);
                        if (f == 0) {
                            labels[q] = label;
                        }
                    }
                    double x = bx + dir[2] * k * sp[2];
                    double y = by + dir[5] * k * sp[2];
                    double z = bz + dir[8] * k * sp[2];
                    double v = sum / sub.length;
                    if (ct) {
                        v += m.offset + sd * gaussian(rnd);
                    } else {
                        double b = 1 + m.bias[0] * y / 45 + m.bias[1] * z / 70 + m.bias[2] * (z / 70) * (z / 70)
                                + m.bias[3] * x / 30;
                        double s = m.gain * b * v;
                        double re = s + sd * gaussian(rnd);
                        double im = sd * gaussian(rnd);
                        v = Math.sqrt(re * re + im * im);
                    }
                    data[q] = v;
                }
            }
        }
        blurInPlane(data, n[0], n[1], n[2]);
        double lo = ct ? -1024 : 0;
        double hi = ct ? 3071 : 4095;
        for (int i = 0; i < data.length; i++) {
            data[i] = SpineModel.clamp(Math.rint(data[i]), lo, hi) + 0.0; // + 0.0 turns -0.0 into 0.0
        }
        return new Volume[] {img, mask};
    }

    /**
     * Noise-free tissue value at an LPS point (mm); sets {@link #label} to the vertebra containing it. Layers
     * from the top (bone, soft-tissue mass, disc, canal and soft tissues) are blended by their edge weights;
     * a layer hidden under an opaque one is not computed.
     */
    private double sample(double x, double y, double z) {
        // Local coordinates in every vertebra that can reach this point; the nearest gives canal and muscles.
        int nearest = -1;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < vs.length; i++) {
            SpineModel.Vertebra v = vs[i];
            double dx = x - v.cx;
            double dy = y - v.cy;
            double dz = z - v.cz;
            double s = v.sx * dx + v.sy * dy + v.sz * dz;
            double as = Math.abs(s);
            if (as < best) {
                best = as;
                nearest = i;
            }
            near[i] = as < v.sReach;
            ls[i] = s;
            la[i] = v.ax * dx + v.ay * dy + v.az * dz;
            lp[i] = v.px * dx + v.py * dy + v.pz * dz;
        }

        // Bone: vertebral bodies and posterior elements.
        double boneW = 0;
        double bone = 0;
        double bestBone = Double.MAX_VALUE;
        for (int i = 0; i < vs.length; i++) {
            if (!near[i]) {
                continue;
            }
            SpineModel.Vertebra vb = vs[i];
            double va = la[i];
            double vp = lp[i];
            double vsz = ls[i];
            double db = Math.abs(va) < vb.halfWidth + 3 && vp < vb.dPost + vb.bulge + vb.retro + 3
                    ? vb.bodyDistance(va, vp, vsz) : Double.MAX_VALUE;
            double de = vp > vb.dPost - 8 ? vb.elementsDistance(va, vp, vsz) : Double.MAX_VALUE;
            double d = Math.min(db, de);
            if (d >= edge) {
                continue;
            }
            double w = ramp(d, edge);
            if (w > boneW) {
                boolean inBody = db <= de;
                double marrow = marrow(vb, va, vp, vsz, x, y, z, inBody);
                bone = lerp(t.cortex, marrow, ramp(d + (inBody ? 1.0 : 1.3), edge));
                if (vb.isIndex) {
                    bone = tumour(bone, va, vp, vsz, x, y, z, inBody);
                }
                boneW = w;
            }
            if (d <= 0 && d < bestBone) {
                bestBone = d;
                label = vb.level.label();
            }
        }
        if (boneW >= 1) {
            return bone;
        }

        // Soft-tissue mass next to the index vertebra.
        double massW = 0;
        double mass = 0;
        if (m.mass != null) {
            double dm = m.mass.distance(la[ix], lp[ix], ls[ix]);
            if (dm < 2 + edge) {
                dm += 1.5 * noise.at(x / 4 + 20, y / 4, z / 4);
                massW = ramp(dm, 2 * edge);
                mass = t.mass + t.textureFine * noise.at(x / 2 + 7, y / 2, z / 2);
            }
        }
        if (massW >= 1) {
            return lerp(mass, bone, boneW);
        }

        // Intervertebral discs.
        double discW = 0;
        for (SpineModel.Disc d : m.discs) {
            double dx = x - d.cx;
            double dy = y - d.cy;
            double dz = z - d.cz;
            double s = d.sx * dx + d.sy * dy + d.sz * dz;
            if (Math.abs(s) > d.halfGap + 12) {
                continue;
            }
            double da = d.distance(d.ax * dx + d.ay * dy + d.az * dz, d.px * dx + d.py * dy + d.pz * dz, s);
            if (da < edge) {
                discW = Math.max(discW, ramp(da, edge));
            }
        }
        double v = discW > 0 ? t.disc + 0.4 * t.textureFine * noise.at(x / 2, y / 2, z / 2 + 90) : 0;
        if (discW < 1) {
            v = lerp(softTissue(vs[nearest], la[nearest], lp[nearest], x, y, z), v, discW);
        }
        return lerp(lerp(v, mass, massW), bone, boneW);
    }

    /** Retroperitoneal fat with strands, paraspinal and psoas muscles, aorta, and the spinal canal. */
    private double softTissue(SpineModel.Vertebra nv, double a, double p, double x, double y, double z) {
        double dc = nv.canalDistance(a, p);
        double canalW = ramp(dc, edge);
        double canal = 0;
        if (canalW > 0) {
            // Epidural fat, dural sac (CSF), and the cord above the conus (L1).
            canal = lerp(t.epiduralFat, t.csf, ramp(nv.sacDistance(a, p), edge));
            if (nv.level.compareTo(VertebraLevel.L1) <= 0) {
                double cord = SpineModel.ellipseDistance(a, p - (nv.dPost + nv.pedLen / 2 + 1.5), 4.5, 3.5);
                canal = lerp(canal, t.cord, ramp(cord, edge));
            }
            if (canalW >= 1) {
                return canal;
            }
        }
        double aa = Math.abs(a);
        double strands = SpineModel.clamp(2 * noise.at(x / 3, y / 3, z / 3) - 0.6, 0, 1);
        double v = t.fat + (t.muscle - t.fat) * 0.5 * strands;
        double para = nv.dPost + 0.3 * nv.pedLen - p;
        double muscleW = ramp(para, 3 * edge);
        if (nv.level.isLumbar()) {
            double psoas = Math.max(Math.max(nv.halfWidth - 5 - aa, -0.7 * nv.bAnt - p), p - nv.dPost);
            muscleW = Math.max(muscleW, ramp(psoas, 3 * edge));
        }
        if (muscleW > 0) {
            double fatty = SpineModel.clamp(2 * noise.at(x / 2.5 + 50, y / 2.5, z / 5) - 0.9, 0, 1);
            v = lerp(v, t.muscle + (t.fat - t.muscle) * 0.6 * fatty, muscleW);
        }
        double ao = Math.sqrt((x - m.aortaX) * (x - m.aortaX) + (y - m.aortaY) * (y - m.aortaY)) - 9.5;
        if (ao < edge) {
            v = lerp(v, t.vessel, ramp(ao, edge));
        }
        return lerp(v, canal, canalW);
    }

    /** Marrow value of a vertebra (before tumour), with the fracture signs of the index vertebra. */
    private double marrow(SpineModel.Vertebra vb, double a, double p, double s, double x, double y, double z,
            boolean inBody) {
        double o = vb.level.ordinal() * 37.3;
        double val = vb.marrow + t.textureFine * noise.at(a / 1.1 + o, p / 1.1, s / 2.6)
                + t.textureCoarse * noise.at(a / 4 + o, p / 4 + 60, s / 4);
        if (vb == m.incidentalHost) {
            double d = m.incidental.distance(a, p, s) + 0.3 * m.incidental.ra() * noise.at(a / 1.5, p / 1.5, s / 1.5);
            if (d < 2 * edge) {
                double w = ramp(d, 2 * edge);
                if (m.incidentalKind == 1) {
                    val = lerp(val, 0.9 * t.cortex, w);
                } else if (m.modality == Modality.CT) {
                    val = lerp(val, -20 + 450 * Math.max(0, noise.at(a / 1.3, p / 1.3, s / 9) - 0.1), w);
                } else {
                    val = lerp(val, 0.93 * t.fat, w);
                }
            }
        }
        if (!vb.isIndex) {
            return val;
        }
        boolean ctScan = m.modality == Modality.CT;
        double band = 0;
        if (m.bandTop || m.bandBottom) {
            double irregular = m.bandThickness * (1 + 0.35 * noise.at(a / 3 + 11, p / 3, s / 3));
            if (m.bandTop) {
                band = Math.max(band, ramp(vb.topAt(a, p) - s - irregular, 2.5));
            }
            if (m.bandBottom) {
                band = Math.max(band, ramp(s - vb.bottomAt(a, p) - irregular, 2.5));
            }
            band *= m.bandStrength;
        }
        double oedema = m.diffuseOedema;
        if (m.patchyOedema > 0) {
            oedema += m.patchyOedema * SpineModel.clamp(1.5 * noise.at(x / 5 + 31, y / 5, z / 5) + 0.3, 0, 1);
        }
        if (m.pedicleOedema && !inBody && p < vb.dPost + vb.pedLen) {
            oedema = Math.max(oedema, 0.6);
        }
        oedema = Math.min(oedema, 1);
        if (ctScan) {
            // CT: impaction sclerosis in the band, mild diffuse condensation with oedema.
            val += t.bandDelta * band + (t.oedema - t.marrow) * oedema;
        } else {
            val = lerp(val, t.oedema + t.textureFine * noise.at(a / 2 + 13, p / 2, s / 2), Math.max(band, oedema));
        }
        if (m.cleft != null) {
            double dv = m.cleft.distance(a, p, s);
            if (dv < edge) {
                val = lerp(val, t.gas, ramp(dv, edge));
            }
        }
        return val;
    }

    /**
     * Replaces bone (marrow and cortex alike: cortical destruction) by tumour in the index vertebra: focal
     * deposits wherever they lie (pedicle deposits only when pedicle involvement was drawn), diffuse
     * infiltration in the body only.
     */
    private double tumour(double bone, double a, double p, double s, double x, double y, double z, boolean inBody) {
        if (m.foci.isEmpty() && m.diffuseTumour == 0) {
            return bone;
        }
        double lyticW = 0;
        double scleroticW = 0;
        double irregular = noise.at(a / 2.5 + 17, p / 2.5, s / 2.5);
        for (SpineModel.Blob f : m.foci) {
            double d = f.distance(a, p, s) + 0.35 * f.ra() * irregular;
            if (d < 2) {
                double w = ramp(d, 2);
                if (f.sclerotic()) {
                    scleroticW = Math.max(scleroticW, w);
                } else {
                    lyticW = Math.max(lyticW, w);
                }
            }
        }
        if (m.diffuseTumour > 0 && inBody) {
            double w = SpineModel.clamp((m.diffuseTumour - 0.5 + 0.7 * noise.at(x / 4.5 + 23, y / 4.5, z / 4.5)) * 3,
                    0, 1);
            if (m.diffuseSclerotic) {
                scleroticW = Math.max(scleroticW, w);
            } else {
                lyticW = Math.max(lyticW, w);
            }
        }
        double tex = t.textureFine * noise.at(a / 1.5 + 41, p / 1.5, s / 1.5);
        bone = lerp(bone, t.lytic + tex, lyticW);
        return lerp(bone, t.sclerotic + 3 * tex, scleroticW);
    }

    /** 1 inside (d &lt;= -w/2), 0 outside (d &gt;= w/2), linear across an edge of width w. */
    private static double ramp(double d, double w) {
        double r = 0.5 - d / w;
        return r <= 0 ? 0 : r >= 1 ? 1 : r;
    }

    private static double lerp(double a, double b, double w) {
        return a + (b - a) * w;
    }

    /** Approximately standard normal (sum of four 16-bit uniforms): fast and exactly reproducible. */
    private static double gaussian(SplittableRandom r) {
        long bits = r.nextLong();
        double sum = (bits & 0xFFFF) + ((bits >>> 16) & 0xFFFF) + ((bits >>> 32) & 0xFFFF) + (bits >>> 48);
        return (sum / 65535.0 - 2.0) * 1.7320508075688772;
    }

    /** Separable [1 2 1]/4 blur along i and j (the in-plane axes of both grids), edges replicated. */
    private static void blurInPlane(double[] d, int nx, int ny, int nz) {
        double[] line = new double[Math.max(nx, ny)];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int base = nx * (j + ny * k);
                System.arraycopy(d, base, line, 0, nx);
                for (int i = 0; i < nx; i++) {
                    double l = line[Math.max(i - 1, 0)];
                    double r = line[Math.min(i + 1, nx - 1)];
                    d[base + i] = 0.25 * l + 0.5 * line[i] + 0.25 * r;
                }
            }
            for (int i = 0; i < nx; i++) {
                int base = i + nx * ny * k;
                for (int j = 0; j < ny; j++) {
                    line[j] = d[base + nx * j];
                }
                for (int j = 0; j < ny; j++) {
                    double l = line[Math.max(j - 1, 0)];
                    double r = line[Math.min(j + 1, ny - 1)];
                    d[base + nx * j] = 0.25 * l + 0.5 * line[j] + 0.25 * r;
                }
            }
        }
    }
}
