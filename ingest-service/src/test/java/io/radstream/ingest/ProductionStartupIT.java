package io.radstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.radstream.localstack.SampleFiles;

/**
 * The packaged service in production mode (normal launch mode, no dev/test profile) refuses to start
 * without a pseudonym key and with the committed development token key, and starts when both are
 * configured properly. Kafka and S3 point at dead ports: none of this needs them.
 */
class ProductionStartupIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String DEV_KEY = SampleFiles.repositoryRoot().resolve("config/dev-jwt/dev-public-key.pem").toString();

    @TempDir
    Path tmp;

    @Test
    void shouldRefuseToStartWithoutAPseudonymKey() throws Exception {
        Run run = start(Map.of("mp.jwt.verify.publickey.location", DEV_KEY, "radstream.ingest.auth.allow-dev-key", "true"));
        assertThat(run.exitCode()).as(run.log()).isNotZero();
        assertThat(run.log()).contains("radstream.ingest.pseudonym-key");
    }

    @Test
    void shouldRefuseToStartWithTheDevelopmentTokenKey() throws Exception {
        Run run = start(Map.of("radstream.ingest.pseudonym-key", "a-production-grade-secret-0123456789",
                "mp.jwt.verify.publickey.location", DEV_KEY));
        assertThat(run.exitCode()).as(run.log()).isNotZero();
        assertThat(run.log()).contains("development key");
    }

    @Test
    void shouldStartWhenBothKeysAreConfigured() throws Exception {
        int port = freePort();
        Process process = launch(Map.of("radstream.ingest.pseudonym-key", "a-production-grade-secret-0123456789",
                "mp.jwt.verify.publickey.location", DEV_KEY, "radstream.ingest.auth.allow-dev-key", "true",
                "quarkus.http.port", String.valueOf(port)));
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(90)).failFast(() -> !process.isAlive()).until(() -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    record Run(int exitCode, String log) {
    }

    private Run start(Map<String, String> config) throws Exception {
        Process process = launch(config);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return new Run(0, "still running after 90 s:\n" + Files.readString(tmp.resolve("out.log")));
        }
        return new Run(process.exitValue(), Files.readString(tmp.resolve("out.log")));
    }

    private Process launch(Map<String, String> config) throws IOException {
        assertThat(JAR).as("packaged application (mvn package)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=0", "-Dkafka.bootstrap.servers=127.0.0.1:9",
                "-Dradstream.s3.endpoint=http://127.0.0.1:9", "-Dradstream.ingest.publish-timeout-seconds=2"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
