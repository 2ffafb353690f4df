package io.radstream.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/**
  * Requested Procedure Priority (0040,1003) where images normally carry it: inside the items of the
  * Request Attributes Sequence (0040,0275), encoded with undefined and with defined lengths.
  */
class RequestAttributesPriorityTest {

    private static final int REQUEST_ATTRIBUTES = 0x00400275;
    private static final int PRIORITY = 0x00401003;
    private static final int REQUESTED_PROCEDURE_ID = 0x00401001;

    @Test
    void shouldReadThePriorityFromARequestAttributesItem() throws Exception {
        DicomHeader header = read(image().sequence(REQUEST_ATTRIBUTES,
                DicomWriter.create().string(REQUESTED_PROCEDURE_ID, "SH", "RP1").string(PRIORITY, "SH", "STAT")));
        assertThat(header.requestedProcedurePriority()).isEqualTo("STAT");
    }

    @Test
    void shouldTakeTheMostUrgentOfSeveralRequestedProcedures() throws Exception {
        DicomHeader header = read(image().sequence(REQUEST_ATTRIBUTES,
                DicomWriter.create().string(PRIORITY, "SH", "ROUTINE"),
                DicomWriter.create().string(REQUESTED_PROCEDURE_ID, "SH", "RP2"),
                DicomWriter.create().string(PRIORITY, "SH", "HIGH"),
                DicomWriter.create().string(PRIORITY, "SH", "LOW")));
        assertThat(header.requestedProcedurePriority()).isEqualTo("HIGH");
    }

    @Test
    void shouldPreferTheTopLevelValue() throws Exception {
        DicomHeader header = read(image().string(PRIORITY, "SH", "LOW").sequence(REQUEST_ATTRIBUTES,
                DicomWriter.create().string(PRIORITY, "SH", "STAT")));
        assertThat(header.requestedProcedurePriority()).isEqualTo("LOW");
    }

    @Test
    void shouldReadDefinedLengthItemsAndIgnoreDeeperNesting() throws Exception {
        // item 0: the priority only inside a nested code sequence (not the item's own); item 1: URGENT-worthy HIGH
        byte[] nested = definedSequence(0x00400008, DicomWriter.create().string(PRIORITY, "SH", "STAT").dataSetBytes());
        byte[] item0 = concat(DicomWriter.create().string(REQUESTED_PROCEDURE_ID, "SH", "RP1").dataSetBytes(), nested);
        byte[] item1 = DicomWriter.create().string(PRIORITY, "SH", "HIGH").dataSetBytes();
        byte[] sequence = concat(item(item0), item(item1));
        DicomHeader header = read(image().rawElement(REQUEST_ATTRIBUTES, "SQ", sequence.length, sequence));
        assertThat(header.requestedProcedurePriority()).isEqualTo("HIGH");
    }

    @Test
    void shouldReadOnlyTheFirstItemsOfAnOversizedSequence() throws Exception {
        DicomWriter[] items = new DicomWriter[AttributeCollector.MAX_REQUEST_ITEMS + 8];
        for (int i = 0; i < items.length; i++) {
            items[i] = DicomWriter.create().string(PRIORITY, "SH", i < AttributeCollector.MAX_REQUEST_ITEMS ? "LOW" : "STAT");
        }
        DicomHeader header = read(image().sequence(REQUEST_ATTRIBUTES, items));
        assertThat(header.requestedProcedurePriority()).isEqualTo("LOW");
    }

    @Test
    void shouldNotTakeAMacroInsideARequestItemForAFunctionalGroup() throws Exception {
        DicomWriter pixelMeasures = DicomWriter.create().string(0x00280030, "DS", "9\\9");
        DicomHeader header = read(image().string(0x00280030, "DS", "0.5\\0.5").sequence(REQUEST_ATTRIBUTES,
                DicomWriter.create().sequence(0x00289110, pixelMeasures).string(PRIORITY, "SH", "STAT")));
        assertThat(header.pixelSpacing()).containsExactly(0.5, 0.5);
        assertThat(header.requestedProcedurePriority()).isEqualTo("STAT");
    }

    @Test
    void shouldLeaveItNullWhenNoItemSaysIt() throws Exception {
        DicomHeader header = read(image().sequence(REQUEST_ATTRIBUTES,
                DicomWriter.create().string(REQUESTED_PROCEDURE_ID, "SH", "RP1")));
        assertThat(header.requestedProcedurePriority()).isNull();
    }

    private static DicomWriter image() {
        return DicomWriter.grayscale16(DicomWriter.newUid(), DicomWriter.newUid(), DicomWriter.newUid(), 2, 2,
                new short[4]);
    }

    private static DicomHeader read(DicomWriter writer) throws Exception {
        return DicomReader.create().readHeader(new ByteArrayInputStream(writer.toByteArray()));
    }

    private static byte[] definedSequence(int tag, byte[] itemContent) {
        byte[] items = item(itemContent);
        return concat(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (tag >>> 16))
                .putShort((short) tag).put((byte) 'S').put((byte) 'Q').putShort((short) 0).putInt(items.length).array(), items);
    }

    private static byte[] item(byte[] content) {
        return concat(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xFFFE)
                .putShort((short) 0xE000).putInt(content.length).array(), content);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
