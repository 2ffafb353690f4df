package io.radstream.ingest.audit;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.radstream.ingest.IngestConfig;

/**
 * Sends again what the {@link AuditOutbox} still holds — events whose send failed (broker down) or
 * that a crash left unacknowledged — at start-up and then every {@code radstream.ingest.audit.replay-interval}.
 * A file that does not decode is set aside as {@code .corrupt} and counted in
 * {@code radstream.ingest.audit.outbox.corrupt}.
 */
@ApplicationScoped
public class AuditReplay {

    private static final Logger LOG = Logger.getLogger(AuditReplay.class);

    private final AuditOutbox outbox;
    private final AuditTrail trail;
    private final MeterRegistry metrics;
    private long intervalMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "audit-replay");
        thread.setDaemon(true);
        return thread;
    });

    public AuditReplay(AuditOutbox outbox, AuditTrail trail, MeterRegistry metrics) {
        this.outbox = outbox;
        this.trail = trail;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event, IngestConfig config) {
        intervalMillis = config.audit().replayInterval().toMillis();
        timer.scheduleWithFixedDelay(this::replaySafely, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** One pass over the outbox, oldest first, one acknowledged send at a time; stops at the first failure. */
    void replay() throws InterruptedException {
        List<Path> pending = outbox.pending();
        for (int i = 0; i < pending.size(); i++) {
            Path file = pending.get(i);
            try {
                Throwable error = trail.publish(outbox.read(file), file).get();
                if (error != null) {
                    metrics.counter("radstream.ingest.audit.replay.failures").increment();
                    LOG.warnf("Audit outbox: %d events wait for Kafka (%s); next try in %d s", pending.size() - i,
                            error.getClass().getSimpleName(), intervalMillis / 1000);
                    return;
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (AuditOutbox.UnreadableRecordException e) {
                setAside(file, e);
            } catch (NoSuchFileException e) {
                // acknowledged (and removed) since it was listed
            } catch (IOException e) {
                LOG.warnf("Audit outbox file %s not readable now: %s", file.getFileName(), e.getMessage());
            }
        }
    }

    private void replaySafely() {
        try {
            replay();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf("Audit outbox replay failed: %s", e.getMessage());
        }
    }

    private void setAside(Path file, IOException why) {
        metrics.counter("radstream.ingest.audit.outbox.corrupt").increment();
        LOG.errorf("Audit outbox file %s set aside: %s", file.getFileName(), why.getMessage());
        try {
            outbox.quarantine(file);
        } catch (IOException e) {
            LOG.errorf("Audit outbox file %s cannot be set aside: %s", file.getFileName(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
