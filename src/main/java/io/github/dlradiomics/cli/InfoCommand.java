package io.github.dlradiomics.cli;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.util.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./dlrad info IMAGE [--json]}: dimensions, spacing, origin, direction, pixel type, min/max. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print an image's geometry: dimensions, spacing (mm), origin (LPS mm), direction, pixel type, "
                + "min/max. Reads NIfTI, NRRD, DICOM (folder or file), TIFF/PNG.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "image file or DICOM folder")
    Path image;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Volume v = Volumes.read(image);
        Map<String, Object> m = describe(image, v);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(m));
        } else {
            for (Map.Entry<String, Object> e : m.entrySet()) {
                out.printf(Locale.ROOT, "%-12s %s%n", e.getKey() + ":", Json.plain(e.getValue()));
            }
        }
        return 0;
    }

    static Map<String, Object> describe(Path image, Volume v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", image.toString());
        m.put("dims", v.dims());
        m.put("spacing_mm", v.spacing());
        m.put("origin_mm", v.origin());
        m.put("direction", v.direction());
        m.put("pixel_type", v.pixelType().label());
        double[] mm = v.minMax();
        m.put("min", mm[0]);
        m.put("max", mm[1]);
        m.put("voxels", v.size());
        if (!v.description().isEmpty()) {
            m.put("description", v.description());
        }
        return m;
    }
}
