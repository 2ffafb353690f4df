package io.radstream.ingest.stow;

/** A whole STOW-RS request is refused before any instance is stored. */
public class StowException extends RuntimeException {

    private final int status;

    public StowException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
