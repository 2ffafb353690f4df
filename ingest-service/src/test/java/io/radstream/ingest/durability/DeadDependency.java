package io.radstream.ingest.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.radstream.localstack.RadStreamStackResource;

/**
 * The shared real stack, except that Kafka or S3 (init arg {@code dead}) points at a port where nothing
 * listens, as when the broker or the store is down.
 */
public class DeadDependency implements QuarkusTestResourceLifecycleManager {

    private String dead;

    @Override
    public void init(Map<String, String> initArgs) {
        dead = initArgs.get("dead");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(new RadStreamStackResource().start());
        String port = String.valueOf(deadPort());
        if ("kafka".equals(dead)) {
            config.put("kafka.bootstrap.servers", "127.0.0.1:" + port);
        } else {
            config.put("radstream.s3.endpoint", "http://127.0.0.1:" + port);
        }
        config.put("radstream.ingest.publish-timeout-seconds", "2");
        config.put("radstream.ingest.retry-after-seconds", "7");
        config.put("radstream.ingest.audit.outbox-dir", outboxDir(dead).toString());
        return config;
    }

    @Override
    public void stop() {
        // the shared stack keeps running for the other test classes
    }

    /** The audit outbox of the service started with {@code dead} down (its own, so the others never replay it). */
    static java.nio.file.Path outboxDir(String dead) {
        return java.nio.file.Path.of("target", "audit-outbox-" + dead + "-down");
    }

    /** A port that was free a moment ago: connections to it are refused. */
    static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base of the profiles: the real stack with one dependency dead, no global test resources. */
    abstract static class Profile implements QuarkusTestProfile {
        private final String dead;

        Profile(String dead) {
            this.dead = dead;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DeadDependency.class, Map.of("dead", dead)));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }
}
