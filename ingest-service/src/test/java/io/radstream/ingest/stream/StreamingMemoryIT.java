package io.radstream.ingest.stream;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.radstream.ingest.StowBodies;
import io.radstream.localstack.TestTokens;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.SampleFiles;
import io.radstream.localstack.TopicReader;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.events.ImageArrived;

/**
 * A 300-instance 512x512 16-bit CT series (about 150 MB) in one STOW-RS request to the packaged service
 * running with a 128 MiB heap: it can only succeed if the body is streamed part by part, never held whole.
 */
class StreamingMemoryIT {

    static final int INSTANCES = 300;
    static final int SIDE = 512;
    static final String HEAP = "-Xmx128m";

    @Test
    void shouldStoreA150MegabyteSeriesWithA128MegabyteHeap() throws Exception {
        int port = freePort();
        Path log = Path.of("target/streaming-memory-it.log");
        Process service = start(port, log);
        try (TopicReader<ImageArrived> lanes = StowBodies.lanes()) {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(120)).failFast(() -> !service.isAlive()).until(() -> ready(http, port));

            String study = DicomUid.random();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dicomweb/studies"))
                    .header("Content-Type", CtSeriesBody.CONTENT_TYPE)
                    .header("Authorization", TestTokens.bearer(TestTokens.token("uploader", "streaming")))
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> CtSeriesBody.stream(study, INSTANCES, SIDE))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body() + "\n" + tail(log)).isEqualTo(200);
            JsonNode stored = new ObjectMapper().readTree(response.body()).path("00081199").path("Value");
            assertThat(stored.size()).isEqualTo(INSTANCES);
            assertThat(service.isAlive()).isTrue();
            assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> lanes.matching(e -> e.getStudyInstanceUid().equals(study)).size() == INSTANCES);
        } finally {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    private static Process start(int port, Path log) throws IOException {
        Map<String, String> config = new java.util.LinkedHashMap<>(RadStreamStackResource.stack().serviceConfig());
        config.put("quarkus.http.port", String.valueOf(port));
        config.put("radstream.ingest.pseudonym-key", "streaming-test-pseudonym-key-0123456789");
        config.put("mp.jwt.verify.publickey.location",
                SampleFiles.repositoryRoot().resolve("config/dev-jwt/dev-public-key.pem").toString());
        config.put("radstream.ingest.auth.allow-dev-key", "true");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+ExitOnOutOfMemoryError"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static boolean ready(HttpClient http, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
