package io.radstream.ingest.durability;

import static io.radstream.ingest.StowBodies.STOW_TYPE;
import static io.radstream.ingest.StowBodies.multipart;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.dicom.DicomWriter;
import io.radstream.ingest.WithLanes;
import io.radstream.ingest.core.ImageIngestor;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.TopicReader;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.storage.ObjectStore;
import io.radstream.storage.Sha256;
import io.radstream.storage.StoredObject;

/**
 * Two requests that bring the same SOP Instance at the same moment — a PACS re-sending while its first
 * request is still in flight, possibly to the other ingest replica — end with the instance stored once,
 * announced once, and never replaced by a different object.
 */
@QuarkusTest
@QuarkusTestResource(RadStreamStackResource.class)
class ConcurrentSendersIT extends WithLanes {

    private static final Pattern WAITS = Pattern.compile("(?m)^radstream_ingest_announce_waits_total(?:\\{[^}]*})? (\\S+)");
    private static final ExecutorService SENDERS = Executors.newFixedThreadPool(6);

    @Inject
    ObjectStore store;

    @TempDir
    Path tmp;

    @AfterAll
    static void stopSenders() {
        SENDERS.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 12 * 1024 * 1024}) // a small object, and one a multipart upload would have split
    void shouldNeverReplaceAnObjectWithAConditionalCreate(int size) throws Exception {
        String key = "conditional-create/" + DicomUid.random();
        byte[] firstBytes = new byte[size];
        byte[] secondBytes = new byte[size];
        Arrays.fill(firstBytes, (byte) 1);
        Arrays.fill(secondBytes, (byte) 2);
        Path first = Files.write(tmp.resolve("first"), firstBytes);
        Path second = Files.write(tmp.resolve("second"), secondBytes);

        assertThat(store.createIfAbsent(key, first, "application/octet-stream", Map.of())).isTrue();
        assertThat(store.createIfAbsent(key, second, "application/octet-stream", Map.of())).isFalse();

        assertThat(store.get(key, size)).isEqualTo(firstBytes);
    }

    @Test
    void shouldAnswerAResendAsDuplicateWhenTheRequestThatStoredItAnnouncesItMeanwhile() throws Exception {
        Instance instance = new Instance();
        CompletableFuture<Integer> resend = resendWhileTheFirstRequestIsInFlight(instance);

        // the first request's publish is acknowledged: it writes its marker
        store.put(ImageIngestor.ANNOUNCED_PREFIX + instance.key, "first".getBytes(StandardCharsets.US_ASCII), "text/plain",
                Map.of());

        assertThat(resend.get()).isEqualTo(200);
        assertThat(eventsOf(instance)).isEmpty();
    }

    @Test
    void shouldStoreAndAnnounceAResendWhenTheRequestThatStoredItUndoesIt() throws Exception {
        Instance instance = new Instance();
        CompletableFuture<Integer> resend = resendWhileTheFirstRequestIsInFlight(instance);

        store.delete(instance.key); // the first request's publish failed: it undoes its write

        assertThat(resend.get()).isEqualTo(200);
        assertThat(eventsOf(instance)).hasSize(1);
        assertThat(store.stat(ImageIngestor.ANNOUNCED_PREFIX + instance.key)).isPresent();
    }

    @Test
    void shouldStoreAndAnnounceIdenticalInstancesSentAtTheSameMomentOnce() throws Exception {
        Instance instance = new Instance();
        List<CompletableFuture<Integer>> senders = sendAtOnce(List.of(instance, instance, instance, instance, instance,
                instance));

        assertThat(senders).allSatisfy(status -> assertThat(status.get()).isEqualTo(200));
        assertThat(eventsOf(instance)).hasSize(1);
    }

    @Test
    void shouldStoreExactlyOneOfConflictingInstancesSentAtTheSameMoment() throws Exception {
        Instance first = new Instance();
        List<Instance> conflicting = new ArrayList<>(List.of(first));
        for (int i = 1; i < 6; i++) {
            conflicting.add(first.conflicting(i));
        }
        List<CompletableFuture<Integer>> senders = sendAtOnce(conflicting);

        List<Instance> stored = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            int status = senders.get(i).get();
            assertThat(status).as("sender %d", i).isIn(200, 409);
            if (status == 200) {
                stored.add(conflicting.get(i));
            }
        }
        assertThat(stored).hasSize(1);
        assertThat(store.stat(first.key).orElseThrow().sha256()).isEqualTo(Sha256.hex(stored.get(0).bytes));
        assertThat(eventsOf(first)).singleElement()
                .satisfies(event -> assertThat(event.getObject().getSha256()).isEqualTo(Sha256.hex(stored.get(0).bytes)));
    }

    private List<CompletableFuture<Integer>> sendAtOnce(List<Instance> instances) {
        CyclicBarrier start = new CyclicBarrier(instances.size());
        List<CompletableFuture<Integer>> senders = new ArrayList<>();
        for (Instance instance : instances) {
            senders.add(CompletableFuture.supplyAsync(() -> {
                passAt(start);
                return post(instance.bytes);
            }, SENDERS));
        }
        return senders;
    }

    /** Leaves the instance as a request still publishing would, re-sends it, and returns once the re-send waits. */
    private CompletableFuture<Integer> resendWhileTheFirstRequestIsInFlight(Instance instance) throws Exception {
        storeUnannounced(instance);
        double waitsBefore = announceWaits();
        CompletableFuture<Integer> resend = CompletableFuture.supplyAsync(() -> post(instance.bytes), SENDERS);
        await().atMost(Duration.ofSeconds(20)).until(() -> announceWaits() > waitsBefore);
        return resend;
    }

    private static int post(byte[] instance) {
        return given().contentType(STOW_TYPE).body(multipart(instance)).post("/dicomweb/studies").statusCode();
    }

    /** The state a request leaves between storing an object and Kafka's acknowledgement of its event. */
    private void storeUnannounced(Instance instance) throws Exception {
        Path file = Files.write(tmp.resolve("unannounced.dcm"), instance.bytes);
        assertThat(store.createIfAbsent(instance.key, file, "application/dicom",
                Map.of(StoredObject.SHA256, Sha256.hex(instance.bytes)))).isTrue();
    }

    /** The lanes' events of the instance, read after those of a later upload (so none is still on its way). */
    private static List<ImageArrived> eventsOf(Instance instance) throws Exception {
        Instance later = new Instance();
        assertThat(post(later.bytes)).isEqualTo(200);
        lanes.await(e -> e.getSopInstanceUid().equals(later.sop));
        return lanes.matching(e -> e.getSopInstanceUid().equals(instance.sop)).stream().map(TopicReader.Received::value)
                .toList();
    }

    private static double announceWaits() {
        Matcher matcher = WAITS.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static void passAt(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small DICOM instance of a fresh study and its object key. */
    private static final class Instance {
        final String study;
        final String series;
        final String sop;
        final String key;
        final byte[] bytes;

        Instance() {
            this(DicomUid.random(), DicomUid.random(), DicomUid.random(), 0);
        }

        private Instance(String study, String series, String sop, int pixelValue) {
            this.study = study;
            this.series = series;
            this.sop = sop;
            this.key = TENANT + "/" + study + "/" + series + "/" + sop + ".dcm";
            short[] pixels = new short[64];
            Arrays.fill(pixels, (short) pixelValue);
            this.bytes = DicomWriter.grayscale16(study, series, sop, 8, 8, pixels).toByteArray();
        }

        /** Another object under the same SOP Instance UID. */
        Instance conflicting(int pixelValue) {
            return new Instance(study, series, sop, pixelValue);
        }
    }
}
