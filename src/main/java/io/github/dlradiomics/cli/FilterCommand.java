package io.github.dlradiomics.cli;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.radiomics.filters.ibsi2.FilterSpec;
import io.github.dlradiomics.util.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./dlrad filter --image IMG --filter SPEC --out OUT.nii.gz}: an IBSI-2 convolutional filter's
 * response map (float64, same grid). SPEC grammar: docs/filters.md.
 *
 * <pre>./dlrad filter --image ct.nii.gz --filter "log:sigma=3mm,boundary=mirror" --out log3.nii.gz</pre>
 */
@Command(name = "filter", mixinStandardHelpOptions = true,
        description = "Apply an IBSI-2 convolutional filter and write its response map (float64, same grid). "
                + "SPEC is name[:key=value,...][,2d], e.g. \"log:sigma=3mm,boundary=mirror\", "
                + "\"laws:kernel=L5E5E5,energy=7,rot=max\", \"gabor:sigma=10mm,lambda=4mm,gamma=0.5,theta=pi/3\", "
                + "\"wavelet:family=db2,band=LHL,level=1,rot=avg\", \"simoncelli:level=2\", \"mean:size=5\". "
                + "Filters: mean, log, laws, gabor, wavelet, simoncelli; boundaries: zero, nearest, periodic, mirror. "
                + "Every key: docs/filters.md.")
public final class FilterCommand implements Callable<Integer> {
    @Option(names = "--image", required = true, paramLabel = "IMG", description = "input image (NIfTI, NRRD, DICOM, ...)")
    Path image;

    @Option(names = "--filter", required = true, paramLabel = "SPEC", description = "filter SPEC (see docs/filters.md)")
    String filter;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "output image, e.g. out.nii.gz or out.nrrd")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FilterSpec f = FilterSpec.parse(filter);
        if (!Files.exists(image)) {
            throw new UserInputException(image + ": no such file or folder");
        }
        Volume in = Volumes.read(image);
        long t0 = System.nanoTime();
        Volume r = f.apply(in);
        double s = (System.nanoTime() - t0) / 1e9;
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Volumes.write(r, out);
        double[] mm = r.minMax();
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s -> %s (%dx%dx%d, min %.6g, max %.6g, %.2f s)%n",
                f, image, out, r.nx(), r.ny(), r.nz(), mm[0], mm[1], s);
        return 0;
    }
}
