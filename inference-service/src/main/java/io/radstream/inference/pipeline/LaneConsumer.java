package io.radstream.inference.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.radstream.inference.scheduler.Backpressure;
import io.radstream.inference.scheduler.Intake;
import io.radstream.inference.scheduler.OffsetTracker;
import io.radstream.schemas.Topics;

/**
 * The consumer thread, sole user of both lane consumers: polls the STAT lane on every turn and the
 * routine lane after it, puts records into the intake, pauses the routine lane's partitions when the
 * in-process bound is reached (never the STAT lane's) and resumes them at half of it, and commits an
 * offset only once every record up to it had its findings or dead letters acknowledged by Kafka.
 */
final class LaneConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(LaneConsumer.class);
    private static final Duration STAT_POLL = Duration.ofMillis(10);

    private final KafkaConsumer<String, byte[]> stat;
    private final KafkaConsumer<String, byte[]> routine;
    private final Intake<ImageTask> intake;
    private final Backpressure backpressure;
    private final PipelineMetrics metrics;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Queue<ImageTask> acknowledged = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile int routineInProcess;

    LaneConsumer(ConsumerFactory consumers, Intake<ImageTask> intake, Backpressure backpressure, PipelineMetrics metrics) {
        this.stat = consumers.create(Topics.IMAGES_STAT, listener());
        this.routine = consumers.create(Topics.IMAGES_ROUTINE, listener());
        this.intake = intake;
        this.backpressure = backpressure;
        this.metrics = metrics;
        metrics.gauge("radstream.inference.lane.paused", "1 while the lane's partitions are paused", "lane", "ROUTINE",
                () -> paused ? 1 : 0);
        metrics.gauge("radstream.inference.lane.in.process", "Polled records not yet acknowledged", "lane", "ROUTINE",
                () -> routineInProcess);
    }

    /** Called (any thread) when an image's findings and dead letters are acknowledged. */
    void acknowledged(ImageTask task) {
        acknowledged.add(task);
    }

    @Override
    public void run() {
        try {
            while (running) {
                turn();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            commitAcknowledged();
            stat.close();
            routine.close();
        }
    }

    /** One turn of the loop; a failed commit or poll is logged and retried on the next turn. */
    private void turn() {
        try {
            commitAcknowledged();
            applyBackpressure();
            enqueue(stat.poll(STAT_POLL), "STAT");
            enqueue(routine.poll(Duration.ZERO), "ROUTINE");
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // offsets not committed now are covered by the next commit of the partition (or redelivered)
            LOG.warnf("Kafka consumer error, continuing: %s", e.getMessage());
        }
    }

    private void enqueue(ConsumerRecords<String, byte[]> records, String lane) {
        if (records.isEmpty()) {
            return;
        }
        metrics.pollRecords(lane).record(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            ImageTask task = new ImageTask(record);
            offsets.started(task.partition(), record.offset());
            intake.put(task, task.priority());
        }
    }

    private void applyBackpressure() {
        routineInProcess = offsets.inProcess(Topics.IMAGES_ROUTINE.name());
        switch (backpressure.decide(routineInProcess, paused)) {
            case PAUSE -> {
                routine.pause(routine.assignment());
                paused = true;
                metrics.lanePauses().increment();
                LOG.debugf("Routine lane paused: %d images in process (bound %d)", routineInProcess,
                        backpressure.capacity());
            }
            case RESUME -> {
                routine.resume(routine.paused());
                paused = false;
                metrics.laneResumes().increment();
                LOG.debugf("Routine lane resumed: %d images in process", routineInProcess);
            }
            default -> {
                if (paused) {
                    routine.pause(routine.assignment()); // partitions assigned while paused stay paused
                }
            }
        }
    }

    private void commitAcknowledged() {
        for (ImageTask task; (task = acknowledged.poll()) != null; ) {
            offsets.completed(task.partition(), task.record.offset());
            metrics.images(task.lane()).increment();
        }
        Map<TopicPartition, Long> next = offsets.drainCommittable();
        commit(stat, next, Topics.IMAGES_STAT.name());
        commit(routine, next, Topics.IMAGES_ROUTINE.name());
    }

    private static void commit(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> next, String topic) {
        Map<TopicPartition, OffsetAndMetadata> mine = new HashMap<>();
        next.forEach((tp, offset) -> {
            if (tp.topic().equals(topic)) {
                mine.put(tp, new OffsetAndMetadata(offset));
            }
        });
        if (!mine.isEmpty()) {
            consumer.commitSync(mine);
        }
    }

    private ConsumerRebalanceListener listener() {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commitAcknowledged();
                offsets.revoked(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                LOG.debugf("Assigned %s", partitions);
            }
        };
    }

    void stop() {
        running = false;
        stat.wakeup();
        routine.wakeup();
    }

    /** Creates a lane consumer subscribed with the given rebalance listener. */
    interface ConsumerFactory {
        KafkaConsumer<String, byte[]> create(io.radstream.schemas.Topic<?> lane, ConsumerRebalanceListener listener);
    }
}
