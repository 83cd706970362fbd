package io.github.dlradiomics.image;

import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads one DICOM image series (a folder of single-frame slices, or one legacy multi-frame file) into a
 * {@link Volume} with the geometry SimpleITK's {@code ImageSeriesReader} gives: slices sorted along the
 * slice normal, LPS origin = position of the first slice, direction columns = row cosine, column cosine,
 * normal, z spacing = mean slice step, rescale slope/intercept applied, and the pixel type GDCM/ITK
 * choose (the stored type; with a rescale, the smallest integer type holding the rescaled range of the
 * stored bits, or float64 for a non-integer slope or intercept).
 *
 * <p>Headers are parsed here (implicit/explicit VR little endian, explicit VR big endian, deflated);
 * pixel data may be native or encapsulated. JPEG 2000 frames are decoded only through a JPEG 2000
 * {@code javax.imageio} reader present at run time (Fiji's Bio-Formats ships one); other compressed
 * transfer syntaxes are refused with a clear message. Files that are not DICOM images (RTSTRUCT,
 * DICOMDIR, text files) are ignored. Bad input raises {@link UserInputException} naming the file.
 *
 * <pre>Volume ct = DicomSeriesReader.read(Path.of("patient1/CT"));</pre>
 */
public final class DicomSeriesReader {
    /** Bytes read first from each file to parse its header; the whole file is read when needed. */
    private static final int HEADER_PREFIX = 64 * 1024;

    private static final Map<String, String> COMPRESSED_NAMES = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG baseline"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG extended"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG lossless"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG lossless SV1"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS near-lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.92", "JPEG 2000 multi-component lossless"),
            Map.entry("1.2.840.10008.1.2.4.93", "JPEG 2000 multi-component"),
            Map.entry("1.2.840.10008.1.2.4.94", "JPIP referenced"),
            Map.entry("1.2.840.10008.1.2.4.95", "JPIP referenced deflate"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG2"),
            Map.entry("1.2.840.10008.1.2.4.101", "MPEG2 high level"),
            Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264"),
            Map.entry("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD"),
            Map.entry("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 2D"),
            Map.entry("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 3D"),
            Map.entry("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 stereo"),
            Map.entry("1.2.840.10008.1.2.4.107", "HEVC/H.265"),
            Map.entry("1.2.840.10008.1.2.4.108", "HEVC/H.265 main 10"),
            Map.entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 lossless"),
            Map.entry("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 RPCL lossless"),
            Map.entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.5", "RLE lossless"));

    private static final String J2K_LOSSLESS = "1.2.840.10008.1.2.4.90";
    private static final String J2K = "1.2.840.10008.1.2.4.91";

    private DicomSeriesReader() {
    }

    /** One image series found in a folder (non-image objects such as RTSTRUCT are not listed). */
    public record SeriesInfo(String uid, String description, int fileCount, String modality) {
        /** "uid 'description' n files", as used in messages. */
        @Override
        public String toString() {
            return (uid.isEmpty() ? "(no SeriesInstanceUID)" : uid) + " '" + description + "' " + fileCount + (fileCount == 1 ? " file" : " files");
        }
    }

    /**
     * Reads the single image series in a folder, or the series a given DICOM file belongs to (from that
     * file's folder).
     *
     * @throws UserInputException when the folder holds no or several series, or a file is bad
     */
    public static Volume read(Path dirOrFile) throws IOException {
        return read(dirOrFile, null, ProgressListener.NONE);
    }

    /**
     * Reads one image series: the one with {@code seriesInstanceUid} when not null, else the series of
     * the given file, else the only series in the folder.
     *
     * @param listener progress (scanning, then one step per slice) and cancellation; may be null
     * @throws UserInputException for missing, ambiguous, inconsistent, truncated or unsupported input
     */
    public static Volume read(Path dirOrFile, String seriesInstanceUid, ProgressListener listener) throws IOException {
        ProgressListener l = listener == null ? ProgressListener.NONE : listener;
        if (!Files.exists(dirOrFile)) {
            throw new UserInputException(dirOrFile + ": no such file or folder");
        }
        Path dir = dirOrFile;
        String uid = seriesInstanceUid == null || seriesInstanceUid.isBlank() ? null : seriesInstanceUid.trim();
        if (!Files.isDirectory(dirOrFile)) {
            SliceHeader own = readHeader(dirOrFile);
            if (own.rows <= 0) {
                throw new UserInputException(dirOrFile + ": DICOM file without image pixel data"
                        + (own.modality.isEmpty() ? "" : " (modality " + own.modality + ")"));
            }
            if (uid == null) {
                uid = own.seriesUid;
            }
            Path parent = dirOrFile.getParent();
            dir = parent != null ? parent : dirOrFile.toAbsolutePath().getParent();
        }
        Scan scan = scan(dir, l);
        Map<String, List<SliceHeader>> series = scan.series;
        List<SliceHeader> slices;
        if (uid != null) {
            slices = series.get(uid);
            if (slices == null) {
                throw new UserInputException(dir + ": no DICOM image series with UID " + uid
                        + (series.isEmpty() ? " (no DICOM images found)" : " (found " + describe(scan) + ")"));
            }
        } else {
            if (series.isEmpty()) {
                throw new UserInputException(scan.noImagesMessage(dir));
            }
            if (series.size() > 1) {
                throw new UserInputException(dir + ": " + series.size() + " DICOM series in one folder ("
                        + describe(scan) + "); choose one with --series UID");
            }
            slices = series.values().iterator().next();
        }
        return assemble(dir, slices, l);
    }

    /**
     * Lists the image series in a folder (a file stands for its folder), ordered by series number.
     *
     * @throws UserInputException when the folder does not exist or a DICOM file in it is corrupt
     */
    public static List<SeriesInfo> listSeries(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new UserInputException(dir + ": no such file or folder");
        }
        Path d = Files.isDirectory(dir) ? dir
                : dir.getParent() != null ? dir.getParent() : dir.toAbsolutePath().getParent();
        return infos(scan(d, ProgressListener.NONE));
    }

    // ---------------------------------------------------------------------------------------------
    // Scanning

    /** The fields of one file's header that grouping, sorting and decoding need. */
    private static final class SliceHeader {
        Path file;
        String sopClassUid = "";
        String seriesUid = "";
        String description = "";
        String modality = "";
        int seriesNumber = Integer.MAX_VALUE;
        int instanceNumber = Integer.MAX_VALUE;
        double[] position;
        double[] orientation;
        double[] pixelSpacing;
        double sliceThickness = Double.NaN;
        double spacingBetweenSlices = Double.NaN;
        int rows = -1;
        int columns = -1;
        int samplesPerPixel = 1;
        String photometric = "";
        int frames = 1;
        int bitsAllocated;
        int bitsStored;
        int highBit;
        int pixelRepresentation;
        double slope = 1;
        double intercept = 0;
        String transferSyntax = "";
        boolean perFrameGroups;
        int pixelDataTag;
        /** Projection of the position on the slice normal (set while sorting). */
        double along;
    }

    private static final class Scan {
        final Map<String, List<SliceHeader>> series = new LinkedHashMap<>();
        final Map<String, Integer> nonImageKinds = new TreeMap<>();
        int files;
        int nonDicom;
        String unreadable;
        final List<String> subfolders = new ArrayList<>();

        String noImagesMessage(Path dir) {
            StringBuilder sb = new StringBuilder(dir + ": no DICOM image files");
            if (files == 0) {
                sb.append(subfolders.isEmpty() ? " (the folder is empty" : " (no files");
            } else {
                sb.append(" (").append(files).append(files == 1 ? " file" : " files");
                if (!nonImageKinds.isEmpty()) {
                    sb.append("; DICOM without images: ");
                    nonImageKinds.forEach((k, v) -> sb.append(v).append(' ').append(k).append(", "));
                    sb.setLength(sb.length() - 2);
                }
                if (nonDicom > 0) {
                    sb.append("; ").append(nonDicom).append(" not DICOM");
                }
                if (unreadable != null) {
                    sb.append("; e.g. ").append(unreadable);
                }
            }
            if (!subfolders.isEmpty()) {
                sb.append("; subfolders: ").append(String.join(", ", subfolders.subList(0, Math.min(5,
                        subfolders.size())))).append(subfolders.size() > 5 ? ", ..." : "")
                        .append(" - choose the one holding the image series");
            }
            return sb.append(')').toString();
        }
    }

    private static Scan scan(Path dir, ProgressListener l) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": not a folder");
        }
        List<Path> files = new ArrayList<>();
        Scan scan = new Scan();
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().forEach(p -> {
                if (Files.isDirectory(p)) {
                    scan.subfolders.add(p.getFileName().toString());
                } else if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            });
        }
        scan.files = files.size();
        Map<String, List<SliceHeader>> byUid = new TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            l.checkCancelled();
            if (i % 16 == 0) {
                l.progress(i, files.size(), "scanning DICOM files in " + dir.getFileName());
            }
            Path f = files.get(i);
            SliceHeader h;
            try {
                h = parseHeader(f);
            } catch (NotDicom e) {
                scan.nonDicom++;
                if (e.getMessage() != null && scan.unreadable == null) {
                    scan.unreadable = f.getFileName() + ": " + e.getMessage();
                }
                continue;
            }
            if (h.rows <= 0 || h.columns <= 0 || h.pixelDataTag == 0) {
                String kind = h.modality.isEmpty() ? "other" : h.modality;
                if ("1.2.840.10008.1.3.10".equals(h.sopClassUid)) {
                    kind = "DICOMDIR";
                }
                scan.nonImageKinds.merge(kind, 1, Integer::sum);
                continue;
            }
            byUid.computeIfAbsent(h.seriesUid, k -> new ArrayList<>()).add(h);
        }
        l.progress(files.size(), files.size(), "scanned " + files.size() + " files");
        // Order series by series number, then UID.
        byUid.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, List<SliceHeader>>>comparingInt(e -> e.getValue().get(0).seriesNumber)
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> scan.series.put(e.getKey(), e.getValue()));
        return scan;
    }

    private static List<SeriesInfo> infos(Scan scan) {
        List<SeriesInfo> out = new ArrayList<>();
        scan.series.forEach((uid, list) -> out.add(new SeriesInfo(uid, list.get(0).description, list.size(),
                list.get(0).modality)));
        return out;
    }

    private static String describe(Scan scan) {
        StringBuilder sb = new StringBuilder();
        for (SeriesInfo s : infos(scan)) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(s);
        }
        return sb.toString();
    }

    /** A file that is not DICOM (message: why, when it looked like DICOM but could not be parsed). */
    private static final class NotDicom extends Exception {
        private static final long serialVersionUID = 1L;

        NotDicom(String message) {
            super(message, null, false, false);
        }
    }

    /** The header of a file the user named: not being DICOM is an error here. */
    private static SliceHeader readHeader(Path f) throws IOException {
        try {
            return parseHeader(f);
        } catch (NotDicom e) {
            throw new UserInputException(e.getMessage() != null ? f + ": not a readable DICOM file ("
                    + e.getMessage() + ")" : f + ": not a DICOM file");
        }
    }

    private static SliceHeader parseHeader(Path f) throws IOException, NotDicom {
        long size = Files.size(f);
        byte[] prefix;
        try (InputStream in = Files.newInputStream(f)) {
            prefix = in.readNBytes(HEADER_PREFIX);
        }
        if (!DicomParser.looksLikeDicom(prefix, prefix.length)) {
            throw new NotDicom(null);
        }
        boolean preamble = prefix.length >= 132 && prefix[128] == 'D' && prefix[129] == 'I' && prefix[130] == 'C'
                && prefix[131] == 'M';
        DicomParser.Header h;
        try {
            try {
                h = DicomParser.parse(prefix, prefix.length >= size);
            } catch (DicomParser.NeedMoreData e) {
                h = DicomParser.parse(Files.readAllBytes(f), true);
            }
        } catch (DicomParser.FormatException e) {
            if (preamble) {
                throw new UserInputException(f + ": corrupt DICOM file: " + e.getMessage());
            }
            throw new NotDicom(e.getMessage());
        } catch (DicomParser.NeedMoreData e) {
            throw new IllegalStateException("complete buffer reported as partial", e);
        }
        return toSlice(f, h);
    }

    private static SliceHeader toSlice(Path f, DicomParser.Header h) {
        SliceHeader s = new SliceHeader();
        s.file = f;
        s.sopClassUid = h.getString(DicomParser.SOP_CLASS_UID, "");
        s.seriesUid = h.getString(DicomParser.SERIES_INSTANCE_UID, "");
        s.description = h.getString(DicomParser.SERIES_DESCRIPTION, "");
        s.modality = h.getString(DicomParser.MODALITY, "");
        s.seriesNumber = h.getInt(DicomParser.SERIES_NUMBER, Integer.MAX_VALUE);
        s.instanceNumber = h.getInt(DicomParser.INSTANCE_NUMBER, Integer.MAX_VALUE);
        s.position = h.getDoubles(DicomParser.IMAGE_POSITION_PATIENT);
        if (s.position != null && s.position.length != 3) {
            s.position = null;
        }
        s.orientation = h.getDoubles(DicomParser.IMAGE_ORIENTATION_PATIENT);
        if (s.orientation != null && s.orientation.length != 6) {
            s.orientation = null;
        }
        s.pixelSpacing = h.getDoubles(DicomParser.PIXEL_SPACING);
        if (s.pixelSpacing == null || s.pixelSpacing.length != 2) {
            s.pixelSpacing = h.getDoubles(DicomParser.IMAGER_PIXEL_SPACING);
        }
        if (s.pixelSpacing != null && (s.pixelSpacing.length != 2 || !(s.pixelSpacing[0] > 0 && s.pixelSpacing[1] > 0))) {
            s.pixelSpacing = null;
        }
        s.sliceThickness = h.getDouble(DicomParser.SLICE_THICKNESS, Double.NaN);
        s.spacingBetweenSlices = h.getDouble(DicomParser.SPACING_BETWEEN_SLICES, Double.NaN);
        s.rows = h.getInt(DicomParser.ROWS, -1);
        s.columns = h.getInt(DicomParser.COLUMNS, -1);
        s.samplesPerPixel = h.getInt(DicomParser.SAMPLES_PER_PIXEL, 1);
        s.photometric = h.getString(DicomParser.PHOTOMETRIC_INTERPRETATION, "");
        s.frames = Math.max(1, h.getInt(DicomParser.NUMBER_OF_FRAMES, 1));
        s.bitsAllocated = h.getInt(DicomParser.BITS_ALLOCATED, 0);
        s.bitsStored = h.getInt(DicomParser.BITS_STORED, s.bitsAllocated);
        if (s.bitsStored <= 0 || s.bitsStored > s.bitsAllocated) {
            s.bitsStored = s.bitsAllocated;
        }
        s.highBit = h.getInt(DicomParser.HIGH_BIT, s.bitsStored - 1);
        if (s.highBit < s.bitsStored - 1 || s.highBit >= s.bitsAllocated) {
            s.highBit = s.bitsStored - 1;
        }
        s.pixelRepresentation = h.getInt(DicomParser.PIXEL_REPRESENTATION, 0);
        s.slope = h.getDouble(DicomParser.RESCALE_SLOPE, 1);
        if (s.slope == 0) {
            s.slope = 1; // a zero slope is a writer error; ITK/GDCM treat it as 1 as well
        }
        s.intercept = h.getDouble(DicomParser.RESCALE_INTERCEPT, 0);
        s.transferSyntax = h.transferSyntax;
        s.perFrameGroups = h.has(DicomParser.PER_FRAME_FUNCTIONAL_GROUPS);
        s.pixelDataTag = h.pixelDataTag;
        return s;
    }

    // ---------------------------------------------------------------------------------------------
    // Geometry and pixel assembly

    private static Volume assemble(Path dir, List<SliceHeader> slices, ProgressListener l) throws IOException {
        SliceHeader first = slices.get(0);
        checkConsistent(dir, slices);
        int nx = first.columns;
        int ny = first.rows;
        double[] iop = first.orientation;
        double[] row;
        double[] col;
        if (iop != null) {
            row = new double[] {iop[0], iop[1], iop[2]};
            col = new double[] {iop[3], iop[4], iop[5]};
        } else {
            row = new double[] {1, 0, 0};
            col = new double[] {0, 1, 0};
        }
        // Orthonormalise as ITK's GDCMImageIO does.
        double[] normal = normalize(cross(row, col), first.file, "ImageOrientationPatient");
        row = normalize(cross(col, normal), first.file, "ImageOrientationPatient");
        col = cross(normal, row);
        double sx = first.pixelSpacing == null ? 1 : first.pixelSpacing[1];
        double sy = first.pixelSpacing == null ? 1 : first.pixelSpacing[0];

        List<SliceHeader> sorted = new ArrayList<>(slices);
        int nz;
        double sz;
        double[] origin;
        if (first.frames > 1) {
            if (slices.size() > 1) {
                throw new UserInputException(dir + ": series " + first.seriesUid + " mixes a multi-frame file ("
                        + first.file.getFileName() + ", " + first.frames + " frames) with other files; not supported");
            }
            if (first.perFrameGroups) {
                throw new UserInputException(first.file + ": enhanced multi-frame DICOM (per-frame functional groups)"
                        + " is not supported; convert it to classic single-frame files (e.g. with dcm2niix or emf2sf)");
            }
            nz = first.frames;
            sz = first.spacingBetweenSlices > 0 ? first.spacingBetweenSlices
                    : first.sliceThickness > 0 ? first.sliceThickness : 1;
            origin = first.position == null ? new double[3] : first.position.clone();
        } else {
            nz = sorted.size();
            boolean allPositions = sorted.stream().allMatch(s -> s.position != null);
            if (allPositions) {
                for (SliceHeader s : sorted) {
                    s.along = dot(s.position, normal);
                }
                sorted.sort(Comparator.<SliceHeader>comparingDouble(s -> s.along)
                        .thenComparingInt(s -> s.instanceNumber).thenComparing(s -> s.file));
            } else {
                if (nz > 1) {
                    l.log(dir + ": some slices lack ImagePositionPatient; ordering by InstanceNumber");
                }
                sorted.sort(Comparator.<SliceHeader>comparingInt(s -> s.instanceNumber).thenComparing(s -> s.file));
            }
            origin = sorted.get(0).position == null ? new double[3] : sorted.get(0).position.clone();
            if (nz == 1 || !allPositions) {
                sz = first.sliceThickness > 0 ? first.sliceThickness
                        : first.spacingBetweenSlices > 0 ? first.spacingBetweenSlices : 1;
            } else {
                sz = sliceStep(dir, sorted, normal);
            }
        }
        Volume v = new Volume(nx, ny, nz, pixelType(sorted));
        v.setSpacing(sx, sy, sz);
        v.setOrigin(origin);
        double[] d = new double[9];
        for (int i = 0; i < 3; i++) {
            d[i * 3] = row[i];
            d[i * 3 + 1] = col[i];
            d[i * 3 + 2] = normal[i];
        }
        v.setDirection(d);
        v.setDescription(first.description);

        double[] data = v.data();
        int plane = nx * ny;
        if (first.frames > 1) {
            l.progress(0, 1, "reading " + first.file.getFileName());
            decodeFile(first, data, 0, plane);
            l.progress(1, 1, "read " + first.file.getFileName());
        } else {
            for (int z = 0; z < nz; z++) {
                l.checkCancelled();
                l.progress(z, nz, "reading DICOM slice " + (z + 1) + "/" + nz);
                decodeFile(sorted.get(z), data, z * plane, plane);
            }
            l.progress(nz, nz, "read " + nz + " DICOM slices");
        }
        return v;
    }

    private static void checkConsistent(Path dir, List<SliceHeader> slices) {
        SliceHeader a = slices.get(0);
        String uid = a.seriesUid.isEmpty() ? "(no SeriesInstanceUID)" : a.seriesUid;
        for (SliceHeader s : slices) {
            if (s.samplesPerPixel != 1 || !(s.photometric.isEmpty() || s.photometric.startsWith("MONOCHROME"))) {
                throw new UserInputException(s.file + ": colour images (PhotometricInterpretation "
                        + (s.photometric.isEmpty() ? "?" : s.photometric) + ", " + s.samplesPerPixel
                        + " samples per pixel) are not supported; only greyscale (MONOCHROME1/2)");
            }
            if (s.pixelDataTag != DicomParser.PIXEL_DATA) {
                throw new UserInputException(s.file + ": floating-point pixel data "
                        + DicomParser.tagString(s.pixelDataTag) + " is not supported");
            }
            if (s.bitsAllocated != 8 && s.bitsAllocated != 16 && s.bitsAllocated != 32) {
                throw new UserInputException(s.file + ": BitsAllocated " + s.bitsAllocated
                        + " is not supported (only 8, 16 and 32)");
            }
            if (s.rows != a.rows || s.columns != a.columns) {
                throw new UserInputException(dir + ": series " + uid + " mixes image sizes: " + a.columns + "x"
                        + a.rows + " (" + a.file.getFileName() + ") and " + s.columns + "x" + s.rows + " ("
                        + s.file.getFileName() + ")");
            }
            if (s.bitsAllocated != a.bitsAllocated || s.pixelRepresentation != a.pixelRepresentation) {
                throw new UserInputException(dir + ": series " + uid + " mixes pixel formats: " + a.bitsAllocated
                        + " bits " + (a.pixelRepresentation == 1 ? "signed" : "unsigned") + " ("
                        + a.file.getFileName() + ") and " + s.bitsAllocated + " bits "
                        + (s.pixelRepresentation == 1 ? "signed" : "unsigned") + " (" + s.file.getFileName() + ")");
            }
            if ((a.orientation == null) != (s.orientation == null)
                    || (a.orientation != null && maxDiff(a.orientation, s.orientation) > 1e-4)) {
                throw new UserInputException(dir + ": series " + uid + " mixes slice orientations: "
                        + str(a.orientation) + " (" + a.file.getFileName() + ") and " + str(s.orientation) + " ("
                        + s.file.getFileName() + ")");
            }
            if ((a.pixelSpacing == null) != (s.pixelSpacing == null) || (a.pixelSpacing != null
                    && maxDiff(a.pixelSpacing, s.pixelSpacing) > 1e-4 * Math.max(1, a.pixelSpacing[0]))) {
                throw new UserInputException(dir + ": series " + uid + " mixes pixel spacings: "
                        + str(a.pixelSpacing) + " (" + a.file.getFileName() + ") and " + str(s.pixelSpacing) + " ("
                        + s.file.getFileName() + ")");
            }
        }
    }

    /** The mean step between consecutive sorted slices, after checking it is uniform and along the normal. */
    private static double sliceStep(Path dir, List<SliceHeader> sorted, double[] normal) {
        int n = sorted.size();
        for (int i = 1; i < n; i++) {
            SliceHeader p = sorted.get(i - 1);
            SliceHeader q = sorted.get(i);
            if (q.along - p.along < 1e-3) {
                throw new UserInputException(dir + ": files " + p.file.getFileName() + " and " + q.file.getFileName()
                        + " are slices at the same position (" + num(p.along) + " mm along the normal);"
                        + " duplicate files, or several acquisitions/echoes in one series are not supported");
            }
        }
        double mean = (sorted.get(n - 1).along - sorted.get(0).along) / (n - 1);
        double tol = Math.max(0.01, 0.01 * mean);
        int worst = 1;
        for (int i = 2; i < n; i++) {
            double gi = sorted.get(i).along - sorted.get(i - 1).along;
            double gw = sorted.get(worst).along - sorted.get(worst - 1).along;
            if (Math.abs(gi - mean) > Math.abs(gw - mean)) {
                worst = i;
            }
        }
        double gap = sorted.get(worst).along - sorted.get(worst - 1).along;
        if (Math.abs(gap - mean) > tol) {
            throw new UserInputException(dir + ": non-uniform slice spacing: the gap between "
                    + sorted.get(worst - 1).file.getFileName() + " and " + sorted.get(worst).file.getFileName()
                    + " is " + num(gap) + " mm but the mean step is " + num(mean) + " mm (missing slices?)");
        }
        double[] span = sub(sorted.get(n - 1).position, sorted.get(0).position);
        double alongSpan = dot(span, normal);
        double off = Math.sqrt(Math.max(0, dot(span, span) - alongSpan * alongSpan));
        if (off > Math.max(0.05, 0.01 * Math.abs(alongSpan))) {
            double deg = Math.toDegrees(Math.atan2(off, Math.abs(alongSpan)));
            throw new UserInputException(dir + ": slices are not stacked along the slice normal (sheared by "
                    + String.format(Locale.ROOT, "%.2f", deg) + " degrees, gantry tilt?); resample the series first");
        }
        return mean;
    }

    /**
     * The pixel type GDCM/ITK report: the stored type when no rescale applies; with an integral slope and
     * intercept the smallest integer type holding the rescaled range of BitsStored; else float64.
     */
    private static PixelType pixelType(List<SliceHeader> slices) {
        SliceHeader a = slices.get(0);
        boolean signed = a.pixelRepresentation == 1;
        boolean rescaled = slices.stream().anyMatch(s -> s.slope != 1 || s.intercept != 0);
        if (!rescaled) {
            return switch (a.bitsAllocated) {
                case 8 -> signed ? PixelType.INT8 : PixelType.UINT8;
                case 16 -> signed ? PixelType.INT16 : PixelType.UINT16;
                default -> signed ? PixelType.INT32 : PixelType.UINT32;
            };
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (SliceHeader s : slices) {
            if (s.slope != Math.rint(s.slope) || s.intercept != Math.rint(s.intercept)) {
                return PixelType.FLOAT64;
            }
            double lo = signed ? -Math.pow(2, s.bitsStored - 1) : 0;
            double hi = signed ? Math.pow(2, s.bitsStored - 1) - 1 : Math.pow(2, s.bitsStored) - 1;
            double r1 = lo * s.slope + s.intercept;
            double r2 = hi * s.slope + s.intercept;
            min = Math.min(min, Math.min(r1, r2));
            max = Math.max(max, Math.max(r1, r2));
        }
        return PixelType.fitting(min, max, true);
    }

    /** Decodes all frames of one file into {@code out} from {@code offset}, applying the rescale. */
    private static void decodeFile(SliceHeader s, double[] out, int offset, int plane) throws IOException {
        byte[] bytes = Files.readAllBytes(s.file);
        DicomParser.Header h;
        try {
            h = DicomParser.parse(bytes, true);
        } catch (DicomParser.FormatException e) {
            throw new UserInputException(s.file + ": corrupt DICOM file: " + e.getMessage());
        } catch (DicomParser.NeedMoreData e) {
            throw new IllegalStateException(e);
        }
        if (h.pixelDataOffset < 0) {
            throw new UserInputException(s.file + ": no pixel data");
        }
        String ts = h.transferSyntax;
        int frames = s.frames;
        long frameBytes = (long) plane * (s.bitsAllocated / 8);
        try {
            switch (ts) {
                case DicomParser.IMPLICIT_LE, DicomParser.EXPLICIT_LE, DicomParser.DEFLATED_LE, DicomParser.EXPLICIT_BE -> {
                    if (h.encapsulated()) {
                        throw new UserInputException(s.file + ": encapsulated pixel data in the uncompressed transfer"
                                + " syntax " + ts);
                    }
                    long need = frameBytes * frames;
                    if (h.pixelDataLength < need) {
                        throw new UserInputException(s.file + ": pixel data has " + h.pixelDataLength
                                + " bytes but " + s.columns + "x" + s.rows + (frames > 1 ? "x" + frames : "") + " pixels of "
                                + s.bitsAllocated + " bits need " + need);
                    }
                    long available = h.data.length - (long) h.pixelDataOffset;
                    if (available < need) {
                        throw new UserInputException(s.file + ": pixel data ends after " + Math.max(0, available)
                                + " of " + need + " bytes (file truncated)");
                    }
                    for (int f = 0; f < frames; f++) {
                        decodeNative(s, h.data, (int) (h.pixelDataOffset + f * frameBytes), h.bigEndian, out,
                                offset + f * plane, plane);
                    }
                }
                case DicomParser.ENCAPSULATED_UNCOMPRESSED_LE -> {
                    List<byte[]> fr = frames(s, h);
                    for (int f = 0; f < frames; f++) {
                        byte[] b = fr.get(f);
                        if (b.length < frameBytes) {
                            throw new UserInputException(s.file + ": frame " + (f + 1) + " has " + b.length + " of "
                                    + frameBytes + " bytes");
                        }
                        decodeNative(s, b, 0, false, out, offset + f * plane, plane);
                    }
                }
                case J2K_LOSSLESS, J2K -> {
                    List<byte[]> fr = frames(s, h);
                    for (int f = 0; f < frames; f++) {
                        DicomJpeg2000.Frame df;
                        try {
                            df = DicomJpeg2000.decode(fr.get(f), s.columns, s.rows);
                        } catch (IOException | RuntimeException e) {
                            throw new UserInputException(s.file + ": JPEG 2000 frame " + (f + 1)
                                    + " could not be decoded: " + e.getMessage(), e);
                        }
                        if (df == null) {
                            throw new UserInputException(noJpeg2000Message(s.file, ts));
                        }
                        decodeSamples(s, df, out, offset + f * plane, plane);
                    }
                }
                default -> throw new UserInputException(unsupportedSyntaxMessage(s.file, ts));
            }
        } catch (DicomParser.FormatException e) {
            throw new UserInputException(s.file + ": " + e.getMessage());
        }
    }

    static String noJpeg2000Message(Path file, String ts) {
        return file + ": compressed transfer syntax " + ts + " (" + COMPRESSED_NAMES.get(ts) + ") is not supported"
                + " without a JPEG 2000 decoder (install Bio-Formats/Fiji, or decompress with gdcmconv --raw)";
    }

    private static String unsupportedSyntaxMessage(Path file, String ts) {
        String name = COMPRESSED_NAMES.get(ts);
        if (name == null) {
            return file + ": unknown transfer syntax " + ts + " is not supported";
        }
        String tool = ts.equals("1.2.840.10008.1.2.5") ? "dcmdrle or "
                : ts.startsWith("1.2.840.10008.1.2.4.8") ? "dcmdjpls or "
                : ts.matches("1\\.2\\.840\\.10008\\.1\\.2\\.4\\.(50|51|57|70)") ? "dcmdjpeg or " : "";
        return file + ": compressed transfer syntax " + ts + " (" + name + ") is not supported; decompress the"
                + " series first (e.g. with " + tool + "gdcmconv --raw)";
    }

    /** The bytes of each frame of encapsulated pixel data. */
    private static List<byte[]> frames(SliceHeader s, DicomParser.Header h) throws DicomParser.FormatException {
        List<int[]> items = h.fragments();
        int[] bot = items.get(0);
        List<int[]> frags = items.subList(1, items.size());
        int frames = s.frames;
        List<byte[]> out = new ArrayList<>();
        if (frags.isEmpty()) {
            throw new DicomParser.FormatException("encapsulated pixel data has no fragments");
        }
        if (frames == 1) {
            out.add(concat(h.data, frags));
        } else if (bot[1] >= 4 * frames) {
            // Offsets are relative to the first byte of the first fragment's item tag.
            int base = frags.get(0)[0] - 8;
            int[] starts = new int[frames + 1];
            for (int f = 0; f < frames; f++) {
                starts[f] = base + (int) DicomParser.u32(h.data, bot[0] + 4 * f, h.bigEndian);
            }
            starts[frames] = Integer.MAX_VALUE;
            for (int f = 0; f < frames; f++) {
                List<int[]> mine = new ArrayList<>();
                for (int[] fr : frags) {
                    if (fr[0] - 8 >= starts[f] && fr[0] - 8 < starts[f + 1]) {
                        mine.add(fr);
                    }
                }
                if (mine.isEmpty()) {
                    throw new DicomParser.FormatException("frame " + (f + 1) + " has no fragment (bad offset table)");
                }
                out.add(concat(h.data, mine));
            }
        } else if (frags.size() == frames) {
            for (int[] fr : frags) {
                out.add(concat(h.data, List.of(fr)));
            }
        } else {
            throw new DicomParser.FormatException(frames + " frames in " + frags.size()
                    + " fragments without a basic offset table: cannot split the frames");
        }
        return out;
    }

    private static byte[] concat(byte[] data, List<int[]> frags) {
        int n = 0;
        for (int[] f : frags) {
            n += f[1];
        }
        byte[] b = new byte[n];
        int p = 0;
        for (int[] f : frags) {
            System.arraycopy(data, f[0], b, p, f[1]);
            p += f[1];
        }
        return b;
    }

    /** Native pixels: mask to BitsStored, sign-extend when signed, rescale. */
    private static void decodeNative(SliceHeader s, byte[] b, int p, boolean be, double[] out, int o, int n) {
        int ba = s.bitsAllocated;
        int shift = s.highBit + 1 - s.bitsStored;
        boolean partial = s.bitsStored < ba;
        long mask = (1L << s.bitsStored) - 1;
        long signBit = 1L << (s.bitsStored - 1);
        boolean signed = s.pixelRepresentation == 1;
        double slope = s.slope;
        double intercept = s.intercept;
        for (int i = 0; i < n; i++) {
            long v;
            switch (ba) {
                case 8 -> v = b[p + i] & 0xFF;
                case 16 -> v = DicomParser.u16(b, p + 2 * i, be);
                default -> v = DicomParser.u32(b, p + 4 * i, be);
            }
            if (partial || shift != 0) {
                v = (v >>> shift) & mask;
            }
            if (signed && (v & signBit) != 0) {
                v -= 1L << s.bitsStored;
            }
            out[o + i] = v * slope + intercept;
        }
    }

    /**
     * Decoded JPEG 2000 samples: the raster may be unsigned even when the data are signed (and the
     * codestream precision may exceed BitsStored), so signed data are sign-extended from BitsStored.
     */
    private static void decodeSamples(SliceHeader s, DicomJpeg2000.Frame f, double[] out, int o, int n) {
        int[] v = f.samples();
        boolean signed = s.pixelRepresentation == 1;
        int bits = s.bitsStored;
        long mask = (1L << bits) - 1;
        long signBit = 1L << (bits - 1);
        double slope = s.slope;
        double intercept = s.intercept;
        for (int i = 0; i < n; i++) {
            long x = v[i];
            if (signed) {
                if (!f.signedRaster() || x < -signBit || x >= signBit) {
                    x &= mask;
                    if ((x & signBit) != 0) {
                        x -= 1L << bits;
                    }
                }
            } else if (x < 0) {
                x &= (1L << s.bitsAllocated) - 1; // an unsigned value delivered through a signed raster
            }
            out[o + i] = x * slope + intercept;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Small vector helpers

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] normalize(double[] a, Path file, String what) {
        double len = Math.sqrt(dot(a, a));
        if (!(len > 1e-6) || !Double.isFinite(len)) {
            throw new UserInputException(file + ": invalid " + what + " (row and column directions are parallel or zero)");
        }
        return new double[] {a[0] / len, a[1] / len, a[2] / len};
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static String str(double[] a) {
        return a == null ? "(none)" : Volume.fmt(a);
    }

    private static String num(double v) {
        return Volume.num(v);
    }
}
