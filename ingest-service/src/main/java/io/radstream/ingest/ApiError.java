package io.radstream.ingest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON body of every error answer: the HTTP status and a message a person can act on. */
public record ApiError(int status, String error) {

    /** The answer carrying this error as JSON. */
    public static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, message)).build();
    }
}
