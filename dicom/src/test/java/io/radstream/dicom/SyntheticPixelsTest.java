package io.radstream.dicom;

import static io.radstream.dicom.DicomParseException.Reason.CANNOT_UNDERSTAND;
import static io.radstream.dicom.TestBytes.colour;
import static io.radstream.dicom.TestBytes.concat;
import static io.radstream.dicom.TestBytes.image;
import static io.radstream.dicom.TestBytes.words;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pixel semantics the real samples do not cover, on images built with DicomWriter. */
class SyntheticPixelsTest {

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

        assertThat(Samples.image(file).frames()).extracting(f -> f.samples()[1])
                .containsExactly(2f, 4f, 6f);
    }

    @Test
    void shouldInterleavePlanarRgb() throws Exception {
        byte[] planes = {1, 2, 10, 20, (byte) 100, (byte) 200}; // R plane, G plane, B plane

        assertThat(samples(colour(1, 2, "RGB", 1, planes).toByteArray()))
                .containsExactly(1f, 10f, 100f, 2f, 20f, 200f);
    }

    @Test
    void shouldConvertYbrFullToRgb() throws Exception {
        byte[] ybr = {76, 85, (byte) 255, (byte) 150, 44, 21}; // red, then green, in YCbCr

        float[] rgb = samples(colour(1, 2, "YBR_FULL", 0, ybr).toByteArray());
        assertThat(rgb[0]).isGreaterThan(250f);
        assertThat(rgb[1]).isLessThan(5f);
        assertThat(rgb[3]).isLessThan(5f);
        assertThat(rgb[4]).isGreaterThan(250f);
    }

    @Test
    void shouldLookUpPaletteColour() throws Exception {
        byte[] file = image(1, 3, words(0, 1, 5))
                .us(Tags.PIXEL_REPRESENTATION, 0)
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
                        .string(Tags.SLICE_THICKNESS, "DS", "2"))
                .sequence(Tags.PLANE_ORIENTATION_SEQUENCE, DicomWriter.create()
                        .string(Tags.IMAGE_ORIENTATION_PATIENT, "DS", "1", "0", "0", "0", "0", "-1"));
        byte[] file = image(1, 2, words(1, 2, 3, 4)).string(Tags.NUMBER_OF_FRAMES, "IS", "2")
                .sequence(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, shared)
                .sequence(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE,
                        perFrame("1", "0", "-10\\0\\5"), perFrame("2", "100", "-10\\0\\7"))
                .toByteArray();

        DicomImage image = Samples.image(file);
        assertThat(image.header().pixelSpacing()).containsExactly(0.5, 0.6);
        assertThat(image.header().sliceThickness()).isEqualTo(2.0);
        assertThat(image.header().imagePositionPatient()).containsExactly(-10, 0, 5);
        assertThat(image.header().imageOrientationPatient()).containsExactly(1, 0, 0, 0, 0, -1);
        assertThat(image.header().rescaleSlope()).isEqualTo(1.0);
        assertThat(image.frames().get(0).samples()).containsExactly(1f, 2f);
        assertThat(image.frames().get(1).samples()).containsExactly(106f, 108f);
    }

    @Test
    void shouldIgnoreTrailingPaddingShorterThanAFrameButNotLonger() throws Exception {
        byte[] padded = image(1, 4, concat(words(1, 2, 3, 4), new byte[6])).toByteArray();
        byte[] extraFrame = image(1, 4, concat(words(1, 2, 3, 4), new byte[8])).toByteArray();

        assertThat(samples(padded)).containsExactly(1f, 2f, 3f, 4f);
        assertThat(Samples.imageFailure(extraFrame)).isEqualTo(CANNOT_UNDERSTAND);
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

    private static float[] samples(byte[] file) throws DicomParseException {
        return Samples.image(file).frames().get(0).samples();
    }
}
