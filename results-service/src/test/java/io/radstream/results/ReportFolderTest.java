package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.Measurement;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.SliceGeometry;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.Urgency;

/**
 * Folding copies only part of the current report ({@link ReportCopy}); the current revision is shared with the
 * report store and interactive queries, so no fold may change it.
 */
class ReportFolderTest {

    private static final String STUDY = "1.2.840.113619.2.55.3.7";
    private static final String SOP = STUDY + ".1";
    private static final Instant NOW = TestEvents.RECEIVED_AT.plusSeconds(5);

    @Test
    void shouldLeaveTheCurrentRevisionUnchangedByEveryKindOfFold() {
        StudyReport report = ReportFolder.arrival(null, arrival(STUDY, SOP, Priority.ROUTINE), NOW).orElseThrow();

        report = foldLeavingCurrentUnchanged(report, current -> found(current, slice(SOP, "seg", 0.0, 0.9)));
        report = foldLeavingCurrentUnchanged(report, current -> found(current, slice(SOP, "seg-b", 0.0, 0.8)));
        report = foldLeavingCurrentUnchanged(report, current -> found(current, slice(STUDY + ".2", "seg", 2.5, 0.7)));
        report = foldLeavingCurrentUnchanged(report, current -> ReportFolder.arrival(current,
                arrival(STUDY, STUDY + ".3", Priority.STAT), NOW).orElseThrow());
        report = foldLeavingCurrentUnchanged(report, current -> found(current, slice(STUDY + ".3", "seg", 5.0, 0.2)));
        report = foldLeavingCurrentUnchanged(report, current -> ReportFolder.finalized(current, NOW));
        report = foldLeavingCurrentUnchanged(report, current -> withPrior(found(current, slice(SOP, "seg-c", 0.0, 0.95))));

        assertThat(report.getImages()).hasSize(3);
        assertThat(report.getFindingIds()).hasSize(5);
        assertThat(report.getPrior()).isNotNull();
        assertThat(report.getMeasurements()).extracting(Measurement::getName).contains(SeriesVolumes.VOLUME);
    }

    private static StudyReport foldLeavingCurrentUnchanged(StudyReport current, UnaryOperator<StudyReport> fold) {
        StudyReport before = StudyReport.newBuilder(current).build();

        StudyReport next = fold.apply(current);

        assertThat(current).isEqualTo(before);
        assertThat(next).isNotEqualTo(current);
        return next;
    }

    private static StudyReport found(StudyReport current, Finding finding) {
        return ReportFolder.finding(current, finding, label -> false, NOW).orElseThrow();
    }

    private static StudyReport withPrior(StudyReport report) {
        StudyReport prior = StudyReport.newBuilder(report).setStudyInstanceUid("1.2.840.113619.2.55.3.1")
                .setFirstReceivedAt(TestEvents.RECEIVED_AT.minusSeconds(86_400)).setFinalizedAt(NOW.minusSeconds(86_400))
                .build();
        Priors.compare(report, key -> prior);
        return report;
    }

    private static Finding slice(String sop, String model, double locationMm, double score) {
        Finding base = completed(STUDY, sop, model, List.of("seg", "seg-b", "seg-c"), score("lesion", score, Urgency.ROUTINE));
        return Finding.newBuilder(base)
                .setSlice(SliceGeometry.newBuilder().setLocationMm(locationMm).setNormal(List.of(0.0, 0.0, 1.0))
                        .setSliceThicknessMm(2.5).build())
                .setMeasurements(List.of(Measurement.newBuilder().setName(SeriesVolumes.SLICE_AREA).setValue(100 * score)
                        .setUnit("mm2").build()))
                .build();
    }
}
