package io.radstream.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.radstream.inference.image.DecodedImage;
import io.radstream.inference.model.DeviceSessions;
import io.radstream.inference.model.ModelDescriptor;
import io.radstream.inference.model.ModelDescriptors;
import io.radstream.inference.model.OrtDevice;
import io.radstream.inference.model.OrtModel;
import io.radstream.inference.model.Tensor;
import io.radstream.localstack.SampleFiles;

/** Real ONNX Runtime, no broker: a scheduled batch runs in model-sized chunks, with room for STAT in between. */
class ModelBatchRunnerTest {

    @Test
    void shouldRunFramesInChunksOfTheMaxBatchAndOfferEveryGapBetweenThem() throws Exception {
        Path file = SampleFiles.modelsDir().resolve("ct-head-ich").resolve("model.json");
        ModelDescriptor d = ModelDescriptors.load(file);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PipelineMetrics metrics = new PipelineMetrics(registry, List.of(d), List.of("cpu"));
        List<DecodedImage> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(new DecodedImage(64, 64, new float[64 * 64], false, 1, 0, null));
        }
        List<String> events = new ArrayList<>();

        try (DeviceSessions cpu = new DeviceSessions(OrtDevice.parse("cpu"), Map.of(d, ModelDescriptors.onnxFile(file, d)), 1)) {
            OrtModel model = cpu.model(d.id());
            ModelBatchRunner.BatchTiming timing = new ModelBatchRunner.BatchTiming();
            List<Map<String, Tensor>> outputs = new ModelBatchRunner(metrics).run(model, frames, 2, timing,
                    () -> events.add("gap"));

            assertThat(outputs).hasSize(5).allSatisfy(o -> assertThat(o.get("logits").shape()).containsExactly(1, 1));
            assertThat(events).as("a gap between each of the 3 ONNX Runtime batches").containsExactly("gap", "gap");
            assertThat(timing.maxBatch).isEqualTo(2);
        }
        assertThat(registry.get("radstream.inference.batch.size").tag("model", d.id()).summary().count()).isEqualTo(3);
    }
}
