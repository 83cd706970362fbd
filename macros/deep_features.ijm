// Deep features (2.5D) of a vertebra with SqueezeNet 1.1 (DLRadiomics).
//
// Makes its own input: a one-case SYNTHETIC teaching cohort (Teaching Cohort) in a temporary folder. Opens
// the case, turns its vertebra mask into ROIs (what a reader would have drawn) and runs Deep Features on
// the index vertebra's ROIs: its largest sagittal section and one neighbour on each side go through
// SqueezeNet 1.1; the three 512-d vectors are averaged into one row of the "Deep Features" table. Prints
// the slices used (the centre is the slice Largest ROI Slice reports) and the first features.
//
// Argument: the model file squeezenet1.1_imagenet_fp32.onnx (docs/models.md says where to get it). Without
// one: ../shared/models/squeezenet1.1/ beside the DLRadiomics folder when that exists, else the model is
// looked for as docs/models.md says (<Fiji>/models, DLRAD_MODEL_PATH, ~/.cache/dlradiomics/models).
//
//   ./dlrad macro macros/deep_features.ijm /models/squeezenet1.1_imagenet_fp32.onnx

modelFile = getArgument();
if (modelFile == "") {
    home = call("java.lang.System.getProperty", "dlrad.home"); // set by ./dlrad
    if (home != "" && home != "null") {
        shared = home + "/../shared/models/squeezenet1.1/squeezenet1.1_imagenet_fp32.onnx";
        if (File.exists(shared))
            modelFile = shared;
    }
}
if (modelFile == "")
    print("model file: none given, looked for as docs/models.md says");
else
    print("model file: " + modelFile);

// A one-case synthetic cohort (MR, sagittal slices)
dir = getDirectory("temp") + "dlrad_deep_features_" + d2s(getTime(), 0) + File.separator;
run("Teaching Cohort...", "output=[" + dir + "] cases=1 seed=42 modality=MR malignant=0.5");
lines = split(File.openAsString(dir + "cases.csv"), "\n");
head = split(lines[0], ",");
row = split(lines[1], ",");
for (c = 0; c < head.length; c++) {
    if (head[c] == "ID") id = row[c];
    if (head[c] == "Image") imageFile = dir + row[c];
    if (head[c] == "Mask") maskFile = dir + row[c];
    if (head[c] == "Label") label = parseInt(row[c]);
}
run("Open Volume...", "image=[" + imageFile + "]");
image = getTitle();
run("Import Mask...", "mask=[" + maskFile + "]");
mask = getTitle();

// The vertebrae as ROIs <label>-<slice> on the image's stack
run("Label Mask to ROIs", "mask=[" + mask + "] axis=Z");
selectImage(image);

// Deep features of the index vertebra: largest sagittal ROI slice +- 1, per slice, mean
run("Deep Features (2.5D)...", "mask=[ROI Manager] labels=" + label + " model=squeezenet1.1-imagenet"
    + " descriptor=[] model_file=[" + modelFile + "] output=features axis=auto neighbours=1 mode=per-slice"
    + " aggregate=mean margin=5 square outside=none intensity=[] threads=2");
t = "Deep Features";
k = Table.size(t) - 1;
s = id + " " + Table.getString("ROI", k, t) + ": axis " + Table.getString("Axis", k, t) + ", slice "
    + Table.get("Slice", k, t) + " (slices " + Table.getString("Slices", k, t) + "), DL_0001..DL_0005 =";
for (i = 1; i <= 5; i++)
    s = s + " " + d2s(Table.get("DL_000" + i, k, t), 4);
print(s);

run("Largest ROI Slice", "source=ROIs image=[" + image + "] axis=auto label=" + label);
print("Largest ROI Slice: slice " + Table.get("Slice", Table.size("Largest ROI Slice") - 1, "Largest ROI Slice"));
print("cohort: " + dir);
