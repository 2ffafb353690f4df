package io.radstream.inference.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.StartupEvent;
import io.radstream.inference.InferenceConfig;
import io.radstream.inference.model.DeviceSessions;
import io.radstream.inference.model.ModelRegistry;
import io.radstream.inference.scheduler.Backpressure;
import io.radstream.inference.scheduler.BatchScheduler;
import io.radstream.inference.scheduler.Intake;
import io.radstream.inference.scheduler.PriorityExecutor;
import io.radstream.inference.scheduler.StatGate;
import io.radstream.schemas.Topic;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.Priority;
import io.radstream.storage.ObjectStore;

/**
 * Wires the stages: the consumer thread ({@link LaneConsumer}) puts polled records into the priority
 * intake; fetch threads ({@link PrepStage}) decode them into per-model jobs for the batch scheduler;
 * one inference thread per device ({@link DeviceWorker}) runs the batches; a finish pool builds the
 * findings (derived images written to S3), best priority first; the publisher reports
 * acknowledged images back to the consumer thread, which commits their offsets (at least once; finding
 * ids are deterministic, so redelivery is harmless downstream).
 */
@ApplicationScoped
public class InferencePipeline {

    private final InferenceConfig config;
    private final String bootstrapServers;
    private final ModelRegistry models;
    private final ObjectStore store;
    private final PipelineMetrics metrics;
    private final BatchLimits limits;
    private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();
    private final List<DeviceWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Thread lanesThread;
    private EventPublisher publisher;
    private LaneConsumer lanes;
    private PrepStage prep;
    private PriorityExecutor finish;
    private final StatGate gate = new StatGate();

    public InferencePipeline(InferenceConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                             ModelRegistry models, ObjectStore store, MeterRegistry registry) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.models = models;
        this.store = store;
        this.limits = new BatchLimits(config, models.all());
        this.metrics = new PipelineMetrics(registry, models.all(),
                models.devices().stream().map(DeviceSessions::device).distinct().toList());
    }

    void start(@Observes StartupEvent event) {
        BatchScheduler<ModelJob> scheduler = new BatchScheduler<>(limits::of, System::nanoTime, gate::active);
        Intake<ImageTask> intake = new Intake<>();
        for (Priority p : Priority.values()) {
            metrics.gauge("radstream.inference.queue.depth", "Images waiting for a batch", "priority", p.name(),
                    () -> scheduler.depth(p));
        }
        metrics.gauge("radstream.inference.stage.depth", "Images waiting for a thread of the stage", "stage", "fetch",
                intake::size);
        publisher = new EventPublisher(bootstrapServers);
        lanes = new LaneConsumer(this::consumer, intake, new Backpressure(config.queueCapacity()), metrics);
        FindingFactory findings = new FindingFactory(new ArtifactStore(store));
        ImageFetcher fetcher = new ImageFetcher(store, config.maxObjectBytes().asLongValue(), config.fetchAttempts(),
                metrics.registry());
        int prefetch = models.devices().size() * 2 * limits.largestBatch();
        prep = new PrepStage(intake, scheduler, models, fetcher, findings, metrics, this::publish, prefetch, gate);
        finish = new PriorityExecutor("inference-finish", config.finishThreads());
        metrics.gauge("radstream.inference.stage.depth", "Images waiting for a thread of the stage", "stage", "finish",
                finish::waiting);
        for (DeviceSessions device : models.devices()) {
            DeviceWorker worker = new DeviceWorker(device, scheduler, intake, limits::maxBatch, findings, metrics,
                    finish, this::publish);
            workers.add(worker);
            threads.add(new Thread(worker, "inference-" + device.requested()));
        }
        lanesThread = new Thread(lanes, "inference-lanes");
        prep.start(config.fetchThreads());
        threads.forEach(Thread::start);
        lanesThread.start();
    }

    private void publish(ImageTask task) {
        long started = System.nanoTime();
        publisher.publish(task.findings(), task.deadLetters(), () -> {
            metrics.publish().record(PipelineMetrics.nanos(System.nanoTime() - started));
            recordUploadToFinding(task.arrival());
            if (task.holdsStatGate()) {
                gate.leave();
            }
            lanes.acknowledged(task);
        });
    }

    private void recordUploadToFinding(ImageArrived arrival) {
        if (arrival != null) {
            Duration sinceUpload = Duration.between(arrival.getReceivedAt(), Instant.now());
            if (!sinceUpload.isNegative()) { // clocks of ingest and inference hosts may differ slightly
                metrics.uploadToFinding(arrival.getPriority()).record(sinceUpload);
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer(Topic<?> lane, ConsumerRebalanceListener listener) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup() + "-" + lane.name(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords(),
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000,
                ConsumerConfig.CLIENT_ID_CONFIG, "radstream-inference-" + lane.name()),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(lane.name()), listener);
        KafkaClientMetrics kafkaMetrics = new KafkaClientMetrics(consumer, List.of(Tag.of("lane", lane.name())));
        kafkaMetrics.bindTo(metrics.registry());
        clientMetrics.add(kafkaMetrics);
        return consumer;
    }

    /**
     * The consumer thread is woken, not interrupted, so its consumers commit and leave their groups cleanly
     * (an interrupted close leaves a member behind that stalls the next rebalance); then the other stages stop.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        if (lanes == null) {
            return;
        }
        lanes.stop();
        lanesThread.join(30_000);
        prep.stop();
        workers.forEach(DeviceWorker::stop);
        for (Thread t : threads) {
            t.interrupt();
            t.join(10_000);
        }
        finish.shutdown();
        publisher.close();
        clientMetrics.forEach(KafkaClientMetrics::close);
    }
}
