package io.radstream.ingest.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.radstream.dicom.DicomHeader;
import io.radstream.ingest.ApiError;
import io.radstream.ingest.IngestConfig;
import io.radstream.ingest.RequestRefusedException;
import io.radstream.ingest.audit.UploadAudit;
import io.radstream.ingest.auth.Caller;
import io.radstream.ingest.auth.Roles;
import io.radstream.ingest.core.ArrivalPublisher;
import io.radstream.ingest.core.DicomInstanceInspector;
import io.radstream.ingest.core.DicomInstanceInspector.Inspection;
import io.radstream.ingest.core.ImageIngestor;
import io.radstream.ingest.core.IncomingImage;
import io.radstream.ingest.core.IncomingImages;
import io.radstream.ingest.core.IngestOutcome;
import io.radstream.ingest.core.SpooledFile;
import io.radstream.ingest.stow.StowResource;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;
import io.radstream.storage.ObjectStoreException;

/**
 * Telemedicine uploads: {@code POST /api/v1/uploads}, multipart/form-data with a {@code file} part
 * (PNG, JPEG or DICOM Part 10) and a {@code metadata} part (JSON {@link UploadMetadata}).
 */
@Path("/api/v1/uploads")
@RolesAllowed({Roles.UPLOADER, Roles.ADMIN})
public class UploadResource {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final ImageIngestor ingestor;
    private final IncomingImages images;
    private final DicomInstanceInspector inspector;
    private final IngestConfig config;
    private final Caller caller;
    private final UploadAudit audit;

    public UploadResource(ImageIngestor ingestor, IncomingImages images, DicomInstanceInspector inspector,
                          IngestConfig config, Caller caller, UploadAudit audit) {
        this.ingestor = ingestor;
        this.images = images;
        this.inspector = inspector;
        this.config = config;
        this.caller = caller;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("metadata") String metadataJson,
                           @HeaderParam(StowResource.PRIORITY_HEADER) String priorityHeader) throws IOException {
        String tenant = caller.tenant();
        if (file == null || file.uploadedFile() == null) {
            return ApiError.response(400, "The form needs a 'file' part with the image");
        }
        if (file.size() == 0) {
            return ApiError.response(400, "The uploaded file is empty");
        }
        if (file.size() > config.maxInstanceBytes().asLongValue()) {
            return ApiError.response(413, "The file has " + file.size() + " bytes; the limit is " + config.maxInstanceBytes().asLongValue());
        }
        UploadMetadata metadata = withHeaderPriority(parseMetadata(metadataJson), priorityHeader);
        ImageFormat format = ImageSniffer.sniff(file.uploadedFile())
                .orElseThrow(() -> new RequestRefusedException(415, "The file is not a PNG, JPEG or DICOM Part 10 image"));
        String problem = metadata.problem(format == ImageFormat.DICOM);
        if (problem != null) {
            return ApiError.response(400, problem);
        }
        try (SpooledFile spooled = SpooledFile.of(file.uploadedFile(), config.maxInstanceBytes().asLongValue())) {
            IncomingImage image = format == ImageFormat.DICOM ? fromDicom(tenant, spooled, metadata)
                    : fromRaster(tenant, spooled, format, metadata);
            audit.study(image.studyInstanceUid());
            IngestOutcome outcome = ingestor.ingest(image);
            if (outcome == IngestOutcome.CONFLICT) {
                audit.failed(io.radstream.ingest.core.FailureReason.CONFLICT.code());
            } else {
                audit.stored();
            }
            return answer(image, outcome);
        } catch (ObjectStoreException | ArrivalPublisher.PublishException e) {
            return Response.fromResponse(ApiError.response(503, "The image could not be stored durably; nothing was kept, retry later: "
                    + e.getMessage())).header("Retry-After", "5").build();
        }
    }

    private IncomingImage fromDicom(String tenant, SpooledFile file, UploadMetadata metadata) {
        Inspection inspection = inspector.inspect(file);
        if (!inspection.isAccepted()) {
            int status = inspection.failure().name().contains("NOT_SUPPORTED") ? 415 : 400;
            throw new RequestRefusedException(status, "DICOM refused (" + Integer.toHexString(inspection.failure().code())
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

    /** The metadata's priority wins; else the request header's. */
    private static UploadMetadata withHeaderPriority(UploadMetadata m, String header) {
        if (header == null || (m.priority() != null && !m.priority().isBlank())) {
            return m;
        }
        return new UploadMetadata(m.modality(), m.bodyPart(), header, m.patientRef(), m.studyInstanceUid(),
                m.seriesInstanceUid(), m.department());
    }

    private static UploadMetadata parseMetadata(String json) {
        if (json == null || json.isBlank()) {
            throw new RequestRefusedException(400, "The form needs a 'metadata' part: JSON with modality, bodyPart, priority, patientRef");
        }
        try {
            return JSON.readValue(json, UploadMetadata.class);
        } catch (JsonProcessingException e) {
            throw new RequestRefusedException(400, "The 'metadata' part is not valid JSON for an upload: "
                    + e.getOriginalMessage());
        }
    }

    private static Response answer(IncomingImage image, IngestOutcome outcome) {
        UploadReceipt receipt = new UploadReceipt(outcome.name(), image.studyInstanceUid(), image.seriesInstanceUid(),
                image.sopInstanceUid(), image.format().name(), image.file().sha256(), image.priority().name());
        int status = switch (outcome) {
            case STORED -> 201;
            case DUPLICATE -> 200;
            case CONFLICT -> 409;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(receipt).build();
    }


    /** What the client learns about its upload. */
    public record UploadReceipt(String outcome, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
                                String format, String sha256, String priority) {
    }
}
