package io.radstream.ingest.core;

import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.radstream.storage.ObjectStore;

/** Creates the image bucket at start-up when the store does not have it yet. */
public class BucketInitializer {

    void onStart(@Observes StartupEvent event, ObjectStore store) {
        store.ensureBucket();
    }
}
