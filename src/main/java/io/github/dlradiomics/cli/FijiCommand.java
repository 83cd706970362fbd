package io.github.dlradiomics.cli;

import io.github.dlradiomics.ij.FijiLauncher;
import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import ij.ImageJ;
import ij.ImagePlus;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./dlrad fiji [IMAGE...]}: ImageJ with Plugins &gt; DLRadiomics, the images opened with their geometry. */
@Command(name = "fiji", mixinStandardHelpOptions = true,
        description = "Start ImageJ with the DLRadiomics commands (Plugins > DLRadiomics) and open the images "
                + "(NIfTI, NRRD, DICOM folders, TIFF...) with their calibration.")
final class FijiCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "images to open")
    List<Path> images = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            throw new io.github.dlradiomics.util.UserInputException(
                    "ImageJ needs a display: set DISPLAY (or use ./dlrad macro for batch work)");
        }
        List<ImagePlus> opened = new ArrayList<>();
        for (Path p : images) {
            Volume v = Volumes.read(p);
            opened.add(ImagePlusConverter.toImagePlus(v, p.getFileName().toString()));
        }
        ImageJ ij = FijiLauncher.start(true);
        ij.exitWhenQuitting(true);
        for (ImagePlus imp : opened) {
            imp.show();
        }
        // ImageJ's window keeps the JVM alive; it exits when the user quits.
        Thread.currentThread().join();
        return 0;
    }
}
