package io.radstream.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
  * The default {@link DicomReader}: File Meta, then the data set up to Pixel Data, then (for
  * {@link #readImage}) the pixel data and the rest of the data set. Stateless apart from its
  * immutable limits, hence thread-safe. Every failure leaves as a {@link DicomParseException}:
  * I/O and unexpected runtime errors as CANNOT_UNDERSTAND, an allocation the heap cannot satisfy
  * as TOO_LARGE.
  */
final class DefaultDicomReader implements DicomReader {
    private final DicomLimits limits;

    DefaultDicomReader(DicomLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public DicomHeader readHeader(InputStream in) throws DicomParseException {
        return read(in, false).header();
    }

    @Override
    public DicomImage readImage(InputStream in) throws DicomParseException {
        return read(in, true);
    }

    private DicomImage read(InputStream stream, boolean decodePixels) throws DicomParseException {
        Objects.requireNonNull(stream, "stream");
        DicomInput input = new DicomInput(stream, limits.maxObjectBytes());
        DicomInput body = input;
        try {
            TransferSyntax syntax = FileMetaReader.read(input);
            body = syntax.deflated() ? input.inflate() : input;
            body.bigEndian(syntax.bigEndian());
            AttributeCollector attributes = new AttributeCollector(limits.maxFrames());
            DataSetParser parser = new DataSetParser(body, syntax.explicitVr(), limits, attributes);
            ElementHeader pixelData = parser.parseUntilPixelData();
            DicomHeader header = HeaderFactory.create(syntax, attributes, pixelData != null, limits);
            if (!decodePixels) {
                return new DicomImage(header, List.of());
            }
            if (pixelData == null) {
                throw DicomParseException.mismatch("the object has no Pixel Data");
            }
            PixelDecoder decoder = new PixelDecoder(syntax, header, attributes, limits);
            return new DicomImage(header, decoder.decode(body, parser, pixelData));
        } catch (IOException e) {
            throw new DicomParseException(DicomParseException.Reason.CANNOT_UNDERSTAND,
                    "unreadable input: " + e.getClass().getSimpleName(), e);
        } catch (RuntimeException e) {
            throw new DicomParseException(DicomParseException.Reason.CANNOT_UNDERSTAND,
                    "malformed input: " + e.getClass().getSimpleName(), e);
        } catch (OutOfMemoryError e) {
            // a failed allocation leaves nothing half-built; the limits are too generous for the heap
            throw new DicomParseException(DicomParseException.Reason.TOO_LARGE,
                    "not enough memory to decode within the configured limits", e);
        } finally {
            body.release();
        }
    }
}
