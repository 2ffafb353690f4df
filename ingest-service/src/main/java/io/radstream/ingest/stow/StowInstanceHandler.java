package io.radstream.ingest.stow;

import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.radstream.dicom.DicomHeader;
import io.radstream.ingest.IngestConfig;
import io.radstream.ingest.core.ArrivalPublisher;
import io.radstream.ingest.core.DicomInstanceInspector;
import io.radstream.ingest.core.DicomInstanceInspector.Inspection;
import io.radstream.ingest.core.FailureReason;
import io.radstream.ingest.core.ImageIngestor;
import io.radstream.ingest.core.IncomingImage;
import io.radstream.ingest.core.IncomingImages;
import io.radstream.ingest.core.IngestOutcome;
import io.radstream.ingest.core.SpooledFile;
import io.radstream.ingest.stow.StowResource.StowRequest;
import io.radstream.schemas.events.IngestSource;
import io.radstream.storage.ObjectStoreException;

/**
 * Reads, spools and inspects one part of a STOW-RS request on the request thread and hands it to the
 * request's {@link StowPipeline} to be stored; never lets one bad part fail the others.
 */
@ApplicationScoped
class StowInstanceHandler {

    private final DicomInstanceInspector inspector;
    private final ImageIngestor ingestor;
    private final IncomingImages images;
    private final IngestConfig config;

    StowInstanceHandler(DicomInstanceInspector inspector, ImageIngestor ingestor, IncomingImages images,
                        IngestConfig config) {
        this.inspector = inspector;
        this.ingestor = ingestor;
        this.images = images;
        this.config = config;
    }

    void handle(String contentType, InputStream part, StowRequest request, StowPipeline pipeline) throws IOException {
        try (part) {
            if (pipeline.unavailable()) {
                pipeline.add(PartOutcome.failed(null, null, FailureReason.PROCESSING_FAILURE,
                        "Not attempted: the image store or Kafka is unavailable"));
                return;
            }
            if (!"application/dicom".equals(contentType)) {
                pipeline.add(PartOutcome.failed(null, null, FailureReason.CANNOT_UNDERSTAND, "Part of type "
                        + contentType + " is not application/dicom"));
                return;
            }
            SpooledFile file;
            try {
                file = SpooledFile.copy(part, config.maxInstanceBytes().asLongValue());
            } catch (SpooledFile.TooLargeException e) {
                pipeline.add(PartOutcome.failed(null, null, FailureReason.OUT_OF_RESOURCES, e.getMessage()));
                return;
            }
            inspectAndStore(file, request, pipeline);
        }
    }

    /** Takes ownership of {@code file}: it is deleted once the part is refused or stored. */
    private void inspectAndStore(SpooledFile file, StowRequest request, StowPipeline pipeline) {
        boolean handedOver = false;
        try {
            Inspection inspection = inspector.inspect(file);
            if (!inspection.isAccepted()) {
                pipeline.add(PartOutcome.failed(null, null, inspection.failure(), inspection.message()));
                return;
            }
            DicomHeader header = inspection.header();
            if (request.pathStudy() != null && !request.pathStudy().equals(header.studyInstanceUid())) {
                pipeline.add(PartOutcome.failed(header.sopClassUid(), header.sopInstanceUid(),
                        FailureReason.STUDY_MISMATCH, "StudyInstanceUID differs from the study in the request path"));
                return;
            }
            IncomingImage image = images.fromDicom(request.tenant(), header, request.priority(), null,
                    IngestSource.STOW_RS, file);
            pipeline.store(image.objectKey(), () -> storeAndDelete(image, header, request));
            handedOver = true;
        } finally {
            if (!handedOver) {
                file.close();
            }
        }
    }

    private PartOutcome storeAndDelete(IncomingImage image, DicomHeader header, StowRequest request) {
        try (SpooledFile spooled = image.file()) { // deleted once stored or refused
            IngestOutcome outcome = ingestor.ingest(image);
            if (outcome == IngestOutcome.CONFLICT) {
                return PartOutcome.failed(header.sopClassUid(), header.sopInstanceUid(), FailureReason.CONFLICT,
                        "A different object is already stored under this SOP Instance UID");
            }
            return PartOutcome.stored(header.sopClassUid(), header.sopInstanceUid(), request.retrieveUrl(
                    header.studyInstanceUid(), header.seriesInstanceUid(), header.sopInstanceUid()).toString(),
                    header.studyInstanceUid());
        } catch (ObjectStoreException | ArrivalPublisher.PublishException e) {
            // nothing of this instance was kept; the client retries the rest later
            return PartOutcome.unavailable(header.sopClassUid(), header.sopInstanceUid(), e.getMessage());
        }
    }
}
