package io.radstream.results.api;

import java.time.Instant;

/** The answer to an acknowledgement: the acknowledgement that counts, and whether it was an earlier one. */
public record AckView(String alertId, String acknowledgedBy, Instant acknowledgedAt, boolean alreadyAcknowledged) {
}
