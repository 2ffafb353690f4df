package io.radstream.inference.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OrtException;
import io.radstream.inference.image.DecodedImage;
import io.radstream.inference.image.Preprocessor;
import io.radstream.inference.model.OrtModel;
import io.radstream.inference.model.Tensor;

/**
 * Runs one model over the frames of a scheduled batch in ONNX Runtime batches of at most
 * {@code maxBatch} frames; frames of different studies share a batch. Frames of different sizes (fully
 * convolutional models) run in batches of one size each. Between two ONNX Runtime batches the caller
 * may run other work ({@code between}): that is where a routine batch is cut short for STAT work.
 */
final class ModelBatchRunner {

    private final PipelineMetrics metrics;

    ModelBatchRunner(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    /** Outputs per frame, in the order of {@code frames}; timings added to {@code timing}. */
    List<Map<String, Tensor>> run(OrtModel model, List<DecodedImage> frames, int maxBatch, BatchTiming timing,
                                  Runnable between) throws OrtException {
        List<Map<String, Tensor>> results = new ArrayList<>();
        int start = 0;
        while (start < frames.size()) {
            if (start > 0) {
                between.run();
            }
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
                && Arrays.equals(size, Preprocessor.inputSize(model.descriptor(), frames.get(end)))) {
            end++;
        }
        return end;
    }

    private List<Map<String, Tensor>> runBatch(OrtModel model, List<DecodedImage> batch, BatchTiming timing)
            throws OrtException {
        String id = model.descriptor().id();
        long t0 = System.nanoTime();
        int[] size = Preprocessor.inputSize(model.descriptor(), batch.get(0));
        int channels = Math.max(1, model.descriptor().input().channels());
        List<float[]> items = new ArrayList<>(batch.size());
        for (DecodedImage frame : batch) {
            items.add(Preprocessor.toTensor(model.descriptor(), frame));
        }
        long t1 = System.nanoTime();
        Map<String, Tensor> outputs = model.run(new long[] {batch.size(), channels, size[0], size[1]}, items);
        long t2 = System.nanoTime();
        timing.add(t1 - t0, t2 - t1, batch.size());
        metrics.preprocess(id).record(PipelineMetrics.nanos(t1 - t0));
        metrics.run(id, model.device()).record(PipelineMetrics.nanos(t2 - t1));
        metrics.batchSize(id).record(batch.size());
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

    /** Accumulated preprocessing and inference time and the largest batch, for one scheduled batch. */
    static final class BatchTiming {
        long preprocessNanos;
        long inferenceNanos;
        int maxBatch;

        void add(long preprocess, long inference, int batchSize) {
            preprocessNanos += preprocess;
            inferenceNanos += inference;
            maxBatch = Math.max(maxBatch, batchSize);
        }
    }
}
