package io.radstream.dicom;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
  * Reads encapsulated Pixel Data (PS3.5 A.4): a Basic Offset Table item, fragment items of
  * defined length, then a Sequence Delimitation Item. Each fragment is bounded by the object
  * byte limit and allocated only as its bytes arrive.
  */
final class EncapsulatedReader {
    private static final int MAX_FRAGMENTS = 1 << 20;

    /**
      * The items of encapsulated Pixel Data.
      *
      * @param offsetTable    Basic Offset Table entries (may be empty)
      * @param fragments      fragment values in order
      * @param fragmentStarts offset of each fragment's item tag from the first fragment's item tag
      */
    record Encapsulated(long[] offsetTable, List<byte[]> fragments, List<Long> fragmentStarts) {}

    private EncapsulatedReader() {}

    static Encapsulated read(DataSetParser parser, DicomInput in, DicomLimits limits)
            throws IOException, DicomParseException {
        ElementHeader table = parser.nextHeader(false);
        if (table.tag() != Tags.ITEM || table.undefinedLength() || table.length() % 4 != 0) {
            throw DicomParseException.cannotUnderstand(
                    "encapsulated Pixel Data must start with a Basic Offset Table item");
        }
        if (table.length() > 4L * limits.maxFrames()) {
            throw DicomParseException.tooLarge("Basic Offset Table has more entries than maxFrames");
        }
        byte[] entries = in.readValue(table.length());
        long[] offsets = new long[entries.length / 4];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = Bytes.u32(entries, 4 * i, false);
        }
        List<byte[]> fragments = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        long position = 0;
        while (true) {
            ElementHeader item = parser.nextHeader(false);
            if (item.tag() == Tags.SEQUENCE_DELIMITATION) {
                return new Encapsulated(offsets, fragments, starts);
            }
            if (item.tag() != Tags.ITEM || item.undefinedLength()) {
                throw DicomParseException.cannotUnderstand("bad item " + Tags.toString(item.tag())
                        + " in encapsulated Pixel Data");
            }
            if (fragments.size() >= MAX_FRAGMENTS) {
                throw DicomParseException.tooLarge("more than " + MAX_FRAGMENTS + " fragments");
            }
            starts.add(position);
            fragments.add(in.readValue(item.length()));
            position += 8 + item.length();
        }
    }
}
