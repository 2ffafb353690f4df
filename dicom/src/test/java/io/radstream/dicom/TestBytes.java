package io.radstream.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/** Byte-level builders for crafted and hostile inputs, plus small DicomWriter presets. */
final class TestBytes {
    static final String STUDY = "1.2.3";
    static final String SERIES = "1.2.3.4";
    static final String SOP = "1.2.3.4.5";

    private TestBytes() {}

    /** A signed 16-bit MONOCHROME2 image of rows x columns whose Pixel Data is {@code pixelData}. */
    static DicomWriter image(int rows, int columns, byte[] pixelData) {
        return DicomWriter.grayscale16(STUDY, SERIES, SOP, 1, 1, new short[1])
                .us(Tags.ROWS, rows).us(Tags.COLUMNS, columns)
                .bytes(Tags.PIXEL_DATA, "OW", pixelData);
    }

    /** A 2x2 image whose Rows/Columns are then overridden (Pixel Data stays 8 bytes). */
    static DicomWriter image(int rows, int columns) {
        return image(rows, columns, words(1, 2, 3, 4));
    }

    /** An 8-bit, 3-sample image. */
    static DicomWriter colour(int rows, int columns, String photometric, int planar,
            byte[] pixelData) {
        return image(rows, columns, new byte[0])
                .us(Tags.SAMPLES_PER_PIXEL, 3).us(Tags.PLANAR_CONFIGURATION, planar)
                .string(Tags.PHOTOMETRIC_INTERPRETATION, "CS", photometric)
                .us(Tags.BITS_ALLOCATED, 8).us(Tags.BITS_STORED, 8).us(Tags.HIGH_BIT, 7)
                .us(Tags.PIXEL_REPRESENTATION, 0)
                .bytes(Tags.PIXEL_DATA, "OB", pixelData);
    }

    /** Encapsulated Pixel Data content: one item per value, then a Sequence Delimitation Item. */
    static byte[] items(byte[]... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] v : values) {
            out.writeBytes(itemHeader(Tags.ITEM, v.length));
            out.writeBytes(v);
        }
        out.writeBytes(itemHeader(Tags.SEQUENCE_DELIMITATION, 0));
        return out.toByteArray();
    }

    /** A File Meta (with preamble) announcing {@code transferSyntax} and an empty data set. */
    static byte[] meta(String transferSyntax) {
        return DicomWriter.create().transferSyntax(transferSyntax).toByteArray();
    }

    static byte[] words(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] explicitHeader(int tag, String vr, long length) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) (tag >>> 16)).putShort((short) tag).put(ascii(vr));
        if (Vr.valueOf(vr).longLength()) {
            return b.putShort((short) 0).putInt((int) length).array();
        }
        return Arrays.copyOf(b.putShort((short) length).array(), 8);
    }

    static byte[] implicitHeader(int tag, long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) (tag >>> 16)).putShort((short) tag).putInt((int) length).array();
    }

    static byte[] itemHeader(int tag, long length) {
        return implicitHeader(tag, length);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("pattern not found");
    }
}
