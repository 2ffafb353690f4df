package io.radstream.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import io.radstream.schemas.Topic;

/**
 * A real Kafka 4.1 broker in KRaft mode (one combined broker+controller node) running inside this
 * JVM: {@link #inProcess()} on a random port via {@code KafkaClusterTestKit} for tests, or
 * {@link #onPort(int, Path)} on a fixed port via {@code kafka.server.KafkaRaftServer} for the
 * demo. Both are single-node: replication factor 1 everywhere, no auto-created topics.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final AutoCloseable owned;

    private LocalKafka(String bootstrapServers, AutoCloseable owned) {
        this.bootstrapServers = bootstrapServers;
        this.owned = owned;
    }

    /** Broker settings for a single-node cluster that starts fast and behaves like production otherwise. */
    static Map<String, String> singleNodeConfig() {
        return Map.ofEntries(
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("log.cleaner.dedupe.buffer.size", "2097152"));
    }

    /**
     * Starts a broker on a random loopback port inside this JVM; its data lives in a temporary
     * directory that {@link #close()} deletes.
     *
     * @return the running broker
     */
    public static LocalKafka inProcess() {
        QuietLogging.quiet(QuietLogging.BROKER_CATEGORIES);
        KafkaClusterTestKit kit = null;
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION).build());
            singleNodeConfig().forEach(builder::setConfigProp);
            kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new LocalKafka(kit.bootstrapServers(), kit);
        } catch (Exception e) {
            closeQuietly(kit);
            throw new IllegalStateException("cannot start the in-process Kafka broker", e);
        }
    }

    /**
     * Starts a broker inside this JVM that clients reach at {@code 127.0.0.1:port}; its KRaft
     * controller listens on a free loopback port. Existing data in {@code dataDir} is reused.
     *
     * @param port    the broker's client port, e.g. 9092
     * @param dataDir directory for the metadata and partition logs
     * @return the running broker
     */
    public static LocalKafka onPort(int port, Path dataDir) {
        return onPort(port, Net.freePort(), dataDir);
    }

    /** As {@link #onPort(int, Path)} with an explicit controller port. */
    public static LocalKafka onPort(int port, int controllerPort, Path dataDir) {
        Net.requireFree(port, "Kafka");
        Net.requireFree(controllerPort, "Kafka controller");
        QuietLogging.quiet(QuietLogging.BROKER_CATEGORIES);
        FixedPortBroker broker = FixedPortBroker.start(port, controllerPort, dataDir, singleNodeConfig());
        return new LocalKafka(Net.HOST + ":" + port, broker);
    }

    /** A handle on a broker started elsewhere; {@link #close()} does nothing. */
    public static LocalKafka attach(String bootstrapServers) {
        return new LocalKafka(bootstrapServers, null);
    }

    /** @return the {@code bootstrap.servers} value for clients */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return a new admin client for this broker; the caller must close it */
    public Admin newAdmin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "radstream-local-stack");
        return Admin.create(props);
    }

    /**
     * Creates the topics with their registry partitions and configs and replication factor 1,
     * leaving existing topics as they are, and waits until every partition has a leader.
     */
    public void createTopics(Collection<Topic<?>> topics) {
        List<NewTopic> wanted = topics.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                .toList();
        Set<String> names = wanted.stream().map(NewTopic::name).collect(Collectors.toSet());
        try (Admin admin = newAdmin()) {
            CreateTopicsResult result = admin.createTopics(wanted);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic creation timed out on " + bootstrapServers, e);
        }
    }

    private void awaitLeaders(Admin admin, Set<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
                boolean ready = described.values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException notYetVisible) {
                // metadata not yet propagated to the broker
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have no leaders after " + TOPIC_READY_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** Shuts the broker down (if this instance owns one) and waits until it has stopped. */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("Kafka broker did not shut down cleanly", e);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // already failing: the original error matters more
            }
        }
    }
}
