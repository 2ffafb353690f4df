package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.LabelScore;
import io.radstream.schemas.events.PriorComparison;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.Urgency;

/** Priors: the previous final report of the same pseudonymous patient and modality, label by label. */
class PriorsTopologyTest extends WithTopology {

    private static final String PRIOR = "1.2.840.113619.2.55.3.21";
    private static final String CURRENT = "1.2.840.113619.2.55.3.22";
    private static final List<String> CXR = List.of("cxr");

    @BeforeEach
    void givenAFinalReportOfAnEarlierStudy() {
        study(PRIOR, "CR", score("pneumothorax", 0.9, Urgency.STAT), score("effusion", 0.8, Urgency.ROUTINE),
                score("nodule", 0.1, Urgency.URGENT));
        harness.advance(TopologyHarness.QUIET.plusSeconds(1));
    }

    @Test
    void shouldPublishEveryFinalReportAsThePriorOfItsPatientAndModality() {
        List<StudyReport> published = harness.priors.readValuesToList();

        assertThat(published).extracting(StudyReport::getStudyInstanceUid).containsExactly(PRIOR);
        assertThat(harness.priors.isEmpty()).isTrue();
        assertThat(Priors.key(published.get(0))).isEqualTo(TestEvents.TENANT + "/" + "p".repeat(64) + "/CR");
    }

    @Test
    void shouldMarkLabelsNewPersistentAndResolvedAgainstThePreviousFinalReport() {
        study(CURRENT, "CR", score("pneumothorax", 0.95, Urgency.STAT), score("effusion", 0.2, Urgency.ROUTINE),
                score("nodule", 0.7, Urgency.URGENT));

        PriorComparison prior = harness.stored(CURRENT).getPrior();
        assertThat(prior.getStudyInstanceUid()).isEqualTo(PRIOR);
        assertThat(prior.getFinalizedAt()).isNotNull();
        assertThat(prior.getPositiveLabels()).containsExactly("pneumothorax", "effusion");
        assertThat(prior.getNewLabels()).containsExactly("nodule");
        assertThat(prior.getPersistentLabels()).containsExactly("pneumothorax");
        assertThat(prior.getResolvedLabels()).containsExactly("effusion");
    }

    @Test
    void shouldKeepTheSamePriorWhenTheCurrentStudyBecomesFinalItself() {
        study(CURRENT, "CR", score("pneumothorax", 0.95, Urgency.STAT));
        harness.advance(TopologyHarness.QUIET.plusSeconds(1));

        StudyReport fin = harness.stored(CURRENT);
        assertThat(fin.getStatus().name()).isEqualTo("FINAL");
        assertThat(fin.getPrior().getStudyInstanceUid()).isEqualTo(PRIOR);
        assertThat(fin.getPrior().getResolvedLabels()).isEmpty();
    }

    @Test
    void shouldNotCompareWithAnotherModality() {
        study(CURRENT, "CT", score("pneumothorax", 0.95, Urgency.STAT));

        assertThat(harness.stored(CURRENT).getPrior()).isNull();
    }

    private void study(String study, String modality, LabelScore... scores) {
        String sop = study + ".1";
        ImageArrived arrival = ImageArrived.newBuilder(arrival(study, sop, Priority.ROUTINE)).setModality(modality).build();
        harness.arrive(arrival);
        harness.find(completed(study, sop, "cxr", CXR, scores));
    }
}
