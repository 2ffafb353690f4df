package io.radstream.dicom;

import static io.radstream.dicom.DicomParseException.Reason.CANNOT_UNDERSTAND;
import static io.radstream.dicom.DicomParseException.Reason.DATASET_MISMATCH;
import static io.radstream.dicom.TestBytes.ascii;
import static io.radstream.dicom.TestBytes.colour;
import static io.radstream.dicom.TestBytes.concat;
import static io.radstream.dicom.TestBytes.image;
import static io.radstream.dicom.TestBytes.implicitHeader;
import static io.radstream.dicom.TestBytes.indexOf;
import static io.radstream.dicom.TestBytes.itemHeader;
import static io.radstream.dicom.TestBytes.items;
import static io.radstream.dicom.TestBytes.words;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Data set structures and required attributes, on objects built with DicomWriter. */
class SyntheticStructureTest {

    @Test
    void shouldNotStopAtPixelDataNestedInAnIconSequence() throws Exception {
        DicomWriter icon = DicomWriter.create().us(Tags.ROWS, 1).us(Tags.COLUMNS, 1)
                .rawElement(Tags.PIXEL_DATA, "OB", 0xFFFFFFFFL, items(new byte[0], new byte[2]));
        byte[] file = image(1, 1, words(9)).sequence(0x00880200, icon).toByteArray();

        assertThat(samples(file)).containsExactly(9f);
    }

    @Test
    void shouldReadUndefinedLengthUnAsImplicitVrSequence() throws Exception {
        byte[] un = concat(itemHeader(Tags.ITEM, 0xFFFFFFFFL), implicitHeader(0x00081150, 4),
                ascii("1.2\0"), itemHeader(Tags.ITEM_DELIMITATION, 0),
                itemHeader(Tags.SEQUENCE_DELIMITATION, 0));
        byte[] file = image(1, 1, words(3)).rawElement(0x00091001, "UN", 0xFFFFFFFFL, un)
                .toByteArray();

        assertThat(samples(file)).containsExactly(3f);
    }

    @Test
    void shouldReadAnImplicitVrDataSetWithoutFileMeta() throws Exception {
        ByteArrayOutputStream set = new ByteArrayOutputStream();
        implicit(set, Tags.SOP_CLASS_UID, ascii("1.2\0"));
        implicit(set, Tags.SOP_INSTANCE_UID, ascii("1.3\0"));
        implicit(set, Tags.STUDY_INSTANCE_UID, ascii("1.4\0"));
        implicit(set, Tags.SERIES_INSTANCE_UID, ascii("1.5\0"));
        implicit(set, Tags.SAMPLES_PER_PIXEL, words(1));
        implicit(set, Tags.PHOTOMETRIC_INTERPRETATION, ascii("MONOCHROME2 "));
        implicit(set, Tags.ROWS, words(1));
        implicit(set, Tags.COLUMNS, words(2));
        implicit(set, Tags.BITS_ALLOCATED, words(16));
        implicit(set, Tags.BITS_STORED, words(16));
        implicit(set, Tags.PIXEL_REPRESENTATION, words(0));
        implicit(set, Tags.PIXEL_DATA, words(300, 400));

        DicomImage image = Samples.image(set.toByteArray());
        assertThat(image.header().transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2");
        assertThat(image.frames().get(0).samples()).containsExactly(300f, 400f);
    }

    @Test
    void shouldAcceptFileMetaWithoutPreamble() throws Exception {
        byte[] part10 = image(1, 1, words(5)).toByteArray();

        assertThat(samples(Arrays.copyOfRange(part10, 132, part10.length))).containsExactly(5f);
    }

    @Test
    void shouldRejectMoreThanAFewStrayBytesBeforeABareDataSet() {
        byte[] dataSet = image(1, 1, words(5)).dataSetBytes();

        assertThat(Samples.headerFailure(concat(new byte[9], dataSet))).isEqualTo(CANNOT_UNDERSTAND);
    }

    @Test
    void shouldSplitMultiFragmentJpegFramesByOffsetTableOrStartOfImage() throws Exception {
        byte[] jpeg = jpegOf("SC_rgb_jpeg_dcmtk.dcm");
        byte[] a = Arrays.copyOf(jpeg, jpeg.length / 2);
        byte[] b = Arrays.copyOfRange(jpeg, jpeg.length / 2, jpeg.length);
        byte[] table = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0)
                .putInt(8 + a.length + 8 + b.length).array();
        float[] single = Samples.image("SC_rgb_jpeg_dcmtk.dcm").frames().get(0).samples();

        for (byte[] offsets : new byte[][] {table, new byte[0]}) {
            DicomImage image = Samples.image(jpegImage(items(offsets, a, b, a, b)));
            assertThat(image.frames()).hasSize(2);
            assertThat(image.frames().get(1).samples()).containsExactly(single);
        }
    }

