package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.notRouted;
import static io.radstream.results.TestEvents.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.LabelSummary;
import io.radstream.schemas.events.ModelLabelScore;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.ReportStatus;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.Urgency;

/** Study-level reasoning over images and models, progress, and redelivery after FINAL. */
class StudyReasoningTest extends WithTopology {

    private static final String STUDY = "1.2.840.113619.2.55.3.9";
    private static final String SOP_1 = STUDY + ".1";
    private static final String SOP_2 = STUDY + ".2";
    private static final String SOP_3 = STUDY + ".3";
    private static final List<String> BOTH = List.of("cxr", "cxr-v2");

    @Test
    void shouldFlagDisagreementWhenModelsSharingALabelCallItDifferently() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.ROUTINE));
        harness.find(completed(STUDY, SOP_1, "cxr", BOTH, score("effusion", 0.8, Urgency.ROUTINE)));
        harness.find(completed(STUDY, SOP_1, "cxr-v2", BOTH, score("effusion", 0.3, Urgency.ROUTINE)));

        LabelSummary effusion = label(harness.stored(STUDY), "effusion");
        assertThat(effusion.getModelScores()).extracting(ModelLabelScore::getModel, ModelLabelScore::getMaxScore,
                ModelLabelScore::getPositive).containsExactly(tuple("cxr", 0.8, true), tuple("cxr-v2", 0.3, false));
        assertThat(effusion.getDisagreement()).isTrue();
        assertThat(effusion.getAgreement()).isEqualTo(0.5);
        assertThat(effusion.getPositive()).isTrue();
        assertThat(effusion.getMaxScore()).isEqualTo(0.8);
    }

    @Test
    void shouldAgreeWhenEachModelFindsTheLabelOnSomeImage() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.ROUTINE));
        harness.arrive(arrival(STUDY, SOP_2, Priority.ROUTINE));
        harness.find(completed(STUDY, SOP_1, "cxr", BOTH, score("effusion", 0.9, Urgency.ROUTINE)));
        harness.find(completed(STUDY, SOP_1, "cxr-v2", BOTH, score("effusion", 0.2, Urgency.ROUTINE)));
        harness.find(completed(STUDY, SOP_2, "cxr", BOTH, score("effusion", 0.1, Urgency.ROUTINE)));
        harness.find(completed(STUDY, SOP_2, "cxr-v2", BOTH, score("effusion", 0.7, Urgency.ROUTINE)));

        LabelSummary effusion = label(harness.stored(STUDY), "effusion");
        assertThat(effusion.getModelScores()).extracting(ModelLabelScore::getMaxScore).containsExactly(0.9, 0.7);
        assertThat(effusion.getDisagreement()).isFalse();
        assertThat(effusion.getAgreement()).isEqualTo(1.0);
        assertThat(effusion.getPositiveImages()).isEqualTo(2);
    }

    @Test
    void shouldReportProgressPerModelWhileAnalyzing() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.ROUTINE));
        harness.arrive(arrival(STUDY, SOP_2, Priority.ROUTINE));
        harness.arrive(arrival(STUDY, SOP_3, Priority.ROUTINE));
        harness.find(completed(STUDY, SOP_1, "cxr", BOTH, score("effusion", 0.1, Urgency.ROUTINE)));
        harness.find(completed(STUDY, SOP_1, "cxr-v2", BOTH, score("effusion", 0.1, Urgency.ROUTINE)));
        harness.find(completed(STUDY, SOP_2, "cxr", BOTH, score("effusion", 0.1, Urgency.ROUTINE)));

        StudyReport report = harness.stored(STUDY);
        assertThat(report.getStatus()).isEqualTo(ReportStatus.ANALYZING);
        StudyProgress progress = StudyProgress.of(report);
        assertThat(progress.imagesArrived()).isEqualTo(3);
        assertThat(progress.imagesAnalyzed()).isEqualTo(1);
        assertThat(progress.models()).isEqualTo(Map.of(
                "cxr", new StudyProgress.ModelProgress(2, 2),
                "cxr-v2", new StudyProgress.ModelProgress(2, 1)));
    }

    @Test
    void shouldNotReviseAFinalReportOrAlertAgainWhenItsEventsAreRedelivered() {
        Finding finding = completed(STUDY, SOP_1, "cxr", List.of("cxr"), score("pneumothorax", 0.9, Urgency.STAT));
        harness.arrive(arrival(STUDY, SOP_1, Priority.STAT));
        harness.find(finding);
        harness.advance(TopologyHarness.QUIET.plusSeconds(1));
        StudyReport fin = harness.latestReport();
        assertThat(fin.getStatus()).isEqualTo(ReportStatus.FINAL);
        harness.alerts.readValuesToList();

        harness.find(finding);
        harness.arrive(arrival(STUDY, SOP_1, Priority.STAT));
        harness.advance(TopologyHarness.QUIET.plusSeconds(1));

        assertThat(harness.reports.isEmpty()).isTrue();
        assertThat(harness.alerts.isEmpty()).isTrue();
        assertThat(harness.stored(STUDY)).isEqualTo(fin);
    }

    @Test
    void shouldAmendAFinalReportWhenALateImageIsAnalysedAndKeepItAmended() {
        harness.arrive(arrival(STUDY, SOP_1, Priority.ROUTINE));
        harness.find(notRouted(STUDY, SOP_1));
        harness.advance(TopologyHarness.QUIET.plusSeconds(1));

        harness.arrive(arrival(STUDY, SOP_2, Priority.ROUTINE));
        harness.find(completed(STUDY, SOP_2, "cxr", List.of("cxr"), score("effusion", 0.7, Urgency.ROUTINE)));
        harness.advance(TopologyHarness.QUIET.plusSeconds(1));

        assertThat(harness.reportRevisions()).extracting(StudyReport::getStatus).containsExactly(
                ReportStatus.RECEIVING, ReportStatus.PRELIMINARY, ReportStatus.FINAL, ReportStatus.AMENDED,
                ReportStatus.AMENDED);
        assertThat(label(harness.stored(STUDY), "effusion").getPositive()).isTrue();
    }

    private static LabelSummary label(StudyReport report, String label) {
        return report.getLabels().stream().filter(l -> l.getLabel().equals(label)).findFirst().orElseThrow();
    }
}
