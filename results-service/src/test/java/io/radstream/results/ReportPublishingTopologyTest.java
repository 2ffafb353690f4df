package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.ReportStatus;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.Urgency;

/** Changed reports published once per round (a wall-clock punctuation), as the service runs by default. */
class ReportPublishingTopologyTest {

    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(1);
    private static final String STUDY = "1.2.840.113619.2.55.3.7";
    private static final String OTHER_STUDY = "1.2.840.113619.2.55.3.8";
    private static final List<String> CXR = List.of("cxr");

    private final TopologyHarness harness = new TopologyHarness(PUBLISH_INTERVAL);

    @AfterEach
    void stopTopology() {
        harness.close();
    }

    @Test
    void shouldPublishEveryChangeOfAStudyInOneRoundAsOneRevisionHoldingThemAll() {
        harness.arrive(arrival(STUDY, STUDY + ".1", Priority.ROUTINE));
        harness.arrive(arrival(STUDY, STUDY + ".2", Priority.ROUTINE));
        harness.find(completed(STUDY, STUDY + ".1", "cxr", CXR, score("effusion", 0.2, Urgency.ROUTINE)));
        harness.find(completed(STUDY, STUDY + ".2", "cxr", CXR, score("effusion", 0.4, Urgency.ROUTINE)));
        assertThat(harness.reports.isEmpty()).isTrue();

        harness.advance(PUBLISH_INTERVAL);

        List<StudyReport> revisions = harness.reportRevisions();
        assertThat(revisions).hasSize(1);
        StudyReport published = revisions.get(0);
        assertThat(published.getStatus()).isEqualTo(ReportStatus.PRELIMINARY);
        assertThat(published.getRevision()).isEqualTo(4);
        assertThat(published.getFindingIds()).hasSize(2);
        assertThat(published).isEqualTo(harness.stored(STUDY));
    }

    @Test
    void shouldPublishEachStudyChangedInTheRoundOnce() {
        harness.arrive(arrival(STUDY, STUDY + ".1", Priority.ROUTINE));
        harness.arrive(arrival(OTHER_STUDY, OTHER_STUDY + ".1", Priority.STAT));
        harness.arrive(arrival(STUDY, STUDY + ".2", Priority.ROUTINE));

        harness.advance(PUBLISH_INTERVAL);

        assertThat(harness.reportRevisions()).extracting(StudyReport::getStudyInstanceUid, StudyReport::getRevision)
                .containsExactlyInAnyOrder(tuple(STUDY, 2),
                        tuple(OTHER_STUDY, 1));
    }

    @Test
    void shouldPublishNothingAgainUntilTheReportChanges() {
        harness.arrive(arrival(STUDY, STUDY + ".1", Priority.ROUTINE));
        harness.find(completed(STUDY, STUDY + ".1", "cxr", CXR, score("effusion", 0.2, Urgency.ROUTINE)));
        harness.advance(PUBLISH_INTERVAL);
        assertThat(harness.reportRevisions()).hasSize(1);

        harness.find(completed(STUDY, STUDY + ".1", "cxr", CXR, score("effusion", 0.2, Urgency.ROUTINE)));
        harness.advance(PUBLISH_INTERVAL);
        assertThat(harness.reports.isEmpty()).isTrue();

        harness.advance(TopologyHarness.QUIET.plusSeconds(1)); // finalised by its punctuation ...
        harness.advance(PUBLISH_INTERVAL); // ... and published by the next publishing one
        assertThat(harness.reportRevisions()).extracting(StudyReport::getStatus).containsExactly(ReportStatus.FINAL);
    }
}
