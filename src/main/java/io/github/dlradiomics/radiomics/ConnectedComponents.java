package io.github.dlradiomics.radiomics;

/** Counts connected components of a binary 3D mask with 26-connectivity (SimpleITK ConnectedComponent, fully connected). */
public final class ConnectedComponents {
    private ConnectedComponents() {
    }

    /** Number of 26-connected components of {@code mask} (x fastest). */
    public static int count(boolean[] mask, int nx, int ny, int nz) {
        boolean[] seen = new boolean[mask.length];
        int[] stack = new int[Math.max(16, mask.length)];
        int comps = 0;
        for (int s = 0; s < mask.length; s++) {
            if (!mask[s] || seen[s]) {
                continue;
            }
            comps++;
            int top = 0;
            stack[top++] = s;
            seen[s] = true;
            while (top > 0) {
                int i = stack[--top];
                int x = i % nx;
                int y = (i / nx) % ny;
                int z = i / (nx * ny);
                for (int dz = -1; dz <= 1; dz++) {
                    int zz = z + dz;
                    if (zz < 0 || zz >= nz) {
                        continue;
                    }
                    for (int dy = -1; dy <= 1; dy++) {
                        int yy = y + dy;
                        if (yy < 0 || yy >= ny) {
                            continue;
                        }
                        for (int dx = -1; dx <= 1; dx++) {
                            int xx = x + dx;
                            if (xx < 0 || xx >= nx) {
                                continue;
                            }
                            int j = xx + nx * (yy + ny * zz);
                            if (mask[j] && !seen[j]) {
                                seen[j] = true;
                                stack[top++] = j;
                            }
                        }
                    }
                }
            }
        }
        return comps;
    }
}
