package io.github.dlradiomics.radiomics.ibsi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sparse count matrix over (grey level i, second index j) shared by the run-length (j = run length), size-zone
 * (j = zone size), distance-zone (j = distance) and dependence (j = dependence count) families, with N_v, the
 * number of voxels it was built from (summed when matrices are merged). The IBSI features of these four
 * families are the same formulas on different j, computed by {@link #features()}.
 */
final class IbsiZoneMatrix {
    /** Names of {@link #features()} for GLSZM-like families: j emphases, grey level emphases, ... */
    static final int WIDTH = 17;

    private final HashMap<Long, long[]> counts = new HashMap<>();
    double voxels;

    void add(int i, long j, long n) {
        counts.computeIfAbsent(((long) i << 40) | j, k -> new long[1])[0] += n;
    }

    void merge(IbsiZoneMatrix o) {
        for (Map.Entry<Long, long[]> e : o.counts.entrySet()) {
            counts.computeIfAbsent(e.getKey(), k -> new long[1])[0] += e.getValue()[0];
        }
        voxels += o.voxels;
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    static IbsiZoneMatrix merged(List<IbsiZoneMatrix> list) {
        IbsiZoneMatrix m = new IbsiZoneMatrix();
        for (IbsiZoneMatrix o : list) {
            m.merge(o);
        }
        return m;
    }

    /**
     * Features in this order: short (small) j emphasis, long (large) j emphasis, low grey level emphasis, high
     * grey level emphasis, short-j low-grey, short-j high-grey, long-j low-grey, long-j high-grey, grey level
     * non-uniformity, its normalised form, j non-uniformity, its normalised form, percentage (N_s / N_v), grey
     * level variance, j variance, j entropy, energy (NGLDM only). NaN for an empty matrix.
     */
    double[] features() {
        if (counts.isEmpty()) {
            return IbsiFeatures.nans(WIDTH);
        }
        double ns = 0;
        HashMap<Integer, double[]> rowSum = new HashMap<>();
        HashMap<Long, double[]> colSum = new HashMap<>();
        double sje = 0;
        double lje = 0;
        double lge = 0;
        double hge = 0;
        double sjlg = 0;
        double sjhg = 0;
        double ljlg = 0;
        double ljhg = 0;
        double muI = 0;
        double muJ = 0;
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            double i = (double) (e.getKey() >>> 40);
            double j = (double) (e.getKey() & ((1L << 40) - 1));
            double c = e.getValue()[0];
            ns += c;
            double i2 = i * i;
            double j2 = j * j;
            sje += c / j2;
            lje += c * j2;
            lge += c / i2;
            hge += c * i2;
            sjlg += c / (i2 * j2);
            sjhg += c * i2 / j2;
            ljlg += c * j2 / i2;
            ljhg += c * i2 * j2;
            muI += c * i;
            muJ += c * j;
            rowSum.computeIfAbsent((int) i, k -> new double[1])[0] += c;
            colSum.computeIfAbsent((long) j, k -> new double[1])[0] += c;
        }
        muI /= ns;
        muJ /= ns;
        double varI = 0;
        double varJ = 0;
        double entr = 0;
        double energy = 0;
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            double i = (double) (e.getKey() >>> 40);
            double j = (double) (e.getKey() & ((1L << 40) - 1));
            double p = e.getValue()[0] / ns;
            varI += (i - muI) * (i - muI) * p;
            varJ += (j - muJ) * (j - muJ) * p;
            entr -= p * IbsiFeatures.log2(p);
            energy += p * p;
        }
        double glnu = 0;
        for (double[] r : rowSum.values()) {
            glnu += r[0] * r[0];
        }
        double jnu = 0;
        for (double[] c : colSum.values()) {
            jnu += c[0] * c[0];
        }
        return new double[] {sje / ns, lje / ns, lge / ns, hge / ns, sjlg / ns, sjhg / ns, ljlg / ns, ljhg / ns,
            glnu / ns, glnu / (ns * ns), jnu / ns, jnu / (ns * ns), IbsiFeatures.div(ns, voxels), varI, varJ, entr,
            energy};
    }

    /** The first {@code width} features, as an array ready for averaging. */
    double[] features(int width) {
        double[] f = features();
        return width == f.length ? f : java.util.Arrays.copyOf(f, width);
    }
}
