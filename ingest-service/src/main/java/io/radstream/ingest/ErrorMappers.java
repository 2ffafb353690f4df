package io.radstream.ingest;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.radstream.ingest.RequestRefusedException;

/** Every refusal is answered as JSON {@link ApiError}, never as a stack trace. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response refused(RequestRefusedException e) {
        return ApiError.response(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return ApiError.response(415, "Unsupported Content-Type: uploads are multipart/form-data with 'file' and 'metadata' parts");
    }

}
