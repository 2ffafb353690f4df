package io.radstream.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.radstream.schemas.Topics;
import io.radstream.schemas.events.StudyReport;

/**
 * Reads {@code radstream.study-reports} as the worklist would (read-committed) and knows, per study,
 * how many findings its latest report holds.
 */
final class ReportWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Integer> findingsPerStudy = new HashMap<>();
    private long firstReportAt; // System.nanoTime() of the first report read, 0 before

    ReportWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-report-watcher-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.STUDY_REPORTS.name()));
    }

    /**
     * Polls until every given study's report holds all its findings.
     *
     * @return {@link System#nanoTime()} when the last of them was seen
     */
    long awaitAllComplete(List<ResultsTraffic.Study> studies, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = 0;
        while (true) {
            while (next < studies.size() && complete(studies.get(next))) {
                next++;
            }
            if (next == studies.size()) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException((studies.size() - next) + " studies still incomplete after " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                if (firstReportAt == 0) {
                    firstReportAt = System.nanoTime();
                }
                StudyReport report = Topics.STUDY_REPORTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                if (report != null) {
                    findingsPerStudy.merge(report.getStudyInstanceUid(), report.getFindingIds().size(), Math::max);
                }
            }
        }
    }

    /** @return {@link System#nanoTime()} when the first report was read, 0 before */
    long firstReportAt() {
        return firstReportAt;
    }

    private boolean complete(ResultsTraffic.Study study) {
        return findingsPerStudy.getOrDefault(study.uid(), 0) >= study.findings().size();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
