package io.radstream.storage;

/** The object does not exist in the store. */
public class ObjectNotFoundException extends ObjectStoreException {

    public ObjectNotFoundException(String key) {
        super("No such object: " + key);
    }
}
