package io.github.dlradiomics.cohort;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random design of one synthetic study: patient, vertebral column geometry, the simulated fracture
 * signs and the imaging parameters, all drawn from one {@link SplittableRandom} seeded by (cohort seed, case
 * index). Geometry is in LPS millimetres; each vertebra has a local frame (a, p, s): a towards the
 * patient's left, p towards posterior, s towards cranial, origin at the centre of the vertebral body.
 * {@link SpineRenderer} turns the design into voxels.
 */
final class SpineModel {
    /** Field of view (mm): left-right, antero-posterior, cranio-caudal. */
    static final double FOV_LR = 60;
    static final double FOV_AP = 90;
    static final double FOV_SI = 140;

    final Modality modality;
    final ClinicalRecord clinical;
    final Findings findings;
    final Vertebra[] vertebrae;
    final Disc[] discs;
    final Vertebra index;
    final Tissue tissue;
    final long noiseSeed;
    final long textureSeed;

    // Index-vertebra signs (local coordinates of the index vertebra).
    final List<Blob> foci = new ArrayList<>();
    double diffuseTumour;
    boolean diffuseSclerotic;
    boolean bandTop;
    boolean bandBottom;
    double bandThickness;
    double bandStrength;
    double diffuseOedema;
    double patchyOedema;
    boolean pedicleOedema;
    Blob mass;
    Blob cleft;

    // Incidental finding: host vertebra and kind (0 none, 1 bone island, 2 haemangioma).
    Vertebra incidentalHost;
    int incidentalKind;
    Blob incidental;

    // Imaging.
    final double noiseSd;
    final double gain;
    final double offset;
    final double[] bias = new double[4];
    final double aortaX;
    final double aortaY;

