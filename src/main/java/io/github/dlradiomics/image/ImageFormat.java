package io.github.dlradiomics.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The image file formats we read and write, recognised by name (folders are DICOM series). */
public enum ImageFormat {
    NIFTI, NRRD, DICOM, IMAGEJ;

    /** The format of a path, or null when unknown. */
    public static ImageFormat of(Path p) {
        if (Files.isDirectory(p)) {
            return DICOM;
        }
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".nii") || n.endsWith(".nii.gz")) {
            return NIFTI;
        }
        if (n.endsWith(".nrrd") || n.endsWith(".nhdr")) {
            return NRRD;
        }
        if (n.endsWith(".dcm") || n.endsWith(".ima")) {
            return DICOM;
        }
        if (n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".png") || n.endsWith(".jpg")
                || n.endsWith(".jpeg") || n.endsWith(".bmp") || n.endsWith(".gif")) {
            return IMAGEJ;
        }
        return null;
    }
}
