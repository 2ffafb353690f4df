package io.radstream.inference.pipeline;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.radstream.inference.image.DecodedImage;
import io.radstream.inference.image.ImageDecoder;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.storage.ObjectNotFoundException;
import io.radstream.storage.ObjectStore;
import io.radstream.storage.ObjectStoreException;
import io.radstream.storage.ObjectTooLargeException;

/** Fetches an image from the store (bounded retries with backoff for transient errors) and decodes it. */
final class ImageFetcher {

    private static final Logger LOG = Logger.getLogger(ImageFetcher.class);
    static final String RETRIES_METRIC = "radstream.inference.fetch.retries";

    private final ObjectStore store;
    private final ImageDecoder decoder = new ImageDecoder();
    private final long maxBytes;
    private final int attempts;
    private final MeterRegistry metrics;

    ImageFetcher(ObjectStore store, long maxBytes, int attempts, MeterRegistry metrics) {
        this.store = store;
        this.maxBytes = maxBytes;
        this.attempts = Math.max(1, attempts);
        this.metrics = metrics;
    }

    WorkItem fetch(ConsumerRecord<String, byte[]> record, ImageArrived arrival, long dequeued) {
        long t0 = System.nanoTime();
        byte[] bytes = fetchWithRetries(arrival.getObject().getKey());
        long t1 = System.nanoTime();
        List<DecodedImage> frames = decoder.decode(bytes, arrival.getFormat());
        long t2 = System.nanoTime();
        metrics.timer("radstream.inference.fetch").record(java.time.Duration.ofNanos(t1 - t0));
        metrics.timer("radstream.inference.decode").record(java.time.Duration.ofNanos(t2 - t1));
        return new WorkItem(record, arrival, frames, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, dequeued);
    }

    private byte[] fetchWithRetries(String key) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.get(key, maxBytes);
            } catch (ObjectNotFoundException | ObjectTooLargeException e) {
                throw e; // permanent: no retry
            } catch (ObjectStoreException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                LOG.warnf("Image store error on attempt %d of %d: %s", attempt, attempts, e.getMessage());
                metrics.counter(RETRIES_METRIC).increment();
                backoff(attempt);
            }
        }
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(200L << Math.min(attempt, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException("Interrupted while retrying", e);
        }
    }
}
