package io.radstream.results.ops;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/v1/operations}: the live figures of the operations page — per-lane throughput and
 * backlog measured by Kafka, this instance's latency percentiles and its open urgent alerts.
 */
@Path("/api/v1/operations")
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

    @GET
    public Response operations() {
        try {
            return Response.ok(new Operations(lanes.lanes(), latency.percentiles(), latency.unacknowledgedAlerts())).build();
        } catch (LanesUnavailableException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "2")
                    .entity(java.util.Map.of("status", 503, "error", "Service Unavailable", "message", e.getMessage()))
                    .build();
        }
    }
}
