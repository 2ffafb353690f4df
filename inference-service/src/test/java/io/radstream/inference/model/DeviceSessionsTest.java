package io.radstream.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.radstream.localstack.SampleFiles;

/** The device pool's sessions on the CPU build of ONNX Runtime (the default artifact; CI has no GPU). */
class DeviceSessionsTest {

    @Test
    void shouldFallBackToTheCpuWhenCudaIsRequestedButUnavailableAndStillRunEveryModel() throws Exception {
        Map<ModelDescriptor, Path> models = models("cxr-triage", "ct-head-ich");

        try (DeviceSessions cuda = new DeviceSessions(OrtDevice.parse("cuda:0"), models, 1)) {
            assertThat(cuda.requested()).isEqualTo("cuda:0");
            assertThat(cuda.device()).isEqualTo("cpu");
            assertThat(cuda.provider()).isEqualTo(DeviceSessions.CPU);
            assertThat(cuda.models()).hasSize(2).allSatisfy(m -> assertThat(m.device()).isEqualTo("cpu"));
            OrtModel ct = cuda.model("ct-head-ich");
            Map<String, Tensor> out = ct.run(new long[] {2, 1, 128, 128}, List.of(new float[128 * 128], new float[128 * 128]));
            assertThat(out.get("logits").shape()).containsExactly(2, 1);
        }
    }

    @Test
    void shouldCreateOneSessionPerModelOnceAndReuseIt() throws Exception {
        try (DeviceSessions cpu = new DeviceSessions(OrtDevice.parse("cpu"), models("cxr-triage"), 1)) {
            assertThat(cpu.provider()).isEqualTo(DeviceSessions.CPU);
            assertThat(cpu.model("cxr-triage")).isSameAs(cpu.model("cxr-triage"));
            assertThatThrownBy(() -> cpu.model("unknown")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    static Map<ModelDescriptor, Path> models(String... ids) throws Exception {
        Map<ModelDescriptor, Path> models = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            Path file = SampleFiles.modelsDir().resolve(id).resolve("model.json");
            ModelDescriptor d = ModelDescriptors.load(file);
            models.put(d, ModelDescriptors.onnxFile(file, d));
        }
        return models;
    }
}
