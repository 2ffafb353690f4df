package io.radstream.dicom;

/** Colour transforms applied in place to interleaved 3-sample pixels. */
final class ColourConversion {
    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
    private static final int CR_R = fix(1.40200);
    private static final int CB_B = fix(1.77200);
    private static final int CB_G = fix(0.34414);
    private static final int CR_G = fix(0.71414);

    private ColourConversion() {}

    /**
      * Full-range YCbCr (YBR_FULL, PS3.3 C.7.6.3.1.2; JFIF) to RGB. 8-bit data uses libjpeg's
      * fixed-point arithmetic (jdcolor.c) so results match IJG-based decoders such as dcmtk.
      */
    static void ybrFullToRgb(float[] s, int bitsStored) {
        if (bitsStored == 8) {
            for (int i = 0; i + 2 < s.length; i += 3) {
                int y = (int) s[i];
                int cb = (int) s[i + 1] - 128;
                int cr = (int) s[i + 2] - 128;
                s[i] = clamp(y + ((CR_R * cr + ONE_HALF) >> SCALE_BITS), 255);
                s[i + 1] = clamp(y + ((-CB_G * cb - CR_G * cr + ONE_HALF) >> SCALE_BITS), 255);
                s[i + 2] = clamp(y + ((CB_B * cb + ONE_HALF) >> SCALE_BITS), 255);
            }
            return;
        }
        int max = (int) ((1L << bitsStored) - 1);
        double centre = (max + 1) / 2.0;
        for (int i = 0; i + 2 < s.length; i += 3) {
            double y = s[i];
            double cb = s[i + 1] - centre;
            double cr = s[i + 2] - centre;
            s[i] = clamp((int) Math.round(y + 1.402 * cr), max);
            s[i + 1] = clamp((int) Math.round(y - 0.344136 * cb - 0.714136 * cr), max);
            s[i + 2] = clamp((int) Math.round(y + 1.772 * cb), max);
        }
    }

    /** Scales samples of {@code bitsStored} bits linearly onto 0..255 (no-op for 8 bits). */
    static void scaleTo8Bit(float[] s, int bitsStored) {
        if (bitsStored == 8) {
            return;
        }
        double factor = 255.0 / ((1L << bitsStored) - 1);
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (s[i] * factor);
        }
    }

    private static float clamp(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALE_BITS) + 0.5);
    }
}
