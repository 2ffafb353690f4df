package io.radstream.dicom;

/**
  * Resource bounds applied while reading one object. Every length read from the input is checked
  * against these limits before anything is allocated or skipped.
  *
  * @param maxObjectBytes   bytes consumed from the stream, after inflation for the deflated syntax
  *                         (preamble and File Meta included)
  * @param maxElementBytes  the declared length of any single element other than top-level Pixel Data
  * @param maxSequenceDepth nesting of parsed sequences (1 = a sequence directly in the data set)
  * @param maxFrames        Number of Frames
  * @param maxPixels        rows x columns x frames of one object
  */
public record DicomLimits(
        long maxObjectBytes, int maxElementBytes, int maxSequenceDepth, int maxFrames, long maxPixels) {

    /** Ceiling on {@link #maxSequenceDepth}: keeps the recursive parser far from stack limits. */
    public static final int SEQUENCE_DEPTH_CEILING = 128;

    /**
      * Defaults sized for diagnostic images: 1 GiB objects, 64 MiB elements, sequences 32 deep,
      * 4096 frames, 2^28 pixels (e.g. 512 x 512 x 1024).
      */
    public static final DicomLimits DEFAULT =
            new DicomLimits(1L << 30, 64 << 20, 32, 4096, 1L << 28);

    /** Checks that every limit is positive and the depth at most {@link #SEQUENCE_DEPTH_CEILING}. */
    public DicomLimits {
        requirePositive(maxObjectBytes, "maxObjectBytes");
        requirePositive(maxElementBytes, "maxElementBytes");
        requirePositive(maxSequenceDepth, "maxSequenceDepth");
        requirePositive(maxFrames, "maxFrames");
        requirePositive(maxPixels, "maxPixels");
        if (maxSequenceDepth > SEQUENCE_DEPTH_CEILING) {
            throw new IllegalArgumentException(
                    "maxSequenceDepth must be <= " + SEQUENCE_DEPTH_CEILING + ": " + maxSequenceDepth);
        }
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
