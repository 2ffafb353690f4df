package io.radstream.ingest.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.radstream.auth.Caller;
import io.radstream.schemas.events.AuditAction;

/**
 * Audits every upload request of an authenticated caller once its answer is known — stored,
 * refused, denied (403) or failed — so no outcome escapes the trail. Anonymous requests (401) have
 * no "who" and are not audited.
 */
public class AuditFilter {

    @Inject
    Caller caller;
    @Inject
    UploadAudit audit;
    @Inject
    AuditTrail trail;

    @ServerResponseFilter
    public void afterUpload(ContainerRequestContext request, ContainerResponseContext response) {
        AuditAction action = actionOf(request);
        if (action == null || caller.name() == null) {
            return;
        }
        trail.record(new AuditTrail.Entry(caller.tenantOrNull(), caller.name(), caller.roles(), action, response.getStatus(),
                audit.studyInstanceUid(), audit.storedCount(), audit.failureReasons()));
    }

    private static AuditAction actionOf(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/dicomweb/studies")) {
            return AuditAction.STOW_RS;
        }
        return path.startsWith("/api/v1/uploads") ? AuditAction.UPLOAD : null;
    }
}
