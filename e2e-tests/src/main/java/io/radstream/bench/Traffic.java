package io.radstream.bench;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.radstream.localstack.LocalStack;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.schemas.events.Priority;

/**
 * Sends image-arrival events for stored chest radiographs, in turn (as ingest does after storing them), and
 * notes when each image's finding shows up on the findings topic (a background reader).
 */
final class Traffic implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, Finding> findings;
    private final Map<String, Long> sentNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> findingNanos = new ConcurrentHashMap<>();
    private final Thread reader;
    private final List<ObjectRef> objects = new java.util.ArrayList<>();
    private long sent;
    private volatile boolean running = true;

    Traffic(LocalStack stack, List<byte[]> pngs) throws Exception {
        String bootstrap = stack.kafka().bootstrapServers();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 1), new StringSerializer(),
                new ByteArraySerializer());
        findings = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"), Topics.FINDINGS.keySerde().deserializer(), Topics.FINDINGS.valueSerde().deserializer());
        findings.subscribe(List.of(Topics.FINDINGS.name()));
        try (MinioClient s3 = stack.s3().newClient()) {
            for (byte[] png : pngs) {
                String key = "default/bench/" + UUID.randomUUID() + ".png";
                s3.putObject(PutObjectArgs.builder().bucket(stack.bucket()).object(key)
                        .stream(new ByteArrayInputStream(png), png.length, -1).contentType("image/png").build());
                objects.add(ObjectRef.newBuilder().setBucket(stack.bucket()).setKey(key).setContentType("image/png")
                        .setSizeBytes(png.length).setSha256(sha256(png)).build());
            }
        }
        reader = new Thread(this::read, "bench-findings");
        reader.setDaemon(true);
        reader.start();
    }

    private static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private void read() {
        while (running) {
            findings.poll(Duration.ofMillis(50)).forEach(r -> findingNanos.putIfAbsent(r.value().getSopInstanceUid(),
                    System.nanoTime()));
        }
        findings.close();
    }

    /** Sends one image (the stored ones in turn) on its priority's lane; returns its SOP Instance UID. */
    String send(Priority priority) {
        ImageArrived a = ImageArrived.newBuilder().setEventId(UUID.randomUUID().toString()).setTenant("default")
                .setStudyInstanceUid(DicomUid.random()).setSeriesInstanceUid(DicomUid.random())
                .setSopInstanceUid(DicomUid.random()).setModality("DX").setBodyPart("CHEST").setFormat(ImageFormat.PNG)
                .setObject(objects.get((int) (sent++ % objects.size()))).setPriority(priority).setPatientKey("bench").setSource(IngestSource.UPLOAD)
                .setReceivedAt(Instant.now()).build();
        sentNanos.put(a.getSopInstanceUid(), System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.laneFor(priority).name(), a.getStudyInstanceUid(),
                Topics.IMAGES_STAT.valueSerde().toBytes(a)));
        return a.getSopInstanceUid();
    }

    void flush() {
        producer.flush();
    }

    boolean done(String sop) {
        return findingNanos.containsKey(sop);
    }

    /** Waits until every image has its finding; returns the moment the last one arrived (nanoTime). */
    long awaitAll(List<String> sops, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!sops.stream().allMatch(this::done)) {
            if (System.nanoTime() > deadline) {
                long missing = sops.stream().filter(s -> !done(s)).count();
                throw new IllegalStateException(missing + " of " + sops.size() + " images got no finding in " + timeout);
            }
            Thread.sleep(5);
        }
        return sops.stream().mapToLong(findingNanos::get).max().orElseThrow();
    }

    /** Milliseconds from sending the image to seeing its finding. */
    double latencyMs(String sop) {
        return (findingNanos.get(sop) - sentNanos.get(sop)) / 1e6;
    }

    long sentAt(String sop) {
        return sentNanos.get(sop);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(TimeUnit.SECONDS.toMillis(5));
        producer.close();
    }
}
