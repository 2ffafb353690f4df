package io.radstream.inference.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.radstream.schemas.events.DeadLetter;

/** Wraps a record that could not be processed, with the reason and the original bytes. */
final class DeadLetters {

    static final String SERVICE = "inference-service";

    private DeadLetters() {
    }

    static DeadLetter of(ConsumerRecord<String, byte[]> record, String reason, String message) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        String id = UUID.nameUUIDFromBytes((record.topic() + "|" + record.partition() + "|" + record.offset() + "|" + reason)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return DeadLetter.newBuilder().setId(id).setService(SERVICE).setSourceTopic(record.topic())
                .setSourcePartition(record.partition()).setSourceOffset(record.offset()).setKey(record.key())
                .setReason(reason).setMessage(message == null ? reason : message)
                .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setHeaders(headers).setFailedAt(Instant.now()).build();
    }
}
