package io.radstream.results;

import java.util.List;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.RecordContext;

import io.radstream.schemas.AvroSerde;
import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.AlertEscalated;
import io.radstream.schemas.events.DeadLetter;
import io.radstream.schemas.events.StudyReport;
import io.radstream.schemas.events.UrgentAlert;

/**
 * Serde for any event type of the topic registry: writes with the serde of the value's class and
 * reads by trying each registered serde (single-object encoding names its schema by fingerprint).
 * Also routes this service's outputs to their registry topic.
 */
final class EventSerde implements Serde<SpecificRecordBase> {

    private static final List<AvroSerde<?>> SERDES = Topics.all().stream()
            .<AvroSerde<?>>map(Topic::valueSerde)
            .toList();

    static String topicOf(String key, SpecificRecordBase value, RecordContext context) {
        if (value instanceof StudyReport report) {
            // keyed by its study: the report topic; keyed by patient and modality: the priors topic
            return key.equals(report.getStudyInstanceUid()) ? Topics.STUDY_REPORTS.name() : Topics.PRIORS.name();
        }
        if (value instanceof UrgentAlert) {
            return Topics.URGENT_ALERTS.name();
        }
        if (value instanceof AlertEscalated) {
            return Topics.ALERT_ESCALATIONS.name();
        }
        if (value instanceof DeadLetter) {
            return Topics.DEAD_LETTERS.name();
        }
        throw new IllegalArgumentException("No output topic for " + value.getClass().getName());
    }

    @Override
    public Serializer<SpecificRecordBase> serializer() {
        return (topic, value) -> value == null ? null : serdeOf(value).serializer().serialize(topic, value);
    }

    @Override
    public Deserializer<SpecificRecordBase> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    @SuppressWarnings("unchecked")
    private static Serde<SpecificRecordBase> serdeOf(SpecificRecordBase value) {
        return (Serde<SpecificRecordBase>) (Serde<?>) SERDES.stream()
                .filter(serde -> serde.type() == value.getClass())
                .findFirst()
                .orElseThrow(() -> new SerializationException("Unregistered event type " + value.getClass()));
    }

    private static SpecificRecordBase decode(byte[] bytes) {
        for (AvroSerde<?> serde : SERDES) {
            try {
                return serde.fromBytes(bytes);
            } catch (SerializationException notThisType) {
                // try the next registered type
            }
        }
        throw new SerializationException("Bytes match no registered event schema");
    }
}
