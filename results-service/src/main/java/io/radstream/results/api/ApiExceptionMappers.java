package io.radstream.results.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.radstream.auth.TenantRefusedException;

/** Maps failures to JSON {@link ApiError} answers; no stack trace reaches a client. */
public class ApiExceptionMappers {

    static final String RETRY_AFTER_SECONDS = "1";
    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        Response.ResponseBuilder answer = error(e.status(), e.getMessage());
        if (e.status() == Response.Status.SERVICE_UNAVAILABLE) {
            answer.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return answer.build();
    }

    /** A token without a usable tenant claim: nothing of any tenant may be answered. */
    @ServerExceptionMapper
    public Response noTenant(TenantRefusedException e) {
        return error(Response.Status.FORBIDDEN, e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response storeNotQueryable(InvalidStateStoreException e) {
        LOG.debugf("Store not queryable: %s", e.getMessage());
        return error(Response.Status.SERVICE_UNAVAILABLE, "Reports are not queryable yet (starting or rebalancing); retry")
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    private static Response.ResponseBuilder error(Response.Status status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status.getStatusCode(), status.getReasonPhrase(), message));
    }
}
