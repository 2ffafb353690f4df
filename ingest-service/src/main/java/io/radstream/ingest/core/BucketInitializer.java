package io.radstream.ingest.core;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.radstream.storage.ObjectStore;
import io.radstream.storage.ObjectStoreException;

/**
 * Creates the image bucket at start-up when the store does not have it yet. An unreachable store does
 * not stop the service: readiness reports it and uploads are answered 503 until it is back.
 */
public class BucketInitializer {

    private static final Logger LOG = Logger.getLogger(BucketInitializer.class);

    void onStart(@Observes StartupEvent event, ObjectStore store) {
        try {
            store.ensureBucket();
        } catch (ObjectStoreException e) {
            LOG.warnf("Image store unreachable at start-up (%s); uploads are answered 503 until it is back", e.getMessage());
        }
    }
}
