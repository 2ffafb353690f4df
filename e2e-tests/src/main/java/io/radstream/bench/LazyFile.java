package io.radstream.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file's stream opened on first read, so a long request body holds one open file at a time. */
final class LazyFile extends InputStream {

    private final Path file;
    private InputStream in;

    private LazyFile(Path file) {
        this.file = file;
    }

    static InputStream of(Path file) {
        return new LazyFile(file);
    }

    private InputStream in() {
        if (in == null) {
            try {
                in = Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return in;
    }

    @Override
    public int read() throws IOException {
        return in().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in().read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }
}
