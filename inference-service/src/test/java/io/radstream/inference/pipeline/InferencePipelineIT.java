package io.radstream.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.SampleFiles;
import io.radstream.localstack.TopicReader;
import io.radstream.schemas.DicomUid;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.DeadLetter;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.FindingOutcome;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.schemas.events.Priority;
import io.radstream.storage.Sha256;

/** Real broker, real S3 server, real ONNX Runtime: image-arrival events in, findings and dead letters out. */
@QuarkusTest
@QuarkusTestResource(RadStreamStackResource.class)
class InferencePipelineIT {

    static TopicReader<Finding> findings;
    static TopicReader<DeadLetter> deadLetters;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void connect() {
        String bootstrap = RadStreamStackResource.stack().kafka().bootstrapServers();
        findings = new TopicReader<>(bootstrap, Topics.FINDINGS);
        deadLetters = new TopicReader<>(bootstrap, Topics.DEAD_LETTERS);
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void disconnect() {
        findings.close();
        deadLetters.close();
        producer.close();
    }

    @Test
    void shouldRunTheCtHeadModelOnARealCtSliceAndPublishAFinding() throws Exception {
        ImageArrived arrival = storedCtArrival("CT", "HEAD", Priority.STAT);

        publish(arrival);

        Finding finding = findingOf(arrival);
        assertThat(finding.getOutcome()).isEqualTo(FindingOutcome.COMPLETED);
        assertThat(finding.getModel().getId()).isEqualTo("ct-head-ich");
        assertThat(finding.getModel().getSha256()).hasSize(64);
        assertThat(finding.getRoutedModels()).contains("ct-head-ich");
        assertThat(finding.getScores()).singleElement().satisfies(s -> {
            assertThat(s.getLabel()).isEqualTo("hemorrhage");
            assertThat(s.getScore()).isBetween(0.0, 1.0);
        });
        assertThat(finding.getTimings().getBatchSize()).isPositive();
        assertThat(finding.getSlice()).as("CT_small.dcm is one axial slice at z = -75.7 mm").satisfies(slice -> {
            assertThat(slice.getNormal()).containsExactly(0.0, 0.0, 1.0);
            assertThat(slice.getLocationMm()).isCloseTo(-75.699997, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(slice.getSpacingBetweenSlicesMm()).isEqualTo(5.0);
            assertThat(slice.getSliceThicknessMm()).isEqualTo(5.0);
        });
    }

    @Test
    void shouldGiveARedeliveredImageTheSameFindingId() throws Exception {
        ImageArrived arrival = storedCtArrival("CT", "BRAIN", Priority.ROUTINE);

        publish(arrival);
        publish(arrival);

        java.util.function.Predicate<Finding> sameImageAndModel = of(arrival, "ct-head-ich");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> findings.matching(sameImageAndModel).size() == 2);
        assertThat(findings.matching(sameImageAndModel).stream().map(r -> r.value().getFindingId()).distinct()).hasSize(1);
    }

    @Test
    void shouldSegmentTheLesionInMillimetresAndWriteTheMaskAndEnhancedImage() throws Exception {
        byte[] mr = Files.readAllBytes(SampleFiles.demoSample("mr-lesion.dcm"));
        ImageArrived arrival = arrival("MR", "BRAIN", ImageFormat.DICOM, Priority.ROUTINE, store(mr, "dcm"), mr);

        publish(arrival);

        Finding seg = findingOf(arrival, "lesion-seg");
        assertThat(seg.getMeasurements()).filteredOn(m -> m.getName().equals("lesion_area")).singleElement()
                .satisfies(m -> {
                    assertThat(m.getUnit()).isEqualTo("mm2");
                    assertThat(m.getValue()).isPositive();
                });
        assertThat(seg.getMeasurements()).noneMatch(m -> m.getName().equals("lesion_volume"));
        assertThat(seg.getArtifacts()).singleElement().satisfies(a -> assertThat(isPng(a.getObject().getKey())).isTrue());
        Finding enhanced = findingOf(arrival, "denoise");
        assertThat(enhanced.getArtifacts()).singleElement().satisfies(a -> {
            assertThat(a.getKind().name()).isEqualTo("ENHANCED");
            assertThat(isPng(a.getObject().getKey())).isTrue();
        });
    }

    @Test
    void shouldMeasureTheLesionVolumeOfAMultiFrameSeriesWithKnownSliceSpacing() throws Exception {
        byte[] mr = threeSliceMr(2.5);
        ImageArrived arrival = arrival("MR", "BRAIN", ImageFormat.DICOM, Priority.ROUTINE, store(mr, "dcm"), mr);

        publish(arrival);

        Finding seg = findingOf(arrival, "lesion-seg");
        assertThat(seg.getSlice()).as("a multi-frame object is not one slice of a series").isNull();
        double area = seg.getMeasurements().stream().filter(m -> m.getName().equals("lesion_area")).findFirst()
                .orElseThrow().getValue();
        assertThat(area).isPositive();
        assertThat(seg.getMeasurements()).filteredOn(m -> m.getName().equals("lesion_volume")).singleElement()
                .satisfies(v -> {
                    assertThat(v.getUnit()).isEqualTo("mm3");
                    // three identical slices 2.5 mm apart
                    assertThat(v.getValue()).isCloseTo(3 * area * 2.5, org.assertj.core.data.Offset.offset(1e-6 * area));
                });
        assertThat(seg.getArtifacts()).singleElement().satisfies(a -> assertThat(isPng(a.getObject().getKey())).isTrue());
    }

    /** The MR lesion sample's slice three times in one multi-frame object, with Spacing Between Slices. */
    static byte[] threeSliceMr(double spacing) throws Exception {
        var slice = new io.radstream.inference.image.ImageDecoder()
                .decode(Files.readAllBytes(SampleFiles.demoSample("mr-lesion.dcm")), ImageFormat.DICOM).get(0);
        int n = slice.width() * slice.height();
        short[] pixels = new short[3 * n];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) Math.round((slice.values()[i % n] - slice.rescaleIntercept()) / slice.rescaleSlope());
        }
        double[] ps = slice.pixelSpacingMm();
        return io.radstream.dicom.DicomWriter.grayscale16(DicomUid.random(), DicomUid.random(), DicomUid.random(),
                        3 * slice.height(), slice.width(), pixels)
                .us(0x00280010, slice.height()).string(0x00280008, "IS", "3")
                .string(0x00080060, "CS", "MR").string(0x00180015, "CS", "BRAIN")
                .string(0x00280030, "DS", String.valueOf(ps[0]), String.valueOf(ps[1]))
                .string(0x00180088, "DS", String.valueOf(spacing)).toByteArray();
    }

    @Test
    void shouldFlagAPneumothoraxOnAPngAndLinkItsHeatmap() throws Exception {
        byte[] png = Files.readAllBytes(SampleFiles.demoSample("cxr-pneumothorax.png"));
        ImageArrived arrival = arrival("DX", "CHEST", ImageFormat.PNG, Priority.ROUTINE, store(png, "png"), png);

        publish(arrival);

        Finding finding = findingOf(arrival);
        assertThat(finding.getModel().getId()).isEqualTo("cxr-triage");
        assertThat(finding.getUrgent()).isTrue();
        assertThat(finding.getScores()).filteredOn(s -> s.getLabel().equals("pneumothorax"))
                .singleElement().satisfies(s -> assertThat(s.getPositive()).isTrue());
        assertThat(finding.getArtifacts()).filteredOn(a -> a.getKind().name().equals("HEATMAP"))
                .singleElement().satisfies(a -> {
                    assertThat(a.getLabel()).isEqualTo("pneumothorax");
                    assertThat(isPng(a.getObject().getKey())).isTrue();
                });
    }

    @Test
    void shouldExposeLagPerLaneStageTimingsAndTheDevicePoolAsPrometheusMetrics() throws Exception {
        ImageArrived arrival = storedCtArrival("CT", "HEAD", Priority.STAT);
        double statFindingsTimed = metric("radstream_inference_upload_to_finding_seconds_count{priority=\"STAT\"}");
        publish(arrival);
        findingOf(arrival);
        // the upload->finding SLO timer counts the image once its findings are acknowledged
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                metric("radstream_inference_upload_to_finding_seconds_count{priority=\"STAT\"}") > statFindingsTimed);

        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max")
                .contains("lane=\"radstream.images.stat\"").contains("lane=\"radstream.images.routine\"")
                .contains("radstream_inference_device_info{device=\"cpu\",provider=\"CPU\"} 1.0")
                .contains("radstream_inference_queue_wait_seconds_bucket{priority=\"STAT\"")
                .contains("radstream_inference_fetch_seconds").contains("radstream_inference_decode_seconds")
                .contains("radstream_inference_preprocess_seconds_count{model=\"ct-head-ich\"}")
                .contains("radstream_inference_run_seconds_count{device=\"cpu\",model=\"ct-head-ich\"}")
                .contains("radstream_inference_publish_seconds_count")
                .contains("radstream_inference_upload_to_finding_seconds_bucket{priority=\"STAT\"")
                .contains("radstream_inference_batch_size_bucket{model=\"ct-head-ich\"")
                .contains("radstream_inference_queue_depth{priority=\"ROUTINE\"}")
                .contains("radstream_inference_device_busy_seconds_total{device=\"cpu\"}")
                .contains("radstream_inference_device_busy_ratio{device=\"cpu\"}")
                .contains("radstream_inference_dead_letters_total{reason=\"MODEL_ERROR\"}")
                .contains("radstream_inference_score_bucket{label=\"pneumothorax\",model=\"cxr-triage\"");
        assertThat(metric("radstream_inference_run_seconds_count{device=\"cpu\",model=\"ct-head-ich\"}")).isPositive();
    }

    @Test
    void shouldLetAStatImageOvertakeAFullRoutineQueueAndPauseAndResumeTheRoutineLane() throws Exception {
        byte[] ct = Files.readAllBytes(SampleFiles.dicomSample("CT_small.dcm"));
        String key = store(ct, "dcm");
        double pausesBefore = metric("radstream_inference_lane_pauses_total{lane=\"ROUTINE\"}");
        double resumesBefore = metric("radstream_inference_lane_resumes_total{lane=\"ROUTINE\"}");
        java.util.List<ImageArrived> backlog = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            backlog.add(arrival("CT", "HEAD", ImageFormat.DICOM, Priority.ROUTINE, key, ct));
        }
        backlog.forEach(a -> producer.send(new ProducerRecord<>(Topics.IMAGES_ROUTINE.name(), a.getStudyInstanceUid(),
                Topics.IMAGES_ROUTINE.valueSerde().toBytes(a))));
        producer.flush();
        // the in-process bound (24 in tests) is reached: the routine lane pauses while the backlog drains
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(10))
                .until(() -> metric("radstream_inference_lane_pauses_total{lane=\"ROUTINE\"}") > pausesBefore);
        ImageArrived stat = arrival("CT", "HEAD", ImageFormat.DICOM, Priority.STAT, key, ct);
        publish(stat);

        Finding statFinding = findingOf(stat);
        java.util.Set<String> backlogSops = backlog.stream().map(ImageArrived::getSopInstanceUid)
                .collect(java.util.stream.Collectors.toSet());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(300))
                .until(() -> findings.matching(f -> backlogSops.contains(f.getSopInstanceUid())).size() == 1000);
        long routineAfter = findings.matching(f -> backlogSops.contains(f.getSopInstanceUid())).stream()
                .filter(r -> r.value().getProducedAt().isAfter(statFinding.getProducedAt())).count();

        // the STAT image did not queue behind the backlog: most routine images were analysed after it
        assertThat(routineAfter).as("routine findings produced after the STAT one").isGreaterThanOrEqualTo(500);
        assertThat(metric("radstream_inference_lane_resumes_total{lane=\"ROUTINE\"}")).isGreaterThan(resumesBefore);
        assertThat(metric("radstream_inference_lane_paused{lane=\"ROUTINE\"}")).isZero();
    }

    /** The value of one series on /q/metrics (0 when absent). */
    static double metric(String series) {
        String text = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(series.length() + 1).trim())).findFirst().orElse(0);
    }

    static boolean isPng(String key) throws Exception {
        try (MinioClient client = RadStreamStackResource.stack().s3().newClient();
             java.io.InputStream in = client.getObject(io.minio.GetObjectArgs.builder()
                     .bucket(RadStreamStackResource.stack().bucket()).object(key).build())) {
            return javax.imageio.ImageIO.read(in) != null;
        }
    }

    @Test
    void shouldReportImagesNoModelAppliesToAsNotRouted() throws Exception {
        ImageArrived arrival = storedCtArrival("US", "ABDOMEN", Priority.ROUTINE);

        publish(arrival);

        Finding finding = findingOf(arrival);
        assertThat(finding.getOutcome()).isEqualTo(FindingOutcome.NOT_ROUTED);
        assertThat(finding.getRoutedModels()).isEmpty();
    }

    @Test
    void shouldDeadLetterAMissingObjectAndStillCompleteTheImage() {
        ImageArrived arrival = arrival("CT", "HEAD", ImageFormat.DICOM, Priority.STAT, "default/missing/object.dcm",
                new byte[] {1});

        publish(arrival);

        DeadLetter dead = deadLetters.await(d -> d.getKey().equals(arrival.getStudyInstanceUid())).value();
        assertThat(dead.getReason()).isEqualTo("MISSING_OBJECT");
        assertThat(dead.getOriginalValue()).isNotNull();
        Finding finding = findingOf(arrival);
        assertThat(finding.getOutcome()).isEqualTo(FindingOutcome.FAILED);
    }

    @Test
    void shouldDeadLetterUndecodableImagesAndPoisonEventsWithoutBlockingTheLane() throws Exception {
        byte[] garbage = "definitely not a DICOM file, but long enough to look like one".repeat(10).getBytes();
        ImageArrived broken = arrival("CT", "HEAD", ImageFormat.DICOM, Priority.STAT, store(garbage, "dcm"), garbage);
        String poisonKey = DicomUid.random();
        producer.send(new ProducerRecord<>(Topics.IMAGES_STAT.name(), poisonKey, new byte[] {0x42, 0x13})).get();
        publish(broken);
        ImageArrived after = storedCtArrival("CT", "HEAD", Priority.STAT);
        publish(after);

        assertThat(deadLetters.await(d -> poisonKey.equals(d.getKey())).value().getReason()).isEqualTo("BAD_EVENT");
        assertThat(deadLetters.await(d -> broken.getStudyInstanceUid().equals(d.getKey())).value().getReason())
                .isEqualTo("UNDECODABLE");
        assertThat(findingOf(after).getOutcome())
                .isEqualTo(FindingOutcome.COMPLETED);
    }

    static java.util.function.Predicate<Finding> of(ImageArrived arrival) {
        return f -> f.getSopInstanceUid().equals(arrival.getSopInstanceUid());
    }

    static java.util.function.Predicate<Finding> of(ImageArrived arrival, String modelId) {
        return of(arrival).and(f -> f.getModel() != null && f.getModel().getId().equals(modelId));
    }

    /** Waits for the (first) finding of the image. */
    static Finding findingOf(ImageArrived arrival) {
        return findings.await(of(arrival)).value();
    }

    /** Waits for the finding of one model on the image. */
    static Finding findingOf(ImageArrived arrival, String modelId) {
        return findings.await(of(arrival, modelId)).value();
    }

    private void publish(ImageArrived arrival) {
        try {
            producer.send(new ProducerRecord<>(Topics.laneFor(arrival.getPriority()).name(), arrival.getStudyInstanceUid(),
                    Topics.IMAGES_STAT.valueSerde().toBytes(arrival))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real CT_small.dcm slice, stored in S3, announced as the given modality and body part. */
    static ImageArrived storedCtArrival(String modality, String bodyPart, Priority priority) throws Exception {
        byte[] ct = Files.readAllBytes(SampleFiles.dicomSample("CT_small.dcm"));
        return arrival(modality, bodyPart, ImageFormat.DICOM, priority, store(ct, "dcm"), ct);
    }

    static String store(byte[] bytes, String extension) throws Exception {
        String key = "default/" + DicomUid.random() + "/object." + extension;
        try (MinioClient client = RadStreamStackResource.stack().s3().newClient()) {
            client.putObject(PutObjectArgs.builder().bucket(RadStreamStackResource.stack().bucket()).object(key)
                    .stream(new java.io.ByteArrayInputStream(bytes), bytes.length, -1).build());
        }
        return key;
    }

    static ImageArrived arrival(String modality, String bodyPart, ImageFormat format, Priority priority, String key,
                                byte[] bytes) {
        String sha = Sha256.hex(bytes);
        return ImageArrived.newBuilder().setEventId(UUID.randomUUID().toString()).setTenant("default")
                .setStudyInstanceUid(DicomUid.random()).setSeriesInstanceUid(DicomUid.random())
                .setSopInstanceUid(DicomUid.random()).setModality(modality).setBodyPart(bodyPart).setFormat(format)
                .setObject(ObjectRef.newBuilder().setBucket(RadStreamStackResource.stack().bucket()).setKey(key)
                        .setContentType("application/dicom").setSizeBytes(bytes.length).setSha256(sha).build())
                .setPriority(priority).setPatientKey("p").setSource(IngestSource.UPLOAD).setReceivedAt(Instant.now())
                .build();
    }
}
