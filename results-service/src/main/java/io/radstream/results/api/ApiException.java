package io.radstream.results.api;

import jakarta.ws.rs.core.Response;

/** A request the API refuses with a status and a message for the client. */
public class ApiException extends RuntimeException {

    private final Response.Status status;

    public ApiException(Response.Status status, String message) {
        this(status, message, null);
    }

    public ApiException(Response.Status status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public Response.Status status() {
        return status;
    }
}
