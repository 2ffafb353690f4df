package io.radstream.results.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * POSTs one signed JSON body to one receiver, retrying connection failures, timeouts, 429 and 5xx
 * answers with exponential backoff; other 4xx answers are final. Completes with whether the
 * receiver accepted (2xx).
 */
final class WebhookSender {

    static final String DELIVERY_HEADER = "X-RadStream-Delivery";
    static final String EVENT_HEADER = "X-RadStream-Event";
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final HttpClient http;
    private final WebhookSigner signer;
    private final WebhookConfig config;
    private final Clock clock;

    WebhookSender(HttpClient http, WebhookSigner signer, WebhookConfig config, Clock clock) {
        this.http = http;
        this.signer = signer;
        this.config = config;
        this.clock = clock;
    }

    /** One event to one receiver: {@code deliveryId} is the same on every attempt, so receivers can dedupe. */
    CompletableFuture<Boolean> deliver(URI url, String event, String deliveryId, byte[] body) {
        return attempt(url, event, deliveryId, body, 1);
    }

    private CompletableFuture<Boolean> attempt(URI url, String event, String deliveryId, byte[] body, int attempt) {
        long now = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header(EVENT_HEADER, event)
                .header(DELIVERY_HEADER, deliveryId)
                .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(now))
                .header(WebhookSigner.SIGNATURE_HEADER, signer.signature(now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure == null && response.statusCode() / 100 == 2) {
                        return CompletableFuture.completedFuture(true);
                    }
                    String why = failure != null ? failure.toString() : "HTTP " + response.statusCode();
                    boolean retryable = failure != null || response.statusCode() == 429 || response.statusCode() >= 500;
                    if (!retryable || attempt >= config.maxAttempts()) {
                        LOG.warnf("Webhook %s of %s to %s failed after %d attempt(s): %s", event, deliveryId, url, attempt, why);
                        return CompletableFuture.completedFuture(false);
                    }
                    Duration wait = backoff(attempt);
                    LOG.debugf("Webhook %s to %s: %s; retry in %s", deliveryId, url, why, wait);
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> attempt(url, event, deliveryId, body, attempt + 1));
                })
                .thenCompose(result -> result);
    }

    /** Wait after the {@code attempt}-th failure: initial × 2^(attempt-1), capped at the maximum. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
