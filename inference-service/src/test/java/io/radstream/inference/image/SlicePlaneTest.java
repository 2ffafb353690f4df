package io.radstream.inference.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;

import org.junit.jupiter.api.Test;

import io.radstream.dicom.DicomHeader;
import io.radstream.dicom.DicomReader;
import io.radstream.dicom.DicomWriter;

class SlicePlaneTest {

    private static final int SLICE_THICKNESS = 0x00180050;
    private static final int SPACING_BETWEEN_SLICES = 0x00180088;
    private static final int IMAGE_POSITION = 0x00200032;
    private static final int IMAGE_ORIENTATION = 0x00200037;

    @Test
    void shouldLocateAnAxialSliceByItsZPosition() throws Exception {
        SlicePlane plane = planeOf(slice().string(IMAGE_ORIENTATION, "DS", "1", "0", "0", "0", "1", "0")
                .string(IMAGE_POSITION, "DS", "-160", "-150.5", "-42.25"));

        assertThat(plane.normal()).containsExactly(0, 0, 1);
        assertThat(plane.locationMm()).isEqualTo(-42.25);
        assertThat(plane.spacingMm()).isNull();
    }

    @Test
    void shouldProjectThePositionOnTheNormalOfAnObliqueSlice() throws Exception {
        double c = Math.cos(Math.toRadians(20));
        double s = Math.sin(Math.toRadians(20));
        // gantry tilted 20 degrees about x: rows along x, columns along (0, cos, -sin); normal (0, sin, cos)
        SlicePlane plane = planeOf(slice().string(IMAGE_ORIENTATION, "DS", "1", "0", "0", "0", ds(c), ds(-s))
                .string(IMAGE_POSITION, "DS", "10", "30", "40"));

        assertThat(plane.normal()[0]).isCloseTo(0, within(1e-9));
        assertThat(plane.normal()[1]).isCloseTo(s, within(1e-6));
        assertThat(plane.normal()[2]).isCloseTo(c, within(1e-6));
        assertThat(plane.locationMm()).isCloseTo(30 * s + 40 * c, within(1e-4));
    }

    @Test
    void shouldPreferSpacingBetweenSlicesOverSliceThicknessForTheSpacingOfFrames() throws Exception {
        assertThat(planeOf(slice().string(SLICE_THICKNESS, "DS", "5").string(SPACING_BETWEEN_SLICES, "DS", "2.5"))
                .spacingMm()).isEqualTo(2.5);
        assertThat(planeOf(slice().string(SLICE_THICKNESS, "DS", "5")).spacingMm()).isEqualTo(5.0);
    }

    @Test
    void shouldNotLocateASliceWhoseOrientationIsNotTwoPerpendicularUnitVectors() throws Exception {
        SlicePlane notUnit = planeOf(slice().string(IMAGE_ORIENTATION, "DS", "2", "0", "0", "0", "1", "0")
                .string(IMAGE_POSITION, "DS", "0", "0", "5").string(SLICE_THICKNESS, "DS", "1"));
        SlicePlane parallel = planeOf(slice().string(IMAGE_ORIENTATION, "DS", "1", "0", "0", "1", "0", "0")
                .string(IMAGE_POSITION, "DS", "0", "0", "5").string(SLICE_THICKNESS, "DS", "1"));

        assertThat(notUnit.normal()).isNull();
        assertThat(notUnit.locationMm()).isNull();
        assertThat(parallel.normal()).isNull();
        assertThat(parallel.locationMm()).isNull();
        assertThat(parallel.sliceThicknessMm()).isEqualTo(1.0);
    }

    @Test
    void shouldIgnoreMalformedNegativeAndShortGeometryValues() throws Exception {
        SlicePlane plane = planeOf(slice().string(IMAGE_ORIENTATION, "DS", "1", "0", "0", "0", "1")
                .string(IMAGE_POSITION, "DS", "abc", "0", "1").string(SLICE_THICKNESS, "DS", "-3")
                .string(SPACING_BETWEEN_SLICES, "DS", "0"));

        assertThat(plane).isNull();
    }

    @Test
    void shouldHaveNoPlaneWithoutImagePlaneAttributes() throws Exception {
        assertThat(planeOf(slice())).isNull();
    }

    private static DicomWriter slice() {
        return DicomWriter.grayscale16(DicomWriter.newUid(), DicomWriter.newUid(), DicomWriter.newUid(), 1, 1,
                new short[] {0});
    }

    private static SlicePlane planeOf(DicomWriter writer) throws Exception {
        DicomHeader header = DicomReader.create().readHeader(new ByteArrayInputStream(writer.toByteArray()));
        return SlicePlane.of(header);
    }

    private static String ds(double value) {
        return String.format(java.util.Locale.ROOT, "%.10f", value);
    }
}
