package io.radstream.results.cluster;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

import io.radstream.results.ResultsConfig;
import io.radstream.results.TopologyProducer;
import io.radstream.results.api.ApiException;
import io.radstream.schemas.Topics;

/**
 * Which instance of the application holds what, from the Kafka Streams metadata: every instance
 * advertises its API ({@link ResultsConfig#advertisedUrl()}) as its {@code application.server}. A
 * study's report and alerts live in the task of the study's findings partition. While the metadata
 * is not known (starting, rebalancing) or a partition has no instance, the answer is 503, never a
 * guess.
 */
@ApplicationScoped
public class Instances {

    private final KafkaStreams streams;
    private final HostInfo self;
    private final String scheme;

    @Inject
    public Instances(KafkaStreams streams, ResultsConfig config) {
        this.streams = streams;
        this.self = hostOf(config.advertisedUrl());
        this.scheme = config.advertisedUrl().getScheme();
    }

    /**
     * The host and port of an advertised URL.
     *
     * @throws IllegalArgumentException unless it is {@code http(s)://host:port}, without path, query or user
     */
    static HostInfo hostOf(URI url) {
        boolean bare = (url.getRawPath() == null || url.getRawPath().isEmpty()) && url.getRawQuery() == null
                && url.getRawFragment() == null && url.getRawUserInfo() == null;
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                || url.getPort() < 0 || !bare) {
            throw new IllegalArgumentException("radstream.results.advertised-url must be http(s)://host:port, "
                    + "without a path: " + url);
        }
        return new HostInfo(url.getHost(), url.getPort());
    }

    /** The owner of a study: empty when it is this instance, else the owner's API base URL. */
    public Optional<URI> ownerOf(String studyInstanceUid) {
        KeyQueryMetadata metadata = metadata(() -> streams.queryMetadataForKey(TopologyProducer.REPORT_STORE,
                studyInstanceUid, Serdes.String().serializer()));
        if (metadata == null || metadata.activeHost() == null || HostInfo.unavailable().equals(metadata.activeHost())) {
            throw unknown();
        }
        return self.equals(metadata.activeHost()) ? Optional.empty() : Optional.of(url(metadata.activeHost()));
    }

    /**
     * The API base URLs of the other instances, when together with this one they hold every study.
     *
     * @throws ApiException 503 while some findings partition has no instance (starting, rebalancing)
     */
    public List<URI> others() {
        Collection<StreamsMetadata> all = metadata(streams::metadataForAllStreamsClients);
        Set<Integer> held = all.stream()
                .flatMap(client -> client.topicPartitions().stream())
                .filter(partition -> partition.topic().equals(Topics.FINDINGS.name()))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
        if (!IntStream.range(0, Topics.FINDINGS.partitions()).allMatch(held::contains)) {
            throw unknown();
        }
        return all.stream().map(StreamsMetadata::hostInfo).filter(host -> !self.equals(host)).distinct()
                .map(this::url).toList();
    }

    /** This instance's host and port as it advertises them. */
    public HostInfo self() {
        return self;
    }

    private URI url(HostInfo host) {
        return URI.create(scheme + "://" + (host.host().contains(":") ? "[" + host.host() + "]" : host.host())
                + ":" + host.port());
    }

    private static <T> T metadata(java.util.function.Supplier<T> query) {
        try {
            return query.get();
        } catch (IllegalStateException notRunning) { // not running; not started (StreamsNotStartedException) maps to 503 as well
            throw unknown();
        }
    }

    private static ApiException unknown() {
        return new ApiException(Status.SERVICE_UNAVAILABLE,
                "Which instance holds the study is not known yet (starting or rebalancing); retry");
    }
}
