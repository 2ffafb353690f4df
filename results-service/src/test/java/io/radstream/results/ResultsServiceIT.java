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

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.UrgentAlert;
import io.radstream.schemas.events.Urgency;

@QuarkusTest
@QuarkusTestResource(value = RadStreamStackResource.class, restrictToAnnotatedClass = true)
class ResultsServiceIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @Test
    void shouldReportAStudyAndRaiseItsAlertFromRealKafkaRecords() {
        String study = newStudyUid();
        String sop1 = study + ".1";
        String sop2 = study + ".2";
        send(Topics.laneFor(Priority.STAT), study, arrival(study, sop1, Priority.STAT));
        send(Topics.laneFor(Priority.ROUTINE), study, arrival(study, sop2, Priority.ROUTINE));
        send(Topics.FINDINGS, study, completed(study, sop1, "cxr", List.of("cxr"), score("pneumothorax", 0.93, Urgency.STAT)));
        send(Topics.FINDINGS, study, notRouted(study, sop2));

        awaitStatus(study, "FINAL");
        given().get("/api/v1/studies/{uid}", study).then().statusCode(200)
                .body("priority", equalTo("STAT"))
                .body("urgent", is(true))
                .body("images.size()", equalTo(2))
                .body("labels[0].label", equalTo("pneumothorax"))
                .body("notice", equalTo(Alerts.NOTICE));

        String alertId = Alerts.alertId(TestEvents.TENANT, study, "pneumothorax");
        given().get("/api/v1/studies/{uid}/alerts", study).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].alertId", equalTo(alertId))
                .body("[0].urgency", equalTo("STAT"))
                .body("[0].model.id", equalTo("cxr"));
        given().get("/api/v1/alerts").then().statusCode(200).body("alertId", hasItem(alertId));
        assertThat(alertsOnTopic(study)).extracting(UrgentAlert::getAlertId).containsExactly(alertId);
    }

    @Test
    void shouldAnswerJsonErrorsForUnknownStudiesAndBadUids() {
        awaitReady();
        given().get("/api/v1/studies/{uid}", newStudyUid()).then().statusCode(404).body("status", equalTo(404));
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

    private static String newStudyUid() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, bytes.array());
    }

    private static <V extends SpecificRecordBase> void send(Topic<V> topic, String key, V value) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RadStreamStackResource.stack().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, V> producer =
                     new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value));
        }
    }

    private static List<UrgentAlert> alertsOnTopic(String study) {
        Topic<UrgentAlert> topic = Topics.URGENT_ALERTS;
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RadStreamStackResource.stack().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "results-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<UrgentAlert> alerts = new ArrayList<>();
        try (KafkaConsumer<String, UrgentAlert> consumer =
                     new KafkaConsumer<>(config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, UrgentAlert> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(study)) {
                        alerts.add(record.value());
                    }
                }
                return !alerts.isEmpty();
            });
        }
        return alerts;
    }
}
