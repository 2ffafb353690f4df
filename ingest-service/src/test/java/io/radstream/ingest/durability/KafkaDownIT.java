package io.radstream.ingest.durability;

import static io.radstream.ingest.StowBodies.STOW_TYPE;
import static io.radstream.ingest.StowBodies.multipart;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.radstream.dicom.DicomWriter;
import io.radstream.ingest.WithLanes;
import io.radstream.ingest.audit.AuditOutbox;
import io.radstream.ingest.StowBodies;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.events.AuditEvent;
import io.radstream.schemas.events.AuditOutcome;

/**
 * Kafka unreachable: the object is written, the arrival event is not acknowledged, so the object is
 * removed again and the client hears 503 with Retry-After — nothing is reported as stored, nothing stays.
 */
@QuarkusTest
@TestProfile(KafkaDownIT.KafkaDown.class)
class KafkaDownIT extends WithLanes {

    public static class KafkaDown extends DeadDependency.Profile {
        public KafkaDown() {
            super("kafka");
        }
    }

    @Test
    void shouldAnswerStowWith503AndKeepNothing() throws Exception {
        String study = DicomUid.random();
        byte[][] instances = new byte[3][];
        for (int i = 0; i < instances.length; i++) {
            instances[i] = DicomWriter.grayscale16(study, DicomUid.random(), DicomUid.random(), 4, 4, new short[16])
                    .toByteArray();
        }
        given().contentType(STOW_TYPE).body(multipart(instances)).post("/dicomweb/studies")
                .then().statusCode(503).header("Retry-After", "7")
                .body("'00081198'.Value", hasSize(3))
                .body("'00081198'.Value.'00081197'.Value[0]", everyItem(is(0x0110)))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("00081199")));

        assertThat(storedUnder(TENANT + "/" + study + "/")).isEmpty();
    }

    @Test
    void shouldAnswerAnUploadWith503AndKeepNothing() throws Exception {
        String study = DicomUid.random();
        given().multiPart("file", "x.png", StowBodies.png(16, 16), "image/png")
                .multiPart("metadata", "{\"modality\":\"CR\",\"patientRef\":\"P\",\"studyInstanceUid\":\"" + study + "\"}")
                .post("/api/v1/uploads").then().statusCode(503).header("Retry-After", "7");

        assertThat(storedUnder(TENANT + "/" + study + "/")).isEmpty();
        given().get("/api/v1/uploads/studies/" + study).then().statusCode(404);
    }

    @Test
    void shouldKeepTheAuditOfTheFailedUploadInTheOutboxUntilKafkaIsBack() throws Exception {
        String study = DicomUid.random();
        byte[] instance = DicomWriter.grayscale16(study, DicomUid.random(), DicomUid.random(), 4, 4, new short[16])
                .toByteArray();
        given().contentType(STOW_TYPE).body(multipart(instance)).post("/dicomweb/studies/" + study).then().statusCode(503);

        AuditOutbox outbox = new AuditOutbox(DeadDependency.outboxDir("kafka"));
        List<AuditEvent> kept = new java.util.ArrayList<>();
        for (java.nio.file.Path file : outbox.pending()) {
            kept.add(outbox.read(file));
        }
        assertThat(kept).filteredOn(e -> study.equals(e.getStudyInstanceUid())).singleElement().satisfies(e -> {
            assertThat(e.getOutcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.getHttpStatus()).isEqualTo(503);
            assertThat(e.getTenant()).isEqualTo(TENANT);
        });
    }

    static List<String> storedUnder(String prefix) throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        try (MinioClient s3 = RadStreamStackResource.stack().s3().newClient()) {
            for (var item : s3.listObjects(ListObjectsArgs.builder().bucket(RadStreamStackResource.stack().bucket())
                    .prefix(prefix).recursive(true).build())) {
                keys.add(item.get().objectName());
            }
        }
        return keys;
    }
}
