package io.radstream.results;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Priority;
import io.restassured.path.json.JsonPath;

/** The operations API ({@code io.radstream.results.ops}) reads lane offsets and inference's committed offsets from the real broker. */
@QuarkusTest
@QuarkusTestResource(value = RadStreamStackResource.class, restrictToAnnotatedClass = true)
class OperationsResourceIT extends AsReader {

    private static final String STAT = Topics.IMAGES_STAT.name();
    private static final String INFERENCE_STAT_GROUP = "radstream-inference-" + STAT;

    @Test
    void shouldReportStatLaneBacklogUntilInferenceCommitsItsOffsets() {
        long before = await().atMost(Duration.ofSeconds(60)).until(() -> published(operations()), p -> p >= 0);
        String study = KafkaTestIo.newStudyUid();
        for (int i = 1; i <= 5; i++) {
            KafkaTestIo.send(Topics.IMAGES_STAT, study, TestEvents.arrival(study, study + "." + i, Priority.STAT));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath ops = operations();
            assertThat(published(ops)).isGreaterThanOrEqualTo(before + 5);
            assertThat(ops.getLong("lanes.find { it.lane == 'STAT' }.lag")).isGreaterThanOrEqualTo(5);
        });

        commitEndOffsetsAs(INFERENCE_STAT_GROUP);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(operations().getLong("lanes.find { it.lane == 'STAT' }.lag")).isZero());
    }

    @Test
    void shouldListBothLanesStatFirstAndTheLatencyTimers() {
        JsonPath ops = await().atMost(Duration.ofSeconds(60)).until(OperationsResourceIT::operations, o -> o != null);
        assertThat(ops.getList("lanes.lane", String.class)).containsExactly("STAT", "ROUTINE");
        assertThat(ops.getList("latency.name", String.class))
                .contains("radstream.results.upload.to.alert", "radstream.results.time.to.ack");
        assertThat(ops.getLong("unacknowledgedAlerts")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldServeTheOperationsPage() {
        given().get("/").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("RadStream operations"))
                .body(org.hamcrest.Matchers.containsString("not for diagnosis"));
        given().get("/ops.js").then().statusCode(200);
    }

    private static JsonPath operations() {
        var response = given().get("/api/v1/operations");
        return response.statusCode() == 200 ? response.jsonPath() : null;
    }

    private static long published(JsonPath ops) {
        return ops == null ? -1 : ops.getLong("lanes.find { it.lane == 'STAT' }.published");
    }

    private static void commitEndOffsetsAs(String group) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RadStreamStackResource.stack().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(STAT).stream()
                    .map(p -> new TopicPartition(STAT, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            consumer.commitSync();
        }
    }
}
