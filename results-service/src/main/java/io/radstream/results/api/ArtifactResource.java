package io.radstream.results.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import io.radstream.auth.Roles;
import io.radstream.results.cluster.ClusterQueries;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.events.ImageArtifact;
import io.radstream.schemas.events.ImageProgress;
import io.radstream.schemas.events.StudyReport;
import io.radstream.storage.ObjectNotFoundException;
import io.radstream.storage.ObjectStore;
import io.radstream.storage.ObjectStoreException;

/**
 * The derived images of a study (heatmap overlays, masks, enhanced images) for readers and admins of its
 * tenant: {@code GET /api/v1/studies/{study}/images/{sop}/artifacts/{n}} answers the n-th image a model
 * linked to that image in the study's report, read from the object store. Only objects a report of the
 * caller's tenant links are ever read, so no client names an object key. The report is read where the study
 * lives (any instance answers: {@link ClusterQueries}); the object store is shared.
 */
@Path("/api/v1/studies/{studyUid}/images/{sopUid}/artifacts")
@RolesAllowed({Roles.READER, Roles.ADMIN})
public class ArtifactResource {

    /** Larger derived images than this are not served (heatmaps and masks are a few hundred kB). */
    static final long MAX_ARTIFACT_BYTES = 32L * 1024 * 1024;

    private final ClusterQueries queries;
    private final ObjectStore store;

    @Inject
    public ArtifactResource(ClusterQueries queries, ObjectStore store) {
        this.queries = queries;
        this.store = store;
    }

    @GET
    @Path("/{index}")
    public Response artifact(@PathParam("studyUid") String studyUid, @PathParam("sopUid") String sopUid,
                             @PathParam("index") int index) {
        if (!DicomUid.isValid(studyUid) || !DicomUid.isValid(sopUid)) {
            throw new ApiException(Status.BAD_REQUEST, "Not a DICOM UID (digits and dots, at most 64 characters)");
        }
        ImageArtifact artifact = linked(studyUid, sopUid, index);
        byte[] bytes = read(artifact.getArtifact().getObject().getKey());
        return Response.ok(bytes, artifact.getArtifact().getObject().getContentType())
                .header("Cache-Control", "private, max-age=3600")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private ImageArtifact linked(String studyUid, String sopUid, int index) {
        StudyReport report = queries.report(queries.ask(), studyUid)
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND, "No report for study " + studyUid));
        List<ImageArtifact> artifacts = report.getImages().stream()
                .filter(image -> image.getSopInstanceUid().equals(sopUid))
                .findFirst().map(ImageProgress::getArtifacts).orElse(List.of());
        if (index < 0 || index >= artifacts.size()) {
            throw new ApiException(Status.NOT_FOUND, "Image " + sopUid + " of study " + studyUid + " has no artifact "
                    + index);
        }
        return artifacts.get(index);
    }

    private byte[] read(String key) {
        try {
            return store.get(key, MAX_ARTIFACT_BYTES);
        } catch (ObjectNotFoundException e) {
            throw new ApiException(Status.NOT_FOUND, "The derived image is no longer stored");
        } catch (ObjectStoreException e) {
            throw new ApiException(Status.SERVICE_UNAVAILABLE, "The image store is not answering; retry", e);
        }
    }
}
