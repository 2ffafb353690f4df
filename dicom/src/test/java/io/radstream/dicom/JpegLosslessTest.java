package io.radstream.dicom;

import static io.radstream.dicom.DicomParseException.Reason.CANNOT_UNDERSTAND;
import static io.radstream.dicom.DicomParseException.Reason.UNSUPPORTED_TRANSFER_SYNTAX;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JPEG Lossless (Process 14) beyond the dcmtk references of {@link SamplePixelsTest}: a lossless frame
 * decodes to exactly the pixels of the uncompressed file it was written from (rescale, sign and colour
 * included), and damaged or other-process streams are refused, never decoded into something else.
 */
class JpegLosslessTest {

    @ParameterizedTest
    @CsvSource({
        "CT_small_jpll_sv1.dcm, CT_small.dcm",
        "CT_small_jpll_p14.dcm, CT_small.dcm",
        "MR_small_jpll_sv1.dcm, MR_small.dcm",
        "SC_rgb_small_odd_jpll_sv1.dcm, SC_rgb_small_odd.dcm",
    })
    void shouldDecodeExactlyThePixelsOfTheUncompressedSource(String lossless, String source) throws Exception {
        DicomImage decoded = Samples.image(lossless);
        DicomImage original = Samples.image(source);

        assertThat(decoded.header().transferSyntaxUid()).startsWith("1.2.840.10008.1.2.4.");
        assertThat(decoded.frames()).hasSameSizeAs(original.frames());
        assertThat(Samples.allSamples(decoded)).containsExactly(Samples.allSamples(original));
    }

    @Test
    void shouldDecodeCtLosslessToHounsfieldUnits() throws Exception {
        PixelFrame frame = Samples.image("CT_small_jpll_sv1.dcm").frames().get(0);

        assertThat(frame.sample(0, 0, 0)).isEqualTo(175 - 1024f);
        assertThat(frame.samples()[8192]).isEqualTo(956 - 1024f);
    }

    @Test
    void shouldRefuseSixteenBitColourAsUnsupported() {
        assertThat(Samples.imageFailure(Samples.bytes("SC_rgb_16bit_2frame_jpll_sv1.dcm")))
                .isEqualTo(UNSUPPORTED_TRANSFER_SYNTAX);
    }

    @Test
    void shouldRefuseATruncatedLosslessFrame() {
        byte[] file = Samples.bytes("CT_small_jpll_sv1.dcm");
        int sos = indexOf(file, (byte) 0xFF, (byte) 0xDA);
        byte[] truncated = withFragmentCut(file, sos + 400);

        assertThat(Samples.imageFailure(truncated)).isEqualTo(CANNOT_UNDERSTAND);
    }

    @Test
    void shouldRefuseALosslessProcessOtherThanNonHierarchicalHuffman() {
        byte[] file = Samples.bytes("CT_small_jpll_sv1.dcm").clone();
        int sof3 = indexOf(file, (byte) 0xFF, (byte) 0xC3);
        file[sof3 + 1] = (byte) 0xCB; // SOF11: lossless with arithmetic coding

        assertThat(Samples.imageFailure(file)).isEqualTo(UNSUPPORTED_TRANSFER_SYNTAX);
    }

    @Test
    void shouldRefuseALosslessFrameWhoseSizeDisagreesWithThePixelModule() {
        byte[] file = Samples.bytes("CT_small_jpll_sv1.dcm").clone();
        int sof3 = indexOf(file, (byte) 0xFF, (byte) 0xC3);
        file[sof3 + 6] = (byte) (file[sof3 + 6] + 1); // frame header height: 129 rows instead of 128

        assertThat(Samples.imageFailure(file)).isEqualTo(CANNOT_UNDERSTAND);
    }

    /**
     * The file with its single pixel fragment ending at {@code cut} (fragment, sequence delimiter and
     * lengths rewritten), as when a sender loses the tail of the compressed stream.
     */
    private static byte[] withFragmentCut(byte[] file, int cut) {
        int fragmentStart = indexOf(file, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF); // the frame's SOI
        int length = cut - fragmentStart;
        byte[] out = new byte[cut + 8];
        System.arraycopy(file, 0, out, 0, cut);
        out[fragmentStart - 4] = (byte) length;
        out[fragmentStart - 3] = (byte) (length >>> 8);
        out[fragmentStart - 2] = (byte) (length >>> 16);
        out[fragmentStart - 1] = (byte) (length >>> 24);
        byte[] delimiter = {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0};
        System.arraycopy(delimiter, 0, out, cut, 8);
        return out;
    }

    private static int indexOf(byte[] b, byte... pattern) {
        for (int i = 0; i + pattern.length <= b.length; i++) {
            if (matches(b, i, pattern)) {
                return i;
            }
        }
        throw new IllegalStateException("pattern not found");
    }

    private static boolean matches(byte[] b, int at, byte[] pattern) {
        for (int j = 0; j < pattern.length; j++) {
            if (b[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }
}
