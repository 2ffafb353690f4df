package io.radstream.results.api;

import java.util.List;

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

import io.radstream.auth.Roles;
import io.radstream.results.cluster.ClusterQueries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The radiology worklist: studies ordered by urgency, then study score, then arrival
 * ({@link WorklistItem#ORDER}), filtered by status, modality and priority, paged; and the same
 * live as Server-Sent Events. The list holds the studies of every instance ({@link ClusterQueries});
 * the live changes come from the report topic, so they too cover every study. Readers and admins
 * see their own tenant's studies only.
 */
@Path("/api/v1/worklist")
@RolesAllowed({Roles.READER, Roles.ADMIN})
public class WorklistResource {

    /** SSE event with the current (filtered, ordered) worklist: always the first event of a stream. */
    public static final String SNAPSHOT_EVENT = "worklist";
    /** SSE event with one study whose report changed. */
    public static final String CHANGE_EVENT = "change";

    private final ClusterQueries cluster;
    private final StudyQueries queries;
    private final WorklistFeed feed;

    @Inject
    public WorklistResource(ClusterQueries cluster, StudyQueries queries, WorklistFeed feed) {
        this.cluster = cluster;
        this.queries = queries;
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public WorklistPage worklist(@QueryParam("status") List<String> status, @QueryParam("modality") List<String> modality,
                                 @QueryParam("priority") List<String> priority,
                                 @QueryParam("page") @DefaultValue("0") int page,
                                 @QueryParam("size") @DefaultValue("50") int size) {
        WorklistQuery query = WorklistQuery.of(status, modality, priority, page, size);
        return cluster.worklist(cluster.ask(), query);
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
        ClusterQueries.Ask ask = cluster.ask(); // read now: the request scope is gone when the stream emits
        String tenant = ask.tenant();
        queries.requireQueryable();
        cluster.requireComplete();
        Multi<OutboundSseEvent> changes = feed.changes()
                .filter(item -> tenant.equals(item.tenant()) && query.matches(item))
                .map(item -> event(sse, CHANGE_EVENT, item));
        // the snapshot is read after the subscription to changes, so no change falls between them
        // (on a worker thread: parts of it come from the other instances over HTTP)
        Multi<OutboundSseEvent> snapshot = Multi.createFrom().item(() ->
                event(sse, SNAPSHOT_EVENT, cluster.worklist(ask, query)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return Multi.createBy().merging().streams(changes, snapshot);
    }

    private static OutboundSseEvent event(Sse sse, String name, Object data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(data).build();
    }
}
