package io.radstream.ingest.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.radstream.ingest.core.KafkaEvents;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.AuditAction;
import io.radstream.schemas.events.AuditEvent;
import io.radstream.schemas.events.AuditOutcome;

/**
 * Publishes one {@link AuditEvent} per upload request to {@code radstream.audit} (acks=all). The send
 * does not hold up the client's answer, whose durability rests on the image-arrival event; a failed
 * audit send is logged (no PHI) and counted in {@code radstream.ingest.audit.failures}.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final KafkaEvents events;
    private final MeterRegistry metrics;

    public AuditTrail(KafkaEvents events, MeterRegistry metrics) {
        this.events = events;
        this.metrics = metrics;
        metrics.counter("radstream.ingest.audit.failures");
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
        String key = entry.studyInstanceUid() != null ? entry.studyInstanceUid() : event.getEventId();
        try {
            events.send(Topics.AUDIT, key, event, (metadata, error) -> {
                if (error != null) {
                    failed(event, error);
                }
            });
        } catch (RuntimeException e) {
            failed(event, e);
        }
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
