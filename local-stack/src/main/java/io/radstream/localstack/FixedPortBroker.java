package io.radstream.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A combined KRaft broker+controller on fixed loopback ports, the in-process equivalent of
 * {@code kafka-storage.sh format} followed by {@code kafka-server-start.sh server.properties}.
 * (KafkaClusterTestKit binds pre-allocated random ports, so it cannot serve a fixed port.)
 */
final class FixedPortBroker implements AutoCloseable {

    private final KafkaRaftServer server;

    private FixedPortBroker(KafkaRaftServer server) {
        this.server = server;
    }

    static FixedPortBroker start(int port, int controllerPort, Path dataDir, Map<String, String> extra) {
        Path config;
        Properties props = new Properties();
        try {
            Path logDir = Files.createDirectories(dataDir.resolve("kafka-logs")).toAbsolutePath();
            props.putAll(extra);
            props.setProperty("process.roles", "broker,controller");
            props.setProperty("node.id", "1");
            props.setProperty("controller.quorum.voters", "1@" + Net.HOST + ":" + controllerPort);
            props.setProperty("listeners", "PLAINTEXT://" + Net.HOST + ":" + port + ",CONTROLLER://" + Net.HOST + ":" + controllerPort);
            props.setProperty("advertised.listeners", "PLAINTEXT://" + Net.HOST + ":" + port);
            props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.setProperty("controller.listener.names", "CONTROLLER");
            props.setProperty("inter.broker.listener.name", "PLAINTEXT");
            props.setProperty("log.dirs", logDir.toString());
            config = dataDir.resolve("server.properties");
            try (Writer out = Files.newBufferedWriter(config)) {
                props.store(out, "written by io.radstream.localstack.LocalKafka");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        }
        if (!Files.exists(Path.of(props.getProperty("log.dirs"), "meta.properties"))) {
            format(config); // a directory kept from a previous run keeps its cluster id
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            server.startup(); // returns once the broker is unfenced and serving
            return new FixedPortBroker(server);
        } catch (RuntimeException e) {
            shutdown(server);
            throw new IllegalStateException("Kafka broker failed to start on port " + port, e);
        }
    }

    /** Formats the log directory for a new single-node cluster. */
    private static void format(Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "--config", config.toString(),
                "--cluster-id", Uuid.randomUuid().toString()}, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("kafka storage format failed: " + output.toString(StandardCharsets.UTF_8), e);
        }
        if (rc != 0) {
            throw new IllegalStateException("kafka storage format exited " + rc + ": " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    @Override
    public void close() {
        shutdown(server);
    }
}
