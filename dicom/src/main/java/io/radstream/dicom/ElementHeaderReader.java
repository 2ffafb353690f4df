package io.radstream.dicom;

import java.io.IOException;

/**
  * Reads element, item and delimiter headers in the current encoding: items and delimiters always
  * carry a 32-bit length; Implicit VR takes the VR from {@link Tags#implicitVr}; Explicit VR uses
  * the short or long length form of the VR read, and refuses bytes that are not a VR.
  */
final class ElementHeaderReader {
    private final DicomInput in;
    private final byte[] tagBytes = new byte[4];
    private final byte[] rest = new byte[4];
    private boolean explicitVr;

    ElementHeaderReader(DicomInput in, boolean explicitVr) {
        this.in = in;
        this.explicitVr = explicitVr;
    }

    boolean explicitVr() {
        return explicitVr;
    }

    void explicitVr(boolean value) {
        explicitVr = value;
    }

    /** The next header; null at a clean end of input when {@code endAllowed}. */
    ElementHeader next(boolean endAllowed) throws IOException, DicomParseException {
        if (!in.readOrEnd(tagBytes, 4)) {
            if (endAllowed) {
                return null;
            }
            throw DicomParseException.cannotUnderstand("data ends inside a sequence at byte "
                    + in.position());
        }
        boolean be = in.bigEndian();
        int tag = Bytes.tag(tagBytes, 0, be);
        in.readFully(rest, 4);
        if (Tags.isItemOrDelimiter(tag)) {
            return new ElementHeader(tag, null, Bytes.u32(rest, 0, be));
        }
        if (!explicitVr) {
            long length = Bytes.u32(rest, 0, be);
            Vr vr = length == ElementHeader.UNDEFINED && tag != Tags.PIXEL_DATA
                    ? Vr.SQ : Tags.implicitVr(tag);
            return new ElementHeader(tag, vr, length);
        }
        Vr vr = Vr.of(rest[0], rest[1]);
        if (vr == null) {
            throw DicomParseException.cannotUnderstand("invalid VR for " + Tags.toString(tag)
                    + " at byte " + (in.position() - 8));
        }
        if (!vr.longLength()) {
            return new ElementHeader(tag, vr, Bytes.u16(rest, 2, be));
        }
        in.readFully(rest, 4);
        return new ElementHeader(tag, vr, Bytes.u32(rest, 0, be));
    }
}
