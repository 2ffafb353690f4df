package io.radstream.results.webhook;

import java.time.Instant;

import io.radstream.results.Alerts;
import io.radstream.results.api.AlertView;
import io.radstream.schemas.events.AlertEscalated;
import io.radstream.schemas.events.UrgentAlert;

/**
 * The JSON body of a webhook call: which event, its delivery id (the same on every retry) and the
 * alert or escalation. Notification only, not for diagnosis.
 */
public record WebhookPayload(String event, String deliveryId, String notice, AlertView alert, Escalation escalation) {

    public static final String URGENT_ALERT = "UrgentAlert";
    public static final String ALERT_ESCALATED = "AlertEscalated";

    /** An escalation as receivers see it. */
    public record Escalation(String alertId, String tenant, String studyInstanceUid, String label, String display,
                             String urgency, int level, Instant raisedAt, Instant escalatedAt) {
    }

    static WebhookPayload of(UrgentAlert alert) {
        return new WebhookPayload(URGENT_ALERT, alert.getAlertId(), Alerts.NOTICE, AlertView.from(alert, null, null), null);
    }

    static WebhookPayload of(AlertEscalated e) {
        Escalation escalation = new Escalation(e.getAlertId(), e.getTenant(), e.getStudyInstanceUid(), e.getLabel(),
                e.getDisplay(), e.getUrgency().name(), e.getLevel(), e.getRaisedAt(), e.getEscalatedAt());
        return new WebhookPayload(ALERT_ESCALATED, e.getEscalationId(), Alerts.NOTICE, null, escalation);
    }
}
