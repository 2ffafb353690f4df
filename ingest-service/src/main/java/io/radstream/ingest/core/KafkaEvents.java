package io.radstream.ingest.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.radstream.ingest.IngestConfig;
import io.radstream.schemas.Topic;

/**
 * The service's one Kafka producer (acks=all, idempotent) for every registry topic it writes. Its
 * timeouts follow {@code publish-timeout-seconds}, so an unreachable broker fails a send within that
 * time instead of blocking the request for the client's default minute.
 */
@ApplicationScoped
public class KafkaEvents {

    private final KafkaProducer<String, byte[]> producer;

    public KafkaEvents(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, IngestConfig config) {
        int timeoutMs = config.publishTimeoutSeconds() * 1000;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.CLIENT_ID_CONFIG, "radstream-ingest"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends one event keyed by {@code key}; the future completes when the broker acknowledged it. */
    public <V extends SpecificRecordBase> Future<RecordMetadata> send(Topic<V> topic, String key, V event,
                                                                      Callback callback) {
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), event);
        return producer.send(new ProducerRecord<>(topic.name(), key, value), callback);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
