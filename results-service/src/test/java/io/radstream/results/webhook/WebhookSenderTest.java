package io.radstream.results.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender against a real local HTTP receiver (no broker involved). */
class WebhookSenderTest {

    private static final String SECRET = "test-webhook-secret";
    private static final byte[] BODY = "{\"event\":\"UrgentAlert\"}".getBytes(StandardCharsets.UTF_8);

    record Config(int maxAttempts, Duration initialBackoff) implements WebhookConfig {
        public Optional<List<URI>> urls() {
            return Optional.empty();
        }

        public Optional<List<String>> allowList() {
            return Optional.empty();
        }

        public Optional<String> secret() {
            return Optional.of(SECRET);
        }

        public Duration maxBackoff() {
            return initialBackoff.multipliedBy(4);
        }

        public Duration timeout() {
            return Duration.ofSeconds(10);
        }

        public String groupId() {
            return "unused";
        }
    }

    private final WebhookReceiver receiver;

    WebhookSenderTest() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void shouldRetryWithBackoffUntilTheReceiverAccepts() {
        receiver.failFirst(2, 503);
        Config config = new Config(5, Duration.ofMillis(100));

        boolean delivered = sender(config).deliver(receiver.url(), "UrgentAlert", "d-1", BODY).join();

        assertThat(delivered).isTrue();
        List<WebhookReceiver.Received> attempts = receiver.requestsFor("d-1");
        assertThat(attempts).extracting(WebhookReceiver.Received::answered).containsExactly(503, 503, 204);
        assertThat(attempts.get(2).atNanos() - attempts.get(1).atNanos())
                .as("second wait is twice the first backoff")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(attempts).allSatisfy(a -> assertThat(a.body()).isEqualTo(BODY));
    }

    @Test
    void shouldSignEveryAttemptWithHmacSha256OfTimestampAndBody() {
        sender(new Config(1, Duration.ofMillis(10))).deliver(receiver.url(), "UrgentAlert", "d-2", BODY).join();

        WebhookReceiver.Received request = receiver.requestsFor("d-2").get(0);
        assertThat(request.event()).isEqualTo("UrgentAlert");
        assertThat(request.signature()).startsWith("sha256=")
                .isEqualTo(new WebhookSigner(SECRET).signature(Long.parseLong(request.timestamp()), BODY))
                .isNotEqualTo(new WebhookSigner("another-secret").signature(Long.parseLong(request.timestamp()), BODY));
    }

    @Test
    void shouldGiveUpAfterTheLastAttempt() {
        receiver.failFirst(10, 500);

        boolean delivered = sender(new Config(3, Duration.ofMillis(10))).deliver(receiver.url(), "UrgentAlert", "d-3", BODY).join();

        assertThat(delivered).isFalse();
        assertThat(receiver.requestsFor("d-3")).hasSize(3);
    }

    @Test
    void shouldNotRetryAClientError() {
        receiver.failFirst(10, 400);

        boolean delivered = sender(new Config(5, Duration.ofMillis(10))).deliver(receiver.url(), "UrgentAlert", "d-4", BODY).join();

        assertThat(delivered).isFalse();
        assertThat(receiver.requestsFor("d-4")).hasSize(1);
    }

    @Test
    void shouldDoubleTheBackoffUpToTheMaximum() {
        WebhookSender sender = sender(new Config(10, Duration.ofSeconds(1)));

        assertThat(List.of(1, 2, 3, 4, 5)).map(sender::backoff)
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    private static WebhookSender sender(Config config) {
        return new WebhookSender(HttpClient.newHttpClient(), new WebhookSigner(SECRET), config, Clock.systemUTC());
    }
}
