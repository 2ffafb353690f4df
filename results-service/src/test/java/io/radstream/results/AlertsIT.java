package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.results.webhook.WebhookReceiver;
import io.radstream.results.webhook.WebhookReceiverResource;
import io.radstream.results.webhook.WebhookSigner;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.AlertAcknowledged;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.Urgency;
import io.restassured.http.ContentType;

/** Acknowledgement API and webhook delivery against a real broker and a real local HTTP receiver. */
@QuarkusTest
@QuarkusTestResource(value = RadStreamStackResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = WebhookReceiverResource.class, restrictToAnnotatedClass = true)
class AlertsIT extends AsReader {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @WebhookReceiverResource.Receiver
    WebhookReceiver receiver;

    @Test
    void shouldPublishTheFirstAcknowledgementAsTheTokensPrincipalAndShowItOnTheAlert() {
        String study = KafkaTestIo.newStudyUid();
        String alertId = raiseAlert(study);

        given().header("Authorization", as("dr.first")).contentType(ContentType.JSON)
                .body("{\"note\":\"called the ward\"}")
                .post("/api/v1/alerts/{id}/ack", alertId).then().statusCode(202)
                .body("acknowledgedBy", equalTo("dr.first"))
                .body("alreadyAcknowledged", is(false));

        List<AlertAcknowledged> acks = KafkaTestIo.read(Topics.ALERT_ACKS, study, 1);
        assertThat(acks).singleElement().satisfies(ack -> {
            assertThat(ack.getAlertId()).isEqualTo(alertId);
            assertThat(ack.getAcknowledgedBy()).isEqualTo("dr.first");
            assertThat(ack.getNote()).isEqualTo("called the ward");
        });
        Awaitility.await().atMost(PATIENCE).untilAsserted(() ->
                given().get("/api/v1/studies/{uid}/alerts", study).then().statusCode(200)
                        .body("[0].acknowledged", is(true))
                        .body("[0].acknowledgedBy", equalTo("dr.first")));

        given().header("Authorization", as("dr.second")).contentType(ContentType.JSON).body("{\"by\":\"dr.second\"}")
                .post("/api/v1/alerts/{id}/ack", alertId).then().statusCode(200)
                .body("acknowledgedBy", equalTo("dr.first"))
                .body("alreadyAcknowledged", is(true));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("radstream_results_time_to_ack_seconds_count{urgency=\"STAT\"} 1.0"))
                .body(containsString("radstream_results_alerts_unacknowledged"));
    }

    @Test
    void shouldRefuseAcknowledgementsOfUnknownAlertsMalformedOnesAndOnSomeoneElsesBehalf() {
        String unknown = Alerts.alertId(TestEvents.TENANT, KafkaTestIo.newStudyUid(), "pneumothorax");
        Awaitility.await().atMost(PATIENCE).untilAsserted(() ->
                given().contentType(ContentType.JSON).post("/api/v1/alerts/{id}/ack", unknown).then().statusCode(404));
        given().contentType(ContentType.JSON).body("{\"by\":\" \"}")
                .post("/api/v1/alerts/{id}/ack", unknown).then().statusCode(400).body("status", equalTo(400));
        given().contentType(ContentType.JSON).body("{\"by\":\"" + "d".repeat(129) + "\"}")
                .post("/api/v1/alerts/{id}/ack", unknown).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"by\":\"dr\\u0007x\"}")
                .post("/api/v1/alerts/{id}/ack", unknown).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"note\":\"" + "x".repeat(1001) + "\"}")
                .post("/api/v1/alerts/{id}/ack", unknown).then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"by\":")
                .post("/api/v1/alerts/{id}/ack", unknown).then().statusCode(400);
        given().contentType(ContentType.JSON).post("/api/v1/alerts/{id}/ack", "not-an-id").then().statusCode(400);

        String study = KafkaTestIo.newStudyUid();
        String alertId = raiseAlert(study);
        given().header("Authorization", as("dr.x")).contentType(ContentType.JSON).body("{\"by\":\"dr.y\"}")
                .post("/api/v1/alerts/{id}/ack", alertId).then().statusCode(403).body("status", equalTo(403));
        given().get("/api/v1/studies/{uid}/alerts", study).then().statusCode(200).body("[0].acknowledged", is(false));
    }

    /** The Authorization header of a reader of the test tenant whose token names {@code principal}. */
    private static String as(String principal) {
        return io.radstream.localstack.TestTokens.bearer(
                io.radstream.localstack.TestTokens.token("reader", TestEvents.TENANT, principal));
    }

    @Test
    void shouldDeliverSignedAlertsAndTheirEscalationsToTheWebhookWithRetries() throws Exception {
        String study = KafkaTestIo.newStudyUid();
        String alertId = raiseAlert(study);

        JsonNode alert = awaitAcceptedDelivery(alertId);
        assertThat(alert.path("event").asText()).isEqualTo("UrgentAlert");
        assertThat(alert.path("notice").asText()).isEqualTo(Alerts.NOTICE);
        assertThat(alert.path("alert").path("studyInstanceUid").asText()).isEqualTo(study);
        assertThat(alert.path("alert").path("urgency").asText()).isEqualTo("STAT");

        JsonNode escalation = awaitAcceptedDelivery(Alerts.escalationId(alertId, 1));
        assertThat(escalation.path("event").asText()).isEqualTo("AlertEscalated");
        assertThat(escalation.path("escalation").path("alertId").asText()).isEqualTo(alertId);
        assertThat(escalation.path("escalation").path("level").asInt()).isEqualTo(1);
    }

    /** Waits until the receiver accepted a delivery after a refused first attempt; checks its signature. */
    private JsonNode awaitAcceptedDelivery(String deliveryId) throws Exception {
        Awaitility.await().atMost(PATIENCE).until(() ->
                receiver.requestsFor(deliveryId).stream().anyMatch(r -> r.answered() == 204));
        List<WebhookReceiver.Received> attempts = receiver.requestsFor(deliveryId);
        assertThat(attempts.get(0).answered()).isEqualTo(503);
        WebhookReceiver.Received accepted = attempts.get(attempts.size() - 1);
        assertThat(accepted.signature()).isEqualTo(new WebhookSigner(WebhookReceiverResource.SECRET)
                .signature(Long.parseLong(accepted.timestamp()), accepted.body()));
        return new ObjectMapper().readTree(accepted.body());
    }

    private static String raiseAlert(String study) {
        String sop = study + ".1";
        KafkaTestIo.send(Topics.IMAGES_STAT, study, arrival(study, sop, Priority.STAT));
        KafkaTestIo.send(Topics.FINDINGS, study, completed(study, sop, "cxr", List.of("cxr"),
                score("pneumothorax", 0.93, Urgency.STAT)));
        String alertId = Alerts.alertId(TestEvents.TENANT, study, "pneumothorax");
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/api/v1/studies/{uid}/alerts", study).then().statusCode(200)
                        .body("[0].alertId", equalTo(alertId)));
        return alertId;
    }
}
