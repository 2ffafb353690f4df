package io.radstream.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.radstream.localstack.LocalS3;
import io.radstream.localstack.SampleFiles;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.schemas.events.Priority;
import io.radstream.storage.ObjectNotFoundException;
import io.radstream.storage.ObjectStore;
import io.radstream.storage.ObjectTooLargeException;
import io.radstream.storage.S3Config;

/** The fetch stage against a real S3 server (s3proxy): one GET per image, size limit, missing objects. */
class ImageFetcherIT {

    private static final String BUCKET = "fetcher-it";

    @TempDir
    static Path tmp;
    static LocalS3 s3;
    static ObjectStore store;
    static byte[] png;

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3.start(0, tmp.resolve("s3"));
        s3.createBucket(BUCKET);
        store = new ObjectStore(new Config(s3.endpoint(), s3.accessKey(), s3.secretKey(), BUCKET, "us-east-1"));
        png = Files.readAllBytes(SampleFiles.demoSample("cxr-normal.png"));
        store.put("a/cxr.png", png, "image/png", Map.of());
    }

    @AfterAll
    static void stop() {
        store.close();
        s3.close();
    }

    @Test
    void shouldFetchAndDecodeAStoredImage() {
        WorkItem item = fetcher(png.length).fetch(record(), arrival("a/cxr.png"), 0);

        assertThat(item.frames()).singleElement().satisfies(f -> {
            assertThat(f.width()).isEqualTo(224);
            assertThat(f.height()).isEqualTo(224);
        });
    }

    @Test
    void shouldRefuseAnObjectLargerThanTheLimitWithoutRetrying() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();

        assertThatThrownBy(() -> fetcher(png.length - 1, metrics).fetch(record(), arrival("a/cxr.png"), 0))
                .isInstanceOf(ObjectTooLargeException.class).hasMessageContaining("limit " + (png.length - 1));
        assertThat(metrics.counter(ImageFetcher.RETRIES_METRIC).count()).as("retries").isZero();
    }

    @Test
    void shouldReportAMissingObjectAsNotFound() {
        assertThatThrownBy(() -> fetcher(1 << 20).fetch(record(), arrival("a/nothing-here.png"), 0))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void shouldReadAnObjectOfExactlyTheLimit() {
        assertThat(store.get("a/cxr.png", png.length)).isEqualTo(png);
    }

    private static ImageFetcher fetcher(long maxBytes) {
        return fetcher(maxBytes, new SimpleMeterRegistry());
    }

    private static ImageFetcher fetcher(long maxBytes, SimpleMeterRegistry metrics) {
        return new ImageFetcher(store, maxBytes, 3, metrics);
    }

    private static ConsumerRecord<String, byte[]> record() {
        return new ConsumerRecord<>("radstream.images.routine", 0, 0, "1.2.3", new byte[0]);
    }

    private static ImageArrived arrival(String key) {
        return ImageArrived.newBuilder().setEventId("e").setTenant("default").setStudyInstanceUid("1.2.3")
                .setSeriesInstanceUid("1.2.3.4").setSopInstanceUid("1.2.3.4.5").setModality("DX").setBodyPart("CHEST")
                .setFormat(ImageFormat.PNG)
                .setObject(ObjectRef.newBuilder().setBucket(BUCKET).setKey(key).setContentType("image/png")
                        .setSizeBytes(png.length).setSha256("00").build())
                .setPriority(Priority.ROUTINE).setPatientKey("p").setSource(IngestSource.UPLOAD)
                .setReceivedAt(Instant.now()).build();
    }

    private record Config(String endpoint, String accessKey, String secretKey, String bucket, String region)
            implements S3Config {
    }
}
