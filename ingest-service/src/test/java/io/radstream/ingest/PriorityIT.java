package io.radstream.ingest;

import static io.radstream.ingest.StowBodies.STOW_TYPE;
import static io.radstream.ingest.StowBodies.multipart;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.dicom.DicomWriter;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.TopicReader;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.Priority;

/** Each source of the reading priority puts the image on the lane it names (request, DICOM order, routing rule). */
@QuarkusTest
@QuarkusTestResource(RadStreamStackResource.class)
class PriorityIT extends WithLanes {

    @Test
    void shouldRouteByRequestThenDicomThenRules() {
        String byHeader = stow(ct("HEAD", "STAT", "Emergency"), "RadStream-Priority", "ROUTINE");
        String byDicom = stow(ct("KNEE", "HIGH", null), null, null);
        String byRule = stow(ct("HEAD", null, "Emergency Department"), null, null);
        String byFallback = stow(ct("HEAD", null, "Outpatient clinic"), null, null);

        assertLane(byHeader, Priority.ROUTINE, Topics.IMAGES_ROUTINE.name());
        assertLane(byDicom, Priority.URGENT, Topics.IMAGES_STAT.name());
        assertLane(byRule, Priority.STAT, Topics.IMAGES_STAT.name());
        assertLane(byFallback, Priority.ROUTINE, Topics.IMAGES_ROUTINE.name());
    }

    @Test
    void shouldRouteByTheRequestedProcedurePriorityInsideRequestAttributesItems() {
        // a knee from an outpatient clinic: no rule makes it STAT, only its order does (0040,0275 > 0040,1003)
        byte[] instance = DicomWriter.grayscale16(DicomUid.random(), DicomUid.random(), DicomUid.random(), 4, 4,
                        new short[16]).string(0x00080060, "CS", "CT").string(0x00180015, "CS", "KNEE")
                .sequence(0x00400275, DicomWriter.create().string(0x00401001, "SH", "RP1").string(0x00401003, "SH", "ROUTINE"),
                        DicomWriter.create().string(0x00401001, "SH", "RP2").string(0x00401003, "SH", "STAT"))
                .toByteArray();

        assertLane(stow(instance, null, null), Priority.STAT, Topics.IMAGES_STAT.name());
    }

    @Test
    void shouldRouteAnUploadByItsMetadataDepartmentAndRefuseAnUnknownPriority() {
        String study = DicomUid.random();
        given().header("RadStream-Priority", "STAT").multiPart("file", "ct.dcm", ct("CHEST", null, null), "application/dicom")
                .multiPart("metadata", "{\"studyInstanceUid\":\"" + study + "\"}", "application/json")
                .post("/api/v1/uploads").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        given().header("RadStream-Priority", "SOON").multiPart("file", "ct.dcm", ct("CHEST", null, null), "application/dicom")
                .multiPart("metadata", "{}", "application/json").post("/api/v1/uploads").then().statusCode(400);
        given().contentType(STOW_TYPE).header("RadStream-Priority", "SOON").body(multipart(ct("HEAD", null, null)))
                .post("/dicomweb/studies").then().statusCode(400);
    }

    private static void assertLane(String sop, Priority priority, String topic) {
        TopicReader.Received<ImageArrived> received = lanes.await(e -> e.getSopInstanceUid().equals(sop));
        assertThat(received.value().getPriority()).as(sop).isEqualTo(priority);
        assertThat(received.topic()).isEqualTo(topic);
    }

    private static String stow(byte[] instance, String header, String value) {
        var request = given().contentType(STOW_TYPE).body(multipart(instance));
        if (header != null) {
            request = request.header(header, value);
        }
        return request.post("/dicomweb/studies").then().statusCode(200).extract()
                .path("'00081199'.Value[0].'00081155'.Value[0]");
    }

    static byte[] ct(String bodyPart, String requestedPriority, String department) {
        DicomWriter writer = DicomWriter.grayscale16(DicomUid.random(), DicomUid.random(), DicomUid.random(), 4, 4,
                new short[16]).string(0x00080060, "CS", "CT").string(0x00180015, "CS", bodyPart);
        if (requestedPriority != null) {
            writer.string(0x00401003, "SH", requestedPriority);
        }
        if (department != null) {
            writer.string(0x00081040, "LO", department);
        }
        return writer.toByteArray();
    }
}
