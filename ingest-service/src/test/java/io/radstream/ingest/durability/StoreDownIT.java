package io.radstream.ingest.durability;

import static io.radstream.ingest.StowBodies.STOW_TYPE;
import static io.radstream.ingest.StowBodies.multipart;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.radstream.dicom.DicomWriter;
import io.radstream.ingest.WithLanes;
import io.radstream.ingest.StowBodies;
import io.radstream.schemas.DicomUid;

/** The image store unreachable: 503 with Retry-After on every entry point, no event published, not ready. */
@QuarkusTest
@TestProfile(StoreDownIT.StoreDown.class)
class StoreDownIT extends WithLanes {

    public static class StoreDown extends DeadDependency.Profile {
        public StoreDown() {
            super("s3");
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterAndPublishNothing() throws Exception {
        String study = DicomUid.random();
        byte[] one = DicomWriter.grayscale16(study, DicomUid.random(), DicomUid.random(), 4, 4, new short[16]).toByteArray();
        byte[] two = DicomWriter.grayscale16(study, DicomUid.random(), DicomUid.random(), 4, 4, new short[16]).toByteArray();

        given().contentType(STOW_TYPE).body(multipart(one, two)).post("/dicomweb/studies")
                .then().statusCode(503).header("Retry-After", "7").body("'00081198'.Value", hasSize(2));
        given().multiPart("file", "x.png", StowBodies.png(16, 16), "image/png")
                .multiPart("metadata", "{\"modality\":\"CR\",\"patientRef\":\"P\",\"studyInstanceUid\":\"" + study + "\"}")
                .post("/api/v1/uploads").then().statusCode(503).header("Retry-After", "7");
        given().get("/api/v1/uploads/studies/" + study).then().statusCode(503).header("Retry-After", "7");
        given().get("/q/health/ready").then().statusCode(503);

        assertThat(lanes.matching(e -> e.getStudyInstanceUid().equals(study))).isEmpty();
    }
}
