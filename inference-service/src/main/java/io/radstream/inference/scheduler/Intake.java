package io.radstream.inference.scheduler;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import io.radstream.schemas.events.Priority;

/**
 * Polled records waiting to be fetched and decoded, best priority first (then arrival order). A STAT
 * record is always handed out; other records only while {@code admissible} says the decoded-image
 * queue has room, which bounds the memory held by decoded pixels.
 *
 * @param <T> the item type
 */
public final class Intake<T> {

    private record Entry<T>(T item, int rank, long seq) {
    }

    private final PriorityQueue<Entry<T>> queue = new PriorityQueue<>(
            Comparator.<Entry<T>>comparingInt(Entry::rank).thenComparingLong(Entry::seq));
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long seq;

    public void put(T item, Priority priority) {
        lock.lock();
        try {
            queue.add(new Entry<>(item, BatchScheduler.rank(priority), seq++));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The best item that may go now, waiting at most {@code pollNanos} for one; null when none may.
     * Callers loop: admissibility changes without a signal here (the decoded queue drains elsewhere).
     */
    public T take(BooleanSupplier admissible, long pollNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = pollNanos;
            while (true) {
                Entry<T> head = queue.peek();
                if (head != null && (head.rank() == 0 || admissible.getAsBoolean())) {
                    return queue.poll().item();
                }
                if (left <= 0) {
                    return null;
                }
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiting takers, e.g. when the decoded queue got room. */
    public void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }
}
