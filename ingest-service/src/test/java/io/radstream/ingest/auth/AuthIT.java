package io.radstream.ingest.auth;

import static io.radstream.ingest.StowBodies.STOW_TYPE;
import static io.radstream.ingest.StowBodies.multipart;
import static io.radstream.localstack.TestTokens.bearer;
import static io.radstream.localstack.TestTokens.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.dicom.DicomWriter;
import io.radstream.localstack.TestTokens;
import io.radstream.ingest.WithLanes;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.TopicReader;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.AuditAction;
import io.radstream.schemas.events.AuditEvent;
import io.radstream.schemas.events.AuditOutcome;
import io.radstream.schemas.events.ImageArrived;
import io.restassured.specification.RequestSpecification;

/** Bearer tokens, roles and tenants on both entry points, with the audit trail they leave on the real broker. */
@QuarkusTest
@QuarkusTestResource(RadStreamStackResource.class)
class AuthIT extends WithLanes {

    static TopicReader<AuditEvent> audit;

    @BeforeAll
    static void openAudit() {
        io.restassured.RestAssured.replaceFiltersWith(java.util.List.of()); // every request here names its own Authorization
        audit = new TopicReader<>(RadStreamStackResource.stack().kafka().bootstrapServers(), Topics.AUDIT);
    }

    @AfterAll
    static void closeAudit() {
        audit.close();
    }

    @Test
    void shouldAnswer401WithoutATokenOrWithABadOne() throws NoSuchAlgorithmException {
        byte[] body = multipart(instance(DicomUid.random(), "PAT-1"));
        var otherKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String[] bad = {
            null,
            "Bearer not-a-token",
            bearer(TestTokens.claims("uploader", "clinic-a").sign(otherKey)),
            bearer(TestTokens.claims("uploader", "clinic-a").expiresAt(Instant.now().minusSeconds(3600)).sign(TestTokens.devKey())),
            bearer(TestTokens.claims("uploader", "clinic-a").issuer("someone-else").sign(TestTokens.devKey())),
            "Basic dXBsb2FkZXI6c2VjcmV0"};
        for (String authorization : bad) {
            stow(authorization).body(body).post("/dicomweb/studies").then().statusCode(401);
            as(authorization).multiPart("file", "x.png", new byte[] {1}, "image/png").multiPart("metadata", "{}")
                    .post("/api/v1/uploads").then().statusCode(401);
        }
    }

    @Test
    void shouldAnswer403ToAReaderAndToATokenWithoutAUsableTenant() {
        String study = DicomUid.random();
        byte[] body = multipart(instance(study, "PAT-2"));
        stow(bearer(token("reader", "clinic-a"))).body(body).post("/dicomweb/studies").then().statusCode(403);
        as(bearer(token("reader", "clinic-a"))).multiPart("file", "x.png", new byte[] {1}, "image/png")
                .multiPart("metadata", "{}").post("/api/v1/uploads").then().statusCode(403);
        for (String tenant : new String[] {null, "../etc", "Clinic A", "a/b", ""}) {
            stow(bearer(token("uploader", tenant))).body(body).post("/dicomweb/studies").then().statusCode(403);
        }
        assertThat(lanes.matching(e -> e.getStudyInstanceUid().equals(study))).isEmpty();
    }

    @Test
    void shouldScopeObjectsAndEventsByTheTenantOfTheToken() throws Exception {
        String study = DicomUid.random();
        byte[] body = multipart(instance(study, "PAT-3"));
        stow(bearer(token("uploader", "clinic-a"))).body(body).post("/dicomweb/studies").then().statusCode(200);
        stow(bearer(token("admin", "clinic-b"))).body(body).post("/dicomweb/studies").then().statusCode(200);

        ImageArrived a = lanes.await(e -> e.getStudyInstanceUid().equals(study) && e.getTenant().equals("clinic-a")).value();
        ImageArrived b = lanes.await(e -> e.getStudyInstanceUid().equals(study) && e.getTenant().equals("clinic-b")).value();
        assertThat(a.getObject().getKey()).startsWith("clinic-a/" + study + "/");
        assertThat(b.getObject().getKey()).startsWith("clinic-b/" + study + "/");
        assertThat(a.getPatientKey()).isNotEqualTo(b.getPatientKey());
        assertThat(a.getEventId()).isNotEqualTo(b.getEventId());
        try (MinioClient s3 = RadStreamStackResource.stack().s3().newClient()) {
            for (ImageArrived event : new ImageArrived[] {a, b}) {
                assertThat(s3.statObject(StatObjectArgs.builder().bucket(event.getObject().getBucket())
                        .object(event.getObject().getKey()).build()).size()).isEqualTo(event.getObject().getSizeBytes());
            }
        }
    }

    @Test
    void shouldAuditEveryUploadWithWhoWhatWhenAndOutcome() {
        String tenant = "audit-" + Long.toHexString(System.nanoTime());
        String study = DicomUid.random();
        Instant before = Instant.now().minusSeconds(1);
        stow(bearer(token("uploader", tenant))).body(multipart(instance(study, "PAT-4"))).post("/dicomweb/studies")
                .then().statusCode(200);
        as(bearer(token("uploader", tenant))).multiPart("file", "x.txt", "not an image".getBytes(), "text/plain")
                .multiPart("metadata", "{\"modality\":\"CR\",\"patientRef\":\"P\"}").post("/api/v1/uploads")
                .then().statusCode(415);
        stow(bearer(token("reader", tenant))).body(multipart(instance(study, "PAT-4"))).post("/dicomweb/studies")
                .then().statusCode(403);

        AuditEvent stored = audit.await(e -> tenant.equals(e.getTenant()) && e.getOutcome() == AuditOutcome.SUCCESS).value();
        assertThat(stored.getActor()).isEqualTo("tester@" + tenant);
        assertThat(stored.getRoles()).containsExactly("uploader");
        assertThat(stored.getAction()).isEqualTo(AuditAction.STOW_RS);
        assertThat(stored.getHttpStatus()).isEqualTo(200);
        assertThat(stored.getStudyInstanceUid()).isEqualTo(study);
        assertThat(stored.getInstancesStored()).isEqualTo(1);
        assertThat(stored.getOccurredAt()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        AuditEvent refused = audit.await(e -> tenant.equals(e.getTenant()) && e.getOutcome() == AuditOutcome.REFUSED).value();
        assertThat(refused.getAction()).isEqualTo(AuditAction.UPLOAD);
        assertThat(refused.getHttpStatus()).isEqualTo(415);
        AuditEvent denied = audit.await(e -> tenant.equals(e.getTenant()) && e.getOutcome() == AuditOutcome.DENIED).value();
        assertThat(denied.getRoles()).containsExactly("reader");
        assertThat(denied.getHttpStatus()).isEqualTo(403);
        assertThat(audit.matching(e -> tenant.equals(e.getTenant()))).hasSize(3)
                .allSatisfy(r -> assertThat(r.value().toString()).doesNotContain("PAT-4"));
    }

    static byte[] instance(String study, String patientId) {
        return DicomWriter.grayscale16(study, DicomUid.random(), DicomUid.random(), 4, 4, new short[16])
                .string(0x00100020, "LO", patientId).toByteArray();
    }

    /** A request with exactly this Authorization header (none when null), ignoring the class default. */
    static RequestSpecification as(String authorization) {
        RequestSpecification request = given();
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    static RequestSpecification stow(String authorization) {
        return as(authorization).contentType(STOW_TYPE);
    }
}
