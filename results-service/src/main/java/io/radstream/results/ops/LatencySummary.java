package io.radstream.results.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Percentiles of this instance's latency timers (upload → alert, alert → acknowledgement) for the
 * operations page, read from the same histograms Prometheus scrapes: a percentile is the upper
 * bound of the first histogram bucket holding that share of the observations, as
 * {@code histogram_quantile} would place it, without interpolation.
 */
@ApplicationScoped
public class LatencySummary {

    /** Percentiles of one timer for one tag value; seconds, null while nothing was observed. */
    public record Percentiles(String name, String urgency, long count, Double p50, Double p95, Double p99) {
    }

    static final List<String> TIMERS = List.of("radstream.results.upload.to.alert", "radstream.results.time.to.ack");

    private final MeterRegistry registry;

    public LatencySummary(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @return percentiles per timer and urgency, in the order of {@link #TIMERS} */
    public List<Percentiles> percentiles() {
        List<Percentiles> out = new ArrayList<>();
        for (String name : TIMERS) {
            for (Timer timer : registry.find(name).timers()) {
                out.add(of(name, timer.getId().getTag("urgency"), timer.takeSnapshot()));
            }
        }
        return out;
    }

    /** @return the urgent alerts this instance holds unacknowledged (its gauge), 0 before any */
    public long unacknowledgedAlerts() {
        io.micrometer.core.instrument.Gauge gauge = registry.find("radstream.results.alerts.unacknowledged").gauge();
        return gauge == null ? 0 : Math.round(gauge.value());
    }

    static Percentiles of(String name, String urgency, HistogramSnapshot snapshot) {
        long count = snapshot.count();
        return new Percentiles(name, urgency, count, quantile(snapshot, count, 0.50),
                quantile(snapshot, count, 0.95), quantile(snapshot, count, 0.99));
    }

    private static Double quantile(HistogramSnapshot snapshot, long count, double q) {
        if (count == 0) {
            return null;
        }
        double rank = q * count;
        for (CountAtBucket bucket : snapshot.histogramCounts()) {
            if (bucket.count() >= rank) {
                return bucket.bucket(TimeUnit.SECONDS);
            }
        }
        return snapshot.max(TimeUnit.SECONDS); // above the largest bucket: the largest observation
    }
}
