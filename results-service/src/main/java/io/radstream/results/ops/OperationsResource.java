package io.radstream.results.ops;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.radstream.auth.Roles;

/**
 * {@code GET /api/v1/operations}: the live figures of the operations page — per-lane throughput and
 * backlog measured by Kafka, this instance's latency percentiles and its open urgent alerts.
 * Platform-wide figures (no study, patient or tenant in them; the alert count spans every tenant),
 * so any reader or admin may see them whatever their tenant.
 */
@Path("/api/v1/operations")
@RolesAllowed({Roles.READER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {

    /** What the page shows; {@code unacknowledgedAlerts} counts the alerts this instance holds. */
    public record Operations(List<LaneSample> lanes, List<LatencySummary.Percentiles> latency, long unacknowledgedAlerts) {
    }

    private final LaneMonitor lanes;
    private final LatencySummary latency;

    public OperationsResource(LaneMonitor lanes, LatencySummary latency) {
        this.lanes = lanes;
        this.latency = latency;
    }

    /** @throws LanesUnavailableException (503, Retry-After) while Kafka does not answer */
    @GET
    public Operations operations() {
        return new Operations(lanes.lanes(), latency.percentiles(), latency.unacknowledgedAlerts());
    }
}
