package io.radstream.inference.scheduler;

/**
 * When to pause and resume the routine lane: at {@code capacity} routine images in process its
 * partitions are paused, at half of it they resume (hysteresis, so the consumer does not flap). The
 * STAT lane is never paused: it has no entry here.
 */
public final class Backpressure {

    /** What the consumer should do with the routine lane's partitions. */
    public enum Action { PAUSE, RESUME, NONE }

    private final int capacity;
    private final int resumeAt;

    public Backpressure(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.resumeAt = capacity / 2;
    }

    public Action decide(int routineInProcess, boolean paused) {
        if (!paused && routineInProcess >= capacity) {
            return Action.PAUSE;
        }
        if (paused && routineInProcess <= resumeAt) {
            return Action.RESUME;
        }
        return Action.NONE;
    }

    public int capacity() {
        return capacity;
    }
}
