package io.radstream.results.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

class LatencySummaryTest {

    /** The registry the service scrapes from (a simple registry keeps no histogram buckets). */
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void shouldPlacePercentilesInTheHistogramBucketsPrometheusSees() {
        Timer timer = Timer.builder("radstream.results.upload.to.alert").tag("urgency", "STAT")
                .publishPercentileHistogram().register(registry);
        for (int i = 0; i < 98; i++) {
            timer.record(Duration.ofMillis(200));
        }
        timer.record(Duration.ofSeconds(20));
        timer.record(Duration.ofSeconds(40));

        LatencySummary.Percentiles p = new LatencySummary(registry).percentiles().get(0);

        assertThat(p.urgency()).isEqualTo("STAT");
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isBetween(0.2, 0.25);
        assertThat(p.p95()).isBetween(0.2, 0.25);
        assertThat(p.p99()).isBetween(20.0, 25.0);
    }

    @Test
    void shouldReportNoPercentilesBeforeAnyObservation() {
        Timer.builder("radstream.results.time.to.ack").tag("urgency", "URGENT").publishPercentileHistogram().register(registry);

        LatencySummary.Percentiles p = new LatencySummary(registry).percentiles().get(0);

        assertThat(p.count()).isZero();
        assertThat(p.p50()).isNull();
        assertThat(p.p99()).isNull();
    }

    @Test
    void shouldReadTheUnacknowledgedAlertGauge() {
        assertThat(new LatencySummary(registry).unacknowledgedAlerts()).isZero();
        registry.gauge("radstream.results.alerts.unacknowledged", 3.0);

        assertThat(new LatencySummary(registry).unacknowledgedAlerts()).isEqualTo(3);
    }
}
