package io.radstream.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.Measurement;

class OutputReaderTest {

    @Test
    void shouldSumSliceAreasTimesTheSpacingIntoAVolume() {
        List<Measurement> areas = List.of(area(10, "mm2"), area(30, "mm2"), area(0, "mm2"));

        assertThat(OutputReader.volume(areas, 2.5)).hasValueSatisfying(v -> {
            assertThat(v.getName()).isEqualTo("lesion_volume");
            assertThat(v.getUnit()).isEqualTo("mm3");
            assertThat(v.getValue()).isEqualTo(100.0);
        });
    }

    @Test
    void shouldGiveNoVolumeForASingleSlice() {
        assertThat(OutputReader.volume(List.of(area(12, "mm2")), 1.5)).isEmpty();
    }

    @Test
    void shouldGiveNoVolumeWithoutSpacingOrWithoutPixelSpacing() {
        assertThat(OutputReader.volume(List.of(area(1, "mm2"), area(2, "mm2")), null)).isEmpty();
        assertThat(OutputReader.volume(List.of(area(1, "1"), area(2, "1")), 2.0)).isEmpty();
    }

    private static Measurement area(double value, String unit) {
        return OutputReader.measurement(unit.equals("mm2") ? "lesion_area" : "lesion_area_pixels", value, unit);
    }
}
