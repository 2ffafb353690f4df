package io.radstream.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;

import io.radstream.schemas.Topic;

/**
 * Reads registry topics of a real broker from the beginning, for tests that assert on what a
 * service published (and on what it did not publish).
 *
 * @param <V> the event type of the topics
 */
public final class TopicReader<V extends SpecificRecordBase> implements AutoCloseable {

    /** One record as received. */
    public record Received<V>(String topic, String key, V value) {
    }

    private final KafkaConsumer<String, V> consumer;
    private final List<Received<V>> received = new ArrayList<>();

    @SafeVarargs
    public TopicReader(String bootstrapServers, Topic<V>... topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topics[0].keySerde().deserializer(), topics[0].valueSerde().deserializer());
        consumer.subscribe(java.util.Arrays.stream(topics).map(Topic::name).toList());
    }

    /** Waits (at most 60 s) until a record matching {@code condition} arrived and returns it. */
    public Received<V> await(Predicate<V> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return received.stream().filter(r -> condition.test(r.value())).findFirst().orElse(null);
        }, r -> r != null);
    }

    /** Every record received so far that matches (polls once more first). */
    public List<Received<V>> matching(Predicate<V> condition) {
        poll();
        return received.stream().filter(r -> condition.test(r.value())).toList();
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(new Received<>(r.topic(), r.key(), r.value())));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
