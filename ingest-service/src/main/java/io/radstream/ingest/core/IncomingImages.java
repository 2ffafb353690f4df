package io.radstream.ingest.core;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.radstream.dicom.DicomHeader;
import io.radstream.ingest.IngestConfig;
import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;
import io.radstream.schemas.events.Priority;

/** Builds {@link IncomingImage}s from what each entry point knows about an object. */
@ApplicationScoped
public class IncomingImages {

    private final IngestConfig config;

    public IncomingImages(IngestConfig config) {
        this.config = config;
    }

    public IncomingImage fromDicom(String tenant, DicomHeader header, Priority priority, IngestSource source,
                                   SpooledFile file) {
        return new IncomingImage(tenant, header.studyInstanceUid(), header.seriesInstanceUid(),
                header.sopInstanceUid(), header.sopClassUid(), header.modality().trim().toUpperCase(Locale.ROOT),
                upperOrNull(header.bodyPartExamined()), ImageFormat.DICOM, Math.max(1, header.numberOfFrames()),
                header.rows(), header.columns(), priority, header.patientId(), source, file);
    }

    static String upperOrNull(String value) {
        return value == null || value.isBlank() ? null : value.trim().toUpperCase(Locale.ROOT);
    }
}