    SpineModel(int caseIndex, CohortGenerator.Options o) {
        this.modality = o.modality();
        SplittableRandom r = new SplittableRandom(caseSeed(o.seed(), caseIndex));
        this.noiseSeed = r.nextLong();
        this.textureSeed = r.nextLong();
        // Modality-specific draws come from their own stream, so that one seed gives the same patients,
        // anatomy and signs in CT and in MR.
        SplittableRandom imaging = r.split();
        boolean malignant = isMalignant(o.seed(), caseIndex, o.malignantFraction());

        // Patient. Osteoporotic fractures: older, mostly women; metastatic: younger on average, both sexes.
        int age = (int) Math.round(clamp(malignant ? normal(r, 63, 11) : normal(r, 71, 9), 35, 95));
        boolean female = r.nextDouble() < (malignant ? 0.45 : 0.72);
        VertebraLevel level = malignant
                ? pick(r, new VertebraLevel[] {VertebraLevel.T11, VertebraLevel.T12, VertebraLevel.L1, VertebraLevel.L2,
                        VertebraLevel.L3}, new double[] {0.2, 0.2, 0.2, 0.2, 0.2})
                : pick(r, new VertebraLevel[] {VertebraLevel.T11, VertebraLevel.T12, VertebraLevel.L1, VertebraLevel.L2,
                        VertebraLevel.L3}, new double[] {0.12, 0.28, 0.30, 0.16, 0.14});
        this.clinical = new ClinicalRecord(CohortGenerator.caseId(caseIndex), age, female ? "F" : "M", malignant, level);
        this.tissue = new Tissue(modality, imaging, age, female, malignant);

        // Column: index +- 3 levels where the label map has them.
        double scale = clamp(normal(r, 1, 0.05), 0.88, 1.12) * (female ? 0.95 : 1.0);
        double discFactor = clamp(uniform(r, 0.65, 1.0) - 0.005 * (age - 60), 0.45, 1.05);
        VertebraLevel[] all = VertebraLevel.values();
        int lo = Math.max(0, level.ordinal() - 3);
        int hi = Math.min(all.length - 1, level.ordinal() + 3);
        vertebrae = new Vertebra[hi - lo + 1];
        for (int i = lo; i <= hi; i++) {
            Vertebra v = new Vertebra(all[i], scale * uniform(r, 0.97, 1.03));
            v.marrow = tissue.marrow + normal(r, 0, modality == Modality.CT ? 8 : 15);
            vertebrae[i - lo] = v;
        }
        int ix = level.ordinal() - lo;
        index = vertebrae[ix];
        index.isIndex = true;

        // Fracture morphology (both classes are compressed; shapes overlap).
        Findings.Morphology morph = malignant
                ? pick(r, Findings.Morphology.values(), new double[] {0.25, 0.15, 0.10, 0.50})
                : pick(r, Findings.Morphology.values(), new double[] {0.45, 0.30, 0.20, 0.05});
        double sev = malignant ? uniform(r, 0.22, 0.55) : uniform(r, 0.20, 0.50);
        double h0 = index.hPost;
        String endplates;
        switch (morph) {
            case WEDGE -> {
                index.hAnt = h0 * (1 - sev);
                index.hPost = h0 * (1 - 0.1 * sev);
                endplates = r.nextDouble() < 0.8 ? "superior" : "inferior";
            }
            case SUPERIOR_ENDPLATE -> {
                index.hAnt = index.hPost = h0 * (1 - 0.2 * sev);
                index.depTop = sev * h0 * 0.75;
                endplates = "superior";
            }
            case BICONCAVE -> {
                index.hAnt = index.hPost = h0 * (1 - 0.15 * sev);
                index.depTop = index.depBot = sev * h0 * 0.42;
                endplates = "both";
            }
            default -> {
                index.hAnt = index.hPost = h0 * (1 - sev);
                endplates = r.nextDouble() < 0.5 ? "superior" : "both";
            }
        }
        double minHeight = Math.min(Math.min(index.hAnt, index.hPost),
                index.halfHeight(0) * 2 - index.depTop - index.depBot);
        double heightLoss = 100 * (1 - minHeight / h0);

        // Posterior wall: convex bulge (malignant) or a retropulsed posterosuperior fragment (mostly benign).
        index.bulge = malignant ? (r.nextDouble() < 0.6 ? uniform(r, 1.5, 5.0) : 0)
                : (r.nextDouble() < 0.1 ? uniform(r, 0.5, 2.0) : 0);
        index.retro = (r.nextDouble() < (malignant ? 0.05 : 0.2)) ? uniform(r, 1.5, 4.0) : 0;
        boolean fracturedTop = !endplates.equals("inferior");
        boolean fracturedBottom = !endplates.equals("superior");

        // Marrow signs.
        boolean subtle = malignant && r.nextDouble() < 0.15;
        String pattern = "none";
        String pedicles = "none";
        if (malignant) {
            double u = r.nextDouble();
            double pScl = u < 0.7 ? 0.1 : u < 0.9 ? 0.5 : 0.85;
            int k = subtle ? 1 : 1 + r.nextInt(5);
            int scl = 0;
            for (int i = 0; i < k; i++) {
                boolean s = r.nextDouble() < pScl;
                scl += s ? 1 : 0;
                double rad = subtle ? uniform(r, 2.5, 4.0) : uniform(r, 3.0, 8.5) * scale;
                foci.add(new Blob(uniform(r, -0.7, 0.7) * index.halfWidth,
                        uniform(r, -0.6 * index.bAnt, 0.85 * index.dPost), uniform(r, -0.3, 0.3) * index.hPost, rad,
                        rad, rad, s));
            }
            diffuseTumour = subtle || r.nextDouble() < 0.2 ? 0 : uniform(r, 0.4, 1.0);
            diffuseSclerotic = pScl >= 0.85;
            pattern = scl == 0 && !diffuseSclerotic ? "lytic" : scl == k && pScl >= 0.85 ? "sclerotic" : "mixed";
            if (!subtle && r.nextDouble() < 0.6) {
                double side = r.nextDouble();
                pedicles = side < 0.4 ? "left" : side < 0.8 ? "right" : "both";
                for (int sgn = -1; sgn <= 1; sgn += 2) {
                    if (pedicles.equals("both") || pedicles.equals(sgn > 0 ? "left" : "right")) {
                        double rad = uniform(r, 4.0, 7.0);
                        foci.add(new Blob(sgn * index.pedA, index.dPost + index.pedLen * 0.4, index.pedS, rad, rad, rad,
                                r.nextDouble() < pScl));
                    }
                }
            }
            if (subtle) {
                index.bulge = 0;
            }
        } else {
            pedicleOedema = r.nextDouble() < 0.12;
        }
        boolean band = r.nextDouble() < (malignant ? 0.2 : 0.75);
        if (band) {
            bandTop = fracturedTop;
            bandBottom = fracturedBottom;
            bandThickness = uniform(r, 2.5, 9.0);
            bandStrength = uniform(r, 0.5, 1.0);
        }
        diffuseOedema = !malignant && r.nextDouble() < 0.15 ? uniform(r, 0.2, 0.6) : 0;
        patchyOedema = !malignant && r.nextDouble() < 0.15 ? uniform(r, 0.15, 0.5) : 0;

        String soft = "none";
        double u = r.nextDouble();
        double sideSign = r.nextDouble() < 0.5 ? -1 : 1;
        if (malignant && !subtle && u < 0.35) {
            if (u < 0.2) {
                soft = "epidural";
                mass = new Blob(sideSign * 3, index.dPost + 4.5, uniform(r, -0.2, 0.2) * index.hPost, 7, 4.5, 9, false);
            } else {
                soft = "paravertebral";
                mass = new Blob(sideSign * (index.halfWidth - 2), -0.1 * index.bAnt, 0, 8, 12, 14, false);
            }
        } else if (!malignant && u < 0.1) {
            soft = "haematoma";
            mass = new Blob(0, -index.bAnt - 1.5, 0, 0.8 * index.halfWidth, 3, 0.7 * index.hPost, false);
        }
        boolean vacuum = r.nextDouble() < (malignant ? 0.02 : 0.12);
        if (vacuum) {
            double sc = fracturedTop ? index.topAt(0, -0.25 * index.bAnt) - 3 : index.bottomAt(0, -0.25 * index.bAnt) + 3;
            cleft = new Blob(0, -0.25 * index.bAnt, sc, 0.45 * index.halfWidth, 0.35 * index.bAnt, 1.2, false);
        }

        // Incidental findings in any visible vertebra (the index one included).
        String incidentalText = "none";
        double ui = r.nextDouble();
        int hostIdx = r.nextDouble() < 0.3 ? ix : clampIndex(ix + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(2)));
        Vertebra host = vertebrae[hostIdx];
        if (ui < 0.15) {
            incidentalKind = 1;
            double rad = uniform(r, 2.0, 5.0);
            incidental = new Blob(uniform(r, -0.5, 0.5) * host.halfWidth, uniform(r, -0.5, 0.5) * host.bAnt,
                    uniform(r, -0.25, 0.25) * host.hPost, rad, rad, rad, true);
            incidentalText = "bone island " + host.level;
        } else if (ui < 0.30) {
            incidentalKind = 2;
            double rad = uniform(r, 5.0, 10.0);
            incidental = new Blob(uniform(r, -0.4, 0.4) * host.halfWidth, uniform(r, -0.4, 0.4) * host.bAnt,
                    uniform(r, -0.2, 0.2) * host.hPost, rad, rad, rad, false);
            incidentalText = "haemangioma " + host.level;
        } else if (ui < 0.50) {
            boolean top = r.nextBoolean();
            host.schmorlTop = top;
            host.schA = uniform(r, -0.4, 0.4) * host.halfWidth;
            host.schP = uniform(r, -0.4, 0.4) * host.bAnt;
            host.schR = uniform(r, 4.0, 7.0);
            host.schDepth = uniform(r, 2.0, 4.0);
            incidentalText = "Schmorl node " + host.level + (top ? " superior" : " inferior");
        }
        if (incidentalKind != 0) {
            incidentalHost = host;
        }

