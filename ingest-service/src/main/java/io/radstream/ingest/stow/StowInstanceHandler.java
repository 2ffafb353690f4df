package io.radstream.ingest.stow;

import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.radstream.dicom.DicomHeader;
import io.radstream.ingest.IngestConfig;
import io.radstream.ingest.core.DicomInstanceInspector;
import io.radstream.ingest.core.DicomInstanceInspector.Inspection;
import io.radstream.ingest.core.FailureReason;
import io.radstream.ingest.core.ImageIngestor;
import io.radstream.ingest.core.IncomingImages;
import io.radstream.ingest.core.IngestOutcome;
import io.radstream.ingest.core.SpooledFile;
import io.radstream.ingest.stow.StowResource.StowRequest;
import io.radstream.schemas.events.IngestSource;
import io.radstream.storage.ObjectStoreException;

/** Stores one part of a STOW-RS request and records its outcome; never lets one bad part fail the others. */
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

    /** Returns the StudyInstanceUID of the part when stored, else {@code lastStudy}. */
    String handle(String contentType, InputStream part, StowRequest request, StowResult result, String lastStudy)
            throws IOException {
        try (part) {
            if (result.isUnavailable()) {
                result.failed(null, null, FailureReason.PROCESSING_FAILURE,
                        "Not attempted: the image store or Kafka is unavailable");
                return lastStudy;
            }
            if (!"application/dicom".equals(contentType)) {
                result.failed(null, null, FailureReason.CANNOT_UNDERSTAND, "Part of type " + contentType
                        + " is not application/dicom");
                return lastStudy;
            }
            try (SpooledFile file = SpooledFile.copy(part, config.maxInstanceBytes().asLongValue())) {
                return storeInspected(file, request, result, lastStudy);
            } catch (SpooledFile.TooLargeException e) {
                result.failed(null, null, FailureReason.OUT_OF_RESOURCES, e.getMessage());
                return lastStudy;
            }
        }
    }

    private String storeInspected(SpooledFile file, StowRequest request, StowResult result, String lastStudy) {
        Inspection inspection = inspector.inspect(file);
        if (!inspection.isAccepted()) {
            result.failed(null, null, inspection.failure(), inspection.message());
            return lastStudy;
        }
        DicomHeader header = inspection.header();
        if (request.pathStudy() != null && !request.pathStudy().equals(header.studyInstanceUid())) {
            result.failed(header.sopClassUid(), header.sopInstanceUid(), FailureReason.STUDY_MISMATCH,
                    "StudyInstanceUID differs from the study in the request path");
            return lastStudy;
        }
        try {
            IngestOutcome outcome = ingestor.ingest(images.fromDicom(request.tenant(), header, request.priority(), null, IngestSource.STOW_RS, file));
            if (outcome == IngestOutcome.CONFLICT) {
                result.failed(header.sopClassUid(), header.sopInstanceUid(), FailureReason.CONFLICT,
                        "A different object is already stored under this SOP Instance UID");
                return lastStudy;
            }
        } catch (ObjectStoreException | io.radstream.ingest.core.ArrivalPublisher.PublishException e) {
            result.markUnavailable(); // nothing of this instance was kept; the client retries the rest later
            result.failed(header.sopClassUid(), header.sopInstanceUid(), FailureReason.PROCESSING_FAILURE, e.getMessage());
            return lastStudy;
        }
        result.stored(header.sopClassUid(), header.sopInstanceUid(), request.retrieveUrl(header.studyInstanceUid(),
                header.seriesInstanceUid(), header.sopInstanceUid()).toString());
        return header.studyInstanceUid();
    }
}
