package io.radstream.inference.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import io.radstream.schemas.Topics;
import io.radstream.schemas.events.DeadLetter;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.Priority;

/**
 * One polled record on its way through the pipeline: it is done when every routed model produced its
 * finding (or the image failed as a whole); then its findings and dead letters are published, and once
 * Kafka acknowledged them its offset may be committed. Model jobs complete on device threads.
 */
final class ImageTask {

    final ConsumerRecord<String, byte[]> record;
    final long polledNanos;
    final long polledMillis;
    private ImageArrived arrival;
    private final List<Finding> findings = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private int remaining = 1;
    private boolean statGated;

    ImageTask(ConsumerRecord<String, byte[]> record) {
        this.record = record;
        this.polledNanos = System.nanoTime();
        this.polledMillis = System.currentTimeMillis();
    }

    TopicPartition partition() {
        return new TopicPartition(record.topic(), record.partition());
    }

    boolean routineLane() {
        return record.topic().equals(Topics.IMAGES_ROUTINE.name());
    }

    /** The lane tag of metrics: STAT or ROUTINE. */
    String lane() {
        return routineLane() ? "ROUTINE" : "STAT";
    }

    /** The event's priority once parsed; before that (and for unreadable events) the lane's. */
    synchronized Priority priority() {
        if (arrival != null) {
            return arrival.getPriority();
        }
        return routineLane() ? Priority.ROUTINE : Priority.STAT;
    }

    synchronized void parsed(ImageArrived event) {
        this.arrival = event;
    }

    /** Marks the task as holding the STAT gate (entered once parsed as STAT, left once acknowledged). */
    synchronized void gated() {
        statGated = true;
    }

    synchronized boolean holdsStatGate() {
        return statGated;
    }

    synchronized ImageArrived arrival() {
        return arrival;
    }

    /** The task now waits for one finding per routed model. */
    synchronized void expect(int models) {
        remaining = models;
    }

    /** Adds a finding (and the dead letter explaining it, if any); true when the task is now complete. */
    synchronized boolean add(Finding finding, DeadLetter deadLetter) {
        if (finding != null) {
            findings.add(finding);
        }
        if (deadLetter != null) {
            deadLetters.add(deadLetter);
        }
        remaining--;
        return remaining == 0;
    }

    synchronized List<Finding> findings() {
        return List.copyOf(findings);
    }

    synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }
}
