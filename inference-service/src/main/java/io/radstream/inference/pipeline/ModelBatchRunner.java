package io.radstream.inference.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OrtException;
import io.micrometer.core.instrument.MeterRegistry;
import io.radstream.inference.image.DecodedImage;
import io.radstream.inference.image.Preprocessor;
import io.radstream.inference.model.OrtModel;
import io.radstream.inference.model.Tensor;

/**
 * Runs one model over the frames of many images in batches of at most the model's max batch size;
 * frames of different studies share a batch. Frames of different sizes (fully convolutional models)
 * run in batches of one size each.
 */
final class ModelBatchRunner {

    private final MeterRegistry metrics;

    ModelBatchRunner(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** Outputs per frame, in the order of {@code frames}; timings added to {@code timing}. */
    List<Map<String, Tensor>> run(OrtModel model, List<DecodedImage> frames, BatchTiming timing) throws OrtException {
        List<Map<String, Tensor>> results = new ArrayList<>();
        int maxBatch = model.descriptor().maxBatchSize();
        int start = 0;
        while (start < frames.size()) {
            int end = batchEnd(model, frames, start, maxBatch);
            results.addAll(runBatch(model, frames.subList(start, end), timing));
            start = end;
        }
        return results;
    }

    private static int batchEnd(OrtModel model, List<DecodedImage> frames, int start, int maxBatch) {
        int[] size = Preprocessor.inputSize(model.descriptor(), frames.get(start));
        int end = start + 1;
        while (end < frames.size() && end - start < maxBatch
                && java.util.Arrays.equals(size, Preprocessor.inputSize(model.descriptor(), frames.get(end)))) {
            end++;
        }
        return end;
    }

    private List<Map<String, Tensor>> runBatch(OrtModel model, List<DecodedImage> batch, BatchTiming timing)
            throws OrtException {
        long t0 = System.nanoTime();
        int[] size = Preprocessor.inputSize(model.descriptor(), batch.get(0));
        int channels = Math.max(1, model.descriptor().input().channels());
        int itemSize = channels * size[0] * size[1];
        float[] input = new float[batch.size() * itemSize];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(Preprocessor.toTensor(model.descriptor(), batch.get(i)), 0, input, i * itemSize, itemSize);
        }
        long t1 = System.nanoTime();
        Map<String, Tensor> outputs = model.run(input, new long[] {batch.size(), channels, size[0], size[1]});
        long t2 = System.nanoTime();
        timing.add((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, batch.size());
        metrics.summary("radstream.inference.batch.size", "model", model.descriptor().id()).record(batch.size());
        metrics.timer("radstream.inference.run", "model", model.descriptor().id())
                .record(java.time.Duration.ofNanos(t2 - t1));
        return split(outputs, batch.size());
    }

    private static List<Map<String, Tensor>> split(Map<String, Tensor> outputs, int items) {
        List<Map<String, Tensor>> perItem = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            Map<String, Tensor> item = new HashMap<>();
            for (Map.Entry<String, Tensor> e : outputs.entrySet()) {
                long[] shape = e.getValue().shape().clone();
                shape[0] = 1;
                item.put(e.getKey(), new Tensor(shape, e.getValue().item(i)));
            }
            perItem.add(item);
        }
        return perItem;
    }

    /** Accumulated preprocessing and inference time and the largest batch, for one model over one poll. */
    static final class BatchTiming {
        long preprocessMs;
        long inferenceMs;
        int maxBatch;

        void add(long preprocess, long inference, int batchSize) {
            preprocessMs += preprocess;
            inferenceMs += inference;
            maxBatch = Math.max(maxBatch, batchSize);
        }
    }
}
