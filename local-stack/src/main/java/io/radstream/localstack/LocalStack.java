package io.radstream.localstack;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.radstream.schemas.Topics;

/**
 * Everything RadStream's services need around them: a real Kafka broker with every topic of
 * {@link Topics#all()} and a real S3 server with the images bucket. Stop the services first,
 * then close this (broker, then S3 server).
 */
public final class LocalStack implements AutoCloseable {

    /** The bucket that holds uploaded images and derived artifacts. */
    public static final String IMAGES_BUCKET = "radstream-images";

    private final LocalKafka kafka;
    private final LocalS3 s3;
    private final String bucket;

    private LocalStack(LocalKafka kafka, LocalS3 s3, String bucket) {
        this.kafka = kafka;
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * In-process broker on a random port and s3proxy on a free port, data under {@code tmp}.
     *
     * @param tmp a directory for the S3 data (the broker uses its own temporary directory)
     * @return the running stack with topics and bucket created
     */
    public static LocalStack startForTests(Path tmp) {
        return start(LocalKafka::inProcess, 0, tmp.resolve("s3"));
    }

    /**
     * Broker on {@code 127.0.0.1:kafkaPort} and s3proxy on {@code 127.0.0.1:s3Port}, data under {@code dataDir}.
     *
     * @return the running stack with topics and bucket created
     */
    public static LocalStack startOnPorts(int kafkaPort, int s3Port, Path dataDir) {
        Net.requireFree(kafkaPort, "Kafka");
        Net.requireFree(s3Port, "S3");
        return start(() -> LocalKafka.onPort(kafkaPort, dataDir.resolve("kafka")), s3Port, dataDir.resolve("s3"));
    }

    /**
     * A handle on a stack that runs elsewhere (another class loader, another process), rebuilt from
     * its {@link #serviceConfig()}; {@link #close()} leaves that stack running.
     */
    public static LocalStack attach(Map<String, String> serviceConfig) {
        return new LocalStack(LocalKafka.attach(require(serviceConfig, "kafka.bootstrap.servers")),
                LocalS3.attach(require(serviceConfig, "radstream.s3.endpoint")),
                serviceConfig.getOrDefault("radstream.s3.bucket", IMAGES_BUCKET));
    }

    private static LocalStack start(java.util.function.Supplier<LocalKafka> kafkaStarter, int s3Port, Path s3Dir) {
        // s3proxy boots in its own JVM while the broker boots here
        CompletableFuture<LocalS3> s3Future = CompletableFuture.supplyAsync(() -> LocalS3.start(s3Port, s3Dir));
        LocalKafka kafka = null;
        try {
            kafka = kafkaStarter.get();
            LocalS3 s3 = s3Future.join();
            LocalStack stack = new LocalStack(kafka, s3, IMAGES_BUCKET);
            kafka.createTopics(Topics.all());
            s3.createBucket(IMAGES_BUCKET);
            return stack;
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            try {
                s3Future.join().close();
            } catch (RuntimeException sameOrAlsoFailed) {
                // s3proxy did not start (its error may be e itself): nothing to stop
            }
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static String require(Map<String, String> config, String key) {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + key + " in " + config.keySet());
        }
        return value;
    }

    /** @return the broker */
    public LocalKafka kafka() {
        return kafka;
    }

    /** @return the S3 server */
    public LocalS3 s3() {
        return s3;
    }

    /** @return the images bucket name */
    public String bucket() {
        return bucket;
    }

    /**
     * The configuration a RadStream service needs to use this stack.
     *
     * @return {@code kafka.bootstrap.servers}, {@code quarkus.kafka-streams.bootstrap-servers},
     *         {@code radstream.s3.endpoint}, {@code radstream.s3.access-key},
     *         {@code radstream.s3.secret-key} and {@code radstream.s3.bucket}
     */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.kafka-streams.bootstrap-servers", kafka.bootstrapServers());
        config.put("radstream.s3.endpoint", s3.endpoint());
        config.put("radstream.s3.access-key", s3.accessKey());
        config.put("radstream.s3.secret-key", s3.secretKey());
        config.put("radstream.s3.bucket", bucket);
        return Collections.unmodifiableMap(config);
    }

    /** Stops the broker, then the S3 server (for an attached stack: nothing). */
    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            s3.close();
        }
    }
}
