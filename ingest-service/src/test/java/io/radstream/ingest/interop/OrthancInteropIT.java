package io.radstream.ingest.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.localstack.TestTokens;
import io.radstream.ingest.WithLanes;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.SampleFiles;
import io.radstream.schemas.events.ImageArrived;

/**
 * DIMSE to DICOMweb through a real DICOM router: Orthanc (Debian {@code orthanc} + {@code orthanc-dicomweb})
 * runs as a process with the shipped {@code docker/orthanc} configuration (ports, storage and the ingest URL
 * adapted), dcmtk {@code storescu} sends it a real CT over C-STORE, Orthanc's Lua hook forwards it over
 * STOW-RS with a bearer token, and the image's arrival is awaited on the real broker.
 */
@QuarkusTest
@QuarkusTestResource(RadStreamStackResource.class)
class OrthancInteropIT extends WithLanes {

    static final String CT_STUDY = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
    static final String TENANT = "orthanc-edge";

    @TestHTTPResource("/dicomweb/")
    java.net.URL stowBase;

    @TempDir
    Path tmp;

    @Test
    void shouldForwardAnInstanceReceivedOverCStoreToStowRsAndPublishItsArrival() throws Exception {
        Path orthanc = executable("Orthanc", "/usr/sbin/Orthanc");
        Path storescu = executable("storescu", "/usr/bin/storescu");
        int dicomPort = freePort();
        Path config = writeConfig(dicomPort, freePort());
        ProcessBuilder builder = new ProcessBuilder(orthanc.toString(), config.toString()).redirectErrorStream(true)
                .redirectOutput(Path.of("target/orthanc-interop.log").toFile());
        builder.environment().put("RADSTREAM_ORTHANC_TOKEN", TestTokens.token("uploader", TENANT));
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).failFast(() -> !process.isAlive()).until(() -> accepts(dicomPort));
            Process store = new ProcessBuilder(storescu.toString(), "-aec", "RADSTREAM", "127.0.0.1", String.valueOf(dicomPort),
                    SampleFiles.dicomSample("CT_small.dcm").toString()).redirectErrorStream(true).start();
            assertThat(store.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(store.exitValue()).as(new String(store.getInputStream().readAllBytes())).isZero();

            ImageArrived arrived = lanes.await(e -> e.getStudyInstanceUid().equals(CT_STUDY) && e.getTenant().equals(TENANT))
                    .value();
            assertThat(arrived.getModality()).isEqualTo("CT");
            assertThat(arrived.getObject().getKey()).startsWith(TENANT + "/" + CT_STUDY + "/");
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The shipped configuration with this test's ports, storage, Lua script path and ingest URL. */
    private Path writeConfig(int dicomPort, int httpPort) throws IOException {
        Path shipped = SampleFiles.repositoryRoot().resolve("docker/orthanc");
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(shipped.resolve("orthanc.json").toFile());
        config.put("StorageDirectory", tmp.resolve("db").toString()).put("IndexDirectory", tmp.resolve("db").toString())
                .put("DicomPort", dicomPort).put("HttpPort", httpPort).put("RemoteAccessAllowed", false);
        config.putArray("Plugins").add("/usr/share/orthanc/plugins");
        config.putArray("LuaScripts").add(shipped.resolve("forward-to-radstream.lua").toString());
        ObjectNode server = (ObjectNode) config.at("/DicomWeb/Servers/radstream");
        assertThat(server.at("/HttpHeaders/Authorization").asText()).isEqualTo("Bearer ${RADSTREAM_ORTHANC_TOKEN}");
        server.put("Url", stowBase.toString());
        Path file = tmp.resolve("orthanc.json");
        json.writeValue(file.toFile(), config);
        return file;
    }

    /** The tool on PATH or at its Debian location; the test is skipped (not failed) where it is not installed. */
    private static Path executable(String name, String debianPath) {
        Optional<Path> found = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                        .map(dir -> Path.of(dir, name)), Stream.of(Path.of(debianPath)))
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), name + " is not installed (apt-get install orthanc orthanc-dicomweb "
                + "dcmtk; .ci/run does): skipping the Orthanc interop test");
        return found.get();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
