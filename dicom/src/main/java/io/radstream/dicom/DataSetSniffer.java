package io.radstream.dicom;

/**
  * Recognises the start of a DICOM stream that lacks the Part 10 preamble. Accepted: a File Meta
  * group (0002) in Explicit VR LE, or a data set whose first element is in group 0008 (every
  * composite instance starts there: SOP Class UID is (0008,0016)), encoded as Explicit VR LE,
  * Explicit VR BE, or Implicit VR LE. Up to {@link #MAX_LEADING_BYTES} stray bytes before that
  * element are tolerated (pydicom's {@code no_meta.dcm} starts with one).
  */
final class DataSetSniffer {
    static final int MAX_LEADING_BYTES = 8;
    private static final long MAX_FIRST_IMPLICIT_LENGTH = 0xFFFF;

    /**
      * Where the stream really starts.
      *
      * @param fileMeta whether a File Meta group starts there (then {@code syntax} is unused)
      */
    record Start(int offset, boolean fileMeta, TransferSyntax syntax) {}

    private DataSetSniffer() {}

    /** The start within the first {@code n} bytes of {@code head}, or null if there is none. */
    static Start find(byte[] head, int n) {
        for (int offset = 0; offset <= MAX_LEADING_BYTES && offset + 8 <= n; offset++) {
            Start start = at(head, offset);
            if (start != null) {
                return start;
            }
        }
        return null;
    }

    private static Start at(byte[] b, int off) {
        boolean explicit = Vr.of(b[off + 4], b[off + 5]) != null;
        int groupLittle = Bytes.u16(b, off, false);
        int groupBig = Bytes.u16(b, off, true);
        if (groupLittle == 0x0002 && explicit) {
            return new Start(off, true, null);
        }
        if (groupLittle == 0x0008 && explicit) {
            return new Start(off, false, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        }
        if (groupBig == 0x0008 && explicit) {
            return new Start(off, false, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        }
        if (groupLittle == 0x0008 && Bytes.u32(b, off + 4, false) <= MAX_FIRST_IMPLICIT_LENGTH) {
            return new Start(off, false, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        }
        return null;
    }
}
