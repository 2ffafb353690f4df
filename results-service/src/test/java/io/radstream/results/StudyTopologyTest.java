package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.failed;
import static io.radstream.results.TestEvents.notRouted;
import static io.radstream.results.TestEvents.score;
import static io.radstream.results.TestEvents.withMeasurement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.radstream.schemas.Topics;
import io.radstream.schemas.events.DeadLetter;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageProgress;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.LabelSummary;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.ReportStatus;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.UrgentAlert;
import io.radstream.schemas.events.Urgency;

class StudyTopologyTest extends WithTopology {

    private static final String STUDY = "1.2.840.113619.2.55.3.1";
    private static final String SOP_1 = "1.2.840.113619.2.55.3.1.1";
    private static final String SOP_2 = "1.2.840.113619.2.55.3.1.2";
    private static final List<String> CXR = List.of("cxr");

    @Test
    void shouldMoveFromReceivingThroughAnalyzingAndPreliminaryToFinalAfterTheQuietPeriod() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.ROUTINE));
        harness.arrive(arrival(STUDY, SOP_2, Priority.STAT));
        harness.find(completed(STUDY, SOP_1, "cxr", CXR, score("effusion", 0.2, Urgency.ROUTINE)));
        harness.find(completed(STUDY, SOP_2, "cxr", CXR, score("effusion", 0.3, Urgency.ROUTINE)));

        assertThat(harness.reportRevisions()).extracting(StudyReport::getStatus, StudyReport::getRevision)
                .containsExactly(tuple(ReportStatus.RECEIVING, 1), tuple(ReportStatus.RECEIVING, 2),
                        tuple(ReportStatus.ANALYZING, 3), tuple(ReportStatus.PRELIMINARY, 4));
        assertThat(harness.stored(STUDY).getPriority()).isEqualTo(Priority.STAT);

        harness.advance(TopologyHarness.QUIET.minusSeconds(2));
        assertThat(harness.reports.isEmpty()).isTrue();

        harness.advance(Duration.ofSeconds(3));
        StudyReport fin = harness.latestReport();
        assertThat(fin.getStatus()).isEqualTo(ReportStatus.FINAL);
        assertThat(fin.getRevision()).isEqualTo(5);
        assertThat(fin.getFinalizedAt()).isNotNull();
        assertThat(harness.stored(STUDY)).isEqualTo(fin);
    }

    @Test
    void shouldNotFinalizeWhileAnImageAwaitsARoutedModel() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.ROUTINE));
        harness.find(completed(STUDY, SOP_1, "cxr", List.of("cxr", "cxr-seg"), score("effusion", 0.2, Urgency.ROUTINE)));

        harness.advance(TopologyHarness.QUIET.multipliedBy(3));

        assertThat(harness.stored(STUDY).getStatus()).isEqualTo(ReportStatus.ANALYZING);
    }

    @Test
    void shouldIgnoreARedeliveredFinding() {
        Finding finding = completed(STUDY, SOP_1, "cxr", CXR, score("pneumothorax", 0.9, Urgency.STAT));
        harness.arrive(arrival(STUDY, SOP_1, Priority.STAT));
        harness.find(finding);
        harness.reportRevisions();

        harness.find(finding);
        harness.arrive(arrival(STUDY, SOP_1, Priority.STAT));

        assertThat(harness.reports.isEmpty()).isTrue();
        assertThat(harness.alerts.readValuesToList()).hasSize(1);
        assertThat(harness.stored(STUDY).getRevision()).isEqualTo(2);
        assertThat(harness.stored(STUDY).getFindingIds()).containsExactly(finding.getFindingId());
    }

    @Test
    void shouldRaiseOneAlertPerStudyAndLabel() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.STAT));
        harness.arrive(arrival(STUDY, SOP_2, Priority.STAT));
        harness.find(completed(STUDY, SOP_1, "cxr", CXR, score("pneumothorax", 0.8, Urgency.STAT)));
        harness.find(completed(STUDY, SOP_2, "cxr", CXR, score("pneumothorax", 0.95, Urgency.STAT),
                score("nodule", 0.7, Urgency.URGENT), score("effusion", 0.9, Urgency.ROUTINE)));

        List<UrgentAlert> alerts = harness.alerts.readValuesToList();
        assertThat(alerts).extracting(UrgentAlert::getLabel).containsExactly("pneumothorax", "nodule");
        UrgentAlert first = alerts.get(0);
        assertThat(first.getAlertId()).isEqualTo(Alerts.alertId(TestEvents.TENANT, STUDY, "pneumothorax"));
        assertThat(first.getSopInstanceUid()).isEqualTo(SOP_1);
        assertThat(first.getNotice()).isEqualTo("Notification only, not for diagnosis.");
        assertThat(harness.meterCount("radstream.results.alerts.raised")).isEqualTo(2.0);
        assertThat(harness.registry.get("radstream.results.upload.to.alert").timers()).isNotEmpty();

        StudyReport report = harness.stored(STUDY);
        LabelSummary pneumothorax = label(report, "pneumothorax");
        assertThat(pneumothorax.getPositiveImages()).isEqualTo(2);
        assertThat(pneumothorax.getMaxScore()).isEqualTo(0.95);
        assertThat(label(report, "effusion").getPositive()).isTrue();
        assertThat(report.getUrgent()).isTrue();
    }

    @Test
    void shouldCountAPositiveImageOnceAndSumMeasurementsAcrossModels() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.ROUTINE));
        List<String> both = List.of("cxr", "cxr-v2");
        harness.find(withMeasurement(completed(STUDY, SOP_1, "cxr", both, score("effusion", 0.7, Urgency.ROUTINE)),
                "effusion_area", 120.0));
        harness.find(withMeasurement(completed(STUDY, SOP_1, "cxr-v2", both, score("effusion", 0.6, Urgency.ROUTINE)),
                "effusion_area", 30.0));

        StudyReport report = harness.stored(STUDY);
        LabelSummary effusion = label(report, "effusion");
        assertThat(effusion.getPositiveImages()).isEqualTo(1);
        assertThat(effusion.getModels()).containsExactly("cxr", "cxr-v2");
        assertThat(report.getMeasurements().get(0).getValue()).isEqualTo(150.0);
        assertThat(report.getModels()).hasSize(2);
        assertThat(report.getUrgent()).isFalse();
        assertThat(report.getStatus()).isEqualTo(ReportStatus.PRELIMINARY);
    }

    @Test
    void shouldBuildTheImageFromAFindingThatArrivesBeforeItsImage() {
        harness.find(completed(STUDY, SOP_1, "cxr", CXR, score("effusion", 0.2, Urgency.ROUTINE)));
        harness.arrive(arrival(STUDY, SOP_1, Priority.STAT));

        List<StudyReport> revisions = harness.reportRevisions();
        assertThat(revisions).hasSize(1);
        StudyReport report = revisions.get(0);
        assertThat(report.getStatus()).isEqualTo(ReportStatus.PRELIMINARY);
        assertThat(report.getImages()).singleElement()
                .satisfies(image -> assertThat(image.getCompletedModels()).containsExactly("cxr"));
    }

    @Test
    void shouldCompleteImagesThatNoModelAppliesToOrThatFailed() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.ROUTINE));
        harness.arrive(arrival(STUDY, SOP_2, Priority.ROUTINE));
        harness.find(notRouted(STUDY, SOP_1));
        harness.find(failed(STUDY, SOP_2, CXR));

        StudyReport report = harness.stored(STUDY);
        assertThat(report.getStatus()).isEqualTo(ReportStatus.PRELIMINARY);
        assertThat(report.getImages()).extracting(image -> image.getFailed()).containsExactly(false, true);
    }

    @Test
    void shouldAmendAFinalReportWhenAnImageArrivesLate() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.ROUTINE));
        harness.find(notRouted(STUDY, SOP_1));
        harness.advance(TopologyHarness.QUIET.plusSeconds(1));
        assertThat(harness.stored(STUDY).getStatus()).isEqualTo(ReportStatus.FINAL);

        harness.arrive(arrival(STUDY, SOP_2, Priority.ROUTINE));

        StudyReport amended = harness.latestReport();
        assertThat(amended.getStatus()).isEqualTo(ReportStatus.AMENDED);
        assertThat(amended.getFinalizedAt()).isNotNull();
        assertThat(harness.gauge("radstream.results.reports", "AMENDED")).isEqualTo(1.0);
        assertThat(harness.gauge("radstream.results.reports", "FINAL")).isZero();
    }

    @Test
    void shouldDeadLetterUndecodableRecordsAndKeepProcessing() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        harness.pipeRaw(Topics.FINDINGS, STUDY, garbage);
        harness.pipeRaw(Topics.IMAGES_STAT, STUDY, garbage);
        harness.arrive(arrival(STUDY, SOP_1, Priority.STAT));

        List<DeadLetter> deadLetters = harness.deadLetters.readValuesToList();
        assertThat(deadLetters).hasSize(2).allSatisfy(deadLetter -> {
            assertThat(deadLetter.getReason()).isEqualTo("UNDECODABLE");
            assertThat(deadLetter.getService()).isEqualTo("results-service");
            assertThat(deadLetter.getKey()).isEqualTo(STUDY);
            assertThat(deadLetter.getOriginalValue().array()).isEqualTo(garbage);
        });
        assertThat(deadLetters).extracting(DeadLetter::getSourceTopic)
                .containsExactlyInAnyOrder(Topics.FINDINGS.name(), Topics.IMAGES_STAT.name());
        assertThat(harness.stored(STUDY).getStatus()).isEqualTo(ReportStatus.RECEIVING);
    }

    @Test
    void shouldDeadLetterAnotherTenantsEventsForAStudyAlreadyReportedInsteadOfMixingThemIn() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.ROUTINE));
        ImageArrived otherArrival = arrival(STUDY, SOP_2, Priority.STAT);
        otherArrival.setTenant("other-clinic");
        Finding otherFinding = completed(STUDY, SOP_2, "cxr", CXR, score("pneumothorax", 0.9, Urgency.STAT));
        otherFinding.setTenant("other-clinic");

        harness.arrive(otherArrival);
        harness.find(otherFinding);

        assertThat(harness.deadLetters.readValuesToList()).hasSize(2)
                .allSatisfy(d -> assertThat(d.getReason()).isEqualTo("BAD_EVENT"));
        StudyReport report = harness.stored(STUDY);
        assertThat(report.getTenant()).isEqualTo(TestEvents.TENANT);
        assertThat(report.getImages()).extracting(ImageProgress::getSopInstanceUid).containsExactly(SOP_1);
        assertThat(report.getFindingIds()).isEmpty();
        assertThat(report.getPriority()).isEqualTo(Priority.ROUTINE);
        assertThat(harness.alerts.readValuesToList()).isEmpty();
    }

    @Test
    void shouldDeadLetterACompletedFindingThatNamesNoModel() {
        Finding broken = Finding.newBuilder(completed(STUDY, SOP_1, "cxr", CXR)).setModel(null).build();
        harness.find(broken);

        assertThat(harness.deadLetters.readValuesToList()).extracting(DeadLetter::getReason).containsExactly("BAD_EVENT");
        assertThat(harness.stored(STUDY)).isNull();
    }

    private static LabelSummary label(StudyReport report, String label) {
        return report.getLabels().stream().filter(l -> l.getLabel().equals(label)).findFirst().orElseThrow();
    }
}
