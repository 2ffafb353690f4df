package io.radstream.inference.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import org.jboss.logging.Logger;

import io.radstream.inference.image.DecodedImage;
import io.radstream.inference.model.DeviceSessions;
import io.radstream.inference.model.OrtModel;
import io.radstream.inference.model.Tensor;
import io.radstream.inference.pipeline.ModelBatchRunner.BatchTiming;
import io.radstream.inference.scheduler.BatchScheduler;
import io.radstream.inference.scheduler.BatchScheduler.Batch;
import io.radstream.inference.scheduler.Intake;
import io.radstream.inference.scheduler.PriorityExecutor;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.LabelScore;
import io.radstream.schemas.events.Timings;

/**
 * The inference thread of one device: takes the next due batch from the scheduler, runs it on the
 * device's session of the model and hands the outputs to the finish pool, which turns them into
 * findings. While a routine batch runs in
 * several ONNX Runtime batches, waiting STAT work runs in between, so STAT waits for at most the one
 * ONNX Runtime batch in flight.
 */
final class DeviceWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(DeviceWorker.class);
    private static final long POLL_NANOS = 100_000_000L;

    private final DeviceSessions device;
    private final BatchScheduler<ModelJob> scheduler;
    private final Intake<ImageTask> intake;
    private final ToIntFunction<String> maxBatch;
    private final ModelBatchRunner runner;
    private final FindingFactory findings;
    private final PipelineMetrics metrics;
    private final BusyMeter busy;
    private final PriorityExecutor finish;
    private final Consumer<ImageTask> done;
    private volatile boolean running = true;

    DeviceWorker(DeviceSessions device, BatchScheduler<ModelJob> scheduler, Intake<ImageTask> intake,
                 ToIntFunction<String> maxBatch, FindingFactory findings, PipelineMetrics metrics,
                 PriorityExecutor finish, Consumer<ImageTask> done) {
        this.device = device;
        this.scheduler = scheduler;
        this.intake = intake;
        this.maxBatch = maxBatch;
        this.runner = new ModelBatchRunner(metrics);
        this.findings = findings;
        this.metrics = metrics;
        this.busy = new BusyMeter(metrics, device.requested());
        this.finish = finish;
        this.done = done;
    }

    @Override
    public void run() {
        while (running) {
            try {
                scheduler.next(POLL_NANOS).ifPresent(this::execute);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() {
        running = false;
    }

    private void execute(Batch<ModelJob> batch) {
        intake.signal();
        OrtModel model = device.model(batch.model());
        for (int i = 0; i < batch.jobs().size(); i++) {
            ModelJob job = batch.jobs().get(i);
            metrics.queueWait(job.priority()).record(PipelineMetrics.nanos(batch.waitedNanos().get(i)));
        }
        List<DecodedImage> frames = new ArrayList<>();
        batch.jobs().forEach(j -> frames.addAll(j.inputs()));
        BatchTiming timing = new BatchTiming();
        long started = System.nanoTime();
        try {
            List<Map<String, Tensor>> outputs = runner.run(model, frames, maxBatch.applyAsInt(batch.model()), timing,
                    () -> cutShortFor(batch));
            busy.add(timing.preprocessNanos + timing.inferenceNanos);
            complete(batch, model, outputs, timing);
        } catch (Exception e) {
            busy.add(System.nanoTime() - started);
            LOG.errorf(e, "Model %s failed on a batch of %d images on %s", batch.model(), batch.jobs().size(),
                    device.requested());
            batch.jobs().forEach(j -> failed(j, e));
        }
    }

    /** Between two ONNX Runtime batches of non-STAT work: let waiting STAT work run first. */
    private void cutShortFor(Batch<ModelJob> running) {
        for (var stat = scheduler.preemptFor(running); stat.isPresent(); stat = scheduler.preemptFor(running)) {
            execute(stat.get());
        }
    }

    /** Findings are built (heatmaps, masks, uploads) on the finish pool, best priority first: the device goes on. */
    private void complete(Batch<ModelJob> batch, OrtModel model, List<Map<String, Tensor>> outputs, BatchTiming timing) {
        int next = 0;
        for (ModelJob job : batch.jobs()) {
            List<Map<String, Tensor>> own = outputs.subList(next, next + job.frames());
            Timings timings = timings(job, timing);
            finish.execute(job.priority(), () -> complete(job, model, own, timings));
            next += job.frames();
        }
    }

    private void complete(ModelJob job, OrtModel model, List<Map<String, Tensor>> outputs, Timings timings) {
        try {
            Finding finding = findings.completed(job.item(), model, job.routed(), outputs, timings);
            for (LabelScore s : finding.getScores()) {
                metrics.score(job.model(), s.getLabel()).record(s.getScore());
            }
            finish(job, finding, null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not build the finding of %s", job.model());
            failed(job, e);
        }
    }

    private void failed(ModelJob job, Exception e) {
        metrics.deadLetter("MODEL_ERROR").increment();
        String message = job.model() + ": " + e.getMessage();
        finish(job, findings.failed(job.item().arrival(), job.routed(), job.descriptor(), "MODEL_ERROR: " + message),
                DeadLetters.of(job.task().record, "MODEL_ERROR", message));
    }

    private void finish(ModelJob job, Finding finding, io.radstream.schemas.events.DeadLetter deadLetter) {
        if (job.task().add(finding, deadLetter)) {
            done.accept(job.task());
        }
    }

    private static Timings timings(ModelJob job, BatchTiming timing) {
        WorkItem item = job.item();
        long inProcessWait = Math.max(0, (System.nanoTime() - job.task().polledNanos) / 1_000_000
                - item.fetchMs() - item.decodeMs() - (timing.preprocessNanos + timing.inferenceNanos) / 1_000_000);
        long lag = Math.max(0, item.dequeued() - item.arrival().getReceivedAt().toEpochMilli());
        return Timings.newBuilder().setQueueWaitMs(lag + inProcessWait).setFetchMs(item.fetchMs())
                .setPreprocessMs(item.decodeMs() + timing.preprocessNanos / 1_000_000)
                .setInferenceMs(timing.inferenceNanos / 1_000_000).setBatchSize(timing.maxBatch).build();
    }
}
