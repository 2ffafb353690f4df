package io.radstream.ingest.upload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.localstack.TestTokens;
import io.radstream.ingest.WithLanes;
import io.radstream.localstack.TopicReader;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.SampleFiles;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.ImageFormat;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@QuarkusTestResource(RadStreamStackResource.class)
class UploadIT extends WithLanes {

    @Test
    void shouldStoreAPngAndPublishItOnTheStatLane() throws IOException {
        String study = DicomUid.random();
        given().multiPart("file", "cxr.png", png(64, 48), "image/png")
                .multiPart("metadata", metadata("CR", "STAT", study), "application/json")
                .post("/api/v1/uploads")
                .then().statusCode(202).body("outcome", equalTo("STORED")).body("studyInstanceUid", equalTo(study))
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/uploads/studies/" + study))
                .body("statusUrl", org.hamcrest.Matchers.endsWith("/api/v1/uploads/studies/" + study));

        TopicReader.Received<ImageArrived> received = lanes.await(e -> e.getStudyInstanceUid().equals(study));
        ImageArrived event = received.value();
        assertThat(received.topic()).isEqualTo(Topics.IMAGES_STAT.name());
        assertThat(event.getFormat()).isEqualTo(ImageFormat.PNG);
        assertThat(event.getColumns()).isEqualTo(64);
        assertThat(event.getRows()).isEqualTo(48);
        assertThat(event.getBodyPart()).isEqualTo("CHEST");
        assertThat(event.toString()).doesNotContain("PATIENT-42");
    }

    @Test
    void shouldServeTheStatusUrlToTheUploadersTenantOnly() throws IOException {
        String study = DicomUid.random();
        String statusUrl = given().multiPart("file", "cxr.png", png(20, 20), "image/png")
                .multiPart("metadata", metadata("CR", "ROUTINE", study), "application/json")
                .post("/api/v1/uploads").then().statusCode(202).extract().path("statusUrl");

        given().get(statusUrl).then().statusCode(200).body("studyInstanceUid", equalTo(study)).body("instances", equalTo(1))
                .body("objects[0].sizeBytes", org.hamcrest.Matchers.greaterThan(0));
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader", TENANT))).get(statusUrl)
                .then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader", "another-clinic"))).get(statusUrl)
                .then().statusCode(404);
        given().get("/api/v1/uploads/studies/1.2.x").then().statusCode(400);
        given().get("/api/v1/uploads/studies/" + DicomUid.random()).then().statusCode(404);
    }

    @Test
    void shouldAnswerADuplicateUploadWith202AndPublishOnce() throws IOException {
        String study = DicomUid.random();
        byte[] image = png(32, 32);
        upload(image, metadata("DX", "ROUTINE", study)).then().statusCode(202).body("outcome", equalTo("STORED"));
        upload(image, metadata("DX", "ROUTINE", study)).then().statusCode(202).body("outcome", equalTo("DUPLICATE"));
        publishMarkerAndWait();
        assertThat(lanes.matching(e -> e.getStudyInstanceUid().equals(study))).hasSize(1);
    }

    @Test
    void shouldAcceptADicomUploadAndTakeIdentifiersFromTheHeader() throws IOException {
        byte[] dicom = Files.readAllBytes(SampleFiles.dicomSample("MR_small_bigendian.dcm"));
        given().multiPart("file", "mr.dcm", dicom, "application/dicom")
                .multiPart("metadata", "{\"priority\":\"URGENT\"}", "application/json")
                .post("/api/v1/uploads").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(202), equalTo(409)));
    }

    @Test
    void shouldRefuseBadInputWith4xxAndPublishNothing() throws IOException {
        String study = DicomUid.random();
        byte[] truncatedPng = Arrays.copyOf(png(128, 128), 200);
        byte[] truncatedDicom = Files.readAllBytes(SampleFiles.dicomSample("MR_truncated.dcm"));

        upload("this is not an image".getBytes(), metadata("CR", "STAT", study)).then().statusCode(415)
                .body("error", containsString("PNG, JPEG or DICOM"));
        upload(truncatedPng, metadata("CR", "STAT", study)).then().statusCode(400).body("error", containsString("decoded"));
        upload(truncatedDicom, metadata("MR", "STAT", study)).then().statusCode(400);
        upload(png(8, 8), "{not json").then().statusCode(400).body("error", containsString("metadata"));
        upload(png(8, 8), "{\"modality\":\"CR\",\"studyInstanceUid\":\"" + study + "\"}").then().statusCode(400)
                .body("error", containsString("patientRef"));
        upload(png(8, 8), metadata("CR", "STAT", "../../etc/passwd")).then().statusCode(400);
        upload(new byte[0], metadata("CR", "STAT", study)).then().statusCode(400);
        given().multiPart("metadata", metadata("CR", "STAT", study), "application/json").post("/api/v1/uploads")
                .then().statusCode(400).body("error", containsString("file"));
        given().multiPart("file", "x.png", png(8, 8), "image/png").post("/api/v1/uploads").then().statusCode(400);
        given().contentType("application/json").body("{}").post("/api/v1/uploads").then().statusCode(415);

        publishMarkerAndWait();
        assertThat(lanes.matching(e -> e.getStudyInstanceUid().equals(study))).isEmpty();
    }

    private void publishMarkerAndWait() throws IOException {
        String marker = DicomUid.random();
        upload(png(16, 16), metadata("CR", "ROUTINE", marker)).then().statusCode(202);
        lanes.await(e -> e.getStudyInstanceUid().equals(marker));
    }

    private static io.restassured.response.Response upload(byte[] file, String metadata) {
        RequestSpecification request = given().multiPart("file", "upload.bin", file, "application/octet-stream");
        return request.multiPart("metadata", metadata, "application/json").post("/api/v1/uploads");
    }

    static String metadata(String modality, String priority, String study) {
        return "{\"modality\":\"" + modality + "\",\"bodyPart\":\"chest\",\"priority\":\"" + priority
                + "\",\"patientRef\":\"PATIENT-42\",\"studyInstanceUid\":\"" + study + "\"}";
    }

    static byte[] png(int width, int height) throws IOException {
        return io.radstream.ingest.StowBodies.png(width, height);
    }
}
