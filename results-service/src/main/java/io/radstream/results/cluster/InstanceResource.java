package io.radstream.results.cluster;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import io.radstream.auth.Caller;
import io.radstream.auth.Roles;
import io.radstream.results.api.AlertView;
import io.radstream.results.api.ApiException;
import io.radstream.results.api.WorklistPart;
import io.radstream.results.api.WorklistQuery;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.Topics;

/**
 * The local-only queries one instance asks another ({@link Peers}): always answered from this
 * instance's stores, never forwarded again, so a forwarded request cannot loop. The same roles and
 * tenant scope as the public API apply: the caller's own token travels with the request, and
 * another tenant's data answers 404 or is absent.
 */
@Path(InstanceResource.PATH)
@RolesAllowed({Roles.READER, Roles.ADMIN})
public class InstanceResource {

    static final String PATH = "/api/v1/internal";
    /** A report in the registry's Avro encoding of {@link Topics#STUDY_REPORTS}. */
    static final String AVRO = "application/vnd.radstream.study-report+avro";

    private final LocalParts local;
    private final Instances instances;
    private final Caller caller;

    @Inject
    public InstanceResource(LocalParts local, Instances instances, Caller caller) {
        this.local = local;
        this.instances = instances;
        this.caller = caller;
    }

    @GET
    @Path("/reports/{studyUid}")
    @Produces(AVRO)
    public byte[] report(@PathParam("studyUid") String studyUid) {
        requireHeldHere(studyUid);
        return local.report(caller.tenant(), studyUid)
                .map(report -> Topics.STUDY_REPORTS.valueSerde().serializer().serialize(Topics.STUDY_REPORTS.name(), report))
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND, "No report for study " + studyUid + " here"));
    }

    @GET
    @Path("/studies/{studyUid}/alerts")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AlertView> studyAlerts(@PathParam("studyUid") String studyUid, @QueryParam("limit") int limit) {
        requireHeldHere(studyUid);
        return local.studyAlerts(caller.tenant(), studyUid, requireLimit(limit));
    }

    @GET
    @Path("/alerts/{alertId}")
    @Produces(MediaType.APPLICATION_JSON)
    public AlertView alert(@PathParam("alertId") String alertId) {
        return local.alert(caller.tenant(), alertId)
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND, "No alert " + alertId + " here"));
    }

    @GET
    @Path("/alerts")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AlertView> alerts(@QueryParam("limit") int limit,
                                  @QueryParam("unacknowledged") @DefaultValue("false") boolean unacknowledgedOnly) {
        return local.alerts(caller.tenant(), unacknowledgedOnly, requireLimit(limit));
    }

    @GET
    @Path("/worklist")
    @Produces(MediaType.APPLICATION_JSON)
    public WorklistPart worklist(@QueryParam("status") List<String> status, @QueryParam("modality") List<String> modality,
                                 @QueryParam("priority") List<String> priority, @QueryParam("limit") int limit) {
        WorklistQuery filters = WorklistQuery.of(status, modality, priority, 0, 1);
        return local.worklist(caller.tenant(), filters, requireLimit(limit));
    }

    private static int requireLimit(int limit) {
        if (limit < 1) {
            throw new ApiException(Status.BAD_REQUEST, "limit must be at least 1");
        }
        return limit;
    }

    /** A study that moved away since the asking instance looked (a rebalance) is 503 here, not "not found". */
    private void requireHeldHere(String studyUid) {
        if (!DicomUid.isValid(studyUid)) {
            throw new ApiException(Status.BAD_REQUEST, "Not a DICOM UID (digits and dots, at most 64 characters)");
        }
        if (instances.ownerOf(studyUid).isPresent()) {
            throw new ApiException(Status.SERVICE_UNAVAILABLE, "Study " + studyUid + " is held by another instance now; retry");
        }
    }
}
