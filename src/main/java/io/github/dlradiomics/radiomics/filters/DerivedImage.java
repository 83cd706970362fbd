package io.github.dlradiomics.radiomics.filters;

import io.github.dlradiomics.image.Volume;

/**
 * One derived (filtered) image and its PyRadiomics feature-name prefix, e.g. "log-sigma-1-0-mm-3D",
 * "wavelet-LLH", "square", "lbp-2D", "lbp-3D-m1", "gradient".
 *
 * <pre>for (DerivedImage d : PyRadiomicsFilters.generate("Square", img, mask, s)) System.out.println(d.name());</pre>
 *
 * @param name  the image type name PyRadiomics puts before the feature class, e.g. "wavelet-HLL"
 * @param image the filtered image, on the input's grid
 */
public record DerivedImage(String name, Volume image) {
}
