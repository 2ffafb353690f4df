package io.radstream.results.api;

import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.security.RolesAllowed;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.radstream.auth.Caller;
import io.radstream.auth.Roles;
import io.smallrye.mutiny.Multi;

/**
 * The radiology worklist: studies ordered by urgency, then study score, then arrival
 * ({@link WorklistItem#ORDER}), filtered by status, modality and priority, paged; and the same
 * live as Server-Sent Events. Readers and admins see their own tenant's studies only.
 */
@Path("/api/v1/worklist")
@RolesAllowed({Roles.READER, Roles.ADMIN})
public class WorklistResource {

    /** SSE event with the current (filtered, ordered) worklist: always the first event of a stream. */
    public static final String SNAPSHOT_EVENT = "worklist";
    /** SSE event with one study whose report changed. */
    public static final String CHANGE_EVENT = "change";

    private final StudyQueries queries;
    private final WorklistFeed feed;
    private final Caller caller;

    @Inject
    public WorklistResource(StudyQueries queries, WorklistFeed feed, Caller caller) {
        this.queries = queries;
        this.feed = feed;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public WorklistPage worklist(@QueryParam("status") List<String> status, @QueryParam("modality") List<String> modality,
                                 @QueryParam("priority") List<String> priority,
                                 @QueryParam("page") @DefaultValue("0") int page,
                                 @QueryParam("size") @DefaultValue("50") int size) {
        WorklistQuery query = WorklistQuery.of(status, modality, priority, page, size);
        return WorklistPage.of(studiesOf(caller.tenant()), query);
    }

    /**
     * First a {@value #SNAPSHOT_EVENT} event with the first page of the filtered worklist, then a
     * {@value #CHANGE_EVENT} event for every committed report change matching the filters (a
     * study may appear again with a higher revision).
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@QueryParam("status") List<String> status,
                                          @QueryParam("modality") List<String> modality,
                                          @QueryParam("priority") List<String> priority,
                                          @QueryParam("size") @DefaultValue("50") int size, @Context Sse sse) {
        WorklistQuery query = WorklistQuery.of(status, modality, priority, 0, size);
        String tenant = caller.tenant(); // read now: the request scope is gone when the stream emits
        queries.requireQueryable();
        Multi<OutboundSseEvent> changes = feed.changes()
                .filter(item -> tenant.equals(item.tenant()) && query.matches(item))
                .map(item -> event(sse, CHANGE_EVENT, item));
        // the snapshot is read after the subscription to changes, so no change falls between them
        Multi<OutboundSseEvent> snapshot = Multi.createFrom().item(() ->
                event(sse, SNAPSHOT_EVENT, WorklistPage.of(studiesOf(tenant), query)));
        return Multi.createBy().merging().streams(changes, snapshot);
    }

    private Stream<WorklistItem> studiesOf(String tenant) {
        return queries.reports().stream().filter(report -> tenant.equals(report.getTenant())).map(WorklistItem::from);
    }

    private static OutboundSseEvent event(Sse sse, String name, Object data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(data).build();
    }
}
