package io.radstream.ingest.upload;

import java.io.IOException;
import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.radstream.ingest.ApiError;
import io.radstream.ingest.IngestConfig;
import io.radstream.ingest.RequestRefusedException;
import io.radstream.ingest.audit.UploadAudit;
import io.radstream.auth.Caller;
import io.radstream.auth.Roles;
import io.radstream.ingest.core.FailureReason;
import io.radstream.ingest.core.ImageIngestor;
import io.radstream.ingest.core.IncomingImage;
import io.radstream.ingest.core.IngestOutcome;
import io.radstream.ingest.core.SpooledFile;
import io.radstream.ingest.stow.StowResource;
import io.radstream.schemas.events.ImageFormat;

/**
 * Telemedicine uploads: {@code POST /api/v1/uploads}, multipart/form-data with a {@code file} part
 * (PNG, JPEG or DICOM Part 10) and a {@code metadata} part (JSON {@link UploadMetadata}). Answers 202
 * with the study UID and its status URL once the image is stored and announced; 503 with Retry-After
 * when the store or Kafka is unavailable (nothing is kept then).
 */
@Path("/api/v1/uploads")
@RolesAllowed({Roles.UPLOADER, Roles.ADMIN})
public class UploadResource {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final ImageIngestor ingestor;
    private final UploadedImages images;
    private final IngestConfig config;
    private final Caller caller;
    private final UploadAudit audit;

    public UploadResource(ImageIngestor ingestor, UploadedImages images, IngestConfig config, Caller caller,
                          UploadAudit audit) {
        this.ingestor = ingestor;
        this.images = images;
        this.config = config;
        this.caller = caller;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("metadata") String metadataJson,
                           @HeaderParam(StowResource.PRIORITY_HEADER) String priorityHeader, @Context UriInfo uri)
            throws IOException {
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
            IncomingImage image = images.of(tenant, spooled, format, metadata);
            audit.study(image.studyInstanceUid());
            IngestOutcome outcome = ingestor.ingest(image); // store or Kafka down: the shared mapper answers 503
            if (outcome == IngestOutcome.CONFLICT) {
                audit.failed(FailureReason.CONFLICT.code());
            } else {
                audit.stored();
            }
            return answer(image, outcome, statusUrl(uri, image.studyInstanceUid()));
        }
    }

    private URI statusUrl(UriInfo uri, String study) {
        String base = config.publicBaseUrl().orElse(uri.getBaseUri().toString().replaceAll("/$", ""));
        return URI.create(base + UploadStatusResource.PATH + "/" + study);
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

    /** 202 Accepted (stored now, or identical and stored before) with the status URL; 409 for a conflict. */
    private static Response answer(IncomingImage image, IngestOutcome outcome, URI statusUrl) {
        UploadReceipt receipt = new UploadReceipt(outcome.name(), image.studyInstanceUid(), image.seriesInstanceUid(),
                image.sopInstanceUid(), image.format().name(), image.file().sha256(), image.priority().name(),
                statusUrl.toString());
        Response.ResponseBuilder response = Response.status(outcome == IngestOutcome.CONFLICT ? 409 : 202)
                .type(MediaType.APPLICATION_JSON).entity(receipt);
        return outcome == IngestOutcome.CONFLICT ? response.build() : response.location(statusUrl).build();
    }

    /** What the client learns about its upload. */
    public record UploadReceipt(String outcome, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
                                String format, String sha256, String priority, String statusUrl) {
    }
}
