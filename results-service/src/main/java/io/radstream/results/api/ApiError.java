package io.radstream.results.api;

/** The JSON body of every error answer. */
public record ApiError(int status, String error, String message) {
}
