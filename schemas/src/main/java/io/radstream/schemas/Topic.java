package io.radstream.schemas;

import java.util.Map;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A Kafka topic of RadStream: its name, layout and the serdes of its keys (always the
 * StudyInstanceUID as a UTF-8 string) and values (one Avro event type).
 *
 * @param name        topic name
 * @param partitions  partition count for environments that create topics themselves
 * @param configs     topic-level configs (cleanup policy, retention)
 * @param valueSerde  the value serde
 * @param <V>         the event type
 */
public record Topic<V extends SpecificRecordBase>(String name, int partitions, Map<String, String> configs,
                                                   AvroSerde<V> valueSerde) {

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public Class<V> valueType() {
        return valueSerde.type();
    }
}
