package io.radstream.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.radstream.localstack.SampleFiles;

/**
 * Every committed model loads from its descriptor alone (SHA-256 verified) and ONNX Runtime Java
 * reproduces the golden outputs the training code recorded, within |a - b| <= atol + rtol * |b|.
 */
class ModelParityTest {

    static List<Path> descriptors() throws IOException {
        return ModelDescriptors.find(SampleFiles.modelsDir());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void shouldReproduceTheGoldenOutputsWithOnnxRuntimeJava(Path descriptorFile) throws Exception {
        ModelDescriptor descriptor = ModelDescriptors.load(descriptorFile);
        JsonNode golden = new ObjectMapper().readTree(descriptorFile.resolveSibling("golden").resolve("golden.json").toFile());
        long[] shape = shape(golden.path("input").path("shape"));
        float[] input = input(descriptorFile.resolveSibling("golden"), golden.path("input"), shape);
        double rtol = golden.path("rtol").asDouble();
        double atol = golden.path("atol").asDouble();

        try (OrtModel model = new OrtModel(descriptor, ModelDescriptors.onnxFile(descriptorFile, descriptor),
                OrtDevice.parse("cpu"), 0)) {
            Map<String, Tensor> outputs = model.run(input, shape);
            for (var expected : (Iterable<Map.Entry<String, JsonNode>>) golden.path("outputs")::fields) {
                Tensor actual = outputs.get(expected.getKey());
                assertThat(actual).as("output %s", expected.getKey()).isNotNull();
                assertThat(actual.shape()).isEqualTo(shape(expected.getValue().path("shape")));
                float[] want = floats(descriptorFile.resolveSibling("golden").resolve(expected.getValue().path("file").asText()));
                assertThat(actual.data()).hasSameSizeAs(want);
                for (int i = 0; i < want.length; i++) {
                    double tolerance = atol + rtol * Math.abs(want[i]);
                    assertThat((double) actual.data()[i]).as("%s %s[%d]", descriptor.id(), expected.getKey(), i)
                            .isCloseTo(want[i], org.assertj.core.data.Offset.offset(tolerance));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void shouldDescribeEveryLabelWithAThresholdAndUrgency(Path descriptorFile) throws IOException {
        ModelDescriptor d = ModelDescriptors.load(descriptorFile);
        assertThat(d.outputs().labels()).allSatisfy(label -> {
            assertThat(label.threshold()).isBetween(0.0, 1.0);
            assertThat(label.urgency()).isIn("STAT", "URGENT", "ROUTINE");
        });
        if (d.benchmarkOnly()) {
            assertThat(d.routing() == null || d.routing().modalities() == null || d.routing().modalities().isEmpty())
                    .as("benchmark-only models are never routed clinically").isTrue();
        }
    }

    private static float[] input(Path dir, JsonNode input, long[] shape) throws IOException {
        if (!input.path("file").isNull() && !input.path("file").isMissingNode()) {
            return floats(dir.resolve(input.path("file").asText()));
        }
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (((i * 7919L) % 1000) / 1000.0 - 0.5); // the pattern golden.json names
        }
        return values;
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    private static long[] shape(JsonNode node) {
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get(i).asLong();
        }
        return shape;
    }
}