    @Test
    void shouldRejectFragmentsThatCannotBeAssignedToFrames() {
        byte[] file = image(64, 64, new byte[0]).string(Tags.NUMBER_OF_FRAMES, "IS", "2")
                .rawElement(Tags.PIXEL_DATA, "OB", 0xFFFFFFFFL,
                        items(new byte[0], new byte[8], new byte[8], new byte[8]))
                .transferSyntax(TransferSyntax.RLE_LOSSLESS.uid()).toByteArray();

        assertThat(Samples.imageFailure(file)).isEqualTo(CANNOT_UNDERSTAND);
    }

    @Test
    void shouldReadElementsAfterPixelDataAndNoticeTheirTruncation() throws Exception {
        byte[] whole = image(1, 1, words(5)).bytes(0xFFFCFFFC, "OB", new byte[16]).toByteArray();

        assertThat(samples(whole)).containsExactly(5f);
        assertThat(Samples.imageFailure(Arrays.copyOf(whole, whole.length - 3)))
                .isEqualTo(CANNOT_UNDERSTAND);
    }

    @ParameterizedTest
    @ValueSource(ints = {Tags.SOP_CLASS_UID, Tags.SOP_INSTANCE_UID, Tags.STUDY_INSTANCE_UID,
            Tags.SERIES_INSTANCE_UID, Tags.ROWS, Tags.BITS_ALLOCATED, Tags.PHOTOMETRIC_INTERPRETATION})
    void shouldRefuseMissingRequiredAttributes(int tag) {
        byte[] file = image(1, 1, words(5)).remove(tag).toByteArray();

        assertThat(Samples.headerFailure(file)).isEqualTo(DATASET_MISMATCH);
    }

    @Test
    void shouldRefuseUidsThatAreNotUids() {
        byte[] file = image(1, 1, words(5))
                .string(Tags.SOP_INSTANCE_UID, "UI", "1.2/../../etc").toByteArray();

        assertThat(Samples.headerFailure(file)).isEqualTo(DATASET_MISMATCH);
    }

    @Test
    void shouldRefuseInconsistentPixelModules() {
        assertThat(mismatch(image(1, 1).us(Tags.SAMPLES_PER_PIXEL, 3))).as("MONOCHROME2, 3 samples")
                .isEqualTo(DATASET_MISMATCH);
        assertThat(mismatch(image(1, 1).us(Tags.BITS_STORED, 17))).as("stored > allocated")
                .isEqualTo(DATASET_MISMATCH);
        assertThat(mismatch(image(1, 1).us(Tags.BITS_ALLOCATED, 12))).as("12 bits allocated")
                .isEqualTo(DATASET_MISMATCH);
        assertThat(mismatch(image(1, 1).string(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "HSV")))
                .as("retired photometric").isEqualTo(DATASET_MISMATCH);
        assertThat(mismatch(image(1, 1).string(Tags.RESCALE_SLOPE, "DS", "0"))).as("zero slope")
                .isEqualTo(DATASET_MISMATCH);
    }

    private static DicomParseException.Reason mismatch(DicomWriter writer) {
        return Samples.headerFailure(writer.toByteArray());
    }

    private static byte[] jpegOf(String file) {
        byte[] dicom = Samples.bytes(file);
        int start = indexOf(dicom, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        int length = ByteBuffer.wrap(dicom, start - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(dicom, start, start + length);
    }

    private static byte[] jpegImage(byte[] encapsulated) {
        return colour(100, 100, "YBR_FULL_422", 0, new byte[0])
                .string(Tags.NUMBER_OF_FRAMES, "IS", "2")
                .rawElement(Tags.PIXEL_DATA, "OB", 0xFFFFFFFFL, encapsulated)
                .transferSyntax(TransferSyntax.JPEG_BASELINE.uid())
                .toByteArray();
    }

    private static void implicit(ByteArrayOutputStream out, int tag, byte[] value) {
        out.writeBytes(implicitHeader(tag, value.length));
        out.writeBytes(value);
    }

    private static float[] samples(byte[] file) throws DicomParseException {
        return Samples.image(file).frames().get(0).samples();
    }
}
