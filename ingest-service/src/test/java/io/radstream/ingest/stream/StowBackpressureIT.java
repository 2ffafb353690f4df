package io.radstream.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.ingest.IngestConfig;
import io.radstream.localstack.TestTokens;
import io.radstream.ingest.WithLanes;
import io.radstream.ingest.stow.StowBodyBuffering;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.schemas.DicomUid;

/**
 * A client that sends a STOW-RS body as fast as loopback allows, far faster than instances are stored:
 * the service holds at most its read-ahead window (plus one chunk) of the body at any time, and a
 * client that vanishes mid-body leaves nothing held.
 */
@QuarkusTest
@QuarkusTestResource(RadStreamStackResource.class)
class StowBackpressureIT extends WithLanes {

    static final int INSTANCES = 48;
    static final int SIDE = 512;
    /** Netty's HTTP chunks are at most 8 KiB; one may arrive past the window. */
    static final long CHUNK = 8 * 1024;

    @Inject
    StowBodyBuffering buffering;
    @Inject
    IngestConfig config;
    @TestHTTPResource("/dicomweb/studies")
    URI stow;

    @Test
    void shouldHoldAtMostTheReadAheadWindowOfAFastBody() throws Exception {
        long window = config.stowReadAhead().asLongValue();
        byte[] body = CtSeriesBody.stream(DicomUid.random(), INSTANCES, SIDE).readAllBytes();
        assertThat((long) body.length).isGreaterThan(20 * window);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(stow)
                .header("Content-Type", CtSeriesBody.CONTENT_TYPE)
                .header("Authorization", TestTokens.bearer(TestTokens.token("uploader", TENANT)))
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // the client asked to upgrade to h2c (HttpClient's default), which would buffer the whole body: refused
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        // the window was filled (the client was faster than the parser) and never exceeded
        assertThat(buffering.requestMax()).isBetween(window / 2, window + CHUNK);
        await().atMost(Duration.ofSeconds(30)).until(() -> buffering.buffered() == 0);
    }

    @Test
    void shouldReleaseWhatItHeldWhenTheClientVanishesMidBody() throws Exception {
        byte[] body = CtSeriesBody.stream(DicomUid.random(), 8, SIDE).readAllBytes();
        try (Socket socket = new Socket(stow.getHost(), stow.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + stow.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + CtSeriesBody.CONTENT_TYPE
                    + "\r\nAuthorization: " + TestTokens.bearer(TestTokens.token("uploader", TENANT))
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> buffering.buffered() == 0);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("radstream_ingest_stow_body_buffered_bytes"))
                .body(containsString("radstream_ingest_stow_body_buffered_request_max_bytes"));
    }
}
