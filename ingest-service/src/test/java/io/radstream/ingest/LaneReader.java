package io.radstream.ingest;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.ImageArrived;

/** Reads both image lanes of the real broker from the beginning, for assertions on what ingest published. */
final class LaneReader implements AutoCloseable {

    private final KafkaConsumer<String, ImageArrived> consumer;
    private final List<Received> received = new ArrayList<>();

    record Received(String topic, String key, ImageArrived event) {
    }

    LaneReader() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RadStreamStackResource.stack().serviceConfig().get("kafka.bootstrap.servers"),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.IMAGES_STAT.keySerde().deserializer(), Topics.IMAGES_STAT.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.IMAGES_STAT.name(), Topics.IMAGES_ROUTINE.name()));
    }

    /** Waits until an event matching {@code condition} was published and returns it. */
    Received await(Predicate<ImageArrived> condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return received.stream().filter(r -> condition.test(r.event())).findFirst().orElse(null);
        }, r -> r != null);
    }

    /** Every event received so far that matches. */
    List<Received> matching(Predicate<ImageArrived> condition) {
        poll();
        return received.stream().filter(r -> condition.test(r.event())).toList();
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(new Received(r.topic(), r.key(), r.value())));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
