package io.radstream.results.api;

import java.time.Instant;

import io.radstream.schemas.events.UrgentAlert;

/** An urgent alert as the API shows it. */
public record AlertView(String alertId, String tenant, String studyInstanceUid, String sopInstanceUid,
                        String patientKey, String label, String display, double score, double threshold,
                        String urgency, ModelView model, String findingId, Instant imageReceivedAt,
                        Instant raisedAt, String notice) {

    static AlertView from(UrgentAlert alert) {
        return new AlertView(alert.getAlertId(), alert.getTenant(), alert.getStudyInstanceUid(),
                alert.getSopInstanceUid(), alert.getPatientKey(), alert.getLabel(), alert.getDisplay(),
                alert.getScore(), alert.getThreshold(), alert.getUrgency().name(), ModelView.from(alert.getModel()),
                alert.getFindingId(), alert.getImageReceivedAt(), alert.getRaisedAt(), alert.getNotice());
    }
}
