package io.radstream.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;

/** The RadStream image bucket: objects are written once, read by key, never carry PHI in keys. */
public class ObjectStore implements AutoCloseable {

    /** The largest object one S3 PUT may carry (5 GiB). */
    public static final long MAX_SINGLE_PUT_BYTES = 5L * 1024 * 1024 * 1024;

    private final MinioClient client;
    private final String bucket;

    public ObjectStore(S3Config config) {
        this.client = MinioClient.builder().endpoint(config.endpoint()).region(config.region())
                .credentials(config.accessKey(), config.secretKey()).build();
        this.bucket = config.bucket();
    }

    public String bucket() {
        return bucket;
    }

    public void ensureBucket() {
        call("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        });
    }

    public boolean isReachable() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Writes a file only where no object has {@code key} yet: one PUT with {@code If-None-Match: *}, so
     * the server decides atomically and two writers of the same key can never both succeed (nor the
     * second overwrite the first). Always a single-part PUT streamed from the file (a multipart upload
     * would need the condition on its completion, which not every S3 server checks), hence at most
     * {@link #MAX_SINGLE_PUT_BYTES}.
     *
     * @return false when an object with the key exists (HTTP 412), true when this call created it
     * @throws IllegalArgumentException for a file larger than a single PUT may be
     */
    public boolean createIfAbsent(String key, Path file, String contentType, Map<String, String> userMetadata) {
        long size = call("size of " + file, () -> Files.size(file));
        if (size > MAX_SINGLE_PUT_BYTES) {
            throw new IllegalArgumentException(key + " has " + size + " bytes, more than one PUT may carry");
        }
        return call("create " + key, () -> {
            try {
                client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
                        .filename(file.toString(), MAX_SINGLE_PUT_BYTES).contentType(contentType)
                        .userMetadata(userMetadata).headers(Map.of("If-None-Match", "*")).build());
                return true;
            } catch (ErrorResponseException e) {
                if (e.response().code() == 412 || "PreconditionFailed".equals(e.errorResponse().code())) {
                    return false;
                }
                throw e;
            }
        });
    }

    public void put(String key, byte[] bytes, String contentType, Map<String, String> userMetadata) {
        call("put " + key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType)
                .userMetadata(userMetadata).build()));
    }

    public Optional<StoredObject> stat(String key) {
        return call("stat " + key, () -> {
            try {
                StatObjectResponse r = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                Map<String, String> meta = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                meta.putAll(r.userMetadata());
                return Optional.of(new StoredObject(key, r.size(), r.contentType(), meta, r.lastModified().toInstant()));
            } catch (ErrorResponseException e) {
                if ("NoSuchKey".equals(e.errorResponse().code())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /**
     * Reads a whole object in one GET, refusing objects larger than {@code maxBytes}: by the declared
     * Content-Length before reading, and by reading at most {@code maxBytes + 1} bytes when none is
     * declared. (One request instead of a stat and a get: this runs once per image in inference.)
     */
    public byte[] get(String key, long maxBytes) {
        return call("get " + key, () -> {
            try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                String declared = in.headers().get("Content-Length");
                if (declared != null && Long.parseLong(declared.trim()) > maxBytes) {
                    throw tooLarge(key, declared.trim(), maxBytes);
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw tooLarge(key, "more than " + maxBytes, maxBytes);
                }
                return bytes;
            } catch (ErrorResponseException e) {
                if ("NoSuchKey".equals(e.errorResponse().code())) {
                    throw new ObjectNotFoundException(key);
                }
                throw e;
            }
        });
    }

    private static ObjectTooLargeException tooLarge(String key, String size, long maxBytes) {
        return new ObjectTooLargeException("Object " + key + " has " + size + " bytes, limit " + maxBytes);
    }

    /** Key and size of at most {@code max} objects whose key starts with {@code prefix}, in key order. */
    public List<StoredObject> list(String prefix, int max) {
        return call("list " + prefix, () -> {
            List<StoredObject> objects = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).maxKeys(Math.min(max, 1000)).build())) {
                if (objects.size() >= max) {
                    break;
                }
                Item item = result.get();
                objects.add(new StoredObject(item.objectName(), item.size(), null, Map.of(),
                        item.lastModified() == null ? null : item.lastModified().toInstant()));
            }
            return objects;
        });
    }

    /** Removes an object; used to undo a write whose announcement failed, so a retry starts clean. */
    public void delete(String key) {
        call("delete " + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new ObjectStoreException("Cannot close the S3 client", e);
        }
    }

    private interface S3Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(String what, S3Call<T> call) {
        try {
            return call.run();
        } catch (ObjectStoreException e) {
            throw e;
        } catch (IOException e) {
            throw new ObjectStoreException("S3 " + what + " failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new ObjectStoreException("S3 " + what + " failed: " + e.getMessage(), e);
        }
    }
}
