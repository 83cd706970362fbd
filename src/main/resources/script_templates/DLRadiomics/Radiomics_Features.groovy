#@ File (label = "Image", style = "open", description = "NIfTI, NRRD, DICOM (folder or .dcm), TIFF") image
#@ File (label = "Mask", style = "open", description = "label mask on the image's grid") mask
#@ Integer (label = "Label (0: the parameter file's label)", value = 1, min = 0) label
#@ File (label = "Parameter file (PyRadiomics YAML; optional)", style = "open", required = false) params
#@ String (label = "Naming", choices = {"pyradiomics", "ibsi"}) naming
#@ CommandService cs
#@output String csv

// DLRadiomics: radiomics features of an image file and its label mask, from a script.
// The same numbers as Plugins > DLRadiomics > Radiomics Features... and ./dlrad features
// (one core call: FeatureExtractor.extract). See docs/scripting.md.

import io.github.dlradiomics.scijava.RadiomicsFeaturesCmd

def module = cs.run(RadiomicsFeaturesCmd, true,
        "image", image, "mask", mask, "label", label, "params", params, "naming", naming).get()
def features = module.getOutput("features")   // feature name -> Double, in PyRadiomics' order
features.each { name, value -> println "${name}\t${value}" }
csv = module.getOutput("csv")                  // header + row, as ./dlrad features prints them

// The same without SciJava, straight through the Java API:
//   import io.github.dlradiomics.image.Volumes
//   import io.github.dlradiomics.radiomics.FeatureExtractor
//   import io.github.dlradiomics.radiomics.RadiomicsParams
//   def row = new FeatureExtractor(RadiomicsParams.defaults().withLabel(1))
//           .extract(Volumes.read(image.toPath()), Volumes.read(mask.toPath()), false, FeatureExtractor.Naming.PYRADIOMICS)
