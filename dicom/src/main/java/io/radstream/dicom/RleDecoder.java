package io.radstream.dicom;

/**
  * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header with up to 15 segment offsets, one
  * PackBits segment per byte plane (most significant first) of each sample. Output is one frame in
  * little-endian, sample-interleaved native layout. Decoding never writes past the frame size.
  */
final class RleDecoder {
    private static final int HEADER = 64;

    private RleDecoder() {}

    static byte[] decode(byte[] frame, PixelModule m) throws DicomParseException {
        if (m.bitsAllocated() == 1 || m.photometric() == Photometric.YBR_FULL_422) {
            throw DicomParseException.mismatch("RLE cannot carry 1-bit or YBR_FULL_422 pixels");
        }
        int bytesPerSample = m.bitsAllocated() / 8;
        int segments = m.samplesPerPixel() * bytesPerSample;
        long[] bounds = segmentBounds(frame, segments);
        int pixels = (int) m.pixelsPerFrame();
        byte[] out = new byte[pixels * segments];
        for (int seg = 0; seg < segments; seg++) {
            int sample = seg / bytesPerSample;
            int littleEndianByte = bytesPerSample - 1 - seg % bytesPerSample;
            unpack(frame, (int) bounds[seg], (int) bounds[seg + 1], out,
                    sample * bytesPerSample + littleEndianByte, segments, pixels);
        }
        return out;
    }

    private static long[] segmentBounds(byte[] frame, int segments) throws DicomParseException {
        if (frame.length < HEADER) {
            throw DicomParseException.cannotUnderstand("RLE header truncated");
        }
        if (Bytes.u32(frame, 0, false) != segments) {
            throw DicomParseException.cannotUnderstand("RLE segment count " + Bytes.u32(frame, 0, false)
                    + " does not match the pixel module (" + segments + ")");
        }
        long[] bounds = new long[segments + 1];
        for (int i = 0; i < segments; i++) {
            bounds[i] = Bytes.u32(frame, 4 + 4 * i, false);
        }
        bounds[segments] = frame.length;
        if (bounds[0] != HEADER) {
            throw DicomParseException.cannotUnderstand("first RLE segment must start at byte 64");
        }
        for (int i = 0; i < segments; i++) {
            if (bounds[i + 1] < bounds[i]) {
                throw DicomParseException.cannotUnderstand("RLE segment offsets out of order or range");
            }
        }
        return bounds;
    }

    /** PackBits: n in 0..127 copies n+1 bytes, n in -127..-1 repeats the next byte 1-n times. */
    private static void unpack(byte[] src, int from, int to, byte[] out, int start, int stride,
            int count) throws DicomParseException {
        int produced = 0;
        int i = from;
        while (produced < count && i < to) {
            int n = src[i++];
            if (n >= 0) {
                int run = Math.min(n + 1, to - i);
                for (int k = 0; k < run && produced < count; k++) {
                    out[start + stride * produced++] = src[i + k];
                }
                i += run;
            } else if (n != -128 && i < to) {
                byte value = src[i++];
                for (int k = 0; k < 1 - n && produced < count; k++) {
                    out[start + stride * produced++] = value;
                }
            }
        }
        if (produced < count) {
            throw DicomParseException.cannotUnderstand("RLE segment decodes to " + produced
                    + " of " + count + " bytes");
        }
    }
}
