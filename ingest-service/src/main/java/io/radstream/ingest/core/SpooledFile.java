package io.radstream.ingest.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.radstream.storage.Sha256;

/**
 * An uploaded object copied to a temporary file while its SHA-256 is computed, so large bodies never
 * sit in memory. Copying stops with {@link TooLargeException} past the configured limit.
 */
public final class SpooledFile implements AutoCloseable {

    private final Path path;
    private final long size;
    private final String sha256;

    private SpooledFile(Path path, long size, String sha256) {
        this.path = path;
        this.size = size;
        this.sha256 = sha256;
    }

    public static SpooledFile copy(InputStream in, long maxBytes) throws IOException {
        Path path = Files.createTempFile("radstream-ingest-", ".part");
        try (OutputStream file = Files.newOutputStream(path)) {
            MessageDigest digest = Sha256.newDigest();
            long size = copyBounded(in, new DigestOutputStream(file, digest), maxBytes);
            return new SpooledFile(path, size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    public static SpooledFile of(Path existing, long maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(existing)) {
            return copy(in, maxBytes);
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a temp file left behind is cleaned by the OS; nothing is lost
        }
    }

    private static long copyBounded(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new TooLargeException("Object exceeds the limit of " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    /** The object is larger than allowed. */
    public static final class TooLargeException extends IOException {
        public TooLargeException(String message) {
            super(message);
        }
    }
}
