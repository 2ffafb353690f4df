package io.radstream.ingest;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.radstream.auth.ServiceAuth;

/** Ingest's callers are identified as configured under {@code radstream.ingest.auth} (shared {@code auth} module). */
public class IngestAuth {

    @Produces
    @Singleton
    ServiceAuth serviceAuth(IngestConfig config) {
        return new ServiceAuth("radstream.ingest.auth", config.auth());
    }
}
