package io.radstream.results;

import static io.radstream.results.TestEvents.arrival;
import static io.radstream.results.TestEvents.completed;
import static io.radstream.results.TestEvents.score;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.Priority;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.UrgentAlert;
import io.radstream.schemas.events.Urgency;

/**
 * The results topology under exactly_once_v2 on the real broker, restarted: the second instance
 * starts from an empty state directory (so it restores every store from its changelog) and gets
 * the same finding and arrival again; the report does not change and no second alert is raised.
 * Its own application id keeps it apart from any results-service started by other ITs.
 */
class ExactlyOnceRestartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private final String applicationId = "radstream-results-eos-it-" + UUID.randomUUID();

    @Test
    void shouldNotRaiseASecondAlertNorReviseTheReportAfterARestartAndARedelivery() {
        String study = KafkaTestIo.newStudyUid();
        String sop = study + ".1";
        Finding finding = completed(study, sop, "cxr", List.of("cxr"), score("pneumothorax", 0.93, Urgency.STAT));
        String alertId = Alerts.alertId(TestEvents.TENANT, study, "pneumothorax");

        RecordingMetrics first = new RecordingMetrics();
        StudyReport before;
        try (KafkaStreams streams = start(first)) {
            KafkaTestIo.send(Topics.IMAGES_STAT, study, arrival(study, sop, Priority.STAT));
            KafkaTestIo.send(Topics.FINDINGS, study, finding);
            Awaitility.await().atMost(PATIENCE).ignoreExceptions().until(() ->
                    this.<UrgentAlert>store(streams, TopologyProducer.ALERT_STORE).get(alertId) != null);
            before = Awaitility.await().atMost(PATIENCE).ignoreExceptions().until(
                    () -> this.<StudyReport>store(streams, TopologyProducer.REPORT_STORE).get(study),
                    report -> report != null && report.getFindingIds().contains(finding.getFindingId()));
        }
        assertThat(first.raised(alertId)).isEqualTo(1);

        RecordingMetrics second = new RecordingMetrics();
        try (KafkaStreams streams = start(second)) {
            KafkaTestIo.send(Topics.FINDINGS, study, finding);
            KafkaTestIo.send(Topics.IMAGES_STAT, study, arrival(study, sop, Priority.STAT));
            awaitCommittedPastEveryInputRecord();
            StudyReport after = queried(() -> this.<StudyReport>store(streams, TopologyProducer.REPORT_STORE).get(study));
            assertThat(after.getRevision()).isEqualTo(before.getRevision());
            assertThat(after.getFindingIds()).containsExactly(finding.getFindingId());
            assertThat(queried(() -> this.<UrgentAlert>store(streams, TopologyProducer.ALERT_STORE).get(alertId))).isNotNull();
        }
        assertThat(second.raised(alertId)).isZero();
    }

    /** Until this application's committed offsets reach the end of every input partition. */
    private void awaitCommittedPastEveryInputRecord() {
        List<String> inputs = List.of(Topics.IMAGES_STAT.name(), Topics.IMAGES_ROUTINE.name(), Topics.FINDINGS.name(),
                Topics.ALERT_ACKS.name());
        try (Admin admin = RadStreamStackResource.stack().kafka().newAdmin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(inputs).allTopicNames().get().values().forEach(topic -> topic.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            Awaitility.await().atMost(PATIENCE).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || committed.containsKey(end.getKey()) && committed.get(end.getKey()).offset() >= end.getValue());
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private KafkaStreams start(ResultsMetrics metrics) {
        ResultsConfig config = new TopologyHarness.Config(Duration.ofMinutes(10), Duration.ofSeconds(1),
                Duration.ofMinutes(10), 1, Duration.ofMillis(10)); // reports published per round, as by default
        KafkaStreams streams = new KafkaStreams(new TopologyProducer(config, metrics).topology(),
                properties());
        streams.start();
        return streams;
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
                RadStreamStackResource.stack().kafka().bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Path.of("target", "eos-it-state", UUID.randomUUID().toString()).toAbsolutePath().toString());
        return props;
    }

    /** A store read, once the stores are queryable again (a rebalance may follow the commit). */
    private static <T> T queried(java.util.concurrent.Callable<T> read) {
        return Awaitility.await().atMost(PATIENCE).ignoreExceptions().until(read, value -> true);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    /** The alerts an instance raised (it also folds what other ITs left on the topics: count by id). */
    private static final class RecordingMetrics extends ResultsMetrics {

        private final List<UrgentAlert> raised = new CopyOnWriteArrayList<>();

        RecordingMetrics() {
            super(new SimpleMeterRegistry());
        }

        @Override
        void alertRaised(UrgentAlert alert) {
            raised.add(alert);
            super.alertRaised(alert);
        }

        long raised(String alertId) {
            return raised.stream().filter(alert -> alert.getAlertId().equals(alertId)).count();
        }
    }
}
