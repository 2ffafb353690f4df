package io.radstream.results.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the operations page's live figures. */
@ConfigMapping(prefix = "radstream.results.operations")
public interface OperationsConfig {

    /**
     * Consumer group prefix of inference-service ({@code radstream.inference.consumer-group}); its
     * group for a lane is {@code <prefix>-<lane topic>}.
     */
    @WithDefault("radstream-inference")
    String inferenceGroupPrefix();

    /** Lane offsets are read from Kafka at most this often; requests in between get the last sample. */
    @WithDefault("2s")
    Duration sampleInterval();
}
