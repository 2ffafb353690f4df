package io.radstream.dicom;

/** Unsigned reads from byte arrays in either byte order. */
final class Bytes {
    private Bytes() {}

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off, boolean bigEndian) {
        int b0 = b[off] & 0xFF;
        int b1 = b[off + 1] & 0xFF;
        return bigEndian ? (b0 << 8) | b1 : (b1 << 8) | b0;
    }

    static long u32(byte[] b, int off, boolean bigEndian) {
        long hi = u16(b, bigEndian ? off : off + 2, bigEndian);
        long lo = u16(b, bigEndian ? off + 2 : off, bigEndian);
        return (hi << 16) | lo;
    }

    /** A tag: group then element, each 16-bit in the given byte order. */
    static int tag(byte[] b, int off, boolean bigEndian) {
        return (u16(b, off, bigEndian) << 16) | u16(b, off + 2, bigEndian);
    }
}
