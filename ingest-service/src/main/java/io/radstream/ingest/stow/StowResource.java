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
import io.vertx.ext.web.RoutingContext;

/**
 * DICOMweb STOW-RS (PS3.18 §10.5): {@code POST /dicomweb/studies[/{StudyInstanceUID}]}. The body is read
 * from the paused Vert.x request through a {@link BodyStream} (a fixed read-ahead window, fetched on
 * demand) and parsed part by part; each part is spooled to disk and inspected, then stored by the request's
 * {@link StowPipeline} while the next part is read.
 */
@Path("/dicomweb/studies")
@RolesAllowed({Roles.UPLOADER, Roles.ADMIN})
public class StowResource {

    static final String DICOM_JSON = "application/dicom+json";
    /** Request header naming the reading priority of every instance (the query parameter {@code priority} wins). */
    public static final String PRIORITY_HEADER = "RadStream-Priority";
    private static final Logger LOG = Logger.getLogger(StowResource.class);
    /** Where Quarkus leaves {@code quarkus.http.limits.max-body-size} for body readers (VertxHttpRecorder). */
    private static final String MAX_REQUEST_SIZE_KEY = "io.quarkus.max-request-size";

    private final StowInstanceHandler handler;
    private final IngestConfig config;
    private final Caller caller;
    private final UploadAudit audit;
    private final StowBodyBuffering buffering;
    private final StowStorePool storePool;

    public StowResource(StowInstanceHandler handler, IngestConfig config, Caller caller, UploadAudit audit,
                        StowBodyBuffering buffering, StowStorePool storePool) {
        this.handler = handler;
        this.storePool = storePool;
        this.config = config;
        this.caller = caller;
        this.audit = audit;
        this.buffering = buffering;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response storeInstances(@HeaderParam("Content-Type") String contentType,
                                   @QueryParam("priority") String priority, @HeaderParam(PRIORITY_HEADER) String header,
                                   @Context UriInfo uri, @Context RoutingContext routing) {
        return store(contentType, null, priority != null ? priority : header, uri, routing);
    }

    @POST
    @Path("{study}")
    @Consumes(MediaType.WILDCARD)
    public Response storeStudyInstances(@HeaderParam("Content-Type") String contentType, @PathParam("study") String study,
                                        @QueryParam("priority") String priority,
                                        @HeaderParam(PRIORITY_HEADER) String header, @Context UriInfo uri,
                                        @Context RoutingContext routing) {
        if (!DicomUid.isValid(study)) {
            return ApiError.response(400, "The StudyInstanceUID in the path is not a valid DICOM UID");
        }
        return store(contentType, study, priority != null ? priority : header, uri, routing);
    }

    private Response store(String contentType, String pathStudy, String priorityParam, UriInfo uri,
                           RoutingContext routing) {
        String tenant = caller.tenant();
        audit.study(pathStudy);
        StowContentType type = StowContentType.parse(contentType);
        Priority priority = parsePriority(priorityParam);
        String baseUrl = config.publicBaseUrl().orElse(uri.getBaseUri().toString().replaceAll("/$", ""));
        StowResult result = new StowResult();
        String lastStudy;
        try (BodyStream body = BodyStream.open(routing.request(), config.stowReadAhead().asLongValue(),
                config.bodyReadTimeout(), maxBodyBytes(routing), buffering);
             StowPipeline pipeline = storePool.pipeline(result)) {
            readParts(type, body, new StowRequest(tenant, pathStudy, priority, baseUrl), pipeline);
            lastStudy = pipeline.finish();
        }
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

    private void readParts(StowContentType type, InputStream body, StowRequest request, StowPipeline pipeline) {
        try {
            MultipartInput multipart = MultipartInput.builder().setInputStream(body).setBoundary(type.boundary()).get();
            if (!multipart.skipPreamble()) {
                throw new RequestRefusedException(400, "The body has no multipart part delimited by the declared boundary");
            }
            int parts = 0;
            boolean more = true;
            while (more) {
                if (++parts > config.maxInstancesPerRequest()) {
                    throw new RequestRefusedException(413, "More than " + config.maxInstancesPerRequest() + " instances in one request");
                }
                String headers = multipart.readHeaders();
                handler.handle(PartHeaders.contentType(headers), multipart.newInputStream(), request, pipeline);
                more = multipart.readBoundary();
            }
        } catch (BodyStream.BodyTooLargeException e) {
            throw new RequestRefusedException(413, e.getMessage());
        } catch (MultipartInput.MalformedStreamException e) {
            throw new RequestRefusedException(400, "Malformed multipart body: " + e.getMessage());
        } catch (IOException e) {
            throw new RequestRefusedException(400, "Cannot read the multipart body: " + e.getMessage());
        }
    }

    /** {@code quarkus.http.limits.max-body-size} as Quarkus hands it to body readers (0: none). */
    private static long maxBodyBytes(RoutingContext routing) {
        Object limit = routing.get(MAX_REQUEST_SIZE_KEY);
        return limit instanceof Long bytes ? bytes : 0;
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
