package io.radstream.dicom;

import static io.radstream.dicom.DicomParseException.Reason.CANNOT_UNDERSTAND;
import static io.radstream.dicom.DicomParseException.Reason.DATASET_MISMATCH;
import static io.radstream.dicom.HostileInputTest.concat;
import static io.radstream.dicom.HostileInputTest.implicitHeader;
import static io.radstream.dicom.HostileInputTest.indexOf;
import static io.radstream.dicom.HostileInputTest.itemHeader;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pixel semantics and structures the real samples do not cover, built with DicomWriter. */
class SyntheticImagesTest {

  @Test
  void shouldMaskBitsStoredAndSignExtendFromHighBit() throws Exception {
    // 12 stored bits, high bit 11, signed; garbage in the 4 unused bits must be ignored
    byte[] file = image(1, 4, words(0xF7FF, 0x0800, 0xAFFF, 0x0001))
        .us(Tags.BITS_STORED, 12).us(Tags.HIGH_BIT, 11).toByteArray();

    assertThat(samples(file)).containsExactly(2047f, -2048f, -1f, 1f);
  }

  @Test
  void shouldShiftDownWhenHighBitIsNotBitsStoredMinusOne() throws Exception {
    byte[] file = image(1, 2, words(0x0010, 0xFFF0))
        .us(Tags.BITS_STORED, 12).us(Tags.HIGH_BIT, 15).us(Tags.PIXEL_REPRESENTATION, 0)
        .toByteArray();

    assertThat(samples(file)).containsExactly(1f, 4095f);
  }

  @Test
  void shouldApplyRescaleAndKeepMonochrome1Uninverted() throws Exception {
    byte[] file = image(1, 2, words(10, 20))
        .string(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME1")
        .string(Tags.RESCALE_SLOPE, "DS", "0.5").string(Tags.RESCALE_INTERCEPT, "DS", "-3")
        .toByteArray();

    DicomImage image = Samples.image(file);
    assertThat(image.header().photometricInterpretation()).isEqualTo("MONOCHROME1");
    assertThat(image.frames().get(0).samples()).containsExactly(2f, 7f);
  }

  @Test
  void shouldDecodeEachFrameOfANativeMultiFrameImage() throws Exception {
    byte[] file = image(1, 2, words(1, 2, 3, 4, 5, 6))
        .string(Tags.NUMBER_OF_FRAMES, "IS", "3").toByteArray();

    DicomImage image = Samples.image(file);
    assertThat(image.frames()).extracting(f -> f.samples()[1]).containsExactly(2f, 4f, 6f);
  }

  @Test
  void shouldInterleavePlanarRgb() throws Exception {
    byte[] planes = {1, 2, 10, 20, (byte) 100, (byte) 200}; // R plane, G plane, B plane
    byte[] file = colour(1, 2, "RGB", 1, planes).toByteArray();

    assertThat(samples(file)).containsExactly(1f, 10f, 100f, 2f, 20f, 200f);
  }

  @Test
  void shouldConvertYbrFullToRgb() throws Exception {
    byte[] ybr = {76, 85, (byte) 255, (byte) 150, 44, 21}; // red and green in YCbCr
    byte[] file = colour(1, 2, "YBR_FULL", 0, ybr).toByteArray();

    float[] rgb = samples(file);
    assertThat(rgb[0]).isGreaterThan(250f);
    assertThat(rgb[1]).isLessThan(5f);
    assertThat(rgb[3]).isLessThan(5f);
    assertThat(rgb[4]).isGreaterThan(250f);
  }

  @Test
  void shouldLookUpPaletteColour() throws Exception {
    byte[] file = image(1, 3, words(0, 1, 5))
        .us(Tags.PIXEL_REPRESENTATION, 0).us(Tags.BITS_STORED, 16)
        .string(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "PALETTE COLOR")
        .us(Tags.RED_PALETTE_DESCRIPTOR, 2, 0, 16).us(Tags.GREEN_PALETTE_DESCRIPTOR, 2, 0, 16)
        .us(Tags.BLUE_PALETTE_DESCRIPTOR, 2, 0, 16)
        .bytes(Tags.RED_PALETTE_DATA, "OW", words(0xFFFF, 0))
        .bytes(Tags.GREEN_PALETTE_DATA, "OW", words(0, 0xFFFF))
        .bytes(Tags.BLUE_PALETTE_DATA, "OW", words(0, 0))
        .toByteArray();

    PixelFrame frame = Samples.image(file).frames().get(0);
    assertThat(frame.samplesPerPixel()).isEqualTo(3);
    assertThat(frame.samples()).containsExactly(255f, 0f, 0f, 0f, 255f, 0f, 0f, 255f, 0f);
  }

  @Test
  void shouldTakeGeometryAndPerFrameRescaleFromFunctionalGroups() throws Exception {
    DicomWriter shared = DicomWriter.create().sequence(Tags.PIXEL_MEASURES_SEQUENCE,
        DicomWriter.create().string(Tags.PIXEL_SPACING, "DS", "0.5", "0.6")
            .string(Tags.SLICE_THICKNESS, "DS", "2"));
    DicomWriter frame1 = perFrame("1", "0", "-10\\0\\5");
    DicomWriter frame2 = perFrame("2", "100", "-10\\0\\7");
    byte[] file = image(1, 2, words(1, 2, 3, 4)).string(Tags.NUMBER_OF_FRAMES, "IS", "2")
        .sequence(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, shared)
        .sequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, frame1, frame2)
        .toByteArray();

    DicomImage image = Samples.image(file);
    assertThat(image.header().pixelSpacing()).containsExactly(0.5, 0.6);
    assertThat(image.header().sliceThickness()).isEqualTo(2.0);
    assertThat(image.header().imagePositionPatient()).containsExactly(-10, 0, 5);
    assertThat(image.header().rescaleSlope()).isEqualTo(1.0);
    assertThat(image.frames().get(0).samples()).containsExactly(1f, 2f);
    assertThat(image.frames().get(1).samples()).containsExactly(106f, 108f);
  }

