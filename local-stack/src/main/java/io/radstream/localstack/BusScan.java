package io.radstream.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;

/**
 * Every record of every registry topic as raw text, for tests that search the whole bus for what
 * must never be on it (patient identifiers): one string per record, {@code topic key value} and
 * {@code name=value} per header, decoded as ISO-8859-1 so any byte sequence survives.
 */
public final class BusScan {

    private BusScan() {
    }

    /**
     * Reads each partition from its beginning up to its end offset at the time of the call.
     *
     * @param bootstrapServers the broker
     * @return one text per record
     */
    public static List<String> allRecords(String bootstrapServers) {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<?> topic : Topics.all()) {
                for (PartitionInfo p : consumer.partitionsFor(topic.name())) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    StringBuilder text = new StringBuilder(r.topic()).append(' ').append(text(r.key())).append(' ')
                            .append(text(r.value()));
                    r.headers().forEach(h -> text.append(' ').append(h.key()).append('=').append(text(h.value())));
                    records.add(text.toString());
                });
            }
        }
        return records;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
