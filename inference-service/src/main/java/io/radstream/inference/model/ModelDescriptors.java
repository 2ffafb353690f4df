package io.radstream.inference.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.radstream.storage.Sha256;

/** Finds, parses and verifies {@code model.json} descriptors in a models folder. */
public final class ModelDescriptors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelDescriptors() {
    }

    /** Every {@code <dir>/<id>/model.json}, sorted by id. */
    public static List<Path> find(Path modelsDir) throws IOException {
        if (!Files.isDirectory(modelsDir)) {
            throw new IOException("Models folder " + modelsDir.toAbsolutePath() + " does not exist");
        }
        try (Stream<Path> children = Files.list(modelsDir)) {
            return children.map(d -> d.resolve("model.json")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Parses a descriptor and checks it is complete and that its ONNX file has the declared SHA-256. */
    public static ModelDescriptor load(Path descriptorFile) throws IOException {
        ModelDescriptor d = JSON.readValue(descriptorFile.toFile(), ModelDescriptor.class);
        List<String> problems = new ArrayList<>();
        require(problems, d.id(), "id");
        require(problems, d.version(), "version");
        require(problems, d.onnx(), "onnx");
        require(problems, d.sha256(), "sha256");
        if (d.input() == null || d.input().name() == null) {
            problems.add("input.name");
        } else if (!d.input().impliedShape().equals(d.input().shape())) {
            problems.add("input.shape equal to [-1, channels, height, width] (" + d.input().impliedShape() + ")");
        }
        if (d.outputs() == null) {
            problems.add("outputs");
        }
        if (!List.of(ModelDescriptor.CLASSIFICATION, ModelDescriptor.SEGMENTATION, ModelDescriptor.ENHANCEMENT)
                .contains(d.taskName())) {
            problems.add("task (classification | segmentation | enhancement)");
        }
        if (!problems.isEmpty()) {
            throw new IOException(descriptorFile + " lacks " + String.join(", ", problems));
        }
        String actual = sha256(onnxFile(descriptorFile, d));
        if (!actual.equalsIgnoreCase(d.sha256())) {
            throw new IOException("SHA-256 of " + onnxFile(descriptorFile, d) + " is " + actual + ", descriptor says "
                    + d.sha256() + ": refusing to load a model that is not the one described");
        }
        return d;
    }

    public static Path onnxFile(Path descriptorFile, ModelDescriptor descriptor) {
        return descriptorFile.getParent().resolve(descriptor.onnx()).normalize();
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.hex(in);
        }
    }

    private static void require(List<String> problems, String value, String name) {
        if (value == null || value.isBlank()) {
            problems.add(name);
        }
    }
}
