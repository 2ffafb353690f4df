package io.radstream.dicom;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
  * A minimal DICOM Part 10 writer (Explicit VR Little Endian) for tests and tools: grayscale
  * 16-bit images via {@link #grayscale16}, any other element via the typed setters, and hostile
  * variants via {@link #rawElement} and {@link #appendRaw} (lengths that lie, garbage after the
  * data set). Elements are written in tag order; setting a tag again replaces it. Not thread-safe.
  *
  * <pre>{@code
  * byte[] part10 = DicomWriter.grayscale16(study, series, sop, 2, 2, new short[] {1, 2, 3, 4})
  *     .string(0x00080060, "CS", "CT")
  *     .toByteArray();
  * }</pre>
  */
public final class DicomWriter {
    /** Secondary Capture Image Storage, the SOP class {@link #grayscale16} uses. */
    public static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    private static final String IMPLEMENTATION_CLASS_UID =
            "2.25.93417362587046452155206521183742512849";

    private final Map<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);
    private final ByteArrayOutputStream trailer = new ByteArrayOutputStream();
    private String transferSyntaxUid = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

    private DicomWriter() {}

    /** An empty data set. */
    public static DicomWriter create() {
        return new DicomWriter();
    }

    /**
      * A Secondary Capture MONOCHROME2 image of signed 16-bit samples (row-major, rows x columns),
      * with the given identifiers and modality OT.
      */
    public static DicomWriter grayscale16(String studyUid, String seriesUid, String sopInstanceUid,
            int rows, int columns, short[] pixels) {
        if (pixels.length != rows * columns) {
            throw new IllegalArgumentException("pixels must hold rows x columns samples");
        }
        ByteBuffer data = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.asShortBuffer().put(pixels);
        return create()
                .string(Tags.SOP_CLASS_UID, "UI", SECONDARY_CAPTURE)
                .string(Tags.SOP_INSTANCE_UID, "UI", sopInstanceUid)
                .string(Tags.MODALITY, "CS", "OT")
                .string(Tags.STUDY_INSTANCE_UID, "UI", studyUid)
                .string(Tags.SERIES_INSTANCE_UID, "UI", seriesUid)
                .us(Tags.SAMPLES_PER_PIXEL, 1)
                .string(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2")
                .us(Tags.ROWS, rows)
                .us(Tags.COLUMNS, columns)
                .us(Tags.BITS_ALLOCATED, 16)
                .us(Tags.BITS_STORED, 16)
                .us(Tags.HIGH_BIT, 15)
                .us(Tags.PIXEL_REPRESENTATION, 1)
                .bytes(Tags.PIXEL_DATA, "OW", data.array());
    }

    /** A fresh UID under the 2.25 (UUID) root, usable by anyone (PS3.5 B.2). */
    public static String newUid() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(17).put((byte) 0).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(bytes);
    }

    /** A text element (values joined with backslash), padded to even length as its VR requires. */
    public DicomWriter string(int tag, String vr, String... values) {
        byte[] text = String.join("\\", values).getBytes(StandardCharsets.ISO_8859_1);
        byte[] value = text;
        if (text.length % 2 != 0) {
            value = new byte[text.length + 1];
            System.arraycopy(text, 0, value, 0, text.length);
            value[text.length] = (byte) (vr.equals("UI") ? 0 : ' ');
        }
        return bytes(tag, vr, value);
    }

    /** A US element with one or more values. */
    public DicomWriter us(int tag, int... values) {
        ByteBuffer value = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            value.putShort((short) v);
        }
        return bytes(tag, "US", value.array());
    }

    /** An element with a binary or pre-encoded value; its length is the value's length. */
    public DicomWriter bytes(int tag, String vr, byte[] value) {
        return rawElement(tag, vr, value.length, value);
    }

    /**
      * An element whose header declares {@code declaredLength} (0xFFFFFFFF for undefined) whatever
      * {@code value} holds: the way to write lying lengths. {@code vr} may be any two characters
      * (an unknown VR gets the short length form).
      */
    public DicomWriter rawElement(int tag, String vr, long declaredLength, byte[] value) {
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) (tag >>> 16)).putShort((short) tag);
        byte[] vrBytes = vr.getBytes(StandardCharsets.US_ASCII);
        if (vrBytes.length != 2) {
            throw new IllegalArgumentException("a VR is two characters: " + vr);
        }
        header.put(vrBytes);
        Vr known = Vr.of(vrBytes[0], vrBytes[1]);
        if (known != null && known.longLength()) {
            header.putShort((short) 0).putInt((int) declaredLength);
        } else {
            header.putShort((short) declaredLength);
        }
        ByteArrayOutputStream element = new ByteArrayOutputStream();
        element.write(header.array(), 0, header.position());
        element.writeBytes(value);
        elements.put(tag, element.toByteArray());
        return this;
    }

    /** A sequence of undefined length whose items (undefined length) are the given data sets. */
    public DicomWriter sequence(int tag, DicomWriter... items) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (DicomWriter item : items) {
            value.writeBytes(itemHeader(Tags.ITEM, 0xFFFFFFFFL));
            value.writeBytes(item.dataSetBytes());
            value.writeBytes(itemHeader(Tags.ITEM_DELIMITATION, 0));
        }
        value.writeBytes(itemHeader(Tags.SEQUENCE_DELIMITATION, 0));
        return rawElement(tag, "SQ", 0xFFFFFFFFL, value.toByteArray());
    }

    /** Removes an element. */
    public DicomWriter remove(int tag) {
        elements.remove(tag);
        return this;
    }

    /** The Transfer Syntax UID written to the File Meta (the data set stays Explicit VR LE). */
    public DicomWriter transferSyntax(String uid) {
        transferSyntaxUid = uid;
        return this;
    }

    /** Bytes written after the last element, e.g. garbage or a truncated element. */
    public DicomWriter appendRaw(byte[] bytes) {
        trailer.writeBytes(bytes);
        return this;
    }

    /** The data set alone (no preamble, no File Meta). */
    public byte[] dataSetBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        elements.values().forEach(out::writeBytes);
        out.writeBytes(trailer.toByteArray());
        return out.toByteArray();
    }

    /** The Part 10 file: 128-byte preamble, "DICM", File Meta, data set. */
    public byte[] toByteArray() {
        DicomWriter meta = create()
                .bytes(0x00020001, "OB", new byte[] {0, 1})
                .string(0x00020002, "UI", textOf(Tags.SOP_CLASS_UID, SECONDARY_CAPTURE))
                .string(0x00020003, "UI", textOf(Tags.SOP_INSTANCE_UID, "1.2"))
                .string(0x00020010, "UI", transferSyntaxUid)
                .string(0x00020012, "UI", IMPLEMENTATION_CLASS_UID)
                .string(0x00020013, "SH", "RADSTREAM_1");
        byte[] group = meta.dataSetBytes();
        meta.bytes(0x00020000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(group.length).array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(meta.dataSetBytes());
        out.writeBytes(dataSetBytes());
        return out.toByteArray();
    }

    private String textOf(int tag, String absent) {
        byte[] element = elements.get(tag);
        if (element == null) {
            return absent;
        }
        return new Value(tag, Vr.UI, java.util.Arrays.copyOfRange(element, 8, element.length), false)
                .text();
    }

    private static byte[] itemHeader(int tag, long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) (tag >>> 16)).putShort((short) tag).putInt((int) length).array();
    }
}
