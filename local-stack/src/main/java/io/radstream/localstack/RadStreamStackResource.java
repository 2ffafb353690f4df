package io.radstream.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource backed by ONE {@link LocalStack} per JVM (in-process broker, forked
 * s3proxy), started lazily by the first test class that names it and reused by all others; it
 * stops when the JVM exits, after JUnit has closed the last Quarkus application.
 *
 * <pre>{@code @QuarkusTest
 * @QuarkusTestResource(RadStreamStackResource.class)
 * class IngestIT { ... RadStreamStackResource.stack().kafka().bootstrapServers() ... }}</pre>
 *
 * <p>Quarkus may load this class once per application class loader; the running stack is
 * therefore published JVM-wide as the system property {@value #SHARED_PROPERTY}, and other class
 * loaders get a {@link LocalStack#attach(Map) handle} on it instead of a second stack.
 */
public final class RadStreamStackResource implements QuarkusTestResourceLifecycleManager {

    /** System property holding the shared stack's service config (URL-encoded {@code k=v&...}). */
    public static final String SHARED_PROPERTY = "radstream.localstack.shared";

    /**
     * Key under which the owning class loader publishes, in the JVM-wide system properties, a
     * {@link Runnable} that stops the stack; {@link StopStackAtSessionEnd} runs it once JUnit is done.
     */
    static final String STOPPER_KEY = "radstream.localstack.stopper";

    /** A string literal is interned JVM-wide, so this lock is shared by all class loaders. */
    private static final Object LOCK = "io.radstream.localstack.RadStreamStackResource.LOCK";

    private static LocalStack stack; // guarded by LOCK
    private static Thread stopHook; // guarded by LOCK; non-null when this class loader owns the stack

    /**
     * Starts (or joins) the shared stack and returns the configuration for the application under
     * test: {@link LocalStack#serviceConfig()}, Kafka dev services off, broker-only log categories at WARN.
     */
    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(stack().serviceConfig());
        config.put("quarkus.kafka.devservices.enabled", "false");
        for (String category : QuietLogging.BROKER_CATEGORIES) { // the broker shares the test JVM's logging
            config.put("quarkus.log.category.\"" + category + "\".level", "WARN");
        }
        return config;
    }

    /** Keeps the stack running for the next test class; it stops at JVM exit or {@link #shutdown()}. */
    @Override
    public void stop() {
        // shared by every test class of this JVM
    }

    /**
     * The JVM's shared stack, started on first use; tests use it for their own producers,
     * consumers and MinIO clients.
     *
     * @return the running stack
     */
    public static LocalStack stack() {
        synchronized (LOCK) {
            if (stack == null) {
                String shared = System.getProperty(SHARED_PROPERTY);
                stack = shared != null ? LocalStack.attach(decode(shared)) : startOwned();
            }
            return stack;
        }
    }

    /** Stops the shared stack now, if this class loader started it; a later {@link #stack()} starts a new one. */
    public static void shutdown() {
        synchronized (LOCK) {
            if (stopHook != null) {
                System.getProperties().remove(STOPPER_KEY);
                Runtime.getRuntime().removeShutdownHook(stopHook);
                stopHook.run();
                stopHook = null;
            }
            stack = null;
        }
    }

    private static LocalStack startOwned() {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("radstream-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalStack started = LocalStack.startForTests(tmp);
        System.setProperty(SHARED_PROPERTY, encode(started.serviceConfig()));
        stopHook = new Thread(() -> {
            System.clearProperty(SHARED_PROPERTY);
            try {
                started.close();
            } finally {
                deleteTree(tmp);
            }
        }, "radstream-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopHook);
        // a Runnable is a bootstrap type, so a listener in any class loader can call it
        System.getProperties().put(STOPPER_KEY, (Runnable) RadStreamStackResource::shutdown);
        return started;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort at exit
        }
    }

    static String encode(Map<String, String> config) {
        return config.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> decode(String encoded) {
        Map<String, String> config = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                config.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return config;
    }
}
