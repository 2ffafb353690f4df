package io.radstream.results.api;

import java.time.Instant;

import io.radstream.schemas.events.AlertAcknowledged;
import io.radstream.schemas.events.AlertEscalated;
import io.radstream.schemas.events.UrgentAlert;

/**
 * An urgent alert as the API (and the webhook) shows it, with its acknowledgement (null while
 * unacknowledged) and how often it escalated.
 */
public record AlertView(String alertId, String tenant, String studyInstanceUid, String sopInstanceUid,
                        String patientKey, String label, String display, double score, double threshold,
                        String urgency, ModelView model, String findingId, Instant imageReceivedAt,
                        Instant raisedAt, String notice, boolean acknowledged, String acknowledgedBy,
                        Instant acknowledgedAt, int escalationLevel) {

    public static AlertView from(UrgentAlert alert, AlertAcknowledged ack, AlertEscalated escalation) {
        return new AlertView(alert.getAlertId(), alert.getTenant(), alert.getStudyInstanceUid(),
                alert.getSopInstanceUid(), alert.getPatientKey(), alert.getLabel(), alert.getDisplay(),
                alert.getScore(), alert.getThreshold(), alert.getUrgency().name(), ModelView.from(alert.getModel()),
                alert.getFindingId(), alert.getImageReceivedAt(), alert.getRaisedAt(), alert.getNotice(),
                ack != null, ack == null ? null : ack.getAcknowledgedBy(), ack == null ? null : ack.getAcknowledgedAt(),
                escalation == null ? 0 : escalation.getLevel());
    }
}
