package io.radstream.results.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.radstream.results.api.ApiException;

/**
 * GETs of the local-only queries of another instance ({@link InstanceResource}), with the caller's
 * own bearer token (the other instance checks it and scopes the answer to the caller's tenant, as
 * this one does) and the {@value #FORWARDED} header. The JDK's {@link HttpClient} is used: the
 * calls are a few blocking GETs from worker threads, and no other HTTP client is on the classpath
 * (quarkus-rest is a server; the Vert.x Web client would be a new dependency for the same).
 *
 * <p>Counts each call in {@code radstream_results_peer_queries_total{outcome}}.
 */
@Startup // its meters exist from the start, and a bad advertised URL stops the start-up
@ApplicationScoped
public class Peers {

    /** Marks a request one instance sends to another; its value is the sender's advertised host:port. */
    public static final String FORWARDED = "X-RadStream-Forwarded-By";
    private static final Logger LOG = Logger.getLogger(Peers.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final MeterRegistry registry;
    private final String sender;

    @Inject
    public Peers(MeterRegistry registry, Instances instances) {
        this.registry = registry;
        this.sender = instances.self().host() + ":" + instances.self().port();
        for (String outcome : new String[] {"found", "not-found", "failed"}) {
            registry.counter("radstream.results.peer.queries", "outcome", outcome);
        }
    }

    /**
     * The body of {@code GET base + pathAndQuery} on another instance: empty when it answers 404.
     *
     * @throws ApiException 503 when it cannot be reached or answers anything but 200 or 404
     */
    public Optional<byte[]> get(URI base, String pathAndQuery, String bearer) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearer)
                .header(FORWARDED, sender)
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable(base, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(base, "interrupted");
        }
        if (response.statusCode() == 404) {
            count("not-found");
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw unavailable(base, "HTTP " + response.statusCode());
        }
        count("found");
        return Optional.of(response.body());
    }

    /** Counts and logs a failed call; the 503 to answer. */
    public ApiException unavailable(URI base, String why) {
        count("failed");
        LOG.warnf("Instance %s did not answer a query: %s", base, why);
        return new ApiException(Status.SERVICE_UNAVAILABLE, "Another instance that holds part of the answer did not "
                + "answer (rebalancing or unreachable); retry");
    }

    private void count(String outcome) {
        registry.counter("radstream.results.peer.queries", "outcome", outcome).increment();
    }
}
