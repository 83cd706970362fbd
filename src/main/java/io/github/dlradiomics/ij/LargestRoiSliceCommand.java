package io.github.dlradiomics.ij;

import io.github.dlradiomics.image.ImagePlusConverter;
import io.github.dlradiomics.image.Volume;
import io.github.dlradiomics.roi.LargestSlice;
import io.github.dlradiomics.roi.SliceAxis;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Plugins &gt; DLRadiomics &gt; Largest ROI Slice: per label, the slice where its cross-section is largest
 * along an axis ({@link LargestSlice}; axis "auto" = the sagittal axis of the image's direction), as rows
 * of the "Largest ROI Slice" table labelled {@code image:label} (columns Image, Label value, Axis,
 * Slice, Index, Pixels, Area (mm²), Position (mm), Centroid x/y/z (mm)): slice 1-based, index (0-based
 * voxel index, as {@code ./dlrad} and ITK count), pixels, area (mm²), slice position (mm from the
 * origin along the axis) and the LPS centroid (mm) of the cross-section. The labels come from a label
 * image, or from the ROI Manager (ROIs {@code <label>-<slice>} on the image's stack). When the axis is
 * the stack's (Z) the image shows the slice found (of the chosen label, else of the largest section).
 *
 * <p>Macro: {@code run("Largest ROI Slice", "source=image image=vertebrae_labels.nii.gz axis=auto label=0");}
 * Scripts: {@code LargestSlice.find(ImagePlusConverter.toVolume(imp), SliceAxis.sagittal(v));}
 */
public class LargestRoiSliceCommand implements PlugIn {
    static final String NAME = "Largest ROI Slice";
    static final String[] SOURCES = {"image", "ROIs"};
    static final String[] AXES = {"auto", "X", "Y", "Z"};

    @Override
    public void run(String arg) {
        CommandSupport.guard(NAME, () -> {
            ImagePlus current = WindowManager.getCurrentImage();
            if (current == null) {
                CommandSupport.fail(NAME, "no image is open");
                return;
            }
            GenericDialog gd = new GenericDialog("DLRadiomics " + NAME);
            gd.addChoice("Source of the labels (label image, or ROI Manager)", SOURCES,
                    CommandSupport.pref("largest.source", "image"));
            gd.addChoice("Image (label image; grid of the ROIs)", RoiConversion.imageTitles(), current.getTitle());
            gd.addChoice("Axis (auto: sagittal)", AXES, CommandSupport.pref("largest.axis", "auto"));
            gd.addNumericField("Label (0: all)", 0, 0);
            gd.showDialog();
            if (gd.wasCanceled()) {
                return;
            }
            boolean fromRois = "ROIs".equalsIgnoreCase(gd.getNextChoice());
            ImagePlus imp = RoiConversion.image(gd.getNextChoice());
            String axisChoice = gd.getNextChoice();
            int only = (int) gd.getNextNumber();
            CommandSupport.setPref("largest.source", fromRois ? "ROIs" : "image");
            CommandSupport.setPref("largest.axis", axisChoice);
            Volume labels;
            if (fromRois) {
                RoiManager rm = RoiConversion.manager(false);
                if (rm == null || rm.getCount() == 0) {
                    CommandSupport.fail(NAME, "the ROI Manager holds no ROIs");
                    return;
                }
                Roi[] rois = rm.getRoisAsArray();
                labels = RoiConversion.toMask(imp, SliceAxis.Z, rois, RoiConversion.names(rm, rois), NAME).volume();
            } else {
                labels = ImagePlusConverter.toVolume(imp);
            }
            SliceAxis axis = RoiConversion.axis(axisChoice, labels);
            SortedMap<Integer, LargestSlice.Result> all = LargestSlice.find(labels, axis);
            if (all.isEmpty()) {
                CommandSupport.fail(NAME, "image '" + imp.getTitle() + "' holds no labels (all voxels are 0)");
                return;
            }
            SortedMap<Integer, LargestSlice.Result> found = all;
            if (only != 0) {
                found = new TreeMap<>();
                found.put(only, LargestSlice.find(labels, axis, only));
            }
            ResultsTable rt = ResultsTable.getResultsTable(NAME);
            if (rt == null) {
                rt = new ResultsTable();
            }
            LargestSlice.Result biggest = null;
            for (LargestSlice.Result r : found.values()) {
                rt.incrementCounter();
                rt.addLabel(imp.getTitle() + ":" + r.label());
                rt.addValue("Image", imp.getTitle());
                rt.addValue("Label value", r.label());
                rt.addValue("Axis", r.axis().name());
                rt.addValue("Slice", r.slice() + 1);
                rt.addValue("Index", r.slice());
                rt.addValue("Pixels", r.pixels());
                rt.addValue("Area (mm\u00b2)", r.areaMm2());
                rt.addValue("Position (mm)", r.slicePositionMm());
                rt.addValue("Centroid x (mm)", r.centroidLps()[0]);
                rt.addValue("Centroid y (mm)", r.centroidLps()[1]);
                rt.addValue("Centroid z (mm)", r.centroidLps()[2]);
                if (biggest == null || r.areaMm2() > biggest.areaMm2()) {
                    biggest = r;
                }
            }
            rt.show(NAME);
            if (axis == SliceAxis.Z && biggest != null) {
                imp.setSlice(biggest.slice() + 1);
            }
        });
    }
}
