package io.radstream.dicom;

import static io.radstream.dicom.DicomParseException.Reason.CANNOT_UNDERSTAND;
import static io.radstream.dicom.DicomParseException.Reason.TOO_LARGE;
import static io.radstream.dicom.DicomParseException.Reason.UNSUPPORTED_TRANSFER_SYNTAX;
import static io.radstream.dicom.TestBytes.ascii;
import static io.radstream.dicom.TestBytes.concat;
import static io.radstream.dicom.TestBytes.image;
import static io.radstream.dicom.TestBytes.indexOf;
import static io.radstream.dicom.TestBytes.itemHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Structural errors and limits: each refused with the reason a STOW-RS client should see. */
class MalformedStructureTest {

    @Test
    void shouldRefuseUnknownTransferSyntaxWithoutGuessing() {
        byte[] file = image(2, 2).transferSyntax("1.2.3.4.5.6.7").toByteArray();

        assertThat(Samples.headerFailure(file)).isEqualTo(UNSUPPORTED_TRANSFER_SYNTAX);
    }

    @Test
    void shouldRejectAnInvalidVr() {
        byte[] file = image(2, 2).rawElement(0x00081030, "zz", 4, ascii("abcd")).toByteArray();

        assertThat(Samples.headerFailure(file)).isEqualTo(CANNOT_UNDERSTAND);
    }

    @Test
    void shouldRejectAStrayDelimiterAtTopLevel() {
        byte[] file = image(2, 2).appendRaw(itemHeader(Tags.SEQUENCE_DELIMITATION, 0)).toByteArray();

        assertThat(Samples.imageFailure(file)).isEqualTo(CANNOT_UNDERSTAND);
    }

    @Test
    void shouldRejectItemThatOverrunsItsSequence() {
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.writeBytes(itemHeader(Tags.ITEM, 100));
        sequence.writeBytes(new byte[100]);
        byte[] file = image(2, 2).rawElement(0x00081140, "SQ", 20, sequence.toByteArray())
                .toByteArray();

        assertThat(Samples.headerFailure(file)).isEqualTo(CANNOT_UNDERSTAND);
    }

    @Test
    void shouldEnforceMaxObjectBytes() {
        DicomReader tiny = DicomReader.create(new DicomLimits(1000, 1 << 20, 8, 16, 1 << 20));

        assertThat(Samples.imageFailure(tiny, Samples.bytes("CT_small.dcm"))).isEqualTo(TOO_LARGE);
    }

    @Test
    void shouldEnforceMaxFrames() {
        byte[] file = image(1, 1).string(Tags.NUMBER_OF_FRAMES, "IS", "5").toByteArray();
        DicomReader fourFrames = DicomReader.create(new DicomLimits(1 << 20, 1 << 20, 8, 4, 1 << 20));

        assertThat(Samples.headerFailure(fourFrames, file)).isEqualTo(TOO_LARGE);
    }

    @Test
    void shouldWrapStreamFailuresAsCannotUnderstand() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        InputStream buggy = new InputStream() {
            @Override
            public int read() {
                throw new IllegalStateException("bug in a stream");
            }
        };

        assertThatThrownBy(() -> Samples.READER.readHeader(failing))
                .isInstanceOfSatisfying(DicomParseException.class,
                        e -> assertThat(e.reason()).isEqualTo(CANNOT_UNDERSTAND));
        assertThatThrownBy(() -> Samples.READER.readImage(buggy))
                .isInstanceOf(DicomParseException.class);
    }

    @Test
    void shouldRejectCorruptRleSegmentOffsets() {
        byte[] rle = Samples.bytes("MR_small_RLE.dcm");
        int header = indexOf(rle, new byte[] {2, 0, 0, 0, 64, 0, 0, 0}); // 2 segments, first at 64
        rle[header + 8] = (byte) 0xFF; // second segment beyond the fragment
        rle[header + 9] = (byte) 0xFF;

        assertThat(Samples.imageFailure(rle)).isEqualTo(CANNOT_UNDERSTAND);
    }

    @Test
    void shouldRejectJpegWhoseFrameHeaderDisagreesWithTheDataSet() {
        byte[] jpeg = Samples.bytes("SC_rgb_jpeg_dcmtk.dcm");
        int sof = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xC0});
        jpeg[sof + 5] = 0x7F; // height 0x7F64: far more than Rows

        assertThat(Samples.imageFailure(jpeg)).isEqualTo(CANNOT_UNDERSTAND);
    }

    @Test
    void shouldRejectTruncatedJpegInsteadOfPaddingIt() {
        byte[] jpeg = Samples.bytes("SC_rgb_jpeg_dcmtk.dcm");
        int fragment = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        int end = indexOf(jpeg, new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0});
        int cut = fragment + (end - fragment) / 2;
        // shorten the fragment and its declared length together, so only the JPEG is truncated
        byte[] shortened = concat(Arrays.copyOf(jpeg, cut), Arrays.copyOfRange(jpeg, end, jpeg.length));
        ByteBuffer.wrap(shortened, fragment - 4, 4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(cut - fragment);

        assertThat(Samples.imageFailure(shortened)).isEqualTo(CANNOT_UNDERSTAND);
    }
}
