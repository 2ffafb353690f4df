package io.radstream.results;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.SampleFiles;

/**
 * The packaged results service ({@code target/quarkus-app/quarkus-run.jar}, built before failsafe
 * runs) as a child JVM on a free port: the same application id and broker as the {@code @QuarkusTest}
 * instance, its own state directory, advertising {@code http://localhost:<port>}.
 */
final class SecondInstance implements AutoCloseable {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private SecondInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static SecondInstance start(Path stateDir, Path log) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: this IT runs after 'package'");
        }
        int port = freePort();
        Map<String, String> config = new LinkedHashMap<>(RadStreamStackResource.stack().serviceConfig());
        config.put("quarkus.http.port", String.valueOf(port));
        config.put("radstream.results.advertised-url", "http://localhost:" + port);
        config.put("kafka-streams.state.dir", stateDir.toAbsolutePath().toString());
        // the development key, explicitly allowed, as the launcher runs a packaged service
        config.put("mp.jwt.verify.publickey.location",
                SampleFiles.repositoryRoot().resolve("config/dev-jwt/dev-public-key.pem").toString());
        config.put("radstream.results.auth.allow-dev-key", "true");
        config.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new SecondInstance(process, port, log);
    }

    /** Waits until {@code /q/health/ready} answers 200 (the streams are running); fails early if the JVM dies. */
    void awaitReady(Duration atMost) {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await("second instance ready; log " + log).atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("second instance exited:\n" + tail());
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(uri().resolve("/q/health/ready")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    URI uri() {
        return URI.create("http://localhost:" + port);
    }

    int port() {
        return port;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
