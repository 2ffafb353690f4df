package io.radstream.ingest.stow;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How much of the STOW-RS request bodies the service holds in memory ahead of the parser:
 * {@code radstream.ingest.stow.body.buffered} (bytes now, all requests) and
 * {@code radstream.ingest.stow.body.buffered.request.max} (the most one request has held at once since
 * start; bounded by {@code radstream.ingest.stow-read-ahead} plus one chunk).
 */
@ApplicationScoped
public class StowBodyBuffering {

    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong requestMax = new AtomicLong();

    public StowBodyBuffering(MeterRegistry metrics) {
        Gauge.builder("radstream.ingest.stow.body.buffered", buffered, AtomicLong::get).baseUnit("bytes")
                .description("STOW-RS body bytes held in memory ahead of the parser").register(metrics);
        Gauge.builder("radstream.ingest.stow.body.buffered.request.max", requestMax, AtomicLong::get).baseUnit("bytes")
                .description("Most STOW-RS body bytes one request has held at once").register(metrics);
    }

    /** The most bytes one request has held at once since start. */
    public long requestMax() {
        return requestMax.get();
    }

    /** Bytes held now over all requests. */
    public long buffered() {
        return buffered.get();
    }

    void held(long heldByRequest, long added) {
        buffered.addAndGet(added);
        requestMax.accumulateAndGet(heldByRequest, Math::max);
    }

    void released(long bytes) {
        buffered.addAndGet(-bytes);
    }
}
