// Two-reader agreement with ICC filtering (DLRadiomics).
//
// Argument: a folder holding reader1.csv and reader2.csv, the feature tables of the same cases measured
// on two readers' segmentations (one row per case, column ID; e.g. written by ./dlrad features --batch),
// and optionally reader1_mask.nii.gz and reader2_mask.nii.gz (one case segmented by both readers).
// Prints Dice and HD95 per label for the masks, then ICC(2,1) and ICC(3,1) with 95% CI per feature;
// features with ICC(2,1) >= 0.75 are kept. Writes icc.csv (all features) and kept_features.txt
// (one name a line) into the folder.
//
//   ./dlrad macro macros/agreement_icc.ijm /data/readers

dir = getArgument();
if (dir == "") {
    print("usage: ./dlrad macro macros/agreement_icc.ijm FOLDER (with reader1.csv, reader2.csv)");
    exit;
}
if (!endsWith(dir, "/") && !endsWith(dir, File.separator))
    dir = dir + File.separator;

// Segmentation agreement (when the folder has the two readers' masks of a case)
m1 = dir + "reader1_mask.nii.gz";
m2 = dir + "reader2_mask.nii.gz";
if (File.exists(m1) && File.exists(m2)) {
    run("Reader Agreement...", "compare=masks reader1=[" + m1 + "] reader2=[" + m2 + "] case=masks");
    t = "Reader Agreement";
    for (i = 0; i < Table.size(t); i++) {
        print("label " + Table.get("Label value", i, t) + ": Dice=" + d2s(Table.get("Dice", i, t), 4)
            + " HD95=" + d2s(Table.get("HD95 (mm)", i, t), 2) + " mm");
    }
}

// Feature reproducibility: ICC filter at 0.75
run("Reader Agreement...", "compare=features reader1=[" + dir + "reader1.csv] reader2=[" + dir + "reader2.csv]"
    + " id=ID icc=ICC2 threshold=0.75 kept=[" + dir + "kept_features.txt] table=[" + dir + "icc.csv]");
t = "Reader Agreement ICC";
for (i = 0; i < Table.size(t); i++) {
    print(Table.getString("Feature", i, t)
        + ": ICC(2,1)=" + d2s(Table.get("ICC(2,1)", i, t), 4)
        + " [" + d2s(Table.get("ICC(2,1) lower", i, t), 4) + ", " + d2s(Table.get("ICC(2,1) upper", i, t), 4) + "]"
        + " ICC(3,1)=" + d2s(Table.get("ICC(3,1)", i, t), 4)
        + " [" + d2s(Table.get("ICC(3,1) lower", i, t), 4) + ", " + d2s(Table.get("ICC(3,1) upper", i, t), 4) + "]"
        + " kept=" + Table.getString("Kept", i, t));
}
print("kept features: " + dir + "kept_features.txt");
