package io.radstream.ingest.audit;

import static io.radstream.ingest.StowBodies.STOW_TYPE;
import static io.radstream.ingest.StowBodies.multipart;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.dicom.DicomWriter;
import io.radstream.localstack.TestTokens;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.TopicReader;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.AuditEvent;

/**
 * The audit outbox of a running service against the real broker: what a broker outage or a crash left
 * in it is published and removed, an unreadable file is set aside, and an acknowledged upload leaves
 * nothing behind.
 */
@QuarkusTest
@QuarkusTestResource(RadStreamStackResource.class)
class AuditOutboxIT {

    static TopicReader<AuditEvent> audit;

    @Inject
    AuditOutbox outbox;
    @Inject
    MeterRegistry metrics;

    @BeforeAll
    static void openAudit() {
        audit = new TopicReader<>(RadStreamStackResource.stack().kafka().bootstrapServers(), Topics.AUDIT);
    }

    @AfterAll
    static void closeAudit() {
        audit.close();
    }

    @Test
    void shouldPublishAndRemoveWhatAnEarlierOutageLeftInTheOutbox() throws Exception {
        AuditEvent left = AuditOutboxTest.event(Instant.parse("2026-12-03T09:00:00Z"));
        left.setTenant("left-" + Long.toHexString(System.nanoTime()));

        Path file = outbox.write(left);

        assertThat(audit.await(e -> left.getEventId().equals(e.getEventId())).value()).isEqualTo(left);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(file));
        assertThat(audit.matching(e -> left.getEventId().equals(e.getEventId()))).hasSize(1);
    }

    @Test
    void shouldSetAsideAFileThatHoldsNoAuditEvent() throws Exception {
        Path garbage = outbox.dir().resolve("0-" + System.nanoTime() + AuditOutbox.PENDING);
        String corrupt = garbage.getFileName().toString().replace(AuditOutbox.PENDING, AuditOutbox.CORRUPT);

        Files.write(garbage, new byte[] {(byte) 0xC3, 0x01, 0x00, 0x01, 0x02});

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(garbage.resolveSibling(corrupt)));
        assertThat(garbage).doesNotExist();
        assertThat(metrics.counter("radstream.ingest.audit.outbox.corrupt").count()).isPositive();
    }

    @Test
    void shouldLeaveNothingInTheOutboxOnceAnUploadIsAudited() {
        String tenant = "outbox-" + Long.toHexString(System.nanoTime());
        byte[] instance = DicomWriter.grayscale16(DicomUid.random(), DicomUid.random(), DicomUid.random(), 4, 4,
                new short[16]).toByteArray();

        given().header("Authorization", TestTokens.bearer(TestTokens.token("uploader", tenant))).contentType(STOW_TYPE)
                .body(multipart(instance)).post("/dicomweb/studies").then().statusCode(200);

        audit.await(e -> tenant.equals(e.getTenant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingOf(tenant).isEmpty());
    }

    private List<AuditEvent> pendingOf(String tenant) {
        return outbox.pending().stream().map(this::readOrNull)
                .filter(e -> e != null && tenant.equals(e.getTenant())).toList();
    }

    private AuditEvent readOrNull(Path file) {
        try {
            return outbox.read(file);
        } catch (java.io.IOException e) {
            return null; // removed meanwhile
        }
    }
}
