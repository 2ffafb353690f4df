package io.radstream.ingest.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Lock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.google.common.util.concurrent.Striped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.radstream.ingest.IngestConfig;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.storage.ObjectStore;
import io.radstream.storage.ObjectStoreException;
import io.radstream.storage.StoredObject;

/**
 * Stores a validated image and only then announces it: the object is written to the image store,
 * the {@link ImageArrived} event is acknowledged by Kafka, and only then does the caller answer the
 * client. An acknowledged upload is therefore durable in both places.
 *
 * <p>After Kafka acknowledged the event, an empty marker object {@code announced/<key>} records it.
 * An identical re-send whose object lacks the marker (its first attempt stored the object but
 * Kafka and the clean-up delete both failed) is announced now instead of being answered as a mere
 * duplicate, so a client is never told "stored" for an image no one will analyse — but only after
 * {@code announce-wait}, since a marker may also be missing because another request (here or on another
 * replica) is still announcing the object: that request's marker, or its undo, ends the wait.
 *
 * <p>Of two requests that bring the same SOP Instance at the same moment exactly one stores and
 * announces it, and a different object never replaces one whose client was told it is stored: here,
 * requests for one object key run one at a time; across ingest replicas, the object is created with a
 * conditional PUT ({@link ObjectStore#createIfAbsent}), which S3 and MinIO decide atomically.
 */
@ApplicationScoped
@Startup // settings it cannot work with stop the start
public class ImageIngestor {

    private static final Logger LOG = Logger.getLogger(ImageIngestor.class);

    /** Prefix of the markers of announced objects (outside every tenant's prefix). */
    public static final String ANNOUNCED_PREFIX = "announced/";

    private final ObjectStore store;
    private final ArrivalPublisher publisher;
    private final Pseudonymizer pseudonymizer;
    private final MeterRegistry metrics;
    private final Duration announceWait;
    /** Requests for one object key run one at a time (unrelated keys rarely share a stripe; then they wait briefly). */
    private final Striped<Lock> sameKey = Striped.lazyWeakLock(1024);

    public ImageIngestor(ObjectStore store, ArrivalPublisher publisher, Pseudonymizer pseudonymizer,
                         MeterRegistry metrics, IngestConfig config) {
        StoreSettings.check(config.announceWait(), config.publishTimeoutSeconds(), config.maxInstanceBytes().asLongValue());
        this.announceWait = config.announceWait();
        this.store = store;
        this.publisher = publisher;
        this.pseudonymizer = pseudonymizer;
        this.metrics = metrics;
    }

    public IngestOutcome ingest(IncomingImage image) {
        Lock lock = sameKey.get(image.objectKey());
        lock.lock();
        try {
            return ingestAlone(image);
        } finally {
            lock.unlock();
        }
    }

    private IngestOutcome ingestAlone(IncomingImage image) {
        String key = image.objectKey();
        PeerAnnouncementWait wait = null;
        while (true) {
            Optional<StoredObject> existing = store.stat(key);
            if (existing.isEmpty()) {
                if (storeAndAnnounce(image, key)) {
                    return count(IngestOutcome.STORED);
                }
                continue; // another request created it between the look and the write: see what it stored
            }
            if (!sameObject(existing.get(), image)) {
                return count(IngestOutcome.CONFLICT);
            }
            if (announced(key)) {
                return count(IngestOutcome.DUPLICATE);
            }
            if (wait == null) {
                wait = new PeerAnnouncementWait(announceWait);
                metrics.counter("radstream.ingest.announce.waits").increment();
            }
            if (!wait.waitedForPeer(existing.get().lastModified())) {
                LOG.warnf("%s was stored but never announced (an earlier attempt failed); announcing it now", key);
                announce(image, key);
                return count(IngestOutcome.STORED);
            }
        }
    }

    /**
     * Creates the object (only where none exists, decided by the server) and announces it.
     *
     * @return false when another request created the object first
     */
    private boolean storeAndAnnounce(IncomingImage image, String key) {
        Timer.Sample storeTime = Timer.start(metrics);
        if (!store.createIfAbsent(key, image.path(), image.contentType(),
                Map.of(StoredObject.SHA256, image.file().sha256()))) {
            return false;
        }
        storeTime.stop(stageTimer("radstream.ingest.store", "Storing an image in S3", "format", image.format().name()));
        try {
            announce(image, key);
        } catch (ArrivalPublisher.PublishException e) {
            undo(key); // not acknowledged: undo, so the client's retry is a clean first attempt
            throw e;
        }
        LOG.debugf("Stored and announced %s (%d bytes)", key, image.file().size());
        return true;
    }

    /** Publishes the arrival, waits for Kafka's acknowledgement, then marks the object as announced. */
    private void announce(IncomingImage image, String key) {
        Timer.Sample publishTime = Timer.start(metrics);
        ImageArrived event = arrivalEvent(image);
        publisher.publish(event);
        publishTime.stop(stageTimer("radstream.ingest.publish", "Publishing ImageArrived until Kafka acknowledged it"));
        try {
            store.put(ANNOUNCED_PREFIX + key, event.getEventId().getBytes(StandardCharsets.US_ASCII), "text/plain", Map.of());
        } catch (ObjectStoreException e) {
            // the event is acknowledged, so nothing is lost; an identical re-send would announce it once more
            metrics.counter("radstream.ingest.announce.marker.failures").increment();
            LOG.warnf("%s is announced but its marker could not be written: %s", key, e.getMessage());
        }
    }

    private boolean announced(String key) {
        return store.stat(ANNOUNCED_PREFIX + key).isPresent();
    }

    /** A stage timer with the histogram buckets the dashboard's percentiles (histogram_quantile) need. */
    private Timer stageTimer(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram().register(metrics);
    }

    private void undo(String key) {
        try {
            store.delete(key);
        } catch (ObjectStoreException e) {
            metrics.counter("radstream.ingest.orphans").increment();
            LOG.errorf("Kafka and the image store both failed: %s stays stored without its arrival event "
                    + "until the client re-sends it (the re-send announces it)", key);
        }
    }

    ImageArrived arrivalEvent(IncomingImage image) {
        return ImageArrived.newBuilder()
                .setEventId(eventId(image))
                .setTenant(image.tenant())
                .setStudyInstanceUid(image.studyInstanceUid())
                .setSeriesInstanceUid(image.seriesInstanceUid())
                .setSopInstanceUid(image.sopInstanceUid())
                .setSopClassUid(image.sopClassUid())
                .setModality(image.modality())
                .setBodyPart(image.bodyPart())
                .setFormat(image.format())
                .setFrameCount(image.frameCount())
                .setRows(image.rows())
                .setColumns(image.columns())
                .setObject(ObjectRef.newBuilder().setBucket(store.bucket()).setKey(image.objectKey())
                        .setContentType(image.contentType()).setSizeBytes(image.file().size())
                        .setSha256(image.file().sha256()).build())
                .setPriority(image.priority())
                .setPatientKey(pseudonymizer.pseudonym(image.tenant(), image.patientReference()))
                .setSource(image.source())
                .setReceivedAt(Instant.now())
                .build();
    }

    private static String eventId(IncomingImage image) {
        String name = image.tenant() + "|" + image.sopInstanceUid() + "|" + image.file().sha256();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static boolean sameObject(StoredObject stored, IncomingImage image) {
        return image.file().sha256().equalsIgnoreCase(stored.sha256());
    }

    private IngestOutcome count(IngestOutcome outcome) {
        metrics.counter("radstream.ingest.instances", "outcome", outcome.name()).increment();
        return outcome;
    }
}
