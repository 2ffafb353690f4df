package io.radstream.storage;

import java.time.Instant;
import java.util.Map;

/**
 * Metadata of an object in the image store.
 *
 * @param key          object key inside the bucket
 * @param sizeBytes    object size
 * @param contentType  MIME type
 * @param userMetadata user metadata (lower-case keys), e.g. {@code sha256}
 * @param lastModified when the server stored it (by the server's clock)
 */
public record StoredObject(String key, long sizeBytes, String contentType, Map<String, String> userMetadata,
                           Instant lastModified) {

    public static final String SHA256 = "sha256";

    public String sha256() {
        return userMetadata.get(SHA256);
    }
}
