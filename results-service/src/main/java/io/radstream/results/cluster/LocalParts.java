package io.radstream.results.cluster;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.radstream.results.api.AlertView;
import io.radstream.results.api.StudyQueries;
import io.radstream.results.api.WorklistItem;
import io.radstream.results.api.WorklistPart;
import io.radstream.results.api.WorklistQuery;
import io.radstream.schemas.events.StudyReport;

/**
 * One tenant's part of each answer as this instance's stores hold it: what an instance answers
 * for itself, and for another instance ({@link InstanceResource}). Another tenant's data is absent.
 */
@ApplicationScoped
public class LocalParts {

    private final StudyQueries queries;

    @Inject
    public LocalParts(StudyQueries queries) {
        this.queries = queries;
    }

    public Optional<StudyReport> report(String tenant, String studyInstanceUid) {
        return queries.report(studyInstanceUid).filter(report -> tenant.equals(report.getTenant()));
    }

    public Optional<AlertView> alert(String tenant, String alertId) {
        return queries.alert(alertId).filter(alert -> tenant.equals(alert.tenant()));
    }

    public List<AlertView> studyAlerts(String tenant, String studyInstanceUid, int limit) {
        return queries.alerts(alert -> tenant.equals(alert.tenant()) && alert.studyInstanceUid().equals(studyInstanceUid),
                limit);
    }

    /** Newest first, at most {@code limit}. */
    public List<AlertView> alerts(String tenant, boolean unacknowledgedOnly, int limit) {
        return queries.alerts(alert -> tenant.equals(alert.tenant()) && !(unacknowledgedOnly && alert.acknowledged()),
                limit);
    }

    /** The first {@code limit} matching studies in worklist order, and how many match in all. */
    public WorklistPart worklist(String tenant, WorklistQuery query, int limit) {
        List<WorklistItem> matching = queries.reports().stream()
                .filter(report -> tenant.equals(report.getTenant()))
                .map(WorklistItem::from)
                .filter(query::matches)
                .sorted(WorklistItem.ORDER)
                .toList();
        return new WorklistPart(matching.subList(0, Math.min(limit, matching.size())), matching.size());
    }
}
