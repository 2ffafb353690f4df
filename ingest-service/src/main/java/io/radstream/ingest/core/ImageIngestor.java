package io.radstream.ingest.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.storage.ObjectStore;
import io.radstream.storage.ObjectStoreException;
import io.radstream.storage.StoredObject;

/**
 * Stores a validated image and only then announces it: the object is written to the image store,
 * the {@link ImageArrived} event is acknowledged by Kafka, and only then does the caller answer the
 * client. An acknowledged upload is therefore durable in both places.
 */
@ApplicationScoped
public class ImageIngestor {

    private static final Logger LOG = Logger.getLogger(ImageIngestor.class);

    private final ObjectStore store;
    private final ArrivalPublisher publisher;
    private final Pseudonymizer pseudonymizer;
    private final MeterRegistry metrics;

    public ImageIngestor(ObjectStore store, ArrivalPublisher publisher, Pseudonymizer pseudonymizer,
                         MeterRegistry metrics) {
        this.store = store;
        this.publisher = publisher;
        this.pseudonymizer = pseudonymizer;
        this.metrics = metrics;
    }

    public IngestOutcome ingest(IncomingImage image) {
        String key = image.objectKey();
        Optional<StoredObject> existing = store.stat(key);
        if (existing.isPresent()) {
            return sameObject(existing.get(), image) ? count(IngestOutcome.DUPLICATE) : count(IngestOutcome.CONFLICT);
        }
        Timer.Sample storeTime = Timer.start(metrics);
        store.put(key, image.path(), image.contentType(), Map.of(StoredObject.SHA256, image.file().sha256()));
        storeTime.stop(stageTimer("radstream.ingest.store", "Storing an image in S3", "format", image.format().name()));

        Timer.Sample publishTime = Timer.start(metrics);
        try {
            publisher.publish(arrivalEvent(image));
        } catch (ArrivalPublisher.PublishException e) {
            undo(key); // not acknowledged: undo, so the client's retry is a clean first attempt
            throw e;
        }
        publishTime.stop(stageTimer("radstream.ingest.publish", "Publishing ImageArrived until Kafka acknowledged it"));
        LOG.debugf("Stored and announced %s (%d bytes)", key, image.file().size());
        return count(IngestOutcome.STORED);
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
            LOG.errorf("Kafka and the image store both failed: %s stays stored without its arrival event; "
                    + "a re-send is answered as a duplicate until it is removed", key);
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
