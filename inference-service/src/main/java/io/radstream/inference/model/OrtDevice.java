package io.radstream.inference.model;

import java.util.Locale;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * A device from configuration: {@code cpu} or {@code cuda:N}. CUDA uses the CUDA execution provider
 * when the GPU build of ONNX Runtime ({@code -Pgpu}) and a GPU are present, and falls back to the CPU
 * with a clear log line otherwise.
 */
public record OrtDevice(String name, int cudaIndex) {

    private static final Logger LOG = Logger.getLogger(OrtDevice.class);

    public static OrtDevice parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return new OrtDevice("cpu", -1);
        }
        if (s.matches("cuda:\\d+")) {
            return new OrtDevice(s, Integer.parseInt(s.substring(5)));
        }
        throw new IllegalArgumentException("Unknown device '" + spec + "': use cpu or cuda:N");
    }

    /** Adds the execution provider to the options; returns the device actually used. */
    String configure(OrtSession.SessionOptions options) {
        if (cudaIndex < 0) {
            return "cpu";
        }
        try {
            options.addCUDA(cudaIndex);
            return name;
        } catch (OrtException | UnsatisfiedLinkError | IllegalArgumentException e) {
            LOG.warnf("CUDA execution provider unavailable for %s (%s); falling back to CPU", name, e.getMessage());
            return "cpu";
        }
    }
}
