package io.radstream.ingest.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.radstream.ingest.IngestConfig;
import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.ImageArrived;

/** Publishes image-arrival events to their priority lane and waits for the broker's acknowledgement. */
@ApplicationScoped
public class ArrivalPublisher {

    private final KafkaProducer<String, ImageArrived> producer;
    private final Duration timeout;

    public ArrivalPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                            IngestConfig config) {
        Topic<ImageArrived> lane = Topics.IMAGES_STAT;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "radstream-ingest"),
                lane.keySerde().serializer(), lane.valueSerde().serializer());
        this.timeout = Duration.ofSeconds(config.publishTimeoutSeconds());
    }

    /** Sends the event keyed by StudyInstanceUID and blocks until it is acknowledged by all in-sync replicas. */
    public RecordMetadata publish(ImageArrived event) {
        Topic<ImageArrived> lane = Topics.laneFor(event.getPriority());
        try {
            return producer.send(new ProducerRecord<>(lane.name(), event.getStudyInstanceUid(), event))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("Interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException("Kafka did not acknowledge the image-arrival event: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The event could not be published; the client must be told the upload did not complete. */
    public static final class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
