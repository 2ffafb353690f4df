package io.radstream.dicom;

import java.io.InputStream;

/**
  * All DICOM decoding in RadStream goes through this interface. Implementations are thread-safe
  * and keep no state between calls.
  *
  * <p>Input is untrusted: every length is bounded by {@link DicomLimits} and by the bytes actually
  * present, nothing loops without consuming input, and the only exception thrown is
  * {@link DicomParseException}. The caller's stream is never closed. Reads are exact (no
  * read-ahead, except inside the deflated syntax), so wrap unbuffered streams in a
  * {@link java.io.BufferedInputStream} for speed.
  *
  * <p>Accepted input: DICOM Part 10 files (128-byte preamble, "DICM", File Meta Information), a
  * File Meta without preamble, or a bare data set whose encoding (Implicit VR LE, Explicit VR LE or
  * BE) is sniffed from its first element, which must be in group 0008 (a few stray leading bytes
  * are tolerated).
  */
public interface DicomReader {

    /**
      * Parses the data set up to (not including) Pixel Data. Reads at most what it needs from the
      * stream: it stops right after the header of top-level (7FE0,0010). Works for every
      * {@link TransferSyntax} constant, including those whose pixels cannot be decoded.
      *
      * @throws DicomParseException CANNOT_UNDERSTAND for malformed input, UNSUPPORTED_TRANSFER_SYNTAX
      *     for an unknown syntax, DATASET_MISMATCH for missing SOP/Study/Series UIDs or an
      *     inconsistent pixel module, TOO_LARGE beyond the limits
      */
    DicomHeader readHeader(InputStream in) throws DicomParseException;

    /**
      * Parses the whole object and decodes all frames (see {@link PixelFrame} for the sample
      * semantics).
      *
      * @throws DicomParseException as {@link #readHeader}, plus UNSUPPORTED_TRANSFER_SYNTAX when
      *     the syntax's pixels cannot be decoded, DATASET_MISMATCH when there is no pixel data, and
      *     CANNOT_UNDERSTAND when the pixel data is truncated or inconsistent with the header
      */
    DicomImage readImage(InputStream in) throws DicomParseException;

    /** The default implementation with the given limits. */
    static DicomReader create(DicomLimits limits) {
        return new DefaultDicomReader(limits);
    }

    /** The default implementation with {@link DicomLimits#DEFAULT}. */
    static DicomReader create() {
        return create(DicomLimits.DEFAULT);
    }
}
