package io.radstream.ingest.upload;

/** An upload refused with a 4xx status and a message for the sender. */
public class UploadException extends RuntimeException {

    private final int status;

    public UploadException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
