package io.github.dlradiomics.cohort;

/**
 * Smooth 3D value noise in [-1, 1] with unit lattice spacing, from a seed only (hash based, no tables), so
 * that textures are reproducible and free of platform-dependent transcendental functions.
 */
final class ValueNoise {
    private final long seed;

    ValueNoise(long seed) {
        this.seed = seed;
    }

    /** Noise at a point given in lattice units; continuous, with continuous first derivatives. */
    double at(double x, double y, double z) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        double fz = Math.floor(z);
        int ix = (int) fx;
        int iy = (int) fy;
        int iz = (int) fz;
        double tx = smooth(x - fx);
        double ty = smooth(y - fy);
        double tz = smooth(z - fz);
        double c00 = lerp(lattice(ix, iy, iz), lattice(ix + 1, iy, iz), tx);
        double c10 = lerp(lattice(ix, iy + 1, iz), lattice(ix + 1, iy + 1, iz), tx);
        double c01 = lerp(lattice(ix, iy, iz + 1), lattice(ix + 1, iy, iz + 1), tx);
        double c11 = lerp(lattice(ix, iy + 1, iz + 1), lattice(ix + 1, iy + 1, iz + 1), tx);
        return lerp(lerp(c00, c10, ty), lerp(c01, c11, ty), tz);
    }

    private double lattice(int i, int j, int k) {
        long h = mix(seed ^ (i * 0x9E3779B97F4A7C15L) ^ (j * 0xC2B2AE3D27D4EB4FL) ^ (k * 0x165667B19E3779F9L));
        return (h >>> 11) * 0x1.0p-52 - 1.0;
    }

    /** SplitMix64's finaliser: a good 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
