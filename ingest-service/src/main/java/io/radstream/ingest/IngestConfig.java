package io.radstream.ingest;

import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.radstream.auth.AuthConfig;
import io.radstream.schemas.events.Priority;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the ingest service. */
@ConfigMapping(prefix = "radstream.ingest")
public interface IngestConfig {

    /** Secret of the keyed HMAC that turns patient references into pseudonyms; required outside dev/test. */
    Optional<String> pseudonymKey();

    /** Largest single instance or upload accepted (413 above). */
    @WithDefault("256M")
    MemorySize maxInstanceBytes();

    /** Largest number of instances in one STOW-RS request. */
    @WithDefault("2000")
    int maxInstancesPerRequest();

    /**
     * How much of a STOW-RS body the service reads ahead of the parser at most (per request); the rest
     * waits on the client side (TCP flow control).
     */
    @WithDefault("1M")
    MemorySize stowReadAhead();

    /**
     * How many instances of one STOW-RS request may be pending at once: while earlier ones are stored in
     * S3 and announced on Kafka, the next is read, hashed and inspected (1: strictly one after another).
     * Each pending instance holds its spooled file on local disk, never in memory.
     */
    @WithDefault("4")
    int stowInstancesInFlight();

    /** Threads that store STOW-RS instances, shared by all requests (each bounded by stow-instances-in-flight). */
    @WithDefault("8")
    int stowStoreThreads();

    /** How long a STOW-RS body may stall (no bytes arriving) before the request is refused. */
    @WithDefault("60s")
    java.time.Duration bodyReadTimeout();

    /** Base URL clients use to reach this service (for RetrieveURL); derived from the request when absent. */
    Optional<String> publicBaseUrl();

    /** How long to wait for Kafka to acknowledge an image-arrival event before answering with an error. */
    @WithDefault("30")
    int publishTimeoutSeconds();

    /**
     * How long a re-send of an instance that is stored but not yet announced waits for the request
     * that stored it (still publishing, here or on another ingest replica) to announce it or to undo
     * it, before announcing it itself as left behind by a failed attempt. Longer than
     * {@code publish-timeout-seconds}, so a publish in progress always ends first.
     */
    @WithDefault("45s")
    java.time.Duration announceWait();

    /** Seconds a client is asked to wait (Retry-After) when the store or Kafka is unavailable. */
    @WithDefault("10")
    int retryAfterSeconds();

    /** How an image's reading priority is decided when neither the request nor the DICOM object says. */
    PriorityRouting priority();

    /** Bearer-token authentication (the verification key itself is {@code mp.jwt.verify.publickey.location}). */
    AuthConfig auth();

    /** Routing rules, tried in order; the first that matches decides. */
    interface PriorityRouting {
        /** The priority when no rule matches. */
        @WithDefault("ROUTINE")
        Priority fallback();

        java.util.List<Rule> rules();

        /** Matches when every given criterion matches (absent criteria match anything). */
        interface Rule {
            /** DICOM modality code, e.g. CT (case-insensitive). */
            Optional<String> modality();

            /** DICOM body part, e.g. HEAD (case-insensitive). */
            Optional<String> bodyPart();

            /**
             * Regular expression found (case-insensitively) in the requesting department: Institutional
             * Department Name (0008,1040) or Requesting Service (0032,1033), or the upload's metadata.department.
             */
            Optional<String> department();

            Priority priority();
        }
    }

    /** The audit trail of upload requests. */
    Audit audit();

    /** Where unacknowledged audit events wait, and how often they are sent again. */
    interface Audit {
        /**
         * Directory of the audit outbox (one small file per event until Kafka acknowledged it). Put it on
         * persistent storage in production so events survive a restart of the container.
         */
        String outboxDir();

        /** How often the outbox is sent again (also once at start-up). */
        @WithDefault("10s")
        java.time.Duration replayInterval();
    }

}
