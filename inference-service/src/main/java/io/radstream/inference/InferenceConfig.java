package io.radstream.inference;

import java.util.List;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of the inference service. */
@ConfigMapping(prefix = "radstream.inference")
public interface InferenceConfig {

    /** Folder holding one sub-folder per model with its {@code model.json} descriptor. */
    @WithDefault("models")
    String modelsDir();

    /** Devices to run on: {@code cpu}, {@code cuda:0}, ... (the first one is used by this version). */
    @WithDefault("cpu")
    List<String> devices();

    /** Also load models whose descriptor says benchmarkOnly (never for clinical routing). */
    @WithDefault("false")
    boolean loadBenchmarkModels();

    /** Intra-op threads of each ONNX Runtime session (0 = ONNX Runtime default). */
    @WithDefault("0")
    int intraOpThreads();

    /** Largest object fetched from the image store. */
    @WithDefault("512M")
    MemorySize maxObjectBytes();

    /** Routine records taken per poll; a STAT record waits for at most one such batch. */
    @WithDefault("16")
    int routineBatchSize();

    /** Attempts for transient image-store errors before the image is dead-lettered. */
    @WithDefault("3")
    int fetchAttempts();

    @WithDefault("radstream-inference")
    String consumerGroup();
}
