package io.radstream.ingest.core;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.radstream.dicom.DicomHeader;
import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;
import io.radstream.schemas.events.Priority;

/** Builds {@link IncomingImage}s from what each entry point knows about an object. */
@ApplicationScoped
public class IncomingImages {

    private final PriorityPolicy priorities;

    public IncomingImages(PriorityPolicy priorities) {
        this.priorities = priorities;
    }

    /**
     * @param requested  the priority the request named, or null to let the DICOM object and the routing rules decide
     * @param department the requesting department the request named, or null
     */
    public IncomingImage fromDicom(String tenant, DicomHeader header, Priority requested, String department,
                                   IngestSource source, SpooledFile file) {
        String modality = header.modality().trim().toUpperCase(Locale.ROOT);
        String bodyPart = upperOrNull(header.bodyPartExamined());
        Priority priority = priorities.decide(new PriorityPolicy.Facts(requested, header, modality, bodyPart, department));
        return new IncomingImage(tenant, header.studyInstanceUid(), header.seriesInstanceUid(),
                header.sopInstanceUid(), header.sopClassUid(), modality, bodyPart, ImageFormat.DICOM,
                Math.max(1, header.numberOfFrames()), header.rows(), header.columns(), priority, header.patientId(),
                source, file);
    }

    /** The priority of an image that is not DICOM: requested, else the routing rules. */
    public Priority priorityOf(Priority requested, String modality, String bodyPart, String department) {
        return priorities.decide(new PriorityPolicy.Facts(requested, null, modality, bodyPart, department));
    }

    static String upperOrNull(String value) {
        return value == null || value.isBlank() ? null : value.trim().toUpperCase(Locale.ROOT);
    }
}
