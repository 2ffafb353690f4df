package io.radstream.inference.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.radstream.inference.InferenceConfig;
import io.radstream.inference.model.ModelDescriptor;
import io.radstream.inference.scheduler.BatchScheduler;
import io.radstream.inference.scheduler.BatchScheduler.Limits;

/**
 * Dynamic batching limits per model: the descriptor's {@code batching}, overridden per model by
 * {@code radstream.inference.batching."<id>".max-batch-size / max-queue-delay}; batches of one without
 * delay when {@code radstream.inference.batching-enabled=false}.
 */
final class BatchLimits {

    private final Map<String, Limits> limits = new HashMap<>();

    BatchLimits(InferenceConfig config, List<ModelDescriptor> models) {
        for (ModelDescriptor m : models) {
            InferenceConfig.Batching override = config.batching().get(m.id());
            int size = override == null ? m.maxBatchSize() : override.maxBatchSize().orElse(m.maxBatchSize());
            long delayNanos = override == null || override.maxQueueDelay().isEmpty()
                    ? BatchScheduler.nanos(m.maxQueueDelayMs()) : override.maxQueueDelay().get().toNanos();
            limits.put(m.id(), config.batchingEnabled() ? new Limits(Math.max(1, size), delayNanos) : new Limits(1, 0));
        }
    }

    Limits of(String model) {
        Limits l = limits.get(model);
        if (l == null) {
            throw new IllegalArgumentException("No batching limits for model " + model);
        }
        return l;
    }

    int maxBatch(String model) {
        return of(model).maxBatch();
    }

    int largestBatch() {
        return limits.values().stream().mapToInt(Limits::maxBatch).max().orElse(1);
    }
}
