package io.radstream.ingest.stow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.radstream.ingest.core.FailureReason;

/**
 * Stores the parts of one STOW-RS request a few at a time: while earlier instances are written to S3 and
 * announced on Kafka (network waits), the request thread reads, hashes and inspects the next one. At most
 * {@code depth} parts are pending; outcomes are recorded in request order; two parts with the same object
 * key never run at once (the second sees the first as stored, exactly as one after the other). Closing
 * waits for every part still running, so nothing outlives the request.
 */
final class StowPipeline implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StowPipeline.class);

    private record Pending(String objectKey, CompletableFuture<PartOutcome> outcome) {
    }

    private final Executor executor;
    private final int depth;
    private final StowResult result;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private String lastStoredStudy;

    StowPipeline(Executor executor, int depth, StowResult result) {
        this.executor = executor;
        this.depth = Math.max(1, depth);
        this.result = result;
    }

    /** A part decided without storing it (refused, or not attempted). */
    void add(PartOutcome outcome) {
        pending.add(new Pending(null, CompletableFuture.completedFuture(outcome)));
        recordFinished();
    }

    /** Runs {@code store} for the part stored under {@code objectKey} once a place is free and no part of that key runs. */
    void store(String objectKey, Supplier<PartOutcome> store) {
        awaitPartsOf(objectKey);
        while (pending.size() >= depth) {
            recordOldest();
        }
        pending.add(new Pending(objectKey, CompletableFuture.supplyAsync(store, executor)
                .exceptionally(StowPipeline::processingFailure)));
    }

    /** Whether a part already recorded found the store or Kafka down (later parts are then not attempted). */
    boolean unavailable() {
        recordFinished();
        return result.isUnavailable();
    }

    /** Waits for every part, records them and returns the StudyInstanceUID of the last stored part (or null). */
    String finish() {
        while (!pending.isEmpty()) {
            recordOldest();
        }
        return lastStoredStudy;
    }

    @Override
    public void close() {
        pending.forEach(part -> part.outcome().exceptionally(e -> null).join());
    }

    private void awaitPartsOf(String objectKey) {
        while (pending.stream().anyMatch(part -> objectKey.equals(part.objectKey()))) {
            recordOldest();
        }
    }

    private void recordFinished() {
        while (!pending.isEmpty() && pending.peekFirst().outcome().isDone()) {
            recordOldest();
        }
    }

    private void recordOldest() {
        PartOutcome outcome = pending.peekFirst().outcome().join();
        pending.removeFirst();
        outcome.applyTo(result);
        if (outcome.storedStudy() != null) {
            lastStoredStudy = outcome.storedStudy();
        }
    }

    private static PartOutcome processingFailure(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        LOG.error("Storing a STOW-RS instance failed unexpectedly", cause);
        return PartOutcome.failed(null, null, FailureReason.PROCESSING_FAILURE,
                "Processing failure (" + cause.getClass().getSimpleName() + ")");
    }
}
