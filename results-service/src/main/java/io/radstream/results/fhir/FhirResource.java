package io.radstream.results.fhir;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

import ca.uhn.fhir.context.FhirContext;
import io.radstream.auth.Caller;
import io.radstream.auth.Roles;
import io.radstream.results.cluster.ClusterQueries;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.events.StudyReport;

/**
 * FHIR R4 read and search of AI triage reports: {@code GET /fhir/DiagnosticReport/{StudyInstanceUID}}
 * and {@code GET /fhir/DiagnosticReport?identifier=[urn:dicom:uid|][urn:oid:]<StudyInstanceUID>}
 * (a searchset Bundle). Errors are OperationOutcomes. Readers and admins find their own tenant's
 * reports only: another tenant's report is not found (404, an empty searchset).
 */
@Path("/fhir/DiagnosticReport")
@RolesAllowed({Roles.READER, Roles.ADMIN})
@Produces(FhirResource.FHIR_JSON)
public class FhirResource {

    public static final String FHIR_JSON = "application/fhir+json";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final ClusterQueries queries;
    private final Caller caller;

    @Inject
    public FhirResource(ClusterQueries queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    public Response read(@PathParam("id") String id) {
        if (!DicomUid.isValid(id)) {
            return outcome(Response.Status.BAD_REQUEST, OperationOutcome.IssueType.INVALID, "Not a StudyInstanceUID: " + id);
        }
        String tenant = caller.tenantOrNull();
        if (tenant == null) {
            return noTenant();
        }
        return report(tenant, id)
                .map(report -> json(Response.ok(), DiagnosticReportMapper.map(report)))
                .orElseGet(() -> outcome(Response.Status.NOT_FOUND, OperationOutcome.IssueType.NOTFOUND,
                        "No DiagnosticReport/" + id));
    }

    @GET
    public Response search(@QueryParam("identifier") String identifier, @Context UriInfo uri) {
        String tenant = caller.tenantOrNull();
        if (tenant == null) {
            return noTenant();
        }
        if (identifier == null || identifier.isBlank()) {
            return outcome(Response.Status.BAD_REQUEST, OperationOutcome.IssueType.REQUIRED,
                    "Search by identifier (the StudyInstanceUID) only");
        }
        int bar = identifier.indexOf('|');
        String system = bar < 0 ? null : identifier.substring(0, bar);
        String uid = identifier.substring(bar + 1).replaceFirst("^urn:oid:", "");
        if (!DicomUid.isValid(uid)) {
            return outcome(Response.Status.BAD_REQUEST, OperationOutcome.IssueType.INVALID, "Not a StudyInstanceUID: " + uid);
        }
        List<StudyReport> found = system != null && !system.isEmpty() && !system.equals(Fhir.DICOM_UID) ? List.of()
                : report(tenant, uid).stream().toList();
        String base = uri.getBaseUriBuilder().path("fhir/").build().toString();
        return json(Response.ok(), DiagnosticReportMapper.searchset(found, base));
    }

    private Optional<StudyReport> report(String tenant, String studyInstanceUid) {
        // the tenant was checked; the report is read where the study lives, scoped to the caller's tenant
        return queries.report(queries.ask(), studyInstanceUid).filter(report -> tenant.equals(report.getTenant()));
    }

    private static Response noTenant() {
        return outcome(Response.Status.FORBIDDEN, OperationOutcome.IssueType.FORBIDDEN,
                "The token carries no valid tenant claim (lower-case letters, digits, '-' or '_')");
    }

    static String encode(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }

    private static Response json(Response.ResponseBuilder answer, IBaseResource resource) {
        return answer.type(FHIR_JSON).entity(encode(resource)).build();
    }

    private static Response outcome(Response.Status status, OperationOutcome.IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        return json(Response.status(status), outcome);
    }
}
