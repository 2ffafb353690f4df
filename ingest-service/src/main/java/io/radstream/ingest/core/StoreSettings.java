package io.radstream.ingest.core;

import java.time.Duration;

import io.radstream.storage.ObjectStore;

/** Checks, at start-up, the settings the storing of an instance depends on. */
final class StoreSettings {

    private StoreSettings() {
    }

    /**
     * @throws IllegalStateException when an instance could not be stored in one PUT, or a re-send could
     *                               stop waiting for a publish that is still running
     */
    static void check(Duration announceWait, int publishTimeoutSeconds, long maxInstanceBytes) {
        if (maxInstanceBytes > ObjectStore.MAX_SINGLE_PUT_BYTES) {
            throw new IllegalStateException("radstream.ingest.max-instance-bytes (" + maxInstanceBytes
                    + ") is more than one S3 PUT may carry (" + ObjectStore.MAX_SINGLE_PUT_BYTES + ")");
        }
        if (announceWait.compareTo(Duration.ofSeconds(publishTimeoutSeconds)) <= 0) {
            throw new IllegalStateException("radstream.ingest.announce-wait (" + announceWait + ") must be longer than "
                    + "radstream.ingest.publish-timeout-seconds (" + publishTimeoutSeconds + "), or a re-send could "
                    + "announce an instance whose first request is still publishing");
        }
    }
}
