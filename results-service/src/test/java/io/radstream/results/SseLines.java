package io.radstream.results;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/** A live Server-Sent Events connection whose lines are collected as they arrive. */
final class SseLines implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final HttpResponse<Stream<String>> response;

    private SseLines(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream with this Authorization header (none when null). */
    static SseLines open(URI uri, String authorization) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        HttpRequest request = (authorization == null ? builder : builder.header("Authorization", authorization)).GET().build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("SSE answered " + response.statusCode());
        }
        return new SseLines(response);
    }

    /** Waits for a line matching {@code condition}. */
    String await(Duration atMost, Predicate<String> condition) {
        Awaitility.await().atMost(atMost).until(() -> lines.stream().anyMatch(condition));
        return lines.stream().filter(condition).findFirst().orElseThrow();
    }

    /** Every line received so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        response.body().close();
    }
}
