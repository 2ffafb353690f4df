package io.radstream.inference.scheduler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts STAT images in process (from being read until their findings are acknowledged). While any is,
 * no new non-STAT work is fetched and no non-STAT batch starts: on a small machine STAT then gets the
 * cores, not just the front of every queue. Work already running finishes (at most one batch).
 */
public final class StatGate {

    private final AtomicInteger inProcess = new AtomicInteger();

    public void enter() {
        inProcess.incrementAndGet();
    }

    public void leave() {
        inProcess.decrementAndGet();
    }

    public boolean active() {
        return inProcess.get() > 0;
    }
}
