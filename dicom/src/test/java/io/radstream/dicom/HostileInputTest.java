package io.radstream.dicom;

import static io.radstream.dicom.DicomParseException.Reason.CANNOT_UNDERSTAND;
import static io.radstream.dicom.DicomParseException.Reason.DATASET_MISMATCH;
import static io.radstream.dicom.DicomParseException.Reason.TOO_LARGE;
import static io.radstream.dicom.TestBytes.ascii;
import static io.radstream.dicom.TestBytes.concat;
import static io.radstream.dicom.TestBytes.deflate;
import static io.radstream.dicom.TestBytes.explicitHeader;
import static io.radstream.dicom.TestBytes.image;
import static io.radstream.dicom.TestBytes.implicitHeader;
import static io.radstream.dicom.TestBytes.indexOf;
import static io.radstream.dicom.TestBytes.itemHeader;
import static io.radstream.dicom.TestBytes.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malicious input: always a DicomParseException, quickly, with bounded memory. */
class HostileInputTest {
    private static final String DEFLATED = TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid();

    @Test
    void shouldRejectEmptyInput() {
        assertThat(Samples.headerFailure(new byte[0])).isEqualTo(CANNOT_UNDERSTAND);
    }

    @Test
    void shouldRejectRandomBytes() {
        Random random = new Random(42);
        for (int size : new int[] {1, 7, 131, 132, 133, 1000, 65536}) {
            byte[] noise = new byte[size];
            random.nextBytes(noise);
            assertThat(Samples.imageFailure(noise)).as("size %d", size).isEqualTo(CANNOT_UNDERSTAND);
        }
    }

    @Test
    void shouldRejectDicmPrefixFollowedByGarbage() {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);

        assertThat(Samples.imageFailure(concat(new byte[128], ascii("DICM"), garbage)))
                .isEqualTo(CANNOT_UNDERSTAND);
    }

    @Test
    void shouldRejectCtSmallTruncatedAtEvery97thByte() {
        byte[] ct = Samples.bytes("CT_small.dcm");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int length = 0; length < ct.length; length += 97) {
                assertThat(Samples.imageFailure(Arrays.copyOf(ct, length)))
                        .as("truncated to %d bytes", length).isIn(CANNOT_UNDERSTAND, DATASET_MISMATCH);
            }
        });
    }

    @Test
    void shouldRefuseHugeDeclaredLengthOfAnOrdinaryElement() {
        byte[] file = image(2, 2).rawElement(0x00204000, "UT", 0xFFFFFFF0L, ascii("tiny"))
                .toByteArray();

        assertThat(Samples.headerFailure(file)).isEqualTo(TOO_LARGE);
    }

    @Test
    void shouldRefuseHugeDeclaredLengthInImplicitVr() {
        byte[] dataSet = concat(implicitHeader(0x00080005, 10), ascii("ISO_IR 100"),
                implicitHeader(Tags.SOP_CLASS_UID, 0xFFFFFFF0L), ascii("1.2\0"));

        assertThat(Samples.headerFailure(dataSet)).isEqualTo(TOO_LARGE);
    }

    @Test
    void shouldNotAllocateWhatALyingLengthDeclares() {
        DicomReader generous =
                DicomReader.create(new DicomLimits(1L << 31, Integer.MAX_VALUE - 64, 32, 16, 1L << 30));
        byte[] lyingPalette = image(2, 2).rawElement(Tags.RED_PALETTE_DATA, "OW", 0x7FFF0000L,
                new byte[16]).toByteArray();
        byte[] lyingPixels = image(16384, 16384).toByteArray(); // holds 8 bytes
        patchPixelDataLength(lyingPixels, 16384L * 16384 * 2); // declares the 512 MiB it implies

        long before = allocatedBytes();
        assertThat(Samples.imageFailure(generous, lyingPalette)).isEqualTo(CANNOT_UNDERSTAND);
        assertThat(Samples.imageFailure(generous, lyingPixels)).isEqualTo(CANNOT_UNDERSTAND);
        assertThat(allocatedBytes() - before).as("bytes allocated").isLessThan(64L << 20);
    }

    @Test
    void shouldRefuseSequenceNestingBomb() {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            bomb.writeBytes(explicitHeader(0x00400275, "SQ", 0xFFFFFFFFL));
            bomb.writeBytes(itemHeader(Tags.ITEM, 0xFFFFFFFFL));
        }
        byte[] file = image(2, 2).remove(Tags.PIXEL_DATA).appendRaw(bomb.toByteArray())
                .toByteArray();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThat(Samples.headerFailure(file)).isEqualTo(TOO_LARGE));
    }

    @Test
    void shouldRefuseImplicitVrNestingBomb() {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        bomb.writeBytes(concat(implicitHeader(Tags.SOP_CLASS_UID, 4), ascii("1.2\0")));
        for (int i = 0; i < 10_000; i++) {
            bomb.writeBytes(implicitHeader(0x00091010, 0xFFFFFFFFL));
            bomb.writeBytes(itemHeader(Tags.ITEM, 0xFFFFFFFFL));
        }

        assertThat(Samples.headerFailure(bomb.toByteArray())).isEqualTo(TOO_LARGE);
    }

    @Test
    void shouldRefuseMaximalRowsAndColumnsWithTinyPixelData() {
        byte[] huge = image(65535, 65535).toByteArray();
        DicomReader generous = DicomReader.create(new DicomLimits(1L << 40, 1 << 20, 8, 16, 1L << 40));

        assertThat(Samples.headerFailure(huge)).isEqualTo(TOO_LARGE);
        assertThat(Samples.imageFailure(generous, huge)).as("a frame beyond Java arrays")
                .isEqualTo(TOO_LARGE);
    }

    @Test
    void shouldRefusePixelDataShorterThanTheHeaderImplies() {
        assertThat(Samples.imageFailure(image(4096, 4096).toByteArray()))
                .isEqualTo(CANNOT_UNDERSTAND);
    }

    @Test
    void shouldBoundDeflateBombByMaxObjectBytes() {
        ByteArrayOutputStream dataSet = new ByteArrayOutputStream();
        dataSet.writeBytes(image(2, 2).remove(Tags.PIXEL_DATA).dataSetBytes());
        byte[] zeros = new byte[60_000];
        while (dataSet.size() < 8_000_000) { // twice maxObjectBytes once inflated
            dataSet.writeBytes(explicitHeader(0x00091010, "OB", zeros.length));
            dataSet.writeBytes(zeros);
        }
        byte[] compressed = deflate(dataSet.toByteArray());
        byte[] file = concat(meta(DEFLATED), compressed);
        DicomReader small = DicomReader.create(new DicomLimits(4 << 20, 1 << 20, 8, 16, 1 << 20));

        assertThat(compressed.length).isLessThan(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThat(Samples.headerFailure(small, file)).isEqualTo(TOO_LARGE));
    }

    @Test
    void shouldRejectTruncatedDeflateStream() {
        byte[] compressed = deflate(image(2, 2).dataSetBytes());
        byte[] file = concat(meta(DEFLATED), Arrays.copyOf(compressed, compressed.length / 2));

        assertThat(Samples.imageFailure(file)).isEqualTo(CANNOT_UNDERSTAND);
    }

    private static void patchPixelDataLength(byte[] file, long length) {
        int at = indexOf(file, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W'});
        ByteBuffer.wrap(file, at + 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) length);
    }

    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
