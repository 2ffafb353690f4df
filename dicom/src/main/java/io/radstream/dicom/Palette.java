package io.radstream.dicom;

/**
  * PALETTE COLOR lookup (PS3.3 C.7.6.3.1.5/6, non-segmented tables): each stored index maps to
  * red, green and blue entries, scaled to 0..255. Indices outside the table clamp to its ends.
  */
final class Palette {
    private final float[][] tables;
    private final int firstMapped;

    private Palette(float[][] tables, int firstMapped) {
        this.tables = tables;
        this.firstMapped = firstMapped;
    }

    /** The palette of a PALETTE COLOR image; null for other photometric interpretations. */
    static Palette of(AttributeCollector a, PixelModule m) throws DicomParseException {
        if (m.photometric() != Photometric.PALETTE_COLOR) {
            return null;
        }
        int[] descriptor = descriptor(a.top(Tags.RED_PALETTE_DESCRIPTOR));
        int[][] tags = {
                {Tags.RED_PALETTE_DESCRIPTOR, Tags.RED_PALETTE_DATA},
                {Tags.GREEN_PALETTE_DESCRIPTOR, Tags.GREEN_PALETTE_DATA},
                {Tags.BLUE_PALETTE_DESCRIPTOR, Tags.BLUE_PALETTE_DATA}};
        float[][] tables = new float[3][];
        for (int c = 0; c < 3; c++) {
            int[] d = descriptor(a.top(tags[c][0]));
            if (d[0] != descriptor[0] || d[1] != descriptor[1]) {
                throw DicomParseException.mismatch("palette descriptors disagree");
            }
            tables[c] = table(a.top(tags[c][1]), d[0], d[2]);
        }
        int first = m.pixelRepresentation() == 1 ? (short) descriptor[1] : descriptor[1];
        return new Palette(tables, first);
    }

    /** Looks up every pixel of a frame; returns interleaved RGB. */
    float[] apply(SampleUnpacker in, PixelModule m) {
        int pixels = (int) m.pixelsPerFrame();
        float[] out = new float[pixels * 3];
        int last = tables[0].length - 1;
        for (int p = 0; p < pixels; p++) {
            long index = Math.max(0, Math.min(last, in.stored(p) - firstMapped));
            for (int c = 0; c < 3; c++) {
                out[p * 3 + c] = tables[c][(int) index];
            }
        }
        return out;
    }

    private static int[] descriptor(Value v) throws DicomParseException {
        int[] d = v == null ? new int[0] : v.integers();
        if (d.length != 3 || (d[2] != 8 && d[2] != 16)) {
            throw DicomParseException.mismatch("PALETTE COLOR needs 8- or 16-bit palette descriptors");
        }
        int entries = (d[0] & 0xFFFF) == 0 ? 65536 : d[0] & 0xFFFF;
        return new int[] {entries, d[1] & 0xFFFF, d[2]};
    }

    private static float[] table(Value data, int entries, int bits) throws DicomParseException {
        byte[] b = data == null ? new byte[0] : data.bytes();
        float[] table = new float[entries];
        if (bits == 8 && b.length == entries) {
            for (int i = 0; i < entries; i++) {
                table[i] = b[i] & 0xFF;
            }
        } else if (b.length == 2 * entries || b.length == 2 * entries + 1) {
            for (int i = 0; i < entries; i++) {
                int word = Bytes.u16(b, 2 * i, data.bigEndian());
                table[i] = bits == 8 ? word & 0xFF : word * 255f / 65535f;
            }
        } else {
            throw DicomParseException.mismatch("palette data length does not match its descriptor");
        }
        return table;
    }
}
