package io.radstream.storage;

/** The object is larger than the reader accepts: permanent, so not worth a retry. */
public class ObjectTooLargeException extends ObjectStoreException {

    public ObjectTooLargeException(String message) {
        super(message);
    }
}
