package io.radstream.inference.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.radstream.inference.image.ImageDecoder.UndecodableImageException;
import io.radstream.inference.model.ModelDescriptor;
import io.radstream.inference.model.ModelRegistry;
import io.radstream.inference.scheduler.BatchScheduler;
import io.radstream.inference.scheduler.Intake;
import io.radstream.inference.scheduler.StatGate;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.Priority;
import io.radstream.storage.ObjectNotFoundException;
import io.radstream.storage.ObjectStoreException;
import io.radstream.storage.ObjectTooLargeException;

/**
 * The fetch threads: take the best polled record from the intake (non-STAT records only while the
 * decoded queue has room and no STAT image is in process), parse and route it, fetch and decode
 * the image, and hand one job per routed model to the batch scheduler. Images no model applies to,
 * unreadable events and images that cannot be fetched or decoded complete here (finding and/or dead
 * letter), so nothing is dropped and no poison record blocks its partition.
 */
final class PrepStage {

    private static final Logger LOG = Logger.getLogger(PrepStage.class);
    private static final long POLL_NANOS = 20_000_000L;

    private final Intake<ImageTask> intake;
    private final BatchScheduler<ModelJob> scheduler;
    private final ModelRegistry models;
    private final ImageFetcher fetcher;
    private final FindingFactory findings;
    private final PipelineMetrics metrics;
    private final Consumer<ImageTask> done;
    private final int prefetch;
    private final StatGate gate;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    PrepStage(Intake<ImageTask> intake, BatchScheduler<ModelJob> scheduler, ModelRegistry models, ImageFetcher fetcher,
              FindingFactory findings, PipelineMetrics metrics, Consumer<ImageTask> done, int prefetch, StatGate gate) {
        this.intake = intake;
        this.scheduler = scheduler;
        this.models = models;
        this.fetcher = fetcher;
        this.findings = findings;
        this.metrics = metrics;
        this.done = done;
        this.prefetch = prefetch;
        this.gate = gate;
    }

    void start(int count) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::loop, "inference-fetch-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop() {
        while (running) {
            try {
                ImageTask task = intake.take(() -> scheduler.depth() < prefetch && !gate.active(), POLL_NANOS);
                if (task != null) {
                    prepare(task);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Fetch thread failed unexpectedly; continuing", e);
            }
        }
    }

    void prepare(ImageTask task) {
        ImageArrived arrival;
        try {
            arrival = Topics.IMAGES_STAT.valueSerde().fromBytes(task.record.value());
        } catch (RuntimeException e) {
            fail(task, null, List.of(), "BAD_EVENT", e.getMessage());
            return;
        }
        task.parsed(arrival);
        if (arrival.getPriority() == Priority.STAT) {
            task.gated();
            gate.enter();
        }
        List<ModelDescriptor> routed = models.route(arrival.getModality(), arrival.getBodyPart(),
                arrival.getFormat().name());
        if (routed.isEmpty()) {
            complete(task, findings.notRouted(arrival));
            return;
        }
        List<String> ids = routed.stream().map(ModelDescriptor::id).toList();
        try {
            WorkItem item = fetcher.fetch(task.record, arrival, task.polledMillis);
            task.expect(routed.size());
            routed.forEach(d -> scheduler.submit(new ModelJob(task, item, d, ids)));
        } catch (ObjectNotFoundException e) {
            fail(task, arrival, ids, "MISSING_OBJECT", e.getMessage());
        } catch (ObjectTooLargeException e) {
            fail(task, arrival, ids, "TOO_LARGE", e.getMessage());
        } catch (ObjectStoreException e) {
            fail(task, arrival, ids, "STORE_UNAVAILABLE", e.getMessage());
        } catch (UndecodableImageException e) {
            fail(task, arrival, ids, "UNDECODABLE", e.getMessage());
        } catch (RuntimeException e) {
            fail(task, arrival, ids, "UNDECODABLE", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void complete(ImageTask task, io.radstream.schemas.events.Finding finding) {
        if (task.add(finding, null)) {
            done.accept(task);
        }
    }

    private void fail(ImageTask task, ImageArrived arrival, List<String> routed, String reason, String message) {
        metrics.deadLetter(reason).increment();
        var finding = arrival == null ? null : findings.failed(arrival, routed, null, reason + ": " + message);
        if (task.add(finding, DeadLetters.of(task.record, reason, message))) {
            done.accept(task);
        }
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
            t.join(5_000);
        }
    }
}
