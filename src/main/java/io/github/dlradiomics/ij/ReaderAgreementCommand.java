package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.image.Volumes;
import io.github.dlradiomics.roi.Agreement;
import io.github.dlradiomics.roi.SliceAxis;
import io.github.dlradiomics.stats.Icc;
import io.github.dlradiomics.stats.IccFilter;
import io.github.dlradiomics.util.Csv;
import io.github.dlradiomics.util.UserInputException;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * Plugins &gt; DLRadiomics &gt; Reader Agreement...: how well two readers agree, for one case at a time.
 * <ul>
 * <li>{@code compare=masks}: two label masks (files, or titles of open images) on one grid: Dice, HD95,
 * Hausdorff distance (mm) and volumes per label ({@link Agreement}), as rows {@code case:label} (columns
 * Case, Label value, Dice, HD95 (mm), Hausdorff (mm), Volume 1/2 and difference (mm³)) of the
 * "Reader Agreement" table (optionally also written, full precision, to a CSV file: key {@code table}).</li>
 * <li>{@code compare=ROIs}: two ROI sets ({@code .zip} as the ROI Manager saves them; ROIs
 * {@code <label>-<slice>}) rasterised on the grid of an open image, then as for masks.</li>
 * <li>{@code compare=features}: two feature tables (CSV, one row per case, e.g. from
 * {@code ./dlrad features --batch}), cases matched by an ID column: ICC(2,1) and ICC(3,1) with 95%
 * confidence intervals per feature ({@link IccFilter}), kept when the chosen ICC reaches the threshold
 * (0.75 by default), as rows of the "Reader Agreement ICC" table; optionally the kept feature names
 * (one a line) and the whole table (CSV, {@link IccFilter.Result#writeCsv}) are saved.</li>
 * </ul>
 *
 * <p>Macro: {@code run("Reader Agreement...", "compare=masks reader1=/data/r1.nii.gz reader2=/data/r2.nii.gz case=SYN001");}
 * or {@code run("Reader Agreement...", "compare=features reader1=r1.csv reader2=r2.csv id=ID icc=ICC2 threshold=0.75 kept=kept.txt table=icc.csv");}
 * Scripts: {@code Agreement.compare(a, b)}, {@code IccFilter.compute(List.of(r1, r2), "ID")}.
 */
public class ReaderAgreementCommand implements PlugIn {
    static final String NAME = "Reader Agreement";
    static final String ICC_TABLE = "Reader Agreement ICC";
    static final String[] MODES = {"masks", "ROIs", "features"};
    static final String[] ICC_TYPES = {"ICC2", "ICC3"};

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, () -> {
            String[] titles = RoiConversion.imageTitles();
            ImagePlus current = WindowManager.getCurrentImage();
            GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
            gd.addChoice("Compare (two readers')", MODES, CommandSupport.pref("agreement.compare", "masks"));
            gd.addFileField("Reader1 (mask file or open image; ROI set .zip; feature CSV)", CommandSupport.pref("agreement.reader1", ""));
            gd.addFileField("Reader2 (same kind as reader 1)", CommandSupport.pref("agreement.reader2", ""));
            gd.addStringField("Case name of the rows (empty: reader 1's name)", "", 16);
            if (titles.length > 0) {
                gd.addChoice("Image (grid of the ROI sets)", titles, current != null ? current.getTitle() : titles[0]);
            }
            gd.addMessage("Feature tables:");
            gd.addStringField("ID column of the cases", CommandSupport.pref("agreement.id", "ID"), 10);
            gd.addChoice("ICC that decides", ICC_TYPES, CommandSupport.pref("agreement.icc", "ICC2"));
            gd.addNumericField("Threshold of the ICC", CommandSupport.pref("agreement.threshold", IccFilter.DEFAULT_THRESHOLD), 2);
            gd.addFileField("Kept features file (optional; one name a line)", "");
            gd.addFileField("Table file (optional; .csv of all rows)", "");
            gd.showDialog();
            if (gd.wasCanceled()) {
                return;
            }
            String mode = gd.getNextChoice();
            String r1 = gd.getNextString().trim();
            String r2 = gd.getNextString().trim();
            String caseName = gd.getNextString().trim();
            String gridTitle = titles.length > 0 ? gd.getNextChoice() : null;
            String id = gd.getNextString().trim();
            Icc.Type type = Icc.Type.parse(gd.getNextChoice());
            double threshold = gd.getNextNumber();
            String kept = gd.getNextString().trim();
            String table = gd.getNextString().trim();
            if (r1.isEmpty() || r2.isEmpty()) {
                CommandSupport.fail(NAME, "give both readers (keys 'reader1' and 'reader2')");
                return;
            }
            CommandSupport.setPref("agreement.compare", mode);
            CommandSupport.setPref("agreement.reader1", r1);
            CommandSupport.setPref("agreement.reader2", r2);
            CommandSupport.setPref("agreement.id", id);
            CommandSupport.setPref("agreement.icc", type.name());
            CommandSupport.setPref("agreement.threshold", threshold);
            if ("features".equals(mode)) {
                features(Path.of(r1), Path.of(r2), id, type, threshold, kept, table);
                return;
            }
            Volume a;
            Volume b;
            if ("ROIs".equals(mode)) {
                if (gridTitle == null) {
                    CommandSupport.fail(NAME, "no image is open (ROI sets are compared on the grid of an open image)");
                    return;
                }
                ImagePlus gridImp = RoiConversion.image(gridTitle);
                Roi[] set1 = RoiConversion.readRoiSet(Path.of(r1));
                Roi[] set2 = RoiConversion.readRoiSet(Path.of(r2));
                a = RoiConversion.toMask(gridImp, SliceAxis.Z, set1, RoiConversion.names(set1), NAME).volume();
                b = RoiConversion.toMask(gridImp, SliceAxis.Z, set2, RoiConversion.names(set2), NAME).volume();
            } else {
                a = mask(r1);
                b = mask(r2);
            }
            String name = caseName.isEmpty() ? shortName(r1) : caseName;
            SortedMap<Integer, Agreement.Result> res = Agreement.compare(a, b, CommandSupport.progress(NAME));
            ResultsTable rt = ResultsTable.getResultsTable(NAME);
            if (rt == null) {
                rt = new ResultsTable();
            }
            for (Agreement.Result r : res.values()) {
                rt.incrementCounter();
                rt.addLabel(name + ":" + r.label());
                rt.addValue("Case", name);
                rt.addValue("Label value", r.label());
                rt.addValue("Dice", r.dice());
                rt.addValue("HD95 (mm)", r.hd95Mm());
                rt.addValue("Hausdorff (mm)", r.hausdorffMm());
                rt.addValue("Volume 1 (mm\u00b3)", r.volumeAMm3());
                rt.addValue("Volume 2 (mm\u00b3)", r.volumeBMm3());
                rt.addValue("Volume difference (mm\u00b3)", r.volumeDifferenceMm3());
            }
            rt.setPrecision(4);
            rt.show(NAME);
            if (!table.isEmpty()) {
                writeAgreement(Path.of(table), name, res);
            }
        });
    }

    /** This case's rows, full precision: Case, Label, Dice, HD95 (mm), Hausdorff (mm), volumes (mm³). */
    private static void writeAgreement(Path file, String name, SortedMap<Integer, Agreement.Result> res) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (java.io.Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Csv.writeLine(w, List.of("Case", "Label", "Dice", "HD95 (mm)", "Hausdorff (mm)", "Volume 1 (mm\u00b3)",
                    "Volume 2 (mm\u00b3)", "Volume difference (mm\u00b3)"));
            for (Agreement.Result r : res.values()) {
                Csv.writeLine(w, List.of(name, r.label(), r.dice(), r.hd95Mm(), r.hausdorffMm(), r.volumeAMm3(),
                        r.volumeBMm3(), r.volumeDifferenceMm3()));
            }
        }
    }

    /** A mask from a file, or from the open image of that title. */
    private static Volume mask(String s) throws IOException {
        Path p = Path.of(s);
        if (Files.exists(p)) {
            return Volumes.read(p);
        }
        ImagePlus imp = WindowManager.getImage(s);
        if (imp == null) {
            throw new UserInputException(s + ": neither a file nor the title of an open image");
        }
        return ImagePlusConverter.toVolume(imp);
    }

    private static String shortName(String s) {
        String n = Path.of(s).getFileName() == null ? s : Path.of(s).getFileName().toString();
        return RoisToLabelMaskCommand.labelTitle(n).replaceAll("-labels$", "").replaceAll("\\.(zip|roi)$", "");
    }

    private static void features(Path r1, Path r2, String id, Icc.Type type, double threshold, String kept,
            String table) throws IOException {
        for (Path p : List.of(r1, r2)) {
            if (!Files.isRegularFile(p)) {
                throw new UserInputException(p + ": feature table not found");
            }
        }
        List<IccFilter.Table> tables = List.of(new IccFilter.Table(r1.getFileName().toString(), Csv.read(r1)),
                new IccFilter.Table(r2.getFileName().toString(), Csv.read(r2)));
        IccFilter.Result res = IccFilter.compute(tables, id.isEmpty() ? "ID" : id, type, threshold, 0.05);
        ResultsTable rt = new ResultsTable();
        for (IccFilter.Row r : res.rows()) {
            rt.incrementCounter();
            rt.addLabel(r.feature());
            rt.addValue("Feature", r.feature());
            rt.addValue("Cases", r.cases());
            rt.addValue("ICC(2,1)", r.icc2().value());
            rt.addValue("ICC(2,1) lower", r.icc2().lower());
            rt.addValue("ICC(2,1) upper", r.icc2().upper());
            rt.addValue("ICC(3,1)", r.icc3().value());
            rt.addValue("ICC(3,1) lower", r.icc3().lower());
            rt.addValue("ICC(3,1) upper", r.icc3().upper());
            rt.addValue("Kept", r.kept() ? "yes" : "no");
            rt.addValue("Note", r.note());
        }
        rt.setPrecision(4);
        rt.show(ICC_TABLE);
        List<String> keptNames = res.keptFeatures();
        IJ.log(NAME + ": " + keptNames.size() + " of " + res.rows().size() + " features kept (" + type.name() + " >= "
                + Csv.field(threshold) + ", " + res.matchedIds().size() + " cases)"
                + (res.unmatchedIds().isEmpty() ? "" : "; cases not in both tables: " + res.unmatchedIds())
                + (res.skippedColumns().isEmpty() ? "" : "; non-numeric columns skipped: " + res.skippedColumns().size()));
        if (!kept.isEmpty()) {
            Path k = Path.of(kept);
            if (k.toAbsolutePath().getParent() != null) {
                Files.createDirectories(k.toAbsolutePath().getParent());
            }
            Files.write(k, keptNames, StandardCharsets.UTF_8);
        }
        if (!table.isEmpty()) {
            res.writeCsv(Path.of(table));
        }
    }
}
