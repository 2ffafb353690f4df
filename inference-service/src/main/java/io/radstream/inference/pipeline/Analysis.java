package io.radstream.inference.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.radstream.schemas.events.DeadLetter;
import io.radstream.schemas.events.Finding;

/** Everything one poll's records produced; published before their offsets are committed. */
final class Analysis {

    final List<Finding> findings = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();

    void deadLetter(ConsumerRecord<String, byte[]> record, String reason, String message) {
        deadLetters.add(DeadLetters.of(record, reason, message));
    }
}
