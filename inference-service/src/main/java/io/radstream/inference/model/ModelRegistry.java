package io.radstream.inference.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.radstream.inference.InferenceConfig;

/**
 * The models this service runs and the device pool they run on: every verified descriptor in the
 * models folder, with one ONNX Runtime session per model per configured device, all created at
 * start-up. Routing comes from descriptors only.
 */
@Startup
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final List<ModelDescriptor> descriptors = new ArrayList<>();
    private final List<DeviceSessions> devices = new ArrayList<>();

    public ModelRegistry(InferenceConfig config, MeterRegistry metrics) throws IOException, OrtException {
        Map<ModelDescriptor, Path> onnxFiles = load(config);
        try {
            for (String spec : config.devices()) {
                DeviceSessions device = new DeviceSessions(OrtDevice.parse(spec), onnxFiles, config.intraOpThreads(),
                        config.intraOpSpinning());
                devices.add(device);
                Gauge.builder("radstream.inference.device.info", () -> 1)
                        .description("Configured inference devices and the execution provider each one runs on")
                        .tags("device", device.requested(), "provider", device.provider()).register(metrics);
                device.models().forEach(m -> metrics.counter("radstream.inference.sessions", "model",
                        m.descriptor().id(), "device", device.requested()).increment());
            }
        } catch (OrtException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Map<ModelDescriptor, Path> load(InferenceConfig config) throws IOException {
        Map<ModelDescriptor, Path> onnxFiles = new LinkedHashMap<>();
        for (Path file : ModelDescriptors.find(Path.of(config.modelsDir()))) {
            ModelDescriptor descriptor = ModelDescriptors.load(file);
            if (descriptor.benchmarkOnly() && !config.loadBenchmarkModels()) {
                LOG.infof("Skipping %s %s: benchmark-only, never routed clinically", descriptor.id(), descriptor.version());
                continue;
            }
            LOG.infof("Model %s %s (%s), sha256 %s, batches up to %d within %d ms", descriptor.id(), descriptor.version(),
                    descriptor.taskName(), descriptor.sha256().substring(0, 12), descriptor.maxBatchSize(),
                    descriptor.maxQueueDelayMs());
            descriptors.add(descriptor);
            onnxFiles.put(descriptor, ModelDescriptors.onnxFile(file, descriptor));
        }
        if (descriptors.isEmpty()) {
            throw new IllegalStateException("No model descriptors found in " + Path.of(config.modelsDir()).toAbsolutePath());
        }
        return onnxFiles;
    }

    /** Models whose routing matches the image, in descriptor order. */
    public List<ModelDescriptor> route(String modality, String bodyPart, String format) {
        return descriptors.stream().filter(d -> d.routing() != null && d.routing().matches(modality, bodyPart, format))
                .toList();
    }

    public List<ModelDescriptor> all() {
        return List.copyOf(descriptors);
    }

    /** The device pool, in configuration order. */
    public List<DeviceSessions> devices() {
        return List.copyOf(devices);
    }

    @PreDestroy
    void close() throws OrtException {
        for (DeviceSessions device : devices) {
            device.close();
        }
    }
}
