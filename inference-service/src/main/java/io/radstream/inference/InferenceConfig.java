package io.radstream.inference;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the inference service. */
@ConfigMapping(prefix = "radstream.inference")
public interface InferenceConfig {

    /** Folder holding one sub-folder per model with its {@code model.json} descriptor. */
    @WithDefault("models")
    String modelsDir();

    /**
     * The device pool: {@code cpu}, {@code cuda:0}, {@code cuda:1}, ... Each device gets one session per
     * model and its own inference thread; CUDA falls back to the CPU when its provider is unavailable.
     */
    @WithDefault("cpu")
    List<String> devices();

    /** Also load models whose descriptor says benchmarkOnly (never for clinical routing). */
    @WithDefault("false")
    boolean loadBenchmarkModels();

    /** Intra-op threads of each ONNX Runtime session (0 = ONNX Runtime default). */
    @WithDefault("0")
    int intraOpThreads();

    /**
     * Whether idle ONNX Runtime intra-op threads spin-wait between runs. Off by default: in the service the
     * same cores fetch, decode and talk to Kafka, and spinning threads take their cycles.
     */
    @WithDefault("false")
    boolean intraOpSpinning();

    /** Largest object fetched from the image store. */
    @WithDefault("512M")
    MemorySize maxObjectBytes();

    /** Records taken per poll of a lane. */
    @WithDefault("64")
    int maxPollRecords();

    /**
     * Routine and urgent images held in process (queued, decoding, in a batch, publishing). At this
     * bound the routine lane's partitions are paused; they resume at half of it. STAT is never paused.
     */
    @WithDefault("256")
    int queueCapacity();

    /** Threads fetching and decoding images, highest priority first. */
    @WithDefault("3")
    int fetchThreads();

    /** Threads turning model outputs into findings (heatmaps, masks, uploads), highest priority first. */
    @WithDefault("3")
    int finishThreads();

    /** False runs every model with batches of one (the benchmark's batching on/off comparison). */
    @WithDefault("true")
    boolean batchingEnabled();

    /** Per-model overrides of the descriptor's dynamic batching limits, keyed by model id. */
    Map<String, Batching> batching();

    /** Attempts for transient image-store errors before the image is dead-lettered. */
    @WithDefault("3")
    int fetchAttempts();

    @WithDefault("radstream-inference")
    String consumerGroup();

    /** Dynamic batching limits of one model. */
    interface Batching {
        Optional<Integer> maxBatchSize();

        Optional<Duration> maxQueueDelay();
    }
}
