package io.radstream.results.api;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import io.radstream.auth.Caller;
import io.radstream.auth.Roles;
import io.radstream.results.cluster.ClusterQueries;
import io.radstream.schemas.events.AlertAcknowledged;

/**
 * {@code POST /api/v1/alerts/{alertId}/ack}: a person confirms receipt of an urgent alert. The
 * acknowledgement is published to Kafka (202); the stream records the first one per alert and
 * stops escalating. Acknowledging an acknowledged alert answers 200 with the acknowledgement that counts.
 * Readers and admins acknowledge their own tenant's alerts (another tenant's alert is 404), as the
 * token's principal.
 */
@Path("/api/v1/alerts/{alertId}/ack")
@RolesAllowed({Roles.READER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertAckResource {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ClusterQueries queries;
    private final AckPublisher publisher;
    private final Caller caller;

    @Inject
    public AlertAckResource(ClusterQueries queries, AckPublisher publisher, Caller caller) {
        this.queries = queries;
        this.publisher = publisher;
        this.caller = caller;
    }

    @POST
    public Response acknowledge(@PathParam("alertId") String alertId, AckRequest request) {
        if (!UUID_TEXT.matcher(alertId).matches()) {
            throw new ApiException(Status.BAD_REQUEST, "Not an alert id");
        }
        AckRequest ack = request == null ? AckRequest.EMPTY : request;
        ack.validate();
        String who = ack.who(caller.name());
        AlertView alert = queries.alert(queries.ask(), alertId) // on whichever instance holds it
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND, "No alert " + alertId));
        if (alert.acknowledged()) {
            return Response.ok(new AckView(alertId, alert.acknowledgedBy(), alert.acknowledgedAt(), true)).build();
        }
        AlertAcknowledged acknowledged = AlertAcknowledged.newBuilder()
                .setAckId(UUID.randomUUID().toString())
                .setAlertId(alertId)
                .setTenant(alert.tenant())
                .setStudyInstanceUid(alert.studyInstanceUid())
                .setLabel(alert.label())
                .setAcknowledgedBy(who)
                .setAcknowledgedAt(Instant.now())
                .setNote(ack.note())
                .build();
        publisher.publish(acknowledged);
        return Response.accepted(new AckView(alertId, who, acknowledged.getAcknowledgedAt(), false)).build();
    }
}
