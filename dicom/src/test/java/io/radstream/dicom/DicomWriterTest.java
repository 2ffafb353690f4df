package io.radstream.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DicomWriterTest {

    @Test
    void shouldRoundTripAGrayscale16Image() throws Exception {
        String study = DicomWriter.newUid();
        String series = DicomWriter.newUid();
        String sop = DicomWriter.newUid();
        short[] pixels = {-1000, 0, 1, 32767, -32768, 42};

        byte[] file = DicomWriter.grayscale16(study, series, sop, 2, 3, pixels)
                .string(Tags.MODALITY, "CS", "CT")
                .string(Tags.RESCALE_INTERCEPT, "DS", "-1024")
                .toByteArray();
        DicomImage image = Samples.image(file);

        DicomHeader h = image.header();
        assertThat(h.transferSyntaxUid()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        assertThat(h.sopClassUid()).isEqualTo(DicomWriter.SECONDARY_CAPTURE);
        assertThat(h.studyInstanceUid()).isEqualTo(study);
        assertThat(h.seriesInstanceUid()).isEqualTo(series);
        assertThat(h.sopInstanceUid()).isEqualTo(sop);
        assertThat(h.modality()).isEqualTo("CT");
        assertThat(h.rows()).isEqualTo(2);
        assertThat(h.columns()).isEqualTo(3);
        assertThat(image.frames().get(0).samples())
                .containsExactly(-2024f, -1024f, -1023f, 31743f, -33792f, -982f);
    }

    @Test
    void shouldWriteABareDataSetThatTheReaderSniffs() throws Exception {
        byte[] dataSet = DicomWriter.grayscale16("1.2", "1.3", "1.4", 1, 1, new short[] {7})
                .dataSetBytes();

        DicomImage image = Samples.image(dataSet);

        assertThat(image.header().transferSyntaxUid())
                .isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        assertThat(image.frames().get(0).samples()).containsExactly(7f);
    }

    @Test
    void shouldPadOddValuesAsTheirVrRequires() {
        byte[] uid = DicomWriter.create().string(Tags.SOP_INSTANCE_UID, "UI", "1.2.3").dataSetBytes();
        byte[] text = DicomWriter.create().string(Tags.MODALITY, "CS", "CTX").dataSetBytes();

        assertThat(uid).hasSize(8 + 6).endsWith(new byte[] {'3', 0});
        assertThat(text).hasSize(8 + 4).endsWith(new byte[] {'X', ' '});
    }

    @Test
    void shouldWriteLyingLengthsOnRequest() {
        byte[] element = DicomWriter.create()
                .rawElement(0x00091010, "OB", 0xFFFFFFF0L, new byte[] {1, 2}).dataSetBytes();

        assertThat(Arrays.copyOfRange(element, 8, 12))
                .containsExactly((byte) 0xF0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF);
        assertThat(element).hasSize(14);
    }

    @Test
    void shouldMintUidsUnderTheUuidRoot() {
        String uid = DicomWriter.newUid();

        assertThat(uid).startsWith("2.25.").matches("[0-9.]+").hasSizeLessThanOrEqualTo(64);
        assertThat(uid).isNotEqualTo(DicomWriter.newUid());
    }

    @Test
    void shouldRefusePixelsThatDoNotMatchTheDimensions() {
        assertThatThrownBy(() -> DicomWriter.grayscale16("1", "2", "3", 2, 2, new short[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
