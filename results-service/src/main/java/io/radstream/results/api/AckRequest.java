package io.radstream.results.api;

import jakarta.ws.rs.core.Response.Status;

/**
 * Body of {@code POST /api/v1/alerts/{alertId}/ack} (optional): an optional note. Who acknowledges
 * is the token's principal; {@code by}, if given, must name that same principal (a client may not
 * acknowledge on someone else's behalf). The time is the server's.
 */
public record AckRequest(String by, String note) {

    static final int MAX_BY = 128;
    static final int MAX_NOTE = 1000;

    /** The request of a caller who sent no body. */
    static final AckRequest EMPTY = new AckRequest(null, null);

    void validate() {
        if (by != null && !isStaffId(by)) {
            throw new ApiException(Status.BAD_REQUEST,
                    "\"by\" must name who acknowledges (1 to " + MAX_BY + " printable characters) or be left out");
        }
        if (note != null && (note.length() > MAX_NOTE)) {
            throw new ApiException(Status.BAD_REQUEST, "\"note\" is longer than " + MAX_NOTE + " characters");
        }
    }

    /**
     * Who acknowledges: the authenticated principal.
     * @throws ApiException 403 when the principal is unusable as a staff id, or {@code by} names someone else
     */
    String who(String principal) {
        if (principal == null || !isStaffId(principal)) {
            throw new ApiException(Status.FORBIDDEN, "The token's principal cannot be recorded as who acknowledges");
        }
        if (by != null && !by.strip().equals(principal)) {
            throw new ApiException(Status.FORBIDDEN, "\"by\" must be the token's principal (" + principal
                    + ") or be left out: an acknowledgement is recorded for who is signed in");
        }
        return principal;
    }

    static boolean isStaffId(String text) {
        return !text.isBlank() && text.length() <= MAX_BY && text.chars().noneMatch(Character::isISOControl);
    }
}
