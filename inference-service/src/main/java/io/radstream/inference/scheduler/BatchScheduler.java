package io.radstream.inference.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.radstream.schemas.events.Priority;

/**
 * Dynamic batching with strict priorities, shared by the device threads. Jobs wait in one queue per
 * model, ordered STAT, URGENT, ROUTINE and then by arrival. The next batch always belongs to the model
 * of the best waiting job and takes that model's jobs in priority order up to its max batch size, so
 * batches mix studies. A batch is dispatched when it is full, when its oldest job waited the model's
 * max queue delay, or at once when it holds STAT work: STAT never waits to fill a batch, and a routine
 * batch that is waiting to fill yields to a STAT job that arrives meanwhile. Non-STAT batches are held
 * while STAT work is in process elsewhere in the pipeline (a {@link StatGate}).
 *
 * @param <J> the job type
 */
public final class BatchScheduler<J extends BatchScheduler.Job> {

    /** One image for one model. */
    public interface Job {
        String model();

        Priority priority();

        /** Frames the job adds to a batch (at least one). */
        int frames();
    }

    /** Dynamic batching limits of a model: frames per batch and how long a batch may wait to fill. */
    public record Limits(int maxBatch, long maxDelayNanos) {
    }

    /** Jobs run together on one model, best first; {@code priority} is that of the best job. */
    public record Batch<J>(String model, Priority priority, List<J> jobs, List<Long> waitedNanos) {
    }

    private record Entry<J>(J job, int rank, long seq, long enqueuedNanos) {
    }

    private static final Comparator<Entry<?>> ORDER =
            Comparator.<Entry<?>>comparingInt(Entry::rank).thenComparingLong(Entry::seq);

    private static final long HELD_POLL_NANOS = 2_000_000L;

    private final Function<String, Limits> limits;
    private final LongSupplier clock;
    private final java.util.function.BooleanSupplier statElsewhere;
    private final Map<String, PriorityQueue<Entry<J>>> queues = new HashMap<>();
    private final Map<Priority, Integer> depth = new EnumMap<>(Priority.class);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long seq;

    public BatchScheduler(Function<String, Limits> limits, LongSupplier nanoClock) {
        this(limits, nanoClock, () -> false);
    }

    /** As above; while {@code statElsewhere} (STAT work upstream or downstream), non-STAT batches are held. */
    public BatchScheduler(Function<String, Limits> limits, LongSupplier nanoClock,
                          java.util.function.BooleanSupplier statElsewhere) {
        this.limits = limits;
        this.clock = nanoClock;
        this.statElsewhere = statElsewhere;
        for (Priority p : Priority.values()) {
            depth.put(p, 0);
        }
    }

    /** Strict order of the priority vocabulary: STAT 0, URGENT 1, ROUTINE 2. */
    public static int rank(Priority priority) {
        return switch (priority) {
            case STAT -> 0;
            case URGENT -> 1;
            default -> 2;
        };
    }

    public void submit(J job) {
        lock.lock();
        try {
            queues.computeIfAbsent(job.model(), m -> new PriorityQueue<>(ORDER))
                    .add(new Entry<>(job, rank(job.priority()), seq++, clock.getAsLong()));
            depth.merge(job.priority(), 1, Integer::sum);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeoutNanos} for a batch that is due; empty when none became due. */
    public Optional<Batch<J>> next(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (true) {
                Optional<Batch<J>> due = takeDue();
                if (due.isPresent() || left <= 0) {
                    return due;
                }
                long untilDue = held() ? HELD_POLL_NANOS
                        : dueAt().map(at -> Math.max(1, at - clock.getAsLong())).orElse(left);
                long waited = Math.min(left, untilDue);
                left -= waited - changed.awaitNanos(waited);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The batch that is due now, if any (never waits). */
    public Optional<Batch<J>> takeDue() {
        lock.lock();
        try {
            Optional<Entry<J>> head = head();
            if (head.isEmpty() || head.get().rank() > 0 && statElsewhere.getAsBoolean()) {
                return Optional.empty();
            }
            String model = head.get().job().model();
            PriorityQueue<Entry<J>> queue = queues.get(model);
            Limits limit = limits.apply(model);
            boolean due = head.get().rank() == 0 || frames(queue) >= limit.maxBatch()
                    || clock.getAsLong() >= head.get().enqueuedNanos() + limit.maxDelayNanos();
            return due ? Optional.of(take(model, queue, limit.maxBatch())) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cut short: between two ONNX Runtime batches of a non-STAT batch in flight, the STAT batch that
     * should run first, if any. STAT work is never preempted.
     */
    public Optional<Batch<J>> preemptFor(Batch<J> running) {
        return running.priority() == Priority.STAT || !statWaiting() ? Optional.empty() : takeDue();
    }

    /** True while a STAT job waits: a routine batch in flight should let it run before going on. */
    public boolean statWaiting() {
        return depth(Priority.STAT) > 0;
    }

    public int depth(Priority priority) {
        lock.lock();
        try {
            return depth.get(priority);
        } finally {
            lock.unlock();
        }
    }

    /** Every waiting job. */
    public int depth() {
        lock.lock();
        try {
            return depth.values().stream().mapToInt(Integer::intValue).sum();
        } finally {
            lock.unlock();
        }
    }

    private boolean held() {
        return head().map(h -> h.rank() > 0).orElse(false) && statElsewhere.getAsBoolean();
    }

    private Optional<Entry<J>> head() {
        return queues.values().stream().map(PriorityQueue::peek).filter(e -> e != null).min(ORDER);
    }

    private Optional<Long> dueAt() {
        return head().map(h -> h.enqueuedNanos() + limits.apply(h.job().model()).maxDelayNanos());
    }

    private Batch<J> take(String model, PriorityQueue<Entry<J>> queue, int maxBatch) {
        List<J> jobs = new ArrayList<>();
        List<Long> waited = new ArrayList<>();
        Priority best = queue.peek().job().priority();
        long now = clock.getAsLong();
        int frames = 0;
        while (!queue.isEmpty() && (jobs.isEmpty() || frames + queue.peek().job().frames() <= maxBatch)) {
            Entry<J> e = queue.poll();
            jobs.add(e.job());
            waited.add(now - e.enqueuedNanos());
            frames += e.job().frames();
            depth.merge(e.job().priority(), -1, Integer::sum);
        }
        return new Batch<>(model, best, jobs, waited);
    }

    private int frames(PriorityQueue<Entry<J>> queue) {
        int frames = 0;
        for (Entry<J> e : queue) {
            frames += e.job().frames();
        }
        return frames;
    }

    /** Converts milliseconds of a descriptor or configuration to the scheduler's nanoseconds. */
    public static long nanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
