package io.radstream.results.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link WebhookReceiver} (failing the first attempt of each delivery with 503) and points
 * the application's webhook notifier at it; short escalation times so escalations reach it too.
 * Tests get the receiver in a field annotated {@link Receiver}.
 */
public class WebhookReceiverResource implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "it-webhook-secret";
    public static final String ESCALATE_AFTER = "3s";

    /** Marks the test field that receives the running {@link WebhookReceiver}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Receiver {
    }

    private WebhookReceiver receiver;

    @Override
    public Map<String, String> start() {
        try {
            receiver = new WebhookReceiver().failFirst(1, 503);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "radstream.results.webhook.urls", receiver.url().toString(),
                "radstream.results.webhook.allow-list", receiver.allowedPrefix().toString(),
                "radstream.results.webhook.secret", SECRET,
                "radstream.results.webhook.initial-backoff", "100ms",
                "radstream.results.webhook.group-id", "radstream-results-webhook-it-" + UUID.randomUUID(),
                "radstream.results.escalate-after", ESCALATE_AFTER,
                "radstream.results.max-escalations", "1");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(receiver,
                new TestInjector.AnnotatedAndMatchesType(Receiver.class, WebhookReceiver.class));
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
