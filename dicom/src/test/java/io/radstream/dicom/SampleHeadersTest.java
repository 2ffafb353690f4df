package io.radstream.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample's header against the values dcmdump printed (reference/headers.properties). */
class SampleHeadersTest {
    private static final Properties DCMDUMP = Samples.reference("headers.properties");

    static Stream<String> files() {
        return DCMDUMP.stringPropertyNames().stream()
                .filter(k -> k.endsWith(".transferSyntaxUid"))
                .map(k -> k.substring(0, k.length() - ".transferSyntaxUid".length()))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("files")
    void shouldMatchDcmdumpHeaderValues(String file) throws Exception {
        DicomHeader header = Samples.header(Samples.bytes(file));

        for (RecordComponent component : DicomHeader.class.getRecordComponents()) {
            String text = DCMDUMP.getProperty(file + "." + component.getName());
            assertThat(text).as("reference for %s.%s", file, component.getName()).isNotNull();
            Object actual = component.getAccessor().invoke(header);
            Object expected = expected(component, text, header.hasPixelData());
            if (expected instanceof double[] array) {
                assertThat((double[]) actual).as("%s %s", file, component.getName()).containsExactly(array);
            } else {
                assertThat(actual).as("%s %s", file, component.getName()).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldStopReadingAtPixelDataWhenReadingTheHeader() throws Exception {
        byte[] ct = Samples.bytes("CT_small.dcm");
        int pixelDataTag = TestBytes.indexOf(ct, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W'});
        CountingStream counting = new CountingStream(new ByteArrayInputStream(ct));

        DicomHeader header = Samples.READER.readHeader(counting);

        assertThat(header.hasPixelData()).isTrue();
        assertThat(counting.count).as("bytes consumed").isEqualTo(pixelDataTag + 12);
    }

    @Test
    void shouldReadHeaderOfSyntaxesWhosePixelsAreNotDecodable() throws Exception {
        DicomHeader jpegExtended = Samples.header(Samples.bytes("JPEG-lossy.dcm"));

        assertThat(jpegExtended.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.51");
        assertThat(TransferSyntax.isDecodable(jpegExtended.transferSyntaxUid())).isFalse();
        assertThat(jpegExtended.isImage()).isTrue();
    }

    @Test
    void shouldKeepPatientIdentifiersOutOfToString() throws Exception {
        DicomHeader header = Samples.header(Samples.bytes("CT_small.dcm"));

        assertThat(header.patientId()).isEqualTo("1CT1");
        assertThat(header.toString()).doesNotContain("1CT1").contains("MONOCHROME2");
    }

    @Test
    void shouldReportNonImageObjectsAsNotImages() throws Exception {
        DicomHeader plan = Samples.header(Samples.bytes("ExplVR_LitEndNoMeta.dcm"));

        assertThat(plan.isImage()).isFalse();
        assertThat(plan.numberOfFrames()).isZero();
        assertThat(plan.modality()).isEqualTo("RTPLAN");
    }

    private static Object expected(RecordComponent component, String text, boolean hasPixels) {
        String first = text.isEmpty() ? null : text.split("\\\\", -1)[0].strip();
        Class<?> type = component.getType();
        String name = component.getName();
        if (type == String.class) {
            return first == null || first.isEmpty() ? null : first;
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        }
        if (type == int.class) {
            int absent = name.equals("numberOfFrames") && hasPixels ? 1 : 0;
            return first == null ? absent : Integer.parseInt(first);
        }
        if (type == double.class) {
            double absent = name.equals("rescaleSlope") ? 1.0 : 0.0;
            return first == null ? absent : Double.parseDouble(first);
        }
        if (type == Double.class) {
            return first == null ? null : Double.valueOf(first);
        }
        if (first == null) {
            return null;
        }
        double[] all = Arrays.stream(text.split("\\\\")).mapToDouble(Double::parseDouble).toArray();
        int count = switch (name) {
            case "pixelSpacing" -> 2;
            case "imageOrientationPatient" -> 6;
            default -> 3;
        };
        return Arrays.copyOf(all, count);
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
