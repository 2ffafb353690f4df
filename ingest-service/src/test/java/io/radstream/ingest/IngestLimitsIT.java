package io.radstream.ingest;

import static io.radstream.ingest.StowBodies.STOW_TYPE;
import static io.radstream.ingest.StowBodies.multipart;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.radstream.dicom.DicomWriter;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.events.ImageArrived;

/** Oversized and hostile objects on both entry points, with small limits so the tests stay light. */
@QuarkusTest
@TestProfile(IngestLimitsIT.SmallLimits.class)
@QuarkusTestResource(RadStreamStackResource.class)
class IngestLimitsIT extends WithLanes {

    static final int STUDY_INSTANCE_UID = 0x0020000D;

    /** 64 KiB per instance, 3 instances per request. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("radstream.ingest.max-instance-bytes", "64K", "radstream.ingest.max-instances-per-request", "3");
        }
    }

    @Test
    void shouldRefuseAnOversizedStowInstanceAsOutOfResourcesAndKeepTheOthers() {
        String study = DicomUid.random();
        byte[] small = image(study, DicomUid.random(), 16);
        byte[] huge = image(study, DicomUid.random(), 256);

        given().contentType(STOW_TYPE).body(multipart(small, huge)).post("/dicomweb/studies")
                .then().statusCode(202).body("'00081198'.Value[0].'00081197'.Value[0]", is(0xA700));

        assertThat(lanes.await(e -> e.getStudyInstanceUid().equals(study)).value().getRows()).isEqualTo(16);
    }

    @Test
    void shouldRefuseTooManyInstancesInOneRequestWith413() {
        String study = DicomUid.random();
        byte[] one = image(study, DicomUid.random(), 4);
        given().contentType(STOW_TYPE).body(multipart(one, one, one, one)).post("/dicomweb/studies").then().statusCode(413);
    }

    @Test
    void shouldRefuseAnOversizedUploadWith413() {
        given().multiPart("file", "big.png", new byte[70 * 1024], "image/png")
                .multiPart("metadata", "{\"modality\":\"CR\",\"patientRef\":\"P\"}", "application/json")
                .post("/api/v1/uploads").then().statusCode(413).body("error", containsString("limit"));
    }

    @Test
    void shouldRefuseDicomWithPathInjectionInItsUidsAndPublishNothing() {
        byte[] hostile = DicomWriter.grayscale16("1.2.3/../../../etc", DicomUid.random(), DicomUid.random(), 4, 4,
                new short[16]).toByteArray();
        byte[] noStudy = DicomWriter.grayscale16(DicomUid.random(), DicomUid.random(), DicomUid.random(), 4, 4,
                new short[16]).string(STUDY_INSTANCE_UID, "UI", "").toByteArray();

        given().contentType(STOW_TYPE).body(multipart(hostile, noStudy)).post("/dicomweb/studies")
                .then().statusCode(409).body("'00081198'.Value.size()", is(2))
                .body("'00081198'.Value[0].'00081197'.Value[0]", is(0xA900));
        given().multiPart("file", "x.dcm", hostile, "application/dicom").multiPart("metadata", "{}", "application/json")
                .post("/api/v1/uploads").then().statusCode(400).body("error", containsString("UID"));

        assertThat(lanes.matching(e -> e.getStudyInstanceUid().contains("etc") || e.getStudyInstanceUid().isEmpty()))
                .isEmpty();
    }

    static byte[] image(String study, String sop, int side) {
        short[] pixels = new short[side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) (i % 4000);
        }
        return DicomWriter.grayscale16(study, DicomUid.random(), sop, side, side, pixels).toByteArray();
    }


}
