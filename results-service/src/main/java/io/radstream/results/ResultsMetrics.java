package io.radstream.results;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.radstream.schemas.events.ReportStatus;
import io.radstream.schemas.events.UrgentAlert;

/** Micrometer meters of the results service. */
@Singleton
public class ResultsMetrics {

    private final MeterRegistry registry;
    private final Map<ReportStatus, AtomicLong> reportsByStatus = new EnumMap<>(ReportStatus.class);

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
        // registered at zero so dashboards and alert rules see the series before the first dead letter
        for (String reason : new String[] {DeadLetters.UNDECODABLE, DeadLetters.BAD_EVENT}) {
            deadLetterCounter(reason);
        }
    }

    private Counter deadLetterCounter(String reason) {
        return Counter.builder("radstream.results.dead.letters").tag("reason", reason)
                .description("Records sent to the dead-letter topic").register(registry);
    }

    void alertRaised(UrgentAlert alert) {
        String urgency = alert.getUrgency().name();
        Counter.builder("radstream.results.alerts.raised").tag("urgency", urgency)
                .description("Urgent alerts raised").register(registry).increment();
        Timer.builder("radstream.results.upload.to.alert").tag("urgency", urgency)
                .description("Time from image upload to the urgent alert")
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.between(alert.getImageReceivedAt(), alert.getRaisedAt()));
    }

    void deadLettered(String reason) {
        deadLetterCounter(reason).increment();
    }

    /** A tally of one stream task's reports; {@link StatusTally#release()} removes it when the task closes. */
    StatusTally tally() {
        return new StatusTally();
    }

    final class StatusTally {

        private final Map<ReportStatus, Long> own = new EnumMap<>(ReportStatus.class);

        void move(ReportStatus from, ReportStatus to) {
            if (from == to) {
                return;
            }
            if (from != null) {
                add(from, -1);
            }
            add(to, 1);
        }

        void release() {
            own.forEach((status, count) -> reportsByStatus.get(status).addAndGet(-count));
            own.clear();
        }

        private void add(ReportStatus status, long delta) {
            own.merge(status, delta, Long::sum);
            reportsByStatus.get(status).addAndGet(delta);
        }
    }
}
