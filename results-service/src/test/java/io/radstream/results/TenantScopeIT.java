package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.net.URL;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.TestTokens;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.Urgency;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Bearer tokens, roles and tenants on every results endpoint, against a real broker: 401 without a
 * valid token, 403 for a wrong role or a token without a tenant, and another tenant's studies,
 * reports and alerts are as unknown (404) — on the REST API, FHIR, the worklist and its live stream.
 */
@QuarkusTest
@QuarkusTestResource(value = RadStreamStackResource.class, restrictToAnnotatedClass = true)
class TenantScopeIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String OTHER = "other-clinic";
    private static final String STUDY_ALERT = "/api/v1/alerts/0f8fad5b-d9cb-469f-a165-70867728950e/ack";
    private static final String[] READS = {"/api/v1/worklist", "/api/v1/studies/1.2.3", "/api/v1/studies/1.2.3/alerts",
        "/api/v1/alerts", "/api/v1/operations", "/fhir/DiagnosticReport/1.2.3", "/fhir/DiagnosticReport?identifier=1.2.3"};

    @TestHTTPResource("/api/v1/worklist/stream")
    URL worklistStream;

    @BeforeAll
    static void noDefaultToken() {
        ApiTokens.noDefault(); // every request here names its own Authorization
    }

    @Test
    void shouldAnswer401WithoutATokenOrWithABadOne() throws Exception {
        var otherKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String[] bad = {
            null,
            "Bearer not-a-token",
            TestTokens.bearer(TestTokens.claims("reader", "acme").sign(otherKey)),
            TestTokens.bearer(TestTokens.claims("reader", "acme").expiresAt(Instant.now().minusSeconds(3600))
                    .sign(TestTokens.devKey())),
            TestTokens.bearer(TestTokens.claims("reader", "acme").issuer("someone-else").sign(TestTokens.devKey())),
            "Basic cmVhZGVyOnNlY3JldA=="};
        for (String authorization : bad) {
            for (String path : READS) {
                as(authorization).get(path).then().statusCode(401);
            }
            as(authorization).accept("text/event-stream").get("/api/v1/worklist/stream").then().statusCode(401);
            as(authorization).contentType(ContentType.JSON).body("{}").post(STUDY_ALERT).then().statusCode(401);
        }
    }

    @Test
    void shouldAnswer403ToAnUploaderAndToATokenWithoutAUsableTenant() {
        String uploader = ApiTokens.bearer("uploader", TestEvents.TENANT);
        for (String path : READS) {
            as(uploader).get(path).then().statusCode(403);
        }
        as(uploader).accept("text/event-stream").get("/api/v1/worklist/stream").then().statusCode(403);
        as(uploader).contentType(ContentType.JSON).body("{}").post(STUDY_ALERT).then().statusCode(403);
        for (String tenant : new String[] {null, "../etc", "Acme", "a/b", ""}) {
            String reader = TestTokens.bearer(TestTokens.token("reader", tenant));
            as(reader).get("/api/v1/worklist").then().statusCode(403).body("status", equalTo(403));
            as(reader).get("/api/v1/studies/1.2.3").then().statusCode(403);
            as(reader).get("/fhir/DiagnosticReport/1.2.3").then().statusCode(403)
                    .body("resourceType", equalTo("OperationOutcome"));
            as(reader).accept("text/event-stream").get("/api/v1/worklist/stream").then().statusCode(403);
            as(reader).contentType(ContentType.JSON).body("{}").post(STUDY_ALERT).then().statusCode(403);
        }
    }

    @Test
    void shouldLeaveHealthMetricsAndTheOperationsPageOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/").then().statusCode(200).body(org.hamcrest.Matchers.containsString("RadStream operations"));
        given().get("/ops.js").then().statusCode(200);
    }

    @Test
    void shouldShowATenantOnlyItsOwnStudiesReportsAndAlerts() {
        String mine = KafkaTestIo.newStudyUid();
        String theirs = KafkaTestIo.newStudyUid();
        raiseAlert(mine, TestEvents.TENANT);
        raiseAlert(theirs, OTHER);
        String reader = ApiTokens.reader();
        String otherReader = ApiTokens.bearer("admin", OTHER);
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            as(reader).get("/api/v1/studies/{uid}/alerts", mine).then().statusCode(200).body("size()", equalTo(1));
            as(otherReader).get("/api/v1/studies/{uid}/alerts", theirs).then().statusCode(200).body("size()", equalTo(1));
        });

        as(reader).get("/api/v1/studies/{uid}", mine).then().statusCode(200).body("tenant", equalTo(TestEvents.TENANT));
        as(reader).get("/api/v1/studies/{uid}", theirs).then().statusCode(404).body("status", equalTo(404));
        as(otherReader).get("/api/v1/studies/{uid}", mine).then().statusCode(404);
        as(reader).get("/api/v1/studies/{uid}/alerts", theirs).then().statusCode(200).body("size()", equalTo(0));
        as(reader).get("/fhir/DiagnosticReport/{id}", theirs).then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
        as(reader).get("/fhir/DiagnosticReport?identifier={id}", theirs).then().statusCode(200).body("total", equalTo(0));
        as(reader).get("/fhir/DiagnosticReport?identifier={id}", mine).then().statusCode(200).body("total", equalTo(1));
        as(reader).get("/api/v1/worklist?size=500").then().statusCode(200)
                .body("items.studyInstanceUid", hasItem(mine))
                .body("items.studyInstanceUid", not(hasItem(theirs)))
                .body("items.tenant", not(hasItem(OTHER)));
        as(reader).get("/api/v1/alerts?limit=1000").then().statusCode(200)
                .body("studyInstanceUid", hasItem(mine))
                .body("tenant", not(hasItem(OTHER)));
        as(otherReader).get("/api/v1/alerts?limit=1000").then().statusCode(200)
                .body("studyInstanceUid", hasItem(theirs))
                .body("tenant", not(hasItem(TestEvents.TENANT)));
    }

    @Test
    void shouldStreamOnlyTheCallersTenant() throws Exception {
        String mine = KafkaTestIo.newStudyUid();
        String theirs = KafkaTestIo.newStudyUid();
        Awaitility.await().atMost(PATIENCE).untilAsserted(() ->
                as(ApiTokens.reader()).get("/api/v1/worklist").then().statusCode(200));
        URI stream = URI.create(worklistStream.toString());
        try (SseLines sse = SseLines.open(stream, ApiTokens.reader());
             SseLines other = SseLines.open(stream, ApiTokens.bearer("reader", OTHER))) {
            sse.await(PATIENCE, line -> line.matches("event: ?worklist"));
            other.await(PATIENCE, line -> line.matches("event: ?worklist"));
            KafkaTestIo.send(Topics.IMAGES_STAT, theirs, arrival(theirs, theirs + ".1", Priority.STAT, OTHER));
            other.await(PATIENCE, line -> line.contains(theirs));
            // one feed serves both streams in order: the other tenant's change went past this stream first
            KafkaTestIo.send(Topics.IMAGES_STAT, mine, arrival(mine, mine + ".1", Priority.STAT, TestEvents.TENANT));
            sse.await(PATIENCE, line -> line.contains(mine));
            assertThat(sse.lines()).noneMatch(line -> line.contains(theirs) || line.contains(OTHER));
            assertThat(other.lines()).noneMatch(line -> line.contains(mine));
        }
    }

    @Test
    void shouldAnswer404ToAnAcknowledgementOfAnotherTenantsAlertAndRecordTheTokensPrincipal() {
        String theirs = KafkaTestIo.newStudyUid();
        String mine = KafkaTestIo.newStudyUid();
        String theirAlert = raiseAlert(theirs, OTHER);
        String myAlert = raiseAlert(mine, TestEvents.TENANT);
        String otherReader = ApiTokens.bearer("reader", OTHER);
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            as(otherReader).get("/api/v1/studies/{uid}/alerts", theirs).then().statusCode(200).body("size()", equalTo(1));
            as(ApiTokens.reader()).get("/api/v1/studies/{uid}/alerts", mine).then().statusCode(200).body("size()", equalTo(1));
        });

        as(ApiTokens.reader()).contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/{id}/ack", theirAlert)
                .then().statusCode(404);
        String radiologist = TestTokens.bearer(TestTokens.token("reader", TestEvents.TENANT, "dr.tenant-a"));
        as(radiologist).contentType(ContentType.JSON).body("{\"note\":\"seen\"}").post("/api/v1/alerts/{id}/ack", myAlert)
                .then().statusCode(202).body("acknowledgedBy", equalTo("dr.tenant-a"));

        assertThat(KafkaTestIo.read(Topics.ALERT_ACKS, mine, 1)).singleElement().satisfies(ack -> {
            assertThat(ack.getAcknowledgedBy()).isEqualTo("dr.tenant-a");
            assertThat(ack.getTenant()).isEqualTo(TestEvents.TENANT);
        });
        as(otherReader).get("/api/v1/studies/{uid}/alerts", theirs).then().statusCode(200)
                .body("[0].acknowledged", equalTo(false));
    }

    /** Sends an arrival and a positive STAT finding of {@code tenant}; returns the alert id it raises. */
    private static String raiseAlert(String study, String tenant) {
        String sop = study + ".1";
        KafkaTestIo.send(Topics.IMAGES_STAT, study, arrival(study, sop, Priority.STAT, tenant));
        Finding finding = completed(study, sop, "cxr", List.of("cxr"), score("pneumothorax", 0.93, Urgency.STAT));
        KafkaTestIo.send(Topics.FINDINGS, study, Finding.newBuilder(finding).setTenant(tenant).build());
        return Alerts.alertId(tenant, study, "pneumothorax");
    }

    private static ImageArrived arrival(String study, String sop, Priority priority, String tenant) {
        return ImageArrived.newBuilder(TestEvents.arrival(study, sop, priority)).setTenant(tenant).build();
    }

    /** A request with exactly this Authorization header (none when null). */
    private static RequestSpecification as(String authorization) {
        RequestSpecification request = given();
        return authorization == null ? request : request.header("Authorization", authorization);
    }
}
