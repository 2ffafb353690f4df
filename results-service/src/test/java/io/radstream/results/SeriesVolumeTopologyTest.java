package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

import io.radstream.results.fhir.DiagnosticReportMapper;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.Measurement;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.SliceGeometry;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.Urgency;

/** The per-series lesion volume (Σ slice area × slice spacing) through the real topology. */
class SeriesVolumeTopologyTest extends WithTopology {

    private static final String STUDY = "1.2.840.113619.2.55.3.7";
    private static final String SERIES = "1.2.840.113619.2.55.3.7.1";
    private static final String OTHER_SERIES = "1.2.840.113619.2.55.3.7.2";
    private static final List<String> SEG = List.of("lesion-seg");

    @Test
    void shouldSumSliceAreasTimesTheSpacingDerivedFromPositionsWhateverTheArrivalOrder() {
        double[] z = {-42.5, -37.5, -32.5, -27.5};
        double[] areas = {0, 120, 300, 80};
        for (int i : new int[] {2, 0, 3, 1}) {
            slice(SERIES, i, z[i], areas[i]);
        }

        StudyReport report = harness.stored(STUDY);
        assertThat(volumes(report)).singleElement().satisfies(v -> {
            assertThat(v.getValue()).isCloseTo(500 * 5.0, within(1e-6));
            assertThat(v.getUnit()).isEqualTo("mm3");
            assertThat(v.getSeriesInstanceUid()).isEqualTo(SERIES);
        });
        assertThat(report.getSeriesSlices()).singleElement().satisfies(s -> assertThat(s.getSlices()).hasSize(4));
    }

    @Test
    void shouldWithdrawTheVolumeWhileASliceGapMakesTheSpacingInconsistent() {
        slice(SERIES, 0, 0, 100);
        slice(SERIES, 1, 2.5, 100);
        slice(SERIES, 2, 5, 100);
        assertThat(volumes(harness.stored(STUDY))).singleElement()
                .satisfies(v -> assertThat(v.getValue()).isCloseTo(750, within(1e-6)));

        slice(SERIES, 4, 10, 100);
        assertThat(volumes(harness.stored(STUDY))).as("slice at 7.5 mm missing").isEmpty();

        slice(SERIES, 3, 7.5, 100);
        assertThat(volumes(harness.stored(STUDY))).singleElement()
                .satisfies(v -> assertThat(v.getValue()).isCloseTo(1250, within(1e-6)));
    }

    @Test
    void shouldKeepOneVolumePerSeriesAndCountARedeliveredSliceOnce() {
        slice(SERIES, 0, 0, 100);
        slice(SERIES, 1, 5, 100);
        slice(SERIES, 1, 5, 100);
        slice(OTHER_SERIES, 0, 0, 40);
        slice(OTHER_SERIES, 1, 3, 60);

        assertThat(volumes(harness.stored(STUDY)))
                .extracting(Measurement::getSeriesInstanceUid, Measurement::getValue)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SERIES, 1000.0),
                        org.assertj.core.groups.Tuple.tuple(OTHER_SERIES, 300.0));
    }

    @Test
    void shouldGiveNoVolumeWithoutAKnownSpacing() {
        sliceWith(SERIES, 0, SliceGeometry.newBuilder().build(), 100);
        sliceWith(SERIES, 1, SliceGeometry.newBuilder().build(), 100);

        assertThat(volumes(harness.stored(STUDY))).isEmpty();
        assertThat(harness.stored(STUDY).getMeasurements()).filteredOn(m -> m.getName().equals("lesion_area"))
                .singleElement().satisfies(m -> assertThat(m.getValue()).isEqualTo(200.0));
    }

    @Test
    void shouldReportTheSeriesVolumeAsAFhirObservationInCubicMillimetres() {
        slice(SERIES, 0, 0, 100);
        slice(SERIES, 1, 2.5, 300);

        DiagnosticReport fhir = DiagnosticReportMapper.map(harness.stored(STUDY));

        assertThat(fhir.getContained()).filteredOn(r -> r instanceof Observation o
                        && o.getCode().getCodingFirstRep().getCode().equals(SeriesVolumes.VOLUME))
                .singleElement().satisfies(r -> {
                    Observation volume = (Observation) r;
                    assertThat(volume.getValueQuantity().getValue().doubleValue()).isCloseTo(1000, within(1e-6));
                    assertThat(volume.getValueQuantity().getCode()).isEqualTo("mm3");
                    assertThat(volume.getNoteFirstRep().getText()).contains(SERIES);
                });
    }

    private void slice(String series, int index, double locationMm, double areaMm2) {
        sliceWith(series, index, SliceGeometry.newBuilder().setLocationMm(locationMm).setNormal(List.of(0.0, 0.0, 1.0))
                .setSliceThicknessMm(5.0).build(), areaMm2);
    }

    private void sliceWith(String series, int index, SliceGeometry geometry, double areaMm2) {
        String sop = series + ".10" + index;
        harness.arrive(arrival(STUDY, sop, Priority.ROUTINE));
        Finding base = completed(STUDY, sop, "lesion-seg", SEG, score("lesion", areaMm2 > 0 ? 0.9 : 0.1, Urgency.ROUTINE));
        harness.find(Finding.newBuilder(base).setSeriesInstanceUid(series).setSlice(geometry)
                .setMeasurements(List.of(Measurement.newBuilder().setName("lesion_area").setValue(areaMm2).setUnit("mm2")
                        .build()))
                .build());
    }

    private static List<Measurement> volumes(StudyReport report) {
        return report.getMeasurements().stream().filter(m -> m.getName().equals(SeriesVolumes.VOLUME)).toList();
    }
}
