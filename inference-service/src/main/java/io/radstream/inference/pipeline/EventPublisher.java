package io.radstream.inference.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.radstream.schemas.Topics;
import io.radstream.schemas.events.DeadLetter;
import io.radstream.schemas.events.Finding;

/** Publishes an {@link Analysis} (findings and dead letters) and waits until Kafka acknowledged all of it. */
final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    EventPublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "radstream-inference"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Blocks until every record is acknowledged; throws when any is not. */
    void publish(Analysis analysis) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Finding f : analysis.findings) {
            acks.add(producer.send(new ProducerRecord<>(Topics.FINDINGS.name(), f.getStudyInstanceUid(),
                    Topics.FINDINGS.valueSerde().toBytes(f))));
        }
        for (DeadLetter d : analysis.deadLetters) {
            acks.add(producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), d.getKey(),
                    Topics.DEAD_LETTERS.valueSerde().toBytes(d))));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
