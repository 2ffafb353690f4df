package io.radstream.dicom;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
  * Reads one JPEG frame's raster with a given javax.imageio reader (no colour conversion), shared by
  * the Baseline and Lossless decoders: decoder warnings (e.g. a truncated stream the decoder pads) are
  * refused, and so is a raster whose size or band count disagrees with the pixel module. The reader
  * is disposed.
  */
final class JpegRaster {

    private JpegRaster() {}

    static Raster read(ImageReader reader, byte[] frame, PixelModule m, String decoder)
            throws IOException, DicomParseException {
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(frame))) {
            reader.setInput(stream, true, true);
            Raster raster = reader.readRaster(0, null);
            if (!warnings.isEmpty()) {
                throw DicomParseException.cannotUnderstand(decoder + ": " + warnings.get(0));
            }
            if (raster.getWidth() != m.columns() || raster.getHeight() != m.rows()
                    || raster.getNumBands() != m.samplesPerPixel()) {
                throw DicomParseException.cannotUnderstand("decoded JPEG does not match the pixel module");
            }
            return raster;
        } finally {
            reader.dispose();
        }
    }
}
