package io.radstream.ingest.core;

import java.time.Duration;
import java.time.Instant;

import io.radstream.storage.ObjectStoreException;

/**
 * The time a re-send gives the request that stored the same object to announce it (or to undo it):
 * an object stored without its marker is either still being announced — by a request in flight here
 * or on another ingest replica — or was left behind by an attempt whose publish and clean-up both
 * failed. Only once no attempt can still be running is it announced by the re-send.
 */
final class PeerAnnouncementWait {

    private static final Duration POLL = Duration.ofMillis(50);

    private final Duration window;
    private final long deadlineNanos;

    PeerAnnouncementWait(Duration window) {
        this.window = window;
        this.deadlineNanos = System.nanoTime() + window.toNanos();
    }

    /**
     * Waits one poll interval, unless no attempt can still be announcing the object.
     *
     * @param storedAt when the server stored the object (null when unknown)
     * @return true after waiting (look again), false when the object is left behind and the caller announces it
     */
    boolean waitedForPeer(Instant storedAt) {
        boolean storedLongAgo = storedAt != null && storedAt.plus(window).isBefore(Instant.now());
        if (storedLongAgo || System.nanoTime() >= deadlineNanos) {
            return false;
        }
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException("Interrupted while waiting for another request's announcement", e);
        }
        return true;
    }
}
