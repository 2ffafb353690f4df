package io.radstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A models folder holding only the benchmarked model, routed to chest radiograph PNGs: the
 * benchmark-only DenseNet-121 is never routed clinically, so its descriptor is copied with that routing
 * and pointed at the original ONNX file (same SHA-256, so the service verifies it as usual).
 */
final class BenchModels {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchModels() {
    }

    /** The descriptor of a model as read from {@code models/<id>/model.json}. */
    static ObjectNode descriptor(Path modelsDir, String id) throws IOException {
        return (ObjectNode) JSON.readTree(modelsDir.resolve(id).resolve("model.json").toFile());
    }

    /** Writes {@code <dir>/<id>/model.json} routing DX/CR chest PNGs to the model; returns {@code dir}. */
    static Path onlyModel(Path modelsDir, String id, Path dir) throws IOException {
        ObjectNode d = descriptor(modelsDir, id);
        d.put("onnx", modelsDir.resolve(id).resolve(d.path("onnx").asText()).toAbsolutePath().toString());
        d.put("benchmarkOnly", false);
        ObjectNode routing = JSON.createObjectNode();
        routing.set("modalities", array(List.of("DX", "CR")));
        routing.set("bodyParts", array(List.of("CHEST")));
        routing.set("formats", array(List.of("png")));
        d.set("routing", routing);
        Path target = Files.createDirectories(dir.resolve(id));
        JSON.writerWithDefaultPrettyPrinter().writeValue(target.resolve("model.json").toFile(), d);
        return dir;
    }

    static Path onnx(Path modelsDir, String id) throws IOException {
        return modelsDir.resolve(id).resolve(descriptor(modelsDir, id).path("onnx").asText());
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }
}
