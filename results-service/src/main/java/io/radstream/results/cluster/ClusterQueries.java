package io.radstream.results.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.radstream.auth.Caller;
import io.radstream.results.api.AlertView;
import io.radstream.results.api.WorklistPage;
import io.radstream.results.api.WorklistPart;
import io.radstream.results.api.WorklistQuery;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.StudyReport;

/**
 * The API's queries over all instances of the application. A study's report and alerts are read
 * where the study lives (here, or its owner by the Kafka Streams metadata, over HTTP); an alert by
 * id, the alert list and the worklist are gathered from every instance and merged. The answer is
 * 503 (never a wrong 404 or a partial list) while an owner is unknown or does not answer.
 */
@ApplicationScoped
public class ClusterQueries {

    /** Who asks: the tenant every part is scoped to, and the bearer token other instances check. */
    public record Ask(String tenant, String bearer) {
    }

    private static final TypeReference<List<AlertView>> ALERTS = new TypeReference<>() {
    };

    private final LocalParts local;
    private final Instances instances;
    private final Peers peers;
    private final ObjectMapper json;
    private final Caller caller;
    private final JsonWebToken token;

    @Inject
    public ClusterQueries(LocalParts local, Instances instances, Peers peers, ObjectMapper json, Caller caller,
                          JsonWebToken token) {
        this.local = local;
        this.instances = instances;
        this.peers = peers;
        this.json = json;
        this.caller = caller;
        this.token = token;
    }

    /** The current request's caller; read it on the request's thread. */
    public Ask ask() {
        return new Ask(caller.tenant(), token.getRawToken());
    }

    /** @throws io.radstream.results.api.ApiException 503 while some study has no known instance */
    public void requireComplete() {
        instances.others();
    }

    public Optional<StudyReport> report(Ask ask, String studyInstanceUid) {
        Optional<URI> owner = instances.ownerOf(studyInstanceUid);
        if (owner.isEmpty()) {
            return local.report(ask.tenant(), studyInstanceUid);
        }
        return peers.get(owner.get(), InstanceResource.PATH + "/reports/" + studyInstanceUid, ask.bearer())
                .map(avro -> Topics.STUDY_REPORTS.valueSerde().deserializer().deserialize(Topics.STUDY_REPORTS.name(), avro));
    }

    /** The study's alerts, newest first, at most {@code limit}. */
    public List<AlertView> studyAlerts(Ask ask, String studyInstanceUid, int limit) {
        Optional<URI> owner = instances.ownerOf(studyInstanceUid);
        if (owner.isEmpty()) {
            return local.studyAlerts(ask.tenant(), studyInstanceUid, limit);
        }
        return peers.get(owner.get(), InstanceResource.PATH + "/studies/" + studyInstanceUid + "/alerts?limit=" + limit,
                ask.bearer()).map(body -> read(body, ALERTS)).orElse(List.of());
    }

    /**
     * An alert by id. Alerts are partitioned by their study, which the id does not tell, so this
     * instance looks first, then every other one.
     */
    public Optional<AlertView> alert(Ask ask, String alertId) {
        Optional<AlertView> here = local.alert(ask.tenant(), alertId);
        if (here.isPresent()) {
            return here;
        }
        for (URI other : instances.others()) {
            Optional<byte[]> there = peers.get(other, InstanceResource.PATH + "/alerts/" + alertId, ask.bearer());
            if (there.isPresent()) {
                return Optional.of(read(there.get(), new TypeReference<AlertView>() {
                }));
            }
        }
        return Optional.empty();
    }

    /** The tenant's alerts of all instances, newest first, at most {@code limit}. */
    public List<AlertView> alerts(Ask ask, boolean unacknowledgedOnly, int limit) {
        List<AlertView> all = gather(() -> local.alerts(ask.tenant(), unacknowledgedOnly, limit),
                InstanceResource.PATH + "/alerts?limit=" + limit + "&unacknowledged=" + unacknowledgedOnly, ask,
                body -> read(body, ALERTS)).stream().flatMap(List::stream).toList();
        return all.stream().sorted(Comparator.comparing(AlertView::raisedAt).reversed()).limit(limit).toList();
    }

    /** One page of the tenant's worklist over all instances, ordered, filtered and paged as on one instance. */
    public WorklistPage worklist(Ask ask, WorklistQuery query) {
        int needed = WorklistPart.needed(query);
        String path = InstanceResource.PATH + "/worklist?limit=" + needed + filter("status", query.statuses())
                + filter("modality", query.modalities()) + filter("priority", query.priorities());
        return WorklistPart.merge(gather(() -> local.worklist(ask.tenant(), query, needed), path, ask,
                body -> read(body, new TypeReference<WorklistPart>() {
                })), query);
    }

    private <T> List<T> gather(java.util.function.Supplier<T> here, String pathAndQuery, Ask ask, Function<byte[], T> parse) {
        List<URI> others = instances.others(); // first: 503 while some study has no instance
        List<T> parts = new ArrayList<>(List.of(here.get()));
        for (URI other : others) {
            parts.add(parse.apply(peers.get(other, pathAndQuery, ask.bearer())
                    .orElseThrow(() -> peers.unavailable(other, "HTTP 404 for its part"))));
        }
        return parts;
    }

    private static String filter(String name, Set<String> values) {
        return values.isEmpty() ? "" : "&" + name + "=" + URLEncoder.encode(String.join(",", values), StandardCharsets.UTF_8);
    }

    private <T> T read(byte[] body, TypeReference<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Another instance answered an unreadable part", e);
        }
    }
}
