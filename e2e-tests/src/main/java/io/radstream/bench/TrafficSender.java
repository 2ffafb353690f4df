package io.radstream.bench;

import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArrived;

/** Publishes synthetic studies as ingest and inference would: arrivals on the lane, then findings, keyed by study. */
final class TrafficSender implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    TrafficSender(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new StringSerializer(), new ByteArraySerializer());
    }

    void send(ResultsTraffic.Study study) {
        for (ImageArrived arrival : study.arrivals()) {
            Topic<ImageArrived> lane = Topics.laneFor(arrival.getPriority());
            producer.send(new ProducerRecord<>(lane.name(), study.uid(), lane.valueSerde().toBytes(arrival)));
        }
        for (Finding finding : study.findings()) {
            producer.send(new ProducerRecord<>(Topics.FINDINGS.name(), study.uid(), Topics.FINDINGS.valueSerde().toBytes(finding)));
        }
    }

    /**
     * Sends a study and waits until the broker acknowledged all of it.
     *
     * @return {@link System#nanoTime()} when its last finding was acknowledged
     */
    long sendAndAwaitAck(ResultsTraffic.Study study) {
        send(study);
        flush();
        return System.nanoTime();
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
