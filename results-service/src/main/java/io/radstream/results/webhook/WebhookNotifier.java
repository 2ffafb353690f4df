package io.radstream.results.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.radstream.results.ResultsMetrics;
import io.radstream.schemas.Topics;

/**
 * Pushes every committed urgent alert and escalation to the configured webhook receivers, at least
 * once: offsets are committed only after every receiver accepted the batch or its retries ran out
 * (then the failure is logged and counted). Runs only when receivers are configured; refuses to
 * start with a receiver outside the allow-list or without a signing secret.
 */
@ApplicationScoped
public class WebhookNotifier {

    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);

    private final WebhookConfig config;
    private final ResultsMetrics metrics;
    private final ObjectMapper json;
    private final String bootstrapServers;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    @Inject
    public WebhookNotifier(WebhookConfig config, ResultsMetrics metrics, ObjectMapper json,
                           @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.metrics = metrics;
        this.json = json;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent startup) {
        List<URI> urls = config.urls().orElse(List.of());
        if (urls.isEmpty()) {
            return;
        }
        AllowList allowList = new AllowList(config.allowList().orElse(List.of()));
        urls.stream().filter(url -> !allowList.permits(url)).findFirst().ifPresent(url -> {
            throw new IllegalStateException("Webhook URL " + url + " is not in radstream.results.webhook.allow-list");
        });
        String secret = config.secret().filter(s -> !s.isBlank()).orElseThrow(() ->
                new IllegalStateException("radstream.results.webhook.secret is required when webhook URLs are set"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        WebhookSender sender = new WebhookSender(http, new WebhookSigner(secret), config, Clock.systemUTC());
        KafkaConsumer<String, byte[]> records =
                new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
        records.subscribe(List.of(Topics.URGENT_ALERTS.name(), Topics.ALERT_ESCALATIONS.name()));
        consumer = records;
        running = true;
        thread = new Thread(() -> run(records, sender, urls), "radstream-webhook");
        thread.start();
        LOG.infof("Webhook notifier delivering alerts to %d receiver(s)", urls.size());
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (thread != null) {
            running = false;
            consumer.wakeup();
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }

    private void run(KafkaConsumer<String, byte[]> records, WebhookSender sender, List<URI> urls) {
        try (records) {
            while (running) {
                List<CompletableFuture<Boolean>> deliveries = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : records.poll(Duration.ofMillis(500))) {
                    deliveries.addAll(deliver(sender, urls, record));
                }
                if (!deliveries.isEmpty()) {
                    CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).join();
                    deliveries.forEach(d -> metrics.webhookDelivery(d.join() ? ResultsMetrics.DELIVERED : ResultsMetrics.FAILED));
                    records.commitSync();
                }
            }
        } catch (WakeupException stopping) {
            LOG.debug("Webhook notifier stopping");
        } catch (RuntimeException e) {
            LOG.error("Webhook notifier stopped", e);
        }
    }

    private List<CompletableFuture<Boolean>> deliver(WebhookSender sender, List<URI> urls,
                                                     ConsumerRecord<String, byte[]> record) {
        WebhookPayload payload;
        byte[] body;
        try {
            payload = record.topic().equals(Topics.URGENT_ALERTS.name())
                    ? WebhookPayload.of(Topics.URGENT_ALERTS.valueSerde().fromBytes(record.value()))
                    : WebhookPayload.of(Topics.ALERT_ESCALATIONS.valueSerde().fromBytes(record.value()));
            body = json.writeValueAsBytes(payload);
        } catch (SerializationException | JsonProcessingException e) {
            LOG.errorf("Webhook: cannot read %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            metrics.webhookDelivery(ResultsMetrics.FAILED);
            return List.of();
        }
        return urls.stream().map(url -> sender.deliver(url, payload.event(), payload.deliveryId(), body)).toList();
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, config.groupId(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    }
}
