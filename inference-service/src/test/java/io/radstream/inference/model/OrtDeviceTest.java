package io.radstream.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import ai.onnxruntime.OrtSession;
import io.radstream.localstack.SampleFiles;

class OrtDeviceTest {

    @Test
    void shouldParseCpuAndCudaDevices() {
        assertThat(OrtDevice.parse("cpu").cudaIndex()).isNegative();
        assertThat(OrtDevice.parse(" CUDA:1 ").cudaIndex()).isEqualTo(1);
        assertThatThrownBy(() -> OrtDevice.parse("tpu:0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFallBackToCpuWhenTheCudaProviderIsUnavailable() throws Exception {
        // the CPU build of ONNX Runtime (the default artifact) has no CUDA execution provider
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            assertThat(OrtDevice.parse("cuda:0").configure(options)).isEqualTo("cpu");
        }
        Path descriptor = ModelDescriptors.find(SampleFiles.modelsDir()).get(0);
        ModelDescriptor d = ModelDescriptors.load(descriptor);
        try (OrtModel model = new OrtModel(d, ModelDescriptors.onnxFile(descriptor, d), OrtDevice.parse("cuda:0"), 1)) {
            assertThat(model.device()).isEqualTo("cpu");
        }
    }
}
