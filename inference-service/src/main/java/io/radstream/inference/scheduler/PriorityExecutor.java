package io.radstream.inference.scheduler;

import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.radstream.schemas.events.Priority;

/**
 * A fixed pool whose waiting tasks run STAT first, then URGENT, then ROUTINE, each in submission order:
 * post-processing (heatmaps, masks, artifact uploads) of a STAT image never queues behind a routine
 * backlog.
 */
public final class PriorityExecutor {

    private record Ranked(int rank, long seq, Runnable task) implements Runnable, Comparable<Ranked> {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public int compareTo(Ranked o) {
            return rank != o.rank ? Integer.compare(rank, o.rank) : Long.compare(seq, o.seq);
        }
    }

    private final ThreadPoolExecutor pool;
    private final AtomicLong seq = new AtomicLong();

    public PriorityExecutor(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, name + "-" + n.getAndIncrement());
                    t.setDaemon(true);
                    return t;
                });
    }

    public void execute(Priority priority, Runnable task) {
        pool.execute(new Ranked(BatchScheduler.rank(priority), seq.getAndIncrement(), task));
    }

    /** Tasks waiting for a thread. */
    public int waiting() {
        return pool.getQueue().size();
    }

    public void shutdown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
