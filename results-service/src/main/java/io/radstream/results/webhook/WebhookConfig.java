package io.radstream.results.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where and how urgent alerts and escalations are pushed to receivers (pagers, chat, RIS). */
@ConfigMapping(prefix = "radstream.results.webhook")
public interface WebhookConfig {

    /** Receivers; none configured: the notifier does not run. Each must be permitted by {@link #allowList()}. */
    Optional<List<URI>> urls();

    /**
     * URL prefixes receivers must match: same scheme, host and port, and a path under the prefix's
     * path (e.g. {@code https://pager.hospital.example/hooks/}).
     */
    Optional<List<String>> allowList();

    /** Key of the HMAC-SHA-256 signature header; required when receivers are configured. */
    Optional<String> secret();

    /** Attempts per delivery (first try included) before it counts as failed. */
    @WithDefault("6")
    int maxAttempts();

    /** Wait before the first retry; it doubles per retry up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** Timeout of one HTTP attempt. */
    @WithDefault("10s")
    Duration timeout();

    /** Kafka consumer group of the notifier (it reads committed alerts and escalations). */
    @WithDefault("radstream-results-webhook")
    String groupId();
}
