package io.radstream.ingest;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.radstream.auth.TenantRefusedException;
import io.radstream.ingest.core.ArrivalPublisher;
import io.radstream.storage.ObjectStoreException;

/** Every refusal is answered as JSON {@link ApiError}, never as a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response refused(RequestRefusedException e) {
        return ApiError.response(e.status(), e.getMessage());
    }

    /** A token without a usable tenant claim. */
    @ServerExceptionMapper
    public Response noTenant(TenantRefusedException e) {
        return ApiError.response(403, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return ApiError.response(415, "Unsupported Content-Type: uploads are multipart/form-data with 'file' and 'metadata' parts");
    }

    /** The image store or Kafka is down: nothing was kept, the client retries later. */
    @ServerExceptionMapper({ObjectStoreException.class, ArrivalPublisher.PublishException.class})
    public Response unavailable(RuntimeException e) {
        LOG.warnf("Answered 503: %s", e.getMessage());
        return retryLater(ApiError.response(503, "The image store or Kafka is unavailable; nothing was kept, retry later"));
    }

    /** Adds {@code Retry-After} ({@code radstream.ingest.retry-after-seconds}) to an answer. */
    public static Response retryLater(Response response) {
        int seconds = ConfigProvider.getConfig().getOptionalValue("radstream.ingest.retry-after-seconds", Integer.class)
                .orElse(10);
        return Response.fromResponse(response).header("Retry-After", String.valueOf(seconds)).build();
    }
}
