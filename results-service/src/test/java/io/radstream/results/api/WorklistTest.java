package io.radstream.results.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.radstream.schemas.Topics;
import io.radstream.schemas.events.LabelSummary;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.ReportStatus;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.Urgency;

class WorklistTest {

    static {
        Topics.all(); // loading the serdes makes Avro trust the event classes, which builders' defaults need
    }

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    private final StudyReport routineOld = report("1.1", Priority.ROUTINE, ReportStatus.FINAL, "CR", 0, label(0.2, false, Urgency.ROUTINE));
    private final StudyReport routineNew = report("1.2", Priority.ROUTINE, ReportStatus.FINAL, "CT", 5, label(0.2, false, Urgency.ROUTINE));
    private final StudyReport aiStat = report("1.3", Priority.ROUTINE, ReportStatus.PRELIMINARY, "CR", 9, label(0.7, true, Urgency.STAT));
    private final StudyReport aiStatStronger = report("1.4", Priority.ROUTINE, ReportStatus.ANALYZING, "CR", 9, label(0.95, true, Urgency.STAT));
    private final StudyReport requestedUrgent = report("1.5", Priority.URGENT, ReportStatus.RECEIVING, "MR", 1);
    private final StudyReport routineHighScore = report("1.6", Priority.ROUTINE, ReportStatus.FINAL, "CR", 7, label(0.45, false, Urgency.ROUTINE));

    @Test
    void shouldOrderByUrgencyThenStudyScoreThenArrival() {
        WorklistPage page = WorklistPage.of(all(), query(List.of(), List.of(), List.of(), 0, 50));

        assertThat(page.items()).extracting(WorklistItem::studyInstanceUid)
                .containsExactly("1.4", "1.3", "1.5", "1.6", "1.1", "1.2");
        assertThat(page.items().get(0).urgency()).isEqualTo("STAT");
        assertThat(page.items().get(2).urgency()).isEqualTo("URGENT");
        assertThat(page.items().get(0).positiveLabels()).containsExactly("pneumothorax");
        assertThat(page.total()).isEqualTo(6);
    }

    @Test
    void shouldFilterByStatusModalityAndPriority() {
        assertThat(ids(query(List.of("FINAL"), List.of(), List.of(), 0, 50))).containsExactly("1.6", "1.1", "1.2");
        assertThat(ids(query(List.of("final,preliminary"), List.of("cr"), List.of(), 0, 50))).containsExactly("1.3", "1.6", "1.1");
        assertThat(ids(query(List.of(), List.of(), List.of("URGENT"), 0, 50))).containsExactly("1.5");
    }

    @Test
    void shouldPageTheOrderedList() {
        WorklistPage second = WorklistPage.of(all(), query(List.of(), List.of(), List.of(), 1, 4));

        assertThat(second.items()).extracting(WorklistItem::studyInstanceUid).containsExactly("1.1", "1.2");
        assertThat(second.total()).isEqualTo(6);
        assertThat(WorklistPage.of(all(), query(List.of(), List.of(), List.of(), 5, 4)).items()).isEmpty();
    }

    @Test
    void shouldPageTheMergedPartsOfSeveralInstancesExactlyAsOneList() {
        List<WorklistItem> items = all().toList();
        List<WorklistItem> first = List.of(items.get(0), items.get(2), items.get(4)); // one instance's studies
        List<WorklistItem> second = List.of(items.get(1), items.get(3), items.get(5)); // the other's
        for (int page = 0; page < 4; page++) {
            WorklistQuery query = query(List.of(), List.of(), List.of(), page, 2);
            WorklistPage merged = WorklistPart.merge(List.of(part(first, query), part(second, query)), query);
            WorklistPage whole = WorklistPage.of(all(), query);
            assertThat(merged).isEqualTo(whole);
        }
        WorklistQuery cr = query(List.of(), List.of("cr"), List.of(), 0, 1);
        assertThat(WorklistPart.merge(List.of(part(first, cr), part(second, cr)), cr)).isEqualTo(WorklistPage.of(all(), cr));
    }

    /** What an instance holding {@code held} sends: its first {@link WorklistPart#needed} matching studies, and its count. */
    private static WorklistPart part(List<WorklistItem> held, WorklistQuery query) {
        List<WorklistItem> matching = held.stream().filter(query::matches).sorted(WorklistItem.ORDER).toList();
        return new WorklistPart(matching.subList(0, Math.min(WorklistPart.needed(query), matching.size())), matching.size());
    }

    @Test
    void shouldRefuseUnknownFilterValuesAndBadPages() {
        assertThatThrownBy(() -> query(List.of("DONE"), List.of(), List.of(), 0, 50)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> query(List.of(), List.of(), List.of("SOON"), 0, 50)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> query(List.of(), List.of(), List.of(), -1, 50)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> query(List.of(), List.of(), List.of(), 0, WorklistQuery.MAX_SIZE + 1))
                .isInstanceOf(ApiException.class);
    }

    private List<String> ids(WorklistQuery query) {
        return WorklistPage.of(all(), query).items().stream().map(WorklistItem::studyInstanceUid).toList();
    }

    private Stream<WorklistItem> all() {
        return Stream.of(routineOld, routineNew, aiStat, aiStatStronger, requestedUrgent, routineHighScore)
                .map(WorklistItem::from);
    }

    private static WorklistQuery query(List<String> status, List<String> modality, List<String> priority, int page, int size) {
        return WorklistQuery.of(status, modality, priority, page, size);
    }

    private static LabelSummary label(double score, boolean positive, Urgency urgency) {
        return LabelSummary.newBuilder().setLabel("pneumothorax").setDisplay("Pneumothorax").setMaxScore(score)
                .setThreshold(0.5).setPositive(positive).setPositiveImages(positive ? 1 : 0).setUrgency(urgency)
                .setModels(new ArrayList<>(List.of("cxr"))).setModelScores(new ArrayList<>()).build();
    }

    private static StudyReport report(String uid, Priority priority, ReportStatus status, String modality,
                                      int minutesAfterT0, LabelSummary... labels) {
        Instant arrived = T0.plusSeconds(60L * minutesAfterT0);
        return StudyReport.newBuilder().setStudyInstanceUid(uid).setTenant("acme").setPatientKey("p".repeat(64))
                .setModality(modality).setPriority(priority).setStatus(status).setRevision(1)
                .setImages(new ArrayList<>()).setLabels(new ArrayList<>(List.of(labels)))
                .setFindingIds(new ArrayList<>()).setUrgent(false).setFirstReceivedAt(arrived).setUpdatedAt(arrived)
                .build();
    }
}
