package io.radstream.inference.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtException;

/**
 * One device of the pool: an ONNX Runtime session per model, created once at start-up and reused by
 * the device's own inference thread (sessions are not shared between devices).
 */
public final class DeviceSessions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeviceSessions.class);

    /** Execution providers as reported in logs and the {@code radstream_inference_device_info} gauge. */
    public static final String CUDA = "CUDA";
    public static final String CPU = "CPU";

    private final String requested;
    private final Map<String, OrtModel> models = new LinkedHashMap<>();
    private String device;

    /** Creates the sessions of every model on the device; {@code onnxFiles} in descriptor order. */
    public DeviceSessions(OrtDevice requested, Map<ModelDescriptor, Path> onnxFiles, int intraOpThreads) throws OrtException {
        this(requested, onnxFiles, intraOpThreads, true);
    }

    /** As above; {@code spinning}: whether idle ONNX Runtime intra-op threads spin-wait. */
    public DeviceSessions(OrtDevice requested, Map<ModelDescriptor, Path> onnxFiles, int intraOpThreads, boolean spinning)
            throws OrtException {
        this.requested = requested.name();
        try {
            for (Map.Entry<ModelDescriptor, Path> e : onnxFiles.entrySet()) {
                OrtModel model = new OrtModel(e.getKey(), e.getValue(), requested, intraOpThreads, spinning);
                models.put(e.getKey().id(), model);
                device = model.device();
            }
        } catch (OrtException | RuntimeException e) {
            close();
            throw e;
        }
        if (device == null) {
            device = requested.cudaIndex() < 0 ? "cpu" : requested.name();
        }
        if (requested.cudaIndex() >= 0 && CPU.equals(provider())) {
            LOG.warnf("Device %s: CUDA execution provider NOT available (CPU build of ONNX Runtime, or no GPU): "
                    + "its %d sessions run on the CPU", this.requested, models.size());
        } else {
            LOG.infof("Device %s: %s execution provider, %d sessions", this.requested, provider(), models.size());
        }
    }

    /** The device as configured, e.g. {@code cuda:0}. */
    public String requested() {
        return requested;
    }

    /** The device the sessions actually run on: {@code cpu} after a CUDA fallback. */
    public String device() {
        return device;
    }

    public String provider() {
        return device.startsWith("cuda") ? CUDA : CPU;
    }

    /** The session of a model on this device. */
    public OrtModel model(String modelId) {
        OrtModel model = models.get(modelId);
        if (model == null) {
            throw new IllegalArgumentException("No session of model " + modelId + " on " + requested);
        }
        return model;
    }

    public List<OrtModel> models() {
        return List.copyOf(models.values());
    }

    @Override
    public void close() throws OrtException {
        for (OrtModel model : models.values()) {
            model.close();
        }
    }
}
