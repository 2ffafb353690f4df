package io.radstream.inference.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.radstream.inference.InferenceConfig;

/**
 * The models this service runs: every verified descriptor in the models folder, one ONNX Runtime
 * session each on the configured device, created at start-up. Routing comes from descriptors only.
 */
@Startup
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final List<OrtModel> models = new ArrayList<>();

    public ModelRegistry(InferenceConfig config, MeterRegistry metrics) throws IOException, OrtException {
        OrtDevice device = OrtDevice.parse(config.devices().get(0));
        for (Path file : ModelDescriptors.find(Path.of(config.modelsDir()))) {
            ModelDescriptor descriptor = ModelDescriptors.load(file);
            if (descriptor.benchmarkOnly() && !config.loadBenchmarkModels()) {
                LOG.infof("Skipping %s %s: benchmark-only, never routed clinically", descriptor.id(), descriptor.version());
                continue;
            }
            OrtModel model = new OrtModel(descriptor, ModelDescriptors.onnxFile(file, descriptor), device,
                    config.intraOpThreads());
            LOG.infof("Loaded model %s %s (%s) on %s, sha256 %s", descriptor.id(), descriptor.version(),
                    descriptor.taskName(), model.device(), descriptor.sha256().substring(0, 12));
            metrics.counter("radstream.inference.sessions", "model", descriptor.id(), "device", model.device()).increment();
            models.add(model);
        }
        if (models.isEmpty()) {
            throw new IllegalStateException("No model descriptors found in " + Path.of(config.modelsDir()).toAbsolutePath());
        }
    }

    /** Models whose routing matches the image, in descriptor order. */
    public List<OrtModel> route(String modality, String bodyPart, String format) {
        return models.stream().filter(m -> m.descriptor().routing() != null
                && m.descriptor().routing().matches(modality, bodyPart, format)).toList();
    }

    public List<OrtModel> all() {
        return List.copyOf(models);
    }

    @PreDestroy
    void close() throws OrtException {
        for (OrtModel model : models) {
            model.close();
        }
    }
}
