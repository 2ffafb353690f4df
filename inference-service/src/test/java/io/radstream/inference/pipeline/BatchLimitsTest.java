package io.radstream.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.radstream.inference.InferenceConfig;
import io.radstream.inference.model.ModelDescriptor;
import io.radstream.inference.model.ModelDescriptors;
import io.radstream.inference.scheduler.BatchScheduler;
import io.radstream.inference.scheduler.BatchScheduler.Limits;
import io.radstream.localstack.SampleFiles;

class BatchLimitsTest {

    final List<ModelDescriptor> models = List.of(load("cxr-triage"), load("ct-head-ich"));

    @Test
    void shouldTakeTheDescriptorsBatchingUnlessConfigurationOverridesIt() {
        InferenceConfig.Batching override = batching(Optional.of(32), Optional.of(Duration.ofMillis(40)));
        BatchLimits limits = new BatchLimits(config(true, Map.of("cxr-triage", override)), models);

        assertThat(limits.of("cxr-triage")).isEqualTo(new Limits(32, BatchScheduler.nanos(40)));
        assertThat(limits.of("ct-head-ich")).isEqualTo(new Limits(8, BatchScheduler.nanos(5)));
        assertThat(limits.largestBatch()).isEqualTo(32);
    }

    @Test
    void shouldRunBatchesOfOneWithoutDelayWhenBatchingIsOff() {
        BatchLimits limits = new BatchLimits(config(false, Map.of()), models);

        assertThat(limits.of("cxr-triage")).isEqualTo(new Limits(1, 0));
        assertThat(limits.maxBatch("ct-head-ich")).isEqualTo(1);
    }

    private static ModelDescriptor load(String id) {
        try {
            return ModelDescriptors.load(SampleFiles.modelsDir().resolve(id).resolve("model.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static InferenceConfig config(boolean enabled, Map<String, InferenceConfig.Batching> batching) {
        return (InferenceConfig) Proxy.newProxyInstance(InferenceConfig.class.getClassLoader(),
                new Class<?>[] {InferenceConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "batchingEnabled" -> enabled;
                    case "batching" -> batching;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static InferenceConfig.Batching batching(Optional<Integer> size, Optional<Duration> delay) {
        return new InferenceConfig.Batching() {
            @Override
            public Optional<Integer> maxBatchSize() {
                return size;
            }

            @Override
            public Optional<Duration> maxQueueDelay() {
                return delay;
            }
        };
    }
}
