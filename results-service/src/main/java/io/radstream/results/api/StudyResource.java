package io.radstream.results.api;

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

import io.radstream.auth.Roles;
import io.radstream.results.cluster.ClusterQueries;

/**
 * Study reports and urgent alerts, read from the Kafka Streams stores of the instance that holds
 * the study (any instance answers: {@link ClusterQueries}), for readers and admins of the caller's
 * tenant only: another tenant's study answers 404, as an unknown one does.
 */
@Path("/api/v1")
@RolesAllowed({Roles.READER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class StudyResource {

    static final int MAX_ALERTS = 1000;

    private final ClusterQueries queries;

    @Inject
    public StudyResource(ClusterQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/studies/{studyUid}")
    public StudyReportView study(@PathParam("studyUid") String studyUid) {
        requireUid(studyUid);
        return queries.report(queries.ask(), studyUid)
                .map(StudyReportView::from)
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND, "No report for study " + studyUid));
    }

    @GET
    @Path("/studies/{studyUid}/alerts")
    public List<AlertView> studyAlerts(@PathParam("studyUid") String studyUid) {
        requireUid(studyUid);
        return queries.studyAlerts(queries.ask(), studyUid, MAX_ALERTS);
    }

    @GET
    @Path("/alerts")
    public List<AlertView> alerts(@QueryParam("limit") @DefaultValue("100") int limit,
                                  @QueryParam("unacknowledged") @DefaultValue("false") boolean unacknowledgedOnly) {
        if (limit < 1 || limit > MAX_ALERTS) {
            throw new ApiException(Status.BAD_REQUEST, "limit must be between 1 and " + MAX_ALERTS);
        }
        return queries.alerts(queries.ask(), unacknowledgedOnly, limit);
    }

    private static void requireUid(String studyUid) {
        if (!io.radstream.schemas.DicomUid.isValid(studyUid)) {
            throw new ApiException(Status.BAD_REQUEST, "Not a DICOM UID (digits and dots, at most 64 characters)");
        }
    }
}
