package io.radstream.dicom;

import java.awt.image.Raster;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
  * JPEG Baseline (1.2.840.10008.1.2.4.50) frames via the JDK's javax.imageio JPEG reader. The
  * frame header is checked against the pixel module first, so the decoder never allocates for
  * dimensions the DICOM header (and thus the limits) did not allow. The raster is read without
  * the decoder's own colour conversion; YCbCr is converted here following the JPEG stream's
  * signalling (Adobe, JFIF, component ids) and, when it says nothing, the DICOM Photometric
  * Interpretation (YBR_FULL / YBR_FULL_422: YCbCr; RGB: none), as dcmtk does. Decoder warnings
  * (e.g. a truncated stream, which the JDK pads with grey) are refused.
  */
final class JpegBaselineDecoder {
    private static final String JDK_READER = "com.sun.imageio.plugins.jpeg.JPEGImageReader";

    private JpegBaselineDecoder() {}

    static float[] decode(byte[] frame, PixelModule m, Rescale rescale)
            throws IOException, DicomParseException {
        JpegMarkers jpeg = JpegMarkers.scan(frame);
        if ((jpeg.sof() != 0xC0 && jpeg.sof() != 0xC1) || jpeg.precision() != 8) {
            throw DicomParseException.cannotUnderstand(String.format(
                    "JPEG process SOF%d with %d-bit precision is not baseline", jpeg.sof() - 0xC0,
                    jpeg.precision()));
        }
        if (jpeg.width() != m.columns() || jpeg.height() != m.rows()
                || jpeg.componentIds().length != m.samplesPerPixel() || m.bitsStored() > 8) {
            throw DicomParseException.cannotUnderstand("JPEG frame does not match the pixel module");
        }
        if (m.photometric() == Photometric.PALETTE_COLOR) {
            throw DicomParseException.mismatch("PALETTE COLOR is not valid for JPEG Baseline");
        }
        float[] samples = readRaster(frame, m);
        if (m.samplesPerPixel() == 3) {
            Boolean ycbcr = jpeg.declaresYCbCr();
            if (ycbcr == null ? m.photometric() != Photometric.RGB : ycbcr) {
                ColourConversion.ybrFullToRgb(samples, 8);
            }
            return samples;
        }
        for (int i = 0; i < samples.length; i++) {
            int stored = m.pixelRepresentation() == 1 ? (byte) samples[i] : (int) samples[i];
            samples[i] = (float) (stored * rescale.slope() + rescale.intercept());
        }
        return samples;
    }

    private static float[] readRaster(byte[] frame, PixelModule m)
            throws IOException, DicomParseException {
        Raster raster = JpegRaster.read(jdkReader(), frame, m, "JPEG decoder");
        return raster.getPixels(raster.getMinX(), raster.getMinY(), m.columns(), m.rows(),
                new float[(int) m.pixelsPerFrame() * m.samplesPerPixel()]);
    }

    private static ImageReader jdkReader() throws DicomParseException {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            ImageReader reader = it.next();
            if (reader.getClass().getName().equals(JDK_READER)) {
                return reader;
            }
            fallback = fallback == null ? reader : fallback;
        }
        if (fallback == null) {
            throw DicomParseException.unsupported("no javax.imageio JPEG reader available");
        }
        return fallback;
    }
}
