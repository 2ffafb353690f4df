package io.radstream.ingest.core;

/** What happened to one image handed to the {@link ImageIngestor}. */
public enum IngestOutcome {
    /** Stored and announced. */
    STORED,
    /** The identical object (same key, same SHA-256) was stored before: nothing new is published. */
    DUPLICATE,
    /** A different object is already stored under this SOP Instance UID: refused. */
    CONFLICT
}
