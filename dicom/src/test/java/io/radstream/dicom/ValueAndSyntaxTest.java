package io.radstream.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Value decoding rules, transfer syntax lookup and limit validation. */
class ValueAndSyntaxTest {

    @Test
    void shouldTrimPaddingAndTakeTheFirstValue() {
        assertThat(text("UI", "1.2.840\0").text()).isEqualTo("1.2.840");
        assertThat(text("CS", " ORIGINAL\\PRIMARY ").text()).isEqualTo("ORIGINAL");
        assertThat(text("CS", "A\\B\\C").texts()).containsExactly("A", "B", "C");
        assertThat(text("LO", "  ").text()).isNull();
        assertThat(text("LO", "").texts()).isEmpty();
    }

    @Test
    void shouldDecodeIso88591() {
        Value v = new Value(Tags.PATIENT_ID, Vr.LO, new byte[] {'M', (byte) 0xFC, 'l'}, false);

        assertThat(v.text()).isEqualTo("M\u00fcl");
    }

    @Test
    void shouldParseDecimalStrings() throws Exception {
        assertThat(text("DS", " -1024 ").decimals()).containsExactly(-1024.0);
        assertThat(text("DS", "1.5E+01\\.5\\-3.").decimals()).containsExactly(15.0, 0.5, -3.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "0x1p3", "1.5f", "1,5", "1e999", "--1",
            "1 2"})
    void shouldRefuseWhatIsNotADecimalString(String bad) {
        assertThatThrownBy(() -> text("DS", bad).decimals())
                .isInstanceOf(DicomParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1A", "1.0", "99999999999", "+", ""})
    void shouldRefuseWhatIsNotAnIntegerString(String bad) throws Exception {
        if (bad.isEmpty()) {
            assertThat(text("IS", bad).integer()).isNull();
            return;
        }
        assertThatThrownBy(() -> text("IS", bad).integer()).isInstanceOf(DicomParseException.class);
    }

    @Test
    void shouldDecodeBinaryIntegersInBothByteOrders() throws Exception {
        assertThat(new Value(Tags.ROWS, Vr.US, new byte[] {0x00, 0x02}, false).integer())
                .isEqualTo(512);
        assertThat(new Value(Tags.ROWS, Vr.US, new byte[] {0x02, 0x00}, true).integer())
                .isEqualTo(512);
        assertThat(new Value(Tags.ROWS, Vr.SS, new byte[] {(byte) 0xFF, (byte) 0xFF}, false)
                .integer()).isEqualTo(-1);
        assertThat(new Value(Tags.ROWS, Vr.UN, new byte[] {0x40, 0x00}, false).integer())
                .as("UN decodes with the dictionary VR").isEqualTo(64);
    }

    @Test
    void shouldLookUpTransferSyntaxes() {
        assertThat(TransferSyntax.forUid("1.2.840.10008.1.2.1\0"))
                .contains(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(TransferSyntax.forUid("1.2.840.10008.1.2.4.50")).get()
                .satisfies(ts -> assertThat(ts.encapsulated() && ts.supported()).isTrue());
        assertThat(TransferSyntax.isDecodable("1.2.840.10008.1.2.4.51")).isFalse();
        assertThat(TransferSyntax.isDecodable("1.2.840.10008.1.2.1.99")).isTrue();
        assertThat(TransferSyntax.forUid("1.2.3")).isEmpty();
        assertThat(TransferSyntax.forUid(null)).isEmpty();
    }

    @Test
    void shouldValidateLimits() {
        assertThatThrownBy(() -> new DicomLimits(0, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DicomLimits(1, 1, DicomLimits.SEQUENCE_DEPTH_CEILING + 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DicomLimits.DEFAULT.maxPixels()).isEqualTo(1L << 28);
    }

    @Test
    void shouldMapReasonsToDicomFailureCodes() {
        assertThat(DicomParseException.Reason.UNSUPPORTED_TRANSFER_SYNTAX.failureReason())
                .isEqualTo(0xC122);
        assertThat(DicomParseException.Reason.TOO_LARGE.failureReason()).isEqualTo(0xA700);
        assertThat(DicomParseException.Reason.DATASET_MISMATCH.failureReason()).isEqualTo(0xA900);
        assertThat(DicomParseException.Reason.CANNOT_UNDERSTAND.failureReason()).isEqualTo(0xC000);
    }

    private static Value text(String vr, String value) {
        return new Value(Tags.MODALITY, Vr.valueOf(vr), value.getBytes(StandardCharsets.ISO_8859_1),
                false);
    }
}
