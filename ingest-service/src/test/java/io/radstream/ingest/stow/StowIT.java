package io.radstream.ingest.stow;

import static io.radstream.ingest.StowBodies.STOW_TYPE;
import static io.radstream.ingest.StowBodies.multipart;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.dicom.DicomWriter;
import io.radstream.ingest.StowBodies;
import io.radstream.ingest.WithLanes;
import io.radstream.localstack.TopicReader;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.SampleFiles;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.ImageArrived;

@QuarkusTest
@QuarkusTestResource(RadStreamStackResource.class)
class StowIT extends WithLanes {

    static final String CT_STUDY = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";

    @Test
    void shouldStoreARealCtInstanceAndPublishItsArrivalWithoutPhi() throws IOException {
        byte[] ct = Files.readAllBytes(SampleFiles.dicomSample("CT_small.dcm"));

        given().contentType(STOW_TYPE).body(multipart(ct)).queryParam("priority", "STAT")
                .when().post("/dicomweb/studies")
                .then().statusCode(200).contentType("application/dicom+json")
                .body("$", hasKey("00081199")).body("$", not(hasKey("00081198")));

        TopicReader.Received<ImageArrived> received = lanes.await(e -> e.getStudyInstanceUid().equals(CT_STUDY)
                && e.getTenant().equals("default")); // OrthancInteropIT sends the same CT under its own tenant
        ImageArrived event = received.value();
        assertThat(received.topic()).isEqualTo(Topics.IMAGES_STAT.name());
        assertThat(received.key()).isEqualTo(CT_STUDY);
        assertThat(event.getModality()).isEqualTo("CT");
        assertThat(event.getObject().getKey()).startsWith("default/" + CT_STUDY + "/").endsWith(".dcm");
        assertThat(event.getPatientKey()).hasSize(64);
        assertThat(event.toString()).doesNotContain("CompressedSamples").doesNotContain("1CT1");
        assertThat(RadStreamStackResource.stack().s3().endpoint()).isNotBlank();
    }

