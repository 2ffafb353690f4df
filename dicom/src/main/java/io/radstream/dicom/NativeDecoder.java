package io.radstream.dicom;

/**
  * Turns one frame of native (uncompressed) pixel bytes into {@link PixelFrame} samples:
  * monochrome with rescale applied, colour as interleaved RGB 0..255 (planar configuration 1
  * re-interleaved, YBR_FULL and YBR_FULL_422 converted), palette colour looked up.
  */
final class NativeDecoder {
    private NativeDecoder() {}

    /**
      * Decodes frame {@code index}; {@code data} must hold all frames (the caller checked the
      * length against {@link PixelModule#nativeBytes()}).
      */
    static float[] decode(byte[] data, int index, PixelModule m, boolean bigEndian,
            Rescale rescale, Palette palette) throws DicomParseException {
        SampleUnpacker unpacker = new SampleUnpacker(data, index * m.nativeFrameBits(), m, bigEndian);
        return switch (m.photometric()) {
            case MONOCHROME1, MONOCHROME2 -> monochrome(unpacker, m, rescale);
            case PALETTE_COLOR -> palette.apply(unpacker, m);
            case RGB -> colour(unpacker, m, false);
            case YBR_FULL -> colour(unpacker, m, true);
            case YBR_FULL_422 -> ybrFull422(unpacker, m);
            default -> throw DicomParseException.mismatch(m.photometricText()
                    + " is not valid for uncompressed pixel data");
        };
    }

    private static float[] monochrome(SampleUnpacker in, PixelModule m, Rescale rescale) {
        float[] out = new float[(int) m.pixelsPerFrame()];
        double slope = rescale.slope();
        double intercept = rescale.intercept();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (in.stored(i) * slope + intercept);
        }
        return out;
    }

    private static float[] colour(SampleUnpacker in, PixelModule m, boolean ybr) {
        int pixels = (int) m.pixelsPerFrame();
        float[] out = new float[pixels * 3];
        boolean planar = m.planarConfiguration() == 1;
        for (int p = 0; p < pixels; p++) {
            for (int s = 0; s < 3; s++) {
                long source = planar ? (long) s * pixels + p : (long) p * 3 + s;
                out[p * 3 + s] = in.stored(source);
            }
        }
        if (ybr) {
            ColourConversion.ybrFullToRgb(out, m.bitsStored());
        }
        ColourConversion.scaleTo8Bit(out, m.bitsStored());
        return out;
    }

    /** YBR_FULL_422: each horizontal pixel pair is stored as Y1 Y2 Cb Cr (PS3.3 C.7.6.3.1.2). */
    private static float[] ybrFull422(SampleUnpacker in, PixelModule m) throws DicomParseException {
        if (m.columns() % 2 != 0 || m.planarConfiguration() != 0) {
            throw DicomParseException.mismatch(
                    "YBR_FULL_422 needs an even number of columns and Planar Configuration 0");
        }
        int pixels = (int) m.pixelsPerFrame();
        float[] out = new float[pixels * 3];
        for (int p = 0; p < pixels; p += 2) {
            long base = (long) p * 2;
            float cb = in.stored(base + 2);
            float cr = in.stored(base + 3);
            out[p * 3] = in.stored(base);
            out[p * 3 + 3] = in.stored(base + 1);
            out[p * 3 + 1] = cb;
            out[p * 3 + 4] = cb;
            out[p * 3 + 2] = cr;
            out[p * 3 + 5] = cr;
        }
        ColourConversion.ybrFullToRgb(out, m.bitsStored());
        ColourConversion.scaleTo8Bit(out, m.bitsStored());
        return out;
    }
}
