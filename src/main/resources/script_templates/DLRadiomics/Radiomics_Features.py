#@ File (label = "Image", style = "open", description = "NIfTI, NRRD, DICOM (folder or .dcm), TIFF") image
#@ File (label = "Mask", style = "open", description = "label mask on the image's grid") mask
#@ Integer (label = "Label (0: the parameter file's label)", value = 1, min = 0) label
#@ File (label = "Parameter file (PyRadiomics YAML; optional)", style = "open", required = false) params
#@ String (label = "Naming", choices = {"pyradiomics", "ibsi"}) naming
#@ CommandService cs
#@output String csv

# DLRadiomics: radiomics features of an image file and its label mask, from a Jython script.
# The same numbers as Plugins > DLRadiomics > Radiomics Features... and ./dlrad features
# (one core call: FeatureExtractor.extract). See docs/scripting.md.

from io.github.dlradiomics.scijava import RadiomicsFeaturesCmd

module = cs.run(RadiomicsFeaturesCmd, True,
                "image", image, "mask", mask, "label", label, "params", params, "naming", naming).get()
features = module.getOutput("features")   # feature name -> Double, in PyRadiomics' order
for name in features.keySet():
    print("%s\t%s" % (name, features.get(name)))
csv = module.getOutput("csv")              # header + row, as ./dlrad features prints them

# The same without SciJava, straight through the Java API:
#   from io.github.dlradiomics.image import Volumes
#   from io.github.dlradiomics.radiomics import FeatureExtractor, RadiomicsParams
#   row = FeatureExtractor(RadiomicsParams.defaults().withLabel(1)).extract(
#       Volumes.read(image.toPath()), Volumes.read(mask.toPath()), False, FeatureExtractor.Naming.PYRADIOMICS)
