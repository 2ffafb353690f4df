package io.radstream.ingest.upload;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.radstream.dicom.DicomHeader;
import io.radstream.ingest.RequestRefusedException;
import io.radstream.ingest.core.DicomInstanceInspector;
import io.radstream.ingest.core.DicomInstanceInspector.Inspection;
import io.radstream.ingest.core.FailureReason;
import io.radstream.ingest.core.IncomingImage;
import io.radstream.ingest.core.IncomingImages;
import io.radstream.ingest.core.SpooledFile;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;

/**
 * Turns an uploaded file and its metadata into an {@link IncomingImage}: DICOM is fully inspected and
 * keeps its own identifiers; PNG/JPEG is decoded and becomes an instance of a study with generated
 * {@code 2.25.<uuid>} UIDs unless the metadata names them.
 */
@ApplicationScoped
class UploadedImages {

    private final IncomingImages images;
    private final DicomInstanceInspector inspector;

    UploadedImages(IncomingImages images, DicomInstanceInspector inspector) {
        this.images = images;
        this.inspector = inspector;
    }

    IncomingImage of(String tenant, SpooledFile file, ImageFormat format, UploadMetadata metadata) {
        return format == ImageFormat.DICOM ? fromDicom(tenant, file, metadata) : fromRaster(tenant, file, format, metadata);
    }

    private IncomingImage fromDicom(String tenant, SpooledFile file, UploadMetadata metadata) {
        Inspection inspection = inspector.inspect(file);
        if (!inspection.isAccepted()) {
            FailureReason failure = inspection.failure();
            int status = failure == FailureReason.SOP_CLASS_NOT_SUPPORTED
                    || failure == FailureReason.TRANSFER_SYNTAX_NOT_SUPPORTED ? 415 : 400;
            throw new RequestRefusedException(status, "DICOM refused (" + Integer.toHexString(failure.code())
                    .toUpperCase() + "): " + inspection.message());
        }
        DicomHeader header = inspection.header();
        IncomingImage image = images.fromDicom(tenant, header, metadata.parsedPriority(), metadata.department(),
                IngestSource.UPLOAD, file);
        return header.patientId() == null && metadata.patientRef() != null ? withPatient(image, metadata.patientRef()) : image;
    }

    private IncomingImage fromRaster(String tenant, SpooledFile file, ImageFormat format, UploadMetadata metadata) {
        int[] size;
        try {
            size = RasterProbe.probe(file.path());
        } catch (RasterProbe.InvalidImageException e) {
            throw new RequestRefusedException(400, e.getMessage());
        }
        String study = metadata.studyInstanceUid() != null ? metadata.studyInstanceUid() : DicomUid.random();
        String series = metadata.seriesInstanceUid() != null ? metadata.seriesInstanceUid() : derivedUid(tenant, study, "series");
        String sop = derivedUid(tenant, study, file.sha256());
        String modality = UploadMetadata.upper(metadata.modality());
        String bodyPart = UploadMetadata.upper(metadata.bodyPart());
        return new IncomingImage(tenant, study, series, sop, null, modality, bodyPart, format, 1, size[1], size[0],
                images.priorityOf(metadata.parsedPriority(), modality, bodyPart, metadata.department()),
                metadata.patientRef(), IngestSource.UPLOAD, file);
    }

    /** Same study and same bytes give the same SOP Instance UID, so a re-sent upload is recognised. */
    private static String derivedUid(String tenant, String study, String salt) {
        return DicomUid.fromUuid(UUID.nameUUIDFromBytes((tenant + "|" + study + "|" + salt)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static IncomingImage withPatient(IncomingImage i, String patientRef) {
        return new IncomingImage(i.tenant(), i.studyInstanceUid(), i.seriesInstanceUid(), i.sopInstanceUid(),
                i.sopClassUid(), i.modality(), i.bodyPart(), i.format(), i.frameCount(), i.rows(), i.columns(),
                i.priority(), patientRef, i.source(), i.file());
    }
}
