package io.radstream.dicom;

import io.radstream.dicom.AttributeCollector.Path;
import java.io.IOException;

/**
  * Walks a data set element by element. Values the {@link AttributeCollector} wants are read,
  * everything else is skipped; sequences of defined length are skipped whole unless the collector
  * enters them, undefined-length ones are walked item by item with a bounded nesting depth.
  * Parsing stops at top-level Pixel Data, whose header is returned for the pixel reader.
  */
final class DataSetParser {
    private final DicomInput in;
    private final DicomLimits limits;
    private final AttributeCollector sink;
    private final ElementHeaderReader headers;

    DataSetParser(DicomInput in, boolean explicitVr, DicomLimits limits, AttributeCollector sink) {
        this.in = in;
        this.headers = new ElementHeaderReader(in, explicitVr);
        this.limits = limits;
        this.sink = sink;
    }

    /** Parses top-level elements; returns the Pixel Data header, or null at end of data set. */
    ElementHeader parseUntilPixelData() throws IOException, DicomParseException {
        while (true) {
            ElementHeader h = nextHeader(true);
            if (h == null || h.tag() == Tags.PIXEL_DATA) {
                return h;
            }
            if (Tags.isItemOrDelimiter(h.tag())) {
                throw unexpected(h);
            }
            element(h, Path.ROOT, 0);
        }
    }

    /**
      * Walks the top-level elements after Pixel Data to the end of the data set without keeping
      * anything, so that a truncated or malformed tail is noticed.
      */
    void parseRemainder() throws IOException, DicomParseException {
        while (true) {
            ElementHeader h = nextHeader(true);
            if (h == null) {
                return;
            }
            if (Tags.isItemOrDelimiter(h.tag()) || h.tag() == Tags.PIXEL_DATA) {
                throw unexpected(h);
            }
            element(h, null, 0);
        }
    }

    /** Reads the next element, item or delimiter header; null at a clean end when allowed. */
    ElementHeader nextHeader(boolean endAllowed) throws IOException, DicomParseException {
        return headers.next(endAllowed);
    }

    private void element(ElementHeader h, Path path, int depth)
            throws IOException, DicomParseException {
        if (h.vr() == Vr.SQ || (h.undefinedLength() && h.vr() == Vr.UN)) {
            sequence(h, path, depth);
        } else if (h.undefinedLength()) {
            if (h.vr() != Vr.OB && h.vr() != Vr.OW) {
                throw DicomParseException.cannotUnderstand("undefined length for " + h.vr() + " "
                        + Tags.toString(h.tag()));
            }
            skipFragments();
        } else if (h.length() > limits.maxElementBytes()) {
            throw DicomParseException.tooLarge(Tags.toString(h.tag()) + " declares " + h.length()
                    + " bytes, above maxElementBytes " + limits.maxElementBytes());
        } else if (sink.wants(path, h.tag())) {
            sink.accept(path, new Value(h.tag(), h.vr(), in.readValue(h.length()), in.bigEndian()));
        } else {
            in.skip(h.length());
        }
    }

    private void sequence(ElementHeader sq, Path path, int depth)
            throws IOException, DicomParseException {
        int depthInside = depth + 1;
        if (depthInside > limits.maxSequenceDepth()) {
            throw DicomParseException.tooLarge("sequences nested deeper than maxSequenceDepth "
                    + limits.maxSequenceDepth());
        }
        boolean enter = sink.descends(path, sq.tag());
        if (!enter && !sq.undefinedLength()) {
            in.skip(sq.length());
            return;
        }
        // an undefined-length UN holds a sequence encoded in Implicit VR Little Endian (PS3.5 6.2.2)
        boolean savedExplicit = headers.explicitVr();
        boolean savedBigEndian = in.bigEndian();
        if (sq.vr() == Vr.UN) {
            headers.explicitVr(false);
            in.bigEndian(false);
        }
        try {
            items(sq, enter ? path : null, depthInside);
        } finally {
            headers.explicitVr(savedExplicit);
            in.bigEndian(savedBigEndian);
        }
    }

    private void items(ElementHeader sq, Path path, int depth)
            throws IOException, DicomParseException {
        long end = sq.undefinedLength() ? -1 : in.position() + sq.length();
        for (int index = 0; end < 0 || in.position() < end; index++) {
            ElementHeader item = nextHeader(false);
            if (item.tag() == Tags.SEQUENCE_DELIMITATION && end < 0) {
                return;
            }
            if (item.tag() != Tags.ITEM) {
                throw unexpected(item);
            }
            requireWithin(item, end);
            item(item, path == null ? null : new Path(path, sq.tag(), index), depth);
        }
        requireEnd(end);
    }

    private void item(ElementHeader item, Path path, int depth)
            throws IOException, DicomParseException {
        if (path == null && !item.undefinedLength()) {
            in.skip(item.length());
            return;
        }
        long end = item.undefinedLength() ? -1 : in.position() + item.length();
        while (end < 0 || in.position() < end) {
            ElementHeader h = nextHeader(false);
            if (h.tag() == Tags.ITEM_DELIMITATION && end < 0) {
                return;
            }
            if (Tags.isItemOrDelimiter(h.tag())) {
                throw unexpected(h);
            }
            requireWithin(h, end);
            element(h, path, depth);
        }
        requireEnd(end);
    }

    /** Skips the items of an undefined-length OB/OW (encapsulated data, e.g. an icon image). */
    private void skipFragments() throws IOException, DicomParseException {
        while (true) {
            ElementHeader item = nextHeader(false);
            if (item.tag() == Tags.SEQUENCE_DELIMITATION) {
                return;
            }
            if (item.tag() != Tags.ITEM || item.undefinedLength()) {
                throw unexpected(item);
            }
            in.skip(item.length());
        }
    }

    private void requireWithin(ElementHeader h, long end) throws DicomParseException {
        if (end >= 0 && !h.undefinedLength() && in.position() + h.length() > end) {
            throw DicomParseException.cannotUnderstand(Tags.toString(h.tag())
                    + " overruns its enclosing item or sequence at byte " + in.position());
        }
    }

    private void requireEnd(long end) throws DicomParseException {
        if (end >= 0 && in.position() != end) {
            throw DicomParseException.cannotUnderstand("item or sequence length mismatch at byte "
                    + in.position());
        }
    }

    private DicomParseException unexpected(ElementHeader h) {
        return DicomParseException.cannotUnderstand("unexpected " + Tags.toString(h.tag())
                + " at byte " + (in.position() - 8));
    }
}
