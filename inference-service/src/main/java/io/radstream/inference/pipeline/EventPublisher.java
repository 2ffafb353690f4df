package io.radstream.inference.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.radstream.schemas.Topics;
import io.radstream.schemas.events.DeadLetter;
import io.radstream.schemas.events.Finding;

/**
 * Publishes the findings and dead letters of a completed image and reports when Kafka acknowledged all
 * of them (acks=all, idempotent). Records that fail are sent again with backoff until acknowledged: the
 * image's offset is committed only after that, so nothing is lost while Kafka is unavailable.
 */
final class EventPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inference-publish-retry");
        t.setDaemon(true);
        return t;
    });

    EventPublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "radstream-inference"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends everything; {@code acknowledged} runs once Kafka acknowledged every record. */
    void publish(List<Finding> findings, List<DeadLetter> deadLetters, Runnable acknowledged) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Finding f : findings) {
            records.add(new ProducerRecord<>(Topics.FINDINGS.name(), f.getStudyInstanceUid(),
                    Topics.FINDINGS.valueSerde().toBytes(f)));
        }
        for (DeadLetter d : deadLetters) {
            records.add(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), d.getKey(),
                    Topics.DEAD_LETTERS.valueSerde().toBytes(d)));
        }
        send(records, acknowledged, 1);
    }

    private void send(List<ProducerRecord<String, byte[]>> records, Runnable acknowledged, int attempt) {
        if (records.isEmpty()) {
            acknowledged.run();
            return;
        }
        AtomicInteger left = new AtomicInteger(records.size());
        List<ProducerRecord<String, byte[]>> failed = Collections.synchronizedList(new ArrayList<>());
        for (ProducerRecord<String, byte[]> record : records) {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failed.add(record);
                }
                if (left.decrementAndGet() == 0) {
                    finished(failed, acknowledged, attempt, error);
                }
            });
        }
    }

    private void finished(List<ProducerRecord<String, byte[]>> failed, Runnable acknowledged, int attempt,
                          Exception error) {
        if (failed.isEmpty()) {
            acknowledged.run();
            return;
        }
        long backoffMs = Math.min(30_000L, 200L << Math.min(attempt, 8));
        LOG.errorf("Kafka did not acknowledge %d records (attempt %d, %s); retrying in %d ms", failed.size(), attempt,
                error == null ? "-" : error.getMessage(), backoffMs);
        retries.schedule(() -> send(List.copyOf(failed), acknowledged, attempt + 1), backoffMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        retries.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
