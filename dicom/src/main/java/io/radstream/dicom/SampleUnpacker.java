package io.radstream.dicom;

/**
  * Reads stored sample values from native pixel bytes: picks the Bits Allocated container in the
  * given byte order (1-bit pixels are packed LSB first), shifts High Bit down, masks Bits Stored
  * and sign-extends when Pixel Representation is 1.
  */
final class SampleUnpacker {
    private final byte[] data;
    private final long firstBit;
    private final int bitsAllocated;
    private final boolean bigEndian;
    private final int shift;
    private final long mask;
    private final long signBit;
    private final boolean signed;

    SampleUnpacker(byte[] data, long firstBit, PixelModule m, boolean bigEndian) {
        this.data = data;
        this.firstBit = firstBit;
        this.bitsAllocated = m.bitsAllocated();
        this.bigEndian = bigEndian;
        this.shift = m.highBit() + 1 - m.bitsStored();
        this.mask = (1L << m.bitsStored()) - 1;
        this.signBit = 1L << (m.bitsStored() - 1);
        this.signed = m.pixelRepresentation() == 1;
    }

    /** The stored value of sample {@code index}, counted from the start of the frame. */
    long stored(long index) {
        long value = (raw(index) >>> shift) & mask;
        return signed && (value & signBit) != 0 ? value - (mask + 1) : value;
    }

    private long raw(long index) {
        if (bitsAllocated == 1) {
            long bit = firstBit + index;
            return (data[(int) (bit >>> 3)] >>> (bit & 7)) & 1;
        }
        int off = (int) (firstBit / 8 + index * (bitsAllocated / 8));
        return switch (bitsAllocated) {
            case 8 -> data[off] & 0xFF;
            case 16 -> Bytes.u16(data, off, bigEndian);
            default -> Bytes.u32(data, off, bigEndian);
        };
    }
}
