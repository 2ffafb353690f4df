package io.radstream.ingest.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.radstream.schemas.events.AuditAction;
import io.radstream.schemas.events.AuditEvent;
import io.radstream.schemas.events.AuditOutcome;

class AuditOutboxTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepAnEventUntilItIsDeletedAndReadItBackUnchanged() throws Exception {
        AuditOutbox outbox = new AuditOutbox(dir);
        AuditEvent event = event(Instant.parse("2026-12-03T10:00:00Z"));

        Path file = outbox.write(event);

        assertThat(outbox.pending()).containsExactly(file);
        assertThat(outbox.read(file)).isEqualTo(event);
        outbox.delete(file);
        assertThat(outbox.pending()).isEmpty();
    }

    @Test
    void shouldListPendingEventsOldestFirstAndIgnoreUnfinishedWrites() throws Exception {
        AuditOutbox outbox = new AuditOutbox(dir);
        Path later = outbox.write(event(Instant.parse("2026-12-03T10:00:02Z")));
        Path earlier = outbox.write(event(Instant.parse("2026-12-03T10:00:01Z")));
        Files.write(dir.resolve("1-crashed-mid-write.tmp"), new byte[] {1, 2, 3});

        assertThat(outbox.pending()).containsExactly(earlier, later);
    }

    @Test
    void shouldRefuseAFileThatHoldsNoAuditEventAndSetItAside() throws Exception {
        AuditOutbox outbox = new AuditOutbox(dir);
        Path good = outbox.write(event(Instant.now()));
        Path garbage = dir.resolve("0-garbage" + AuditOutbox.PENDING);
        Files.write(garbage, "not avro at all".getBytes());
        Path truncated = dir.resolve("1-truncated" + AuditOutbox.PENDING);
        byte[] whole = Files.readAllBytes(good);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));

        for (Path bad : List.of(garbage, truncated)) {
            assertThatThrownBy(() -> outbox.read(bad)).isInstanceOf(AuditOutbox.UnreadableRecordException.class);
            outbox.quarantine(bad);
        }

        assertThat(outbox.pending()).containsExactly(good);
        assertThat(dir.resolve("0-garbage" + AuditOutbox.CORRUPT)).exists();
        assertThat(dir.resolve("1-truncated" + AuditOutbox.CORRUPT)).exists();
    }

    static AuditEvent event(Instant at) {
        return AuditEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenant("t1").setActor("alice")
                .setRoles(List.of("uploader")).setService("ingest-service").setAction(AuditAction.STOW_RS)
                .setOutcome(AuditOutcome.SUCCESS).setHttpStatus(200).setStudyInstanceUid("1.2.3")
                .setInstancesStored(1).setInstancesFailed(0).setFailureReasons(List.of()).setOccurredAt(at).build();
    }
}
