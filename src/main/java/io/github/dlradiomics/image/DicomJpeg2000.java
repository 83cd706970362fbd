package io.github.dlradiomics.image;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes JPEG 2000 frames through whatever JPEG 2000 {@code javax.imageio} reader is present at run
 * time (jai-imageio's J2KImageReader, e.g. the one Fiji ships with Bio-Formats). None is bundled: the
 * JJ2000 licence is not GPL-compatible. Package-private helper of {@link DicomSeriesReader}.
 *
 * <pre>int[] samples = DicomJpeg2000.decode(codestream, columns, rows); // null when no decoder</pre>
 */
final class DicomJpeg2000 {
    /** Test hook: when true, behave as if no JPEG 2000 ImageIO reader were installed. */
    static volatile boolean disabled;

    private static volatile boolean scanned;

    private DicomJpeg2000() {
    }

    /** True when a JPEG 2000 reader can be found. */
    static boolean available() {
        ImageReader r = findReader();
        if (r == null) {
            return false;
        }
        r.dispose();
        return true;
    }

    /** A new JPEG 2000 ImageReader, or null when none is installed (or the test hook disables lookup). */
    static ImageReader findReader() {
        if (disabled) {
            return null;
        }
        ImageReader r = lookup();
        if (r == null && !scanned) {
            synchronized (DicomJpeg2000.class) {
                if (!scanned) {
                    scanned = true;
                    // Plugin jars loaded after ImageIO first initialised (Fiji's plugin class loader)
                    // are not registered yet: scan the context class loader and our own.
                    ImageIO.scanForPlugins();
                    try {
                        for (ImageReaderSpi spi : ServiceLoader.load(ImageReaderSpi.class,
                                DicomJpeg2000.class.getClassLoader())) {
                            IIORegistry.getDefaultInstance().registerServiceProvider(spi, ImageReaderSpi.class);
                        }
                    } catch (java.util.ServiceConfigurationError e) {
                        // a broken provider elsewhere must not stop us; the lookup below decides
                    }
                }
            }
            r = lookup();
        }
        return r;
    }

    private static ImageReader lookup() {
        for (String name : new String[] {"jpeg2000", "JPEG2000", "jpeg 2000", "JPEG 2000"}) {
            Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(name);
            if (it.hasNext()) {
                return it.next();
            }
        }
        Iterator<ImageReader> it = ImageIO.getImageReadersByMIMEType("image/jp2");
        return it.hasNext() ? it.next() : null;
    }

    /** Result of decoding one frame: the first band's samples and whether the raster type is signed. */
    record Frame(int[] samples, boolean signedRaster) {
    }

    /**
     * Decodes one JPEG 2000 codestream (raw J2K starting FF4F, or a JP2 file) to the samples of its first
     * band, row by row. Returns null when no reader is installed.
     *
     * @throws IOException when the reader fails or the image size differs from {@code columns x rows}
     */
    static Frame decode(byte[] stream, int columns, int rows) throws IOException {
        ImageReader reader = findReader();
        if (reader == null) {
            return null;
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(stream))) {
            reader.setInput(in, true, true);
            Raster raster = reader.canReadRaster() ? reader.readRaster(0, null) : reader.read(0).getRaster();
            if (raster.getWidth() != columns || raster.getHeight() != rows) {
                throw new IOException("JPEG 2000 frame is " + raster.getWidth() + "x" + raster.getHeight()
                        + " but the header says " + columns + "x" + rows);
            }
            int[] samples = raster.getSamples(raster.getMinX(), raster.getMinY(), columns, rows, 0, (int[]) null);
            int type = raster.getDataBuffer().getDataType();
            boolean signed = type == DataBuffer.TYPE_SHORT || type == DataBuffer.TYPE_INT;
            return new Frame(samples, signed);
        } finally {
            reader.dispose();
        }
    }
}
