package io.radstream.results.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.radstream.schemas.Topics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Every committed report change of the whole cluster (the compacted report topic, read from its
 * end by this instance, without a consumer group), as worklist items for live subscribers. The
 * reader starts with the first subscriber.
 */
@ApplicationScoped
public class WorklistFeed {

    private static final Logger LOG = Logger.getLogger(WorklistFeed.class);
    private static final int BUFFER_PER_SUBSCRIBER = 1024;

    private final BroadcastProcessor<WorklistItem> changes = BroadcastProcessor.create();
    private final String bootstrapServers;
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer; // guarded by this until the reader thread owns it
    private Thread reader;

    public WorklistFeed(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Report changes committed from now on; a subscriber that falls behind by more than the buffer loses the oldest. */
    public Multi<WorklistItem> changes() {
        start();
        return changes.onOverflow().buffer(BUFFER_PER_SUBSCRIBER);
    }

    private synchronized void start() {
        if (reader != null) {
            return;
        }
        KafkaConsumer<String, byte[]> records = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "radstream-results-worklist-feed",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = records.partitionsFor(Topics.STUDY_REPORTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            records.assign(partitions);
            records.seekToEnd(partitions);
            partitions.forEach(records::position); // fix the start now, so nothing committed after this is missed
        } catch (RuntimeException e) {
            records.close();
            LOG.warnf("Worklist feed cannot start: %s", e.getMessage());
            throw new ApiException(jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE, "The live worklist is not available yet; retry");
        }
        consumer = records;
        running = true;
        reader = new Thread(() -> run(records), "radstream-worklist-feed");
        reader.start();
    }

    private void run(KafkaConsumer<String, byte[]> records) {
        try (records) {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : records.poll(Duration.ofMillis(500))) {
                    publish(record);
                }
            }
        } catch (WakeupException stopping) {
            LOG.debug("Worklist feed stopping");
        } catch (RuntimeException e) {
            LOG.error("Worklist feed stopped", e);
            changes.onError(e);
        }
    }

    private void publish(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            changes.onNext(WorklistItem.from(Topics.STUDY_REPORTS.valueSerde().fromBytes(record.value())));
        } catch (SerializationException e) {
            LOG.warnf("Worklist feed skips an unreadable report at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    synchronized void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (reader != null) {
            running = false;
            consumer.wakeup();
            reader.join(Duration.ofSeconds(10).toMillis());
        }
        changes.onComplete();
    }
}
