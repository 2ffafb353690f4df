package io.radstream.results.api;

/**
 * Body of {@code POST /api/v1/alerts/{alertId}/ack}: who acknowledges (a staff identifier, never a
 * patient identifier) and an optional note. The time is the server's.
 */
public record AckRequest(String by, String note) {

    static final int MAX_BY = 128;
    static final int MAX_NOTE = 1000;

    void validate() {
        if (by == null || by.isBlank() || by.length() > MAX_BY || hasControl(by)) {
            throw new ApiException(jakarta.ws.rs.core.Response.Status.BAD_REQUEST,
                    "\"by\" must name who acknowledges (1 to " + MAX_BY + " printable characters)");
        }
        if (note != null && (note.length() > MAX_NOTE)) {
            throw new ApiException(jakarta.ws.rs.core.Response.Status.BAD_REQUEST,
                    "\"note\" is longer than " + MAX_NOTE + " characters");
        }
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
