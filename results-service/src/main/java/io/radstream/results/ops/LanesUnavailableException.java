package io.radstream.results.ops;

/** Kafka did not report the lanes' offsets in time; the operations API answers 503 with Retry-After. */
public class LanesUnavailableException extends RuntimeException {

    public LanesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
