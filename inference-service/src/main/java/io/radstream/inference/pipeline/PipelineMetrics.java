package io.radstream.inference.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.radstream.inference.model.ModelDescriptor;
import io.radstream.schemas.events.Priority;

/**
 * The pipeline's meters, registered at start-up so every family and tag combination exists before the
 * first image: per-stage timings, batch sizes, queue depth, lane pauses, dead letters and scores.
 */
final class PipelineMetrics {

    static final List<String> LANES = List.of("STAT", "ROUTINE");
    static final List<String> DEAD_LETTER_REASONS =
            List.of("BAD_EVENT", "MISSING_OBJECT", "TOO_LARGE", "STORE_UNAVAILABLE", "UNDECODABLE",
                    "MODEL_ERROR");
    private static final double[] SCORE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64};

    private final MeterRegistry registry;

    PipelineMetrics(MeterRegistry registry, List<ModelDescriptor> models, List<String> devices) {
        this.registry = registry;
        for (Priority p : Priority.values()) {
            queueWait(p);
            uploadToFinding(p);
        }
        for (String lane : LANES) {
            images(lane);
            pollRecords(lane);
        }
        DEAD_LETTER_REASONS.forEach(this::deadLetter);
        timer("radstream.inference.fetch", "Fetching an image from the store");
        timer("radstream.inference.decode", "Decoding an image (DICOM/PNG/JPEG) to frames");
        timer("radstream.inference.publish", "From handing an image's findings to Kafka to their acknowledgement");
        counter("radstream.inference.lane.pauses", "lane", "ROUTINE");
        counter("radstream.inference.lane.resumes", "lane", "ROUTINE");
        for (ModelDescriptor m : models) {
            batchSize(m.id());
            timer("radstream.inference.preprocess", "Preprocessing a batch into the input tensor", "model", m.id());
            devices.forEach(d -> run(m.id(), d));
            if (m.outputs() != null && m.outputs().labels() != null) {
                m.outputs().labels().forEach(l -> score(m.id(), l.name()));
            }
        }
    }

    Timer queueWait(Priority priority) {
        return Timer.builder("radstream.inference.queue.wait").description("Time an image waited in process for "
                + "its batch, fetch and decode excluded").tag("priority", priority.name())
                .publishPercentileHistogram().register(registry);
    }

    /** From the image's arrival at ingest to its findings acknowledged by Kafka: the triage SLO. */
    Timer uploadToFinding(Priority priority) {
        return Timer.builder("radstream.inference.upload.to.finding")
                .description("From the upload's receipt by ingest to its findings acknowledged by Kafka")
                .tag("priority", priority.name()).publishPercentileHistogram().register(registry);
    }

    Timer fetch() {
        return registry.timer("radstream.inference.fetch");
    }

    Timer decode() {
        return registry.timer("radstream.inference.decode");
    }

    Timer preprocess(String model) {
        return registry.timer("radstream.inference.preprocess", "model", model);
    }

    Timer run(String model, String device) {
        return Timer.builder("radstream.inference.run").description("One ONNX Runtime batch").tag("model", model)
                .tag("device", device).publishPercentileHistogram().register(registry);
    }

    Timer publish() {
        return registry.timer("radstream.inference.publish");
    }

    DistributionSummary batchSize(String model) {
        return DistributionSummary.builder("radstream.inference.batch.size").description("Frames per ONNX Runtime batch")
                .tag("model", model).serviceLevelObjectives(BATCH_BUCKETS).register(registry);
    }

    DistributionSummary pollRecords(String lane) {
        return registry.summary("radstream.inference.poll.records", "lane", lane);
    }

    Counter images(String lane) {
        return counter("radstream.inference.images", "lane", lane);
    }

    Counter deadLetter(String reason) {
        return counter("radstream.inference.dead.letters", "reason", reason);
    }

    Counter lanePauses() {
        return counter("radstream.inference.lane.pauses", "lane", "ROUTINE");
    }

    Counter laneResumes() {
        return counter("radstream.inference.lane.resumes", "lane", "ROUTINE");
    }

    /** Score distribution per model and label, in 0.1-wide buckets, to watch for drift. */
    DistributionSummary score(String model, String label) {
        return DistributionSummary.builder("radstream.inference.score").description("Model output probability")
                .tag("model", model).tag("label", label).serviceLevelObjectives(SCORE_BUCKETS).register(registry);
    }

    void gauge(String name, String description, String tagKey, String tagValue, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).tag(tagKey, tagValue).strongReference(true)
                .register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, String tagKey, String tagValue) {
        return registry.counter(name, tagKey, tagValue);
    }

    private void timer(String name, String description, String... tags) {
        Timer.builder(name).description(description).tags(tags).publishPercentileHistogram().register(registry);
    }

    static Duration nanos(long nanos) {
        return Duration.ofNanos(nanos);
    }
}
