package io.radstream.results.api;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.AlertAcknowledged;

/**
 * Publishes acknowledgements to {@link Topics#ALERT_ACKS}, keyed by StudyInstanceUID, and returns
 * only once Kafka has them (acks=all, idempotent producer).
 */
@ApplicationScoped
public class AckPublisher {

    private static final Logger LOG = Logger.getLogger(AckPublisher.class);
    private static final long SEND_TIMEOUT_MS = 15_000;

    private final String bootstrapServers;
    private Producer<String, AlertAcknowledged> producer; // guarded by this

    public AckPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** @throws ApiException 503 when Kafka does not take the acknowledgement in time */
    public void publish(AlertAcknowledged ack) {
        Topic<AlertAcknowledged> topic = Topics.ALERT_ACKS;
        try {
            producer().send(new ProducerRecord<>(topic.name(), ack.getStudyInstanceUid(), ack))
                    .get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Acknowledgement %s not published: %s", ack.getAckId(), e.getMessage());
            throw new ApiException(jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE,
                    "The acknowledgement could not be recorded; retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE, "Interrupted; retry");
        }
    }

    private synchronized Producer<String, AlertAcknowledged> producer() {
        if (producer == null) {
            Map<String, Object> config = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, "radstream-results-acks",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT_MS,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            producer = new KafkaProducer<>(config, Topics.ALERT_ACKS.keySerde().serializer(),
                    Topics.ALERT_ACKS.valueSerde().serializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
