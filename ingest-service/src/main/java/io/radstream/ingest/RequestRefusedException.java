package io.radstream.ingest;

/** A request refused as a whole with a 4xx status and a message for the sender (answered as {@link ApiError}). */
public class RequestRefusedException extends RuntimeException {

    private final int status;

    public RequestRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
