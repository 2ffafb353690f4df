package io.radstream.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.SliceGeometry;

class SliceSpacingTest {

    private static final List<Double> AXIAL = List.of(0.0, 0.0, 1.0);

    @Test
    void shouldDeriveTheSpacingFromPositionsInAnyArrivalOrder() {
        List<SliceGeometry> slices = List.of(at(-40.0), at(-35.0), at(-50.0), at(-45.0));

        assertThat(SliceSpacing.of(slices)).hasValueCloseTo(5.0, within(1e-9));
    }

    @Test
    void shouldPreferPositionsOverASliceThicknessThatDiffers() {
        // 5 mm slices reconstructed every 2.5 mm: thickness is not the spacing
        List<SliceGeometry> slices = List.of(at(0.0, null, 5.0), at(2.5, null, 5.0), at(5.0, null, 5.0));

        assertThat(SliceSpacing.of(slices)).hasValueCloseTo(2.5, within(1e-9));
    }

    @Test
    void shouldAcceptPositionsRoundedAsDicomDecimalStrings() {
        List<SliceGeometry> slices = List.of(at(0.0), at(0.6250), at(1.2501), at(1.8750), at(2.4999));

        assertThat(SliceSpacing.of(slices)).hasValueCloseTo(0.625, within(1e-4));
    }

    @Test
    void shouldGiveNoSpacingWhenASliceIsMissing() {
        assertThat(SliceSpacing.of(List.of(at(0.0), at(5.0), at(15.0), at(20.0)))).isEmpty();
    }

    @Test
    void shouldGiveNoSpacingForDuplicatePositions() {
        assertThat(SliceSpacing.of(List.of(at(0.0), at(5.0), at(5.0), at(10.0)))).isEmpty();
        assertThat(SliceSpacing.of(List.of(at(3.0), at(3.0)))).isEmpty();
    }

    @Test
    void shouldGiveNoSpacingWhenTheStatedSpacingBetweenSlicesContradictsThePositions() {
        assertThat(SliceSpacing.of(List.of(at(0.0, 2.5, null), at(5.0, 2.5, null), at(10.0, 2.5, null)))).isEmpty();
    }

    @Test
    void shouldGiveNoSpacingWhenSlicesAreNotParallel() {
        SliceGeometry tilted = SliceGeometry.newBuilder().setLocationMm(5.0)
                .setNormal(List.of(0.0, Math.sin(0.3), Math.cos(0.3))).build();

        assertThat(SliceSpacing.of(List.of(at(0.0), tilted, at(10.0)))).isEmpty();
    }

    @Test
    void shouldUseTheStatedSpacingOnlyWhenNoSliceHasAPositionAndAllAgree() {
        List<SliceGeometry> stated = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stated.add(SliceGeometry.newBuilder().setSpacingBetweenSlicesMm(3.0).setSliceThicknessMm(1.0).build());
        }
        List<SliceGeometry> thicknessOnly = List.of(thickness(2.0), thickness(2.0));
        List<SliceGeometry> disagreeing = List.of(thickness(2.0), thickness(3.0));
        List<SliceGeometry> mixed = List.of(at(0.0, null, 2.0), thickness(2.0), at(4.0, null, 2.0));

        assertThat(SliceSpacing.of(stated)).hasValue(3.0);
        assertThat(SliceSpacing.of(thicknessOnly)).hasValue(2.0);
        assertThat(SliceSpacing.of(disagreeing)).isEmpty();
        assertThat(SliceSpacing.of(mixed)).as("some slices without a position").isEmpty();
    }

    @Test
    void shouldGiveNoSpacingForASingleSliceOrUnknownSpacing() {
        assertThat(SliceSpacing.of(List.of(at(0.0, 2.0, 2.0)))).isEmpty();
        assertThat(SliceSpacing.of(List.of(SliceGeometry.newBuilder().build(), SliceGeometry.newBuilder().build())))
                .isEmpty();
    }

    static SliceGeometry at(double locationMm) {
        return at(locationMm, null, null);
    }

    static SliceGeometry at(double locationMm, Double spacingBetweenSlices, Double thickness) {
        return SliceGeometry.newBuilder().setLocationMm(locationMm).setNormal(AXIAL)
                .setSpacingBetweenSlicesMm(spacingBetweenSlices).setSliceThicknessMm(thickness).build();
    }

    private static SliceGeometry thickness(double mm) {
        return SliceGeometry.newBuilder().setSliceThicknessMm(mm).build();
    }
}