        // Stack the column around the index vertebra (angles in radians, positive = up-axis tilted anteriorly).
        double deg = Math.PI / 180;
        double coronal = uniform(r, -3, 3) * deg;
        index.tilt = uniform(r, -8, 8) * deg;
        index.coronal = coronal;
        index.setAxes();
        double wedgeTilt = StrictMath.atan2((index.hPost - index.hAnt) / 2, index.bAnt + index.dPost);
        index.cx = uniform(r, -2, 2);
        index.cy = -FOV_AP / 2 + 7 + index.bAnt + uniform(r, -3, 3);
        index.cz = uniform(r, -6, 6);
        double[] discH = new double[vertebrae.length - 1];
        for (int i = 0; i < discH.length; i++) {
            discH[i] = vertebrae[i].level.discBelow() * discFactor * uniform(r, 0.85, 1.15);
        }
        for (int i = ix - 1; i >= 0; i--) {
            Vertebra below = vertebrae[i + 1];
            Vertebra v = vertebrae[i];
            v.tilt = below.tilt + junction(r, below.level) * deg + (below.isIndex ? wedgeTilt : 0);
            v.coronal = coronal + uniform(r, -1, 1) * deg;
            v.setAxes();
            double up = below.halfHeight(0);
            double shift = uniform(r, -1, 1);
            v.cx = below.cx + below.sx * up + v.sx * (discH[i] + v.halfHeight(0)) + v.px * shift;
            v.cy = below.cy + below.sy * up + v.sy * (discH[i] + v.halfHeight(0)) + v.py * shift;
            v.cz = below.cz + below.sz * up + v.sz * (discH[i] + v.halfHeight(0)) + v.pz * shift;
        }
        for (int i = ix + 1; i < vertebrae.length; i++) {
            Vertebra above = vertebrae[i - 1];
            Vertebra v = vertebrae[i];
            v.tilt = above.tilt - junction(r, v.level) * deg - (above.isIndex ? wedgeTilt : 0);
            v.coronal = coronal + uniform(r, -1, 1) * deg;
            v.setAxes();
            double down = above.halfHeight(0);
            double shift = uniform(r, -1, 1);
            v.cx = above.cx - above.sx * down - v.sx * (discH[i - 1] + v.halfHeight(0)) + v.px * shift;
            v.cy = above.cy - above.sy * down - v.sy * (discH[i - 1] + v.halfHeight(0)) + v.py * shift;
            v.cz = above.cz - above.sz * down - v.sz * (discH[i - 1] + v.halfHeight(0)) + v.pz * shift;
        }
        discs = new Disc[vertebrae.length - 1];
        for (int i = 0; i < discs.length; i++) {
            discs[i] = new Disc(vertebrae[i], vertebrae[i + 1]);
        }

