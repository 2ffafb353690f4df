package io.radstream.ingest;

/** The JSON body of every error answer: the HTTP status and a message a person can act on. */
public record ApiError(int status, String error) {
}
