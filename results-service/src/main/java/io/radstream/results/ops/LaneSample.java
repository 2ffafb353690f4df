package io.radstream.results.ops;

import java.time.Instant;

/**
 * One image lane as Kafka saw it at {@code sampledAt}: images published so far (sum of end offsets),
 * images inference has committed, the backlog between them, and the publish rate since the previous sample.
 */
public record LaneSample(String lane, String topic, long published, long consumed, long lag,
                         double imagesPerSecond, Instant sampledAt) {
}
