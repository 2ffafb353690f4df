package io.radstream.ingest.core;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.radstream.ingest.IngestConfig;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.ImageArrived;

/** Publishes image-arrival events to their priority lane and waits for the broker's acknowledgement. */
@ApplicationScoped
public class ArrivalPublisher {

    private final KafkaEvents events;
    private final Duration timeout;

    public ArrivalPublisher(KafkaEvents events, IngestConfig config) {
        this.events = events;
        this.timeout = Duration.ofSeconds(config.publishTimeoutSeconds());
    }

    /** Sends the event keyed by StudyInstanceUID and blocks until it is acknowledged by all in-sync replicas. */
    public RecordMetadata publish(ImageArrived event) {
        try {
            return events.send(Topics.laneFor(event.getPriority()), event.getStudyInstanceUid(), event, null)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("Interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new PublishException("Kafka did not acknowledge the image-arrival event: " + e.getMessage(), e);
        }
    }

    /** The event could not be published; the client must be told the upload did not complete. */
    public static final class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
