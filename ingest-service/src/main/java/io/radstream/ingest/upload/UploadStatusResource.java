package io.radstream.ingest.upload;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.radstream.ingest.ApiError;
import io.radstream.auth.Caller;
import io.radstream.auth.Roles;
import io.radstream.schemas.DicomUid;
import io.radstream.storage.ObjectStore;
import io.radstream.storage.StoredObject;

/**
 * The status URL of an upload: {@code GET /api/v1/uploads/studies/{StudyInstanceUID}} lists what is
 * durably stored of the study in the caller's tenant (another tenant's study is simply not found).
 */
@Path(UploadStatusResource.PATH)
@RolesAllowed({Roles.READER, Roles.UPLOADER, Roles.ADMIN})
public class UploadStatusResource {

    static final String PATH = "/api/v1/uploads/studies";
    static final int MAX_LISTED = 10_000;

    private final ObjectStore store;
    private final Caller caller;

    public UploadStatusResource(ObjectStore store, Caller caller) {
        this.store = store;
        this.caller = caller;
    }

    @GET
    @Path("{study}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@PathParam("study") String study) {
        if (!DicomUid.isValid(study)) {
            return ApiError.response(400, "The StudyInstanceUID in the path is not a valid DICOM UID");
        }
        String prefix = caller.tenant() + "/" + study + "/";
        List<StoredObject> objects = store.list(prefix, MAX_LISTED);
        if (objects.isEmpty()) {
            return ApiError.response(404, "Nothing is stored for this study");
        }
        List<Instance> instances = objects.stream().map(o -> Instance.of(o, prefix)).toList();
        return Response.ok(new StudyStatus(study, "STORED", instances.size(), instances)).build();
    }

    /** What is stored of one study. */
    public record StudyStatus(String studyInstanceUid, String status, int instances, List<Instance> objects) {
    }

    /** One stored instance: its series, SOP Instance UID and size. */
    public record Instance(String seriesInstanceUid, String sopInstanceUid, long sizeBytes) {
        static Instance of(StoredObject object, String prefix) {
            String[] parts = object.key().substring(prefix.length()).split("/", 2);
            String file = parts.length > 1 ? parts[1] : parts[0];
            int dot = file.lastIndexOf('.');
            return new Instance(parts[0], dot > 0 ? file.substring(0, dot) : file, object.sizeBytes());
        }
    }
}
