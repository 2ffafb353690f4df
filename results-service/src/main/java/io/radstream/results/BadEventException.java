package io.radstream.results;

/** An event that decodes but breaks the contract of its schema; it goes to the dead-letter topic. */
final class BadEventException extends RuntimeException {

    BadEventException(String message) {
        super(message);
    }
}