    @Test
    void shouldNotPublishASecondEventWhenTheSameInstanceIsResent() throws IOException {
        byte[] mr = Files.readAllBytes(SampleFiles.dicomSample("MR_small.dcm"));
        given().contentType(STOW_TYPE).body(multipart(mr)).post("/dicomweb/studies").then().statusCode(200);
        ImageArrived first = lanes.await(e -> e.getModality().equals("MR")).value();

        given().contentType(STOW_TYPE).body(multipart(mr)).post("/dicomweb/studies").then().statusCode(200);
        byte[] marker = Files.readAllBytes(SampleFiles.dicomSample("MR_small_implicit.dcm"));
        // same SOP Instance UID, different bytes: a conflict, nothing published
        given().contentType(STOW_TYPE).body(multipart(marker)).post("/dicomweb/studies").then().statusCode(409);
        byte[] ct = Files.readAllBytes(SampleFiles.dicomSample("CT_small.dcm"));
        given().contentType(STOW_TYPE).body(multipart(ct)).post("/dicomweb/studies").then().statusCode(200);
        lanes.await(e -> e.getModality().equals("CT"));

        assertThat(lanes.matching(e -> e.getSopInstanceUid().equals(first.getSopInstanceUid()))).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldAnswerEveryPartOfASeriesInOrderAndAnnounceAnInstanceRepeatedInTheSameRequestOnce() {
        String study = DicomUid.random();
        String series = DicomUid.random();
        List<String> sops = Stream.generate(DicomUid::random).limit(6).toList();
        List<byte[]> parts = new ArrayList<>(sops.stream().map(sop -> ctSlice(study, series, sop, 1)).toList());
        parts.add(parts.get(5)); // right after it, the same object again: already stored, answered as stored, not announced twice
        parts.add(ctSlice(study, series, sops.get(5), 2)); // other pixels under a stored SOP Instance UID: conflict

        Map<String, Object> response = given().contentType(STOW_TYPE).body(multipart(parts.toArray(byte[][]::new)))
                .post("/dicomweb/studies").then().statusCode(202).extract().as(Map.class);

        List<String> expectedStored = new ArrayList<>(sops);
        expectedStored.add(sops.get(5));
        assertThat(sopsIn(response, "00081199")).containsExactlyElementsOf(expectedStored);
        assertThat(sopsIn(response, "00081198")).containsExactly(sops.get(5));
        String marker = DicomUid.random(); // same study, so the same partition: read after any second event
        given().contentType(STOW_TYPE).body(multipart(ctSlice(study, series, marker, 1))).post("/dicomweb/studies")
                .then().statusCode(200);
        lanes.await(e -> e.getSopInstanceUid().equals(marker));
        assertThat(lanes.matching(e -> e.getStudyInstanceUid().equals(study)).stream()
                .map(received -> received.value().getSopInstanceUid()))
                .containsExactlyInAnyOrderElementsOf(Stream.concat(sops.stream(), Stream.of(marker)).toList());
    }

    @Test
    void shouldRefuseATruncatedInstanceWith409AndCannotUnderstand() throws IOException {
        byte[] truncated = Files.readAllBytes(SampleFiles.dicomSample("MR_truncated.dcm"));
        given().contentType(STOW_TYPE).body(multipart(truncated)).post("/dicomweb/studies")
                .then().statusCode(409).body("'00081198'.Value[0].'00081197'.Value[0]", org.hamcrest.Matchers.greaterThanOrEqualTo(0xC000));
    }

    @Test
    void shouldRefuseRandomBytesAsCannotUnderstand() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        given().contentType(STOW_TYPE).body(multipart(garbage)).post("/dicomweb/studies")
                .then().statusCode(409).body("'00081198'.Value[0].'00081197'.Value[0]", org.hamcrest.Matchers.is(0xC000));
    }

    @Test
    void shouldRejectAnInstanceOfAnotherStudyThanThePath() throws IOException {
        byte[] ct = Files.readAllBytes(SampleFiles.dicomSample("CT_small.dcm"));
        given().contentType(STOW_TYPE).body(multipart(ct)).post("/dicomweb/studies/1.2.3.4")
                .then().statusCode(409).body("'00081198'.Value[0].'00081197'.Value[0]", org.hamcrest.Matchers.is(0xA900));
    }

    @Test
    void shouldRefuseWrongContentTypeWith415() {
        given().contentType("application/json").body("{}").post("/dicomweb/studies").then().statusCode(415);
    }

    @Test
    void shouldRefuseMissingBoundaryWith400() {
        given().contentType("multipart/related; type=\"application/dicom\"").body("x".getBytes()).post("/dicomweb/studies")
                .then().statusCode(400);
    }

    @Test
    void shouldRefuseABodyWithoutTheDeclaredBoundaryWith400() {
        given().contentType(STOW_TYPE).body("no parts here".getBytes()).post("/dicomweb/studies").then().statusCode(400);
    }

    @Test
    void shouldRefuseAnInvalidStudyUidInThePathWith400() {
        given().contentType(STOW_TYPE).body(multipart(new byte[10])).post("/dicomweb/studies/1.2.abc").then().statusCode(400);
    }

    private static byte[] ctSlice(String study, String series, String sop, int seed) {
        short[] pixels = new short[64 * 64];
        Arrays.fill(pixels, (short) seed);
        return DicomWriter.grayscale16(study, series, sop, 64, 64, pixels).string(0x00080060, "CS", "CT").toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static List<String> sopsIn(Map<String, Object> response, String sequenceTag) {
        Map<String, Object> sequence = (Map<String, Object>) response.get(sequenceTag);
        return ((List<Map<String, Map<String, List<String>>>>) sequence.get("Value")).stream()
                .map(item -> item.get("00081155").get("Value").get(0)).toList();
    }
}
