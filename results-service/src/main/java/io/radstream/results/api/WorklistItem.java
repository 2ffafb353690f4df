package io.radstream.results.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.radstream.schemas.events.LabelSummary;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.Urgency;

/**
 * A study on the worklist. {@code urgency} is the more urgent of the requested priority and the
 * urgency of its positive AI labels (STAT, URGENT, ROUTINE); {@code score} is the highest label score.
 */
public record WorklistItem(String studyInstanceUid, String tenant, String patientKey, String modality,
                           String priority, String status, String urgency, double score, boolean urgent,
                           List<String> positiveLabels, int revision, Instant firstReceivedAt, Instant updatedAt) {

    /** Most urgent first, then the highest score, then the oldest arrival (then the UID, for a stable order). */
    public static final Comparator<WorklistItem> ORDER = Comparator
            .comparing((WorklistItem item) -> Urgency.valueOf(item.urgency()).ordinal())
            .thenComparing(WorklistItem::score, Comparator.reverseOrder())
            .thenComparing(WorklistItem::firstReceivedAt)
            .thenComparing(WorklistItem::studyInstanceUid);

    public static WorklistItem from(StudyReport report) {
        int urgency = report.getPriority().ordinal();
        for (LabelSummary label : report.getLabels()) {
            if (label.getPositive()) {
                urgency = Math.min(urgency, label.getUrgency().ordinal());
            }
        }
        double score = report.getLabels().stream().mapToDouble(LabelSummary::getMaxScore).max().orElse(0.0);
        List<String> positive = report.getLabels().stream().filter(LabelSummary::getPositive)
                .map(LabelSummary::getLabel).toList();
        return new WorklistItem(report.getStudyInstanceUid(), report.getTenant(), report.getPatientKey(),
                report.getModality(), report.getPriority().name(), report.getStatus().name(),
                Urgency.values()[urgency].name(), score, report.getUrgent(), positive, report.getRevision(),
                report.getFirstReceivedAt(), report.getUpdatedAt());
    }
}
