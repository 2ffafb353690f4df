package io.radstream.inference.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.StartupEvent;
import io.radstream.inference.InferenceConfig;
import io.radstream.inference.model.ModelRegistry;
import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;
import io.radstream.storage.ObjectStore;

/**
 * The consumer loop: the STAT lane is drained before every routine poll, so a STAT image waits for at
 * most one routine batch. Offsets are committed only after the findings (or dead letters) of a poll
 * are acknowledged by Kafka; on failure the lane is rewound and the poll is redone (at least once;
 * finding ids are deterministic, so redelivery is harmless downstream).
 */
@ApplicationScoped
public class InferencePipeline {

    private static final Logger LOG = Logger.getLogger(InferencePipeline.class);

    private final InferenceConfig config;
    private final String bootstrapServers;
    private final ImageAnalyzer analyzer;
    private final MeterRegistry metrics;
    private volatile boolean running = true;
    private Thread thread;
    private KafkaConsumer<String, byte[]> stat;
    private KafkaConsumer<String, byte[]> routine;
    private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();

    public InferencePipeline(InferenceConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                             ModelRegistry models, ObjectStore store, MeterRegistry metrics) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.metrics = metrics;
        ImageFetcher fetcher = new ImageFetcher(store, config.maxObjectBytes().asLongValue(), config.fetchAttempts(), metrics);
        this.analyzer = new ImageAnalyzer(models, fetcher, new FindingFactory(new ArtifactStore(store)), metrics);
    }

    void start(@Observes StartupEvent event) {
        stat = consumer(Topics.IMAGES_STAT, 64);
        routine = consumer(Topics.IMAGES_ROUTINE, config.routineBatchSize());
        thread = new Thread(this::run, "inference-pipeline");
        thread.start();
    }

    private void run() {
        try (EventPublisher publisher = new EventPublisher(bootstrapServers)) {
            while (running) {
                ConsumerRecords<String, byte[]> urgent = stat.poll(Duration.ofMillis(20));
                if (!urgent.isEmpty()) {
                    process(stat, urgent, publisher, "STAT");
                    continue;
                }
                ConsumerRecords<String, byte[]> records = routine.poll(Duration.ofMillis(80));
                if (!records.isEmpty()) {
                    process(routine, records, publisher, "ROUTINE");
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            stat.close();
            routine.close();
        }
    }

    private void process(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records,
                         EventPublisher publisher, String lane) {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>();
        records.forEach(list::add);
        metrics.summary("radstream.inference.poll.records", "lane", lane).record(list.size());
        try {
            Analysis analysis = analyzer.analyze(list);
            publisher.publish(analysis);
            consumer.commitSync(nextOffsets(list));
            metrics.counter("radstream.inference.images", "lane", lane).increment(list.size());
        } catch (WakeupException e) {
            throw e;
        } catch (Exception e) {
            LOG.errorf(e, "Could not complete %d %s records; rewinding to retry", list.size(), lane);
            rewind(consumer, list);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            offsets.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    private static void rewind(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        records.forEach(r -> first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min));
        first.forEach(consumer::seek);
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private KafkaConsumer<String, byte[]> consumer(Topic<?> lane, int maxPollRecords) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup() + "-" + lane.name(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords,
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000,
                ConsumerConfig.CLIENT_ID_CONFIG, "radstream-inference-" + lane.name()),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(lane.name()));
        clientMetrics.add(new KafkaClientMetrics(consumer, List.of(Tag.of("lane", lane.name()))));
        clientMetrics.get(clientMetrics.size() - 1).bindTo(metrics);
        return consumer;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            stat.wakeup();
            routine.wakeup();
            thread.join(10_000);
        }
        clientMetrics.forEach(KafkaClientMetrics::close);
    }
}
