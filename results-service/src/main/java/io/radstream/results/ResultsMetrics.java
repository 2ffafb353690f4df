package io.radstream.results;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.radstream.schemas.events.AlertAcknowledged;
import io.radstream.schemas.events.AlertEscalated;
import io.radstream.schemas.events.ReportStatus;
import io.radstream.schemas.events.UrgentAlert;
import io.radstream.schemas.events.Urgency;

/**
 * Micrometer meters of the results service. Every family is registered at start-up (at zero), so
 * dashboards and alert rules see the series before the first event.
 */
@Singleton
public class ResultsMetrics {

    /** Webhook delivery outcomes. */
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    private static final List<Urgency> ALERT_URGENCIES = List.of(Urgency.STAT, Urgency.URGENT);

    private final MeterRegistry registry;
    private final Map<ReportStatus, AtomicLong> reportsByStatus = new EnumMap<>(ReportStatus.class);
    private final AtomicLong unacknowledged = new AtomicLong();

    @Inject
    public ResultsMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ReportStatus status : ReportStatus.values()) {
            AtomicLong count = new AtomicLong();
            reportsByStatus.put(status, count);
            Gauge.builder("radstream.results.reports", count, AtomicLong::get)
                    .description("Study reports held by this instance, by status")
                    .tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder("radstream.results.alerts.unacknowledged", unacknowledged, AtomicLong::get)
                .description("Urgent alerts raised and not yet acknowledged, held by this instance")
                .register(registry);
        for (Urgency urgency : ALERT_URGENCIES) {
            raisedCounter(urgency);
            uploadToAlert(urgency);
            timeToAck(urgency);
            escalatedCounter(urgency);
        }
        for (String reason : new String[] {DeadLetters.UNDECODABLE, DeadLetters.BAD_EVENT}) {
            deadLetterCounter(reason);
        }
        webhookCounter(DELIVERED);
        webhookCounter(FAILED);
    }

    void alertRaised(UrgentAlert alert) {
        raisedCounter(alert.getUrgency()).increment();
        uploadToAlert(alert.getUrgency()).record(Duration.between(alert.getImageReceivedAt(), alert.getRaisedAt()));
    }

    void alertAcknowledged(UrgentAlert alert, AlertAcknowledged ack) {
        Duration waited = Duration.between(alert.getRaisedAt(), ack.getAcknowledgedAt());
        timeToAck(alert.getUrgency()).record(waited.isNegative() ? Duration.ZERO : waited);
    }

    void alertEscalated(AlertEscalated escalation) {
        escalatedCounter(escalation.getUrgency()).increment();
    }

    void deadLettered(String reason) {
        deadLetterCounter(reason).increment();
    }

    /** One webhook delivery (all attempts of one event to one URL) ended with {@code outcome}. */
    public void webhookDelivery(String outcome) {
        webhookCounter(outcome).increment();
    }

    /** A tally of one stream task's reports; {@link StatusTally#release()} removes it when the task closes. */
    StatusTally tally() {
        return new StatusTally();
    }

    /** One stream task's share of the unacknowledged-alerts gauge. */
    TaskCount unacknowledgedAlerts() {
        return new TaskCount(unacknowledged);
    }

    private Counter raisedCounter(Urgency urgency) {
        return Counter.builder("radstream.results.alerts.raised").tag("urgency", urgency.name())
                .description("Urgent alerts raised").register(registry);
    }

    private Timer uploadToAlert(Urgency urgency) {
        return Timer.builder("radstream.results.upload.to.alert").tag("urgency", urgency.name())
                .description("Time from image upload to the urgent alert")
                .publishPercentileHistogram()
                .register(registry);
    }

    private Timer timeToAck(Urgency urgency) {
        return Timer.builder("radstream.results.time.to.ack").tag("urgency", urgency.name())
                .description("Time from an urgent alert to its acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
    }

    private Counter escalatedCounter(Urgency urgency) {
        return Counter.builder("radstream.results.alerts.escalated").tag("urgency", urgency.name())
                .description("Escalations of unacknowledged urgent alerts").register(registry);
    }

    private Counter deadLetterCounter(String reason) {
        return Counter.builder("radstream.results.dead.letters").tag("reason", reason)
                .description("Records sent to the dead-letter topic").register(registry);
    }

    private Counter webhookCounter(String outcome) {
        return Counter.builder("radstream.results.webhook.deliveries").tag("outcome", outcome)
                .description("Webhook deliveries of alerts and escalations, by final outcome").register(registry);
    }

    /** A stream task's share of a gauge; {@link #release()} takes it back when the task closes. */
    static final class TaskCount {

        private final AtomicLong total;
        private long own;

        private TaskCount(AtomicLong total) {
            this.total = total;
        }

        void add(long delta) {
            own += delta;
            total.addAndGet(delta);
        }

        void release() {
            total.addAndGet(-own);
            own = 0;
        }
    }

    final class StatusTally {

        private final Map<ReportStatus, TaskCount> own = new EnumMap<>(ReportStatus.class);

        void move(ReportStatus from, ReportStatus to) {
            if (from == to) {
                return;
            }
            if (from != null) {
                countOf(from).add(-1);
            }
            countOf(to).add(1);
        }

        void release() {
            own.values().forEach(TaskCount::release);
            own.clear();
        }

        private TaskCount countOf(ReportStatus status) {
            return own.computeIfAbsent(status, s -> new TaskCount(reportsByStatus.get(s)));
        }
    }
}
