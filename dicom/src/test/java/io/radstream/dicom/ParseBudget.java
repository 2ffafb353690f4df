package io.radstream.dicom;

import java.lang.management.ManagementFactory;

/**
  * The allocation bound the fuzz tests hold every parse to: limits that keep a mutated Rows/Columns
  * from asking for gigabytes, and per parse the decoded pixels those limits allow (int per sample,
  * up to 4 samples, twice for a working copy) plus 64 bytes per input byte plus 8 MiB of slack for
  * buffers. A parse that allocates more has trusted a length it read from the input.
  */
final class ParseBudget {
    static final DicomLimits LIMITS = new DicomLimits(64 << 20, 4 << 20, 16, 64, 1 << 20);
    private static final long PIXEL_ALLOWANCE = LIMITS.maxPixels() * 4 * 4 * 2 + (8L << 20);

    private ParseBudget() {}

    static long allowanceFor(int inputBytes) {
        return PIXEL_ALLOWANCE + 64L * inputBytes;
    }

    /** Bytes allocated so far by the calling thread. */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
