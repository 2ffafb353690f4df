package io.radstream.ingest;

import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the ingest service. */
@ConfigMapping(prefix = "radstream.ingest")
public interface IngestConfig {

    /** Tenant used when a request names none. */
    @WithDefault("default")
    String tenant();

    /** Secret of the keyed HMAC that turns patient references into pseudonyms; required outside dev/test. */
    Optional<String> pseudonymKey();

    /** Largest single instance or upload accepted (413 above). */
    @WithDefault("256M")
    MemorySize maxInstanceBytes();

    /** Largest number of instances in one STOW-RS request. */
    @WithDefault("2000")
    int maxInstancesPerRequest();

    /** Base URL clients use to reach this service (for RetrieveURL); derived from the request when absent. */
    Optional<String> publicBaseUrl();

    /** How long to wait for Kafka to acknowledge an image-arrival event before answering with an error. */
    @WithDefault("30")
    int publishTimeoutSeconds();
}
