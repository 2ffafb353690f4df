package io.radstream.dicom;

/**
  * The Image Pixel module of one object, validated, with the sizes derived from it. Values that
  * contradict the standard (PS3.3 C.7.6.3) are DATASET_MISMATCH; sizes beyond the limits are
  * TOO_LARGE.
  */
record PixelModule(int rows, int columns, int frames, int samplesPerPixel, int bitsAllocated,
        int bitsStored, int highBit, int pixelRepresentation, int planarConfiguration,
        Photometric photometric, String photometricText) {

    /** Reads the module from a header (plus High Bit, which the header does not carry). */
    static PixelModule of(DicomHeader h, AttributeCollector a) throws DicomParseException {
        Value highBitValue = a.top(Tags.HIGH_BIT);
        Integer highBit = highBitValue == null ? null : highBitValue.integer();
        require(a, Tags.ROWS, "Rows");
        require(a, Tags.COLUMNS, "Columns");
        require(a, Tags.SAMPLES_PER_PIXEL, "Samples per Pixel");
        require(a, Tags.BITS_ALLOCATED, "Bits Allocated");
        require(a, Tags.BITS_STORED, "Bits Stored");
        require(a, Tags.PIXEL_REPRESENTATION, "Pixel Representation");
        require(a, Tags.PHOTOMETRIC_INTERPRETATION, "Photometric Interpretation");
        return new PixelModule(h.rows(), h.columns(), h.numberOfFrames(), h.samplesPerPixel(),
                h.bitsAllocated(), h.bitsStored(), highBit == null ? h.bitsStored() - 1 : highBit,
                h.pixelRepresentation(), h.planarConfiguration(),
                Photometric.parse(h.photometricInterpretation()), h.photometricInterpretation());
    }

    /** Checks consistency with the standard, then the limits. */
    PixelModule check(DicomLimits limits) throws DicomParseException {
        expect(rows >= 1 && rows <= 0xFFFF && columns >= 1 && columns <= 0xFFFF,
                "Rows and Columns must be 1..65535");
        expect(frames >= 1, "Number of Frames must be at least 1");
        expect(photometric != null, "unknown Photometric Interpretation");
        expect(samplesPerPixel == photometric.samplesPerPixel(),
                "Samples per Pixel does not match Photometric Interpretation");
        expect(bitsAllocated == 1 || bitsAllocated == 8 || bitsAllocated == 16 || bitsAllocated == 32,
                "Bits Allocated must be 1, 8, 16 or 32");
        expect(bitsAllocated != 1 || samplesPerPixel == 1, "1-bit pixels must be single-sample");
        expect(bitsStored >= 1 && bitsStored <= bitsAllocated, "Bits Stored must be 1..Bits Allocated");
        expect(highBit >= bitsStored - 1 && highBit < bitsAllocated, "High Bit out of range");
        expect(pixelRepresentation == 0 || pixelRepresentation == 1,
                "Pixel Representation must be 0 or 1");
        expect(planarConfiguration == 0 || planarConfiguration == 1,
                "Planar Configuration must be 0 or 1");
        if (frames > limits.maxFrames()) {
            throw DicomParseException.tooLarge(frames + " frames exceed maxFrames " + limits.maxFrames());
        }
        long pixels = (long) rows * columns * frames;
        if (pixels > limits.maxPixels()) {
            throw DicomParseException.tooLarge(pixels + " pixels exceed maxPixels " + limits.maxPixels());
        }
        if (samplesPerFrame() > Integer.MAX_VALUE - 16) {
            throw DicomParseException.tooLarge("one frame exceeds array limits");
        }
        return this;
    }

    /** The same module with another planar configuration (RLE output is always interleaved). */
    PixelModule withPlanarConfiguration(int planar) {
        return new PixelModule(rows, columns, frames, samplesPerPixel, bitsAllocated, bitsStored,
                highBit, pixelRepresentation, planar, photometric, photometricText);
    }

    long pixelsPerFrame() {
        return (long) rows * columns;
    }

    /** Output samples per frame (RGB for colour and palette images). */
    long samplesPerFrame() {
        return pixelsPerFrame() * (isColourOutput() ? 3 : 1);
    }

    boolean isColourOutput() {
        return samplesPerPixel == 3 || photometric == Photometric.PALETTE_COLOR;
    }

    /** Bits of one frame in native (uncompressed) encoding; YBR_FULL_422 stores 2 samples/pixel. */
    long nativeFrameBits() {
        long samples = photometric == Photometric.YBR_FULL_422
                ? pixelsPerFrame() * 2 : pixelsPerFrame() * samplesPerPixel;
        return samples * bitsAllocated;
    }

    /** Bytes of all frames in native encoding (1-bit frames are packed back to back). */
    long nativeBytes() {
        return (nativeFrameBits() * frames + 7) / 8;
    }

    private static void require(AttributeCollector a, int tag, String name)
            throws DicomParseException {
        Value v = a.top(tag);
        if (v == null || v.bytes().length == 0) {
            throw DicomParseException.mismatch(name + " " + Tags.toString(tag)
                    + " is required with Pixel Data");
        }
    }

    private static void expect(boolean condition, String message) throws DicomParseException {
        if (!condition) {
            throw DicomParseException.mismatch(message);
        }
    }
}
