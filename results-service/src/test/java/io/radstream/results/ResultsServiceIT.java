package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.notRouted;
import static io.radstream.results.TestEvents.score;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.UrgentAlert;
import io.radstream.schemas.events.Urgency;

@QuarkusTest
@QuarkusTestResource(value = RadStreamStackResource.class, restrictToAnnotatedClass = true)
class ResultsServiceIT extends AsReader {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TestHTTPResource("/api/v1/worklist/stream")
    URL worklistStream;

    @Test
    void shouldReportAStudyAndRaiseItsAlertFromRealKafkaRecords() {
        String study = KafkaTestIo.newStudyUid();
        String sop1 = study + ".1";
        String sop2 = study + ".2";
        KafkaTestIo.send(Topics.laneFor(Priority.STAT), study, arrival(study, sop1, Priority.STAT));
        KafkaTestIo.send(Topics.laneFor(Priority.ROUTINE), study, arrival(study, sop2, Priority.ROUTINE));
        KafkaTestIo.send(Topics.FINDINGS, study, completed(study, sop1, "cxr", List.of("cxr"), score("pneumothorax", 0.93, Urgency.STAT)));
        KafkaTestIo.send(Topics.FINDINGS, study, notRouted(study, sop2));

        awaitStatus(study, "FINAL");
        given().get("/api/v1/studies/{uid}", study).then().statusCode(200)
                .body("priority", equalTo("STAT"))
                .body("urgent", is(true))
                .body("images.size()", equalTo(2))
                .body("labels[0].label", equalTo("pneumothorax"))
                .body("labels[0].disagreement", is(false))
                .body("progress.imagesArrived", equalTo(2))
                .body("progress.imagesAnalyzed", equalTo(2))
                .body("progress.models.cxr.completed", equalTo(1))
                .body("notice", equalTo(Alerts.NOTICE));

        String alertId = Alerts.alertId(TestEvents.TENANT, study, "pneumothorax");
        given().get("/api/v1/studies/{uid}/alerts", study).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].alertId", equalTo(alertId))
                .body("[0].urgency", equalTo("STAT"))
                .body("[0].model.id", equalTo("cxr"));
        given().get("/api/v1/alerts").then().statusCode(200).body("alertId", hasItem(alertId));
        assertThat(KafkaTestIo.read(Topics.URGENT_ALERTS, study, 1)).extracting(UrgentAlert::getAlertId).containsExactly(alertId);
    }

    @Test
    void shouldOrderTheWorklistAndPushEveryChangeOverServerSentEvents() throws Exception {
        awaitReady();
        String study = KafkaTestIo.newStudyUid();
        String sop = study + ".1";
        try (SseLines sse = SseLines.open(URI.create(worklistStream + "?modality=CR"), ApiTokens.reader())) {
            sse.await(STARTUP, line -> line.matches("event: ?worklist"));
            KafkaTestIo.send(Topics.IMAGES_STAT, study, arrival(study, sop, Priority.URGENT));
            sse.await(STARTUP, line -> line.contains(study) && line.contains("\"status\":\"RECEIVING\""));
            KafkaTestIo.send(Topics.FINDINGS, study, completed(study, sop, "cxr", List.of("cxr"),
                    score("pneumothorax", 0.91, Urgency.STAT)));
            String change = sse.await(STARTUP, line -> line.contains(study) && line.contains("\"status\":\"PRELIMINARY\""));
            assertThat(change).contains("\"urgency\":\"STAT\"").contains("\"score\":0.91");
        }
        given().get("/api/v1/worklist?priority=STAT&status=PRELIMINARY,FINAL&modality=cr&size=500").then().statusCode(200)
                .body("items.studyInstanceUid", hasItem(study));
        given().get("/api/v1/worklist?modality=MR&size=500").then().statusCode(200)
                .body("items.studyInstanceUid", not(hasItem(study)));
        given().get("/api/v1/worklist?status=DONE").then().statusCode(400);
        given().get("/api/v1/worklist?size=0").then().statusCode(400);
    }

    @Test
    void shouldAnswerJsonErrorsForUnknownStudiesAndBadUids() {
        awaitReady();
        given().get("/api/v1/studies/{uid}", KafkaTestIo.newStudyUid()).then().statusCode(404).body("status", equalTo(404));
        given().get("/api/v1/studies/{uid}", "1.2.abc").then().statusCode(400).body("error", equalTo("Bad Request"));
        given().get("/api/v1/studies/{uid}/alerts", "9".repeat(65)).then().statusCode(400);
        given().get("/api/v1/alerts?limit=0").then().statusCode(400);
    }

    @Test
    void shouldExposeHealthAndPrometheusMetrics() {
        awaitReady();
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("radstream_results_reports"))
                .body(containsString("radstream_results_upload_to_alert_seconds_count{urgency=\"URGENT\"}"))
                .body(containsString("radstream_results_time_to_ack_seconds_count{urgency=\"STAT\"}"))
                .body(containsString("radstream_results_alerts_unacknowledged "))
                .body(containsString("radstream_results_alerts_escalated_total{urgency=\"STAT\"}"))
                .body(containsString("radstream_results_webhook_deliveries_total{outcome=\"failed\"}"))
                .body(containsString("kafka_stream"));
    }

    private static void awaitStatus(String study, String status) {
        Awaitility.await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/api/v1/studies/{uid}", study).then().statusCode(200).body("status", equalTo(status)));
    }

    /** Until the stores are queryable: before that the API answers 503 with Retry-After. */
    private static void awaitReady() {
        Awaitility.await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/api/v1/alerts").then().statusCode(200));
    }
}