  @Test
  void shouldNotStopAtPixelDataNestedInAnIconSequence() throws Exception {
    DicomWriter icon = DicomWriter.create().us(Tags.ROWS, 1).us(Tags.COLUMNS, 1)
        .rawElement(Tags.PIXEL_DATA, "OB", 0xFFFFFFFFL,
            concat(itemHeader(0xFFFEE000, 0), itemHeader(0xFFFEE000, 2), new byte[2],
                itemHeader(0xFFFEE0DD, 0)));
    byte[] file = image(1, 1, words(9)).sequence(0x00880200, icon).toByteArray();

    DicomImage image = Samples.image(file);
    assertThat(image.header().rows()).isEqualTo(1);
    assertThat(image.frames().get(0).samples()).containsExactly(9f);
  }

  @Test
  void shouldReadUndefinedLengthUnAsImplicitVrSequence() throws Exception {
    byte[] implicitItem = concat(implicitHeader(0x00081150, 4), ascii("1.2\0"));
    byte[] un = concat(itemHeader(0xFFFEE000, 0xFFFFFFFFL), implicitItem,
        itemHeader(0xFFFEE00D, 0), itemHeader(0xFFFEE0DD, 0));
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
    int half = jpeg.length / 2;
    byte[] a = Arrays.copyOf(jpeg, half);
    byte[] b = Arrays.copyOfRange(jpeg, half, jpeg.length);
    long second = 8L + a.length + 8 + b.length;
    byte[] table = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0)
        .putInt((int) second).array();
    float[] single = Samples.image("SC_rgb_jpeg_dcmtk.dcm").frames().get(0).samples();

