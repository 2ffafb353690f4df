package io.radstream.e2e;

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

/** Reads every record of every registry topic as raw text, to search the bus for what must not be on it. */
final class TopicScanner {

    private TopicScanner() {
    }

    /** Keys, values and headers of all records, decoded as ISO-8859-1 so any byte sequence survives. */
    static List<String> allRecords(String bootstrapServers) {
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
                    records.add(text(r.key()) + " " + text(r.value()));
                    r.headers().forEach(h -> records.add(h.key() + "=" + text(h.value())));
                });
            }
        }
        return records;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
