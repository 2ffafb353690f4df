package io.radstream.ingest.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.radstream.ingest.IngestConfig;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.AuditEvent;

/**
 * Write-ahead outbox of audit events on local disk: an event is a file (its Avro value as published)
 * from before the client hears the answer until Kafka has acknowledged it, so neither a broker outage
 * nor a crash loses the record. Files are written to a temporary name, forced to disk and renamed, so a
 * pending file is always complete; file names start with the event time, so replay keeps the order.
 */
@ApplicationScoped
public class AuditOutbox {

    static final String PENDING = ".audit";
    static final String CORRUPT = ".corrupt";

    private final Path dir;

    @Inject
    public AuditOutbox(IngestConfig config) {
        this(Path.of(config.audit().outboxDir()));
    }

    /** An outbox in {@code dir} (created when missing). */
    public AuditOutbox(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the audit outbox " + dir, e);
        }
    }

    /** Keeps {@code event} durably until {@link #delete} is called; returns its file. */
    public Path write(AuditEvent event) throws IOException {
        byte[] value = Topics.AUDIT.valueSerde().serializer().serialize(Topics.AUDIT.name(), event);
        String name = event.getOccurredAt().toEpochMilli() + "-" + event.getEventId();
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(value));
            out.force(true);
        }
        return Files.move(tmp, dir.resolve(name + PENDING), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The events not yet acknowledged, oldest first. */
    public List<Path> pending() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(PENDING)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the audit outbox " + dir, e);
        }
    }

    /** The event kept in {@code file}; {@link UnreadableRecordException} when it is not one. */
    public AuditEvent read(Path file) throws IOException {
        byte[] value = Files.readAllBytes(file);
        try {
            return Topics.AUDIT.valueSerde().deserializer().deserialize(Topics.AUDIT.name(), value);
        } catch (RuntimeException e) {
            throw new UnreadableRecordException(file + " holds no audit event: " + e.getMessage());
        }
    }

    /** Sets an unreadable file aside (renamed, never replayed, kept for inspection). */
    void quarantine(Path file) throws IOException {
        String name = file.getFileName().toString();
        Files.move(file, file.resolveSibling(name.substring(0, name.length() - PENDING.length()) + CORRUPT),
                StandardCopyOption.REPLACE_EXISTING);
    }

    void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    Path dir() {
        return dir;
    }

    /** A pending file that does not decode as an audit event. */
    public static final class UnreadableRecordException extends IOException {
        UnreadableRecordException(String message) {
            super(message);
        }
    }
}
