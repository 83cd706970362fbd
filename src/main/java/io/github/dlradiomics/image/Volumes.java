package io.github.dlradiomics.image;

import io.github.dlradiomics.util.UserInputException;
import ij.ImagePlus;
import ij.io.Opener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes images by file name: NIfTI ({@code .nii}, {@code .nii.gz}), NRRD ({@code .nrrd},
 * {@code .nhdr}), DICOM (a folder or one {@code .dcm} of a series), and 2D formats ImageJ opens
 * (TIFF, PNG, JPEG).
 *
 * <pre>Volume v = Volumes.read(Path.of("brain1_image.nrrd")); Volumes.write(v, Path.of("brain1.nii.gz"));</pre>
 */
public final class Volumes {
    private Volumes() {
    }

    /** Reads an image; bad input raises {@link UserInputException} with one line naming the file. */
    public static Volume read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": file not found");
        }
        ImageFormat f = ImageFormat.of(file);
        if (f == null) {
            f = sniff(file);
        }
        if (f == null) {
            throw new UserInputException(file + ": unknown image format (supported: .nii, .nii.gz, .nrrd, .nhdr,"
                    + " DICOM folder or .dcm, .tif, .png, .jpg)");
        }
        return switch (f) {
            case NIFTI -> NiftiIO.read(file);
            case NRRD -> NrrdIO.read(file);
            case DICOM -> DicomSeriesReader.read(file);
            case IMAGEJ -> readWithImageJ(file);
        };
    }

    private static ImageFormat sniff(Path file) throws IOException {
        if (Files.size(file) < 132) {
            return null;
        }
        byte[] head = new byte[348];
        try (var in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            String s = new String(head, 0, Math.min(n, 8), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (s.startsWith("NRRD000")) {
                return ImageFormat.NRRD;
            }
            if (n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
                return ImageFormat.DICOM;
            }
            if (n >= 348 && head[344] == 'n' && head[345] == '+' && head[346] == '1') {
                return ImageFormat.NIFTI;
            }
        }
        return null;
    }

    private static Volume readWithImageJ(Path file) {
        ImagePlus imp = new Opener().openImage(file.toString());
        if (imp == null) {
            throw new UserInputException(file + ": ImageJ could not open this file (corrupt or unsupported)");
        }
        if (imp.getType() == ImagePlus.COLOR_RGB) {
            throw new UserInputException(file + ": an RGB image; radiomics needs a grey-level image"
                    + " (the deep-feature command reads RGB images itself)");
        }
        return ImagePlusConverter.toVolume(imp);
    }

    /** Writes a volume as NIfTI or NRRD by file name ({@code .nrrd} is gzip-compressed). */
    public static void write(Volume v, Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (n.endsWith(".nii") || n.endsWith(".nii.gz")) {
            NiftiIO.write(v, file);
        } else if (n.endsWith(".nrrd")) {
            NrrdIO.write(v, file, true);
        } else {
            throw new UserInputException(file + ": cannot write this format (use .nii, .nii.gz or .nrrd)");
        }
    }
}
