package io.radstream.inference.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.radstream.inference.image.DecodedImage;
import io.radstream.inference.image.ImageDecoder.UndecodableImageException;
import io.radstream.inference.model.ModelRegistry;
import io.radstream.inference.model.OrtModel;
import io.radstream.inference.model.Tensor;
import io.radstream.inference.pipeline.ModelBatchRunner.BatchTiming;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.LabelScore;
import io.radstream.schemas.events.Timings;
import io.radstream.storage.ObjectNotFoundException;
import io.radstream.storage.ObjectStoreException;

/**
 * Analyses the images of one poll: routes each to its models, fetches and decodes it, runs every
 * model over all its images in batches, and collects findings and dead letters. Nothing is dropped:
 * an image that fails becomes a dead letter plus a FAILED finding so its study can still complete.
 */
final class ImageAnalyzer {

    private static final Logger LOG = Logger.getLogger(ImageAnalyzer.class);

    private static final double[] SCORE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

    static final List<String> DEAD_LETTER_REASONS =
            List.of("BAD_EVENT", "MISSING_OBJECT", "STORE_UNAVAILABLE", "UNDECODABLE", "MODEL_ERROR");

    private final ModelRegistry models;
    private final ImageFetcher fetcher;
    private final FindingFactory findings;
    private final ModelBatchRunner runner;
    private final MeterRegistry metrics;

    ImageAnalyzer(ModelRegistry models, ImageFetcher fetcher, FindingFactory findings, MeterRegistry metrics) {
        this.models = models;
        this.fetcher = fetcher;
        this.findings = findings;
        this.runner = new ModelBatchRunner(metrics);
        this.metrics = metrics;
        // registered at zero so dashboards and alert rules see every reason before the first dead letter
        for (String reason : DEAD_LETTER_REASONS) {
            metrics.counter("radstream.inference.dead.letters", "reason", reason);
        }
    }

    Analysis analyze(List<ConsumerRecord<String, byte[]>> records) {
        Analysis analysis = new Analysis();
        Map<OrtModel, List<WorkItem>> work = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            prepare(record, analysis, work);
        }
        work.forEach((model, items) -> runModel(model, items, analysis));
        return analysis;
    }

    private void prepare(ConsumerRecord<String, byte[]> record, Analysis analysis, Map<OrtModel, List<WorkItem>> work) {
        long dequeued = System.currentTimeMillis();
        ImageArrived arrival;
        try {
            arrival = Topics.IMAGES_STAT.valueSerde().fromBytes(record.value());
        } catch (RuntimeException e) {
            analysis.deadLetter(record, "BAD_EVENT", e.getMessage());
            return;
        }
        List<OrtModel> routed = models.route(arrival.getModality(), arrival.getBodyPart(), arrival.getFormat().name());
        if (routed.isEmpty()) {
            analysis.findings.add(findings.notRouted(arrival));
            return;
        }
        try {
            WorkItem item = fetcher.fetch(record, arrival, dequeued);
            routed.forEach(m -> work.computeIfAbsent(m, k -> new ArrayList<>()).add(item));
        } catch (ObjectNotFoundException e) {
            fail(record, arrival, routed, analysis, "MISSING_OBJECT", e.getMessage());
        } catch (ObjectStoreException e) {
            fail(record, arrival, routed, analysis, "STORE_UNAVAILABLE", e.getMessage());
        } catch (UndecodableImageException e) {
            fail(record, arrival, routed, analysis, "UNDECODABLE", e.getMessage());
        }
    }

    private void runModel(OrtModel model, List<WorkItem> items, Analysis analysis) {
        List<DecodedImage> frames = new ArrayList<>();
        items.forEach(i -> frames.addAll(i.framesFor(model.descriptor().taskName())));
        BatchTiming timing = new BatchTiming();
        try {
            List<Map<String, Tensor>> outputs = runner.run(model, frames, timing);
            int next = 0;
            for (WorkItem item : items) {
                int count = item.framesFor(model.descriptor().taskName()).size();
                List<String> routed = routedIds(item.arrival());
                Finding finding = findings.completed(item, model, routed, outputs.subList(next, next + count),
                        timings(item, timing));
                recordScores(model, finding);
                analysis.findings.add(finding);
                next += count;
            }
        } catch (Exception e) {
            LOG.errorf(e, "Model %s failed on a batch of %d images", model.descriptor().id(), items.size());
            for (WorkItem item : items) {
                analysis.deadLetter(item.record(), "MODEL_ERROR", model.descriptor().id() + ": " + e.getMessage());
                analysis.findings.add(findings.failed(item.arrival(), routedIds(item.arrival()), model.descriptor(),
                        "MODEL_ERROR: " + e.getMessage()));
                metrics.counter("radstream.inference.dead.letters", "reason", "MODEL_ERROR").increment();
            }
        }
    }

    /** Score distribution per model and label, in 0.1-wide buckets, to watch for drift. */
    private void recordScores(OrtModel model, Finding finding) {
        for (LabelScore score : finding.getScores()) {
            DistributionSummary.builder("radstream.inference.score").description("Model output probability")
                    .tag("model", model.descriptor().id()).tag("label", score.getLabel())
                    .serviceLevelObjectives(SCORE_BUCKETS).register(metrics).record(score.getScore());
        }
    }

    private void fail(ConsumerRecord<String, byte[]> record, ImageArrived arrival, List<OrtModel> routed,
                      Analysis analysis, String reason, String message) {
        analysis.deadLetter(record, reason, message);
        analysis.findings.add(findings.failed(arrival, ids(routed), null, reason + ": " + message));
        metrics.counter("radstream.inference.dead.letters", "reason", reason).increment();
    }

    private List<String> routedIds(ImageArrived arrival) {
        return ids(models.route(arrival.getModality(), arrival.getBodyPart(), arrival.getFormat().name()));
    }

    private static List<String> ids(List<OrtModel> routed) {
        return routed.stream().map(m -> m.descriptor().id()).toList();
    }

    private static Timings timings(WorkItem item, BatchTiming timing) {
        long queueWait = Math.max(0, item.dequeued() - item.arrival().getReceivedAt().toEpochMilli());
        return Timings.newBuilder().setQueueWaitMs(queueWait).setFetchMs(item.fetchMs())
                .setPreprocessMs(item.decodeMs() + timing.preprocessMs).setInferenceMs(timing.inferenceMs)
                .setBatchSize(timing.maxBatch).build();
    }
}
