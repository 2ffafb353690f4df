package io.radstream.dicom;

import static io.radstream.dicom.DicomParseException.Reason.CANNOT_UNDERSTAND;
import static io.radstream.dicom.DicomParseException.Reason.TOO_LARGE;
import static io.radstream.dicom.DicomParseException.Reason.UNSUPPORTED_TRANSFER_SYNTAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Malformed and malicious input: always a DicomParseException, quickly, with bounded memory. */
class HostileInputTest {
  private static final String STUDY = "1.2.3";
  private static final String SERIES = "1.2.3.4";
  private static final String SOP = "1.2.3.4.5";

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
    byte[] file = concat(new byte[128], ascii("DICM"), garbage);

    assertThat(Samples.imageFailure(file)).isEqualTo(CANNOT_UNDERSTAND);
  }

  @Test
  void shouldRejectCtSmallTruncatedAtEvery97thByte() {
    byte[] ct = Samples.bytes("CT_small.dcm");
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (int length = 0; length < ct.length; length += 97) {
        byte[] truncated = Arrays.copyOf(ct, length);
        assertThat(Samples.imageFailure(truncated)).as("truncated to %d bytes", length)
            .isIn(CANNOT_UNDERSTAND, DicomParseException.Reason.DATASET_MISMATCH);
      }
    });
  }

  @Test
  void shouldRefuseHugeDeclaredLengthOfAnOrdinaryElement() {
    byte[] file = image(2, 2).rawElement(0x00204000, "UT", 0xFFFFFFF0L, ascii("tiny")).toByteArray();

    assertThat(Samples.headerFailure(file)).isEqualTo(TOO_LARGE);
  }

  @Test
  void shouldRefuseHugeDeclaredLengthInImplicitVr() {
    byte[] dataSet = concat(implicitHeader(0x00080005, 10), ascii("ISO_IR 100"),
        implicitHeader(0x00080016, 0xFFFFFFF0L), ascii("1.2\0"));

    assertThat(Samples.headerFailure(dataSet)).isEqualTo(TOO_LARGE);
  }

  @Test
  void shouldNotAllocateWhatALyingLengthDeclares() {
    DicomLimits generous = new DicomLimits(1L << 31, Integer.MAX_VALUE - 64, 32, 16, 1L << 30);
    byte[] lyingPalette = image(2, 2).rawElement(0x00281201, "OW", 0x7FFF0000L, new byte[16])
        .toByteArray();
    byte[] lyingPixels = image(16384, 16384).toByteArray(); // declares 512 MiB, holds 8 bytes
    byte[] lyingPixelLength = Arrays.copyOf(lyingPixels, lyingPixels.length);
    patchPixelDataLength(lyingPixelLength, 16384L * 16384 * 2);

    long before = allocatedBytes();
    assertThat(Samples.imageFailure(DicomReader.create(generous), lyingPalette))
        .isEqualTo(CANNOT_UNDERSTAND);
    assertThat(Samples.imageFailure(DicomReader.create(generous), lyingPixelLength))
        .isEqualTo(CANNOT_UNDERSTAND);
    assertThat(allocatedBytes() - before).as("bytes allocated").isLessThan(64L << 20);
  }

  @Test
  void shouldRefuseSequenceNestingBomb() {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    for (int i = 0; i < 100_000; i++) {
      bomb.writeBytes(explicitHeader(0x00400275, "SQ", 0xFFFFFFFFL));
      bomb.writeBytes(itemHeader(0xFFFEE000, 0xFFFFFFFFL));
    }
    byte[] file = image(2, 2).remove(Tags.PIXEL_DATA).appendRaw(bomb.toByteArray()).toByteArray();

    assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
        assertThat(Samples.headerFailure(file)).isIn(TOO_LARGE, CANNOT_UNDERSTAND));
    assertThat(Samples.headerFailure(file)).isEqualTo(TOO_LARGE);
  }

  @Test
  void shouldRefuseImplicitVrNestingBomb() {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    bomb.writeBytes(implicitHeader(0x00080016, 4));
    bomb.writeBytes(ascii("1.2\0"));
    for (int i = 0; i < 10_000; i++) {
      bomb.writeBytes(implicitHeader(0x00091010, 0xFFFFFFFFL));
      bomb.writeBytes(itemHeader(0xFFFEE000, 0xFFFFFFFFL));
    }
    assertThat(Samples.headerFailure(bomb.toByteArray())).isEqualTo(TOO_LARGE);
  }

  @Test
  void shouldRefuseMaximalRowsAndColumnsWithTinyPixelData() {
    byte[] huge = image(2, 2).us(Tags.ROWS, 65535).us(Tags.COLUMNS, 65535).toByteArray();
    DicomLimits generous = new DicomLimits(1L << 40, 1 << 20, 8, 16, 1L << 40);

    assertThat(Samples.headerFailure(huge)).isEqualTo(TOO_LARGE);
    assertThat(Samples.imageFailure(DicomReader.create(generous), huge)).isEqualTo(TOO_LARGE);
  }

  @Test
  void shouldRefusePixelDataShorterThanTheHeaderImplies() {
    byte[] file = image(2, 2).us(Tags.ROWS, 4096).us(Tags.COLUMNS, 4096).toByteArray();

    assertThat(Samples.imageFailure(file)).isEqualTo(CANNOT_UNDERSTAND);
  }

  @Test
  void shouldBoundDeflateBombByMaxObjectBytes() {
    ByteArrayOutputStream dataSet = new ByteArrayOutputStream();
    dataSet.writeBytes(image(2, 2).remove(Tags.PIXEL_DATA).dataSetBytes());
    byte[] zeros = new byte[60_000];
    for (int i = 0; i < 20_000; i++) { // 1.2 GB once inflated
      dataSet.writeBytes(explicitHeader(0x00091010 + 0x10000 * 0, "OB", zeros.length));
      dataSet.writeBytes(zeros);
      if (dataSet.size() > 8_000_000) {
        break;
      }
    }
    byte[] compressed = deflate(dataSet.toByteArray());
    byte[] file = concat(meta(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid()), compressed);
    DicomLimits small = new DicomLimits(4 << 20, 1 << 20, 8, 16, 1 << 20);

    assertThat(compressed.length).isLessThan(100_000);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
        assertThat(Samples.headerFailure(DicomReader.create(small), file)).isEqualTo(TOO_LARGE));
  }

  @Test
  void shouldRejectTruncatedDeflateStream() {
    byte[] dataSet = image(4, 4).dataSetBytes();
    byte[] compressed = deflate(dataSet);
    byte[] file = concat(meta(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid()),
        Arrays.copyOf(compressed, compressed.length / 2));

    assertThat(Samples.imageFailure(file)).isEqualTo(CANNOT_UNDERSTAND);
  }

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
    byte[] file = image(2, 2).appendRaw(itemHeader(0xFFFEE0DD, 0)).toByteArray();

    assertThat(Samples.imageFailure(file)).isEqualTo(CANNOT_UNDERSTAND);
  }

  @Test
  void shouldRejectItemThatOverrunsItsSequence() {
    ByteArrayOutputStream sequence = new ByteArrayOutputStream();
    sequence.writeBytes(itemHeader(0xFFFEE000, 100));
    sequence.writeBytes(new byte[100]);
    byte[] file = image(2, 2).rawElement(0x00081140, "SQ", 20, sequence.toByteArray())
        .toByteArray();

    assertThat(Samples.headerFailure(file)).isEqualTo(CANNOT_UNDERSTAND);
  }

  @Test
  void shouldEnforceMaxObjectBytes() {
    DicomLimits tiny = new DicomLimits(1000, 1 << 20, 8, 16, 1 << 20);

    assertThat(Samples.imageFailure(DicomReader.create(tiny), Samples.bytes("CT_small.dcm")))
        .isEqualTo(TOO_LARGE);
  }

  @Test
  void shouldEnforceMaxFrames() {
    byte[] file = image(1, 1).string(Tags.NUMBER_OF_FRAMES, "IS", "5")
        .bytes(Tags.PIXEL_DATA, "OW", new byte[10]).toByteArray();
    DicomLimits fourFrames = new DicomLimits(1 << 20, 1 << 20, 8, 4, 1 << 20);

    assertThat(Samples.headerFailure(DicomReader.create(fourFrames), file)).isEqualTo(TOO_LARGE);
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
        .isInstanceOf(DicomParseException.class)
        .extracting(e -> ((DicomParseException) e).reason()).isEqualTo(CANNOT_UNDERSTAND);
    assertThatThrownBy(() -> Samples.READER.readImage(buggy))
        .isInstanceOf(DicomParseException.class);
  }

  @Test
  void shouldRejectCorruptRleSegments() {
    byte[] rle = Samples.bytes("MR_small_RLE.dcm");
    byte[] badOffsets = Arrays.copyOf(rle, rle.length);
    int header = indexOf(badOffsets, new byte[] {2, 0, 0, 0, 64, 0, 0, 0}); // 2 segments, at 64
    badOffsets[header + 8] = (byte) 0xFF; // second segment offset beyond the fragment
    badOffsets[header + 9] = (byte) 0xFF;

    assertThat(Samples.imageFailure(badOffsets)).isEqualTo(CANNOT_UNDERSTAND);
  }

  @Test
  void shouldRejectJpegWhoseFrameHeaderDisagreesWithTheDataSet() {
    byte[] jpeg = Samples.bytes("SC_rgb_jpeg_dcmtk.dcm");
    byte[] wrongSize = Arrays.copyOf(jpeg, jpeg.length);
    int sof = indexOf(wrongSize, new byte[] {(byte) 0xFF, (byte) 0xC0});
    wrongSize[sof + 5] = 0x7F; // height 0x7F64: far more than Rows

    assertThat(Samples.imageFailure(wrongSize)).isEqualTo(CANNOT_UNDERSTAND);
  }

  @Test
  void shouldRejectTruncatedJpegInsteadOfPaddingIt() {
    byte[] jpeg = Samples.bytes("SC_rgb_jpeg_dcmtk.dcm");
    int fragment = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    int end = indexOf(jpeg, new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0});
    int cut = fragment + (end - fragment) / 2;
    // keep the item length honest: shorten the fragment and its declared length together
    byte[] shortened = concat(Arrays.copyOf(jpeg, cut), Arrays.copyOfRange(jpeg, end, jpeg.length));
    int lengthField = fragment - 4;
    ByteBuffer.wrap(shortened, lengthField, 4).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(cut - fragment);

    assertThat(Samples.imageFailure(shortened)).isEqualTo(CANNOT_UNDERSTAND);
  }

  static DicomWriter image(int rows, int columns) {
    return DicomWriter.grayscale16(STUDY, SERIES, SOP, 2, 2, new short[] {1, 2, 3, 4})
        .us(Tags.ROWS, rows).us(Tags.COLUMNS, columns);
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

  static byte[] meta(String transferSyntax) {
    return DicomWriter.create().transferSyntax(transferSyntax).toByteArray();
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
    if (vr.equals("SQ") || vr.equals("OB") || vr.equals("OW") || vr.equals("UN")) {
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
