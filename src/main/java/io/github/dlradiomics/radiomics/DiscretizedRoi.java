package io.github.dlradiomics.radiomics;

/**
 * The region of interest after preprocessing and discretisation, cropped to the mask's bounding box:
 * what the texture families (GLCM, GLRLM, GLSZM, GLDM, NGTDM) work on. Voxel (x, y, z) is at index
 * {@code x + nx * (y + ny * z)}; {@code levels} holds the grey level (bin index, 1-based as PyRadiomics'
 * numpy.digitize gives it) inside the ROI and 0 outside.
 *
 * <pre>DiscretizedRoi roi = new DiscretizedRoi(nx, ny, nz, levels, new double[] {0.78, 0.78, 6.5});</pre>
 *
 * @param nx      size along x (the image's first axis)
 * @param ny      size along y
 * @param nz      size along z
 * @param levels  grey level per voxel, 0 outside the ROI, >= 1 inside
 * @param spacing voxel spacing in mm {sx, sy, sz}
 */
public record DiscretizedRoi(int nx, int ny, int nz, int[] levels, double[] spacing) {
    public DiscretizedRoi {
        if (levels.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException("levels has " + levels.length + " values for " + nx + "x" + ny + "x" + nz);
        }
    }

    /** The largest grey level present. */
    public int maxLevel() {
        int m = 0;
        for (int l : levels) {
            m = Math.max(m, l);
        }
        return m;
    }

    /** Number of voxels inside the ROI. */
    public int voxelCount() {
        int n = 0;
        for (int l : levels) {
            if (l > 0) {
                n++;
            }
        }
        return n;
    }

    public int index(int x, int y, int z) {
        return x + nx * (y + ny * z);
    }
}
