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
