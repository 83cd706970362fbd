// Draw, interpolate, measure (DLRadiomics) on the synthetic teaching cohort.
//
// Argument: a cohort folder made by   ./dlrad cohort --out DIR --cases 2
// For the first case: opens the image and its vertebra mask, turns the index vertebra into ROIs
// (what a reader would have drawn), keeps every second slice as the reader's key slices, fills the
// others by shape-based interpolation, makes a label mask of the ROIs, and measures: the largest
// section of the vertebra and the agreement (Dice, HD95) of the interpolated mask with the full one.
// Writes <ID>_interpolated.nii.gz into the folder.
//
//   ./dlrad macro macros/draw_interpolate_measure.ijm /tmp/cohort

dir = getArgument();
if (dir == "") {
    print("usage: ./dlrad macro macros/draw_interpolate_measure.ijm COHORT_FOLDER");
    exit;
}
if (!endsWith(dir, "/") && !endsWith(dir, File.separator))
    dir = dir + File.separator;

// The first case of cases.csv: ID, Image, Mask, Label (the index vertebra's label)
lines = split(File.openAsString(dir + "cases.csv"), "\n");
head = split(lines[0], ",");
row = split(lines[1], ",");
for (c = 0; c < head.length; c++) {
    if (head[c] == "ID") id = row[c];
    if (head[c] == "Image") imageFile = dir + row[c];
    if (head[c] == "Mask") maskFile = dir + row[c];
    if (head[c] == "Label") label = parseInt(row[c]);
}
print(id + ": index vertebra label " + label);

run("Open Volume...", "image=[" + imageFile + "]");
image = getTitle();
run("Import Mask...", "mask=[" + maskFile + "]");
mask = getTitle();

// "Draw": the mask's outlines as ROIs <label>-<slice>; keep the index vertebra on every second slice
// (its first and last slices included) as a reader's key slices.
run("Label Mask to ROIs", "mask=[" + mask + "] axis=Z");
n = roiManager("count");
first = -1;
last = -1;
for (i = 0; i < n; i++) {
    parts = split(RoiManager.getName(i), "-");
    if (parseInt(parts[0]) == label) {
        s = parseInt(parts[1]);
        if (first < 0 || s < first) first = s;
        if (s > last) last = s;
    }
}
drop = newArray(0);
for (i = 0; i < n; i++) {
    parts = split(RoiManager.getName(i), "-");
    s = parseInt(parts[1]);
    if (parseInt(parts[0]) != label || (s != last && (s - first) % 2 != 0))
        drop = Array.concat(drop, i);
}
selectImage(image);
roiManager("select", drop);
roiManager("delete");
print("key slices of label " + label + ": " + roiManager("count") + " (slices " + first + ".." + last + ")");

// Interpolate the slices in between, then a label mask of all ROIs on the image's grid
run("Interpolate ROIs", "image=[" + image + "] axis=Z labels=" + label);
print("ROIs after interpolation: " + roiManager("count"));
run("ROIs to Label Mask", "image=[" + image + "] axis=Z");
out = dir + id + "_interpolated.nii.gz";
run("Export Mask...", "output=[" + out + "]");

// Measure: the largest section of the vertebra (sagittal for this MR) and the agreement with the full mask
selectImage(image);
run("Largest ROI Slice", "source=ROIs image=[" + image + "] axis=auto label=" + label);
t = "Largest ROI Slice";
k = Table.size(t) - 1;
print("largest section: " + Table.getString("Axis", k, t) + " slice " + Table.get("Slice", k, t)
    + ", " + d2s(Table.get("Area (mm²)", k, t), 1) + " mm2");
run("Reader Agreement...", "compare=masks reader1=[" + maskFile + "] reader2=[" + out + "] case=" + id);
t = "Reader Agreement";
for (i = 0; i < Table.size(t); i++) {
    if (Table.get("Label value", i, t) == label)
        print("interpolated vs full mask, label " + label + ": Dice=" + d2s(Table.get("Dice", i, t), 4)
            + " HD95=" + d2s(Table.get("HD95 (mm)", i, t), 2) + " mm");
}
