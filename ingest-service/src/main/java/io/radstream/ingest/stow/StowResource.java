package io.radstream.ingest.stow;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.apache.commons.fileupload2.core.MultipartInput;
import org.jboss.logging.Logger;

import io.radstream.ingest.ApiError;
import io.radstream.ingest.ErrorMappers;
import io.radstream.ingest.IngestConfig;
import io.radstream.ingest.RequestRefusedException;
import io.radstream.ingest.audit.UploadAudit;
import io.radstream.auth.Caller;
import io.radstream.auth.Roles;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.events.Priority;

/** DICOMweb STOW-RS (PS3.18 §10.5): {@code POST /dicomweb/studies[/{StudyInstanceUID}]}. */
@Path("/dicomweb/studies")
@RolesAllowed({Roles.UPLOADER, Roles.ADMIN})
public class StowResource {

    static final String DICOM_JSON = "application/dicom+json";
    /** Request header naming the reading priority of every instance (the query parameter {@code priority} wins). */
    public static final String PRIORITY_HEADER = "RadStream-Priority";
    private static final Logger LOG = Logger.getLogger(StowResource.class);

    private final StowInstanceHandler handler;
    private final IngestConfig config;
    private final Caller caller;
    private final UploadAudit audit;

    public StowResource(StowInstanceHandler handler, IngestConfig config, Caller caller, UploadAudit audit) {
        this.handler = handler;
        this.config = config;
        this.caller = caller;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response storeInstances(@HeaderParam("Content-Type") String contentType,
                                   @QueryParam("priority") String priority, @HeaderParam(PRIORITY_HEADER) String header,
                                   @Context UriInfo uri, InputStream body) {
        return store(contentType, null, priority != null ? priority : header, uri, body);
    }

    @POST
    @Path("{study}")
    @Consumes(MediaType.WILDCARD)
    public Response storeStudyInstances(@HeaderParam("Content-Type") String contentType, @PathParam("study") String study,
                                        @QueryParam("priority") String priority,
                                        @HeaderParam(PRIORITY_HEADER) String header, @Context UriInfo uri,
                                        InputStream body) {
        if (!DicomUid.isValid(study)) {
            return ApiError.response(400, "The StudyInstanceUID in the path is not a valid DICOM UID");
        }
        return store(contentType, study, priority != null ? priority : header, uri, body);
    }

    private Response store(String contentType, String pathStudy, String priorityParam, UriInfo uri, InputStream body) {
        String tenant = caller.tenant();
        audit.study(pathStudy);
        StowContentType type = StowContentType.parse(contentType);
        Priority priority = parsePriority(priorityParam);
        String baseUrl = config.publicBaseUrl().orElse(uri.getBaseUri().toString().replaceAll("/$", ""));
        StowResult result = new StowResult();
        String lastStudy = readParts(type, body, new StowRequest(tenant, pathStudy, priority, baseUrl), result);
        result.failureMessages().forEach(m -> LOG.infof("STOW-RS instance refused: %s", m));
        String study = pathStudy != null ? pathStudy : lastStudy;
        audit.study(study);
        for (int i = 0; i < result.storedCount(); i++) {
            audit.stored();
        }
        result.failureCodes().forEach(audit::failed);
        String studyUrl = study == null ? null : baseUrl + "/dicomweb/studies/" + study;
        Response response = Response.status(result.status()).type(DICOM_JSON).entity(result.toDicomJson(studyUrl)).build();
        return result.isUnavailable() ? ErrorMappers.retryLater(response) : response;
    }

    private String readParts(StowContentType type, InputStream body, StowRequest request, StowResult result) {
        try {
            MultipartInput multipart = MultipartInput.builder().setInputStream(body).setBoundary(type.boundary()).get();
            if (!multipart.skipPreamble()) {
                throw new RequestRefusedException(400, "The body has no multipart part delimited by the declared boundary");
            }
            String lastStudy = null;
            int parts = 0;
            boolean more = true;
            while (more) {
                if (++parts > config.maxInstancesPerRequest()) {
                    throw new RequestRefusedException(413, "More than " + config.maxInstancesPerRequest() + " instances in one request");
                }
                String headers = multipart.readHeaders();
                lastStudy = handler.handle(PartHeaders.contentType(headers), multipart.newInputStream(), request, result,
                        lastStudy);
                more = multipart.readBoundary();
            }
            return lastStudy;
        } catch (MultipartInput.MalformedStreamException e) {
            throw new RequestRefusedException(400, "Malformed multipart body: " + e.getMessage());
        } catch (IOException e) {
            throw new RequestRefusedException(400, "Cannot read the multipart body: " + e.getMessage());
        }
    }

    /** The requested priority, or null when the request names none (the policy decides per instance). */
    private static Priority parsePriority(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Priority.valueOf(value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new RequestRefusedException(400, "priority must be STAT, URGENT or ROUTINE");
        }
    }


    /** What every part of one request shares. */
    record StowRequest(String tenant, String pathStudy, Priority priority, String baseUrl) {
        URI retrieveUrl(String study, String series, String sop) {
            return URI.create(baseUrl + "/dicomweb/studies/" + study + "/series/" + series + "/instances/" + sop);
        }
    }
}