        // Imaging chain.
        if (modality == Modality.CT) {
            noiseSd = uniform(imaging, 10, 28);
            gain = 1;
            offset = normal(imaging, 0, 4);
        } else {
            noiseSd = uniform(imaging, 12, 35);
            gain = uniform(imaging, 0.85, 1.15);
            offset = 0;
            bias[0] = uniform(imaging, 0.05, 0.25); // posterior (spine coil) brighter
            bias[1] = uniform(imaging, -0.12, 0.12);
            bias[2] = uniform(imaging, -0.10, 0.05);
            bias[3] = uniform(imaging, -0.06, 0.06);
        }
        aortaX = index.cx + uniform(r, 6, 14);
        aortaY = index.cy - index.bAnt - uniform(r, 8, 12);

        findings = new Findings(morph, heightLoss, endplates, band, Math.min(1, diffuseOedema + patchyOedema),
                pattern, malignant ? foci.size() : 0,
                diffuseTumour, index.bulge, index.retro, pedicles, pedicleOedema, soft, vacuum, incidentalText, noiseSd);
    }

    private int clampIndex(int i) {
        return Math.max(0, Math.min(vertebrae.length - 1, i));
    }

    /** Change of sagittal angle (degrees) from the given level to the one above: lordosis, then kyphosis. */
    private static double junction(SplittableRandom r, VertebraLevel lower) {
        if (lower.isLumbar() && lower != VertebraLevel.L1) {
            return -uniform(r, 2, 6);
        }
        if (lower == VertebraLevel.L1 || lower == VertebraLevel.T12) {
            return uniform(r, -2, 2);
        }
        return uniform(r, 1.5, 4);
    }

    /** Per-case seed: depends on the cohort seed and the case index only. */
    static long caseSeed(long seed, int caseIndex) {
        return ValueNoise.mix(ValueNoise.mix(seed) ^ ValueNoise.mix(0x5EEDL + caseIndex));
    }

    /**
     * Class of a case: in each block of ten consecutive cases, a seeded shuffle marks as malignant the share
     * that keeps the running fraction at {@code fraction}. Depends on (seed, index) only, not on the cohort size.
     */
    static boolean isMalignant(long seed, int caseIndex, double fraction) {
        int block = caseIndex / 10;
        long before = Math.round(block * 10 * fraction);
        int inBlock = (int) (Math.round((block + 1) * 10 * fraction) - before);
        SplittableRandom r = new SplittableRandom(ValueNoise.mix(seed ^ 0xB10C5L) + block);
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int i = 9; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int pos = caseIndex % 10;
        for (int i = 0; i < inBlock; i++) {
            if (order[i] == pos) {
                return true;
            }
        }
        return false;
    }

    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** Normal draw by Box-Muller with StrictMath, so results never depend on the platform's intrinsics. */
    static double normal(SplittableRandom r, double mean, double sd) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return mean + sd * StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    private static <T> T pick(SplittableRandom r, T[] items, double[] weights) {
        double u = r.nextDouble();
        double acc = 0;
        for (int i = 0; i < items.length; i++) {
            acc += weights[i];
            if (u < acc) {
                return items[i];
            }
        }
        return items[items.length - 1];
    }

    /** An ellipsoid in a vertebra's local frame (a focus, a mass, a gas cleft). */
    record Blob(double a, double p, double s, double ra, double rp, double rs, boolean sclerotic) {
        /** Approximate signed distance (mm, negative inside). */
        double distance(double la, double lp, double ls) {
            double x = (la - a) / ra;
            double y = (lp - p) / rp;
            double z = (ls - s) / rs;
            double k0 = Math.sqrt(x * x + y * y + z * z);
            double x2 = x / ra;
            double y2 = y / rp;
            double z2 = z / rs;
            double k1 = Math.sqrt(x2 * x2 + y2 * y2 + z2 * z2);
            return k1 < 1e-12 ? -Math.min(ra, Math.min(rp, rs)) : k0 * (k0 - 1) / k1;
        }
    }

    /** Tissue values of the modality for this patient (HU for CT, T1-weighted units for MR). */
    static final class Tissue {
        final double fat;
        final double muscle;
        final double disc;
        final double csf;
        final double cord;
        final double epiduralFat;
        final double cortex;
        final double marrow;
        final double lytic;
        final double sclerotic;
        final double oedema;
        final double gas;
        final double vessel;
        final double mass;
        final double textureFine;
        final double textureCoarse;
        final double bandDelta;

        Tissue(Modality m, SplittableRandom r, int age, boolean female, boolean malignant) {
            if (m == Modality.CT) {
                fat = -100;
                muscle = 50;
                disc = 85;
                csf = 10;
                cord = 35;
                epiduralFat = -85;
                cortex = 950;
                // Trabecular density falls with age and in women; osteoporosis is what makes the benign class.
                marrow = clamp(185 - 2.0 * (age - 50) - (female ? 12 : 0) - (malignant ? 0 : 10) + normal(r, 0, 22),
                        40, 320);
                lytic = 45;
                sclerotic = 750;
                oedema = marrow + 50;
                gas = -900;
                vessel = 45;
                mass = 45;
                textureFine = 30;
                textureCoarse = 12;
                bandDelta = uniform(r, 120, 300);
            } else {
                fat = 880;
                muscle = 330;
                disc = 280;
                csf = 170;
                cord = 420;
                epiduralFat = 800;
                cortex = 50;
                // Fatty (bright) marrow increases with age and with osteoporosis.
                marrow = clamp(590 + 3.5 * (age - 50) + (malignant ? 0 : 25) + normal(r, 0, 45), 420, 820);
                lytic = 280;
                sclerotic = 110;
                oedema = 400;
                gas = 25;
                vessel = 70;
                mass = 330;
                textureFine = 12;
                textureCoarse = 22;
                bandDelta = 0;
            }
        }
    }

    /** One vertebra: body and posterior elements in its local frame. */
    static final class Vertebra {
        /** Concavity of the anterior and lateral walls at mid-height (fraction of the body's radius). */
        static final double WAIST = 0.04;
        /** Radius (mm) of the rounded rim where endplates meet the walls. */
        static final double EDGE_ROUNDING = 2.0;
        final VertebraLevel level;
        boolean isIndex;
        double cx;
        double cy;
        double cz;
        double tilt;
        double coronal;
        // Local axes in world (LPS) coordinates.
        double ax;
        double ay;
        double az;
        double px;
        double py;
        double pz;
        double sx;
        double sy;
        double sz;
        // Body.
        final double halfWidth;
        final double bAnt;
        final double bPost;
        final double dPost;
        double hAnt;
        double hPost;
        double depTop;
        double depBot;
        double bulge;
        double retro;
        final double concavity;
        double schA;
        double schP;
        double schR;
        double schDepth;
        boolean schmorlTop;
        // Posterior elements.
        final double pedA;
        final double pedRa;
        final double pedRs;
        final double pedS;
        final double pedLen;
        final double lamT;
        final double spLen;
        final double spSlope;
        final double spH;
        final double tpLen;
        final double sReach;
        double marrow;

        Vertebra(VertebraLevel level, double scale) {
            this.level = level;
            halfWidth = level.width() * scale / 2;
            bAnt = level.depth() * scale / 2;
            dPost = level.depth() * scale / 2;
            bPost = dPost * 1.35;
            hAnt = level.height() * scale;
            hPost = hAnt;
            depTop = 0.04 * hAnt;
            depBot = 0.04 * hAnt;
            concavity = 1.0;
            pedA = 0.34 * level.width() * scale;
            pedRa = 0.10 * level.width() * scale;
            pedRs = 0.30 * level.height() * scale;
            pedS = 0.15 * level.height() * scale;
            pedLen = (level.isLumbar() ? 0.45 : 0.42) * level.depth() * scale;
            lamT = 6;
            spLen = 24;
            spSlope = level.isLumbar() ? -0.15 : -0.6;
            spH = level.isLumbar() ? 8 : 5;
            tpLen = level.isLumbar() ? 16 : 9;
            sReach = Math.max(hAnt / 2 + 4, -(pedS - 3 + spSlope * (spLen + lamT)) + spH + 4) + 2;
        }

        void setAxes() {
            double ct = StrictMath.cos(tilt);
            double st = StrictMath.sin(tilt);
            double cc = StrictMath.cos(coronal);
            double sc = StrictMath.sin(coronal);
            // R = Rx(tilt) * Ry(coronal); columns are the local axes a, p, s in LPS.
            ax = cc;
            ay = st * sc;
            az = -ct * sc;
            px = 0;
            py = ct;
            pz = st;
            sx = sc;
            sy = -st * cc;
            sz = ct * cc;
        }

        /** Half the rim height at antero-posterior position p (linear from anterior to posterior wall). */
        double halfHeight(double p) {
            double t = clamp((p + bAnt) / (bAnt + dPost), 0, 1);
            return 0.5 * (hAnt + (hPost - hAnt) * t);
        }

        /** Central endplate dome profile: 1 at the centre, 0 at the rim. */
        double bump(double a, double p) {
            double u = a / (0.8 * halfWidth);
            double pc = 0.5 * (dPost - bAnt);
            double w = (p - pc) / (0.4 * (bAnt + dPost));
            return Math.max(0, 1 - u * u - w * w);
        }

        private double schmorl(double a, double p) {
            if (schDepth == 0) {
                return 0;
            }
            double da = a - schA;
            double dp = p - schP;
            return schDepth * Math.max(0, 1 - (da * da + dp * dp) / (schR * schR));
        }

        /** s of the superior endplate at (a, p). */
        double topAt(double a, double p) {
            return halfHeight(p) - depTop * bump(a, p) - (schmorlTop ? schmorl(a, p) : 0);
        }

        /** s of the inferior endplate at (a, p). */
        double bottomAt(double a, double p) {
            return -halfHeight(p) + depBot * bump(a, p) + (schmorlTop ? 0 : schmorl(a, p));
        }

        /** Extra reach of the adjacent disc into a depressed endplate (mm). */
        double depressionAt(double a, double p, boolean top) {
            double b = bump(a, p);
            return (top ? depTop : depBot) * b + (schmorlTop == top ? schmorl(a, p) : 0);
        }

        /** Signed distance (mm) to the vertebral body. */
        double bodyDistance(double a, double p, double s) {
            double top = topAt(a, p);
            double bot = bottomAt(a, p);
            double hh = 0.5 * (top - bot);
            double mid = 0.5 * (top + bot);
            double u = (s - mid) / Math.max(hh, 1);
            double f = Math.max(0, 1 - u * u);
            double waist = 1 - WAIST * f;
            double dXs = ellipseDistance(a, p, halfWidth * waist, (p < 0 ? bAnt : bPost) * waist);
            double g = Math.max(0, 1 - (a / (0.75 * halfWidth)) * (a / (0.75 * halfWidth)));
            double wall = dPost + (bulge - concavity) * f * g;
            if (retro > 0) {
                double v = (s - (top - 0.25 * hh)) / (0.35 * hh);
                wall += retro * Math.max(0, 1 - v * v) * g;
            }
            return roundedMax(Math.max(dXs, p - wall), Math.max(s - top, bot - s), EDGE_ROUNDING);
        }

        /** Signed distance (mm) to the posterior elements (pedicles, lamina, spinous and transverse processes). */
        double elementsDistance(double a, double p, double s) {
            double aa = Math.abs(a);
            double ped = roundBox(aa - pedA, p - (dPost + pedLen / 2 - 2), s - pedS, pedRa, pedLen / 2 + 2, pedRs,
                    Math.min(pedRa, pedRs) * 0.9);
            // Laminae slope back towards the midline (a roof over a trefoil canal).
            double lamP = dPost + pedLen + lamT / 2 - 3 * Math.min(1, aa / (pedA + pedRa));
            double lam = roundBox(a, p - lamP, s - (pedS - 3), pedA + pedRa, lamT / 2, pedRs + 2, 2);
            double p0 = dPost + pedLen + lamT / 2;
            double spS = pedS - 3 + spSlope * (p - p0);
            double sp = roundBox(a, p - (p0 + spLen / 2), s - spS, 2.8, spLen / 2, spH, 2);
            double tp = roundBox(aa - (pedA + tpLen / 2), p - (dPost + pedLen * 0.55), s - pedS, tpLen / 2, 3.2, 4.5,
                    2.5);
            return Math.min(Math.min(ped, lam), Math.min(sp, tp));
        }

        /** Signed distance (mm) to the spinal canal (bounded by body, pedicles and lamina). */
        double canalDistance(double a, double p) {
            return ellipseDistance(a, p - (dPost + pedLen / 2 + 0.5), pedA - pedRa + 1, pedLen / 2 + 1.5);
        }

        /** Signed distance (mm) to the dural sac inside the canal. */
        double sacDistance(double a, double p) {
            return ellipseDistance(a, p - (dPost + pedLen / 2 + 1.5), 0.7 * (pedA - pedRa), 0.38 * pedLen);
        }
    }

    /** An intervertebral disc, in a frame halfway between its two vertebrae. */
    static final class Disc {
        final Vertebra upper;
        final Vertebra lower;
        final double cx;
        final double cy;
        final double cz;
        final double ax;
        final double ay;
        final double az;
        final double px;
        final double py;
        final double pz;
        final double sx;
        final double sy;
        final double sz;
        final double halfGap;
        final double halfWidth;
        final double bAnt;
        final double bPost;
        final double dPost;

        Disc(Vertebra u, Vertebra l) {
            upper = u;
            lower = l;
            double hu = u.halfHeight(0);
            double hl = l.halfHeight(0);
            double[] top = {l.cx + l.sx * hl, l.cy + l.sy * hl, l.cz + l.sz * hl};
            double[] bot = {u.cx - u.sx * hu, u.cy - u.sy * hu, u.cz - u.sz * hu};
            cx = 0.5 * (top[0] + bot[0]);
            cy = 0.5 * (top[1] + bot[1]);
            cz = 0.5 * (top[2] + bot[2]);
            halfGap = 0.5 * Math.sqrt(sq(bot[0] - top[0]) + sq(bot[1] - top[1]) + sq(bot[2] - top[2]));
            // Average frame, re-orthonormalised (Gram-Schmidt on s, then p, then a = p x s).
            double s0 = u.sx + l.sx;
            double s1 = u.sy + l.sy;
            double s2 = u.sz + l.sz;
            double n = Math.sqrt(s0 * s0 + s1 * s1 + s2 * s2);
            sx = s0 / n;
            sy = s1 / n;
            sz = s2 / n;
            double q0 = u.px + l.px;
            double q1 = u.py + l.py;
            double q2 = u.pz + l.pz;
            double d = q0 * sx + q1 * sy + q2 * sz;
            q0 -= d * sx;
            q1 -= d * sy;
            q2 -= d * sz;
            n = Math.sqrt(q0 * q0 + q1 * q1 + q2 * q2);
            px = q0 / n;
            py = q1 / n;
            pz = q2 / n;
            ax = py * sz - pz * sy;
            ay = pz * sx - px * sz;
            az = px * sy - py * sx;
            halfWidth = 0.5 * (u.halfWidth + l.halfWidth) * 1.03;
            bAnt = 0.5 * (u.bAnt + l.bAnt) * 1.03;
            bPost = 0.5 * (u.bPost + l.bPost) * 1.03;
            dPost = 0.5 * (u.dPost + l.dPost) + 0.8;
        }

        /** Signed distance (mm) at local coordinates; the disc fills depressed endplates of its neighbours. */
        double distance(double a, double p, double s) {
            double dXs = Math.max(ellipseDistance(a, p, halfWidth, p < 0 ? bAnt : bPost), p - dPost);
            double reach = halfGap + 0.6 + (s > 0 ? upper.depressionAt(a, p, false) : lower.depressionAt(a, p, true));
            return Math.max(dXs, Math.abs(s) - reach);
        }
    }

    /** First-order signed distance (mm) to an axis-aligned ellipse with semi-axes ra, rb. */
    static double ellipseDistance(double x, double y, double ra, double rb) {
        double u = x / ra;
        double v = y / rb;
        double q = Math.sqrt(u * u + v * v);
        double gx = u / ra;
        double gy = v / rb;
        double g = Math.sqrt(gx * gx + gy * gy);
        return g < 1e-12 ? -Math.min(ra, rb) : q * (q - 1) / g;
    }

    /** Intersection of two signed distances with the edge rounded by radius r (hg_sdf's fOpIntersectionRound). */
    static double roundedMax(double d1, double d2, double r) {
        double u = Math.max(r + d1, 0);
        double v = Math.max(r + d2, 0);
        return Math.min(-r, Math.max(d1, d2)) + Math.sqrt(u * u + v * v);
    }

    /** Exact signed distance to a box with half extents (hx, hy, hz) whose edges are rounded by radius rr. */
    static double roundBox(double x, double y, double z, double hx, double hy, double hz, double rr) {
        double qx = Math.abs(x) - (hx - rr);
        double qy = Math.abs(y) - (hy - rr);
        double qz = Math.abs(z) - (hz - rr);
        double ox = Math.max(qx, 0);
        double oy = Math.max(qy, 0);
        double oz = Math.max(qz, 0);
        return Math.sqrt(ox * ox + oy * oy + oz * oz) + Math.min(Math.max(qx, Math.max(qy, qz)), 0) - rr;
    }

    private static double sq(double v) {
        return v * v;
    }
}
