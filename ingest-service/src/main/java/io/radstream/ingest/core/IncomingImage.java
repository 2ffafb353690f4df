package io.radstream.ingest.core;

import java.nio.file.Path;

import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;
import io.radstream.schemas.events.Priority;

/**
 * A validated image spooled to a local file, ready to be stored and announced.
 *
 * @param patientReference the clear patient reference; pseudonymised before anything leaves the service
 */
public record IncomingImage(String tenant, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
                            String sopClassUid, String modality, String bodyPart, ImageFormat format, int frameCount,
                            int rows, int columns, Priority priority, String patientReference, IngestSource source,
                            SpooledFile file) {

    public String objectKey() {
        return String.join("/", tenant, studyInstanceUid, seriesInstanceUid, sopInstanceUid) + "." + extension();
    }

    public String contentType() {
        return switch (format) {
            case DICOM -> "application/dicom";
            case PNG -> "image/png";
            case JPEG -> "image/jpeg";
        };
    }

    private String extension() {
        return switch (format) {
            case DICOM -> "dcm";
            case PNG -> "png";
            case JPEG -> "jpg";
        };
    }

    public Path path() {
        return file.path();
    }
}