    for (byte[] offsets : new byte[][] {table, new byte[0]}) {
      byte[] file = jpegImage(offsets, a, b, a, b);
      DicomImage image = Samples.image(file);
      assertThat(image.frames()).hasSize(2);
      assertThat(image.frames().get(1).samples()).containsExactly(single);
    }
  }

  @Test
  void shouldRejectFragmentsThatCannotBeAssignedToFrames() throws Exception {
    byte[] rle = Samples.bytes("MR_small_RLE.dcm");
    DicomHeader h = Samples.header(rle);
    byte[] halves = image(64, 64, new byte[0]).string(Tags.NUMBER_OF_FRAMES, "IS", "2")
        .rawElement(Tags.PIXEL_DATA, "OB", 0xFFFFFFFFL, items(new byte[0], new byte[8],
            new byte[8], new byte[8])).transferSyntax(TransferSyntax.RLE_LOSSLESS.uid())
        .toByteArray();

    assertThat(h.numberOfFrames()).isEqualTo(1);
    assertThat(Samples.imageFailure(halves)).isEqualTo(CANNOT_UNDERSTAND);
  }

  @Test
  void shouldIgnoreTrailingPaddingShorterThanAFrameButNotLonger() throws Exception {
    byte[] padded = image(1, 4, concat(words(1, 2, 3, 4), new byte[6])).toByteArray();
    byte[] extraFrame = image(1, 4, concat(words(1, 2, 3, 4), new byte[8])).toByteArray();

    assertThat(samples(padded)).containsExactly(1f, 2f, 3f, 4f);
    assertThat(Samples.imageFailure(extraFrame)).isEqualTo(CANNOT_UNDERSTAND);
  }

  @Test
  void shouldReadElementsAfterPixelDataAndNoticeTheirTruncation() throws Exception {
    DicomWriter withPadding = image(1, 1, words(5))
        .bytes(0xFFFCFFFC, "OB", new byte[16]);
    byte[] whole = withPadding.toByteArray();

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
    assertThat(Samples.headerFailure(image(1, 1, words(5)).us(Tags.SAMPLES_PER_PIXEL, 3)
        .toByteArray())).as("MONOCHROME2 with 3 samples").isEqualTo(DATASET_MISMATCH);
    assertThat(Samples.headerFailure(image(1, 1, words(5)).us(Tags.BITS_STORED, 17)
        .toByteArray())).as("bits stored > allocated").isEqualTo(DATASET_MISMATCH);
    assertThat(Samples.headerFailure(image(1, 1, words(5)).us(Tags.BITS_ALLOCATED, 12)
        .toByteArray())).as("12 bits allocated").isEqualTo(DATASET_MISMATCH);
    assertThat(Samples.headerFailure(image(1, 1, words(5))
        .string(Tags.PHOTOMETRIC_INTERPRETATION, "CS", "HSV").toByteArray()))
        .as("retired photometric").isEqualTo(DATASET_MISMATCH);
    assertThat(Samples.headerFailure(image(1, 1, words(5))
        .string(Tags.RESCALE_SLOPE, "DS", "0").toByteArray()))
        .as("zero slope").isEqualTo(DATASET_MISMATCH);
  }

  @Test
  void shouldDropMalformedOptionalDisplayValues() throws Exception {
    byte[] file = image(1, 1, words(5)).string(Tags.WINDOW_CENTER, "DS", "abc")
        .string(Tags.PIXEL_SPACING, "DS", "0.5").toByteArray();

    DicomHeader header = Samples.header(file);
    assertThat(header.windowCenter()).isNull();
    assertThat(header.pixelSpacing()).as("one value is not a spacing pair").isNull();
  }

  private static DicomWriter perFrame(String slope, String intercept, String position) {
    return DicomWriter.create()
        .sequence(Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, DicomWriter.create()
            .string(Tags.RESCALE_SLOPE, "DS", slope)
            .string(Tags.RESCALE_INTERCEPT, "DS", intercept))
        .sequence(Tags.PLANE_POSITION_SEQUENCE, DicomWriter.create()
            .string(Tags.IMAGE_POSITION_PATIENT, "DS", position));
  }

  private static byte[] jpegOf(String file) {
    byte[] dicom = Samples.bytes(file);
    int start = indexOf(dicom, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    int length = ByteBuffer.wrap(dicom, start - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return Arrays.copyOfRange(dicom, start, start + length);
  }

  private static byte[] jpegImage(byte[] offsetTable, byte[]... fragments) {
    byte[][] all = new byte[fragments.length + 1][];
    all[0] = offsetTable;
    System.arraycopy(fragments, 0, all, 1, fragments.length);
    return colour(100, 100, "YBR_FULL_422", 0, new byte[0])
        .string(Tags.NUMBER_OF_FRAMES, "IS", "2")
        .rawElement(Tags.PIXEL_DATA, "OB", 0xFFFFFFFFL, items(all))
        .transferSyntax(TransferSyntax.JPEG_BASELINE.uid())
        .toByteArray();
  }

  private static byte[] items(byte[]... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] v : values) {
      out.writeBytes(itemHeader(0xFFFEE000, v.length));
      out.writeBytes(v);
    }
    out.writeBytes(itemHeader(0xFFFEE0DD, 0));
    return out.toByteArray();
  }

  private static DicomWriter image(int rows, int columns, byte[] pixelData) {
    return DicomWriter.grayscale16("1.2.3", "1.2.3.4", "1.2.3.4.5", 1, 1, new short[1])
        .us(Tags.ROWS, rows).us(Tags.COLUMNS, columns)
        .bytes(Tags.PIXEL_DATA, "OW", pixelData);
  }

  private static DicomWriter colour(int rows, int columns, String photometric, int planar,
      byte[] pixelData) {
    return image(rows, columns, new byte[0])
        .us(Tags.SAMPLES_PER_PIXEL, 3).us(Tags.PLANAR_CONFIGURATION, planar)
        .string(Tags.PHOTOMETRIC_INTERPRETATION, "CS", photometric)
        .us(Tags.BITS_ALLOCATED, 8).us(Tags.BITS_STORED, 8).us(Tags.HIGH_BIT, 7)
        .us(Tags.PIXEL_REPRESENTATION, 0)
        .bytes(Tags.PIXEL_DATA, "OB", pixelData);
  }

  private static void implicit(ByteArrayOutputStream out, int tag, byte[] value) {
    out.writeBytes(implicitHeader(tag, value.length));
    out.writeBytes(value);
  }

  private static float[] samples(byte[] file) throws DicomParseException {
    return Samples.image(file).frames().get(0).samples();
  }

  private static byte[] words(int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putShort((short) v);
    }
    return b.array();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
