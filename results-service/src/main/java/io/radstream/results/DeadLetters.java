package io.radstream.results;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.radstream.schemas.events.DeadLetter;

/** Builds the dead-letter envelope of a record this service cannot process. */
final class DeadLetters {

    static final String SERVICE = "results-service";
    static final String UNDECODABLE = "UNDECODABLE";
    static final String BAD_EVENT = "BAD_EVENT";

    private DeadLetters() {
    }

    static DeadLetter of(ProcessingContext context, Record<String, ?> record, String reason, String message,
                         byte[] originalValue) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? "unknown" : source.topic();
        int partition = source == null ? -1 : source.partition();
        long offset = source == null ? -1 : source.offset();
        return DeadLetter.newBuilder()
                .setId(idOf(topic, partition, offset))
                .setService(SERVICE)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setKey(record.key())
                .setReason(reason)
                .setMessage(message == null ? reason : message)
                .setOriginalValue(originalValue == null ? null : ByteBuffer.wrap(originalValue))
                .setHeaders(headersOf(record))
                .setFailedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
    }

    private static String idOf(String topic, int partition, long offset) {
        if (offset < 0) {
            return UUID.randomUUID().toString();
        }
        String name = SERVICE + '\n' + topic + '\n' + partition + '\n' + offset;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Map<String, String> headersOf(Record<String, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
