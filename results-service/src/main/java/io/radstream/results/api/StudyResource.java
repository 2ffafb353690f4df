package io.radstream.results.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

/** Study reports and urgent alerts, read from this instance's Kafka Streams stores. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StudyResource {

    static final int MAX_ALERTS = 1000;

    private final StudyQueries queries;

    @Inject
    public StudyResource(StudyQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/studies/{studyUid}")
    public StudyReportView study(@PathParam("studyUid") String studyUid) {
        requireUid(studyUid);
        return queries.report(studyUid)
                .map(StudyReportView::from)
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND, "No report for study " + studyUid));
    }

    @GET
    @Path("/studies/{studyUid}/alerts")
    public List<AlertView> studyAlerts(@PathParam("studyUid") String studyUid) {
        requireUid(studyUid);
        return queries.alerts(alert -> alert.studyInstanceUid().equals(studyUid), MAX_ALERTS);
    }

    @GET
    @Path("/alerts")
    public List<AlertView> alerts(@QueryParam("limit") @DefaultValue("100") int limit,
                                  @QueryParam("unacknowledged") @DefaultValue("false") boolean unacknowledgedOnly) {
        if (limit < 1 || limit > MAX_ALERTS) {
            throw new ApiException(Status.BAD_REQUEST, "limit must be between 1 and " + MAX_ALERTS);
        }
        return queries.alerts(alert -> !(unacknowledgedOnly && alert.acknowledged()), limit);
    }

    private static void requireUid(String studyUid) {
        if (!io.radstream.schemas.DicomUid.isValid(studyUid)) {
            throw new ApiException(Status.BAD_REQUEST, "Not a DICOM UID (digits and dots, at most 64 characters)");
        }
    }
}
