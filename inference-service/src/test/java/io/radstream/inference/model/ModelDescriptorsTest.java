package io.radstream.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.radstream.localstack.SampleFiles;

class ModelDescriptorsTest {

    @TempDir
    Path tmp;

    @Test
    void shouldRefuseAModelWhoseBytesDoNotMatchTheDescriptorSha256() throws IOException {
        Path source = ModelDescriptors.find(SampleFiles.modelsDir()).get(0);
        Path dir = Files.createDirectories(tmp.resolve("tampered"));
        Files.copy(source, dir.resolve("model.json"));
        Path onnx = ModelDescriptors.onnxFile(source, ModelDescriptors.load(source));
        byte[] bytes = Files.readAllBytes(onnx);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(dir.resolve(onnx.getFileName()), bytes);

        assertThatThrownBy(() -> ModelDescriptors.load(dir.resolve("model.json")))
                .isInstanceOf(IOException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void shouldRefuseADescriptorWhoseShapeContradictsItsSize() throws IOException {
        Path dir = copyOfModel("cxr-triage", "contradictory");
        Path json = dir.resolve("model.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"height\": 224", "\"height\": 200"));

        assertThatThrownBy(() -> ModelDescriptors.load(json))
                .isInstanceOf(IOException.class).hasMessageContaining("input.shape");
    }

    @Test
    void shouldRefuseToRunAModelWhoseOnnxInputDiffersFromTheDescriptor() throws Exception {
        Path dir = copyOfModel("cxr-triage", "wrong-size");
        Path json = dir.resolve("model.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"height\": 224", "\"height\": 200")
                .replaceFirst("(\"shape\": \\[\\s*-1,\\s*1,\\s*)224", "$1200"));
        ModelDescriptor descriptor = ModelDescriptors.load(json);

        assertThatThrownBy(() -> new OrtModel(descriptor, ModelDescriptors.onnxFile(json, descriptor),
                OrtDevice.parse("cpu"), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit the ONNX input");
    }

    private Path copyOfModel(String id, String name) throws IOException {
        Path source = SampleFiles.modelsDir().resolve(id);
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(source.resolve("model.json"), dir.resolve("model.json"));
        Files.copy(source.resolve("model.onnx"), dir.resolve("model.onnx"));
        return dir;
    }

    @Test
    void shouldRefuseAnIncompleteDescriptor() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("model.json"), "{\"id\":\"x\",\"task\":\"detection\"}");
        assertThatThrownBy(() -> ModelDescriptors.load(dir.resolve("model.json")))
                .isInstanceOf(IOException.class).hasMessageContaining("version").hasMessageContaining("task");
    }

    @Test
    void shouldRouteOnlyMatchingModalityBodyPartAndFormat() {
        var routing = new ModelDescriptor.Routing(java.util.List.of("CR", "DX"), java.util.List.of("CHEST"),
                java.util.List.of("png", "dicom"));
        assertThat(routing.matches("DX", "CHEST", "PNG")).isTrue();
        assertThat(routing.matches("CT", "CHEST", "DICOM")).isFalse();
        assertThat(routing.matches("CR", null, "PNG")).isFalse();
        assertThat(routing.matches("CR", "CHEST", "JPEG")).isFalse();
    }

    @Test
    void shouldRouteNothingWithoutModalitiesAndAnyBodyPartOrFormatWhenThoseListsAreEmpty() {
        var never = new ModelDescriptor.Routing(java.util.List.of(), java.util.List.of(), java.util.List.of());
        var anyBodyPart = new ModelDescriptor.Routing(java.util.List.of("MR"), java.util.List.of(), java.util.List.of());
        assertThat(never.matches("CR", "CHEST", "PNG")).isFalse();
        assertThat(anyBodyPart.matches("MR", null, "DICOM")).isTrue();
        assertThat(anyBodyPart.matches("CT", null, "DICOM")).isFalse();
    }
}
