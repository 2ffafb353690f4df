package io.radstream.results.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real local HTTP receiver of webhook calls (the JDK's server). It records every request and can
 * answer the first attempts of each delivery with an error status, to exercise retries.
 */
public final class WebhookReceiver implements AutoCloseable {

    public static final String PATH = "/hooks/radstream";

    /** One received request. */
    public record Received(String event, String deliveryId, String timestamp, String signature, byte[] body,
                           int answered, long atNanos) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile int failFirst;
    private volatile int failStatus = 503;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    /** Answer the first {@code times} attempts of every delivery with {@code status}. */
    public WebhookReceiver failFirst(int times, int status) {
        this.failFirst = times;
        this.failStatus = status;
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    public URI allowedPrefix() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/");
    }

    public List<Received> requestsFor(String deliveryId) {
        return received.stream().filter(r -> deliveryId.equals(r.deliveryId())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        var headers = exchange.getRequestHeaders();
        String deliveryId = headers.getFirst(WebhookSender.DELIVERY_HEADER);
        int attempt = attempts.computeIfAbsent(String.valueOf(deliveryId), id -> new AtomicInteger()).incrementAndGet();
        int status = attempt <= failFirst ? failStatus : 204;
        received.add(new Received(headers.getFirst(WebhookSender.EVENT_HEADER), deliveryId,
                headers.getFirst(WebhookSigner.TIMESTAMP_HEADER), headers.getFirst(WebhookSigner.SIGNATURE_HEADER),
                body, status, System.nanoTime()));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
