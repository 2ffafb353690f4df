package io.radstream.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.radstream.schemas.events.AlertAcknowledged;
import io.radstream.schemas.events.AlertEscalated;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.UrgentAlert;

/**
 * The alert side of a stream task: raises each urgent alert once, records the first
 * acknowledgement of an alert, and escalates alerts that stay unacknowledged (wall-clock time).
 */
final class AlertTracker {

    private final ResultsConfig config;
    private final ResultsMetrics metrics;
    private final ProcessorContext<String, SpecificRecordBase> context;
    private final KeyValueStore<String, UrgentAlert> alerts;
    private final KeyValueStore<String, AlertAcknowledged> acks;
    private final KeyValueStore<String, Long> openAlerts;
    private final KeyValueStore<String, AlertEscalated> escalations;
    private final ResultsMetrics.TaskCount unacknowledged;

    AlertTracker(ProcessorContext<String, SpecificRecordBase> context, ResultsConfig config, ResultsMetrics metrics) {
        this.context = context;
        this.config = config;
        this.metrics = metrics;
        alerts = context.getStateStore(TopologyProducer.ALERT_STORE);
        acks = context.getStateStore(TopologyProducer.ACK_STORE);
        openAlerts = context.getStateStore(TopologyProducer.OPEN_ALERT_STORE);
        escalations = context.getStateStore(TopologyProducer.ESCALATION_STORE);
        unacknowledged = metrics.unacknowledgedAlerts();
        try (KeyValueIterator<String, Long> open = openAlerts.all()) {
            open.forEachRemaining(entry -> unacknowledged.add(1));
        }
    }

    /** Raises the alerts of a newly folded finding that were not raised before for their (study, label). */
    void raise(Finding finding, Instant now) {
        for (UrgentAlert alert : Alerts.of(finding, now)) {
            if (alerts.get(alert.getAlertId()) == null) {
                alerts.put(alert.getAlertId(), alert);
                openAlerts.put(alert.getAlertId(), now.plus(config.escalateAfter()).toEpochMilli());
                unacknowledged.add(1);
                context.forward(new Record<>(alert.getStudyInstanceUid(), alert, context.currentSystemTimeMs()));
                metrics.alertRaised(alert);
            }
        }
    }

    /** Records the first acknowledgement of an alert; later ones (a double click, a redelivery) change nothing. */
    void acknowledge(AlertAcknowledged ack) {
        UrgentAlert alert = alerts.get(ack.getAlertId());
        if (alert == null || !alert.getStudyInstanceUid().equals(ack.getStudyInstanceUid())) {
            throw new BadEventException("Acknowledgement " + ack.getAckId() + " names no alert of study "
                    + ack.getStudyInstanceUid());
        }
        if (acks.get(ack.getAlertId()) != null) {
            return;
        }
        acks.put(ack.getAlertId(), ack);
        if (openAlerts.delete(ack.getAlertId()) != null) {
            unacknowledged.add(-1);
        }
        metrics.alertAcknowledged(alert, ack);
    }

    /** Escalates every open alert whose escalation is due; after the last level it stays open but quiet. */
    void escalateDue(long nowMs) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = openAlerts.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value <= nowMs) {
                    due.add(entry.key);
                }
            });
        }
        due.forEach(alertId -> escalate(alertId, Instant.ofEpochMilli(nowMs)));
    }

    void close() {
        unacknowledged.release();
    }

    private void escalate(String alertId, Instant now) {
        UrgentAlert alert = alerts.get(alertId);
        AlertEscalated previous = escalations.get(alertId);
        int level = previous == null ? 1 : previous.getLevel() + 1;
        AlertEscalated escalation = Alerts.escalation(alert, level, now);
        escalations.put(alertId, escalation);
        long next = level >= config.maxEscalations() ? Long.MAX_VALUE : now.plus(config.escalateAfter()).toEpochMilli();
        openAlerts.put(alertId, next);
        context.forward(new Record<>(alert.getStudyInstanceUid(), escalation, now.toEpochMilli()));
        metrics.alertEscalated(escalation);
    }
}
