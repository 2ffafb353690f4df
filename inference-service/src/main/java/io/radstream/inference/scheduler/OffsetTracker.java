package io.radstream.inference.scheduler;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed when records complete out of order: per partition only the
 * contiguous prefix of completed records, so a record whose finding (or dead letter) is not yet
 * acknowledged is never skipped. Used by the consumer thread only (not thread-safe).
 */
public final class OffsetTracker {

    private final Map<TopicPartition, TreeMap<Long, Boolean>> inFlight = new HashMap<>();
    private final Map<TopicPartition, Long> committable = new HashMap<>();

    /** A polled record is now in process. */
    public void started(TopicPartition partition, long offset) {
        inFlight.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, false);
    }

    /** The record's outputs are acknowledged; ignored when its partition was revoked meanwhile. */
    public void completed(TopicPartition partition, long offset) {
        TreeMap<Long, Boolean> offsets = inFlight.get(partition);
        if (offsets == null || !offsets.containsKey(offset)) {
            return;
        }
        offsets.put(offset, true);
        while (!offsets.isEmpty() && offsets.firstEntry().getValue()) {
            committable.put(partition, offsets.pollFirstEntry().getKey() + 1);
        }
    }

    /** Next offsets to commit since the last call (the position after the completed prefix). */
    public Map<TopicPartition, Long> drainCommittable() {
        Map<TopicPartition, Long> out = new HashMap<>(committable);
        committable.clear();
        return out;
    }

    /** Forgets revoked partitions: their records complete elsewhere or are redelivered. */
    public void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            inFlight.remove(p);
            committable.remove(p);
        });
    }

    /** Records of the topic still in process (not yet completed). */
    public int inProcess(String topic) {
        int count = 0;
        for (Map.Entry<TopicPartition, TreeMap<Long, Boolean>> e : inFlight.entrySet()) {
            if (e.getKey().topic().equals(topic)) {
                count += (int) e.getValue().values().stream().filter(done -> !done).count();
            }
        }
        return count;
    }
}
