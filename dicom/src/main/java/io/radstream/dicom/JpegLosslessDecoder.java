package io.radstream.dicom;

import java.awt.image.Raster;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;

/**
  * JPEG Lossless, Non-Hierarchical (Process 14; 1.2.840.10008.1.2.4.57 and its first-order
  * prediction subset .70) frames via TwelveMonkeys' JPEG reader, asked for by its provider class so
  * the choice never depends on what else is registered with ImageIO. The frame header
  * is checked against the pixel module before the decoder allocates; the decoded samples are laid
  * out as native little-endian pixel data and go through {@link NativeDecoder}, so bits stored,
  * pixel representation, rescale, palette and YBR_FULL are handled exactly as for uncompressed data.
  * Other lossless processes (differential, arithmetic coding) and colour above 8 bits (which the
  * decoder does not read) are refused as unsupported.
  */
final class JpegLosslessDecoder {
    private static final int SOF3_LOSSLESS_HUFFMAN = 0xC3;

    private JpegLosslessDecoder() {}

    static float[] decode(byte[] frame, PixelModule m, Rescale rescale, Palette palette)
            throws IOException, DicomParseException {
        check(JpegMarkers.scan(frame), m);
        int[] samples = readRaster(frame, m);
        PixelModule interleaved = m.withPlanarConfiguration(0);
        return NativeDecoder.decode(nativeBytes(samples, m.bitsAllocated()), 0, interleaved, false, rescale,
                palette);
    }

    private static void check(JpegMarkers jpeg, PixelModule m) throws DicomParseException {
        if (jpeg.sof() != SOF3_LOSSLESS_HUFFMAN) {
            throw DicomParseException.unsupported(String.format(
                    "JPEG process SOF%d is not non-hierarchical lossless with Huffman coding", jpeg.sof() - 0xC0));
        }
        if (jpeg.width() != m.columns() || jpeg.height() != m.rows()
                || jpeg.componentIds().length != m.samplesPerPixel()) {
            throw DicomParseException.cannotUnderstand("JPEG frame does not match the pixel module");
        }
        if (jpeg.precision() < m.bitsStored() || jpeg.precision() > m.bitsAllocated()
                || (m.bitsAllocated() != 8 && m.bitsAllocated() != 16)) {
            throw DicomParseException.cannotUnderstand("JPEG precision " + jpeg.precision()
                    + " does not fit Bits Stored " + m.bitsStored() + " / Bits Allocated " + m.bitsAllocated());
        }
        if (m.samplesPerPixel() > 1 && jpeg.precision() > 8) {
            throw DicomParseException.unsupported("JPEG Lossless colour with " + jpeg.precision()
                    + "-bit precision (the decoder reads colour up to 8 bits)");
        }
        if (m.photometric() == Photometric.YBR_FULL_422) {
            throw DicomParseException.mismatch("YBR_FULL_422 is not valid for JPEG Lossless");
        }
    }

    private static int[] readRaster(byte[] frame, PixelModule m) throws DicomParseException {
        try {
            Raster raster = JpegRaster.read(newReader(), frame, m, "JPEG Lossless decoder");
            return raster.getPixels(raster.getMinX(), raster.getMinY(), m.columns(), m.rows(),
                    new int[(int) m.pixelsPerFrame() * m.samplesPerPixel()]);
        } catch (IOException | RuntimeException e) {
            // the decoder's own failures on a damaged stream (EOF, bad Huffman codes, index errors)
            throw DicomParseException.cannotUnderstand("JPEG Lossless frame cannot be decoded: " + e);
        }
    }

    /**
     * A reader from TwelveMonkeys' provider as registered with ImageIO (registration links it to the
     * JDK's provider, to which it hands baseline streams); registered here if the class path scan missed it.
     */
    private static ImageReader newReader() throws DicomParseException {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        JPEGImageReaderSpi provider = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
        if (provider == null) {
            registry.registerServiceProvider(new JPEGImageReaderSpi());
            provider = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
        }
        try {
            return provider.createReaderInstance(null);
        } catch (IOException | RuntimeException e) {
            throw DicomParseException.unsupported("JPEG Lossless reader unavailable: " + e.getMessage());
        }
    }

    /** Samples as native little-endian pixel data of {@code bitsAllocated} (8 or 16) bits each. */
    private static byte[] nativeBytes(int[] samples, int bitsAllocated) {
        int width = bitsAllocated / 8;
        byte[] out = new byte[samples.length * width];
        for (int i = 0; i < samples.length; i++) {
            out[i * width] = (byte) samples[i];
            if (width == 2) {
                out[i * width + 1] = (byte) (samples[i] >>> 8);
            }
        }
        return out;
    }
}
