package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.Urgency;

/** The FHIR R4 read and search endpoints on a running service fed through a real broker. */
@QuarkusTest
@QuarkusTestResource(value = RadStreamStackResource.class, restrictToAnnotatedClass = true)
class FhirApiIT extends AsReader {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void shouldReadAndSearchTheStudyAsAFhirDiagnosticReport() {
        String study = KafkaTestIo.newStudyUid();
        String sop = study + ".1";
        KafkaTestIo.send(Topics.IMAGES_STAT, study, arrival(study, sop, Priority.STAT));
        KafkaTestIo.send(Topics.FINDINGS, study, completed(study, sop, "cxr", List.of("cxr"),
                score("pneumothorax", 0.93, Urgency.STAT)));
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/fhir/DiagnosticReport/{id}", study).then().statusCode(200)
                        .contentType(startsWith("application/fhir+json"))
                        .body("resourceType", equalTo("DiagnosticReport"))
                        .body("status", equalTo("final")));

        given().get("/fhir/DiagnosticReport/{id}", study).then()
                .body("identifier[0].value", equalTo("urn:oid:" + study))
                .body("subject.identifier.system", equalTo("urn:radstream:patient-pseudonym"))
                .body("result", hasSize(1))
                .body("imagingStudy[0].reference", equalTo("#imaging-study"))
                .body("conclusionCode[0].text", equalTo("PNEUMOTHORAX"))
                .body("contained.find { it.resourceType == 'Device' }.deviceName[0].name", equalTo("cxr"));
        given().get("/fhir/DiagnosticReport?identifier={id}", study).then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("total", equalTo(1))
                .body("entry[0].resource.id", equalTo(study));
        given().get("/fhir/DiagnosticReport?identifier=urn:dicom:uid|urn:oid:{id}", study).then().body("total", equalTo(1));
        given().get("/fhir/DiagnosticReport?identifier={id}", KafkaTestIo.newStudyUid()).then().body("total", equalTo(0));
    }

    @Test
    void shouldAnswerOperationOutcomesForUnknownAndInvalidIds() {
        Awaitility.await().atMost(PATIENCE).untilAsserted(() ->
                given().get("/fhir/DiagnosticReport/{id}", KafkaTestIo.newStudyUid()).then().statusCode(404)
                        .body("resourceType", equalTo("OperationOutcome"))
                        .body("issue[0].code", equalTo("not-found")));
        given().get("/fhir/DiagnosticReport/{id}", "1.2.x").then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        given().get("/fhir/DiagnosticReport").then().statusCode(400).body("issue[0].code", equalTo("required"));
    }
}
