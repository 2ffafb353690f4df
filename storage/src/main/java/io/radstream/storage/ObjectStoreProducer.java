package io.radstream.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Makes one {@link ObjectStore} per application, closed on shutdown. */
@ApplicationScoped
public class ObjectStoreProducer {

    @Produces
    @ApplicationScoped
    ObjectStore objectStore(S3Config config) {
        return new ObjectStore(config);
    }

    void close(@Disposes ObjectStore store) {
        store.close();
    }
}
