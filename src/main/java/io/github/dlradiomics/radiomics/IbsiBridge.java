package io.github.dlradiomics.radiomics;

import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.radiomics.filters.ibsi2.FilterSpec;
import io.github.dlradiomics.radiomics.ibsi.IbsiFeatures;
import io.github.dlradiomics.radiomics.ibsi.IbsiSettings;
import io.github.dlradiomics.radiomics.ibsi.IbsiStatistics;
import io.github.dlradiomics.util.UserInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feeds a preprocessed case to the IBSI families: a crop of the (resampled) image around the ROI with
 * enough margin for local intensity (a 1 cm^3 sphere, radius 6.2 mm), both IBSI masks, and grey levels
 * discretised as IBSI defines it (fixed bin size from the re-segmentation range's lower bound, or the
 * ROI minimum; fixed bin number over the ROI range). PyRadiomics feature classes select IBSI families:
 * shape = morphology; firstorder = statistics, histogram, IVH, local intensity; glcm = cm; glrlm = rlm;
 * glszm = szm and dzm; gldm = ngl; ngtdm = ngt.
 * <p>
 * With an IBSI-2 filter ({@code ibsi: filter}), {@link #filtered} replaces the image by the filter's response map and
 * {@link #compute} gives the intensity statistics ({@code stat_*}, featureClass firstorder) of the response map inside
 * the intensity mask: the only features IBSI-2 defines for response maps.
 */
final class IbsiBridge {
    private static final double LOCAL_INTENSITY_RADIUS_MM = 6.2;

    private IbsiBridge() {
    }

    /**
     * IBSI-2 (arXiv:2006.05470, phase 2): the response map of the filter SPEC applied to the whole processed image
     * ({@code p.grid()}, after interpolation and rounding) with the SPEC's boundary condition replaces the image; the
     * morphological and intensity masks are kept (re-segmentation used the unfiltered intensities).
     *
     * @throws UserInputException when a feature class other than firstorder is selected
     */
    static Preprocessor.Prepared filtered(Preprocessor.Prepared p, String spec, Set<String> classes) {
        for (String c : classes) {
            if (!c.equals("firstorder")) {
                throw new UserInputException("ibsi: filter: IBSI-2 defines only the intensity statistics (stat_*) of"
                        + " a response map; select featureClass firstorder only (found " + c + ")");
            }
        }
        Volume r = FilterSpec.parse(spec).apply(p.grid());
        int[] bb = p.bbox();
        double[] vals = new double[p.values().length];
        for (int z = 0; z < bb[5]; z++) {
            for (int y = 0; y < bb[4]; y++) {
                System.arraycopy(r.data(), r.index(bb[0], bb[1] + y, bb[2] + z), vals, bb[3] * (y + bb[4] * z), bb[3]);
            }
        }
        return new Preprocessor.Prepared(vals, p.morphMask(), p.intensityMask(), p.nx(), p.ny(), p.nz(), p.spacing(),
                r, bb);
    }

    static LinkedHashMap<String, Double> compute(Preprocessor.Prepared p, RadiomicsSettings s, IbsiSettings ibsi,
            Set<String> classes) {
        if (ibsi.filter() != null) {
            // response map (see filtered): the 18 intensity statistics only
            if (!classes.contains("firstorder")) {
                return new LinkedHashMap<>();
            }
            int[] levels = new int[p.values().length];
            Arrays.fill(levels, 1); // grey levels are not used by the statistics
            return IbsiStatistics.compute(new IbsiFeatures.Input(p.values(), p.morphMask(), p.intensityMask(), p.nx(),
                    p.ny(), p.nz(), p.spacing(), levels, null));
        }
        Volume g = p.grid();
        int[] bb = p.bbox();
        double[] sp = g.spacing();
        int[] lo = new int[3];
        int[] size = new int[3];
        int[] dims = g.dims();
        for (int i = 0; i < 3; i++) {
            int m = (int) Math.ceil(LOCAL_INTENSITY_RADIUS_MM / sp[i]) + 1;
            lo[i] = Math.max(0, bb[i] - m);
            int hi = Math.min(dims[i] - 1, bb[i] + bb[3 + i] - 1 + m);
            size[i] = hi - lo[i] + 1;
        }
        int n = size[0] * size[1] * size[2];
        double[] intensity = new double[n];
        boolean[] morph = new boolean[n];
        boolean[] inten = new boolean[n];
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                System.arraycopy(g.data(), g.index(lo[0], lo[1] + y, lo[2] + z), intensity, size[0] * (y + size[1] * z),
                        size[0]);
            }
        }
        // place the bounding-box masks into the crop
        int o = 0;
        for (int z = 0; z < p.nz(); z++) {
            for (int y = 0; y < p.ny(); y++) {
                for (int x = 0; x < p.nx(); x++, o++) {
                    int t = (bb[0] - lo[0] + x) + size[0] * ((bb[1] - lo[1] + y) + size[1] * (bb[2] - lo[2] + z));
                    morph[t] = p.morphMask()[o];
                    inten[t] = p.intensityMask()[o];
                }
            }
        }
        int[] levels = discretise(intensity, inten, s);
        IbsiFeatures.Input in = new IbsiFeatures.Input(intensity, morph, inten, size[0], size[1], size[2], sp, levels,
                null);
        // families the feature classes do not select are not computed (morphology's Moran's I / Geary's C and the
        // texture matrices dominate the time); their tags would be dropped below anyway
        IbsiSettings eff = ibsi;
        if (!classes.contains("shape")) {
            eff = eff.withMorphology(false, false);
        }
        if (classes.stream().noneMatch(c -> List.of("glcm", "glrlm", "glszm", "gldm", "ngtdm").contains(c))) {
            eff = eff.withAggregations(false, false, false);
        }
        LinkedHashMap<String, Double> all = IbsiFeatures.compute(in, eff);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : all.entrySet()) {
            if (selected(e.getKey(), classes)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static boolean selected(String tag, Set<String> classes) {
        String family = tag.substring(0, tag.indexOf('_'));
        String cls = switch (family) {
            case "morph" -> "shape";
            case "loc", "stat", "ih", "ivh" -> "firstorder";
            case "cm" -> "glcm";
            case "rlm" -> "glrlm";
            case "szm", "dzm" -> "glszm";
            case "ngl" -> "gldm";
            case "ngt" -> "ngtdm";
            default -> "";
        };
        return classes.contains(cls);
    }

    /** IBSI discretisation inside the intensity mask (levels >= 1), 0 outside. */
    static int[] discretise(double[] v, boolean[] mask, RadiomicsSettings s) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            if (mask[i]) {
                min = Math.min(min, v[i]);
                max = Math.max(max, v[i]);
            }
        }
        int[] l = new int[v.length];
        if (s.binCount != null) {
            int ng = s.binCount;
            for (int i = 0; i < v.length; i++) {
                if (mask[i]) {
                    l[i] = max == min ? 1 : v[i] >= max ? ng : (int) Math.floor(ng * (v[i] - min) / (max - min)) + 1;
                }
            }
        } else {
            double xmin = min;
            if (s.resegmentRange != null && s.resegmentMode.equals("absolute")) {
                double[] r = s.resegmentRange.clone();
                Arrays.sort(r);
                xmin = r[0];
            }
            for (int i = 0; i < v.length; i++) {
                if (mask[i]) {
                    l[i] = (int) Math.floor((v[i] - xmin) / s.binWidth) + 1;
                }
            }
        }
        return l;
    }
}
