package io.radstream.dicom;

import io.radstream.dicom.EncapsulatedReader.Encapsulated;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
  * Reads top-level Pixel Data and decodes every frame for the object's transfer syntax. Native
  * pixel data must be at least as long as the pixel module implies; trailing padding shorter than
  * one frame is ignored (as dcmtk and pydicom do), anything longer means the header and the data
  * disagree. Encapsulated data is split into frames and decoded by RLE, JPEG Baseline or JPEG Lossless.
  */
final class PixelDecoder {
    private final TransferSyntax syntax;
    private final DicomHeader header;
    private final AttributeCollector attributes;
    private final DicomLimits limits;

    PixelDecoder(TransferSyntax syntax, DicomHeader header, AttributeCollector attributes,
            DicomLimits limits) {
        this.syntax = syntax;
        this.header = header;
        this.attributes = attributes;
        this.limits = limits;
    }

    List<PixelFrame> decode(DicomInput in, DataSetParser parser, ElementHeader pixelData)
            throws IOException, DicomParseException {
        if (!syntax.supported()) {
            throw DicomParseException.unsupported("pixel data in " + syntax.uid() + " (" + syntax
                    + ") cannot be decoded");
        }
        PixelModule m = PixelModule.of(header, attributes).check(limits);
        Palette palette = Palette.of(attributes, m);
        List<float[]> frames = syntax.encapsulated()
                ? encapsulated(in, parser, pixelData, m, palette)
                : uncompressed(in, parser, pixelData, m, palette);
        int outputSamples = m.isColourOutput() ? 3 : 1;
        List<PixelFrame> result = new ArrayList<>(frames.size());
        for (float[] samples : frames) {
            result.add(new PixelFrame(m.rows(), m.columns(), outputSamples, samples));
        }
        return result;
    }

    private List<float[]> uncompressed(DicomInput in, DataSetParser parser,
            ElementHeader pixelData, PixelModule m, Palette palette)
            throws IOException, DicomParseException {
        if (pixelData.undefinedLength()) {
            throw DicomParseException.cannotUnderstand(
                    "undefined-length Pixel Data in an uncompressed transfer syntax");
        }
        long expected = m.nativeBytes();
        long frameBytes = Math.max(2, (m.nativeFrameBits() + 7) / 8);
        if (pixelData.length() < expected || pixelData.length() - expected >= frameBytes) {
            throw DicomParseException.cannotUnderstand("Pixel Data has " + pixelData.length()
                    + " bytes; rows x columns x frames x bits imply " + expected);
        }
        byte[] data = in.readValue(pixelData.length());
        parser.parseRemainder();
        if (syntax.bigEndian() && pixelData.vr() == Vr.OW && m.bitsAllocated() == 8) {
            swapBytePairs(data);
        }
        List<float[]> frames = new ArrayList<>(m.frames());
        for (int f = 0; f < m.frames(); f++) {
            frames.add(NativeDecoder.decode(data, f, m, syntax.bigEndian(), rescale(f), palette));
        }
        return frames;
    }

    private List<float[]> encapsulated(DicomInput in, DataSetParser parser, ElementHeader pixelData,
            PixelModule m, Palette palette) throws IOException, DicomParseException {
        if (!pixelData.undefinedLength()) {
            throw DicomParseException.cannotUnderstand(
                    "encapsulated Pixel Data must have undefined length");
        }
        Encapsulated items = EncapsulatedReader.read(parser, in, limits);
        parser.parseRemainder();
        boolean lossless = syntax == TransferSyntax.JPEG_LOSSLESS || syntax == TransferSyntax.JPEG_LOSSLESS_SV1;
        boolean jpeg = syntax == TransferSyntax.JPEG_BASELINE || lossless;
        List<byte[]> compressed = FrameSplitter.split(items, m.frames(), jpeg);
        PixelModule interleaved = m.withPlanarConfiguration(0);
        List<float[]> frames = new ArrayList<>(m.frames());
        for (int f = 0; f < m.frames(); f++) {
            byte[] frame = compressed.get(f);
            if (lossless) {
                frames.add(JpegLosslessDecoder.decode(frame, m, rescale(f), palette));
            } else if (jpeg) {
                frames.add(JpegBaselineDecoder.decode(frame, m, rescale(f)));
            } else {
                frames.add(NativeDecoder.decode(RleDecoder.decode(frame, m), 0, interleaved, false, rescale(f),
                        palette));
            }
        }
        return frames;
    }

    private Rescale rescale(int frame) throws DicomParseException {
        return Rescale.forFrame(attributes, header, frame);
    }

    /** 8-bit samples in a big-endian OW are byte-swapped within each 16-bit word. */
    private static void swapBytePairs(byte[] data) {
        for (int i = 0; i + 1 < data.length; i += 2) {
            byte t = data[i];
            data[i] = data[i + 1];
            data[i + 1] = t;
        }
    }
}
