package io.radstream.results.ops;

import io.radstream.results.api.ApiException;
import jakarta.ws.rs.core.Response;

/** Kafka did not report the lanes' offsets in time: answered 503 with Retry-After, like every unready store. */
public class LanesUnavailableException extends ApiException {

    public LanesUnavailableException(String message, Throwable cause) {
        super(Response.Status.SERVICE_UNAVAILABLE, message, cause);
    }
}
