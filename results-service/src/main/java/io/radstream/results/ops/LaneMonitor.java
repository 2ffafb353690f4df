package io.radstream.results.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.ImageArrived;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads the image lanes' end offsets and inference-service's committed offsets from Kafka (an admin
 * client, no consumer group of its own), so the operations page shows per-lane throughput and
 * backlog as Kafka itself measures them, whichever instance of inference is running.
 */
@ApplicationScoped
public class LaneMonitor {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<Topic<ImageArrived>> LANES = List.of(Topics.IMAGES_STAT, Topics.IMAGES_ROUTINE);

    private final Admin admin;
    private final OperationsConfig config;
    private final Clock clock;
    private final Map<String, LaneSample> last = new HashMap<>(); // guarded by this

    @Inject
    public LaneMonitor(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, OperationsConfig config) {
        this(Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "radstream-results-operations",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis())), config, Clock.systemUTC());
    }

    LaneMonitor(Admin admin, OperationsConfig config, Clock clock) {
        this.admin = admin;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @return one sample per lane, STAT first; re-read from Kafka when the last one is older than the sample interval
     * @throws LanesUnavailableException when Kafka does not answer in time
     */
    public synchronized List<LaneSample> lanes() {
        Instant now = clock.instant();
        List<LaneSample> samples = new ArrayList<>();
        for (Topic<ImageArrived> lane : LANES) {
            LaneSample previous = last.get(lane.name());
            if (previous == null || previous.sampledAt().plus(config.sampleInterval()).isBefore(now)) {
                previous = sample(lane.name(), previous, now);
                last.put(lane.name(), previous);
            }
            samples.add(previous);
        }
        return samples;
    }

    private LaneSample sample(String topic, LaneSample previous, Instant now) {
        try {
            List<TopicPartition> partitions = partitions(topic);
            long published = endOffsets(partitions);
            long consumed = committedOffsets(config.inferenceGroupPrefix() + "-" + topic);
            double rate = 0;
            if (previous != null) {
                double seconds = Duration.between(previous.sampledAt(), now).toMillis() / 1000.0;
                rate = seconds > 0 ? Math.max(0, published - previous.published()) / seconds : 0;
            }
            String lane = topic.substring(topic.lastIndexOf('.') + 1).toUpperCase();
            return new LaneSample(lane, topic, published, consumed, Math.max(0, published - consumed), rate, now);
        } catch (ExecutionException | TimeoutException e) {
            throw new LanesUnavailableException("Kafka did not report the lane offsets: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LanesUnavailableException("interrupted while reading lane offsets", e);
        }
    }

    private List<TopicPartition> partitions(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private long endOffsets(List<TopicPartition> partitions) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return offsets.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    private long committedOffsets(String group) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return committed.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
