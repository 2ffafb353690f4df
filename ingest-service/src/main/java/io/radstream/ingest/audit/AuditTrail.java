package io.radstream.ingest.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.radstream.ingest.core.KafkaEvents;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.AuditAction;
import io.radstream.schemas.events.AuditEvent;
import io.radstream.schemas.events.AuditOutcome;

/**
 * Publishes one {@link AuditEvent} per upload request to {@code radstream.audit} (acks=all). The event
 * is first written to the {@link AuditOutbox} (before the client hears the answer) and its file removed
 * once Kafka acknowledges it; a send that fails leaves the file for {@link AuditReplay}. Delivery is
 * therefore at least once: consumers deduplicate by {@code eventId}. Failed sends are logged (no PHI)
 * and counted in {@code radstream.ingest.audit.failures}.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final KafkaEvents events;
    private final AuditOutbox outbox;
    private final MeterRegistry metrics;
    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();

    public AuditTrail(KafkaEvents events, AuditOutbox outbox, MeterRegistry metrics) {
        this.events = events;
        this.outbox = outbox;
        this.metrics = metrics;
        metrics.counter("radstream.ingest.audit.failures");
        metrics.gauge("radstream.ingest.audit.outbox.pending", outbox, o -> o.pending().size());
    }

    /** Who (actor, roles, tenant) did what (action) with which outcome (status, counts, reasons). */
    public void record(Entry entry) {
        AuditEvent event = AuditEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setTenant(entry.tenant())
                .setActor(entry.actor())
                .setRoles(List.copyOf(entry.roles()))
                .setService("ingest-service")
                .setAction(entry.action())
                .setOutcome(outcome(entry.httpStatus(), entry.stored(), entry.failureReasons().size()))
                .setHttpStatus(entry.httpStatus())
                .setStudyInstanceUid(entry.studyInstanceUid())
                .setInstancesStored(entry.stored())
                .setInstancesFailed(entry.failureReasons().size())
                .setFailureReasons(List.copyOf(entry.failureReasons()))
                .setOccurredAt(Instant.now())
                .build();
        Path file = null;
        try {
            file = outbox.write(event);
        } catch (IOException e) {
            LOG.errorf("Audit event %s not written to the outbox: %s", event.getEventId(), e.getMessage());
        }
        publish(event, file).thenAccept(error -> {
            if (error != null) {
                failed(event, error);
            }
        });
    }

    /**
     * Sends {@code event}; its outbox {@code file} (may be null) is removed once Kafka acknowledged it.
     * Completes with null when acknowledged (or already acknowledged by another send), else the error.
     */
    CompletableFuture<Throwable> publish(AuditEvent event, Path file) {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        if (file != null && (!inFlight.add(file) || acknowledgedMeanwhile(file))) {
            return CompletableFuture.completedFuture(null);
        }
        String key = event.getStudyInstanceUid() != null ? event.getStudyInstanceUid() : event.getEventId();
        try {
            events.send(Topics.AUDIT, key, event, (metadata, error) -> done.complete(sent(event, file, error)));
        } catch (RuntimeException e) {
            done.complete(sent(event, file, e));
        }
        return done;
    }

    /** Whether the replay listed {@code file} before its first send was acknowledged and removed it. */
    private boolean acknowledgedMeanwhile(Path file) {
        if (Files.exists(file)) {
            return false;
        }
        inFlight.remove(file);
        return true;
    }

    private Throwable sent(AuditEvent event, Path file, Throwable error) {
        try {
            if (error == null && file != null) {
                outbox.delete(file);
            }
        } catch (IOException e) {
            LOG.warnf("Audit event %s sent, but its outbox file stays (it will be sent again): %s", event.getEventId(),
                    e.getMessage());
        } finally {
            if (file != null) {
                inFlight.remove(file);
            }
        }
        return error;
    }

    static AuditOutcome outcome(int status, int stored, int failed) {
        if (status == 401 || status == 403) {
            return AuditOutcome.DENIED;
        }
        if (status >= 500) {
            return AuditOutcome.FAILED;
        }
        if (status >= 400) {
            return AuditOutcome.REFUSED;
        }
        return stored > 0 && failed > 0 ? AuditOutcome.PARTIAL : AuditOutcome.SUCCESS;
    }

    private void failed(AuditEvent event, Throwable error) {
        metrics.counter("radstream.ingest.audit.failures").increment();
        LOG.errorf("Audit event %s (%s %s, status %d) not published: %s", event.getEventId(), event.getAction(),
                event.getOutcome(), event.getHttpStatus(), error.getClass().getSimpleName());
    }

    /** One request as the audit sees it. */
    public record Entry(String tenant, String actor, java.util.Set<String> roles, AuditAction action, int httpStatus,
                        String studyInstanceUid, int stored, List<Integer> failureReasons) {
    }
}
