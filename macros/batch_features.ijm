// Batch radiomics over a folder: features of every image/mask pair into one CSV.
// The folder holds images/ and masks/ with equal file names, or <case>_image.* and <case>_mask.* files.
// Usage: ./dlrad macro macros/batch_features.ijm /data/study   (writes /data/study/features.csv)
//        or in Fiji: Plugins > Macros > Run... (asks for the folder)
// Optional PyRadiomics parameter file: put params.yaml in the folder.
folder = getArgument();
if (folder == "")
    folder = getDirectory("Folder with images/ and masks/ (or *_image / *_mask files)");
if (endsWith(folder, "/") || endsWith(folder, "\\"))
    folder = substring(folder, 0, lengthOf(folder) - 1);
output = folder + File.separator + "features.csv";
params = folder + File.separator + "params.yaml";
if (!File.exists(params))
    params = "";
run("Batch Radiomics...", "input=[" + folder + "] output=[" + output + "] parameter_file=[" + params + "] naming=pyradiomics jobs=1");

// Summarise: cases, features and failed cases (their 'errors' column is not empty).
Table.open(output);
rows = Table.size;
headings = split(Table.headings, "\t");
failed = 0;
for (i = 0; i < rows; i++) {
    e = Table.getString("errors", i);
    if (e != "" && e != "NaN")
        failed++;
}
print("batch_features: " + rows + " cases, " + headings.length + " columns, " + failed + " failed -> " + output);
