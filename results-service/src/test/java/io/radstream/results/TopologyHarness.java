package io.radstream.results;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.AlertAcknowledged;
import io.radstream.schemas.events.AlertEscalated;
import io.radstream.schemas.events.DeadLetter;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.UrgentAlert;

/** The real results topology on a {@link TopologyTestDriver}, with the registry topics and serdes. */
final class TopologyHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    static final Duration QUIET = Duration.ofSeconds(5);
    static final Duration ESCALATE_AFTER = Duration.ofSeconds(60);
    static final int MAX_ESCALATIONS = 2;

    record Config(Duration finalQuietPeriod, Duration punctuateInterval, Duration escalateAfter, int maxEscalations,
                  Duration reportPublishInterval) implements ResultsConfig {
        @Override
        public io.radstream.auth.AuthConfig auth() {
            return null; // the topology does not authenticate
        }

        @Override
        public java.net.URI advertisedUrl() {
            return java.net.URI.create("http://localhost:8083"); // the topology does not serve queries
        }
    }

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestOutputTopic<String, StudyReport> reports;
    final TestOutputTopic<String, UrgentAlert> alerts;
    final TestOutputTopic<String, AlertEscalated> escalations;
    final TestOutputTopic<String, StudyReport> priors;
    final TestOutputTopic<String, DeadLetter> deadLetters;

    /** Every change of a report is published at once (publish interval 0), so tests see each revision. */
    TopologyHarness() {
        this(Duration.ZERO);
    }

    /** Changed reports are published by the wall-clock punctuation every {@code publishInterval}. */
    TopologyHarness(Duration publishInterval) {
        ResultsConfig config = new Config(QUIET, Duration.ofSeconds(1), ESCALATE_AFTER, MAX_ESCALATIONS,
                publishInterval);
        TopologyProducer producer = new TopologyProducer(config, new ResultsMetrics(registry));
        driver = new TopologyTestDriver(producer.topology(), properties(), START);
        reports = output(Topics.STUDY_REPORTS);
        alerts = output(Topics.URGENT_ALERTS);
        escalations = output(Topics.ALERT_ESCALATIONS);
        priors = output(Topics.PRIORS);
        deadLetters = output(Topics.DEAD_LETTERS);
    }

    void arrive(ImageArrived arrival) {
        input(Topics.laneFor(arrival.getPriority())).pipeInput(arrival.getStudyInstanceUid(), arrival);
    }

    void find(Finding finding) {
        input(Topics.FINDINGS).pipeInput(finding.getStudyInstanceUid(), finding);
    }

    void acknowledge(AlertAcknowledged ack) {
        input(Topics.ALERT_ACKS).pipeInput(ack.getStudyInstanceUid(), ack);
    }

    void pipeRaw(Topic<?> topic, String key, byte[] value) {
        driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer()).pipeInput(key, value);
    }

    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    StudyReport stored(String study) {
        KeyValueStore<String, StudyReport> store = driver.getKeyValueStore(TopologyProducer.REPORT_STORE);
        return store.get(study);
    }

    List<StudyReport> reportRevisions() {
        return reports.readValuesToList();
    }

    StudyReport latestReport() {
        List<StudyReport> revisions = reportRevisions();
        return revisions.get(revisions.size() - 1);
    }

    double meterCount(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    double gauge(String name, String status) {
        return registry.get(name).tag("status", status).gauge().value();
    }

    double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Override
    public void close() {
        driver.close();
    }

    private <V extends org.apache.avro.specific.SpecificRecordBase> TestInputTopic<String, V> input(Topic<V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V extends org.apache.avro.specific.SpecificRecordBase> TestOutputTopic<String, V> output(Topic<V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    private static Properties properties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "radstream-results-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Path.of("target", "ttd-state", UUID.randomUUID().toString()).toAbsolutePath().toString());
        return props;
    }
}
